"""The check's messages for follow-up: status written into an activity is sent to the guide,
an unknown key is never "corrected" to itself, and a report that names an activity or a
nyckeltal by its number or a wrong id gets the id to write."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.validation.messages import GUIDE_PAGE
from tests.conftest import DataCopy
from tests.test_validation import ACTIVITIES, STRATEGIES, finding

FOLLOW_UP = "planer/exempel/uppfoljning.yml"
INDICATORS = "planer/exempel/nyckeltal.yml"


def report(activity: str) -> str:
    """A status report naming `activity` as written in YAML."""
    return f"  - aktivitet: {activity}\n    datum: 2024-04-01\n    status: pågår\n    rapporterad_av: anna-ek\n"


def test_status_in_an_activity_points_to_the_guide(data: DataCopy) -> None:
    """`status:` written into an activity says that status is reported in uppfoljning.yml, and how."""
    data.replace(ACTIVITIES, "    prioritet: 1\n", "    prioritet: 1\n    status: pågår\n")
    result = data.load()
    line = data.line_of(ACTIVITIES, "status: pågår")
    finding(result, ACTIVITIES, line, "fel", "okänd nyckel 'status': status skrivs inte i aktiviteten")
    finding(result, ACTIVITIES, line, "fel", GUIDE_PAGE)
    finding(result, ACTIVITIES, line, "fel", "make rapport AKTIVITET=9.2.1 STATUS=<status>")


def test_measured_value_in_a_nyckeltal_points_to_the_guide(data: DataCopy) -> None:
    """A measured value written into a nyckeltal is sent to uppfoljning.yml too, with its id."""
    data.append(INDICATORS, "    värde: 72 %\n")
    result = data.load()
    finding(result, INDICATORS, data.line_of(INDICATORS, "värde:"), "fel", "make rapport NYCKELTAL=nojdhet")


def test_unknown_key_never_suggests_itself(data: DataCopy) -> None:
    """An unknown key that is a key elsewhere in the model gets no suggestion of the same word."""
    data.replace(STRATEGIES, "    namn: Digitalisera", "    status: pågår\n    namn: Digitalisera")
    result = data.load()
    messages = [f.message for f in result.findings if "'status'" in f.message]
    assert messages and all("menade du 'status'" not in message for message in messages)


@pytest.mark.parametrize("written", ['"9.2.1"', "9.2.1", "e-tjanst", "tjanster"])
def test_report_naming_activity_by_number_or_wrong_id_suggests_the_id(data: DataCopy, written: str) -> None:
    """A report naming an activity by its number or a near id suggests the right id with the number."""
    data.replace(FOLLOW_UP, "rapporter:\n", "rapporter:\n" + report(written))
    result = data.load()
    lines = data.path(FOLLOW_UP).read_text(encoding="utf-8").splitlines()
    line = lines.index(f"  - aktivitet: {written}") + 1
    finding(result, FOLLOW_UP, line, "fel", "menade du 'e-tjanster' (9.2.1)?")


def test_measurement_naming_a_section_suggests_its_nyckeltal(data: DataCopy) -> None:
    """A measured value naming the nyckeltal by its section suggests the nyckeltal of that section."""
    data.replace(FOLLOW_UP, "  - nyckeltal: nojdhet", '  - nyckeltal: "6.1"')
    result = data.load()
    finding(result, FOLLOW_UP, data.line_of(FOLLOW_UP, "nyckeltal:"), "fel", "menade du 'nojdhet' (6.1)?")


def test_report_after_today_is_a_warning(data: DataCopy) -> None:
    """A report dated after today is accepted with a warning (it may be a typing mistake)."""
    data.replace(FOLLOW_UP, "rapporter:\n", "rapporter:\n" + report("e-tjanster").replace("2024-04-01", "2024-07-01"))
    result = data.load(dt.date(2024, 6, 1))
    assert result.ok
    finding(result, FOLLOW_UP, data.line_of(FOLLOW_UP, "2024-07-01"), "varning", "ligger efter idag")


def test_declared_period_ids_are_unique(data: DataCopy) -> None:
    """Two declared periods with the same id are an error at the second."""
    periods = (
        "perioder:\n"
        "  - id: ar-1\n    namn: År 1\n    start: 2024-01-01\n    slut: 2024-12-31\n"
        "  - id: ar-1\n    namn: År 2\n    start: 2025-01-01\n    slut: 2025-12-31\n"
    )
    data.append(FOLLOW_UP, periods)
    result = data.load()
    finding(result, FOLLOW_UP, data.line_of(FOLLOW_UP, "id: ar-1", 2), "fel", "finns redan")


def test_declared_periods_in_order(data: DataCopy) -> None:
    """Declared periods that overlap are an error that says so."""
    periods = (
        "perioder:\n"
        "  - id: a\n    namn: A\n    start: 2024-01-01\n    slut: 2024-12-31\n"
        "  - id: b\n    namn: B\n    start: 2024-06-01\n    slut: 2025-12-31\n"
    )
    data.append(FOLLOW_UP, periods)
    result = data.load()
    assert any("överlappa" in f.message for f in result.findings if f.file.endswith("uppfoljning.yml"))
