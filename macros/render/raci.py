"""Macros for responsibility: the ansvarsmatris of a plan and one page per person."""

from __future__ import annotations

from collections.abc import Callable

from macros.exports.dataset import Dataset, Value, dataset, date, text, whole
from macros.model.activities import Activity
from macros.model.catalog import Municipality, Plan
from macros.model.followup import is_finished
from macros.model.organisation import Person
from macros.model.raci import (
    LETTER_MEANINGS,
    LETTER_ORDER,
    Involvement,
    PartyRef,
    RaciMatrix,
    assignments_of,
    has_left,
    involvements_by_person,
    matrix,
    plan_positions,
    resolve,
)
from macros.model.status import LATE, planned_span, status_label
from macros.model.time import TimePoint
from macros.render.context import MacroError, Site, activity_page, person_page
from macros.render.downloads import offer, person_calendar
from macros.render.editing import edit_paragraph
from macros.render.export_values import COMPUTED
from macros.render.history import last_changed, record_history
from macros.render.html import computed, href, link
from macros.render.registry import macro
from macros.render.safe import plain
from macros.render.sortable import Cell, Column, Filter, Row, Table, cell
from macros.render.text import admonition


def party_name(model: Municipality, party: PartyRef) -> str:
    """The name of a person, role or unit."""
    if party.kind == "person":
        return model.person(party.id).name
    if party.kind == "roll":
        return model.role(party.id).name
    return model.unit(party.id).name


def party_html(site: Site, party: PartyRef, plan_id: str) -> str:
    """A party for a table cell: a linked name, or a role with its linked holders."""
    model = site.model
    if party.kind == "person":
        return link(site, person_page(party.id), model.person(party.id).name)
    name = plain(party_name(model, party))
    if party.kind == "enhet":
        return name
    holders = resolve(model, party, plan_id, site.today)
    if not holders:
        return name
    people = holder_names(model, holders, lambda p: link(site, person_page(p.id), p.name))
    return f'{name} <span class="tolkat">({RESOLVED} {people})</span>'


RESOLVED = "innehas enligt redaktionens tolkning av"
"""How a role shown with the people holding it says that the plan names the role, and the
editors (from the plan's own lists of people and roles) the people: a derived fact, not a stated one."""


SAME_PERSON = "troligen samma person, som källan stavar på två sätt"
"""Said after a role's holders when two of them are probably one person whose name the source spells two ways."""


def spelling_note(model: Municipality, holders: list[Person]) -> str:
    """The note " – troligen samma person …" when two of `holders` are entries for one person (`troligen_samma_som`)."""
    ids = {person.id for person in holders}
    same = any(other.id in ids for person in holders for other in model.other_spellings(person.id))
    return f" – {SAME_PERSON}" if same else ""


def status_html(status: str) -> str:
    """An activity's status as every table shows it: escaped, with "försenad" in bold red."""
    return plain(status).replace(LATE, f'<strong class="sen">{LATE}</strong>')


def holder_names(model: Municipality, holders: list[Person], name: Callable[[Person], str] = lambda p: p.name) -> str:
    """A role's holders as every page and file lists them: each written by `name`, joined, with the
    `spelling_note` when two of them are probably one person."""
    return ", ".join(name(person) for person in holders) + spelling_note(model, holders)


def resolved_role_text(role: str, holders: str) -> str:
    """A role with the people who hold it (`holder_names`), as plain text marked as the editors'
    interpretation (for exports)."""
    return f"{role} ({RESOLVED} {holders})" if holders else role


def party_filter_values(site: Site, party: PartyRef, plan_id: str) -> list[str]:
    """What a filter on people matches: the party's name and, for a role, its holders' names."""
    holders = resolve(site.model, party, plan_id, site.today) if party.kind == "roll" else []
    return [party_name(site.model, party), *(person.name for person in holders)]


def letter_html(letters: str) -> str:
    """Responsibility letters with their meaning for screen readers: "A" + hidden "ansvarig"."""
    if not letters:
        return ""
    spoken = ", ".join(LETTER_MEANINGS[letter] for letter in letters)
    return (
        f'<span class="raci raci-{letters[0]}" aria-hidden="true">{letters}</span><span class="vy-dold">{spoken}</span>'
    )


def _legend() -> str:
    """What the letters mean."""
    items = "".join(
        f'<li><span class="raci raci-{letter}">{letter}</span> – {LETTER_MEANINGS[letter]}</li>'
        for letter in LETTER_ORDER
    )
    return f'<ul class="raci-forklaring" aria-label="Förklaring av bokstäverna">{items}</ul>'


def _header(site: Site, party: PartyRef, plan_id: str) -> str:
    """A party with what kind it is: "Sara Holst (person)"."""
    return f'{party_html(site, party, plan_id)} <span class="raci-typ">({KIND_NAMES[party.kind]})</span>'


KIND_NAMES = {"person": "person", "roll": "roll", "enhet": "enhet eller grupp"}
KIND_ORDER = [KIND_NAMES[kind] for kind in ("person", "roll", "enhet")]


def _activity_header(site: Site, plan: Plan, activity: Activity) -> str:
    """A narrow column header: the activity number linked, its name as hover text and for screen readers."""
    url = plain(href(site, activity_page(plan.id, activity.id)))
    return (
        f'<a href="{url}" title="{plain(activity.name)}">{plain(activity.number)}'
        f'<span class="vy-dold"> {plain(activity.name)}</span></a>'
    )


def _party_row(site: Site, plan: Plan, raci: RaciMatrix, party: PartyRef) -> Row:
    """One party's letters for every activity, with what the filters match."""
    cells = [Cell(_header(site, party, plan.id), party_name(site.model, party))]
    involved = []
    for activity in raci.activities:
        letters = raci.letters(activity.id, party)
        cells.append(Cell(letter_html(letters)))
        if letters:
            involved.append(f"{activity.number} {activity.name}")
    return Row(cells, {"typ": [KIND_NAMES[party.kind]], "aktivitet": involved})


@macro("ansvarsmatris", 'ansvarsmatris(plan="it-och-telekom")')
def raci_matrix(site: Site, *, plan: str) -> str:
    """Ansvarsmatris: personer, roller och enheter × aktiviteter med A (ansvarig), G (genomför), D (deltar) och I (informeras).

    En rad per person, roll och enhet; en kolumn per aktivitet (numret, med namnet som hjälptext).
    En roll visar den som innehar den i dag; varje person länkar till sin ansvarssida. Tabellen kan
    filtreras på typ och aktivitet.
    """
    p = site.plan(plan)
    raci = matrix(p)
    columns = [Column("Person, roll eller enhet", "text", row_header=True, css="namn")]
    columns += [
        Column(f"{a.number} {a.name}", None, css="raci-kolumn", header_html=_activity_header(site, p, a))
        for a in raci.activities
    ]
    rows = [_party_row(site, p, raci, party) for party in raci.parties]
    filters = [
        Filter("typ", "Typ", KIND_ORDER),
        Filter("aktivitet", "Aktivitet", [f"{a.number} {a.name}" for a in raci.activities]),
    ]
    table = Table(
        f"ansvarsmatris-{p.id}",
        f"Ansvarsmatris för {p.meta.name}",
        columns,
        rows,
        filters,
        noun=("person, roll eller enhet", "personer, roller och enheter"),
        download=offer(site, _matrix_dataset(site, p, raci)),
    )
    return computed(site) + f'<div class="ansvarsmatris">{_legend()}{table.html()}</div>\n'


HOLDERS_COLUMN = f"{RESOLVED[:1].upper()}{RESOLVED[1:]} (i dag)"
"""The exports' column of the people holding a role: its name says that they are the editors' interpretation."""

VIA_ROLE_COLUMN = f"Genom roll ({RESOLVED} personen)"
"""A person's export's column of the role through which an activity reaches the person (or "direkt"): that
the person holds the role is the editors' interpretation, as the page says it."""


def holders_text(site: Site, party: PartyRef, plan_id: str) -> str | None:
    """For a role: the names of the people holding it today; None for a person or a unit."""
    if party.kind != "roll":
        return None
    holders = resolve(site.model, party, plan_id, site.today)
    if not holders:
        return "planen anger inte vem"
    return holder_names(site.model, holders)


def _matrix_dataset(site: Site, plan: Plan, raci: RaciMatrix) -> Dataset:
    """The matrix as shown: a row per party, a column per activity with its letters."""
    columns = [text("Person, roll eller enhet"), text("Typ"), text("Id"), text(HOLDERS_COLUMN)]
    columns += [text(f"{a.number} {a.name}") for a in raci.activities]
    rows = [
        [
            party_name(site.model, party),
            KIND_NAMES[party.kind],
            party.id,
            holders_text(site, party, plan.id),
            *(raci.letters(a.id, party) or None for a in raci.activities),
        ]
        for party in raci.parties
    ]
    return dataset(f"{plan.id}/ansvarsmatris", f"Ansvarsmatris för {plan.meta.name}", columns, rows)


def _role_terms(site: Site, person: Person) -> list[str]:
    """The roles a person holds or held, with plan and period."""
    texts = []
    for term in person.roles:
        text = site.model.role(term.role).name
        if term.plan and site.model.has("plan", term.plan):
            text += f" för {site.model.plan(term.plan).meta.name}"
        text += _term_period(term.start, term.end)
        if term.source_text:
            text += f" – i källan: ”{term.source_text}”"
        texts.append(text)
    return texts


def _term_period(start: TimePoint | None, end: TimePoint | None) -> str:
    """The period of a role term in words, e.g. " (från oktober 2023)", or nothing."""
    parts = ([f"från {start.label}"] if start else []) + ([f"till {end.label}"] if end else [])
    return f" ({' '.join(parts)})" if parts else ""


def _involvement_row(site: Site, item: Involvement) -> Row:
    """One row of a person's responsibilities."""
    plan, assignment = item.plan, item.assignment
    activity = assignment.activity
    how = f"som {item.via_role.name.lower()}, enligt redaktionens tolkning" if item.via_role else "direkt"
    span = planned_span(activity)
    cells = [
        Cell(link(site, activity_page(plan.id, activity.id), f"{activity.number} {activity.name}"), activity.number),
        Cell(letter_html(assignment.letter), str(LETTER_ORDER.index(assignment.letter))),
        cell(f"{assignment.kind} ({how})"),
        cell(str(activity.priority) if activity.priority else "–", activity.priority or 9),
        cell(span.label(), _span_sort(site, plan, activity.id)),
        Cell(status_html(status := status_label(plan, activity, site.today)), status),
    ]
    return Row(cells, {"plan": [plan.meta.name], "roll": [assignment.kind]})


def _span_sort(site: Site, plan: Plan, activity_id: str) -> str:
    """Sort value of a planned period: its first drawn day, unscheduled last."""
    drawn = planned_span(plan.activity(activity_id)).drawn(plan.period_start, plan.period_end)
    return drawn[0].isoformat() if drawn else "9999"


@macro("personansvar", 'personansvar(person="sara-holst")')
def person_responsibilities(site: Site, *, person: str) -> str:
    """Sidan "Ansvar: namn": allt en person ansvarar för eller deltar i, direkt eller genom en roll."""
    if not site.model.has("person", person):
        raise MacroError(f"personen '{person}' finns inte i personer.yml")
    who = site.model.person(person)
    parts = [
        f"# Ansvar: {plain(who.name)}\n",
        edit_paragraph(site.edit, who, who.name),
        last_changed(site, (None, "person", who.id)),
        computed(site, "Roller och status gäller den dagen."),
        _person_facts(site, who),
        person_calendar(site, who.id, who.name),
    ]
    index = site.once("involvements_by_person", lambda: involvements_by_person(site.model, site.today))
    found = index.get(person, [])
    parts.append(_left_warning(site, who, found))
    parts.append("## Aktiviteter\n")
    if found:
        parts.append(_involvement_table(site, who, found))
    else:
        parts.append(f"{plain(who.name)} står inte som ansvarig eller deltagare i någon aktivitet.\n")
    parts.append(record_history(site, (None, "person", who.id)))
    return "\n".join(part for part in parts if part)


def _person_facts(site: Site, who: Person) -> str:
    """Title, förvaltning, roles and places in the plans' organisation, as a list."""
    facts = []
    if who.title:
        facts.append(f"Befattning: {plain(who.title)}")
    if who.administration and site.model.has("förvaltning", who.administration):
        facts.append(f"Förvaltning: {plain(site.model.administration(who.administration).name)}")
    facts += [f"Roll: {plain(text)}" for text in _role_terms(site, who)]
    facts += [
        f"Troligen samma person som {link(site, person_page(other.id), other.name)}: källan stavar namnet på två "
        "sätt, och sidorna hålls isär som källan skriver dem (redaktionens bedömning)."
        for other in site.model.other_spellings(who.id)
    ]
    facts += [f"{plain(pos.plan.meta.name)}: {plain(pos.text)}" for pos in plan_positions(site.model, who.id)]
    if who.left:
        facts.append(f"Har slutat i kommunen: {who.left.label}")
    return "\n".join(f"- {fact}" for fact in facts) + "\n" if facts else ""


def _left_warning(site: Site, who: Person, found: list[Involvement]) -> str:
    """A warning when the person has left but is still responsible for unfinished work."""
    open_items = []
    for item in found:
        left = has_left(site.model, item.plan, who.id, site.today)
        if left and item.assignment.letter in "AR" and not is_finished(item.plan, item.assignment.activity.id):
            activity = item.assignment.activity
            open_items.append(f"{plain(activity.number)} {plain(activity.name)} (lämnade {left.isoformat()})")
    if not open_items:
        return ""
    body = f"{plain(who.name)} har lämnat men står fortfarande som ansvarig eller genomförare för:\n\n" + "\n".join(
        f"- {t}" for t in open_items
    )
    return admonition("warning", "Ansvaret behöver lämnas över", body)


def _involvement_table(site: Site, who: Person, found: list[Involvement]) -> str:
    """The person's activities as a sortable table."""
    columns = [
        Column("Aktivitet", "text", row_header=True, css="namn"),
        Column("Ansvar", "nummer"),
        Column("Hur", "text"),
        Column("Prioritet", "nummer"),
        Column("Planerad period", "text"),
        Column("Status", "text"),
    ]
    rows = [_involvement_row(site, item) for item in found]
    filters = [Filter("plan", "Plan"), Filter("roll", "Typ av ansvar")] if len({i.plan.id for i in found}) > 1 else []
    table = Table(
        f"ansvar-{who.id}",
        f"Aktiviteter där {who.name} har ansvar eller deltar",
        columns,
        rows,
        filters,
        noun=("aktivitet", "aktiviteter"),
        download=offer(site, _involvement_dataset(site, who, found)),
    )
    return f'<div class="vy">{_legend()}{table.html()}</div>\n'


def _involvement_dataset(site: Site, who: Person, found: list[Involvement]) -> Dataset:
    """A person's activities with plan, letter, how, priority, period and status."""
    rows: list[list[Value]] = []
    for item in found:
        plan, assignment = item.plan, item.assignment
        activity = assignment.activity
        span = planned_span(activity)
        drawn = span.drawn(plan.period_start, plan.period_end)
        rows.append(
            [
                plan.meta.name,
                activity.number,
                activity.name,
                assignment.letter,
                assignment.kind,
                item.via_role.name if item.via_role else "direkt",
                activity.priority,
                span.label(),
                drawn[0] if drawn else None,
                drawn[1] if drawn else None,
                status_label(plan, activity, site.today),
                assignment.note,
            ]
        )
    columns = [
        text("Plan"),
        text("Nr"),
        text("Aktivitet"),
        text("Ansvar (A/G/D/I)"),
        text("Typ av ansvar"),
        text(VIA_ROLE_COLUMN),
        whole("Prioritet"),
        text("Planerad period"),
        date(f"Ritas från ({COMPUTED})"),
        date(f"Ritas till ({COMPUTED})"),
        text("Status"),
        text("Som källan beskriver insatsen"),
    ]
    return dataset(f"ansvar/{who.id}", f"Aktiviteter där {who.name} har ansvar eller deltar", columns, rows)


@macro("aktivitetsansvar", 'aktivitetsansvar(plan="it-och-telekom", aktivitet="pub-avtal")')
def activity_responsibility(site: Site, *, plan: str, aktivitet: str) -> str:
    """Vem som är ansvarig, genomför, deltar och informeras för en aktivitet, med rollernas innehavare."""
    p = site.plan(plan)
    return computed(site, "Roller visas med den som har rollen den dagen.") + activity_responsibility_table(
        site, p, p.activity(aktivitet)
    )


def activity_responsibility_table(site: Site, plan: Plan, activity: Activity) -> str:
    """One activity's parties with their responsibility letters, roles resolved to their holders (HTML)."""
    items = assignments_of(activity)
    if not items:
        return "*Ansvaret är inte strukturerat i datat; se avsnittet Ansvarig.*\n"
    columns = [
        Column("Vem", None, row_header=True),
        Column("Ansvar", None),
        Column("Typ av ansvar", None),
        Column("Som källan beskriver det", None),
    ]
    rows = [
        Row(
            [
                Cell(_header(site, item.party, plan.id)),
                Cell(letter_html(item.letter)),
                cell(item.kind),
                cell(item.note or ""),
            ]
        )
        for item in sorted(items, key=lambda i: LETTER_ORDER.index(i.letter))
    ]
    ordered = sorted(items, key=lambda i: LETTER_ORDER.index(i.letter))
    values = [
        [
            party_name(site.model, item.party),
            KIND_NAMES[item.party.kind],
            item.party.id,
            holders_text(site, item.party, plan.id),
            item.letter,
            item.kind,
            item.note,
        ]
        for item in ordered
    ]
    export = dataset(
        f"{plan.id}/aktiviteter/{activity.id}/ansvar",
        f"Ansvar för {activity.number} {activity.name}",
        [
            text("Vem"),
            text("Typ"),
            text("Id"),
            text(HOLDERS_COLUMN),
            text("Ansvar (A/G/D/I)"),
            text("Typ av ansvar"),
            text("Som källan beskriver det"),
        ],
        values,
    )
    table = Table(
        f"ansvar-{plan.id}-{activity.id}",
        f"Ansvar för {activity.number} {activity.name}",
        columns,
        rows,
        sortable=False,
        download=offer(site, export),
    )
    return f'<div class="vy">{table.html()}</div>\n'
