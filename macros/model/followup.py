"""Follow-up logic: an activity's current status is its latest report."""

from __future__ import annotations

from macros.model.catalog import Plan
from macros.model.reports import Measurement, StatusReport

NOT_REPORTED = "ej rapporterad"
"""Status shown for an activity without any report; never silently "pågår"."""

FINISHED = frozenset({"genomförd", "avbruten"})
"""Statuses after which no more work is expected."""


def reports_of(plan: Plan, activity_id: str) -> list[StatusReport]:
    """An activity's reports, oldest first."""
    return plan.reports_of(activity_id)


def latest_report(plan: Plan, activity_id: str) -> StatusReport | None:
    """The newest report of an activity, or None if it has none."""
    reports = reports_of(plan, activity_id)
    return reports[-1] if reports else None


def current_status(plan: Plan, activity_id: str) -> str:
    """The status of the latest report, or "ej rapporterad"."""
    report = latest_report(plan, activity_id)
    return report.status if report else NOT_REPORTED


def is_finished(plan: Plan, activity_id: str) -> bool:
    """Whether the latest report says the activity is done or cancelled."""
    return current_status(plan, activity_id) in FINISHED


def measurements_of(plan: Plan, indicator_id: str) -> list[Measurement]:
    """The measured values of a nyckeltal, oldest first."""
    return plan.measurements_of(indicator_id)
