"""Follow-up logic: an activity's current status is its latest report."""

from __future__ import annotations

from macros.model.catalog import Plan
from macros.model.reports import Measurement, StatusReport

NOT_REPORTED = "ej rapporterad"
"""Status shown for an activity without any report; never silently "pågår"."""

FINISHED = frozenset({"genomförd", "avbruten"})
"""Statuses after which no more work is expected."""

STATUS_MEANINGS: dict[str, str] = {
    "ej påbörjad": "Arbetet har inte börjat. Rapportera igen nästa period.",
    "pågår": "Arbetet är igång. Rapportera igen nästa period.",
    "genomförd": "Aktiviteten är klar. Det är slutrapporten; ingen mer rapport behövs.",
    "uppskjuten": "Arbetet är flyttat till senare. Skriv i kommentaren till när och varför.",
    "avbruten": "Aktiviteten genomförs inte. Skriv i kommentaren varför; ingen mer rapport behövs.",
}
"""What each status of a report means, for the editors' guide (the keys are the model's statuses)."""

NOT_REPORTED_MEANING = (
    "det inte finns någon rapport för perioden: aktiviteten har aldrig rapporterats, eller den senaste rapporten är "
    "från en tidigare period och sa varken genomförd eller avbruten. Webbplatsen gissar aldrig en status."
)
"""What "ej rapporterad" means, to follow "… betyder att" where it is shown."""


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
