"""Unit tests of the view logic in the model: procurement deadlines, planned periods and
lateness, responsibility letters and role resolution, and the goal chain."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.model.catalog import Municipality, Plan
from macros.model.deadlines import DeadlineFlag, by_urgency, classify, deadline_of, deadlines, latest_start
from macros.model.goalchain import chain, effect_goals_of, indicators_naming, reasons
from macros.model.raci import (
    PartyRef,
    accountable,
    involvements_by_person,
    letter_of,
    matrix,
    plan_positions,
    resolve,
    sort_letters,
)
from macros.model.status import SpanShape, Timing, is_late, planned_span, status_label, timing
from tests.views_data import TODAY, load_model

D = dt.date


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Municipality:
    """The fixture data with the plan "vyer"."""
    return load_model(tmp_path_factory.mktemp("views") / "data")


@pytest.fixture(scope="module")
def vyer(model: Municipality) -> Plan:
    """The plan with every shape the views draw."""
    return model.plan("vyer")


# --- procurement deadlines -------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "months", "expected"),
    [
        (D(2027, 2, 28), 18, D(2025, 8, 31)),
        (D(2025, 8, 31), 24, D(2023, 8, 31)),
        (D(2026, 8, 31), 6, D(2026, 2, 28)),
        (D(2028, 8, 31), 6, D(2028, 2, 29)),
        (D(2025, 12, 6), 18, D(2024, 6, 6)),
        (D(2026, 3, 30), 1, D(2026, 2, 28)),
    ],
)
def test_latest_start_month_arithmetic(end: dt.date, months: int, expected: dt.date) -> None:
    """Latest start is the contract end minus whole months, clamped at month ends."""
    assert latest_start(end, months) == expected


def test_classify_uses_the_given_today() -> None:
    """The same latest start is passed, near or in time depending on the injected today."""
    start = D(2025, 2, 28)
    assert classify(start, D(2025, 3, 1)) is DeadlineFlag.START_PASSED
    assert classify(start, D(2024, 8, 28)) is DeadlineFlag.START_SOON
    assert classify(start, D(2024, 8, 27)) is DeadlineFlag.IN_TIME
    assert classify(start, start) is DeadlineFlag.START_SOON


def test_snarast_is_its_own_flag(vyer: Plan) -> None:
    """Snarast gives no date but its own flag, and sorts first."""
    items = {item.need.id: item for item in deadlines(vyer, TODAY)}
    assert items["konsulter"].flag is DeadlineFlag.SNARAST and items["konsulter"].latest_start is None
    assert by_urgency(list(items.values()))[0].need.id == "konsulter"


def test_missing_lead_time_is_said_not_guessed(vyer: Plan) -> None:
    """An underkategori without a lead time in the plan gives no latest start."""
    item = next(d for d in deadlines(vyer, TODAY) if d.need.id == "kommunikation")
    assert item.flag is DeadlineFlag.NO_LEAD_TIME
    assert item.latest_start is None and item.lead_time_months is None and item.contract_end == D(2026, 11, 15)


def test_need_without_contract_end(vyer: Plan) -> None:
    """A need on the 2023 list without a date is flagged, not dated."""
    item = next(d for d in deadlines(vyer, TODAY) if d.need.id == "2023-upphandlingssystem")
    assert item.flag is DeadlineFlag.NO_CONTRACT_END and item.latest_start is None


def test_deadline_flags_on_fixed_today(vyer: Plan) -> None:
    """With today fixed at 2024-06-01 each dated need gets the expected flag and date."""
    items = {item.need.id: item for item in deadlines(vyer, TODAY)}
    assert (items["rpa"].latest_start, items["rpa"].flag) == (D(2023, 8, 31), DeadlineFlag.START_PASSED)
    assert (items["webbkonsulter"].latest_start, items["webbkonsulter"].flag) == (
        D(2024, 6, 6),
        DeadlineFlag.START_SOON,
    )
    assert (items["kartsystem"].latest_start, items["kartsystem"].flag) == (D(2025, 2, 28), DeadlineFlag.IN_TIME)
    assert items["skrivare"].latest_start == D(2025, 8, 31)


def test_contract_expiry_depends_on_today(vyer: Plan) -> None:
    """A contract end before today is marked as expired; the same need later in time is."""
    need = next(n for n in vyer.procurement_needs if n.id == "rpa")
    assert not deadline_of(vyer, need, TODAY).contract_expired
    assert deadline_of(vyer, need, D(2025, 9, 1)).contract_expired


# --- planned periods and lateness ------------------------------------------------------


def test_span_shapes(vyer: Plan) -> None:
    """Each kind of tidplan gets its own shape."""
    shapes = {a.id: planned_span(a).shape for a in vyer.activities}
    assert shapes["e-tjanster"] is SpanShape.BOUNDED
    assert shapes["samverkan"] is SpanShape.OPEN_END
    assert shapes["forvaltning"] is SpanShape.CONTINUOUS
    assert shapes["webb"] is SpanShape.OPEN_START
    assert shapes["centralt"] is SpanShape.DEPENDENT
    assert shapes["ai"] is SpanShape.UNSCHEDULED


def test_drawn_span_keeps_precision(vyer: Plan) -> None:
    """A quarter starts on its first day and a half-year ends on its last day."""
    start, end = vyer.period_start, vyer.period_end
    assert planned_span(vyer.activity("e-tjanster")).drawn(start, end) == (D(2023, 10, 1), D(2024, 12, 31))
    assert planned_span(vyer.activity("kompetens")).drawn(start, end) == (D(2023, 7, 1), D(2025, 6, 30))
    assert planned_span(vyer.activity("fakturor")).drawn(start, end) == (D(2024, 4, 1), D(2024, 11, 30))


def test_open_ends_are_drawn_to_the_plan_period(vyer: Plan) -> None:
    """Open end runs to the period's end, open start from its beginning, löpande over all of it."""
    start, end = vyer.period_start, vyer.period_end
    assert planned_span(vyer.activity("samverkan")).drawn(start, end) == (D(2023, 10, 1), D(2027, 9, 30))
    assert planned_span(vyer.activity("webb")).drawn(start, end) == (D(2023, 10, 1), D(2024, 3, 31))
    assert planned_span(vyer.activity("forvaltning")).drawn(start, end) == (start, end)
    assert planned_span(vyer.activity("centralt")).drawn(start, end) is None


def test_end_before_the_period_is_drawn_where_it_is(vyer: Plan) -> None:
    """An end before the plan period (like 9.2.15) is drawn as its own month, not stretched."""
    span = planned_span(vyer.activity("av-produkter"))
    assert span.drawn(vyer.period_start, vyer.period_end) == (D(2023, 6, 1), D(2023, 6, 30))


def test_span_labels(vyer: Plan) -> None:
    """Period labels keep the plan's precision and say what is missing."""
    labels = {a.id: planned_span(a).label() for a in vyer.activities}
    assert labels["e-tjanster"] == "Q4 2023 – Q4 2024"
    assert labels["samverkan"] == "från Q4 2023"
    assert labels["webb"] == "senast mars 2024"
    assert labels["kompetens"] == "ht 2023 – vt 2025"
    assert labels["avtal"] == "2024"
    assert labels["forvaltning"] == "löpande"
    assert labels["centralt"] == "efter annan aktivitet"
    assert labels["ai"] == "ej angiven"


def test_late_means_end_passed_without_done_report(vyer: Plan) -> None:
    """Planned end passed and not reported done is late; a done activity is not."""
    assert is_late(vyer, vyer.activity("webb"), TODAY)
    assert status_label(vyer, vyer.activity("webb"), TODAY) == "ej rapporterad, försenad"
    assert not is_late(vyer, vyer.activity("av-produkter"), TODAY)
    assert not is_late(vyer, vyer.activity("e-tjanster"), TODAY)
    assert is_late(vyer, vyer.activity("e-tjanster"), D(2025, 1, 1))


def test_timing_against_today(vyer: Plan) -> None:
    """Timing says whether today is before, within or after the planned period."""
    assert timing(vyer.activity("fakturor"), D(2024, 3, 31)) is Timing.BEFORE
    assert timing(vyer.activity("fakturor"), D(2024, 4, 1)) is Timing.WITHIN
    assert timing(vyer.activity("fakturor"), D(2024, 12, 1)) is Timing.PASSED
    assert timing(vyer.activity("forvaltning"), TODAY) is Timing.CONTINUOUS
    assert timing(vyer.activity("ai"), TODAY) is Timing.NOT_SCHEDULED


# --- Ansvarsmatris ------------------------------------------------------------------------------


def test_raci_letters() -> None:
    """Each kind of responsibility maps to its Swedish letter."""
    expected = {
        "ansvarig": "A",
        "genomför": "G",
        "deltar": "D",
        "rådfrågas": "D",
        "referens": "D",
        "informeras": "I",
        "intressent": "I",
    }
    assert {kind: letter_of(kind) for kind in expected} == expected  # type: ignore[arg-type]
    assert sort_letters({"I", "A", "D"}) == "ADI"


def test_matrix_cells_and_column_order(vyer: Plan) -> None:
    """The matrix has people, then roles, then units, and the letters of the data."""
    raci = matrix(vyer)
    kinds = [party.kind for party in raci.parties]
    assert kinds == sorted(kinds, key=["person", "roll", "enhet"].index)
    assert raci.letters("e-tjanster", PartyRef("roll", "kategoriledare")) == "A"
    assert raci.letters("e-tjanster", PartyRef("person", "bo-lind")) == "G"
    assert raci.letters("e-tjanster", PartyRef("enhet", "upphandlingssektionen")) == "D"
    assert raci.letters("forvaltning", PartyRef("enhet", "upphandlingssektionen")) == "I"
    assert raci.letters("samverkan", PartyRef("person", "bo-lind")) == ""


def test_accountable_parties(vyer: Plan) -> None:
    """Accountable parties are those with A, in the data's order."""
    assert accountable(vyer.activity("e-tjanster")) == [
        PartyRef("roll", "kategoriledare"),
        PartyRef("person", "orjan-aberg"),
    ]


def test_role_resolves_per_plan(model: Municipality) -> None:
    """Kategoriledare resolves to the holder for that plan only."""
    role = PartyRef("roll", "kategoriledare")
    assert [p.id for p in resolve(model, role, "vyer", TODAY)] == ["ake-strom"]
    assert [p.id for p in resolve(model, role, "exempel", TODAY)] == ["anna-ek"]
    assert resolve(model, PartyRef("enhet", "upphandlingssektionen"), "vyer", TODAY) == []


def test_role_resolution_respects_the_term(model: Municipality) -> None:
    """Before the term starts, nobody holds the role."""
    assert resolve(model, PartyRef("roll", "kategoriledare"), "vyer", D(2023, 9, 30)) == []


def test_person_involvement_through_role(model: Municipality) -> None:
    """A person's page includes what they do through a role they hold, marked with the role."""
    found = involvements_by_person(model, TODAY)["ake-strom"]
    through_role = [(inv.plan.id, inv.assignment.activity.id) for inv in found if inv.via_role]
    assert ("vyer", "e-tjanster") in through_role and ("vyer", "samverkan") in through_role
    assert all(inv.via_role and inv.via_role.id == "kategoriledare" for inv in found)


def test_person_involvement_direct_and_ordered(model: Municipality) -> None:
    """Direct responsibilities are found across plans and A comes before C."""
    found = involvements_by_person(model, TODAY)["bo-lind"]
    letters = [inv.assignment.letter for inv in found]
    assert letters == sorted(letters, key="AGDI".index)
    assert ("vyer", "e-tjanster", "G", None) in [
        (i.plan.id, i.assignment.activity.id, i.assignment.letter, i.via_role) for i in found
    ]
    assert any(inv.via_role and inv.via_role.id == "dataskyddsombud" for inv in found)


def test_plan_positions(model: Municipality) -> None:
    """Organisation places are listed: sponsor, category lead, team (with leaving), reference group."""
    assert [(p.plan.id, p.text) for p in plan_positions(model, "orjan-aberg")] == [("vyer", "sponsor")]
    texts = [p.text for p in plan_positions(model, "disa-eriksson")]
    assert texts == ["deltagare i kategoriteamet (fram till årsskiftet 2023)"]
    assert ("vyer", "referensgruppen") in [(p.plan.id, p.text) for p in plan_positions(model, "bo-lind")]


# --- goal chain ------------------------------------------------------------------------


def test_reasons_follow_strategy_to_goal(vyer: Plan) -> None:
    """A link to a strategy reaches the strategy's effektmål."""
    (reason,) = reasons(vyer, vyer.activity("e-tjanster"))
    assert reason.strategy is not None and reason.strategy.id == "digitalisera"
    assert reason.effect_goal.id == "service" and not reason.is_proposal


def test_proposals_stay_proposals(vyer: Plan) -> None:
    """An effektmål reached only by a proposal is marked so; a decided link wins."""
    goals = {goal.id: proposal for goal, proposal in effect_goals_of(vyer, vyer.activity("forvaltning"))}
    assert goals == {"service": True, "kostnad": False}
    assert [g.id for g, _ in effect_goals_of(vyer, vyer.activity("forvaltning"))] == ["service", "kostnad"]


def test_chain_overview(model: Municipality, vyer: Plan) -> None:
    """The chain has each effektmål with its council goals, strategies, activities and nyckeltal."""
    nodes = chain(model, vyer)
    assert [node.goal.id for node in nodes] == ["service", "kostnad"]
    service = nodes[0]
    assert [link.wording for link in service.council_goals] == ["Verksamheterna ska hålla hög kvalitet"]
    assert [r.activity.id for r in service.strategies[0].reasons] == ["e-tjanster", "ai"]
    assert [r.activity.id for r in service.direct] == ["forvaltning"]
    assert [i.id for i in service.indicators] == ["nojdhet"]


def test_indicators_naming_activity(vyer: Plan) -> None:
    """A nyckeltal that names an activity is found from the activity."""
    assert [i.id for i in indicators_naming(vyer, vyer.activity("e-tjanster"))] == ["nojdhet"]
    assert indicators_naming(vyer, vyer.activity("ai")) == []
