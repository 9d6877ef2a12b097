"""An activity's planned period and where it stands against it on a given day.

The plan gives start and end at many precisions, sometimes only one of them, sometimes
"löpande" (continuous) or "after another activity", and sometimes nothing. `PlannedSpan`
keeps that shape; views draw it as it is and never invent the missing end. Lateness
combines the plan with the follow-up: an activity is late when its planned end has
passed and no report says it is done or cancelled.

The status views show is the status in the current follow-up period (`macros.model.periods`):
a report from an earlier period that does not say done or cancelled makes the activity
"ej rapporterad sedan …", not silently still "pågår".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from macros.model.activities import Activity
from macros.model.catalog import Plan
from macros.model.periods import PeriodStatus, reporting_period, status_in
from macros.model.time import TimePoint

LATE = "försenad"
"""Shown beside the status of an activity whose planned end has passed unfinished."""


class SpanShape(StrEnum):
    """How much of an activity's period the plan gives."""

    BOUNDED = "start och slut"
    OPEN_END = "bara start"
    OPEN_START = "bara slut"
    CONTINUOUS = "löpande"
    START_BY = "påbörjas senast"
    DEPENDENT = "efter annan aktivitet"
    UNSCHEDULED = "ej schemalagd"


class Timing(StrEnum):
    """Where today lies against an activity's planned period."""

    NOT_SCHEDULED = "ej schemalagd"
    BEFORE = "planerad start ej nådd"
    WITHIN = "inom planerad period"
    PASSED = "planerat slut passerat"
    CONTINUOUS = "löpande"


@dataclass(frozen=True)
class PlannedSpan:
    """An activity's planned period as the plan gives it."""

    start: TimePoint | None
    end: TimePoint | None
    continuous: bool
    after: tuple[str, ...]
    latest_start: TimePoint | None = None
    """The latest start when the plan gives only that ("bör påbörjas senast 2024")."""
    end_words: str | None = None
    """The end in the source's words when it is not a point in time ("före november 2024")."""

    @property
    def shape(self) -> SpanShape:
        """Which parts of the period the plan gives."""
        if self.continuous:
            return SpanShape.CONTINUOUS
        if self.start and self.end:
            return SpanShape.BOUNDED
        if self.start:
            return SpanShape.OPEN_END
        if self.end:
            return SpanShape.OPEN_START
        if self.latest_start:
            return SpanShape.START_BY
        return SpanShape.DEPENDENT if self.after else SpanShape.UNSCHEDULED

    @property
    def is_scheduled(self) -> bool:
        """Whether the span can be placed on a timeline (it has a date or is continuous)."""
        return self.shape not in (SpanShape.DEPENDENT, SpanShape.UNSCHEDULED)

    def drawn(self, period_start: dt.date, period_end: dt.date) -> tuple[dt.date, dt.date] | None:
        """First and last day to draw; a missing start or end is taken from the plan period.

        A given start or end is always drawn at its own precision (a quarter covers the
        whole quarter). Returns None for activities without any date that are not continuous.
        """
        if not self.is_scheduled:
            return None
        if self.start and self.end:
            return self.start.first_day, self.end.last_day
        if self.start:
            return self.start.first_day, max(period_end, self.start.last_day)
        if self.end:
            return min(period_start, self.end.first_day), self.end.last_day
        if self.latest_start and not self.continuous:
            return min(period_start, self.latest_start.first_day), self.latest_start.last_day
        return period_start, period_end

    def label(self) -> str:
        """The period in words at the plan's precision: "Q4 2023 – Q4 2024", "senast juni 2024"."""
        start, end = self.start, self.end
        if self.continuous:
            return f"löpande från {start.label}" if start else "löpande"
        if start and end:
            return start.label if start == end else f"{start.label} – {end.label}"
        if start:
            return f"från {start.label}"
        if end:
            return self.end_words or f"senast {end.label}"
        if self.latest_start:
            return f"påbörjas senast {self.latest_start.label}"
        return "efter annan aktivitet" if self.after else "ej angiven"

    def years(self, period_start: dt.date, period_end: dt.date) -> list[int]:
        """The calendar years the drawn period touches (empty when not scheduled)."""
        drawn = self.drawn(period_start, period_end)
        return list(range(drawn[0].year, drawn[1].year + 1)) if drawn else []


def planned_span(activity: Activity) -> PlannedSpan:
    """The activity's planned period from its `tidplan`."""
    schedule = activity.schedule
    return PlannedSpan(
        schedule.start,
        schedule.end,
        schedule.continuous,
        tuple(schedule.after),
        schedule.latest_start,
        schedule.end_words,
    )


def timing(activity: Activity, today: dt.date) -> Timing:
    """Where `today` lies against the activity's planned period."""
    span = planned_span(activity)
    if span.continuous:
        return Timing.CONTINUOUS
    if not span.is_scheduled:
        return Timing.NOT_SCHEDULED
    if span.end and span.end.last_day < today:
        return Timing.PASSED
    if span.start and span.start.first_day > today:
        return Timing.BEFORE
    return Timing.WITHIN


def current(plan: Plan, activity: Activity, today: dt.date) -> PeriodStatus:
    """The activity's status in the follow-up period `today` lies in, as seen on `today`."""
    return status_in(plan, activity, reporting_period(plan, today), today)


def is_late(plan: Plan, activity: Activity, today: dt.date) -> bool:
    """Whether the planned end has passed and no report says the activity is done or cancelled."""
    return current(plan, activity, today).late


def status_text(now: PeriodStatus) -> str:
    """A period status in words: "pågår", "ej rapporterad sedan 2024-03-01"."""
    return f"{now.status} sedan {now.since.isoformat()}" if now.since else now.status


def status_label(plan: Plan, activity: Activity, today: dt.date) -> str:
    """The current status with "försenad" added when the activity is late: "pågår, försenad"."""
    now = current(plan, activity, today)
    return f"{status_text(now)}, {LATE}" if now.late else status_text(now)


def status_values(plan: Plan, activity: Activity, today: dt.date) -> list[str]:
    """The values a status filter matches: the current status and "försenad" when late."""
    now = current(plan, activity, today)
    return [now.status, LATE] if now.late else [now.status]
