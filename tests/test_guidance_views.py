"""The guidance views on the fixture plan "vyer": a self-assessment at two dates on the
Dalamodellen matrix and how it changed, a filled checklist with its need and on the
procurement calendar, the guide's phases counted backwards from a contract end, and the
plan's effektmål, strategies and activities on the pages of the national inriktningsmål."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import openpyxl
import pytest

from macros.exports.dataset import Dataset
from macros.exports.tabular import write_table
from macros.model.catalog import Municipality
from macros.model.procurement_guide import Duration, Phase, Procedure
from macros.render import MACROS
from macros.render.context import MacroError
from macros.render.procurement_guide import backwards
from tests.views_data import load_model, site_for

GUIDE = "skr-verksamhetssystem-socialtjansten"


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Municipality:
    """The fixture data with the plan "vyer" and the guidance library."""
    return load_model(tmp_path_factory.mktemp("guidance") / "data")


def render(model: Municipality, name: str, page: str = "vyer/oversikter/sjalvskattning.md", **arguments: object) -> str:
    """A macro's output on a page of the fixture site, with text as a reader sees it (without soft hyphens)."""
    return unescape(MACROS[name].bind(site_for(model, page))(**arguments)).replace("\u00ad", "")


# --- Self-assessment ----------------------------------------------------------------------


def test_current_assessment_is_the_latest(model: Municipality) -> None:
    """The view starts from the assessment of 2024-05-15 and says how many there are."""
    text = render(model, "sjalvskattning", plan="vyer")
    assert text.startswith("Senaste självskattningen gjordes 2024-05-15") and "2 självskattningar finns" in text


def test_summary_grid_shows_level_and_change_per_cell(model: Municipality) -> None:
    """Each cell of the grid shows the level reached now and how it changed since 2023-11-20."""
    grid = render(model, "sjalvskattning", plan="vyer").split("dm-oversikt")[1].split("</table>")[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", grid)
    assert '*** Excellent<br><span class="dm-andring">↑ upp 2 nivåer</span>' in cells
    assert '* Tillfredsställande<br><span class="dm-andring">↓ ned 1 nivå</span>' in cells
    assert 'Ingen nivå uppnådd<br><span class="dm-andring">oförändrad</span>' in cells
    assert '** Mycket tillfredsställande<br><span class="dm-andring">ny bedömning</span>' in cells
    assert 'Inte bedömd<br><span class="dm-andring">inte bedömd nu</span>' in cells
    assert len(cells) == 16


def test_matrix_marks_the_reached_levels(model: Municipality) -> None:
    """On the matrix, every row's cells up to the reached level are marked, in words as well as colour."""
    matrix = render(model, "sjalvskattning", plan="vyer").split("Rekommendationerna med den uppnådda nivån markerad")[1]
    matrix = matrix.split("Självskattningarna med underlag")[0]
    # 1/Styrning reached level 3 on 6 rows, 1/Verksamhet level 1 on 2 rows, 3/Resurs level 2 on 1 row.
    assert matrix.count("✓ Uppnådd: ") == 6 * 3 + 2 * 1 + 1 * 2
    assert matrix.count('class="dm-uppnadd"') == matrix.count("✓ Uppnådd: ")
    assert "Bedömd nivå: Ingen nivå uppnådd" in matrix and "Inte bedömd" in matrix


def test_every_assessment_shows_who_and_evidence(model: Municipality) -> None:
    """Both assessments are shown with their date, assessors, scope, comment and every cell's evidence."""
    text = render(model, "sjalvskattning", plan="vyer")
    for fragment in (
        "Självskattning 2024-05-15",
        "Självskattning 2023-11-20",
        "Kategoriteamet Vyer",
        "Kategorin Vyer",
        "<em>underlagen</em>",
        "Målen följs upp vid varje tertialrapport",
        "Upphandlingsplanen för 2024 är påbörjad.",
        "Behovet stäms av med leverantören",
    ):
        assert fragment in text, fragment
    assert "12 kombinationer av steg och perspektiv är inte bedömda." in text


def test_changes_table_compares_the_two_dates(model: Municipality) -> None:
    """The change table has a column per date and a row per step and perspective."""
    text = render(model, "sjalvskattning", plan="vyer")
    assert "| Steg | Perspektiv | 2023-11-20 | 2024-05-15 | Förändring |" in text
    assert text.count("| oförändrad |") == 1 and text.count("| – |") == 11


def test_plans_without_assessment_say_so(model: Municipality) -> None:
    """A plan with no assessment gets the honest empty state, saying where one would be recorded."""
    text = render(model, "sjalvskattning", page="exempel/index.md", plan="exempel")
    assert text.startswith("Ingen självskattning mot Dalamodellen är registrerad för Kategoriplan Exempel")
    assert "förrän den finns i planens data" in text


def test_model_page_lists_who_has_assessed(model: Municipality) -> None:
    """The Dalamodellen page lists the plan "vyer" with its latest date and number of assessments."""
    text = render(model, "sjalvskattningar", page="vagledning/dalamodellen/index.md")
    assert "[Kategoriplan Vyer](../../vyer/oversikter/sjalvskattning.md) | 2024-05-15 | 2 |" in text


def test_unknown_level_is_an_error_in_the_check(tmp_path: object, model: Municipality) -> None:
    """A matrix step that does not exist is a Swedish error when a page asks for it."""
    with pytest.raises(MacroError, match="steget 'okant' finns inte"):
        MACROS["dalamodellen_matris"].bind(site_for(model))(steg="okant")


# --- Checklists -----------------------------------------------------------------------------


def test_filled_checklist_is_shown_with_its_need(model: Municipality) -> None:
    """The checklist for RPA shows its progress and each question's answer, responsible and comment."""
    text = render(model, "checklistor", page="vyer/upphandlingsbehov.md", plan="vyer")
    assert "### Checklista för RPA {#checklista-rpa-skr-verksamhetssystem-socialtjansten}" in text
    assert "6 av 33 frågor besvarade (Ja 3, Nej 2, Ej tillämpligt 1)" in text
    assert (
        "| Har en marknadsundersökning genomförts? | Ej tillämpligt | [Åke Ström](../ansvar/ake-strom.md), med stöd av upphandlare |"
        in text
    )
    assert "| Har en nyttoanalys tagits fram? | Nej | Verksamhetsutvecklare | – |" in text
    assert text.count("*Obesvarad*") == 27


def test_calendar_summarises_the_checklists(model: Municipality) -> None:
    """The calendar says how many needs have a checklist, and the RPA row how far it has come."""
    html = render(
        model, "upphandlingskalender", page="vyer/oversikter/upphandlingskalender.md", plan="vyer", visa="tabell"
    )
    assert "Checklistor: 1 upphandlingsbehov av 7 har en ifylld checklista" in html
    row = next(r for r in html.split("<tr") if ">RPA<" in r)
    assert "6 av 33 besvarade" in row
    row = next(r for r in html.split("<tr") if "Webbkonsulter" in r)
    assert ">ingen<" in row


def test_template_lists_the_needs_that_filled_it_in(model: Municipality) -> None:
    """The checklist's template on the guide's page links to every need that has filled it in."""
    text = render(model, "checklista_mall", page="vagledning/upphandling.md", vagledning=GUIDE)
    assert (
        "[RPA](../vyer/upphandlingsbehov.md#checklista-rpa-skr-verksamhetssystem-socialtjansten) i Kategoriplan Vyer"
        in text
    )


def test_plans_without_checklist_say_so(model: Municipality) -> None:
    """A plan with no checklist says so and points to the guide."""
    text = render(model, "checklistor", page="exempel/index.md", plan="exempel")
    assert text.startswith("Inget upphandlingsbehov i planen har någon ifylld checklista.")


# --- The guide's phases backwards from a contract end ---------------------------------------------


def _procedure(*phases: Phase) -> Procedure:
    return Procedure.model_validate(
        {"id": "p", "namn": "P", "beskrivning": "P.", "faser": [phase.model_dump(by_alias=True) for phase in phases]}
    )


def _phase(ident: str, low: int, high: int, unit: str, **flags: bool) -> Phase:
    duration = {"från": low, "till": high, "enhet": unit}
    return Phase.model_validate(
        {"id": ident, "namn": ident, "tid_text": ident, "tid": duration, **{k: v for k, v in flags.items()}}
    )


def test_backwards_counts_from_the_contract_end() -> None:
    """Phases are placed backwards from the contract end: months keep month ends, days are days."""
    procedure = _procedure(_phase("forstudie", 3, 12, "månader"), _phase("sparr", 10, 10, "dagar"))
    placed, first = backwards(procedure, dt.date(2025, 8, 31))
    assert [(p.start, p.end) for p in placed] == [
        (dt.date(2024, 8, 21), dt.date(2025, 8, 21)),
        (dt.date(2025, 8, 21), dt.date(2025, 8, 31)),
    ]
    assert first == dt.date(2024, 8, 21)


def test_backwards_shortest_leaves_out_optional_phases() -> None:
    """With the shortest estimates, optional phases take no time and the phase after the award never counts."""
    procedure = _procedure(
        _phase("forstudie", 3, 12, "månader"),
        _phase("overprovning", 3, 6, "månader", eventuell=True),
        Phase.model_validate(
            {"id": "efterannons", "namn": "E", "tid_text": "senast 30 dagar efter", "efter_tilldelning": True}
        ),
    )
    _, shortest = backwards(procedure, dt.date(2025, 8, 31), longest=False)
    _, longest = backwards(procedure, dt.date(2025, 8, 31), longest=True)
    assert shortest == dt.date(2025, 5, 31) and longest == dt.date(2024, 2, 29)


def test_calendar_shows_guidance_phases_as_guidance(model: Municipality) -> None:
    """The calendar's guidance section says it is guidance and lists each need with a derived latest start."""
    html = render(
        model, "vagledningens_tidplan", page="vyer/oversikter/upphandlingskalender.md", plan="vyer", vagledning=GUIDE
    )
    assert "Vägledning, inte planens datum." in html
    assert html.count('<details class="vy-faser">') == 4  # RPA, Webbkonsulter, Kartproduktionssystem, Skrivare
    assert ">RPA<" in html and "Kommunikation som tjänst" not in html  # no lead time: no latest start


def test_duration_label() -> None:
    """A duration reads as a range in words."""
    assert Duration.model_validate({"från": 3, "till": 12, "enhet": "månader"}).label == "3–12 månader"
    assert Duration.model_validate({"från": 10, "till": 10, "enhet": "dagar"}).label == "10 dagar"


# --- National inriktningsmål ------------------------------------------------------------------


def test_goal_page_lists_what_serves_it(model: Municipality) -> None:
    """A goal's page lists the stated strategy and the activities derived through it."""
    text = render(
        model,
        "inriktningsmalssida",
        page="vagledning/nationella-upphandlingsstrategin/attraktiva-affarer.md",
        mal="attraktiva-affarer",
    )
    assert "[5.2.1 Samordna inköp](../../vyer/kategoristrategi.md#samordna) i Kategoriplan Vyer" in text
    assert (
        "[9.2.7 Centralt ägande](../../vyer/aktiviteter/centralt.md) i Kategoriplan Vyer – genom strategi 5.2.1" in text
    )
    assert "Aktiviteterna är härledda av webbplatsen" in text


def test_proposed_goal_link_is_shown_as_proposal(model: Municipality) -> None:
    """An effektmål's proposed link is shown as the editors' proposal with its motivation, also for derived activities."""
    text = render(
        model,
        "inriktningsmalssida",
        page="vagledning/nationella-upphandlingsstrategin/strategiskt-verktyg.md",
        mal="strategiskt-verktyg",
    )
    assert (
        "[4.1.2 Kostnadseffektivitet](../../vyer/kategoriplan.md#kostnad) i Kategoriplan Vyer – *förslag från redaktionen"
        in text
    )
    assert "Fixtur – kostnadseffektivitet är en del av en god affär." in text
    assert "genom effektmål 4.1.2 – *förslag från redaktionen" in text


def test_goal_without_links_says_so(model: Municipality) -> None:
    """A goal nothing links to says so."""
    text = render(
        model,
        "inriktningsmalssida",
        page="vagledning/nationella-upphandlingsstrategin/innovationer.md",
        mal="innovationer",
    )
    assert "Inget effektmål, ingen strategi och ingen aktivitet i kategoriplanerna kopplas till målet." in text
    assert "Färdplanen beskriver inte målet närmare" in text


def test_plan_page_says_which_goals_it_does_not_touch(model: Municipality) -> None:
    """The plan's page names the seven inriktningsmål it does not touch."""
    text = render(model, "nationella_mal_i_planen", page="vyer/oversikter/nationella-mal.md", plan="vyer")
    assert "Planen kopplas till 3 av de 10 inriktningsmålen." in text
    assert text.count("planen kopplar inte hit") == 7


def test_strategy_and_effect_goal_links_are_published(model: Municipality) -> None:
    """The links from strategies and effektmål to inriktningsmål are shown on the plan's chapters."""
    strategies = render(model, "strategier", page="vyer/kategoristrategi.md", plan="vyer")
    goals = render(model, "effektmal", page="vyer/kategoriplan.md", plan="vyer")
    assert "[Inriktningsmål 8: De offentliga affärerna ska vara attraktiva" in strategies
    assert (
        "[Inriktningsmål 2: Effektiva offentliga inköp.](../vagledning/nationella-upphandlingsstrategin/effektiva-inkop.md)"
        in goals
    )


# --- References to the market analysis ---------------------------------------------------------


def test_market_analysis_lists_the_plans_references(model: Municipality) -> None:
    """The analysis lists the underkategori and the activity that refer to it, as the editors' references."""
    text = render(
        model, "vagledning_hanvisningar", page="vagledning/marknadsanalyser.md", dokument="kammarkollegiet-klienter"
    )
    assert (
        "Underkategori [IT-hårdvara](../vyer/kategoriplan.md) i Kategoriplan Vyer – *hänvisning från redaktionen"
        in text
    )
    assert "Aktivitet [9.2.7 Centralt ägande](../vyer/aktiviteter/centralt.md)" in text


def test_activity_page_offers_the_guidance(model: Municipality) -> None:
    """The activity's page has the reference to the analysis, labelled as the editors'."""
    text = render(model, "aktivitetssida", page="vyer/aktiviteter/centralt.md", plan="vyer", aktivitet="centralt")
    assert "## Vägledning att läsa" in text
    assert (
        "[Behovs- och marknadsanalys för ramavtalen Klienter samt Klient och mobiltelefonlösningar](../../vagledning/marknadsanalyser.md#kammarkollegiet-klienter)"
        in text
    )


# --- Downloads ------------------------------------------------------------------------------


def _offered(model: Municipality, name: str, page: str, **arguments: object) -> dict[str, Dataset]:
    """The datasets a macro offers for download on a page of the fixture site, by path."""
    site = site_for(model, page)
    MACROS[name].bind(site)(**arguments)
    return {item.path: item for item in site.downloads.datasets}


def _excel(item: Dataset, folder: Path) -> list[dict[str, object]]:
    """The dataset written as Excel and read back with openpyxl: one dict per row, by header (dates as dates)."""
    write_table(item, folder, dt.datetime(2026, 11, 29, tzinfo=dt.UTC))
    sheet = openpyxl.load_workbook(folder / item.file("xlsx")).worksheets[0]
    rows = [[v.date() if isinstance(v, dt.datetime) else v for v in row] for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_filled_checklist_excel_holds_each_answer_as_the_table_shows(model: Municipality, tmp_path: Path) -> None:
    """Each group of a filled checklist offers an Excel file with every question, its answer, who and the date."""
    offered = _offered(model, "checklistor", "vyer/upphandlingsbehov.md", plan="vyer")
    groups = [path for path in offered if path.startswith(f"vyer/checklistor/rpa/{GUIDE}/")]
    assert len(groups) == 3
    rows = [row for path in groups for row in _excel(offered[path], tmp_path)]
    assert len(rows) == 33 and {row["Senast uppdaterad"] for row in rows} == {model.plan("vyer").checklists[0].date}
    answered = {row["Fråga"]: (row["Svar"], row["Ansvarig"]) for row in rows if row["Svar"] != "Obesvarad"}
    assert answered["Har en marknadsundersökning genomförts?"] == (
        "Ej tillämpligt",
        "Åke Ström, med stöd av upphandlare",
    )
    assert answered["Har en nyttoanalys tagits fram?"] == ("Nej", "Verksamhetsutvecklare")
    assert len(answered) == 6


def test_self_assessment_excel_holds_each_cell_with_its_level_as_a_number(model: Municipality, tmp_path: Path) -> None:
    """The assessment's current state is offered as Excel: every step and perspective, level in words and as a number."""
    offered = _offered(model, "sjalvskattning", "vyer/oversikter/sjalvskattning.md", plan="vyer")
    rows = _excel(offered["vyer/sjalvskattning-nulage"], tmp_path)
    assert len(rows) == 16
    levels = {(row["Nivå"], row["Nivå, nummer"], row["Förändring sedan förra självskattningen"]) for row in rows}
    assert ("Excellent", 3, "↑ upp 2 nivåer") in levels and ("Inte bedömd", None, "inte bedömd nu") in levels
    assert ("Ingen nivå uppnådd", 0, "oförändrad") in levels
