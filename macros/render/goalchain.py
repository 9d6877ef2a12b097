"""Macros for the goal chain: fullmäktigemål → effektmål → strategier → aktiviteter →
nyckeltal, as an overview of the plan and as "why this activity exists" on its page.

Links the editors proposed are shown as proposals ("förslag, inte beslutat i planen"),
never as the plan's decided content.
"""

from __future__ import annotations

from macros.model.activities import Activity
from macros.model.catalog import Plan
from macros.model.followup import measurements_of
from macros.model.goalchain import (
    CouncilLink,
    GoalNode,
    Reason,
    all_reasons,
    chain,
    council_links,
    indicators_naming,
    reasons,
    unlinked,
)
from macros.model.goals import EffectGoal, KeyIndicator, Strategy
from macros.render.context import EFFECT_GOALS_PAGE, STRATEGIES_PAGE, Site, activity_page, chapter_page
from macros.render.registry import macro
from macros.render.safe import plain, rich

PROPOSAL = "*förslag från redaktionen, inte beslutat i planen*"

EDITORS_REFERENCE = "*(redaktionens hänvisning, inte planens)*"
"""How the activities a 6.x measure follows up are marked: the plan's measures name no activity."""


def council_goal_text(link: CouncilLink) -> str:
    """A fullmäktigemål by the council's name, with the plan's own wording beside it when it differs."""
    if link.wording and link.wording.casefold() != link.name.casefold():
        return f"{plain(link.name)} (i planens 4.1: ”{plain(link.wording)}”)"
    return plain(link.name)


def activity_link(site: Site, plan: Plan, activity: Activity) -> str:
    """A Markdown link to an activity's page."""
    return f"[{plain(activity.number)} {plain(activity.name)}]({site.link(activity_page(plan.id, activity.id))})"


def strategy_link(site: Site, plan: Plan, strategy: Strategy) -> str:
    """A Markdown link to a strategy on the plan's strategy page (5.x)."""
    target = site.link(chapter_page(plan.id, STRATEGIES_PAGE), strategy.id)
    return f"[Strategi {plain(strategy.number)} {plain(strategy.name)}]({target})"


def goal_link(site: Site, plan: Plan, goal: EffectGoal) -> str:
    """A Markdown link to an effektmål on the plan's goal page (4.1)."""
    target = site.link(chapter_page(plan.id, EFFECT_GOALS_PAGE), goal.id)
    return f"[Effektmål {plain(goal.number)} {plain(goal.name)}]({target})"


def _reason_item(site: Site, plan: Plan, reason: Reason) -> str:
    """An activity under a strategy or effektmål, marked when the link is only proposed."""
    text = activity_link(site, plan, reason.activity)
    if reason.is_proposal:
        motivation = f": {rich(reason.contribution.motivation, inline=True)}" if reason.contribution.motivation else ""
        text += f" – {PROPOSAL}{motivation}"
    return text


def _indicator_item(site: Site, plan: Plan, indicator: KeyIndicator) -> str:
    """A nyckeltal with its target, latest measured value and the activities it follows up."""
    parts = [f"{plain(indicator.section)}: {plain(indicator.text)}"]
    if indicator.target:
        parts.append(f"målvärde {plain(indicator.target)}")
    values = measurements_of(plan, indicator.id)
    if values:
        parts.append(f"senast uppmätt {plain(values[-1].value)} ({values[-1].date.isoformat()})")
    if indicator.activities:
        links = ", ".join(
            activity_link(site, plan, plan.activity(a)) for a in indicator.activities if plan.has("aktivitet", a)
        )
        parts.append(f"följer upp {links} {EDITORS_REFERENCE}")
    return " – ".join(parts)


def _node(site: Site, plan: Plan, node: GoalNode) -> str:
    """One effektmål with everything above and below it, as nested Markdown lists."""
    goal = node.goal
    lines = [
        f"### {plain(goal.number)} {plain(goal.name)} {{#malkedja-{goal.id}}}",
        "",
        f"Effektmålets text: {goal_link(site, plan, goal)}",
        "",
    ]
    council = [council_goal_text(link) for link in node.council_goals]
    lines.append("- **Fullmäktigemål:** " + ("; ".join(council) if council else "planen anger inget"))
    lines.append("- **Strategier och aktiviteter:**")
    for item in node.strategies:
        lines.append(f"    - {strategy_link(site, plan, item.strategy)}")
        lines += [f"        - {_reason_item(site, plan, reason)}" for reason in item.reasons] or [
            "        - *ingen aktivitet kopplad*"
        ]
    if node.direct:
        lines.append("- **Aktiviteter kopplade direkt till effektmålet:**")
        lines += [f"    - {_reason_item(site, plan, reason)}" for reason in node.direct]
    lines.append("- **Nyckeltal (effektuppföljning):**")
    lines += [f"    - {_indicator_item(site, plan, indicator)}" for indicator in node.indicators] or [
        "    - *inget nyckeltal*"
    ]
    return "\n".join(lines) + "\n"


def _summary(plan: Plan, nodes: list[GoalNode]) -> str:
    """Counts of the chain, and activities without any link."""
    every = all_reasons(plan)
    proposed = sum(reason.is_proposal for reason in every)
    stated = len(every) - proposed
    links = (
        f"{stated} kopplingar från aktiviteter står i planen; {proposed} är redaktionens förslag och markeras så."
        if stated
        else f"Ingen koppling från en aktivitet står i planen; alla {proposed} är redaktionens förslag och markeras så."
    )
    text = (
        f"{len(nodes)} effektmål, {len(plan.strategies)} strategier, {len(plan.activities)} aktiviteter och "
        f"{len(plan.indicators)} nyckeltal. {links}\n"
    )
    missing = unlinked(plan)
    if missing:
        text += (
            "\nAktiviteter utan koppling: " + ", ".join(f"{plain(a.number)} {plain(a.name)}" for a in missing) + "\n"
        )
    return text


@macro("malkedja", 'malkedja(plan="it-och-telekom", aktivitet="pub-avtal")')
def goal_chain(site: Site, *, plan: str, aktivitet: str | None = None) -> str:
    """Målkedjan fullmäktigemål → effektmål → strategier → aktiviteter → nyckeltal.

    Utan `aktivitet`: hela planens kedja, ett avsnitt per effektmål. Med `aktivitet`: varför
    aktiviteten finns (för aktivitetens sida). Kopplingar som redaktionen föreslagit visas som förslag.
    """
    p = site.plan(plan)
    if aktivitet is not None:
        return activity_goal_chain(site, p, p.activity(aktivitet))
    nodes = chain(site.model, p)
    return _summary(p, nodes) + "\n" + "\n".join(_node(site, p, node) for node in nodes)


def activity_goal_chain(site: Site, plan: Plan, activity: Activity) -> str:
    """Why an activity exists: each chain from fullmäktigemål down to it, and its nyckeltal (Markdown)."""
    items = []
    for reason in reasons(plan, activity):
        council = [council_goal_text(link) for link in council_links(site.model, reason.effect_goal)]
        steps = [f"Fullmäktigemål: {'; '.join(council)}"] if council else []
        steps.append(goal_link(site, plan, reason.effect_goal))
        if reason.strategy:
            steps.append(strategy_link(site, plan, reason.strategy))
        steps.append(f"**{plain(activity.number)} {plain(activity.name)}**")
        line = " → ".join(steps)
        if reason.is_proposal:
            motivation = (
                f" Motivering: {rich(reason.contribution.motivation, inline=True)}"
                if reason.contribution.motivation
                else ""
            )
            line += f" ({PROPOSAL}.{motivation})"
        elif reason.contribution.section:
            line += f" (avsnitt {plain(reason.contribution.section)} i planen)"
        items.append(f"- {line}")
    if not items:
        items.append("- *Planen kopplar inte aktiviteten till någon strategi eller något effektmål.*")
    followed = indicators_naming(plan, activity)
    if followed:
        items.append(
            f"- Följs upp med nyckeltal {EDITORS_REFERENCE}: "
            + "; ".join(f"{plain(i.section)}: {plain(i.text)}" for i in followed)
        )
    return "\n".join(items) + "\n"
