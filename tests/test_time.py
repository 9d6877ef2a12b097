"""Time points at the precision the plan gives, and month arithmetic at month ends."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.model.time import Precision, TimePoint, add_months


@pytest.mark.parametrize(
    ("code", "first", "last", "precision", "label"),
    [
        ("2024", "2024-01-01", "2024-12-31", Precision.YEAR, "2024"),
        ("2024-vt", "2024-01-01", "2024-06-30", Precision.HALF, "vt 2024"),
        ("2023-ht", "2023-07-01", "2023-12-31", Precision.HALF, "ht 2023"),
        ("2023-Q4", "2023-10-01", "2023-12-31", Precision.QUARTER, "Q4 2023"),
        ("2024-02", "2024-02-01", "2024-02-29", Precision.MONTH, "februari 2024"),
        ("2024-06-30", "2024-06-30", "2024-06-30", Precision.DAY, "2024-06-30"),
    ],
)
def test_time_point_spans(code: str, first: str, last: str, precision: Precision, label: str) -> None:
    """Each written form covers the right days and reads back in Swedish."""
    point = TimePoint.parse(code)
    assert (point.first_day.isoformat(), point.last_day.isoformat()) == (first, last)
    assert point.precision is precision
    assert point.label == label


def test_year_as_number() -> None:
    """An unquoted year (read as a number) is a year."""
    assert TimePoint.parse(2025).precision is Precision.YEAR


@pytest.mark.parametrize("text", ["2024-Q5", "2024-13", "hösten 2024", "2024-02-30"])
def test_invalid_time_points(text: str) -> None:
    """Impossible or unknown forms are refused with a Swedish reason."""
    with pytest.raises(ValueError, match=r"okänd tidpunkt|finns inte|omöjligt datum"):
        TimePoint.parse(text)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2025-08-31", -24, "2023-08-31"),
        ("2025-08-31", -6, "2025-02-28"),
        ("2024-02-29", -12, "2023-02-28"),
        ("2023-02-28", 12, "2024-02-29"),
        ("2025-12-06", -18, "2024-06-06"),
        ("2024-01-31", 1, "2024-02-29"),
    ],
)
def test_add_months_at_month_ends(day: str, months: int, expected: str) -> None:
    """Month arithmetic clamps to the month's end and keeps a month's last day the last day."""
    assert add_months(dt.date.fromisoformat(day), months).isoformat() == expected
