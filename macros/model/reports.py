"""Follow-up data added over the plan period (`uppfoljning.yml`): status reports on
activities and measured values of nyckeltal."""

from __future__ import annotations

from typing import Literal

from macros.model.base import (
    Date,
    Record,
    Slug,
    field,
)
from macros.model.text import PlainText, RichText

Status = Literal["ej påbörjad", "pågår", "genomförd", "uppskjuten", "avbruten"]


class StatusReport(Record):
    """A follow-up report on an activity: status at a date, by someone, with a comment."""

    activity: Slug = field("aktivitet", "Aktiviteten (id).")
    date: Date = field("datum", "Rapportdatum.")
    status: Status = field("status", "ej påbörjad, pågår, genomförd, uppskjuten eller avbruten.")
    reported_by: Slug = field("rapporterad_av", "Person (id).")
    comment: RichText | None = field("kommentar", "Kommentar.", default=None)


class Measurement(Record):
    """A measured value of a nyckeltal at a date."""

    indicator: Slug = field("nyckeltal", "Nyckeltalet (id).")
    date: Date = field("datum", "Mätdatum.")
    value: PlainText = field("värde", "Värdet som det rapporterats.")
    reported_by: Slug = field("rapporterad_av", "Person (id).")
    comment: RichText | None = field("kommentar", "Kommentar.", default=None)


class FollowUpFile(Record):
    """`uppfoljning.yml`: reports and measurements added over the plan period."""

    reports: list[StatusReport] = field("rapporter", "Statusrapporter.", default_factory=list)
    measurements: list[Measurement] = field("mätvärden", "Mätvärden för nyckeltal.", default_factory=list)
