"""One category plan's metadata: decision, period, ownership, lead times, version
history and the editors' notes on the source (title page, 9.1 and 11.0)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from macros.model.base import (
    Date,
    Record,
    SectionNumber,
    Slug,
    field,
)
from macros.model.text import PlainText, RichText
from macros.model.time import TimePointField


class Basis(StrEnum):
    """Whether a link is stated by the plan or proposed by the editors."""

    PLAN = "plan"
    PROPOSAL = "förslag"


class EditorialNote(Record):
    """A visible note where the source is cut, contradicts itself or lacks a picture."""

    id: Slug = field("id", "Identifierare.")
    section: SectionNumber | None = field("avsnitt", "Avsnittet i källan som noten gäller.", default=None)
    kind: Literal["avskuret", "motsägelse", "saknad bild", "oklart", "stavning"] = field(
        "typ", "avskuret, motsägelse, saknad bild, oklart eller stavning."
    )
    text: RichText = field("text", "Vad som är fel eller saknas i källan (Markdown).")


class Decision(Record):
    """Who decides the plan, and the decision date as the source writes it."""

    body: Slug = field("beslutas_av", "Nämnden som beslutar (id).")
    date: Date | None = field("datum", "Beslutsdatum, om källan anger ett giltigt datum.", default=None)
    date_text: PlainText = field("datum_text", "Beslutsdatum ordagrant, t.ex. 2022-XX-xx.")


class PlanPeriod(Record):
    """The plan period: a start and a length in years."""

    start: TimePointField = field("start", "Första månaden, t.ex. 2023-10.")
    years: int = field("år", "Längd i år.", ge=1, le=10, strict=True)
    text: PlainText = field("text", "Perioden ordagrant ur källan.")


class LeadTime(Record):
    """Procurement lead time of an underkategori (framförhållning), data of the plan."""

    subcategory: Slug = field("underkategori", "Underkategori (id).")
    months: int = field("månader", "Framförhållning i månader.", ge=1, le=120, strict=True)


class Version(Record):
    """An entry of the plan's version history (11.0)."""

    version: PlainText = field("version", "Versionsbeteckning.")
    date: Date | None = field("datum", "Datum.", default=None)
    description: PlainText = field("beskrivning", "Vad som ändrades.")


class DocumentCitation(Record):
    """The sections of the plan whose own text names a governing document (for the register's
    "Avsnitt som hänvisar hit"). The document's own styrsignal in 10.4 and an effektmål's
    "Koppling till övriga styrdokument" already name it and are not repeated here."""

    document: Slug = field("styrdokument", "Styrdokumentet (id i data/kommun/styrdokument.yml).")
    sections: list[SectionNumber] = field(
        "avsnitt", "Avsnitten vars text nämner dokumentet, i planens ordning.", min_length=1
    )


class PlanFile(Record):
    """`plan.yml`: the plan's metadata, decision, period, ownership and lead times."""

    name: PlainText = field("namn", "Planens namn, t.ex. Kategoriplan IT & Telekom.")
    category: PlainText = field("kategori", "Kategorins namn, t.ex. IT och Telekom.")
    municipality: PlainText = field("kommun", "Kommunen.")
    document_type: PlainText = field("dokumenttyp", "Dokumenttyp, t.ex. Bilaga 5 - hela ärendet.")
    decision: Decision = field("beslut", "Beslutet.")
    period: PlanPeriod = field("period", "Planperioden.")
    prepared_by: PlainText = field("tas_fram_av", "Tas fram av (11.0).")
    owned_by: PlainText = field("ägs_av", "Ägs av (11.0).")
    decided_by_text: PlainText = field("beslutas_av_text", "Beslutas av, ordagrant (11.0).")
    updated_by: PlainText = field("uppdateras_av", "Uppdateras av (11.0).")
    lead_times: list[LeadTime] = field("ledtider", "Framförhållning per underkategori (9.1).", default_factory=list)
    lead_time_text: RichText | None = field("ledtider_text", "Regeln om framförhållning ordagrant.", default=None)
    versions: list[Version] = field("versioner", "Versionshistorik (11.0).", default_factory=list)
    citations: list[DocumentCitation] = field(
        "hänvisningar_till_styrdokument",
        "Avsnitt vars text nämner ett styrdokument, per dokument.",
        default_factory=list,
    )
    notes: list[EditorialNote] = field("redaktionella_noter", "Kända brister i källdokumentet.", default_factory=list)
