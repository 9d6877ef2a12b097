"""The real plan's follow-up: nothing is reported yet, and nothing may be invented, so every
view shows the honest empty state."""

from __future__ import annotations

from macros.model.catalog import Municipality, Plan
from macros.model.followup import NOT_REPORTED
from macros.model.periods import periods, reporting_period, status_in
from macros.render.context import follow_up_period_page
from tests.real.conftest import PLAN, TODAY, render_macro


def test_no_report_or_value_is_in_the_data(plan: Plan) -> None:
    """The real plan has no status reports and no measured values (none may be invented)."""
    assert plan.follow_up.reports == [] and plan.follow_up.measurements == []


def test_periods_are_the_four_plan_years(plan: Plan) -> None:
    """The plan runs four years from October 2023 and is reported yearly: 2023/24 … 2026/27."""
    assert [item.name for item in periods(plan)] == ["2023/24", "2024/25", "2025/26", "2026/27"]


def test_every_activity_is_not_reported(plan: Plan) -> None:
    """In the current period every activity is "ej rapporterad", never a status."""
    item = reporting_period(plan, TODAY)
    assert {status_in(plan, a, item, TODAY).status for a in plan.activities} == {NOT_REPORTED}


def test_period_page_shows_the_empty_state(model: Municipality) -> None:
    """A period page counts all 22 activities as not reported and every nyckeltal as not measured."""
    page = render_macro(
        model, "uppfoljningsperiod", page=follow_up_period_page(PLAN, "2023-24"), plan=PLAN, period="2023-24"
    )
    assert "Ej rapporterad: 22" in page
    assert page.count("ej uppmätt under perioden") == 14


def test_due_list_names_every_activity_and_measure(model: Municipality) -> None:
    """The page "Att rapportera" lists all 22 activities and all 14 nyckeltal as due."""
    page = render_macro(model, "att_rapportera", page=f"{PLAN}/uppfoljning/att-rapportera.md", plan=PLAN)
    assert "## Aktiviteter (22 av 22)" in page and "## Nyckeltal (14 av 14)" in page
