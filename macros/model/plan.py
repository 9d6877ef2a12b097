"""One category plan's metadata: decision, period, ownership, lead times, version
history and the editors' notes on the source (title page, 9.1 and 11.0)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, StringConstraints, WithJsonSchema

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


GIT_REF_PATTERN = r"^(?:[0-9a-f]{40}|[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,99}){0,4})$"
"""A tag name (letters, digits, `.`, `_`, `-`, parts separated by `/`) or a full commit id (40 hex digits)."""


def _safe_ref(value: str) -> str:
    """Refuse what git reads as something else than a name: `..`, `.lock`, a trailing dot, `@{`."""
    if ".." in value or value.endswith((".", ".lock")) or "@{" in value:
        raise ValueError(f"'{value}' kan inte vara namnet på en git-tagg; skriv taggens namn, t.ex. it-och-telekom-1.0")
    return value


GitRef = Annotated[
    str,
    StringConstraints(pattern=GIT_REF_PATTERN),
    AfterValidator(_safe_ref),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": GIT_REF_PATTERN,
            "description": "En annoterad git-tagg (t.ex. it-och-telekom-1.0) eller en incheckning (40 hexadecimala tecken).",
        }
    ),
]
"""An immutable git reference: the name of an annotated tag or a full commit id."""


class DecidedVersion(Record):
    """A decided version of the plan (11.0): what was decided, when and by whom, tied to the data that was decided."""

    version: PlainText = field("version", "Versionsbeteckning, t.ex. 1.0.")
    date: Date = field("datum", "Beslutsdatum.")
    body: Slug = field("beslutat_av", "Nämnden som beslutade (id i organisation.yml), t.ex. kommunstyrelsen.")
    paragraph: PlainText | None = field(
        "paragraf", "Paragrafen i protokollet, om den anges, t.ex. § 123.", default=None
    )
    case_number: PlainText | None = field(
        "diarienummer", "Diarienumret, om det anges, t.ex. KS-2024/123.", default=None
    )
    description: PlainText = field("beskrivning", "Vad versionen innebär, kort.")
    ref: GitRef = field(
        "git",
        "Git-referensen till datat som beslutades: en annoterad tagg eller en incheckning (40 hexadecimala tecken). "
        "Kontrollen prövar att den finns, att den inte är en gren, ett förkortat id eller en tagg som inte är "
        "annoterad, och att datat där är giltigt.",
    )


def version_slug(version: DecidedVersion) -> str:
    """The path segment of a decided version's pages: "version-1-0" for 1.0."""
    text = "".join(char.lower() if char.isascii() and char.isalnum() else "-" for char in version.version)
    return "version-" + ("-".join(part for part in text.split("-") if part) or "x")


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
    versions: list[DecidedVersion] = field(
        "versioner",
        "Beslutade versioner av planen (11.0), äldst först. Källdokumentet har inga; en version läggs till efter beslutet.",
        default_factory=list,
    )
    citations: list[DocumentCitation] = field(
        "hänvisningar_till_styrdokument",
        "Avsnitt vars text nämner ett styrdokument, per dokument.",
        default_factory=list,
    )
    notes: list[EditorialNote] = field("redaktionella_noter", "Kända brister i källdokumentet.", default_factory=list)
