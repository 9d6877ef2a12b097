"""What every document of the guidance library shares: where it comes from, the editors'
notes on the extracted text, passages of prose, and the links plans make to guidance.

The guidance library (`data/vagledning/`) is shared by every plan of the municipality:
the national procurement strategy, Dalamodellen, procurement guides with checklists and
market analyses. Its text is the documents' own; a plan only links to it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from macros.model.base import Record, Slug, Year, field
from macros.model.plan import Basis
from macros.model.text import PlainText, RichText


class GuidanceSource(Record):
    """A guidance document's title, publisher, year and terms, as the document itself gives them."""

    title: PlainText = field("titel", "Dokumentets titel.")
    subtitle: PlainText | None = field("undertitel", "Undertitel, om dokumentet har en.", default=None)
    publisher: PlainText = field("utgivare", "Utgivare som dokumentet anger.")
    authors: PlainText | None = field("författare", "Författare som dokumentet anger, ordagrant.", default=None)
    year: Year | None = field("år", "Utgivningsår, om dokumentet anger ett.", default=None)
    year_text: PlainText = field(
        "år_text",
        "Vad dokumentet säger om när det kom ut, eller att det inte säger något (ordagrant eller redaktionens).",
    )
    terms_text: PlainText = field(
        "villkor_text",
        "Licens eller villkor för vidareanvändning som dokumentet anger, eller att det inte anger några.",
    )
    provenance: RichText = field("ursprung", "Var dokumentet kommer ifrån och var det finns (Markdown).")
    purpose: RichText | None = field("syfte", "Dokumentets syfte med dess egna ord (Markdown).", default=None)
    not_transcribed: RichText | None = field(
        "ej_överfört",
        "Vilka delar av dokumentet som inte finns på webbplatsen, och vad extraktionen förlorade.",
        default=None,
    )


NoteKind = Literal["avskuret", "motsägelse", "saknad bild", "oklart", "stavning"]


class GuidanceNote(Record):
    """A visible note where a guidance document's extracted text is cut, reordered or odd."""

    id: Slug = field("id", "Identifierare.")
    where: PlainText = field("var", "Var i dokumentet noten gäller, t.ex. Inriktningsmål 10.")
    kind: NoteKind = field("typ", "avskuret, motsägelse, saknad bild, oklart eller stavning.")
    text: RichText = field("text", "Vad som är fel, saknas eller har ordnats om (Markdown).")


class Passage(Record):
    """A titled passage of a document: a recommended action, a fact box."""

    heading: PlainText = field("rubrik", "Rubriken ordagrant.")
    text: RichText = field("text", "Texten ordagrant (Markdown).")


class GuidanceLink(Record):
    """A plan's reference to a guidance document: a reference the reader can follow, not the plan's text."""

    document: Slug = field("dokument", "Vägledningsdokumentet (id), t.ex. kammarkollegiet-klienter.")
    basis: Basis = field("grund", "plan (planen hänvisar själv) eller förslag (redaktionens hänvisning).")
    motivation: RichText | None = field("motivering", "Varför hänvisningen görs (krävs för förslag).", default=None)

    @model_validator(mode="after")
    def _proposal_is_motivated(self) -> GuidanceLink:
        """The editors' references say why."""
        if self.basis is Basis.PROPOSAL and self.motivation is None:
            raise ValueError("en hänvisning som redaktionen föreslår ska ha en motivering")
        return self
