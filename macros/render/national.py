"""Macros for the national procurement strategy: the goal of public procurement, the ten
inriktningsmål (each with a page of its own), the three fokusområden with their recommended
actions, and how the plans' effektmål, strategies and activities serve the goals.

A plan's link to an inriktningsmål is stated in the plan or proposed by the editors, and
shown as such. An activity serves an inriktningsmål through the strategy or effektmål it
contributes to; that is derived by the site and said to be.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from macros.exports.dataset import Value, dataset, text, whole
from macros.model.catalog import Municipality, Plan
from macros.model.goals import EffectGoal, NationalGoalLink, Strategy
from macros.model.guidance import Passage
from macros.model.national_strategy import FocusArea, NationalGoal, NationalStrategyFile
from macros.model.plan import Basis
from macros.render.context import (
    EFFECT_GOALS_PAGE,
    GUIDANCE_PAGE,
    NATIONAL_STRATEGY_PAGE,
    STRATEGIES_PAGE,
    MacroError,
    Site,
    activity_page,
    chapter_page,
    national_goal_page,
    national_goal_title,
)
from macros.render.downloads import offer
from macros.render.html import count
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.text import admonition, bullets, table

PROPOSED = "förslag från redaktionen, inte beslutat i planen"
"""How a link the editors propose is labelled."""

ORIGIN_TEXT = {
    "2016": "Ett av de sju inriktningsmålen i den nationella upphandlingsstrategin från 2016 (Fi2016/00833).",
    "färdplanen": "Ett av de tre nya inriktningsmålen i regeringens färdplan för den nationella upphandlingsstrategin.",
}


@dataclass
class Service:
    """An effektmål, strategy or activity of a plan that serves an inriktningsmål."""

    plan: Plan
    kind: str
    number: str
    name: str
    page: str
    anchor: str | None
    basis: Basis
    motivation: str | None = None
    via: list[str] = field(default_factory=list)
    """For an activity: the strategies and effektmål through which it serves the goal."""


def _strategy_service(plan: Plan, link: NationalGoalLink, kind: str, record: EffectGoal | Strategy) -> Service:
    """An effektmål's or strategy's own link to a goal."""
    page = chapter_page(plan.id, EFFECT_GOALS_PAGE if kind == "effektmål" else STRATEGIES_PAGE)
    return Service(plan, kind, record.number, record.name, page, record.id, link.basis, link.motivation)


def services(model: Municipality) -> dict[str, list[Service]]:
    """For each inriktningsmål: the effektmål, strategies and activities of every plan that serve it."""
    found: dict[str, list[Service]] = {}
    for plan in model.plans.values():
        for goal in plan.effect_goals:
            for link in goal.national_goals:
                found.setdefault(link.goal, []).append(_strategy_service(plan, link, "effektmål", goal))
        for strategy in plan.strategies:
            for link in strategy.national_goals:
                found.setdefault(link.goal, []).append(_strategy_service(plan, link, "strategi", strategy))
        for goal_id, service in _activity_services(plan):
            found.setdefault(goal_id, []).append(service)
    return found


def _activity_services(plan: Plan) -> list[tuple[str, Service]]:
    """Each activity that serves an inriktningsmål through what it contributes to, once per goal."""
    by_key: dict[tuple[str, str], Service] = {}
    for activity in plan.activities:
        for contribution in activity.contributions:
            target: EffectGoal | Strategy
            if contribution.strategy and plan.has("strategi", contribution.strategy):
                target = plan.strategy(contribution.strategy)
                via = f"strategi {target.number}"
            elif contribution.effect_goal and plan.has("effektmål", contribution.effect_goal):
                target = plan.effect_goal(contribution.effect_goal)
                via = f"effektmål {target.number}"
            else:
                continue
            for link in target.national_goals:
                stated = contribution.basis is Basis.PLAN and link.basis is Basis.PLAN
                key = (activity.id, link.goal)
                service = by_key.get(key)
                if service is None:
                    page = activity_page(plan.id, activity.id)
                    basis = Basis.PLAN if stated else Basis.PROPOSAL
                    service = by_key[key] = Service(
                        plan, "aktivitet", activity.number, activity.name, page, None, basis
                    )
                elif stated:
                    service.basis = Basis.PLAN
                if via not in service.via:
                    service.via.append(via)
    return [(goal_id, service) for (_, goal_id), service in by_key.items()]


def _services(site: Site) -> dict[str, list[Service]]:
    """The services, indexed once per build."""
    return site.once("nationella-kopplingar", lambda: services(site.model))


def strategy_file(site: Site) -> NationalStrategyFile:
    """The national strategy, or a Swedish error when the data has none."""
    national = site.model.guidance.national
    if national is None:
        raise MacroError(
            "datat innehåller ingen nationell upphandlingsstrategi (vagledning/nationella-upphandlingsstrategin.yml)"
        )
    return national


def goal_title(goal: NationalGoal) -> str:
    """A goal's page title: "Inriktningsmål 8: Attraktiva offentliga affärer …" (the heading, else the goal)."""
    return national_goal_title(goal.number, goal.heading or goal.name)


def goal_link(site: Site, goal: NationalGoal) -> str:
    """A Markdown link to a goal's page, with its number and the goal's words."""
    return f"[Inriktningsmål {goal.number}: {plain(goal.name)}]({site.link(national_goal_page(goal.id))})"


@macro("upphandlingens_mal", "upphandlingens_mal()")
def procurement_goal(site: Site) -> str:
    """Målet för den offentliga upphandlingen som färdplanen formulerar det."""
    return rich(strategy_file(site).procurement_goal)


@macro("inriktningsmal", "inriktningsmal()")
def national_goal_overview(site: Site) -> str:
    """De tio inriktningsmålen med färdplanens text om dem, länkade till sina sidor, och hur planerna kopplar till dem."""
    national = strategy_file(site)
    old = [goal for goal in national.goals if goal.added_in == "2016"]
    new = [goal for goal in national.goals if goal.added_in == "färdplanen"]
    return "\n".join(
        [
            rich(national.intro_2016),
            _goal_table(site, old),
            rich(national.intro_new),
            _goal_table(site, new),
            rich(national.closing),
        ]
    )


SERVICE_KINDS = (("effektmål", "Effektmål"), ("strategi", "Strategier"), ("aktivitet", "Aktiviteter"))
"""The kinds of plan items that serve a goal, with the export's column name for each."""


def _goal_table(site: Site, goals: list[NationalGoal]) -> str:
    """Goals with their number, words and how the plans serve them; downloadable with the counts as numbers."""
    rows = [
        [str(goal.number), goal_link_text(site, goal), _service_summary(_services(site).get(goal.id, []))]
        for goal in goals
    ]
    columns = [whole("Nr"), text("Id"), text("Inriktningsmål"), text("Tillkom i")]
    for _, label in SERVICE_KINDS:
        columns += [whole(f"{label} i kategoriplanerna"), whole(f"{label}, varav förslag")]
    values = []
    for goal in goals:
        found = _services(site).get(goal.id, [])
        row: list[Value] = [goal.number, goal.id, goal.name, goal.added_in]
        for kind, _ in SERVICE_KINDS:
            of_kind = [item for item in found if item.kind == kind]
            row += [len(of_kind), sum(item.basis is Basis.PROPOSAL for item in of_kind)]
        values.append(row)
    origin = "2016" if goals and goals[0].added_in == "2016" else "fardplanen"
    title = "Inriktningsmålen från 2016" if origin == "2016" else "Färdplanens nya inriktningsmål"
    export = dataset(f"vagledning/inriktningsmal-{origin}", title, columns, values)
    return table(["Nr", "Inriktningsmål", "I kategoriplanerna"], rows, download=offer(site, export))


def goal_link_text(site: Site, goal: NationalGoal) -> str:
    """A link to the goal's page with the goal's words as its text."""
    return f"[{plain(goal.name)}]({site.link(national_goal_page(goal.id))})"


def _service_summary(found: list[Service]) -> str:
    """How many effektmål, strategies and activities serve a goal, proposals counted apart."""
    if not found:
        return "ingen koppling"
    parts = []
    for kind, singular, plural in (
        ("effektmål", "effektmål", "effektmål"),
        ("strategi", "strategi", "strategier"),
        ("aktivitet", "aktivitet", "aktiviteter"),
    ):
        of_kind = [item for item in found if item.kind == kind]
        if of_kind:
            proposed = sum(item.basis is Basis.PROPOSAL for item in of_kind)
            note = f" (varav {proposed} förslag)" if proposed else ""
            parts.append(count(len(of_kind), singular, plural) + note)
    return ", ".join(parts)


@macro("fokusomraden", "fokusomraden()")
def focus_areas(site: Site) -> str:
    """Färdplanens tre fokusområden med inledning, rekommenderade åtgärder, faktarutor och tips."""
    national = strategy_file(site)
    listing = bullets([f"[{area.number}. {plain(area.name)}](#{area.id})" for area in national.focus_areas])
    parts = [rich(national.focus_intro), listing, rich(national.focus_closing)]
    parts += [_focus_area(area) for area in national.focus_areas]
    return "\n".join(parts)


def _focus_area(area: FocusArea) -> str:
    """One fokusområde: its chapter, box, text and actions."""
    head = f"### {plain(area.heading)} {{#{area.id}}}\n\n**{plain(area.box_heading)}**\n\n{rich(area.text)}"
    return "\n".join([head, _actions(area.actions, 4), _boxes(area.fact_boxes), _tips(area.tips)])


def _actions(actions: list[Passage], level: int) -> str:
    """Recommended actions as headed passages."""
    hashes = "#" * level
    return "\n".join(f"{hashes} {plain(action.heading)}\n\n{rich(action.text)}" for action in actions)


def _boxes(boxes: list[Passage]) -> str:
    """Fact boxes as admonitions."""
    return "\n".join(admonition("info", plain(box.heading), rich(box.text)) for box in boxes)


def _tips(tips: list[str]) -> str:
    """The Tips box as an admonition with one point per tip."""
    if not tips:
        return ""
    items = "\n".join(f"- {rich(tip, inline=True)}" for tip in tips)
    return admonition("tip", "Tips", items + "\n")


@macro("inriktningsmalssida", 'inriktningsmalssida(mal="attraktiva-affarer")')
def national_goal_page_macro(site: Site, *, mal: str) -> str:
    """Sidan för ett inriktningsmål: färdplanens text och planernas effektmål, strategier och aktiviteter som tjänar målet."""
    national = strategy_file(site)
    goal = next((g for g in national.goals if g.id == mal), None)
    if goal is None:
        raise MacroError(f"inriktningsmålet '{mal}' finns inte")
    parts = [
        f"# {plain(goal_title(goal))}\n",
        f"**{plain(goal.name)}**\n",
        f"*{ORIGIN_TEXT[goal.added_in]}*\n",
        rich(goal.text) if goal.text else _no_text(),
    ]
    if goal.actions:
        parts.append("## Rekommenderade åtgärder\n\n" + _actions(goal.actions, 3))
    parts += [_boxes(goal.fact_boxes), _tips(goal.tips)]
    parts.append("## I kategoriplanerna\n\n" + _served_by(site, _services(site).get(goal.id, [])))
    back = site.link(NATIONAL_STRATEGY_PAGE)
    parts.append(f"Alla inriktningsmål och fokusområden: [Nationella upphandlingsstrategin]({back}).\n")
    return "\n".join(part for part in parts if part)


def _no_text() -> str:
    """What the roadmap says about one of the seven goals of 2016: nothing beyond the goal itself."""
    return (
        "Färdplanen beskriver inte målet närmare än så. Den nationella upphandlingsstrategin från 2016, där målet "
        "beslutades, finns inte bland webbplatsens vägledningar.\n"
    )


def _served_by(site: Site, found: list[Service]) -> str:
    """The plans' effektmål, strategies and activities that serve a goal, or that none does."""
    if not found:
        return "Inget effektmål, ingen strategi och ingen aktivitet i kategoriplanerna kopplas till målet.\n"
    parts = []
    for kind, heading in (("effektmål", "Effektmål"), ("strategi", "Strategier"), ("aktivitet", "Aktiviteter")):
        items = [_service_item(site, item) for item in found if item.kind == kind]
        if items:
            parts.append(f"### {heading}\n\n" + bullets(items))
    if any(item.kind == "aktivitet" for item in found):
        parts.append(
            "*Aktiviteterna är härledda av webbplatsen: de bidrar till en strategi eller ett effektmål som kopplas "
            "till inriktningsmålet.*\n"
        )
    return "\n".join(parts)


def _service_item(site: Site, item: Service) -> str:
    """One effektmål, strategy or activity serving a goal, with how the link is founded."""
    text = (
        f"[{plain(item.number)} {plain(item.name)}]({site.link(item.page, item.anchor)}) i {plain(item.plan.meta.name)}"
    )
    if item.via:
        text += " – genom " + ", ".join(plain(via) for via in item.via)
    if item.basis is Basis.PROPOSAL:
        text += f" – *{PROPOSED}*"
    if item.motivation:
        text += f": {rich(item.motivation, inline=True)}"
    return text


def national_links(site: Site, links: list[NationalGoalLink]) -> str:
    """An effektmål's or strategy's inriktningsmål, stated links apart from the editors' proposals."""
    items = []
    for link in links:
        text = goal_link(site, site.model.national_goal(link.goal))
        if link.basis is Basis.PROPOSAL:
            motivation = f": {rich(link.motivation, inline=True)}" if link.motivation else ""
            text += f" – *{PROPOSED}*{motivation}"
        items.append(text)
    return "Bidrar till den nationella upphandlingsstrategin:\n\n" + bullets(items) if items else ""


@macro("nationella_mal_i_planen", 'nationella_mal_i_planen(plan="it-och-telekom")')
def plan_national_goals(site: Site, *, plan: str) -> str:
    """Vilka av de tio inriktningsmålen planens effektmål, strategier och aktiviteter kopplas till, och vilka planen inte berör."""
    p = site.plan(plan)
    goals = site.model.guidance.national_goals
    if not goals:
        return "Datat innehåller ingen nationell upphandlingsstrategi att jämföra planen med.\n"
    index = _services(site)
    rows, untouched = [], []
    values: list[list[Value]] = []
    for goal in goals:
        mine = [item for item in index.get(goal.id, []) if item.plan.id == p.id]
        if not mine:
            untouched.append(goal)
            values.append([goal.number, goal.name, None, None, None, None, None, None])
        rows.append([str(goal.number), goal_link_text(site, goal), _plan_items(site, mine)])
        for item in mine:
            basis = "förslag från redaktionen" if item.basis is Basis.PROPOSAL else "planen"
            via = ", ".join(item.via) or None
            values.append([goal.number, goal.name, item.kind, item.number, item.name, basis, item.motivation, via])
    summary = _untouched_summary(site, p, goals, untouched)
    export = dataset(
        f"{p.id}/nationella-mal",
        f"Nationella inriktningsmål i {p.meta.name}",
        [
            whole("Nr"),
            text("Inriktningsmål"),
            text("Typ"),
            text("Nummer"),
            text("Namn"),
            text("Kopplingen anges av"),
            text("Motivering"),
            text("Härledd genom"),
        ],
        values,
    )
    headers = ["Nr", "Inriktningsmål", "Planens effektmål, strategier och aktiviteter"]
    return summary + "\n" + table(headers, rows, download=offer(site, export))


def _plan_items(site: Site, mine: list[Service]) -> str:
    """A plan's items serving one goal, in one table cell."""
    if not mine:
        return "planen kopplar inte hit"
    return "<br>".join(_service_item_short(site, item) for item in mine)


def _service_item_short(site: Site, item: Service) -> str:
    """An item in a table cell: kind, linked number and name, and whether it is a proposal or derived."""
    text = f"{item.kind} [{plain(item.number)} {plain(item.name)}]({site.link(item.page, item.anchor)})"
    if item.via:
        text += " (härledd, genom " + ", ".join(plain(via) for via in item.via) + ")"
    if item.basis is Basis.PROPOSAL:
        text += " *(förslag)*"
    return text


def _untouched_summary(site: Site, plan: Plan, goals: list[NationalGoal], untouched: list[NationalGoal]) -> str:
    """The sentence that says which inriktningsmål the plan does not touch."""
    if len(untouched) == len(goals):
        return (
            f"{plain(plan.meta.name)} kopplar inget effektmål och ingen strategi till den nationella "
            "upphandlingsstrategins inriktningsmål, och redaktionen har inte föreslagit någon koppling. "
            f"Planen berör alltså inte något av de {len(goals)} inriktningsmålen enligt datat.\n"
        )
    if not untouched:
        return f"Planen kopplas till alla {len(goals)} inriktningsmålen.\n"
    names = ", ".join(f"[{goal.number}]({site.link(national_goal_page(goal.id))})" for goal in untouched)
    return (
        f"Planen kopplas till {len(goals) - len(untouched)} av de {len(goals)} inriktningsmålen. "
        f"Inriktningsmål som planen inte berör: {names}.\n"
    )


@macro("nationella_mal", "nationella_mal()")
def national_goals(site: Site) -> str:
    """De tio inriktningsmålen som planerna kopplar sina effektmål och strategier till, länkade till sina sidor."""
    goals = site.model.guidance.national_goals
    if not goals:
        return "Datat innehåller inga nationella inriktningsmål.\n"
    items = [f"{goal_link(site, goal)} – {_service_summary(_services(site).get(goal.id, []))}" for goal in goals]
    intro = f"Inriktningsmålen hör till [vägledningen]({site.link(GUIDANCE_PAGE)}); varje mål har en egen sida.\n\n"
    return intro + bullets(items)
