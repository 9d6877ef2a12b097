"""The goal chain: fullmäktigemål → effektmål → strategier → aktiviteter → nyckeltal.

Every activity exists to serve a strategy or an effektmål (`bidrar_till`); each link is
either stated by the plan or proposed by the editors, and views must keep the two apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.model.activities import Activity, Contribution
from macros.model.catalog import Municipality, Plan
from macros.model.goals import EffectGoal, KeyIndicator, Strategy
from macros.model.governance import CouncilGoal
from macros.model.plan import Basis


@dataclass(frozen=True)
class Reason:
    """One path by which an activity serves the plan's goals."""

    activity: Activity
    effect_goal: EffectGoal
    strategy: Strategy | None
    contribution: Contribution

    @property
    def is_proposal(self) -> bool:
        """Whether the link is the editors' proposal rather than the plan's decided content."""
        return self.contribution.basis is Basis.PROPOSAL


@dataclass(frozen=True)
class CouncilLink:
    """A fullmäktigemål an effektmål serves: the council's own name, and the plan's wording where it differs."""

    goal: CouncilGoal
    wording: str | None

    @property
    def name(self) -> str:
        """The fullmäktigemål as the council (and 10.4.1) names it."""
        return self.goal.name


@dataclass(frozen=True)
class StrategyNode:
    """A strategy and the reasons of the activities that serve it."""

    strategy: Strategy
    reasons: list[Reason]


@dataclass(frozen=True)
class GoalNode:
    """One effektmål with everything above and below it in the chain."""

    goal: EffectGoal
    council_goals: list[CouncilLink]
    strategies: list[StrategyNode]
    direct: list[Reason]
    indicators: list[KeyIndicator]


def reason_of(plan: Plan, activity: Activity, contribution: Contribution) -> Reason:
    """The reason a contribution gives: the strategy (if any) and its effektmål."""
    if contribution.strategy is not None:
        strategy = plan.strategy(contribution.strategy)
        return Reason(activity, plan.effect_goal(strategy.effect_goal), strategy, contribution)
    assert contribution.effect_goal is not None
    return Reason(activity, plan.effect_goal(contribution.effect_goal), None, contribution)


def reasons(plan: Plan, activity: Activity) -> list[Reason]:
    """Why an activity exists: each strategy or effektmål it serves, in the data's order."""
    return [reason_of(plan, activity, contribution) for contribution in activity.contributions]


def all_reasons(plan: Plan) -> list[Reason]:
    """The reasons of every activity of the plan."""
    return [reason for activity in plan.activities for reason in reasons(plan, activity)]


def effect_goals_of(plan: Plan, activity: Activity) -> list[tuple[EffectGoal, bool]]:
    """The effektmål an activity serves, each once, with True when only proposals link them."""
    found: dict[str, tuple[EffectGoal, bool]] = {}
    for reason in reasons(plan, activity):
        goal_id = reason.effect_goal.id
        proposal = reason.is_proposal and found.get(goal_id, (None, True))[1]
        found[goal_id] = (reason.effect_goal, proposal)
    order = {goal.id: index for index, goal in enumerate(plan.effect_goals)}
    return sorted(found.values(), key=lambda item: order[item[0].id])


def council_links(model: Municipality, goal: EffectGoal) -> list[CouncilLink]:
    """The fullmäktigemål an effektmål serves, with the plan's wording where it differs."""
    return [CouncilLink(model.council_goal(link.goal), link.wording) for link in goal.council_goals]


def indicators_naming(plan: Plan, activity: Activity) -> list[KeyIndicator]:
    """The nyckeltal that name the activity as what they follow up."""
    return plan.indicators_naming(activity.id)


def chain(model: Municipality, plan: Plan) -> list[GoalNode]:
    """The whole chain of the plan, one node per effektmål in the plan's order."""
    by_strategy: dict[str, list[Reason]] = {}
    direct_to_goal: dict[str, list[Reason]] = {}
    for reason in all_reasons(plan):
        if reason.strategy:
            by_strategy.setdefault(reason.strategy.id, []).append(reason)
        else:
            direct_to_goal.setdefault(reason.effect_goal.id, []).append(reason)
    nodes = []
    for goal in plan.effect_goals:
        strategies = [
            StrategyNode(strategy, by_strategy.get(strategy.id, [])) for strategy in plan.strategies_of(goal.id)
        ]
        direct = direct_to_goal.get(goal.id, [])
        nodes.append(GoalNode(goal, council_links(model, goal), strategies, direct, plan.indicators_of(goal.id)))
    return nodes


def unlinked(plan: Plan) -> list[Activity]:
    """Activities that serve no strategy or effektmål (the data check reports them as errors)."""
    return [activity for activity in plan.activities if not activity.contributions]
