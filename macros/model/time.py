"""Points in time at the precision the plan gives them, and month arithmetic.

The plan says "2023-Q4", "ht 2023", "juni 2024", "under 2024" or an exact date. A
`TimePoint` keeps that precision: it covers a span from its first to its last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from macros.model.base import MONTH_NAMES, check_year, parse_iso_date


class Precision(Enum):
    """How exactly a time point is known."""

    YEAR = "år"
    HALF = "halvår"
    QUARTER = "kvartal"
    MONTH = "månad"
    DAY = "dag"


_PATTERNS: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"^(\d{4})$"), Precision.YEAR),
    (re.compile(r"^(\d{4})-(vt|ht)$"), Precision.HALF),
    (re.compile(r"^(\d{4})-Q([1-4])$"), Precision.QUARTER),
    (re.compile(r"^(\d{4})-(\d{2})$"), Precision.MONTH),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), Precision.DAY),
)


def add_months(day: dt.date, months: int) -> dt.date:
    """Move `day` by whole months, keeping the day but clamping to the month's end.

    2025-08-31 minus 6 months is 2025-02-28; the last day of a month stays the last day.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    was_last = day.day == calendar.monthrange(day.year, day.month)[1]
    return dt.date(year, month + 1, last if was_last else min(day.day, last))


@dataclass(frozen=True, order=True)
class TimePoint:
    """A span of time named at one precision: a year, half-year, quarter, month or day."""

    first_day: dt.date
    last_day: dt.date
    precision: Precision
    code: str

    @classmethod
    def parse(cls, value: object) -> TimePoint:
        """Read `2024`, `2024-vt`, `2024-ht`, `2024-Q3`, `2024-06` or `2024-06-30`."""
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if isinstance(text, dt.date):
            check_year(text.year, text.isoformat())
            return cls(text, text, Precision.DAY, text.isoformat())
        if not isinstance(text, str):
            raise ValueError(
                f"ska vara en tidpunkt som 2024, 2024-ht, 2024-Q3, 2024-06 eller 2024-06-30, inte {value!r}"
            )
        for pattern, precision in _PATTERNS:
            if match := pattern.match(text):
                return cls._from_match(match, precision, text)
        raise ValueError(f"okänd tidpunkt {text!r}: skriv 2024, 2024-vt, 2024-ht, 2024-Q3, 2024-06 eller 2024-06-30")

    @classmethod
    def _from_match(cls, match: re.Match[str], precision: Precision, text: str) -> TimePoint:
        """Build the span for a matched pattern."""
        year = int(match.group(1))
        check_year(year, text)
        if precision is Precision.DAY:
            day = parse_iso_date(text)
            return cls(day, day, precision, text)
        if precision is Precision.YEAR:
            first_month, months = 1, 12
        elif precision is Precision.HALF:
            first_month, months = (1 if match.group(2) == "vt" else 7), 6
        elif precision is Precision.QUARTER:
            first_month, months = 3 * int(match.group(2)) - 2, 3
        else:
            first_month, months = int(match.group(2)), 1
            if not 1 <= first_month <= 12:
                raise ValueError(f"omöjlig månad i {text!r}: månad {first_month} finns inte")
        first = dt.date(year, first_month, 1)
        last = add_months(first, months) - dt.timedelta(days=1)
        return cls(first, last, precision, text)

    @property
    def label(self) -> str:
        """The point as a reader says it in Swedish: "Q4 2023", "ht 2023", "juni 2024"."""
        year = self.first_day.year
        if self.precision is Precision.YEAR:
            return str(year)
        if self.precision is Precision.HALF:
            return f"{'vt' if self.first_day.month == 1 else 'ht'} {year}"
        if self.precision is Precision.QUARTER:
            return f"Q{(self.first_day.month + 2) // 3} {year}"
        if self.precision is Precision.MONTH:
            return f"{MONTH_NAMES[self.first_day.month - 1]} {year}"
        return self.first_day.isoformat()

    def __str__(self) -> str:
        return self.code


TimePointField = Annotated[
    TimePoint,
    BeforeValidator(TimePoint.parse),
    PlainSerializer(lambda point: point.code, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                {
                    "type": "string",
                    "pattern": r"^\d{4}(-(vt|ht|Q[1-4]|\d{2}(-\d{2})?))?$",
                },
            ],
            "description": "Tidpunkt med den precision källan ger: 2024, 2024-vt, 2024-ht, 2024-Q3, 2024-06 eller 2024-06-30.",
        }
    ),
]
