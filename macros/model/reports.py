"""Follow-up data added over the plan period (`uppfoljning.yml`): status reports on
activities, measured values of nyckeltal and, when the plan is not followed up a year at a
time, the follow-up periods."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import model_validator

from macros.model.base import (
    Date,
    Record,
    Slug,
    field,
)
from macros.model.text import PlainText, RichText
from macros.model.time import add_months

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


class FollowUpPeriod(Record):
    """A follow-up period: the status at its end and the values measured in it are reported together."""

    id: Slug = field("id", "Identifierare; blir sidans adress, t.ex. 2024-t1.")
    name: PlainText = field("namn", "Periodens namn som läsare ser det, t.ex. Tertial 1 2024.")
    start: Date = field("start", "Periodens första dag.")
    end: Date = field("slut", "Periodens sista dag.")

    @model_validator(mode="after")
    def _start_not_after_end(self) -> FollowUpPeriod:
        """A period starts before it ends."""
        if self.start > self.end:
            raise ValueError(
                f"perioden börjar ({self.start.isoformat()}) efter att den slutar ({self.end.isoformat()})"
            )
        return self


class FollowUpFile(Record):
    """`uppfoljning.yml`: reports and measurements added over the plan period, and the periods if not yearly."""

    reports: list[StatusReport] = field("rapporter", "Statusrapporter.", default_factory=list)
    measurements: list[Measurement] = field("mätvärden", "Mätvärden för nyckeltal.", default_factory=list)
    periods: list[FollowUpPeriod] = field(
        "perioder",
        "Uppföljningsperioder i tidsordning, bara om planen inte följs upp ett år i taget från planperiodens start.",
        default_factory=list,
    )

    @model_validator(mode="after")
    def _periods_in_order(self) -> FollowUpFile:
        """Declared periods follow each other without overlapping."""
        for before, after in zip(self.periods, self.periods[1:], strict=False):
            if after.start <= before.end:
                raise ValueError(
                    f"perioden {after.id} börjar {after.start.isoformat()}, innan perioden {before.id} slutar "
                    f"({before.end.isoformat()}); perioderna ska stå i tidsordning utan att överlappa"
                )
        return self


def yearly_periods(start: dt.date, years: int) -> list[FollowUpPeriod]:
    """One period per year from `start`: named "2024" when it is a calendar year, else "2023/24" (id 2023-24)."""
    periods = []
    for year in range(years):
        first = add_months(start, 12 * year)
        last = add_months(first, 12) - dt.timedelta(days=1)
        calendar_year = first.month == 1 and first.day == 1
        ident = str(first.year) if calendar_year else f"{first.year}-{(first.year + 1) % 100:02d}"
        name = str(first.year) if calendar_year else f"{first.year}/{(first.year + 1) % 100:02d}"
        periods.append(FollowUpPeriod.model_validate({"id": ident, "namn": name, "start": first, "slut": last}))
    return periods
