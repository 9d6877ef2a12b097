"""Data-integrity tests on the real plan (Kategoriplan IT & Telekom): the plan's own sections
(metadata, effektmål, underkategorier, strategier, nyckeltal, upphandlingsbehov) are complete,
in the source's order, and every item reaches the page through its macro."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from macros.loading.loader import LoadResult
from macros.model.catalog import Municipality, Plan
from macros.model.deadlines import DeadlineFlag, deadline_of
from macros.render.safe import plain, rich
from tests.real.conftest import PLAN, TODAY, render_macro

OWN_FILES = {
    "data/kommun/styrning.yml",
    *(
        f"data/planer/{PLAN}/{name}.yml"
        for name in ("plan", "underkategorier", "effektmal", "strategier", "nyckeltal", "upphandlingsbehov")
    ),
}

EFFECT_GOALS = ["service", "rattssakra-avtal", "klimat-och-social-hallbarhet", "kostnadseffektivitet"]
SUBCATEGORIES = [
    "it-programvara-och-licenser",
    "verksamhetssystem",
    "it-hardvara",
    "valfardsteknik",
    "it-som-tjanst",
    "it-konsulter",
    "telekommunikation",
    "ovrigt-it",
]
STRATEGIES = {
    "5.1.1": "digitala-omvarlden",
    "5.1.2": "digitaliseringens-mojligheter",
    "5.1.3": "flexibilitet",
    "5.1.4": "hog-tillganglighet",
    "5.1.5": "webbtillganglighet",
    "5.2.1": "lagefterlevnad",
    "5.2.2": "forsorjning-vid-kris",
    "5.3.1": "miljomarkta-produkter",
    "5.3.2": "cirkulart-arbetssatt",
    "5.3.3": "konsumtionsbaserade-utslapp",
    "5.3.4": "arbetsvillkor-i-produktion",
    "5.3.5": "jamlikhet",
    "5.4.1": "standardisera-och-konsolidera",
    "5.4.2": "kompetent-bestallare",
    "5.4.3": "effektivt-arbetssatt",
    "5.4.4": "kompetensforsorjning-konsulter",
    "5.4.5": "avtalskontroll-och-leverantorsstyrning",
    "5.4.6": "attraktiv-kund",
    "5.4.7": "leveransmodell",
    "5.4.8": "konkurrens-och-innovation",
    "5.4.9": "samordning-och-samverkan",
    "5.4.10": "direktupphandlingar",
}
NEEDS_PER_LIST = {2023: 42, 2024: 8, 2025: 6, 2026: 4}
"""Rows of the tables 9.1.1–9.1.4, counted in the source."""


def test_no_finding_in_own_files_but_the_decision_date(result: LoadResult) -> None:
    """The only finding in the plan's own data files is the warning about "2022-XX-xx"."""
    own = [f for f in result.findings if f.file in OWN_FILES]
    assert [f.message for f in own] == ["beslutsdatumet '2022-XX-xx' är inte ett fullständigt datum"]


def test_plan_metadata_as_on_the_title_page(plan: Plan) -> None:
    """Name, municipality, document type and decision text are as on the title page."""
    meta = plan.meta
    assert (meta.name, meta.municipality, meta.document_type) == (
        "Kategoriplan IT & Telekom",
        "Huddinge kommun",
        "Bilaga 5 - hela ärendet",
    )
    assert (meta.decision.body, meta.decision.date, meta.decision.date_text) == ("kommunstyrelsen", None, "2022-XX-xx")


def test_plan_period_four_years_from_october_2023(plan: Plan) -> None:
    """The plan period starts 2023-10-01 and ends 2027-09-30."""
    assert (plan.period_start, plan.period_end) == (dt.date(2023, 10, 1), dt.date(2027, 9, 30))


def test_source_has_no_version_entries(model: Municipality, plan: Plan) -> None:
    """11.0 has no versions, and the version macro says so."""
    assert plan.meta.versions == []
    assert "inga versionsuppgifter" in render_macro(model, "versionshistorik", plan=PLAN)


def test_ownership_table_of_11_0(model: Municipality) -> None:
    """The 11.0 table has its four rows, with the source's wording."""
    text = render_macro(model, "planansvar", plan=PLAN)
    for label in ("Tas fram av", "Ägs av", "Beslutas av", "Uppdateras av"):
        assert f"| {label} |" in text
    assert "med nytt beslut i KS om strategier behöver förändras" in text


def test_lead_times_are_data_of_the_plan(plan: Plan) -> None:
    """9.1's lead times: 24 months for verksamhetssystem, 18 for IT-hårdvara and IT-konsulter, none for the rest."""
    months = {s.id: plan.lead_time_months(s.id) for s in plan.subcategories}
    assert {k: v for k, v in months.items() if v is not None} == {
        "verksamhetssystem": 24,
        "it-hardvara": 18,
        "it-konsulter": 18,
    }
    assert plan.meta.lead_time_text is not None
    assert "2 år för verksamhetssystem och 18 månader för hårdvara och konsulter" in plan.meta.lead_time_text


def test_four_effect_goals_in_order(plan: Plan) -> None:
    """4.1 has four effektmål, 4.1.1–4.1.4, with the fixed ids."""
    assert [(g.number, g.id) for g in plan.effect_goals] == [
        (f"4.1.{n}", goal) for n, goal in enumerate(EFFECT_GOALS, 1)
    ]


def test_effect_goals_link_council_goals_in_the_plans_wording(model: Municipality) -> None:
    """4.1's wording of goals and goal areas, and its "Upphandlingspolicy", reach the page."""
    text = render_macro(model, "effektmal", plan=PLAN)
    for wording in (
        "En trygg och lyckad skolgång lägger grunden för framtiden",
        "utveckla cirkulär ekonomi som minimerar gifter i miljön och minska de konsumtionsbaserade utsläppen",
        "En ansvarsfull ekonomi i hela Huddinge",
        "Koppling till övriga styrdokument: Upphandlingspolicy",
    ):
        assert wording in text


def test_council_goal_names_follow_10_4_1(model: Municipality) -> None:
    """The shared fullmäktigemål carry the names of 10.4.1."""
    assert model.council_goal("cirkular-ekonomi").name == "Cirkulär ekonomi som minimerar gifter i miljön"
    assert model.council_goal("minska-klimatpaverkan").name == "Minska klimatpåverkan"


def test_eight_subcategories_in_order(plan: Plan) -> None:
    """4.2 has eight underkategorier with the fixed ids, each with a definition."""
    assert [s.id for s in plan.subcategories] == SUBCATEGORIES
    assert all(s.definition for s in plan.subcategories)


def test_every_subcategory_rendered(model: Municipality, plan: Plan) -> None:
    """Every underkategori and its definition is in the 4.2 table."""
    text = render_macro(model, "underkategorier", plan=PLAN)
    for sub in plan.subcategories:
        assert f"| {plain(sub.name)} | {rich(sub.definition, inline=True)} |" in text


def test_twenty_two_strategies_numbered_in_order(plan: Plan) -> None:
    """Section 5 has 22 strategier, 5.1.1–5.4.10 in order, with the fixed ids."""
    assert [(s.number, s.id) for s in plan.strategies] == list(STRATEGIES.items())


def test_each_strategy_under_the_goal_of_its_section(plan: Plan) -> None:
    """Strategy 5.n.m belongs to the n-th effektmål."""
    for strategy in plan.strategies:
        assert strategy.effect_goal == EFFECT_GOALS[int(strategy.number.split(".")[1]) - 1]


def test_strategies_without_measure_list(plan: Plan) -> None:
    """5.1.2, 5.4.4 and 5.4.10 have no measures; 5.4.6 has one, written in running text."""
    without = [s.number for s in plan.strategies if not s.measures]
    assert without == ["5.1.2", "5.4.4", "5.4.10"]
    inline = [(s.number, len(s.measures)) for s in plan.strategies if s.measures_inline]
    assert inline == [("5.4.6", 1)]


def test_every_strategy_rendered(model: Municipality, plan: Plan) -> None:
    """Every strategy's heading, lead text and measures are on the strategy page."""
    text = render_macro(model, "strategier", plan=PLAN)
    for strategy in plan.strategies:
        assert f"### {plain(strategy.number)} {plain(strategy.name)} {{#{strategy.id}}}" in text
        assert rich(strategy.text) in text
        for measure in strategy.measures:
            assert rich(measure, inline=True) in text


def test_inline_measure_rendered_in_running_text(model: Municipality) -> None:
    """5.4.6's measure follows its intro in the same sentence, not as a bullet."""
    text = render_macro(model, "strategier", plan=PLAN, effektmal="kostnadseffektivitet")
    assert "Detta upprätthålls bl.a. genom att: hantera ingångna avtalsrelationer professionellt" in text


def test_footnotes_are_markdown_footnotes(plan: Plan) -> None:
    """The source's footnotes ¹ and ² are Markdown footnotes with their definitions."""
    texts = "\n".join(s.text + "\n".join(s.measures) for s in plan.strategies)
    for mark in ("[^1]", "[^2]"):
        assert texts.count(mark) == 2, mark
    assert "¹" not in texts and "²" not in texts


def test_fourteen_indicators_grouped_by_goal(plan: Plan) -> None:
    """Section 6 has 14 nyckeltal: four in 6.1, three in 6.2, five in 6.3, two in 6.4."""
    assert Counter(i.section for i in plan.indicators) == {"6.1": 4, "6.2": 3, "6.3": 5, "6.4": 2}
    for indicator in plan.indicators:
        assert indicator.effect_goal == EFFECT_GOALS[int(indicator.section.split(".")[1]) - 1]


def test_indicators_name_their_activities(plan: Plan) -> None:
    """Measures that name an activity link to it."""
    links = {i.text.split()[0] + " " + i.text.split()[1]: i.activities for i in plan.indicators if i.activities}
    assert links == {
        "Krav på": ["webbtillganglighet"],
        "Mallkrav på": ["webbtillganglighet"],
        "PUB-avtal finns": ["pub-avtal"],
        "Aktivitet kring": ["centraliserat-datorinkop"],
        "Möjligheter till": ["externt-aterbruk"],
        "Intern rutin": ["intern-cirkular-ekonomi"],
    }


def test_every_indicator_rendered(model: Municipality, plan: Plan) -> None:
    """Every nyckeltal is on the follow-up page, under its effektmål."""
    for goal in EFFECT_GOALS:
        text = render_macro(model, "nyckeltal", plan=PLAN, effektmal=goal)
        for indicator in plan.indicators_of(goal):
            assert f"- {indicator.text}" in text


def test_procurement_needs_per_list_year(plan: Plan) -> None:
    """9.1.1–9.1.4 list 42, 8, 6 and 4 upphandlingsbehov."""
    assert Counter(n.list_year for n in plan.procurement_needs) == NEEDS_PER_LIST


def test_procurement_ids_start_with_list_year(plan: Plan) -> None:
    """Each need's id starts with the year of its list."""
    assert all(n.id.startswith(f"{n.list_year}-") for n in plan.procurement_needs)


def test_contract_end_only_on_later_lists(plan: Plan) -> None:
    """The 2023 list gives no contract end; every need on 2024–2026 has a date or "Snarast"."""
    for need in plan.procurement_needs:
        assert (need.contract_end is None) == (need.list_year == 2023), need.id
    assert [n.id for n in plan.procurement_needs if n.contract_end == "Snarast"] == ["2024-it-konsulter"]


def test_subcategory_labels_map_to_subcategories(plan: Plan) -> None:
    """The source's labels map to underkategorier; only "Hårdvara" and "IT övrigt" differ from 4.2's names."""
    differing = {
        (n.subcategory_label, n.subcategory)
        for n in plan.procurement_needs
        if n.subcategory_label != plan.subcategory(n.subcategory).name
    }
    assert differing == {("Hårdvara", "it-hardvara"), ("IT övrigt", "ovrigt-it")}


def test_every_procurement_need_rendered(model: Municipality, plan: Plan) -> None:
    """Every need is in its year's table with the source's label and contract end, and nothing else is."""
    for year in NEEDS_PER_LIST:
        text = render_macro(model, "upphandlingsbehov", plan=PLAN, ar=year)
        for need in (n for n in plan.procurement_needs if n.list_year == year):
            end = need.contract_end
            row = f"| {plain(need.subcategory_label)} | {plain(need.need)} |"
            row += "" if end is None else f" {end if isinstance(end, str) else end.isoformat()} |"
            assert row in text, need.id
        assert text.count("\n| ") == NEEDS_PER_LIST[year]


def test_latest_start_is_contract_end_minus_lead_time(plan: Plan) -> None:
    """RPA (verksamhetssystem, avtal t.o.m. 2025-08-31) must start by 2023-08-31; no date for "Snarast" or telekom."""
    needs = {n.id: n for n in plan.procurement_needs}
    assert deadline_of(plan, needs["2024-rpa"], TODAY).latest_start == dt.date(2023, 8, 31)
    assert deadline_of(plan, needs["2024-it-konsulter"], TODAY).flag is DeadlineFlag.SNARAST
    telecom = deadline_of(plan, needs["2024-kommunikation-som-tjanst"], TODAY)
    assert (telecom.latest_start, telecom.flag) == (None, DeadlineFlag.NO_LEAD_TIME)


def test_every_dated_need_in_the_procurement_calendar(model: Municipality, plan: Plan) -> None:
    """Every need with a contract end (2024–2026) is in the procurement calendar of 9.1."""
    text = render_macro(model, "upphandlingskalender", page=f"{PLAN}/upphandlingsbehov.md", plan=PLAN)
    dated = [n for n in plan.procurement_needs if n.contract_end is not None]
    assert len(dated) == 18
    for need in dated:
        assert plain(need.need) in text, need.id


def test_editorial_notes_for_known_problems(plan: Plan) -> None:
    """The plan records the known problems of its own sections as editorial notes."""
    ids = {note.id for note in plan.meta.notes}
    assert {
        "beslutsdatum-ej-ifyllt",
        "spendandel-ca-eller-knappt",
        "bild-syfte",
        "bild-processer",
        "bild-kategoritrad",
        "bild-arbetssatt",
        "underkategori-hardvara",
        "underkategori-it-ovrigt",
        "versionshistorik-saknas",
    } <= ids


def test_title_page_shows_decision_as_written(model: Municipality) -> None:
    """The title page says "Beslutad 2022-XX-xx" and the document type."""
    text = render_macro(model, "titelsida", plan=PLAN)
    assert "Beslutad 2022-XX-xx" in text
    assert "Bilaga 5 - hela ärendet" in text


def test_an_ended_contract_without_lead_time_is_urgent(plan: Plan) -> None:
    """A need whose contract has ended is flagged "avtalet har löpt ut" and sorted by its end, even when the plan
    gives no lead time for its underkategori (Utskrift som tjänst, t.o.m. 2024-12-13)."""
    needs = {n.need: n for n in plan.procurement_needs}
    ended = deadline_of(plan, needs["Utskrift som tjänst"], dt.date(2025, 6, 1))
    assert ended.flag is DeadlineFlag.CONTRACT_ENDED and ended.is_urgent
    assert ended.latest_start is None and ended.start_by == dt.date(2024, 12, 13)
    before = deadline_of(plan, needs["Utskrift som tjänst"], dt.date(2024, 6, 1))
    assert before.flag is DeadlineFlag.NO_LEAD_TIME and not before.is_urgent
