"""Macros for activities (9.2): the introduction, the list of all activities and the
page of one activity with every field the plan gives, the responsibility resolved to
people, the timeline, dependencies, why the activity exists and its follow-up.

Links the editors propose (grund: förslag) are always shown as proposals, never as
decided content of the plan.
"""

from __future__ import annotations

from macros.comparison.instep import departures
from macros.exports import dataset as export
from macros.model.activities import BUDGET_PLACEHOLDER, Activity, Contribution, Party
from macros.model.catalog import Plan
from macros.model.followup import NOT_REPORTED, NOT_REPORTED_MEANING, reports_of
from macros.model.periods import period_of_day, reporting_period
from macros.model.plan import Basis
from macros.model.raci import has_left
from macros.model.reports import StatusReport
from macros.model.responsibility import role_holders
from macros.model.status import current, planned_span, status_label, status_text
from macros.model.time import TimePoint
from macros.render.activity_export import (
    AFTER_READING,
    SUBCATEGORY_READING,
    activities_dataset,
    activity_dataset,
    without_accountable,
)
from macros.render.context import Site, activity_page, follow_up_period_page
from macros.render.downloads import offer
from macros.render.editing import edit_paragraph
from macros.render.export_values import COMPUTED, point_values
from macros.render.gantt import activity_timeline
from macros.render.goalchain import EDITORS_REFERENCE, activity_goal_chain, activity_link, goal_link, strategy_link
from macros.render.guidance import reference_items
from macros.render.history import last_changed, record_history
from macros.render.html import computed
from macros.render.measures import measure_series
from macros.render.raci import RESOLVED, activity_responsibility_table, holder_names
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.sections import section_link
from macros.render.text import admonition, bullets, indented, kronor_sv, table
from macros.render.versions import in_decided_versions

STRUCTURED_READING = "Redaktionens tolkning av texten ovan; vid skillnad gäller planens text."
"""What every "i strukturerad form" section of an activity is: the editors' reading of the plan's words."""

PROPOSAL_TITLE = "Förslag från redaktionen – ska bekräftas av kategoriteamet"
"""How every link the editors propose is labelled; such links are not part of the decided plan."""

PROPOSAL_MARK = "(förslag)"
"""Short mark of a proposed link in tables."""

PARTY_KINDS = {
    "ansvarig": "Ansvarig",
    "genomför": "Genomför",
    "deltar": "Deltar",
    "rådfrågas": "Rådfrågas",
    "referens": "Referensfunktion",
    "informeras": "Informeras",
    "intressent": "Intressent",
}
"""Swedish headings of the kinds of responsibility, strongest first."""

"""Pages of a plan where strategier (5), effektmål (4.1) and the follow-up measures (6) are shown."""


@macro("aktiviteter_inledning", 'aktiviteter_inledning(plan="it-och-telekom")')
def activities_intro(site: Site, *, plan: str) -> str:
    """Den inledande texten i 9.2 Aktivitetslista."""
    intro = site.plan(plan).activities_file.intro
    return rich(intro) if intro else ""


@macro("aktivitetslista", 'aktivitetslista(plan="it-och-telekom")')
def activity_list(site: Site, *, plan: str) -> str:
    """Alla aktiviteter i planens ordning med prioritet, tidplan, ansvarig, koppling och status, länkade till sina sidor."""
    p = site.plan(plan)
    rows = [
        [
            plain(a.number),
            f"[{plain(a.name)}]({site.link(activity_page(p.id, a.id))})",
            str(a.priority) if a.priority else "anges inte",
            schedule_label(p, a),
            accountable_cell(site, p, a),
            ", ".join(_short_link(p, link) for link in a.contributions),
            status_label(p, a, site.today),
        ]
        for a in p.activities
    ]
    legend = f"*{PROPOSAL_MARK}* = {PROPOSAL_TITLE}. Status *{NOT_REPORTED}* betyder att {NOT_REPORTED_MEANING}\n"
    headers = ["Nr", "Aktivitet", "Prioritet", "Tidplan", "Ansvarig", "Bidrar till", "Status"]
    return computed(site) + table(headers, rows, download=offer(site, activities_dataset(site, p))) + "\n" + legend


@macro("aktivitet_lankar", 'aktivitet_lankar(plan="it-och-telekom", indrag=4)')
def activity_links(site: Site, *, plan: str, indrag: int = 0) -> str:
    """Länkar till aktiviteternas sidor (9.2.x) som punktlista, indragen `indrag` mellanslag (för innehållsförteckningar)."""
    p = site.plan(plan)
    items = [f"[{plain(a.number)} {plain(a.name)}]({site.link(activity_page(p.id, a.id))})" for a in p.activities]
    return indented(bullets(items), indrag)


@macro("aktivitetssida", 'aktivitetssida(plan="it-och-telekom", aktivitet="pub-avtal")')
def activity_details(site: Site, *, plan: str, aktivitet: str) -> str:
    """Hela sidan för en aktivitet: alla fält ur planen, ansvar, tidplan, kopplingar och uppföljning."""
    p = site.plan(plan)
    a = p.activity(aktivitet)
    parts = [
        f"# {plain(a.number)} {plain(a.name)}\n",
        edit_paragraph(site.edit, a, f"aktivitet {a.number}"),
        last_changed(site, (p.id, "aktivitet", a.id)),
        admonition("note", f"Fotnot {a.name_footnote_number} till rubriken i källan", rich(a.name_footnote))
        if a.name_footnote
        else "",
        _facts(site, p, a),
        computed(site, "Status och försenad räknas fram varje dag ur uppföljningsrapporterna."),
        _section("Beskrivning av aktivitet", a.description, _steps(a) if a.steps_under == "beskrivning" else ""),
        _section("Identifierad potential", a.potential),
        _section("Ansvarig", a.responsibility_text, _departed(site, p, a, "ansvar_text") + _responsibility(site, p, a)),
        _section("Mål", a.goal),
        _implementation(site, p, a),
        _section(
            plain(a.schedule.heading),
            a.schedule.text,
            _departed(site, p, a, "tidplan.text") + _schedule_facts(site, p, a) + "\n" + activity_timeline(site, p, a),
        ),
        _section("Uppnådd effekt", a.effect, bullets([rich(m, inline=True) for m in a.measures]) if a.measures else ""),
        _contributions(site, p, a),
        _guidance(site, a),
        "### Målkedja\n\nFrån fullmäktigemål via effektmål och strategi till aktiviteten, och nyckeltalen som följer upp den.\n\n"
        + activity_goal_chain(site, p, a),
        _follow_up(site, p, a),
        _notes(p, a),
        record_history(site, (p.id, "aktivitet", a.id)),
        in_decided_versions(site, p.id, ("aktivitet", a.id), activity_page(p.id, a.id)),
    ]
    return "\n".join(part for part in parts if part)


def schedule_label(plan: Plan, activity: Activity) -> str:
    """The structured timeline in a few words: "Q4 2023 – Q4 2024", "löpande", "efter 9.2.16"."""
    span = planned_span(activity)
    if span.start and span.start == span.end and not span.continuous:
        return f"under {span.start.label}"
    if span.start or span.end or span.continuous:
        return plain(span.label())
    if activity.schedule.latest_start:
        return f"påbörjas senast {activity.schedule.latest_start.label}"
    if activity.schedule.after:
        numbers = ", ".join(plain(plan.activity(ref).number) for ref in activity.schedule.after)
        return f"efter {numbers} ({AFTER_READING})"
    return "inga datum i planen"


def party_label(site: Site, plan: Plan, party: Party) -> str:
    """Who a party is: a person's name, a role with the people holding it, or a unit."""
    model = site.model
    if party.person:
        return _person_name(site, plan, party.person)
    if party.role:
        role = model.role(party.role)
        holders = role_holders(model, role.id, plan.id, site.today)
        if not holders:
            return f"{plain(role.name)} (planen anger inte vem)"
        people = holder_names(model, holders, lambda person: _person_name(site, plan, person.id))
        return f"{plain(role.name)} ({RESOLVED} {people})"
    assert party.unit is not None
    unit = model.unit(party.unit)
    if unit.administration:
        return f"{plain(unit.name)} ({plain(model.administration(unit.administration).short_name)})"
    return plain(unit.name)


def _no_accountable(site: Site, plan: Plan, activity: Activity) -> str:
    """What the plan says instead of who is accountable: nothing, or who carries the activity out."""
    return without_accountable([party_label(site, plan, p) for p in activity.responsibility if p.kind == "genomför"])


def accountable_labels(site: Site, plan: Plan, activity: Activity) -> list[str]:
    """Who is accountable (ansvarig) for an activity, resolved to names."""
    return [party_label(site, plan, party) for party in activity.responsibility if party.kind == "ansvarig"]


def accountable_cell(site: Site, plan: Plan, activity: Activity) -> str:
    """Who is accountable, as every table shows it: the parties (roles resolved), or what the plan
    says instead ("anges inte i planen (genomförs av …)")."""
    return ", ".join(accountable_labels(site, plan, activity)) or _no_accountable(site, plan, activity)


def _person_name(site: Site, plan: Plan, person_id: str) -> str:
    """A person's name, marked when they have left the category team or the municipality."""
    name = plain(site.model.person(person_id).name)
    left = has_left(site.model, plan, person_id, site.today)
    return f"{name} (har lämnat {left.isoformat()})" if left else name


def _departed(site: Site, plan: Plan, activity: Activity, text_key: str) -> str:
    """A box saying which structured values changed since the plan's latest decided version while
    the plan's text above (`text_key`) did not: the departure from the decided text, shown as one."""
    latest = site.versions.latest(plan.id)
    found = [
        change
        for drift in departures(site.versions.since_latest.get(plan.id, ()), plan.id, activity.id)
        if drift.pair.text == text_key
        for change in drift.changes
    ]
    if latest is None or not found:
        return ""
    decided = f"version {plain(latest.version.version)}, beslutad {latest.version.date.isoformat()}"
    lines = [f"{plain(c.field or '')}: {plain(c.old or '–')} → {plain(c.new or '–')}" for c in found]
    body = (
        f"Texten ovan är planens beslutade text ({decided}). Sedan beslutet har de strukturerade "
        "värdena ändrats utan att texten ändrats:\n\n" + bullets(lines)
    )
    return admonition("warning", "Ändrat sedan beslutet", body) + "\n"


def _section(title: str, body: str | None, extra: str = "") -> str:
    """A level-2 section with rich text from the data; nothing when the source has neither text nor extra content."""
    if not body and not extra:
        return ""
    blocks = [rich(body)] if body else []
    if extra:
        blocks.append(extra)
    return f"## {title}\n\n" + "\n".join(blocks)


def _facts(site: Site, plan: Plan, activity: Activity) -> str:
    """A summary table at the top of the page."""
    subcategories = ", ".join(plain(plan.subcategory(s).name) for s in activity.subcategories)
    rows = [
        ["Status", status_label(plan, activity, site.today)],
        ["Prioritet", str(activity.priority) if activity.priority else "anges inte i planen"],
        ["Tidplan", schedule_label(plan, activity)],
        ["Ansvarig", accountable_cell(site, plan, activity)],
    ]
    if subcategories:
        rows.append([f"Underkategorier ({SUBCATEGORY_READING})", subcategories])
    return table(["Uppgift", "Värde"], rows, download=offer(site, activity_dataset(site, plan, activity)))


def _steps(activity: Activity) -> str:
    """Delmoment as a list lettered as the source letters them (not checkboxes: they are steps of
    the plan, not progress), with the intro and closing text."""
    if not activity.steps:
        return ""
    parts = [rich(activity.steps_intro)] if activity.steps_intro else []
    lines = []
    for step in activity.steps:
        letter = f'<span class="delmoment-bokstav">{plain(step.letter)})</span> ' if step.letter else ""
        lines.append(f"- {letter}{rich(step.text, inline=True)}")
        lines += [f"    {number}. {rich(item, inline=True)}" for number, item in enumerate(step.sub_items, 1)]
    parts.append('<div class="delmoment" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n")
    if activity.steps_outro:
        parts.append(rich(activity.steps_outro))
    return "\n".join(parts)


def _implementation(site: Site, plan: Plan, activity: Activity) -> str:
    """Implementering with budget amounts filled in, delmoment placed here and other budget lines."""
    text = activity.implementation
    if text:
        text = BUDGET_PLACEHOLDER.sub(lambda m: kronor_sv(activity.budget[int(m.group(1)) - 1].amount_kr), text)
    extra = [_steps(activity)] if activity.steps_under == "implementering" else []
    if activity.budget and not activity.budget_in_text:
        extra.append("Budget:\n\n" + bullets([f"{plain(b.text)}: {kronor_sv(b.amount_kr)}" for b in activity.budget]))
    elif activity.budget:
        rows = [[str(number), plain(b.text), kronor_sv(b.amount_kr)] for number, b in enumerate(activity.budget, 1)]
        budget = export.dataset(
            f"{plan.id}/aktiviteter/{activity.id}/budget",
            f"Budget för {activity.number} {activity.name}",
            [export.whole("Post"), export.text("Vad"), export.whole("Belopp, kr")],
            [[number, b.text, b.amount_kr] for number, b in enumerate(activity.budget, 1)],
        )
        extra.append(
            f"### Budget i strukturerad form\n\n{STRUCTURED_READING}\n\n"
            + table(["Post", "Vad", "Belopp"], rows, download=offer(site, budget))
        )
    return _section("Implementering", text, "\n".join(part for part in extra if part))


def _responsibility(site: Site, plan: Plan, activity: Activity) -> str:
    """The responsibility as structured data: letter, who (roles resolved) and the source's wording."""
    if not activity.responsibility:
        return ""
    heading = (
        f"### Ansvar i strukturerad form\n\n{STRUCTURED_READING} En roll visas med den som innehar den enligt "
        "planens förteckningar över personer och roller, i redaktionens tolkning.\n"
    )
    return heading + "\n" + activity_responsibility_table(site, plan, activity)


def _schedule_facts(site: Site, plan: Plan, activity: Activity) -> str:
    """The timeline as structured data and the activity's dependencies in both directions."""
    schedule = activity.schedule
    rows = []
    values: list[list[export.Value]] = []
    points = (
        ("Start", schedule.start, None),
        ("Påbörjas senast", schedule.latest_start, None),
        ("Slut", schedule.end, schedule.end_words),
    )
    for label, point, words in points:
        if point:
            shown = plain(words or point.label) + _counted_as(point, words)
            rows.append([label, shown])
            values.append([label, *point_values(point, words)])
    if schedule.continuous:
        rows.append(["Löpande", "ja, utan slutdatum"])
        values.append(["Löpande", "ja, utan slutdatum", None, None, None])
    for ref in schedule.after:
        rows.append([f"Genomförs efter ({AFTER_READING})", activity_link(site, plan, plan.activity(ref))])
        values.append([f"Genomförs efter ({AFTER_READING})", _activity_text(plan, ref), None, None, None])
    for other in plan.dependents_of(activity.id):
        rows.append([f"Väntar på denna ({AFTER_READING})", activity_link(site, plan, other)])
        values.append([f"Väntar på denna ({AFTER_READING})", _activity_text(plan, other.id), None, None, None])
    if not rows:
        return "Planen anger inga datum för aktiviteten.\n"
    timeline = export.dataset(
        f"{plan.id}/aktiviteter/{activity.id}/tidplan",
        f"Tidplan för {activity.number} {activity.name}",
        [
            export.text("Uppgift"),
            export.text("Värde"),
            export.text("Precision"),
            export.date(f"Första dag ({COMPUTED})"),
            export.date(f"Sista dag ({COMPUTED})"),
        ],
        values,
    )
    lead = f"{STRUCTURED_READING}\n\n"
    return (
        "### Tidplan i strukturerad form\n\n" + lead + table(["Uppgift", "Värde"], rows, download=offer(site, timeline))
    )


def _counted_as(point: TimePoint, words: str | None) -> str:
    """What the site takes the source's words for, when they do not name the point themselves."""
    return f" (webbplatsen räknar det som {point.label})" if words and point.label not in words else ""


def _activity_text(plan: Plan, activity_id: str) -> str:
    """Another activity's number and name, as text."""
    other = plan.activity(activity_id)
    return f"{other.number} {other.name}"


def _contributions(site: Site, plan: Plan, activity: Activity) -> str:
    """Why the activity exists: links stated by the plan, then the editors' proposals, clearly apart."""
    stated = [link for link in activity.contributions if link.basis is Basis.PLAN]
    proposed = [link for link in activity.contributions if link.basis is Basis.PROPOSAL]
    parts = ["## Bidrar till\n"]
    if stated:
        parts.append(
            "Koppling som framgår av planen:\n\n"
            + bullets([f"{_target(site, plan, link)} – {_stated_by(site, plan, link)}" for link in stated])
        )
    if proposed:
        items = [
            f"{_target(site, plan, link)} – {rich(link.motivation, inline=True) if link.motivation else ''}"
            for link in proposed
        ]
        parts.append(admonition("question", PROPOSAL_TITLE, bullets(items)))
    return "\n".join(parts)


def _guidance(site: Site, activity: Activity) -> str:
    """Guidance the reader can follow from the activity (a market analysis …), never the plan's own text."""
    if not activity.guidance:
        return ""
    return "## Vägledning att läsa\n\n" + bullets(reference_items(site, activity.guidance))


def _target(site: Site, plan: Plan, link: Contribution) -> str:
    """A link to the strategi or effektmål an activity contributes to."""
    if link.strategy:
        return strategy_link(site, plan, plan.strategy(link.strategy))
    return goal_link(site, plan, plan.effect_goal(link.effect_goal or ""))


def _stated_by(site: Site, plan: Plan, link: Contribution) -> str:
    """Where the plan states the link, as a link to that section."""
    return "står i " + section_link(site, plan, link.section or "", f"avsnitt {link.section}")


def _short_link(plan: Plan, link: Contribution) -> str:
    """A link's number for the list, marked when it is a proposal."""
    number = plan.strategy(link.strategy).number if link.strategy else plan.effect_goal(link.effect_goal or "").number
    return f"{plain(number)} {PROPOSAL_MARK}" if link.basis is Basis.PROPOSAL else plain(number)


def _follow_up(site: Site, plan: Plan, activity: Activity) -> str:
    """The current status with its date and reporter, every report as a timeline entry, and the measures' series."""
    now = current(plan, activity, site.today)
    item = reporting_period(plan, site.today)
    period_link = f"[{plain(item.name)}]({site.link(follow_up_period_page(plan.id, item.id))})"
    if now.report is None:
        state = f"Aktuell status: **{NOT_REPORTED}**. Ingen uppföljning har rapporterats för aktiviteten."
    elif now.since:
        state = (
            f"Aktuell status: **{status_text(now)}**: den senaste rapporten ({now.report.status}, "
            f"{now.report.date.isoformat()}, {plain(site.model.person(now.report.reported_by).name)}) "
            f"är äldre än perioden {period_link} ({item.start.isoformat()} – {item.end.isoformat()})."
        )
    else:
        state = (
            f"Aktuell status: **{now.status}**, rapporterad {now.report.date.isoformat()} av "
            f"{plain(site.model.person(now.report.reported_by).name)}."
        )
    if now.late:
        state += (
            " Planerat slut har passerat utan att aktiviteten rapporterats som genomförd eller avbruten: **försenad**."
        )
    parts = ["## Uppföljning\n", computed(site), f"{state} Perioden just nu: {period_link}.\n"]
    reports = reports_of(plan, activity.id)
    if reports:
        reported = export.dataset(
            f"{plan.id}/aktiviteter/{activity.id}/uppfoljning",
            f"Uppföljning av {activity.number} {activity.name}",
            [export.date("Datum"), export.text("Status"), export.text("Rapporterad av"), export.text("Kommentar")],
            [[r.date, r.status, site.model.person(r.reported_by).name, r.comment] for r in reports],
        )
        timeline = _report_timeline(site, plan, reports)
        parts.append(f"### Rapporter\n\nVarje rapport, äldst först.\n\n{timeline}\n{offer(site, reported)}\n")
    indicators = plan.indicators_naming(activity.id)
    if indicators:
        parts.append(
            f"### Nyckeltal som följer upp aktiviteten\n\nVilka mått i effektuppföljningen som gäller aktiviteten är {EDITORS_REFERENCE[2:-2]}.\n"
        )
        parts += [measure_series(site, plan, indicator) for indicator in indicators]
    return "\n".join(parts)


def _report_timeline(site: Site, plan: Plan, reports: list[StatusReport]) -> str:
    """Reports as an ordered list, one entry each: date, status, who, the period and the comment."""
    lines = []
    for report in reports:
        item = period_of_day(plan, report.date)
        where = f" · perioden {plain(item.name)}" if item else " · utanför uppföljningsperioderna"
        who = plain(site.model.person(report.reported_by).name)
        comment = f"<br>{rich(report.comment, inline=True)}" if report.comment else ""
        lines.append(f"1. **{report.date.isoformat()}** · {report.status} · {who}{where}{comment}")
    return "\n".join(lines) + "\n"


def _notes(plan: Plan, activity: Activity) -> str:
    """The editors' notes on this activity's section of the source."""
    notes = [note for note in plan.notes if note.section == activity.number]
    if not notes:
        return ""
    boxes = [admonition("warning", "Redaktionell anmärkning", rich(note.text)) for note in notes]
    return "## Kända brister i källan\n\n" + "\n".join(boxes)
