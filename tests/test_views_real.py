"""Data-integrity tests of the views on the real plan (Kategoriplan IT & Telekom): every
activity, procurement need, party and figure reaches its view, and the derived dates
are the plan's own arithmetic."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from macros.loading.loader import load
from macros.model.catalog import Municipality, Plan
from macros.model.deadlines import DeadlineFlag, deadlines
from macros.model.raci import matrix
from macros.model.status import planned_span
from macros.render import MACROS
from macros.render.context import Site
from tests.test_views_render import drawn_label

DATA = Path("data")
TODAY = dt.date(2024, 6, 1)
PLAN = "it-och-telekom"
VIEW_MACROS = [
    "aktivitetstabell",
    "tidslinje",
    "upphandlingskalender",
    "ansvarsmatris",
    "aktivitetsansvar",
    "malkedja",
    "spenddiagram",
    "avtalstrohetsdiagram",
    "kraljicmatris",
    "uppfoljningsdiagram",
    "personansvar",
    "makroreferens",
]


@pytest.fixture(scope="module")
def model() -> Municipality:
    """The validated model of the real data."""
    result = load(DATA, today=TODAY)
    assert result.model is not None, "\n".join(f.format() for f in result.findings)
    return result.model


@pytest.fixture(scope="module")
def plan(model: Municipality) -> Plan:
    """The IT & Telekom plan."""
    return model.plan(PLAN)


def render(model: Municipality, name: str, page: str = f"{PLAN}/oversikter/tidslinje.md", **arguments: object) -> str:
    """Render one macro as an overview page of the plan would."""
    return MACROS[name].bind(Site(model=model, today=TODAY, page=page))(**arguments)


@pytest.mark.parametrize("name", VIEW_MACROS)
def test_view_examples_render_on_the_real_data(model: Municipality, name: str) -> None:
    """The documented example of every view macro works on the real plan."""
    spec = MACROS[name]
    call = spec.example
    arguments = dict(re.findall(r'(\w+)="([^"]*)"', call))
    if name == "personansvar":
        arguments["person"] = "sara-holst"
    assert render(model, name, **arguments).strip()


def test_lead_times_are_the_plans(plan: Plan) -> None:
    """Lead times come from 9.1: 24 months for verksamhetssystem, 18 for hårdvara and konsulter, none else."""
    times = {s.id: plan.lead_time_months(s.id) for s in plan.subcategories}
    assert times == {
        "it-programvara-och-licenser": None,
        "verksamhetssystem": 24,
        "it-hardvara": 18,
        "valfardsteknik": None,
        "it-som-tjanst": None,
        "it-konsulter": 18,
        "telekommunikation": None,
        "ovrigt-it": None,
    }


def test_latest_starts_of_the_2024_list(plan: Plan) -> None:
    """The 2024 list's latest starts are contract end minus lead time, or the flag that explains why not."""
    found = {d.need.need[:20]: (d.latest_start, d.flag) for d in deadlines(plan, TODAY) if d.need.list_year == 2024}
    assert found["RPA. Robotiserad tjä"] == (dt.date(2023, 8, 31), DeadlineFlag.START_PASSED)
    assert found["Konsulttjänster för "] == (dt.date(2024, 6, 6), DeadlineFlag.START_SOON)
    assert found["KIR"] == (dt.date(2024, 3, 31), DeadlineFlag.START_PASSED)
    assert found["Kommunikation som tj"] == (None, DeadlineFlag.NO_LEAD_TIME)
    assert found["Utskrift som tjänst"] == (None, DeadlineFlag.NO_LEAD_TIME)
    assert [flag for _, flag in found.values()].count(DeadlineFlag.SNARAST) == 1


def test_every_need_is_in_the_calendar(model: Municipality, plan: Plan) -> None:
    """Every upphandlingsbehov is a row of the calendar table; dated ones are also in the timeline."""
    html = render(model, "upphandlingskalender", plan=PLAN)
    table = html.split("<tbody>")[-1]
    assert table.count("<tr") == len(plan.procurement_needs)
    svg = html.split("</svg>")[0]
    dated = [n for n in plan.procurement_needs if n.contract_end is not None]
    assert svg.count('class="d-rad"') == len(dated)


def test_2023_list_has_no_dates(plan: Plan) -> None:
    """The 2023 list gives no contract ends, so none of its needs gets a derived date."""
    items = [d for d in deadlines(plan, TODAY) if d.need.list_year == 2023]
    assert items and all(d.flag is DeadlineFlag.NO_CONTRACT_END and d.latest_start is None for d in items)


def test_every_activity_is_on_the_timeline(model: Municipality, plan: Plan) -> None:
    """All 22 activities are rows of the timeline, linked; those without dates are listed beside it."""
    html = render(model, "tidslinje", plan=PLAN)
    assert len(plan.activities) == 22
    for activity in plan.activities:
        assert f'href="../../aktiviteter/{activity.id}/"' in html
    unscheduled = [a for a in plan.activities if not planned_span(a).is_scheduled]
    assert f"Utan tidpunkt i planen ({len(unscheduled)})" in html


def test_activity_before_the_period_is_drawn(plan: Plan) -> None:
    """9.2.15, due June 2023 (before the plan period), is drawn where the plan puts it."""
    activity = next(a for a in plan.activities if a.number == "9.2.15")
    assert planned_span(activity).drawn(plan.period_start, plan.period_end) == (
        dt.date(2023, 6, 1),
        dt.date(2023, 6, 30),
    )


def test_every_party_and_activity_is_in_the_matrix(model: Municipality, plan: Plan) -> None:
    """The matrix has a row per party named in the data and a column per activity."""
    html = render(model, "ansvarsmatris", plan=PLAN)
    raci = matrix(plan)
    assert html.split("<tbody>")[1].count("<tr") == len(raci.parties)
    assert html.split("</thead>")[0].count('class="raci-kolumn"') == len(plan.activities)


def test_kategoriledare_resolves_to_sara_holst(model: Municipality) -> None:
    """The plan's category lead role resolves to Sara Holst, whose page lists the role's activities."""
    html = render(model, "personansvar", page="ansvar/sara-holst.md", person="sara-holst")
    assert html.startswith("# Ansvar: Sara Holst")
    assert "(som kategoriledare, enligt redaktionens tolkning)" in html


def test_every_activity_is_in_the_goal_chain(model: Municipality, plan: Plan) -> None:
    """Every activity appears in the goal chain overview under what it serves."""
    md = render(model, "malkedja", page=f"{PLAN}/oversikter/malkedja.md", plan=PLAN)
    for activity in plan.activities:
        assert f"({f'../aktiviteter/{activity.id}.md'})" in md, activity.number
    proposals = [c for a in plan.activities for c in a.contributions if c.basis.value == "förslag"]
    assert md.count("förslag från redaktionen, inte beslutat i planen") == len(proposals)


def test_spend_chart_has_the_source_figures(model: Municipality) -> None:
    """10.1: IT-hårdvara 50 mnkr (30 %), verksamhetssystem 42,2 mnkr (26,9 %), telekommunikation knappt 20 mnkr (12 %)."""
    html = render(model, "spenddiagram", plan=PLAN)
    assert "50\u00a0mnkr (30\u00a0%)" in html and "42,2\u00a0mnkr (26,9\u00a0%)" in html
    assert "knappt 20\u00a0mnkr (12\u00a0%)" in html
    assert "Planen anger ingen spend 2022 för:" in html


def test_loyalty_chart_has_the_source_figures(model: Municipality) -> None:
    """10.2: 36,8 % outside contracts 2020, 14,2 % 2022, over 70 % for IT-konsulter 2022."""
    html = render(model, "avtalstrohetsdiagram", plan=PLAN)
    assert (
        "36,8\u00a0% (56,9\u00a0mnkr)" in html and "14,2\u00a0% (23,4\u00a0mnkr)" in html and "över 70\u00a0%" in html
    )


def test_kraljic_places_the_four_classified_subcategories(model: Municipality, plan: Plan) -> None:
    """10.3.1 classifies four underkategorier; the other four are listed as not classified."""
    html = render(model, "kraljicmatris", plan=PLAN)
    assert plan.analysis is not None and len(plan.analysis.kraljic) == 4
    for placement in plan.analysis.kraljic:
        assert drawn_label(plan.subcategory(placement.subcategory).name, html)
    assert "Planen anger ingen klassning i Kraljics matris för:" in html
