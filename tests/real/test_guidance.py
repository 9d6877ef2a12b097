"""Data-integrity tests on the guidance library (data/vagledning/): the national strategy's
ten inriktningsmål and three fokusområden, Dalamodellen's steps × perspectives × levels with
its crisis recommendations and annexes, SKR's and Adda's process, time plans and checklist,
and Kammarkollegiet's market analysis are complete, and every item reaches its page."""

from __future__ import annotations

from html import unescape

import pytest

from macros.model.catalog import MATURITY_MODEL_ID, NATIONAL_STRATEGY_ID, Municipality, Plan
from macros.model.plan import Basis
from macros.render.safe import plain, rich
from tests.real.conftest import PLAN, render_macro

GUIDE = "skr-verksamhetssystem-socialtjansten"
ANALYSIS = "kammarkollegiet-klienter"
NATIONAL_PAGE = "vagledning/nationella-upphandlingsstrategin/index.md"
MATURITY_PAGE = "vagledning/dalamodellen/index.md"


def shown(text: str, page: str) -> bool:
    """Whether a text from the data stands on a rendered page, line by line (admonitions indent their lines)."""
    found = unescape(page)
    return all(line.strip() in found for line in unescape(text).splitlines() if line.strip())


# --- Nationella upphandlingsstrategin ----------------------------------------------------


def test_ten_national_goals_numbered(model: Municipality) -> None:
    """The strategy has ten inriktningsmål numbered 1–10: seven from 2016 and three new ones."""
    goals = model.guidance.national_goals
    assert [goal.number for goal in goals] == list(range(1, 11))
    assert [goal.added_in for goal in goals] == ["2016"] * 7 + ["färdplanen"] * 3


def test_the_new_goals_have_their_text_and_actions(model: Municipality) -> None:
    """Goals 8–10 have the roadmap's heading, text and recommended actions; 1–7 only their words."""
    goals = model.guidance.national_goals
    assert [len(goal.actions) for goal in goals[7:]] == [3, 3, 3]
    assert all(goal.heading and goal.text and goal.tips for goal in goals[7:])
    assert all(goal.text is None and not goal.actions for goal in goals[:7])


def test_three_focus_areas_with_their_actions(model: Municipality) -> None:
    """The roadmap has three fokusområden with 4, 3 and 4 recommended actions."""
    areas = model.guidance.focus_areas
    assert [area.number for area in areas] == [1, 2, 3]
    assert [len(area.actions) for area in areas] == [4, 3, 4]


@pytest.mark.parametrize("number", range(1, 11))
def test_each_goal_is_on_its_page_and_in_the_overview(model: Municipality, number: int) -> None:
    """Each inriktningsmål's words, text and actions are on its own page, and its words in the overview."""
    goal = model.guidance.national_goals[number - 1]
    page = render_macro(
        model, "inriktningsmalssida", page=f"vagledning/nationella-upphandlingsstrategin/{goal.id}.md", mal=goal.id
    )
    assert shown(plain(goal.name), page)
    assert all(shown(plain(action.heading), page) and shown(rich(action.text), page) for action in goal.actions)
    assert shown(plain(goal.name), render_macro(model, "inriktningsmal", page=NATIONAL_PAGE))


def test_every_focus_area_action_is_on_the_strategy_page(model: Municipality) -> None:
    """Every fokusområde's text, actions, fact boxes and tips are on the strategy's page."""
    page = render_macro(model, "fokusomraden", page=NATIONAL_PAGE)
    for area in model.guidance.focus_areas:
        texts = [rich(area.text), *(rich(action.text) for action in area.actions)]
        texts += [rich(box.text) for box in area.fact_boxes]
        assert all(shown(text, page) for text in texts), area.id
        assert all(shown(rich(tip, inline=True), page) for tip in area.tips), area.id


def test_the_real_plan_states_no_national_goal_and_says_so(model: Municipality, plan: Plan) -> None:
    """The plan links none of its effektmål or strategies to an inriktningsmål, and its page says it touches none."""
    assert not any(goal.national_goals for goal in plan.effect_goals)
    assert not any(strategy.national_goals for strategy in plan.strategies)
    text = render_macro(model, "nationella_mal_i_planen", page=f"{PLAN}/oversikter/nationella-mal.md", plan=PLAN)
    assert "kopplar inget effektmål och ingen strategi" in text and text.count("planen kopplar inte hit") == 10


# --- Dalamodellen ------------------------------------------------------------------------


def test_model_has_four_steps_four_perspectives_three_levels(model: Municipality) -> None:
    """Dalamodellen: 4 steps × 4 perspectives × 3 levels, each step and perspective with recommendations."""
    maturity = model.guidance.maturity
    assert maturity is not None
    assert [step.number for step in maturity.steps] == [1, 2, 3, 4]
    assert len(maturity.perspectives) == 4
    assert [level.name for level in maturity.levels] == ["Tillfredsställande", "Mycket tillfredsställande", "Excellent"]
    cells = {(cell.step, cell.perspective) for cell in maturity.cells}
    assert cells == {(s.id, p.id) for s in maturity.steps for p in maturity.perspectives}


def test_every_row_has_a_text_per_level(model: Municipality) -> None:
    """The 35 rows of recommendations (and the 2 crisis rows) each have one text for each of the three levels."""
    maturity = model.guidance.maturity
    assert maturity is not None
    rows = [row for cell in maturity.cells for row in cell.rows]
    assert len(rows) == 35 and len(maturity.crisis.rows) == 2
    levels = [level.id for level in maturity.levels]
    assert all([text.level for text in row.texts] == levels for row in [*rows, *maturity.crisis.rows])


def test_every_recommendation_is_in_the_matrix(model: Municipality) -> None:
    """Every recommendation, and every note on a reconstructed row, is in the matrix on the model's page."""
    maturity = model.guidance.maturity
    assert maturity is not None
    page = render_macro(model, "dalamodellen_matris", page=MATURITY_PAGE) + render_macro(
        model, "dalamodellen_kris", page=MATURITY_PAGE
    )
    rows = [row for cell in maturity.cells for row in cell.rows] + maturity.crisis.rows
    assert all(shown(rich(text.text, inline=True), page) for row in rows for text in row.texts)
    assert all(shown(rich(row.note, inline=True), page) for row in rows if row.note)


def test_indicator_annexes_are_complete_and_shown(model: Municipality) -> None:
    """Bilaga 1 has 10 + 16 + 12 indicators in three groups, bilaga 2 has 23; each is on the annex page."""
    maturity = model.guidance.maturity
    assert maturity is not None
    counts = [[len(group.indicators) for group in annex.groups] for annex in maturity.annexes]
    assert counts == [[10, 16, 12], [23]]
    for annex in maturity.annexes:
        page = render_macro(
            model, "dalamodellen_bilaga", page="vagledning/dalamodellen/indikatorer.md", nummer=annex.number
        )
        assert all(shown(plain(item.name), page) for group in annex.groups for item in group.indicators)


def test_the_real_plan_has_no_self_assessment_and_says_so(model: Municipality, plan: Plan) -> None:
    """No self-assessment is invented: the plan and the organisation have none, and the pages say so."""
    assert not plan.assessments.assessments and not model.assessments.assessments
    text = render_macro(model, "sjalvskattning", page=f"{PLAN}/oversikter/sjalvskattning.md", plan=PLAN)
    assert text.startswith("Ingen självskattning mot Dalamodellen är registrerad")
    assert "Varken kommunen eller någon kategoriplan" in render_macro(model, "sjalvskattningar", page=MATURITY_PAGE)


# --- SKR:s och Addas vägledning ------------------------------------------------------------


def test_process_has_three_steps(model: Municipality) -> None:
    """The purchasing process is Förstudie, Upphandlingsprocess and Leverans."""
    assert [step.name for step in model.guide(GUIDE).process] == ["Förstudie", "Upphandlingsprocess", "Leverans"]


def test_procedures_and_their_phases(model: Municipality) -> None:
    """Öppet förfarande and förhandlat förfarande med annonsering have nine phases each; utan annonsering has no time plan."""
    procedures = {procedure.id: len(procedure.phases) for procedure in model.guide(GUIDE).procedures}
    assert procedures == {"oppet-forfarande": 9, "forhandlat-med-annonsering": 9, "forhandlat-utan-annonsering": 0}


def test_every_phase_is_in_the_time_plans(model: Municipality) -> None:
    """Every phase's name and estimated time stand in the time plans on the guide's page."""
    page = render_macro(model, "tidplaner", page="vagledning/upphandling.md", vagledning=GUIDE)
    phases = [phase for procedure in model.guide(GUIDE).procedures for phase in procedure.phases]
    assert all(shown(plain(phase.name), page) and shown(plain(phase.duration_text), page) for phase in phases)


def test_checklist_has_three_groups_and_33_questions(model: Municipality) -> None:
    """The checklist's groups are Förstudie (10), Upphandlingsprocess (10) and Leverans (13 questions)."""
    checklist = model.guide(GUIDE).checklist
    assert checklist is not None
    assert [(group.name, len(group.questions)) for group in checklist.groups] == [
        ("Förstudie", 10),
        ("Upphandlingsprocess", 10),
        ("Leverans", 13),
    ]


def test_every_question_is_on_the_template(model: Municipality) -> None:
    """Every question of the checklist is on the guide's page."""
    page = render_macro(model, "checklista_mall", page="vagledning/upphandling.md", vagledning=GUIDE)
    checklist = model.guide(GUIDE).checklist
    assert checklist is not None
    assert all(shown(plain(question.question), page) for question in checklist.questions)


def test_the_real_plan_has_no_checklist_and_says_so(model: Municipality, plan: Plan) -> None:
    """No checklist is invented; 9.1 says none is filled in and the calendar counts none."""
    assert plan.checklists == []
    text = render_macro(model, "checklistor", page=f"{PLAN}/upphandlingsbehov.md", plan=PLAN)
    assert text.startswith("Inget upphandlingsbehov i planen har någon ifylld checklista")
    calendar = render_macro(model, "upphandlingskalender", page=f"{PLAN}/oversikter/upphandlingskalender.md", plan=PLAN)
    assert f"Checklistor: 0 upphandlingsbehov av {len(plan.procurement_needs)} har en ifylld checklista" in calendar


# --- Kammarkollegiet's market analysis -------------------------------------------------------


def test_market_analysis_sections_and_improvement_areas(model: Municipality) -> None:
    """The analysis has its seven numbered sections and six improvement areas for circular hardware."""
    analysis = model.analysis(ANALYSIS)
    assert [section.number for section in analysis.sections] == [str(n) for n in range(1, 8)]
    areas = next(
        part
        for section in analysis.sections
        for part in section.parts
        if part.id == "forbattringsomraden-cirkular-hardvara"
    )
    assert len(areas.points) == 6


def test_every_part_of_the_analysis_is_on_its_page(model: Municipality) -> None:
    """Every text and point of the analysis is on the page of market analyses."""
    page = render_macro(model, "marknadsanalyser", page="vagledning/marknadsanalyser.md")
    parts = [part for section in model.analysis(ANALYSIS).sections for part in section.parts]
    assert all(shown(rich(part.text), page) for part in parts if part.text)
    assert all(shown(rich(point, inline=True), page) for part in parts for point in part.points)


def test_analysis_is_referred_to_from_hardware_and_circular_activities(model: Municipality, plan: Plan) -> None:
    """IT-hårdvara and the activities on circular hardware refer to the analysis, as the editors' motivated proposals."""
    links = [(s.id, link) for s in plan.subcategories for link in s.guidance]
    links += [(a.id, link) for a in plan.activities for link in a.guidance]
    assert [item for item, _ in links] == [
        "it-hardvara",
        "externt-aterbruk",
        "intern-cirkular-ekonomi",
        "forlangd-livslangd",
    ]
    assert all(link.document == ANALYSIS and link.basis is Basis.PROPOSAL and link.motivation for _, link in links)


# --- The library as a whole -------------------------------------------------------------------


def test_each_document_states_source_publisher_year_and_terms(model: Municipality) -> None:
    """Every document states its publisher, year (or that it gives none) and terms, as the document gives them."""
    documents = model.guidance.documents
    assert list(documents) == [NATIONAL_STRATEGY_ID, MATURITY_MODEL_ID, GUIDE, ANALYSIS]
    assert {doc: source.year for doc, source in documents.items()} == {
        NATIONAL_STRATEGY_ID: None,
        MATURITY_MODEL_ID: 2022,
        GUIDE: 2024,
        ANALYSIS: None,
    }
    assert all(
        source.terms_text == "Dokumentet anger inga villkor för vidareanvändning." for source in documents.values()
    )
    table = render_macro(model, "vagledningar", page="vagledning/index.md")
    assert all(shown(plain(source.publisher), table) for source in documents.values())
