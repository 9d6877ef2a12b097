"""Procurement deadlines (9.1): the latest day a procurement must start.

Latest start = the day the current contract can be extended to, minus the plan's lead
time (framförhållning) for the need's underkategori. The lead times are data of the plan;
where the plan gives none, no date is derived and the need says so. "Snarast" in the
source means the procurement should start now. `today` is always an argument, so that
tests and builds can fix it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from macros.model.catalog import Plan
from macros.model.procurement import SNARAST, ProcurementNeed
from macros.model.time import add_months

WARNING_MONTHS = 6
"""A latest start this many months ahead or closer is flagged as near."""


class DeadlineFlag(StrEnum):
    """What a reader must notice about a procurement need's latest start."""

    START_PASSED = "senaste start passerad"
    START_SOON = f"start inom {WARNING_MONTHS} månader"
    SNARAST = "Snarast"
    CONTRACT_ENDED = "avtalet har löpt ut"
    """No lead time in the plan, but the contract has ended: the procurement is already late."""
    NO_LEAD_TIME = "ingen ledtid i planen"
    NO_CONTRACT_END = "inget avtalsslut angivet"
    IN_TIME = "god tid"


URGENT_FLAGS = frozenset(
    {DeadlineFlag.SNARAST, DeadlineFlag.START_PASSED, DeadlineFlag.CONTRACT_ENDED, DeadlineFlag.START_SOON}
)
"""Flags that call for action now."""


@dataclass(frozen=True)
class ProcurementDeadline:
    """A procurement need with its contract end, lead time and derived latest start."""

    need: ProcurementNeed
    contract_end: dt.date | None
    lead_time_months: int | None
    latest_start: dt.date | None
    flag: DeadlineFlag
    contract_expired: bool = False
    """Whether the day the contract can be extended to has already passed."""

    @property
    def is_snarast(self) -> bool:
        """Whether the source says the procurement should start as soon as possible."""
        return self.flag is DeadlineFlag.SNARAST

    @property
    def start_by(self) -> dt.date | None:
        """The day the procurement must start by at the latest: the latest start, or, when the plan gives
        no lead time, the contract's end (a latest start can only lie before it)."""
        if self.latest_start is not None or self.lead_time_months is not None:
            return self.latest_start
        return self.contract_end

    @property
    def is_urgent(self) -> bool:
        """Whether the need calls for action now (Snarast, start passed or near)."""
        return self.flag in URGENT_FLAGS

    @property
    def sort_key(self) -> tuple[int, dt.date, str]:
        """Most urgent first: Snarast, then by latest start or contract end; undated last."""
        if self.is_snarast:
            return (0, dt.date.min, self.need.need)
        day = self.latest_start or self.contract_end
        return (1, day, self.need.need) if day else (2, dt.date.max, self.need.need)


def latest_start(contract_end: dt.date, lead_time_months: int) -> dt.date:
    """The last day a procurement can start: contract end minus the lead time.

    Month arithmetic keeps month ends: a contract ending 2027-02-28 with 18 months'
    lead time must start by 2025-08-31.
    """
    return add_months(contract_end, -lead_time_months)


def classify(latest: dt.date, today: dt.date, warning_months: int = WARNING_MONTHS) -> DeadlineFlag:
    """Whether a latest start has passed, is near (within `warning_months`) or is in good time."""
    if latest < today:
        return DeadlineFlag.START_PASSED
    if latest <= add_months(today, warning_months):
        return DeadlineFlag.START_SOON
    return DeadlineFlag.IN_TIME


def deadline_of(plan: Plan, need: ProcurementNeed, today: dt.date) -> ProcurementDeadline:
    """The deadline of one procurement need of `plan` as seen on `today`."""
    lead = plan.lead_time_months(need.subcategory)
    end = need.contract_end
    if end == SNARAST:
        return ProcurementDeadline(need, None, lead, None, DeadlineFlag.SNARAST)
    if end is None:
        return ProcurementDeadline(need, None, lead, None, DeadlineFlag.NO_CONTRACT_END)
    assert isinstance(end, dt.date)
    expired = end < today
    if lead is None:
        flag = DeadlineFlag.CONTRACT_ENDED if expired else DeadlineFlag.NO_LEAD_TIME
        return ProcurementDeadline(need, end, None, None, flag, expired)
    start = latest_start(end, lead)
    return ProcurementDeadline(need, end, lead, start, classify(start, today), expired)


def deadlines(plan: Plan, today: dt.date) -> list[ProcurementDeadline]:
    """Every procurement need of the plan with its deadline, in the plan's order."""
    return [deadline_of(plan, need, today) for need in plan.procurement_needs]


def by_urgency(items: list[ProcurementDeadline]) -> list[ProcurementDeadline]:
    """Deadlines ordered most urgent first (Snarast, then earliest date; undated last)."""
    return sorted(items, key=lambda item: item.sort_key)
