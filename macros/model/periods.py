"""Follow-up periods and what the reports say about each of them.

The plan says that results are reported yearly (6.0), so by default a plan has one period
per year of its plan period, counted from the plan's start: a plan starting in October 2023
is followed up 2023/24, 2024/25 … A plan whose `uppfoljning.yml` declares `perioder` uses
those instead.

An activity's status at the end of a period is its latest report up to the period's last
day. A report from an earlier period still counts when it says the work is done or
cancelled; any other status must be reported again in each period, or the activity is "ej
rapporterad" in that period ("ej rapporterad sedan …"). A status is never invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from macros.model.activities import Activity
from macros.model.catalog import Plan
from macros.model.followup import FINISHED, NOT_REPORTED
from macros.model.goals import KeyIndicator
from macros.model.reports import FollowUpPeriod, Measurement, StatusReport

STATUS_ORDER = ("genomförd", "pågår", "ej påbörjad", "uppskjuten", "avbruten", NOT_REPORTED)
"""The statuses a period summary counts, in the order a board member reads them."""


def periods(plan: Plan) -> list[FollowUpPeriod]:
    """The plan's follow-up periods in time order: declared in `uppfoljning.yml`, else one per plan year."""
    return plan.follow_up_periods


def declared(plan: Plan) -> bool:
    """Whether the plan's periods are declared in its data (rather than one per plan year)."""
    return bool(plan.follow_up.periods)


def period(plan: Plan, period_id: str) -> FollowUpPeriod:
    """The period with this id (KeyError when the plan has none)."""
    for item in periods(plan):
        if item.id == period_id:
            return item
    raise KeyError(period_id)


def previous(plan: Plan, item: FollowUpPeriod) -> FollowUpPeriod | None:
    """The period before `item`, or None for the first."""
    found = periods(plan)
    index = next(i for i, other in enumerate(found) if other.id == item.id)
    return found[index - 1] if index else None


def reporting_period(plan: Plan, today: dt.date) -> FollowUpPeriod:
    """The period reported now: the one `today` lies in; before the first, the first; after the last, the last."""
    found = periods(plan)
    for item in found:
        if today <= item.end:
            return item
    return found[-1]


def period_of_day(plan: Plan, day: dt.date) -> FollowUpPeriod | None:
    """The period a day lies in, or None when it lies outside every period."""
    return next((item for item in periods(plan) if item.start <= day <= item.end), None)


class Phase(StrEnum):
    """Where today lies against a period."""

    FUTURE = "har inte börjat"
    CURRENT = "pågår"
    ENDED = "avslutad"


def phase(item: FollowUpPeriod, today: dt.date) -> Phase:
    """Whether the period has not begun, is running or has ended on `today`."""
    if today < item.start:
        return Phase.FUTURE
    return Phase.CURRENT if today <= item.end else Phase.ENDED


def as_of(item: FollowUpPeriod, today: dt.date) -> dt.date:
    """The day a period's picture is taken: its last day, or today while it runs."""
    return min(item.end, today)


def report_up_to(plan: Plan, activity_id: str, day: dt.date) -> StatusReport | None:
    """The activity's latest report on or before `day` (same day: the data's last)."""
    return plan.report_on(activity_id, day)


def end_passed(activity: Activity, day: dt.date) -> bool:
    """Whether the activity's planned end lies before `day` (continuous work has no end)."""
    end = activity.schedule.end
    return bool(end) and not activity.schedule.continuous and end.last_day < day  # type: ignore[union-attr]


@dataclass(frozen=True)
class PeriodStatus:
    """An activity's status at the end of a period (or on the day the picture is taken)."""

    activity: Activity
    report: StatusReport | None
    """The latest report up to that day, from this or an earlier period."""
    status: str
    """The status the period shows: the report's, or "ej rapporterad"."""
    late: bool
    """The planned end has passed by that day and the activity is not done or cancelled."""
    in_period: bool
    """Whether the report lies within the period."""

    @property
    def since(self) -> dt.date | None:
        """When the activity was last reported, if it is "ej rapporterad" in the period despite an earlier report."""
        return self.report.date if self.report and self.status == NOT_REPORTED else None


def status_in(plan: Plan, activity: Activity, item: FollowUpPeriod, today: dt.date) -> PeriodStatus:
    """The activity's status at the end of period `item`, as seen on `today`."""
    day = as_of(item, today)
    report = report_up_to(plan, activity.id, day)
    in_period = report is not None and report.date >= item.start
    counts = report is not None and (in_period or report.status in FINISHED)
    status = report.status if counts and report is not None else NOT_REPORTED
    late = end_passed(activity, day) and status not in FINISHED
    return PeriodStatus(activity, report, status, late, in_period)


@dataclass(frozen=True)
class Summary:
    """How many activities have each status at the end of a period, and how many are late."""

    counts: dict[str, int]
    late: int
    total: int


def summary(statuses: list[PeriodStatus]) -> Summary:
    """Counts per status (every status of `STATUS_ORDER`, zeros included) and the late ones."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for item in statuses:
        counts[item.status] += 1
    return Summary(counts, sum(item.late for item in statuses), len(statuses))


@dataclass(frozen=True)
class Change:
    """An activity whose status at the end of a period differs from the previous period's."""

    activity: Activity
    before: PeriodStatus
    after: PeriodStatus


def changes(before: list[PeriodStatus], after: list[PeriodStatus]) -> list[Change]:
    """The activities whose status changed between two periods' pictures, in the plan's order."""
    earlier = {item.activity.id: item for item in before}
    return [
        Change(item.activity, earlier[item.activity.id], item)
        for item in after
        if item.activity.id in earlier and earlier[item.activity.id].status != item.status
    ]


def values_in(plan: Plan, indicator: KeyIndicator, item: FollowUpPeriod) -> list[Measurement]:
    """A nyckeltal's values measured within the period, oldest first."""
    return [value for value in plan.measurements_of(indicator.id) if item.start <= value.date <= item.end]


class DueReason(StrEnum):
    """Why something must be reported."""

    NO_FINAL_REPORT = "planerat slut passerat utan slutrapport"
    NOT_THIS_PERIOD = "ingen rapport under perioden"
    NEVER = "aldrig rapporterad"
    NO_VALUE = "inget värde för perioden"


@dataclass(frozen=True)
class DueActivity:
    """An activity the category leader must get a report on, and why."""

    activity: Activity
    reasons: tuple[DueReason, ...]
    latest: StatusReport | None


@dataclass(frozen=True)
class DueIndicator:
    """A nyckeltal without a value for the reporting period."""

    indicator: KeyIndicator
    latest: Measurement | None


def due_activities(plan: Plan, today: dt.date) -> list[DueActivity]:
    """Activities to report on `today`: past their planned end without a final report, or not reported this period.

    A final report is one that says "genomförd" or "avbruten". The reporting period is the
    one `today` lies in (`reporting_period`).
    """
    item = reporting_period(plan, today)
    found = []
    for activity in plan.activities:
        latest = report_up_to(plan, activity.id, today)
        finished = latest is not None and latest.status in FINISHED
        reasons = []
        if end_passed(activity, today) and not finished:
            reasons.append(DueReason.NO_FINAL_REPORT)
        if latest is None:
            reasons.append(DueReason.NEVER)
        elif not finished and latest.date < item.start:
            reasons.append(DueReason.NOT_THIS_PERIOD)
        if reasons:
            found.append(DueActivity(activity, tuple(reasons), latest))
    return found


def due_indicators(plan: Plan, today: dt.date) -> list[DueIndicator]:
    """Nyckeltal with no value measured in the reporting period (up to `today`)."""
    item = reporting_period(plan, today)
    found = []
    for indicator in plan.indicators:
        values = [value for value in plan.measurements_of(indicator.id) if value.date <= today]
        if not any(value.date >= item.start for value in values):
            found.append(DueIndicator(indicator, values[-1] if values else None))
    return found
