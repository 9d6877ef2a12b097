"""Follow-up periods on fixture data: the status at the end of each period, the counts, what
is late and due, and what changed since the previous period (tests/fixtures/followup)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from macros.model.catalog import Municipality, Plan
from macros.model.followup import NOT_REPORTED
from macros.model.periods import (
    DueReason,
    changes,
    due_activities,
    due_indicators,
    periods,
    reporting_period,
    status_in,
    summary,
    values_in,
)
from macros.model.reports import FollowUpFile, yearly_periods
from macros.model.status import status_label
from tests.followup_data import PLAN, TODAY, load_model

PERIODS = ("2023-24", "2024-25", "2025-26")


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Municipality:
    """The follow-up fixture, loaded once."""
    return load_model(tmp_path_factory.mktemp("followup") / "data")


@pytest.fixture(scope="module")
def plan(model: Municipality) -> Plan:
    """The plan "arsrapport"."""
    return model.plan(PLAN)


def statuses(plan: Plan, period_id: str) -> dict[str, str]:
    """Each activity's status at the end of a period (seen from the fixture's today)."""
    item = next(p for p in periods(plan) if p.id == period_id)
    return {a.id: status_in(plan, a, item, TODAY).status for a in plan.activities}


def test_yearly_periods_follow_the_plan_period(plan: Plan) -> None:
    """Without declared periods, a four-year plan from October 2023 has four plan years."""
    found = [(p.id, p.name, p.start, p.end) for p in periods(plan)]
    assert found[0] == ("2023-24", "2023/24", dt.date(2023, 10, 1), dt.date(2024, 9, 30))
    assert [p.id for p in periods(plan)] == [*PERIODS, "2026-27"]
    assert found[-1][3] == plan.period_end


def test_calendar_years_are_named_by_the_year() -> None:
    """A plan starting on 1 January is followed up by calendar year: 2024, 2025, 2026."""
    names = [p.name for p in yearly_periods(dt.date(2024, 1, 1), 3)]
    assert names == ["2024", "2025", "2026"]


def test_declared_periods_are_used(plan: Plan) -> None:
    """Periods declared in uppfoljning.yml replace the yearly ones."""
    declared = FollowUpFile.model_validate(
        {"perioder": [{"id": "t1", "namn": "Tertial 1", "start": "2024-01-01", "slut": "2024-04-30"}]}
    )
    other = dataclasses.replace(plan, follow_up=declared)
    assert [p.id for p in periods(other)] == ["t1"]


def test_declared_periods_may_not_overlap() -> None:
    """Declared periods that overlap are refused with a Swedish reason."""
    with pytest.raises(ValueError, match="överlappa"):
        FollowUpFile.model_validate(
            {
                "perioder": [
                    {"id": "a", "namn": "A", "start": "2024-01-01", "slut": "2024-06-30"},
                    {"id": "b", "namn": "B", "start": "2024-06-01", "slut": "2024-12-31"},
                ]
            }
        )


@pytest.mark.parametrize(
    ("period_id", "expected"),
    [
        (
            "2023-24",
            {
                "forstudie": "genomförd",
                "upphandling-e-arkiv": "ej påbörjad",
                "webbinventering": "pågår",
                "samordnade-inkop": "pågår",
                "avtalsuppfoljning": NOT_REPORTED,
                "licensoversyn": "pågår",
                "kompetenslyft": NOT_REPORTED,
                "ai-bevakning": NOT_REPORTED,
            },
        ),
        (
            "2024-25",
            {
                "forstudie": "genomförd",
                "upphandling-e-arkiv": "pågår",
                "webbinventering": "uppskjuten",
                "samordnade-inkop": NOT_REPORTED,
                "avtalsuppfoljning": NOT_REPORTED,
                "licensoversyn": NOT_REPORTED,
                "kompetenslyft": NOT_REPORTED,
                "ai-bevakning": NOT_REPORTED,
            },
        ),
        (
            "2025-26",
            {
                "forstudie": "genomförd",
                "upphandling-e-arkiv": NOT_REPORTED,
                "webbinventering": "avbruten",
                "samordnade-inkop": "pågår",
                "avtalsuppfoljning": NOT_REPORTED,
                "licensoversyn": NOT_REPORTED,
                "kompetenslyft": "ej påbörjad",
                "ai-bevakning": NOT_REPORTED,
            },
        ),
    ],
)
def test_status_at_the_end_of_each_period(plan: Plan, period_id: str, expected: dict[str, str]) -> None:
    """The status at a period's end is the latest report in it; done and cancelled carry over, nothing else does."""
    assert statuses(plan, period_id) == expected


def test_stale_status_says_since_when(plan: Plan) -> None:
    """An activity last reported "pågår" in an earlier period is "ej rapporterad sedan" that report's date."""
    item = next(p for p in periods(plan) if p.id == "2024-25")
    found = status_in(plan, plan.activity("samordnade-inkop"), item, TODAY)
    assert found.status == NOT_REPORTED and found.since == dt.date(2024, 1, 10)


@pytest.mark.parametrize(
    ("period_id", "counts", "late"),
    [
        ("2023-24", [1, 3, 1, 0, 0, 3], 1),
        ("2024-25", [1, 1, 0, 1, 0, 5], 2),
        ("2025-26", [1, 1, 1, 0, 1, 4], 2),
    ],
)
def test_counts_per_period(plan: Plan, period_id: str, counts: list[int], late: int) -> None:
    """The summary counts done, ongoing, not started, postponed, cancelled, not reported, and the late ones."""
    item = next(p for p in periods(plan) if p.id == period_id)
    found = summary([status_in(plan, a, item, TODAY) for a in plan.activities])
    assert list(found.counts.values()) == counts and found.late == late and found.total == 8


@pytest.mark.parametrize(
    ("period_id", "late"),
    [
        ("2023-24", {"webbinventering"}),
        ("2024-25", {"webbinventering", "licensoversyn"}),
        ("2025-26", {"upphandling-e-arkiv", "licensoversyn"}),
    ],
)
def test_late_activities_per_period(plan: Plan, period_id: str, late: set[str]) -> None:
    """Late: the planned end passed by the period's end (or today) without a report of done or cancelled."""
    item = next(p for p in periods(plan) if p.id == period_id)
    assert {a.id for a in plan.activities if status_in(plan, a, item, TODAY).late} == late


@pytest.mark.parametrize(
    ("before", "after", "changed"),
    [
        (
            "2023-24",
            "2024-25",
            {
                "upphandling-e-arkiv": ("ej påbörjad", "pågår"),
                "webbinventering": ("pågår", "uppskjuten"),
                "samordnade-inkop": ("pågår", NOT_REPORTED),
                "licensoversyn": ("pågår", NOT_REPORTED),
            },
        ),
        (
            "2024-25",
            "2025-26",
            {
                "upphandling-e-arkiv": ("pågår", NOT_REPORTED),
                "webbinventering": ("uppskjuten", "avbruten"),
                "samordnade-inkop": (NOT_REPORTED, "pågår"),
                "kompetenslyft": (NOT_REPORTED, "ej påbörjad"),
            },
        ),
    ],
)
def test_changes_since_previous_period(
    plan: Plan, before: str, after: str, changed: dict[str, tuple[str, str]]
) -> None:
    """The comparison lists exactly the activities whose status differs, with both statuses."""
    first, second = (next(p for p in periods(plan) if p.id == i) for i in (before, after))
    found = changes(
        [status_in(plan, a, first, TODAY) for a in plan.activities],
        [status_in(plan, a, second, TODAY) for a in plan.activities],
    )
    assert {c.activity.id: (c.before.status, c.after.status) for c in found} == changed


def test_due_activities(plan: Plan) -> None:
    """Due: past the planned end without a final report, never reported, or not reported this period."""
    found = {due.activity.id: set(due.reasons) for due in due_activities(plan, TODAY)}
    assert found == {
        "upphandling-e-arkiv": {DueReason.NO_FINAL_REPORT, DueReason.NOT_THIS_PERIOD},
        "avtalsuppfoljning": {DueReason.NEVER},
        "licensoversyn": {DueReason.NO_FINAL_REPORT, DueReason.NOT_THIS_PERIOD},
        "ai-bevakning": {DueReason.NEVER},
    }


def test_due_indicators(plan: Plan) -> None:
    """Due: nyckeltal without a value measured in the reporting period, with their latest value."""
    found = {due.indicator.id: due.latest.value if due.latest else None for due in due_indicators(plan, TODAY)}
    assert found == {"arkivrutin": "Rutinen är framtagen", "avtal": "135 avtal"}


def test_values_in_a_period(plan: Plan) -> None:
    """A nyckeltal's values in a period are those measured between its first and last day."""
    item = next(p for p in periods(plan) if p.id == "2024-25")
    assert [v.value for v in values_in(plan, plan.indicator("nojdhet"), item)] == ["71 %"]


def test_reporting_period_is_the_one_today_lies_in(plan: Plan) -> None:
    """The reporting period is the one today lies in; before the plan the first, after it the last."""
    assert reporting_period(plan, TODAY).id == "2025-26"
    assert reporting_period(plan, dt.date(2020, 1, 1)).id == "2023-24"
    assert reporting_period(plan, dt.date(2030, 1, 1)).id == "2026-27"


def test_status_label_says_since_and_late(plan: Plan) -> None:
    """Views show a stale status as "ej rapporterad sedan …" and add "försenad" when late."""
    label = status_label(plan, plan.activity("upphandling-e-arkiv"), TODAY)
    assert label == "ej rapporterad sedan 2025-06-01, försenad"


def test_a_report_after_today_does_not_count_yet(plan: Plan) -> None:
    """A report dated after today is not the current status (the check warns about it)."""
    earlier = dt.date(2025, 11, 15)
    item = reporting_period(plan, earlier)
    assert status_in(plan, plan.activity("samordnade-inkop"), item, earlier).status == NOT_REPORTED
