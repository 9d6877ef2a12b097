"""The activity table of a plan: sortable and filterable, complete without JavaScript."""

from __future__ import annotations

from macros.model.activities import Activity
from macros.model.catalog import Plan
from macros.model.followup import NOT_REPORTED
from macros.model.goalchain import effect_goals_of
from macros.model.goals import EffectGoal
from macros.model.raci import accountable, assignments_of
from macros.model.reports import Status
from macros.model.status import LATE, planned_span, status_label, status_values
from macros.render.activities import PROPOSAL_MARK
from macros.render.activity_export import activities_dataset, without_accountable
from macros.render.context import Site, activity_page
from macros.render.downloads import offer
from macros.render.html import computed, link
from macros.render.raci import party_filter_values, party_html, status_html
from macros.render.registry import macro
from macros.render.safe import plain
from macros.render.sortable import Cell, Column, Filter, Row, Table, cell

NO_PRIORITY = "ingen"
NOT_SCHEDULED = "ej schemalagd"
STATUS_ORDER = [NOT_REPORTED, *Status.__args__, LATE]  # type: ignore[attr-defined]
"""Status filter values in a sensible order rather than alphabetical."""

COLUMNS = [
    Column("Nr", "text"),
    Column("Aktivitet", "text", row_header=True, css="namn"),
    Column("Prioritet", "nummer", css="tal"),
    Column("Effektmål", "text"),
    Column("Ansvarig", "text"),
    Column("Planerad period", "text"),
    Column("Status", "text"),
]


def _goals(plan: Plan, activity: Activity) -> tuple[str, list[str]]:
    """Effektmål cell HTML (numbers, names for screen readers, proposals marked) and the filter values.

    The plan's effektmål are long sentences; the cell shows their numbers and the key below
    the table their names.
    """
    goals = effect_goals_of(plan, activity)
    parts = [
        f'<span title="{plain(g.name)}">{plain(g.number)}</span><span class="vy-dold"> {plain(g.name)}</span>'
        + (f' <em class="forslag">{PROPOSAL_MARK}</em>' if proposal else "")
        for g, proposal in goals
    ]
    return "<br>".join(parts) or "–", [_goal_value(g, proposal) for g, proposal in goals]


def _goal_value(goal: EffectGoal, proposal: bool) -> str:
    """A goal's value in the filter, marked when only the editors' proposals link the activity to it."""
    return f"{goal.number} {goal.name}" + (f" {PROPOSAL_MARK}" if proposal else "")


def _goal_choices(plan: Plan, rows: list[Row]) -> list[str]:
    """The effektmål filter's choices in the plan's order: each goal as stated and as proposed, where rows have it."""
    present = {value for row in rows for value in row.filters["effektmal"]}
    every = [_goal_value(g, proposal) for g in plan.effect_goals for proposal in (False, True)]
    return [value for value in every if value in present]


def _goal_key(plan: Plan) -> str:
    """The effektmål by number, below the table."""
    items = "".join(f"<li>{plain(g.number)} {plain(g.name)}</li>" for g in plan.effect_goals)
    return f'<div class="vy-nyckel"><p>Effektmål:</p><ul>{items}</ul><p><em>(förslag)</em> = {plain(PROPOSAL_NOTE)}</p></div>'


PROPOSAL_NOTE = "kopplingen är redaktionens förslag och står inte i planen"


def _accountable(site: Site, plan: Plan, activity: Activity) -> tuple[str, list[str]]:
    """Ansvarig cell HTML (people linked, roles with their holders) and the filter values."""
    parties = accountable(activity)
    html = "<br>".join(party_html(site, party, plan.id) for party in parties)
    if not parties:
        doers = [party_html(site, item.party, plan.id) for item in assignments_of(activity) if item.kind == "genomför"]
        html = without_accountable(doers)
    values = sorted({v for party in parties for v in party_filter_values(site, party, plan.id)})
    return html, values


def _through_roles(site: Site, plan: Plan) -> dict[str, str]:
    """The Ansvarig filter's choices for people it finds through a role they hold, saying so.

    A person named in one activity and reached through a role in another is one choice, matching both.
    """
    named: set[str] = set()
    resolved: set[str] = set()
    for activity in plan.activities:
        for party in accountable(activity):
            name, *holders = party_filter_values(site, party, plan.id)
            (named if party.kind != "roll" else set()).add(name)
            resolved.update(holders)
    return {name: f"{name} ({'även ' if name in named else ''}{THROUGH_ROLE})" for name in sorted(resolved)}


THROUGH_ROLE = "genom roll, enligt redaktionens tolkning"
"""How the Ansvarig filter marks a person matched because they hold a role an activity names."""


def _row(site: Site, plan: Plan, activity: Activity) -> Row:
    """One activity as a table row with its filter values."""
    span = planned_span(activity)
    drawn = span.drawn(plan.period_start, plan.period_end)
    goals_html, goal_values = _goals(plan, activity)
    people_html, people_values = _accountable(site, plan, activity)
    priority = str(activity.priority) if activity.priority else NO_PRIORITY
    status = status_label(plan, activity, site.today)
    shown_status = status_html(status)
    cells = [
        cell(activity.number),
        Cell(link(site, activity_page(plan.id, activity.id), activity.name), activity.name),
        cell(str(activity.priority) if activity.priority else "–", activity.priority or 9),
        Cell(goals_html, goal_values[0] if goal_values else "~"),
        Cell(people_html),
        Cell(
            f"{plain(span.label())}<br><small>{plain(activity.schedule.text)}</small>",
            drawn[0].isoformat() if drawn else "9999",
        ),
        Cell(shown_status, status),
    ]
    years = [str(y) for y in span.years(plan.period_start, plan.period_end)] or [NOT_SCHEDULED]
    filters = {
        "prioritet": [priority],
        "effektmal": goal_values,
        "ansvarig": people_values,
        "status": status_values(plan, activity, site.today),
        "ar": years,
    }
    return Row(cells, filters, css="markerad" if LATE in status else None)


@macro("aktivitetstabell", 'aktivitetstabell(plan="it-och-telekom")')
def activity_table(site: Site, *, plan: str) -> str:
    """Aktiviteterna som tabell med nummer, prioritet, effektmål, ansvarig, planerad period och status.

    Tabellen går att sortera och filtrera (prioritet, effektmål, ansvarig, status, år) i webbläsaren
    och är komplett även utan JavaScript. "försenad" betyder att planerat slut har passerats utan
    att någon rapport säger att aktiviteten är genomförd eller avbruten.
    """
    p = site.plan(plan)
    rows = [_row(site, p, activity) for activity in p.activities]
    years = sorted({y for row in rows for y in row.filters["ar"] if y != NOT_SCHEDULED})
    filters = [
        Filter("prioritet", "Prioritet", ["1", "2", "3", NO_PRIORITY]),
        Filter("effektmal", "Effektmål", _goal_choices(p, rows)),
        Filter("ansvarig", "Ansvarig", shown_as=_through_roles(site, p)),
        Filter("status", "Status", STATUS_ORDER),
        Filter("ar", "År", [*years, NOT_SCHEDULED]),
    ]
    table = Table(
        f"aktiviteter-{p.id}",
        f"Aktiviteter i {p.meta.name}",
        COLUMNS,
        rows,
        filters,
        sorted_by=0,
        noun=("aktivitet", "aktiviteter"),
        download=offer(site, activities_dataset(site, p)),
    )
    today = computed(site, "Status och försenad räknas fram varje dag ur uppföljningsrapporterna.").strip()
    return f'<div class="vy">{today}{table.html()}{_goal_key(p)}</div>\n'
