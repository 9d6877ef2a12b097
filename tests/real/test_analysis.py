"""Data-integrity tests on the real current-state analysis (bilaga 3, avsnitt 10) and the
shared governing documents: the figures are the source's, the 17 styrsignaler are there
with the cut ones flagged, SWOT and external factors are complete, and every item reaches
its rendered page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import jinja2
import markdown  # type: ignore[import-untyped]
import pytest

from macros.loading.loader import LoadResult
from macros.model.analysis import AnalysisFile
from macros.model.base import Amount
from macros.model.catalog import Municipality, Plan
from macros.render import MACROS
from macros.render.analysis import CUT_TEXT, MISSING_TEXT, signal_anchor
from macros.render.context import Site
from macros.render.safe import plain, rich
from tests.real.conftest import PLAN, TODAY

CONTENT = Path("content")
OWN_FILES = {"data/kommun/styrdokument.yml", f"data/planer/{PLAN}/nulage.yml"}
PAGES = {
    name: f"{PLAN}/nulagesanalys/{name}.md"
    for name in (
        "index",
        "styrsignaler",
        "valfardsteknik",
        "styrkor-och-svagheter",
        "organisation-och-it-konsulter",
        "extern-analys",
        "totalkostnad-krisberedskap-sanktioner",
    )
}
MARKDOWN_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
MARKDOWN_EXTENSIONS += ["pymdownx.details", "pymdownx.superfences"]
CUT_SIGNALS = {"10.4.10", "10.4.13", "10.4.13.1", "10.4.14", "10.4.15", "10.4.16"}
"""Sections of 10.4 whose text is missing or cut in the source (10.4.10 lacks its two parts)."""

CUT_OFF_SIGNALS = {"10.4.10", "10.4.13"}
"""The flagged sections of which the source keeps some text (10.4.13 stops mid-sentence)."""


@pytest.fixture(scope="module")
def analysis(plan: Plan) -> AnalysisFile:
    """The plan's nulägesanalys."""
    assert plan.analysis is not None
    return plan.analysis


def render_page(model: Municipality, page: str) -> str:
    """One content page with its macros expanded, as Markdown."""
    site = Site(model=model, today=TODAY, page=page)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.globals.update({name: spec.bind(site) for name, spec in MACROS.items()})
    return env.from_string((CONTENT / page).read_text(encoding="utf-8")).render()


@pytest.fixture(scope="module")
def pages(model: Municipality) -> dict[str, str]:
    """Every page of bilaga 3, rendered to Markdown."""
    return {name: render_page(model, page) for name, page in PAGES.items()}


@pytest.fixture(scope="module")
def html(pages: dict[str, str]) -> dict[str, str]:
    """Every page of bilaga 3 as HTML, with the site's Markdown extensions."""
    return {name: markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS) for name, text in pages.items()}


def amount(value: float, unit: str, qualifier: str = "exakt") -> tuple[float, str, str]:
    """A figure as (value, unit, qualifier) for comparison."""
    return value, unit, qualifier


def as_tuple(figure: Amount | None) -> tuple[float, str, str] | None:
    """An Amount as (value, unit, qualifier)."""
    return (figure.value, figure.unit, figure.qualifier) if figure else None


def flat(text: str) -> str:
    """Text with every kind of space as one ordinary space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


# --- Validation ---------------------------------------------------------------


def test_no_finding_in_own_files(result: LoadResult) -> None:
    """The analysis file and the governing documents load without any error or warning."""
    assert [f.format() for f in result.findings if f.file in OWN_FILES] == []


# --- 10.1 Spend ---------------------------------------------------------------


def test_total_spend_per_year(analysis: AnalysisFile) -> None:
    """10.1: ca 163 mnkr in 2022 (knappt 10 % of the municipality), 139,6 mnkr in 2021."""
    years = {e.year: (as_tuple(e.amount), as_tuple(e.share_of_municipality)) for e in analysis.spend_per_year}
    assert years == {
        2022: (amount(163, "mnkr", "ca"), amount(10, "procent", "knappt")),
        2021: (amount(139.6, "mnkr"), None),
    }


def test_spend_per_subcategory(analysis: AnalysisFile) -> None:
    """10.1: IT-hårdvara 50 mnkr/30 %, verksamhetssystem 42,2 mnkr/26,9 %, telekom knappt 20 mnkr/12 %."""
    found = {e.subcategory: (e.year, as_tuple(e.amount), as_tuple(e.share)) for e in analysis.spend_per_subcategory}
    assert found == {
        "it-hardvara": (2022, amount(50, "mnkr"), amount(30, "procent")),
        "verksamhetssystem": (2022, amount(42.2, "mnkr"), amount(26.9, "procent")),
        "telekommunikation": (2022, amount(20, "mnkr", "knappt"), amount(12, "procent")),
    }


def test_largest_suppliers(analysis: AnalysisFile) -> None:
    """10.1's suppliers with the source's names, spend and precision, in the source's order."""
    found = [(s.name, s.subcategory, as_tuple(s.amount), s.largest) for s in analysis.largest_suppliers]
    assert found == [
        ("Iver Workplace", "it-hardvara", amount(20.9, "mnkr"), True),
        ("Telia Cygate AB", "it-hardvara", amount(20.5, "mnkr", "ca"), False),
        ("AVS i Sverige", "it-hardvara", amount(3.75, "mnkr", "ca"), False),
        ("Tieto Sweden AB", "verksamhetssystem", amount(13.1, "mnkr"), True),
        ("Tele 2", "telekommunikation", amount(14, "mnkr"), True),
        ("Atea", "it-programvara-och-licenser", amount(26.4, "mnkr"), True),
    ]


def test_what_the_suppliers_deliver(analysis: AnalysisFile) -> None:
    """Each supplier's delivery is recorded in the source's words (Tele 2: none given)."""
    regarding = {s.name: s.regarding for s in analysis.largest_suppliers}
    assert regarding["Iver Workplace"] == "avtal för ”Klienter inkl. produktnära tjänster”, dvs datorer och hårdvara"
    assert regarding["Telia Cygate AB"] == "nätverks- och säkerhetsprodukter"
    assert regarding["AVS i Sverige"] == "AV- och konferensprodukter"
    assert regarding["Tieto Sweden AB"] == "avtal för Procapita, KIR (kommuninvånarregister) samt elevregister"
    assert regarding["Atea"] == "det Adda-avtal som idag finns för standardprogramvara samt Microsoft"
    assert regarding["Tele 2"] is None


def test_spend_per_buyer_with_source_labels(analysis: AnalysisFile) -> None:
    """10.1's buyers: source labels, shares and the nämnd/förvaltning they refer to."""
    found = [
        (b.buyer_label, b.subcategory, b.share.value, b.committee, b.administration) for b in analysis.spend_per_buyer
    ]
    assert found == [
        ("kommunstyrelsens förvaltning", None, 51.2, None, "ksf"),
        ("grundskolenämnden", None, 22.5, "grundskolenamnden", None),
        ("vård och omsorgsnämnden", None, 8.2, "vard-och-omsorgsnamnden", None),
        ("gymnasie- och arbetsmarknadsförvaltningen", None, 7.7, None, "gaf"),
        ("Kommunstyrelsen", "verksamhetssystem", 53.3, "kommunstyrelsen", None),
        ("vård och omsorgsnämnden", "verksamhetssystem", 15.8, "vard-och-omsorgsnamnden", None),
        ("grundskolenämnden", "verksamhetssystem", 14.1, "grundskolenamnden", None),
        ("digitaliseringsavdelningen på kommunstyrelsens förvaltning", "it-konsulter", 95.5, None, "ksf"),
        (
            "digitaliseringsavdelningen på kommunstyrelsens förvaltning",
            "it-programvara-och-licenser",
            77.8,
            None,
            "ksf",
        ),
    ]
    assert all(b.share.unit == "procent" and b.share.qualifier == "exakt" for b in analysis.spend_per_buyer)


def test_buyer_references_resolve(model: Municipality, analysis: AnalysisFile) -> None:
    """Every nämnd and förvaltning a buyer names exists in the organisation."""
    for buyer in analysis.spend_per_buyer:
        assert buyer.committee is None or model.has("nämnd", buyer.committee)
        assert buyer.administration is None or model.has("förvaltning", buyer.administration)


def test_supplier_counts(analysis: AnalysisFile) -> None:
    """10.1: 195 suppliers in 2022, 219 in 2021."""
    assert {c.year: c.count for c in analysis.supplier_counts} == {2022: 195, 2021: 219}


def test_invoice_volumes(analysis: AnalysisFile) -> None:
    """10.1: Telia Sverige AB över 50 000 invoices, Toshiba över 5 900 (utskrift som tjänst), 2022."""
    found = {i.supplier: (i.year, as_tuple(i.count), i.regarding) for i in analysis.invoices}
    assert found == {
        "Telia Sverige AB": (2022, amount(50000, "st", "över"), None),
        "Toshiba": (2022, amount(5900, "st", "över"), "utskrift som tjänst"),
    }


# --- 10.2–10.3.1 --------------------------------------------------------------


def test_supplier_loyalty(analysis: AnalysisFile) -> None:
    """10.2: 14,2 % / 23,4 mnkr outside contracts in 2022, 36,8 % / 56,9 mnkr in 2020, IT-konsulter över 70 %."""
    found = {(e.year, e.subcategory): (as_tuple(e.outside_share), as_tuple(e.outside_amount)) for e in analysis.loyalty}
    assert found == {
        (2022, None): (amount(14.2, "procent"), amount(23.4, "mnkr")),
        (2020, None): (amount(36.8, "procent"), amount(56.9, "mnkr")),
        (2022, "it-konsulter"): (amount(70, "procent", "över"), None),
    }


def test_fifty_eight_contracts(analysis: AnalysisFile, pages: dict[str, str]) -> None:
    """10.3: 58 avtal, direktupphandlingar not included, the figure from the data in the source's sentence."""
    assert analysis.contracts.count == 58
    assert "Inom kategorin har kommunen 58 avtal. (direktupphandlingar ej inkluderat)" in pages["index"]


def test_kraljic_placements(analysis: AnalysisFile) -> None:
    """10.3.1: verksamhetssystem and telekom strategic or bottleneck, IT-konsulter bottleneck, hårdvara standard."""
    found = {k.subcategory: (k.quadrants, k.scope) for k in analysis.kraljic}
    assert found == {
        "verksamhetssystem": (["strategisk", "flaskhals"], "De flesta avtalen"),
        "telekommunikation": (["strategisk", "flaskhals"], "alla avtal"),
        "it-konsulter": (["flaskhals"], "avtalen"),
        "it-hardvara": (["standard"], "de flesta avtal"),
    }


# --- 10.4 Styrsignaler and governing documents --------------------------------


def test_seventeen_signals_numbered_in_order(analysis: AnalysisFile) -> None:
    """10.4 has the 17 sections 10.4.1–10.4.17, in order."""
    top = [s.number for s in analysis.governing_signals if s.parent_number is None]
    assert top == [f"10.4.{n}" for n in range(1, 18)]


def test_sub_sections_of_10_4(analysis: AnalysisFile) -> None:
    """10.4 has the five sub-sections of the table of contents, each right after its parent."""
    numbers = [s.number for s in analysis.governing_signals]
    subs = [s for s in analysis.governing_signals if s.parent_number]
    assert [s.number for s in subs] == ["10.4.1.1", "10.4.1.2", "10.4.4.1", "10.4.10.1", "10.4.13.1"]
    for sub in subs:
        assert numbers.index(sub.number) > numbers.index(sub.parent_number or "")


def test_cut_sections_are_flagged(analysis: AnalysisFile) -> None:
    """Exactly the sections whose text is missing or cut in the source carry text_saknas."""
    assert {s.number for s in analysis.governing_signals if s.text_missing} == CUT_SIGNALS


def test_every_cut_section_has_a_note(analysis: AnalysisFile) -> None:
    """Every flagged section has an editorial note that says what is missing."""
    noted = {n.section for n in analysis.notes if n.kind == "avskuret"}
    assert noted >= CUT_SIGNALS


def test_signals_with_text_say_what_they_require(analysis: AnalysisFile) -> None:
    """Sections with text have requirements or an indicator; the cut ones have none but those the source cuts off."""
    for signal in analysis.governing_signals:
        has_content = bool(signal.requirements or signal.indicator)
        assert has_content == (signal.number not in CUT_SIGNALS - CUT_OFF_SIGNALS), signal.number


def test_circular_economy_indicator(analysis: AnalysisFile) -> None:
    """10.4.1.2: +5 procentenheter a year up to 50 % in 2030; the 2022 target of 10 % was reached."""
    signal = next(s for s in analysis.governing_signals if s.number == "10.4.1.2")
    indicator = signal.indicator
    assert indicator is not None
    assert as_tuple(indicator.annual_increase) == amount(5, "procentenheter")
    assert (as_tuple(indicator.target), indicator.target_year) == (amount(50, "procent"), 2030)
    assert [(y.year, as_tuple(y.target), y.reached) for y in indicator.years] == [(2022, amount(10, "procent"), True)]


def test_signal_documents_and_goals_resolve(model: Municipality, analysis: AnalysisFile) -> None:
    """Every styrsignal names an existing document; 10.4.1's six fullmäktigemål exist."""
    for signal in analysis.governing_signals:
        assert model.has("styrdokument", signal.document), signal.number
        for goal in signal.council_goals:
            assert model.has("fullmäktigemål", goal), goal
    first = next(s for s in analysis.governing_signals if s.number == "10.4.1")
    assert len(first.council_goals) == 6


def test_procurement_policy_id(model: Municipality) -> None:
    """The upphandlings- och inköpspolicy has the fixed id and is an internal document."""
    policy = model.document("upphandlings-och-inkopspolicy")
    assert (policy.name, policy.kind) == ("Upphandlings- och inköpspolicy", "intern")


def test_laws_and_eu_acts_of_10_8_8(model: Municipality) -> None:
    """The laws and EU acts of 10.8.8 and 10.10 are registered with their kind."""
    expected = {
        "lagen-om-offentlig-upphandling": "lag",
        "lag-om-informationssakerhet-for-samhallsviktiga-och-digitala-tjanster": "lag",
        "lag-om-tystnadsplikt-vid-utkontraktering-av-teknisk-bearbetning": "lag",
        "offentlighets-och-sekretesslagen": "lag",
        "ai-forordningen": "eu",
        "nis-direktivet": "eu",
        "nis-2-direktivet": "eu",
        "dataskyddsforordningen": "eu",
        "schrems-ii-domen": "eu",
    }
    assert {key: model.document(key).kind for key in expected} == expected
    assert model.document("nis-2-direktivet").replaces == "nis-direktivet"
    assert model.document("lagen-om-offentlig-upphandling").short_name == "LOU"


def test_documents_named_outside_10_4(model: Municipality) -> None:
    """Miljöprogrammet, Arkitekturprinciper (part of Målarkitektur) and Ramverk för IT-sourcing are registered."""
    assert model.document("miljoprogrammet-2022-2025").kind == "intern"
    assert model.document("arkitekturprinciper-for-huddinge-kommun").part_of == "malarkitektur-i-huddinge-kommun"
    assert model.document("ramverk-for-it-sourcing").kind == "intern"


def test_document_ids_are_slugs_of_their_names(model: Municipality) -> None:
    """Each document's id is its name in lower case, å/ä→a, ö→o, punctuation → hyphens."""
    table = str.maketrans("åäöé", "aaoe")
    for doc in model.documents_file.documents:
        slug = re.sub(r"[^a-z0-9]+", "-", doc.name.lower().translate(table)).strip("-")
        assert doc.id == slug, doc.name


# --- SWOT and external factors --------------------------------------------------


@pytest.mark.parametrize(
    ("part", "groups", "points"),
    [("strengths", 6, 8), ("weaknesses", 4, 23), ("opportunities", 1, 7), ("threats", 6, 8)],
)
def test_swot_counts(analysis: AnalysisFile, part: str, groups: int, points: int) -> None:
    """SWOT: 8 strengths in 6 groups, 23 weaknesses in 4, 7 opportunities, 8 threats in 6 (counted in the source)."""
    found = getattr(analysis, part)
    assert (len(found), sum(len(g.items) for g in found)) == (groups, points)


def test_swot_groups_follow_the_source(analysis: AnalysisFile) -> None:
    """The subcategory groups of strengths, weaknesses and threats are the source's, in order."""
    assert [g.subcategory for g in analysis.strengths] == [
        None,
        "it-hardvara",
        "it-konsulter",
        "it-programvara-och-licenser",
        "it-som-tjanst",
        "verksamhetssystem",
    ]
    assert [g.subcategory for g in analysis.weaknesses] == [None, "it-hardvara", "it-konsulter", "verksamhetssystem"]
    assert [g.subcategory for g in analysis.threats] == [
        None,
        "it-hardvara",
        "verksamhetssystem",
        "it-programvara-och-licenser",
        "it-konsulter",
        "telekommunikation",
    ]


def test_external_factor_counts(analysis: AnalysisFile) -> None:
    """10.8.4–10.8.7.1: points per section and factor as in the source."""
    counts: dict[tuple[str, str], int] = {}
    for group in analysis.external_factors:
        key = (group.section, group.factor)
        counts[key] = counts.get(key, 0) + len(group.items)
    assert counts == {
        ("10.8.4", "politisk"): 2,
        ("10.8.5", "ekonomisk"): 6,
        ("10.8.6", "social"): 3,
        ("10.8.7", "teknologisk"): 3,
        ("10.8.7.1", "teknologisk"): 9,
    }


# --- Rendered pages ----------------------------------------------------------------


def test_every_signal_heading_on_the_page(pages: dict[str, str], analysis: AnalysisFile) -> None:
    """Every styrsignal's number and heading is a heading of the 10.4 page, with its anchor."""
    for signal in analysis.governing_signals:
        pattern = rf"^#+ {re.escape(signal.number)}\.? {re.escape(signal.heading)}(\[\^\d+\])? \{{ #{signal_anchor(signal.number)} \}}$"
        assert re.search(pattern, pages["styrsignaler"], flags=re.M), signal.number


def test_missing_text_is_visible_in_each_cut_section(pages: dict[str, str]) -> None:
    """Each flagged section of the 10.4 page says before the next heading that its text is cut off ("Texten är
    avskuren i källdokumentet") where the source keeps some of it, else that it is missing."""
    sections = re.split(r"^#+ ", pages["styrsignaler"], flags=re.M)
    for number in CUT_SIGNALS:
        body = next(s for s in sections if s.startswith(f"{number} ") or s.startswith(f"{number}. "))
        assert (CUT_TEXT if number in CUT_OFF_SIGNALS else MISSING_TEXT) in body, number


def test_overview_marks_missing_text(model: Municipality) -> None:
    """The styrsignal overview warns once per flagged section: cut off where the source keeps some text, else missing."""
    site = Site(model=model, today=TODAY, page=PAGES["styrsignaler"])
    text = MACROS["styrsignaler"].bind(site)(plan=PLAN)
    assert text.count(MISSING_TEXT) == len(CUT_SIGNALS - CUT_OFF_SIGNALS)
    assert text.count(CUT_TEXT) == len(CUT_OFF_SIGNALS)


def test_every_swot_and_factor_point_is_rendered(pages: dict[str, str], analysis: AnalysisFile) -> None:
    """Every SWOT point and external factor reaches its page, under the source's group headings."""
    placed = {
        "styrkor-och-svagheter": [*analysis.strengths, *analysis.weaknesses],
        "extern-analys": [*analysis.opportunities, *analysis.threats, *analysis.external_factors],
    }
    for page, groups in placed.items():
        for group in groups:
            assert not group.heading or f"# {plain(group.heading)}" in pages[page]
            for point in group.items:
                assert f"- {rich(point, inline=True)}" in pages[page]


def test_every_list_item_is_rendered(pages: dict[str, str], analysis: AnalysisFile) -> None:
    """Every point of every other list of the analysis is on one of the pages."""
    everything = "\n".join(pages.values())
    for text_list in analysis.lists:
        for item in text_list.items:
            assert rich(item.text, inline=True) in everything, (text_list.id, item.text)


def test_every_note_is_on_a_page(pages: dict[str, str], analysis: AnalysisFile) -> None:
    """Every editorial note of nulage.yml is shown on a page of bilaga 3."""
    everything = "\n".join(pages.values())
    for note in analysis.notes:
        assert " ".join(note.text.split()) in " ".join(everything.split()), note.id


def test_every_figure_date_and_picture_is_used(analysis: AnalysisFile) -> None:
    """Every text figure, date and picture of nulage.yml is called from a page, so none is dead data."""
    sources = "\n".join((CONTENT / page).read_text(encoding="utf-8") for page in PAGES.values())
    for identifier in [f.id for f in analysis.figures] + [d.id for d in analysis.dates]:
        assert f'id="{identifier}"' in sources, identifier
    for picture in analysis.pictures:
        assert f'nulagesbild(plan="{PLAN}", nummer={picture.number})' in sources


def test_no_figure_is_typed_in_the_prose(pages: dict[str, str]) -> None:
    """The figures of 10.1–10.3 come from macros: the page sources contain none of them."""
    source = (CONTENT / PAGES["index"]).read_text(encoding="utf-8")
    for figure in ("163", "139,6", "20,9", "42,2", "26,9", "51,2", "14,2", "36,8", "56,9", "195", "219", "58 avtal"):
        assert figure not in source, figure
        assert figure in flat(pages["index"]), figure


def test_swedish_number_format_in_tables(pages: dict[str, str]) -> None:
    """Tables show figures the Swedish way: decimal comma, unit and qualifier."""
    text = flat(pages["index"])
    for shown in ("ca 163 mnkr", "knappt 10 %", "20,9 mnkr", "ca 3,75 mnkr", "14,2 %", "23,4 mnkr", "över 50 000 st"):
        assert f"| {shown} |" in text or re.search(rf"<td[^>]*>{re.escape(shown)}</td>", text), shown


def test_prose_figures_as_the_source_writes_them(html: dict[str, str]) -> None:
    """Running text shows figures in the source's words: "ca 163 miljoner kr", "tredje", "under 700 000 kr"."""

    def shown(name: str) -> str:
        return flat(unescape(re.sub(r"<[^>]+>", "", html[name])))

    index = shown("index")
    assert "total spend på ca 163 miljoner kr 2022 (139,6 miljoner kr år 2021)" in index
    assert "den tredje största kategorin av Huddinge kommuns totalt 9 kategorier och står idag för knappt 10 %" in index
    assert "köpts över 70% utanför avtal" in index
    assert "för upphandlingar under 700 000 kr." in shown("organisation-och-it-konsulter")
    assert "mellan 4–6%" in shown("totalkostnad-krisberedskap-sanktioner")
    assert "Fr o m 1 jan 2022 ska" in shown("styrsignaler")
    assert "i november 2024, kommer" in shown("extern-analys")


def test_footnotes_resolve(html: dict[str, str]) -> None:
    """Every footnote reference on the pages, also those inside data, has its footnote."""
    for name, text in html.items():
        assert "[^" not in text, name
