"""Macros for the guidance library as a whole: its documents with source, publisher, year
and terms, the editors' notes on each, and the references plans make to them.

A reference from a plan (an underkategori or an activity) to a guidance document is shown
as a reference the reader can follow, labelled as the editors' when the plan does not make
it itself; the document's text is never shown as the plan's.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.exports.dataset import Value, dataset, text, whole
from macros.model.catalog import MATURITY_MODEL_ID, NATIONAL_STRATEGY_ID, Municipality, Plan
from macros.model.guidance import GuidanceLink, GuidanceNote, GuidanceSource
from macros.model.market_analysis import MarketAnalysis
from macros.model.plan import Basis
from macros.model.procurement_guide import ProcurementGuide
from macros.render.context import (
    ANALYSES_PAGE,
    EFFECT_GOALS_PAGE,
    GUIDES_PAGE,
    MATURITY_PAGE,
    NATIONAL_STRATEGY_PAGE,
    MacroError,
    Site,
    activity_page,
    chapter_page,
)
from macros.render.downloads import offer
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.source_quality import NOTE_KINDS
from macros.render.text import admonition, bullets, table

PROPOSED_REFERENCE = "hänvisning från redaktionen, inte planens text"
"""How a reference the editors add is labelled."""

NO_TERMS = "Dokumentet anger inga villkor för vidareanvändning."


def document_target(model: Municipality, document_id: str) -> tuple[str, str | None]:
    """The page (and anchor) where a guidance document is shown."""
    if document_id == NATIONAL_STRATEGY_ID:
        return NATIONAL_STRATEGY_PAGE, None
    if document_id == MATURITY_MODEL_ID:
        return MATURITY_PAGE, None
    if model.has("upphandlingsvägledning", document_id):
        return GUIDES_PAGE, document_id
    return ANALYSES_PAGE, document_id


def document_source(site: Site, document_id: str) -> GuidanceSource:
    """A document's source record, or a Swedish error naming the documents that exist."""
    documents = site.model.guidance.documents
    if document_id not in documents:
        known = ", ".join(documents) or "inga"
        raise MacroError(f"vägledningen '{document_id}' finns inte (finns: {known})")
    return documents[document_id]


def document_link(site: Site, document_id: str) -> str:
    """A Markdown link to a guidance document with its title."""
    page, anchor = document_target(site.model, document_id)
    return f"[{plain(site.model.guidance.documents[document_id].title)}]({site.link(page, anchor)})"


@macro("vagledningar", "vagledningar()")
def guidance_documents(site: Site) -> str:
    """Vägledningsbibliotekets dokument med utgivare, år och villkor, länkade till sina sidor."""
    documents = site.model.guidance.documents
    if not documents:
        return "Datat innehåller ingen vägledning (mappen data/vagledning/ saknas eller är tom).\n"
    rows = [
        [document_link(site, doc_id), plain(source.publisher), _year(source), plain(source.terms_text)]
        for doc_id, source in documents.items()
    ]
    export = dataset(
        "vagledning/dokument",
        "Vägledningsbibliotekets dokument",
        [text("Id"), text("Dokument"), text("Utgivare"), whole("År"), text("År (som i dokumentet)"), text("Villkor")],
        [
            [doc_id, source.title, source.publisher, source.year, source.year_text, source.terms_text]
            for doc_id, source in documents.items()
        ],
    )
    return table(["Dokument", "Utgivare", "År", "Villkor"], rows, download=offer(site, export))


def _year(source: GuidanceSource) -> str:
    """The year as a number when the document gives one, else what it says."""
    return str(source.year) if source.year is not None else "anges inte"


@macro("vagledningskalla", 'vagledningskalla(dokument="dalamodellen")')
def guidance_source(site: Site, *, dokument: str) -> str:
    """Ett vägledningsdokuments titel, utgivare, författare, år, villkor, ursprung och vad som inte är överfört."""
    source = document_source(site, dokument)
    facts: list[list[Value]] = [["Titel", source.title]]
    rows = [["Titel", plain(source.title)]]
    if source.subtitle:
        rows.append(["Undertitel", plain(source.subtitle)])
        facts.append(["Undertitel", source.subtitle])
    rows.append(["Utgivare", plain(source.publisher)])
    facts.append(["Utgivare", source.publisher])
    if source.authors:
        rows.append(["Författare", plain(source.authors)])
        facts.append(["Författare", source.authors])
    year = f"{source.year} – {plain(source.year_text)}" if source.year is not None else plain(source.year_text)
    rows += [
        ["År", year],
        ["Villkor för vidareanvändning", plain(source.terms_text)],
        ["Ursprung", rich(source.provenance, inline=True)],
    ]
    facts += [
        ["År", str(source.year) if source.year is not None else None],
        ["År (som i dokumentet)", source.year_text],
        ["Villkor för vidareanvändning", source.terms_text],
        ["Ursprung", source.provenance],
    ]
    if source.purpose:
        rows.append(["Syfte", rich(source.purpose, inline=True)])
        facts.append(["Syfte", source.purpose])
    if source.not_transcribed:
        rows.append(["Inte på webbplatsen", rich(source.not_transcribed, inline=True)])
        facts.append(["Inte på webbplatsen", source.not_transcribed])
    export = dataset(
        f"vagledning/kalla-{dokument}",
        f"Källa: {source.title}",
        [text("Uppgift"), text("Dokumentet")],
        facts,
    )
    return table(["Uppgift", "Dokumentet"], rows, download=offer(site, export))


@macro("vagledningsursprung", 'vagledningsursprung(dokument="dalamodellen", kapitel="Offentlig upphandling i dag")')
def guidance_origin(site: Site, *, dokument: str, kapitel: str | None = None) -> str:
    """En rad överst på en sida med text ur ett vägledningsdokument: vilket dokument (och kapitel) texten kommer ifrån."""
    source = document_source(site, dokument)
    year = f", {source.year}" if source.year is not None else ""
    chapter = f", kapitlet ”{plain(kapitel)}”" if kapitel else ""
    return (
        f"*Ur {document_link(site, dokument)} ({plain(source.publisher)}{year}){chapter}. Texten står ordagrant "
        "och är vägledning, inte kategoriplanernas text.*\n"
    )


def notes_of(site: Site, document_id: str) -> list[GuidanceNote]:
    """The editors' notes on a guidance document."""
    library = site.model.guidance
    if document_id == NATIONAL_STRATEGY_ID and library.national:
        return library.national.notes
    if document_id == MATURITY_MODEL_ID and library.maturity:
        return library.maturity.notes
    documents: list[ProcurementGuide | MarketAnalysis] = [*library.guides, *library.analyses]
    return next((record.notes for record in documents if record.id == document_id), [])


@macro("vagledningsnoter", 'vagledningsnoter(dokument="dalamodellen")')
def guidance_notes(site: Site, *, dokument: str) -> str:
    """Redaktionens noter om ett vägledningsdokuments text: avskuret, omordnat, saknade bilder."""
    document_source(site, dokument)
    notes = notes_of(site, dokument)
    if not notes:
        return "Redaktionen har inga anmärkningar på dokumentets text.\n"
    return "\n".join(note_box(note) for note in notes)


def note_box(note: GuidanceNote) -> str:
    """One editorial note on guidance text, as a visible admonition."""
    title = f"Redaktionell anmärkning ({plain(note.where)}, {NOTE_KINDS[note.kind]})"
    return admonition("warning", title, rich(note.text))


def reference_items(site: Site, links: list[GuidanceLink]) -> list[str]:
    """A plan's references to guidance as list items: the document and, for the editors' references, why."""
    items = []
    for link in links:
        text = document_link(site, link.document)
        if link.basis is Basis.PROPOSAL:
            text += f" – *{PROPOSED_REFERENCE}*"
        if link.motivation:
            text += f": {rich(link.motivation, inline=True)}"
        items.append(text)
    return items


@dataclass(frozen=True)
class Reference:
    """A record of a plan that refers to a guidance document, and how."""

    plan: Plan
    kind: str
    label: str
    page: str
    anchor: str | None
    link: GuidanceLink


def _references(model: Municipality) -> dict[str, list[Reference]]:
    """For each guidance document: the plans' underkategorier and activities that refer to it."""
    found: dict[str, list[Reference]] = {}
    for plan in model.plans.values():
        for subcategory in plan.subcategories:
            for link in subcategory.guidance:
                page = chapter_page(plan.id, EFFECT_GOALS_PAGE)
                reference = Reference(plan, "Underkategori", subcategory.name, page, None, link)
                found.setdefault(link.document, []).append(reference)
        for activity in plan.activities:
            for link in activity.guidance:
                label = f"{activity.number} {activity.name}"
                reference = Reference(plan, "Aktivitet", label, activity_page(plan.id, activity.id), None, link)
                found.setdefault(link.document, []).append(reference)
    return found


@macro("vagledning_hanvisningar", 'vagledning_hanvisningar(dokument="kammarkollegiet-klienter")')
def guidance_references(site: Site, *, dokument: str) -> str:
    """Planernas underkategorier och aktiviteter som hänvisar till ett vägledningsdokument."""
    document_source(site, dokument)
    references = site.once("vägledningshänvisningar", lambda: _references(site.model)).get(dokument, [])
    if not references:
        return "Ingen kategoriplan hänvisar till dokumentet.\n"
    items = []
    for ref in references:
        text = f"{ref.kind} [{plain(ref.label)}]({site.link(ref.page, ref.anchor)}) i {plain(ref.plan.meta.name)}"
        if ref.link.basis is Basis.PROPOSAL:
            text += f" – *{PROPOSED_REFERENCE}*"
        if ref.link.motivation:
            text += f": {rich(ref.link.motivation, inline=True)}"
        items.append(text)
    return bullets(items)
