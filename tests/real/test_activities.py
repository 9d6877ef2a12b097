"""Data-integrity tests on the real plan's activities (9.2): all 22 in the source's order
with every required field, every reference resolving, a reason for each activity, and
every activity and every proposal visible on the rendered pages."""

from __future__ import annotations

import re

import pytest

from macros.loading.loader import LoadResult
from macros.model.activities import Activity
from macros.model.catalog import Municipality, Plan
from macros.model.followup import NOT_REPORTED
from macros.model.plan import Basis
from macros.render.activities import PROPOSAL_MARK, PROPOSAL_TITLE
from macros.render.activity_export import AFTER_READING
from macros.render.context import activity_page
from macros.render.raci import RESOLVED
from macros.render.safe import plain, rich
from macros.render.text import cell, kronor_sv
from macros.validation.findings import Severity
from tests.real.conftest import PLAN, render_macro

ACTIVITIES_FILE = f"data/planer/{PLAN}/aktiviteter.yml"

ACTIVITY_IDS = [
    "leverantorsstyrning-pm3",
    "intern-samverkan",
    "forstudie-och-behovsanalys",
    "mallar-och-process",
    "processbeskrivning-inforande",
    "kompetenshojning",
    "direktupphandling-it",
    "arbetsgrupp-informationssakerhet",
    "nis-direktiv",
    "pub-avtal",
    "molntjanster",
    "ai-utvecklingen",
    "webbtillganglighet",
    "krisberedskap",
    "av-produkter",
    "centraliserat-datorinkop",
    "externt-aterbruk",
    "intern-cirkular-ekonomi",
    "forlangd-livslangd",
    "dis-it-konsulter",
    "fakturahantering",
    "spendanalys-detaljniva",
]
"""The fixed ids of 9.2.1–9.2.22, in order."""

PRIORITIES = {
    "9.2.1": 1, "9.2.2": 1, "9.2.3": 2, "9.2.4": 2, "9.2.5": 2, "9.2.6": 2, "9.2.7": 2,
    "9.2.9": 2, "9.2.10": 3, "9.2.11": 1, "9.2.12": 1, "9.2.13": 2, "9.2.14": 1,
    "9.2.16": 3, "9.2.17": 2, "9.2.18": 2, "9.2.19": 3, "9.2.20": 3, "9.2.21": 3, "9.2.22": 2,
}  # fmt: skip
"""Priorities as the source states them; 9.2.8 and 9.2.15 state none."""


def test_no_errors_in_the_activities_file(result: LoadResult) -> None:
    """Validation reports no error in aktiviteter.yml."""
    errors = [f.format() for f in result.findings if f.severity is Severity.ERROR and f.file == ACTIVITIES_FILE]
    assert errors == []


def test_warnings_in_the_activities_file_are_known_source_problems(result: LoadResult) -> None:
    """Every warning on aktiviteter.yml is one of the source problems the editors know of."""
    known = re.compile(
        r"aktivitet (9\.2\.8|9\.2\.15) har ingen prioritet i källan"
        r"|aktivitet 9\.2\.12: delmomenten börjar på f\)"
        r"|aktivitet 9\.2\.21: delmoment a\) följer på a\)"
        r"|aktivitet 9\.2\.15: slut juni 2023 ligger utanför planperioden"
        r"|aktivitet (9\.2\.5|9\.2\.15) skulle vara klar .* men har ingen uppföljningsrapport"
    )
    warnings = [f.message for f in result.findings if f.severity is Severity.WARNING and f.file == ACTIVITIES_FILE]
    assert [message for message in warnings if not known.search(message)] == []


def test_there_are_22_activities_numbered_in_order(plan: Plan) -> None:
    """The plan has the 22 activities 9.2.1–9.2.22 in the source's order."""
    assert [a.number for a in plan.activities] == [f"9.2.{n}" for n in range(1, 23)]


def test_activities_have_the_fixed_ids(plan: Plan) -> None:
    """Activity ids are the fixed ones every helper and link uses."""
    assert [a.id for a in plan.activities] == ACTIVITY_IDS


@pytest.mark.parametrize("field", ["description", "responsibility_text", "goal", "effect", "potential"])
def test_every_activity_has_the_texts_of_the_source(plan: Plan, field: str) -> None:
    """Every activity has beskrivning, Ansvarig, Mål, Uppnådd effekt and Identifierad potential text."""
    assert [a.number for a in plan.activities if not (getattr(a, field) or "").strip()] == []


def test_every_activity_has_its_timeline_text(plan: Plan) -> None:
    """Every activity keeps the source's Tidplan/prioritering text."""
    assert [a.number for a in plan.activities if not a.schedule.text.strip()] == []


def test_priorities_are_as_stated(plan: Plan) -> None:
    """Priorities are exactly those the source states; none where it states none."""
    assert {a.number: a.priority for a in plan.activities if a.priority} == PRIORITIES


def test_stated_priority_appears_in_the_timeline_text(plan: Plan) -> None:
    """Each structured priority is backed by its digit in the source's timeline text."""
    assert [a.number for a in plan.activities if a.priority and str(a.priority) not in a.schedule.text] == []


def test_every_activity_serves_something(plan: Plan) -> None:
    """Every activity links to at least one strategi or effektmål."""
    assert [a.number for a in plan.activities if not a.contributions] == []


def test_proposed_links_are_motivated(plan: Plan) -> None:
    """Every link the editors propose says why, in Swedish."""
    bad = [
        a.number
        for a in plan.activities
        for link in a.contributions
        if link.basis is Basis.PROPOSAL and len((link.motivation or "").strip()) < 20
    ]
    assert bad == []


def test_every_referenced_person_role_and_unit_exists(model: Municipality, plan: Plan) -> None:
    """Every person, role and unit an activity names exists in the shared organisation."""
    missing = [
        (a.number, party.person or party.role or party.unit)
        for a in plan.activities
        for party in a.responsibility
        if (party.person and not model.has("person", party.person))
        or (party.role and not model.has("roll", party.role))
        or (party.unit and not model.has("enhet", party.unit))
    ]
    assert missing == []


def test_people_named_in_the_responsibility_text_are_parties(model: Municipality, plan: Plan) -> None:
    """A person named in an activity's Ansvarig text is one of its structured parties."""
    missing = []
    for a in plan.activities:
        named = {party.person for party in a.responsibility if party.person}
        for person in model.people:
            if person.name in a.responsibility_text and person.id not in named:
                missing.append((a.number, person.id))
    assert missing == []


def test_structured_parties_are_named_in_the_source(model: Municipality, plan: Plan) -> None:
    """Every person given as a party is named in the activity's source text."""
    unnamed = [
        (a.number, party.person)
        for a in plan.activities
        for party in a.responsibility
        if party.person and model.person(party.person).name not in a.responsibility_text
    ]
    assert unnamed == []


def test_dependencies_resolve(plan: Plan) -> None:
    """9.2.17 is done after the centralisation of 9.2.16, and no other dependency is invented."""
    assert {a.number: a.schedule.after for a in plan.activities if a.schedule.after} == {
        "9.2.17": ["centraliserat-datorinkop"]
    }


def test_only_9_2_8_is_continuous(plan: Plan) -> None:
    """Only 9.2.8 ("behöver fortgå löpande") is continuous."""
    assert [a.number for a in plan.activities if a.schedule.continuous] == ["9.2.8"]


def test_timelines_are_at_the_precision_given(plan: Plan) -> None:
    """Start and end of the dated activities are at the source's precision."""
    codes = {
        a.number: (str(a.schedule.start or ""), str(a.schedule.end or ""))
        for a in plan.activities
        if a.schedule.start or a.schedule.end
    }
    assert codes == {
        "9.2.1": ("2023-Q4", "2024-Q4"),
        "9.2.2": ("2023-Q4", ""),
        "9.2.3": ("2024-Q1", ""),
        "9.2.4": ("2024", "2024"),
        "9.2.5": ("2023", "2023"),
        "9.2.9": ("", "2024-10"),
        "9.2.13": ("", "2024-06"),
        "9.2.14": ("2023", ""),
        "9.2.15": ("", "2023-06"),
        "9.2.16": ("2023-ht", "2024-vt"),
        "9.2.20": ("2024", ""),
        "9.2.22": ("2024", ""),
    }


def test_budget_of_9_2_1(plan: Plan) -> None:
    """9.2.1 has the two budget lines 200 000 kr and 500 000 kr, shown once in its implementation text."""
    activity = plan.activity("leverantorsstyrning-pm3")
    assert [b.amount_kr for b in activity.budget] == [200_000, 500_000]
    assert activity.budget_in_text
    assert [a.number for a in plan.activities if a.budget] == ["9.2.1"]


def test_lettering_kept_as_in_source(plan: Plan) -> None:
    """9.2.12 is lettered f)–k) and 9.2.21 has two a), as in the source."""
    letters = {a.number: [s.letter for s in a.steps] for a in plan.activities}
    assert letters["9.2.12"] == ["f", "g", "h", "i", "j", "k"]
    assert letters["9.2.21"] == ["a", "a", "b", "c", "d"]


def test_kpis_of_9_2_13(plan: Plan) -> None:
    """9.2.13 keeps its two KPIs verbatim."""
    assert plan.activity("webbtillganglighet").measures == [
        "Antal i tid inkomna tillgänglighetsutlåtanden?",
        "Procent av uppföljda system per år?",
    ]


def test_every_activity_name_is_on_the_list_page(model: Municipality, plan: Plan) -> None:
    """The rendered 9.2 list names and links every activity."""
    page = render_macro(model, "aktivitetslista", page=f"{PLAN}/aktiviteter/index.md", plan=PLAN)
    missing = [a.number for a in plan.activities if f"[{cell(a.name)}]({a.id}.md)" not in page]
    assert missing == []


def test_list_page_shows_status_not_reported(model: Municipality, plan: Plan) -> None:
    """Without follow-up reports the list says "ej rapporterad" for every activity, never "pågår"."""
    page = render_macro(model, "aktivitetslista", page=f"{PLAN}/aktiviteter/index.md", plan=PLAN)
    rows = [line for line in page.splitlines() if line.startswith("| 9.2.")]
    assert len(rows) == 22
    assert all(NOT_REPORTED in row and "pågår" not in row for row in rows)


def test_list_marks_proposed_links(model: Municipality, plan: Plan) -> None:
    """The list marks every proposed link and explains the mark."""
    page = render_macro(model, "aktivitetslista", page=f"{PLAN}/aktiviteter/index.md", plan=PLAN)
    proposals = sum(link.basis is Basis.PROPOSAL for a in plan.activities for link in a.contributions)
    assert page.count(PROPOSAL_MARK) == proposals + 1
    assert PROPOSAL_TITLE in page


def test_intro_is_on_the_list_page(model: Municipality, plan: Plan) -> None:
    """The introduction of 9.2 reaches its page."""
    page = render_macro(model, "aktiviteter_inledning", page=f"{PLAN}/aktiviteter/index.md", plan=PLAN)
    assert "Parallellt med framtagande av kategoriplanen" in page
    assert "kommer att göras inför uppstart." in page


def activity_page_text(model: Municipality, activity: Activity) -> str:
    """The rendered page of one activity."""
    return render_macro(
        model, "aktivitetssida", page=activity_page(PLAN, activity.id), plan=PLAN, aktivitet=activity.id
    )


@pytest.mark.parametrize("activity_id", ACTIVITY_IDS)
def test_activity_page_shows_every_field(model: Municipality, plan: Plan, activity_id: str) -> None:
    """An activity's page shows its heading, every text, every delmoment, KPI and the timeline text."""
    activity = plan.activity(activity_id)
    page = activity_page_text(model, activity)
    assert page.startswith(f"# {plain(activity.number)} {plain(activity.name)}\n")
    texts = [activity.description, activity.responsibility_text, activity.schedule.text]
    texts += [t for t in (activity.potential, activity.goal, activity.effect, activity.steps_intro) if t]
    shown = [rich(t) for t in texts]
    shown += [rich(t, inline=True) for t in [step.text for step in activity.steps] + activity.measures]
    assert [t for t in shown if t.strip() not in page] == []


@pytest.mark.parametrize("activity_id", ACTIVITY_IDS)
def test_activity_page_marks_proposals_as_proposals(model: Municipality, plan: Plan, activity_id: str) -> None:
    """Proposed links appear only inside the box titled as the editors' proposal."""
    activity = plan.activity(activity_id)
    page = activity_page_text(model, activity)
    proposed = [link for link in activity.contributions if link.basis is Basis.PROPOSAL]
    if not proposed:
        assert PROPOSAL_TITLE not in page
        return
    box = page.split(f'"{PROPOSAL_TITLE}"', 1)[1].split("\n## ", 1)[0]
    for link in proposed:
        target = plan.strategy(link.strategy).name if link.strategy else plan.effect_goal(link.effect_goal or "").name
        assert plain(target) in box
        assert rich(link.motivation or "-", inline=True) in box or not link.motivation
    stated = page.split(f'"{PROPOSAL_TITLE}"', 1)[0].split("## Bidrar till", 1)[1]
    for link in proposed:
        target_id = link.strategy or link.effect_goal
        assert f'#{target_id}"' not in stated


@pytest.mark.parametrize("activity_id", ACTIVITY_IDS)
def test_activity_page_says_not_reported(model: Municipality, plan: Plan, activity_id: str) -> None:
    """Without a follow-up report the page says "ej rapporterad"."""
    page = activity_page_text(model, plan.activity(activity_id))
    assert f"Aktuell status: **{NOT_REPORTED}**" in page


def test_budget_amounts_rendered_once(model: Municipality, plan: Plan) -> None:
    """9.2.1's page shows both amounts in the implementation text once each, and every budget line below it."""
    activity = plan.activity("leverantorsstyrning-pm3")
    page = activity_page_text(model, activity)
    assert "{budget:" not in page
    text, structured = page.split("### Budget i strukturerad form", 1)
    for line in activity.budget:
        assert text.count(kronor_sv(line.amount_kr)) == 1
        assert f"| {plain(line.text)} | {kronor_sv(line.amount_kr)} |" in structured


def test_roles_resolve_to_holders_on_the_page(model: Municipality, plan: Plan) -> None:
    """A responsibility given by role shows the person holding it (Dataskyddsombud → Jakob Söderbaum)."""
    page = activity_page_text(model, plan.activity("pub-avtal"))
    assert f"Dataskyddsombud ({RESOLVED} Jakob Söderbaum)" in page


def test_dependency_shown_both_ways(model: Municipality, plan: Plan) -> None:
    """9.2.17 links to 9.2.16 as its predecessor, and 9.2.16 shows that 9.2.17 waits for it."""
    after = activity_page_text(model, plan.activity("externt-aterbruk"))
    before = activity_page_text(model, plan.activity("centraliserat-datorinkop"))
    assert f"Genomförs efter ({AFTER_READING}) | [9.2.16" in after
    assert f"Väntar på denna ({AFTER_READING}) | [9.2.17" in before


def test_editorial_notes_cover_known_source_problems(plan: Plan) -> None:
    """The known problems of 9.2 have an editorial note in the activities file."""
    sections = {note.section for note in plan.activities_file.notes}
    assert {"9.2.5", "9.2.9", "9.2.12", "9.2.15", "9.2.17", "9.2.21"} <= sections


def test_editorial_notes_reach_the_activity_pages(model: Municipality, plan: Plan) -> None:
    """Every note on an activity's section is shown on that activity's page."""
    missing = []
    for note in plan.activities_file.notes:
        activity = next((a for a in plan.activities if a.number == note.section), None)
        if activity and rich(note.text).strip() not in activity_page_text(model, activity):
            missing.append(note.id)
    assert missing == []
