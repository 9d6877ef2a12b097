"""Macros for the plan's structured sections: metadata, effektmål, underkategorier,
strategier, nyckeltal, organisation and editorial notes (the decided versions of 11.0 are
`macros.render.versions`)."""

from __future__ import annotations

from macros.exports.dataset import Dataset, dataset, date, text, whole
from macros.model.base import Record
from macros.model.catalog import Plan
from macros.model.goalchain import GoalNode, Reason, chain
from macros.model.goalchain import reasons as reasons_of
from macros.model.goals import EffectGoal, KeyIndicator, Strategy
from macros.model.governance import GoalArea
from macros.render.context import (
    EFFECT_GOALS_PAGE,
    FOLLOW_UP_PAGE,
    MUNICIPALITY_PAGE,
    STRATEGIES_PAGE,
    MacroError,
    Site,
    activity_page,
    chapter_page,
)
from macros.render.downloads import offer
from macros.render.editing import edit_link, edit_paragraph
from macros.render.export_values import COMPUTED
from macros.render.goalchain import activity_link, goal_link, strategy_link
from macros.render.guidance import reference_items
from macros.render.history import last_changed
from macros.render.national import national_links
from macros.render.organisation import team_dataset
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.sections import section_link
from macros.render.text import admonition, bullets, indented, table
from macros.render.versions import version_links


@macro("planfakta", 'planfakta(plan="it-och-telekom")')
def plan_facts(site: Site, *, plan: str) -> str:
    """Tabell med planens namn, dokumenttyp, beslut, period och ansvar (titelsidan och 11.0)."""
    p = site.plan(plan)
    meta = p.meta
    rows = [
        ["Namn", plain(meta.name)],
        ["Kommun", plain(meta.municipality)],
        ["Dokumenttyp", plain(meta.document_type)],
        ["Beslutad", plain(meta.decision.date_text)],
        ["Planperiod", plain(meta.period.text)],
        ["Planperiod i datum", f"{p.period_start.isoformat()} – {p.period_end.isoformat()} {DERIVED_PERIOD}"],
        ["Tas fram av", plain(meta.prepared_by)],
        ["Ägs av", plain(meta.owned_by)],
        ["Beslutas av", plain(meta.decided_by_text)],
        ["Uppdateras av", plain(meta.updated_by)],
    ]
    return table(["Uppgift", "Värde"], rows, download=offer(site, plan_dataset(site, p)))


def plan_dataset(site: Site, plan: Plan) -> Dataset:
    """The plan's title page and 11.0 as one row: name, decision, period and who prepares, owns, decides and updates it."""
    meta = plan.meta
    columns = [
        text("Id"),
        text("Namn"),
        text("Kategori"),
        text("Kommun"),
        text("Dokumenttyp"),
        text("Beslutas av (nämnd)"),
        text("Beslutsdatum (som i källan)"),
        date("Beslutsdatum"),
        text("Planperiod (som i källan)"),
        date(f"Planperiod, första dag ({COMPUTED_DAY})"),
        date(f"Planperiod, sista dag ({COMPUTED_DAY})"),
        whole("Planperiod, år"),
        text("Tas fram av"),
        text("Ägs av"),
        text("Beslutas av"),
        text("Uppdateras av"),
    ]
    row = [
        plan.id,
        meta.name,
        meta.category,
        meta.municipality,
        meta.document_type,
        site.model.committee(meta.decision.body).name,
        meta.decision.date_text,
        meta.decision.date,
        meta.period.text,
        plan.period_start,
        plan.period_end,
        meta.period.years,
        meta.prepared_by,
        meta.owned_by,
        meta.decided_by_text,
        meta.updated_by,
    ]
    return dataset(f"{plan.id}/plan", meta.name, columns, [row])


DERIVED_PERIOD = "(räknat av webbplatsen ur planperioden ovan; källan anger inga datum)"
"""How the exact plan period, which the site derives from the source's words, says that it is derived."""

COMPUTED_DAY = f"{COMPUTED} ur perioden som källan anger"
"""How a download's column of the plan period's first or last day says that the site computed it."""


@macro("titelsida", 'titelsida(plan="it-och-telekom")')
def title_page(site: Site, *, plan: str) -> str:
    """Planens titelsida: namn som sidrubrik, kommun, dokumenttyp och beslutsraden."""
    p = site.plan(plan)
    meta = p.meta
    return (
        f"# {plain(meta.name)}\n\n{plain(meta.municipality)}\n\n**{plain(meta.document_type)}**\n\n"
        f"{decided(site, plan=plan)}\n"
    )


@macro("beslutad", 'beslutad(plan="it-och-telekom")')
def decided(site: Site, *, plan: str) -> str:
    """Beslutsraden på titelsidan som källan skriver den, t.ex. "Beslutad 2022-XX-xx"."""
    return f"Beslutad {plain(site.plan(plan).meta.decision.date_text)}"


@macro("planperiod", 'planperiod(plan="it-och-telekom")')
def plan_period(site: Site, *, plan: str) -> str:
    """Planperioden i källans ord, t.ex. "fyra år, med start i oktober 2023"."""
    return plain(site.plan(plan).meta.period.text)


@macro("planperiod_ar", 'planperiod_ar(plan="it-och-telekom")')
def plan_period_years(site: Site, *, plan: str) -> str:
    """Planperiodens längd i år som siffra, t.ex. "4"."""
    return str(site.plan(plan).meta.period.years)


@macro("planansvar", 'planansvar(plan="it-och-telekom")')
def plan_ownership(site: Site, *, plan: str) -> str:
    """Vem som tar fram, äger, beslutar och uppdaterar planen (tabellen i 11.0)."""
    p = site.plan(plan)
    meta = p.meta
    texts = [
        ["Tas fram av", meta.prepared_by],
        ["Ägs av", meta.owned_by],
        ["Beslutas av", meta.decided_by_text],
        ["Uppdateras av", meta.updated_by],
    ]
    rows = [[label, plain(value)] for label, value in texts]
    export = dataset(f"{p.id}/planansvar", f"Ansvar för {meta.name}", [text("Uppgift"), text("Ansvar")], texts)
    return table(["Uppgift", "Ansvar"], rows, download=offer(site, export))


@macro("underkategorier", 'underkategorier(plan="it-och-telekom")')
def subcategories(site: Site, *, plan: str) -> str:
    """Underkategorierna med definitioner (4.2)."""
    p = site.plan(plan)
    export = dataset(
        f"{p.id}/underkategorier",
        f"Underkategorier i {p.meta.name}",
        [text("Id"), text("Underkategori"), text("Definition"), whole("Framförhållning, månader")],
        [[s.id, s.name, s.definition, p.lead_time_months(s.id)] for s in p.subcategories],
    )
    definitions = table(
        ["Underkategori", "Definition"],
        [[plain(s.name), rich(s.definition, inline=True)] for s in p.subcategories],
        download=offer(site, export),
    )
    references = [f"{plain(s.name)}: {item}" for s in p.subcategories for item in reference_items(site, s.guidance)]
    if not references:
        return definitions
    return definitions + "\nVägledning för underkategorierna (inte planens text):\n\n" + bullets(references)


@macro("effektmal", 'effektmal(plan="it-och-telekom")')
def effect_goals(site: Site, *, plan: str) -> str:
    """Effektmålen med syfte och koppling till målområden, fullmäktigemål och styrdokument (4.1)."""
    p = site.plan(plan)
    nodes = {node.goal.id: node for node in chain(site.model, p)}
    parts = []
    for goal in p.effect_goals:
        parts.append(f"### {plain(goal.number)} {plain(goal.name)} {{#{goal.id}}}\n")
        parts.append(edit_paragraph(site.edit, goal, f"effektmål {goal.number}") + rich(goal.purpose))
        parts.append(last_changed(site, (p.id, "effektmål", goal.id)))
        if goal.council_goals:
            parts.append("Koppling till målområden och underliggande fullmäktigemål:\n\n" + _council_goals(site, goal))
        if goal.documents:
            names = plain(goal.documents_text or ", ".join(site.model.document(doc).name for doc in goal.documents))
            parts.append(f"Koppling till övriga styrdokument: {names}\n")
        parts.append(national_links(site, goal.national_goals))
        parts.append(_goal_served_by(site, p, nodes[goal.id]))
    return "\n".join(part for part in parts if part)


SERVES_TITLE = "Det här hör till målet (sammanställt av webbplatsen; redaktionens förslag är markerade)"
"""The box under each effektmål that lists what serves it; not a text of the source, and not all the plan's."""

NO_STRATEGY_ACTIVITY = "Varken planen eller redaktionen kopplar någon aktivitet till strategin."
"""Said under a strategy no activity is linked to, by the plan or by the editors' proposals."""


def _goal_served_by(site: Site, plan: Plan, node: GoalNode) -> str:
    """The strategies, activities and follow-up measures of one effektmål, each linked; proposals marked."""
    strategies = [strategy_link(site, plan, item.strategy) for item in node.strategies]
    reasons = [reason for item in node.strategies for reason in item.reasons] + node.direct
    measures = [
        f"[{plain(indicator.section)}]({site.link(chapter_page(plan.id, FOLLOW_UP_PAGE))}): {plain(indicator.text)}"
        for indicator in node.indicators
    ]
    lines = [
        f"- **Strategier:** {'; '.join(strategies) or 'inga'}",
        f"- **Aktiviteter:** {_activities_of(site, plan, reasons) or 'ingen aktivitet är kopplad till målet'}",
        "- **Nyckeltal:**" + ("" if measures else " inga"),
        *(f"    - {measure}" for measure in measures),
    ]
    return admonition("info", SERVES_TITLE, "\n".join(lines) + "\n")


def _activities_of(site: Site, plan: Plan, reasons: list[Reason]) -> str:
    """Each activity once, linked, marked as the editors' proposal when only proposals link it here."""
    found: dict[str, tuple[Reason, bool]] = {}
    for reason in reasons:
        proposal = reason.is_proposal and found.get(reason.activity.id, (reason, True))[1]
        found[reason.activity.id] = (reason, proposal)
    order = {activity.id: index for index, activity in enumerate(plan.activities)}
    shown = sorted(found.values(), key=lambda item: order[item[0].activity.id])
    return "; ".join(
        activity_link(site, plan, reason.activity) + (f" {PROPOSED}" if proposal else "") for reason, proposal in shown
    )


PROPOSED = "*(förslag från redaktionen)*"
"""How a link only the editors propose is marked in the lists of what serves a goal or strategy."""


def _council_goals(site: Site, goal: EffectGoal) -> str:
    """The goal's fullmäktigemål grouped under their målområde, in the plan's wording."""
    lines: list[str] = []
    current_area = None
    for link in goal.council_goals:
        area = _area_of(site, link.goal)
        if area.id != current_area:
            current_area = area.id
            lines.append(f"- *{plain(link.area_wording or area.name)}*")
        lines.append(f"    - *{plain(link.wording or site.model.council_goal(link.goal).name)}*")
    return "\n".join(lines) + "\n"


@macro("malomrade", 'malomrade(omrade="trygg-kommun")')
def goal_area(site: Site, *, omrade: str) -> str:
    """Ett målområde ur Mål och budget med sitt hållbarhetsperspektiv, t.ex. "En hållbar naturkommun (ekologisk hållbarhet)"."""
    if not site.model.has("målområde", omrade):
        raise MacroError(f"målområdet '{omrade}' finns inte i styrning.yml")
    area = next(area for area in site.model.governance.goal_areas if area.id == omrade)
    return plain(f"{area.name} ({area.perspective})" if area.perspective else area.name)


def _area_of(site: Site, goal_id: str) -> GoalArea:
    """The målområde a fullmäktigemål belongs to."""
    return next(area for area in site.model.governance.goal_areas if any(g.id == goal_id for g in area.goals))


@macro("effektmal_lista", 'effektmal_lista(plan="it-och-telekom")')
def effect_goal_list(site: Site, *, plan: str) -> str:
    """Effektmålens namn som numrerad lista (sammanfattningen, 1.0)."""
    goals = site.plan(plan).effect_goals
    return "\n".join(f"{index}. {plain(goal.name)}" for index, goal in enumerate(goals, 1)) + "\n"


@macro("effektmal_namn", 'effektmal_namn(plan="it-och-telekom", effektmal="service")')
def effect_goal_name(site: Site, *, plan: str, effektmal: str) -> str:
    """Namnet på ett effektmål, t.ex. i rubrikerna 5.1–5.4 och 6.1–6.4."""
    return plain(site.plan(plan).effect_goal(effektmal).name)


@macro("effektmal_lankar", 'effektmal_lankar(plan="it-och-telekom", indrag=4)')
def effect_goal_links(site: Site, *, plan: str, indrag: int = 0) -> str:
    """Länkar till effektmålen (4.1.x) som punktlista, indragen `indrag` mellanslag (för innehållsförteckningar)."""
    p = site.plan(plan)
    target = chapter_page(p.id, EFFECT_GOALS_PAGE)
    items = [f"[{plain(goal.number)} {plain(goal.name)}]({site.link(target, goal.id)})" for goal in p.effect_goals]
    return indented(bullets(items), indrag)


@macro("strategi_lankar", 'strategi_lankar(plan="it-och-telekom", effektmal="service", indrag=8)')
def strategy_links(site: Site, *, plan: str, effektmal: str | None = None, indrag: int = 0) -> str:
    """Länkar till strategierna (5.x.y) för ett effektmål eller alla, indragna `indrag` mellanslag."""
    p = site.plan(plan)
    chosen = p.strategies_of(effektmal) if effektmal else p.strategies
    target = chapter_page(p.id, STRATEGIES_PAGE)
    items = [f"[{plain(s.number)} {plain(s.name)}]({site.link(target, s.id)})" for s in chosen]
    return indented(bullets(items), indrag)


@macro("strategier", 'strategier(plan="it-och-telekom", effektmal="service")')
def strategies(site: Site, *, plan: str, effektmal: str | None = None) -> str:
    """Strategierna med åtgärder, för ett effektmål eller alla (5.x)."""
    p = site.plan(plan)
    chosen = p.strategies_of(effektmal) if effektmal else p.strategies
    goal = p.effect_goal(effektmal) if effektmal else None
    parts = [_goal_chain_links(site, p, goal, "nyckeltal", _measure_sections(site, p, goal))] if goal else []
    for strategy in chosen:
        parts.append(f"### {plain(strategy.number)} {plain(strategy.name)} {{#{strategy.id}}}\n")
        parts.append(edit_paragraph(site.edit, strategy, f"strategi {strategy.number}") + rich(strategy.text))
        parts.append(_measures(strategy))
        parts.append(national_links(site, strategy.national_goals))
        reasons = [
            reason for activity in p.activities for reason in reasons_of(p, activity) if reason.strategy == strategy
        ]
        listed = _activities_of(site, p, reasons) or NO_STRATEGY_ACTIVITY
        parts.append(
            admonition("info", "Aktiviteter som genomför strategin (sammanställt av webbplatsen)", listed + "\n")
        )
        parts.append(last_changed(site, (p.id, "strategi", strategy.id)))
    return "\n".join(part for part in parts if part)


def _measures(strategy: Strategy) -> str:
    """A strategy's measures: the intro and a bullet list, or one running sentence."""
    intro = plain(strategy.measures_intro or "")
    measures = [rich(measure, inline=True) for measure in strategy.measures]
    if strategy.measures_inline:
        return f"{intro} {' '.join(measures)}".strip() + "\n"
    if not measures:
        return f"{intro}\n" if intro else ""
    return (f"{intro}\n\n" if intro else "") + bullets(measures)


@macro("nyckeltal", 'nyckeltal(plan="it-och-telekom", effektmal="service")')
def indicators(site: Site, *, plan: str, effektmal: str | None = None) -> str:
    """Nyckeltalen för effektuppföljning, för ett effektmål eller alla, med länk till aktiviteterna de följer upp (6.x)."""
    p = site.plan(plan)
    chosen = p.indicators_of(effektmal) if effektmal else p.indicators
    items = [
        plain(indicator.text)
        + _activity_links(site, p, indicator)
        + _changed(site, p, indicator)
        + _edit_after(site, indicator, "nyckeltalet")
        for indicator in chosen
    ]
    if not effektmal:
        return bullets(items)
    goal = p.effect_goal(effektmal)
    return _goal_chain_links(site, p, goal, "strategier", _strategy_numbers(site, p, goal)) + bullets(items)


def _goal_chain_links(site: Site, plan: Plan, goal: EffectGoal, label: str, others: list[str]) -> str:
    """Where a 5.x or 6.x section leads along the goal chain: its effektmål, and `others` of the goal
    (its measures, seen from the strategies, or its strategies, seen from the measures)."""
    more = f" · {label} för målet: {', '.join(others)}" if others else ""
    return f"*Länkar sammanställda av webbplatsen:* effektmålet är {goal_link(site, plan, goal)}{more}\n\n"


def _strategy_numbers(site: Site, plan: Plan, goal: EffectGoal) -> list[str]:
    """The goal's strategies as links by number ("5.1.1")."""
    target = chapter_page(plan.id, STRATEGIES_PAGE)
    return [f"[{plain(s.number)}]({site.link(target, s.id)})" for s in plan.strategies_of(goal.id)]


def _measure_sections(site: Site, plan: Plan, goal: EffectGoal) -> list[str]:
    """The 6.x sections holding the goal's nyckeltal, as links."""
    return [
        section_link(site, plan, number) for number in dict.fromkeys(i.section for i in plan.indicators_of(goal.id))
    ]


def _changed(site: Site, plan: Plan, indicator: KeyIndicator) -> str:
    """The "Senast ändrad …" line after a nyckeltal, inline, or nothing without a history."""
    return last_changed(site, (plan.id, "nyckeltal", indicator.id), inline=True)


def _edit_after(site: Site, record: Record, what: str) -> str:
    """A "Redigera" link after a record's text on the same line, or nothing."""
    link = edit_link(site.edit, record, what)
    return f" {link}" if link else ""


def _activity_links(site: Site, plan: Plan, indicator: KeyIndicator) -> str:
    """A link to each activity the measure follows up, or nothing when it names none."""
    if not indicator.activities:
        return ""
    links = []
    for activity_id in indicator.activities:
        activity = plan.activity(activity_id)
        links.append(f"[{plain(activity.number)}]({site.link(activity_page(plan.id, activity.id))})")
    word = "aktivitet" if len(links) == 1 else "aktiviteterna"
    return f' <span class="redaktionellt">(redaktionens hänvisning till {word} ' + ", ".join(links) + ")</span>"


@macro("kategoriorganisation", 'kategoriorganisation(plan="it-och-telekom")')
def category_organisation(site: Site, *, plan: str) -> str:
    """Kategoriteamets deltagare med förvaltning och när de lämnat (8.3.1)."""
    p = site.plan(plan)
    rows = []
    for member in p.organisation.team:
        person = site.model.person(member.person)
        rows.append([plain(person.name), plain(member.administration_label), plain(member.until_text or "")])
    return table(["Deltagare", "Förvaltning", "Deltog"], rows, download=offer(site, team_dataset(site, p)))


@macro("redaktionella_noter", 'redaktionella_noter(plan="it-och-telekom", avsnitt="10.4")')
def editorial_notes(site: Site, *, plan: str, avsnitt: str | None = None, underavsnitt: bool = True) -> str:
    """Redaktionens noter om brister i källdokumentet, för ett avsnitt med underavsnitt, titelsidan ("titelsida") eller alla."""
    p = site.plan(plan)
    notes = [n for n in p.notes if _in_section(n.section, avsnitt, subsections=underavsnitt)]
    return "\n".join(_note(p, note.section, rich(note.text)) for note in notes)


def _in_section(section: str | None, wanted: str | None, *, subsections: bool) -> bool:
    """Whether a note belongs to the wanted section: all, "titelsida" (no section) or a number (and its subsections)."""
    if wanted is None:
        return True
    if wanted == TITLE_PAGE:
        return section is None
    if section is None:
        return False
    return section == wanted or (subsections and section.startswith(wanted + "."))


TITLE_PAGE = "titelsida"
"""The `avsnitt` value that selects notes on the title page (notes without a section)."""


def _note(plan: Plan, section: str | None, text: str) -> str:
    """One editorial note as a visible admonition."""
    where = f" (avsnitt {plain(section)})" if section else ""
    return admonition("warning", f"Redaktionell anmärkning{where}", text)


@macro("planlista", "planlista()")
def plan_list(site: Site) -> str:
    """Lista över alla kategoriplaner med länk, period och beslut."""
    rows = []
    for plan in site.model.plans.values():
        link = f"[{plain(plan.meta.name)}]({site.link(f'{plan.id}/index.md')})"
        decision = plain(plan.meta.decision.date_text)
        if plan.meta.decision.date is None:
            decision += " (så står det i källan; datumet är inte fullständigt)"
        rows.append([link, plain(plan.meta.period.text), decision, version_links(site, plan)])
    export = dataset(
        "planer",
        "Kategoriplaner",
        [
            text("Id"),
            text("Kategoriplan"),
            text("Period"),
            date(f"Period, första dag ({COMPUTED_DAY})"),
            date(f"Period, sista dag ({COMPUTED_DAY})"),
            text("Beslutad (som i källan)"),
            date("Beslutsdatum"),
        ],
        [
            [
                plan.id,
                plan.meta.name,
                plan.meta.period.text,
                plan.period_start,
                plan.period_end,
                plan.meta.decision.date_text,
                plan.meta.decision.date,
            ]
            for plan in site.model.plans.values()
        ],
    )
    return table(["Kategoriplan", "Period", "Beslutad", "Beslutade versioner"], rows, download=offer(site, export))


SHORTCUTS = (
    (
        "Vem ansvarar för vad?",
        (
            ("Ansvarsmatris", "oversikter/ansvarsmatris.md"),
            ("Aktiviteter: status och ansvar", "oversikter/aktiviteter.md"),
        ),
    ),
    (
        "Vilka upphandlingar måste starta och när?",
        (
            ("Upphandlingskalender", "oversikter/upphandlingskalender.md"),
            ("9.1 Upphandlingsbehov", "upphandlingsbehov.md"),
        ),
    ),
    (
        "Hur går det för aktiviteterna?",
        (("Aktiviteter: status och ansvar", "oversikter/aktiviteter.md"), ("Tidslinje", "oversikter/tidslinje.md")),
    ),
    ("Vad bidrar till målen?", (("Målkedja", "oversikter/malkedja.md"), ("4.1 Effektmål", "kategoriplan.md"))),
    (
        "Hela planen",
        (
            ("Titelsida och innehåll, kapitel för kapitel", "index.md"),
            ("Hela planen att skriva ut eller spara som PDF", "hela-planen.md"),
        ),
    ),
)
"""The questions staff come with, and the pages of a plan that answer them."""


@macro("genvagar", 'genvagar(plan="it-och-telekom")')
def shortcuts(site: Site, *, plan: str) -> str:
    """Genvägar till de sidor i en plan som svarar på det personalen oftast frågar."""
    p = site.plan(plan)
    items = [
        f"**{question}** " + " · ".join(f"[{label}]({site.link(chapter_page(p.id, page))})" for label, page in pages)
        for question, pages in SHORTCUTS
    ]
    people = f"[Ansvar per person]({site.link(MUNICIPALITY_PAGE, 'personer')})"
    items.insert(1, f"**Vad har en viss person ansvar för?** {people}")
    return f"### {plain(p.meta.name)}\n\n" + bullets(items)
