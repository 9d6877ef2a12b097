"""The activities as exported data: one row per activity with every field the plan gives,
in plain text, numbers and dates (the same texts the pages show, without markup).

The plan's activity list (9.2), the overview table and the timeline all show rows of the same
activities; they offer one file with all of it, `<plan>/aktiviteter`. An activity's page
offers its own row, its timeline and its responsibility the same way.
"""

from __future__ import annotations

from macros.exports.dataset import Column, Dataset, Value, dataset, date, text, whole
from macros.model.activities import BUDGET_PLACEHOLDER, Activity, Party
from macros.model.catalog import Plan
from macros.model.followup import latest_report
from macros.model.goalchain import effect_goals_of
from macros.model.plan import Basis
from macros.model.raci import has_left
from macros.model.responsibility import role_holders
from macros.model.status import planned_span, status_label
from macros.render.context import Site
from macros.render.export_values import COMPUTED, point_columns, point_values, yes_no
from macros.render.raci import holder_names, resolved_role_text
from macros.render.text import kronor_sv


def person_text(site: Site, plan: Plan, person_id: str) -> str:
    """A person's name, with the day they left when they have (as the pages say it)."""
    name = site.model.person(person_id).name
    left = has_left(site.model, plan, person_id, site.today)
    return f"{name} (har lämnat {left.isoformat()})" if left else name


def party_text(site: Site, plan: Plan, party: Party) -> str:
    """Who a party is, in plain text, as the page says it: a person, a role with the people the
    editors resolve it to today (marked as their interpretation), or a unit with its förvaltning."""
    model = site.model
    if party.person:
        return person_text(site, plan, party.person)
    if party.role:
        role = model.role(party.role)
        holders = role_holders(model, role.id, plan.id, site.today)
        if not holders:
            return f"{role.name} (planen anger inte vem)"
        return resolved_role_text(role.name, holder_names(model, holders, lambda p: person_text(site, plan, p.id)))
    assert party.unit is not None
    unit = model.unit(party.unit)
    if unit.administration:
        return f"{unit.name} ({model.administration(unit.administration).short_name})"
    return unit.name


NO_ACCOUNTABLE = "anges inte i planen"
"""What the exports say, as the page does, when the plan names no one accountable for an activity."""

SUBCATEGORY_READING = "redaktionens indelning – planen anger dem inte"
"""What the activities' underkategorier are, wherever they are shown: the plan names none for them."""

AFTER_READING = "redaktionens tolkning av tidplanen"
"""What an activity's "genomförs efter" is, wherever it is shown: the editors' reading of the plan's words."""


def accountable_text(site: Site, plan: Plan, activity: Activity) -> str:
    """Who is accountable (ansvarig) for an activity, as the page's summary says it: the parties, or
    "anges inte i planen" with who carries the activity out (genomför) when the plan names them."""
    accountable = [party_text(site, plan, party) for party in activity.responsibility if party.kind == "ansvarig"]
    if accountable:
        return "; ".join(accountable)
    return without_accountable([party_text(site, plan, p) for p in activity.responsibility if p.kind == "genomför"])


def without_accountable(doers: list[str]) -> str:
    """What stands where the plan names no ansvarig: "anges inte i planen", with who carries the
    activity out (genomför) when the plan names them, each written as the caller shows a party."""
    return NO_ACCOUNTABLE + (f" (genomförs av {', '.join(doers)})" if doers else "")


def implementation_text(activity: Activity) -> str | None:
    """The implementering text with the budget amounts written in as the page writes them ("200 000 kr")."""
    if not activity.implementation:
        return None
    return BUDGET_PLACEHOLDER.sub(
        lambda m: kronor_sv(activity.budget[int(m.group(1)) - 1].amount_kr), activity.implementation
    )


ACTIVITY_COLUMNS: tuple[Column, ...] = (
    text("Id"),
    text("Nr"),
    text("Aktivitet"),
    whole("Prioritet"),
    text("Status"),
    date("Senaste rapport"),
    text("Planerad period"),
    *point_columns("Start"),
    *point_columns("Slut"),
    *point_columns("Påbörjas senast"),
    text("Löpande"),
    text(f"Genomförs efter ({AFTER_READING})"),
    text("Tidplan i planen (ordagrant)"),
    text("Ansvarig"),
    text("Ansvar i planen (ordagrant)"),
    text("Effektmål"),
    text("Bidrar till"),
    text(f"Underkategorier ({SUBCATEGORY_READING})"),
    whole(f"Budget, kr (summan av budgetposterna, {COMPUTED})"),
    text("Budgetposter"),
    whole("Rubrikens fotnot, nummer i källan"),
    text("Rubrikens fotnot"),
    text("Beskrivning"),
    text("Delmoment"),
    text("Identifierad potential"),
    text("Mål"),
    text("Implementering"),
    text("Uppnådd effekt"),
    text("Mätetal"),
)
"""The columns of the activities export, in order."""


def steps_text(activity: Activity) -> str | None:
    """The delmoment as the page lists them: intro, lettered steps with their sub-points, closing text."""
    lines = [activity.steps_intro] if activity.steps_intro else []
    for step in activity.steps:
        lines.append(f"{step.letter}) {step.text}" if step.letter else step.text)
        lines += [f"    {number}. {item}" for number, item in enumerate(step.sub_items, 1)]
    if activity.steps_outro:
        lines.append(activity.steps_outro)
    return "\n".join(lines) or None


def _contribution_texts(plan: Plan, activity: Activity) -> list[str]:
    """Each strategy or effektmål the activity serves: number and name, proposals marked."""
    texts = []
    for link in activity.contributions:
        target = plan.strategy(link.strategy) if link.strategy else plan.effect_goal(link.effect_goal or "")
        if link.basis is Basis.PROPOSAL:
            why = f": {link.motivation}" if link.motivation else ""
            texts.append(f"{target.number} {target.name} (förslag från redaktionen{why})")
        else:
            texts.append(f"{target.number} {target.name} (planen, avsnitt {link.section})")
    return texts


def activity_values(site: Site, plan: Plan, activity: Activity) -> tuple[Value, ...]:
    """One activity as a row of `ACTIVITY_COLUMNS`."""
    schedule = activity.schedule
    report = latest_report(plan, activity.id)
    goals = [
        f"{goal.number} {goal.name}" + (" (förslag)" if proposal else "")
        for goal, proposal in effect_goals_of(plan, activity)
    ]
    budget = [f"{line.text}: {kronor_sv(line.amount_kr)}" for line in activity.budget]
    return (
        activity.id,
        activity.number,
        activity.name,
        activity.priority,
        status_label(plan, activity, site.today),
        report.date if report else None,
        planned_span(activity).label(),
        *point_values(schedule.start),
        *point_values(schedule.end, schedule.end_words),
        *point_values(schedule.latest_start),
        yes_no(schedule.continuous),
        ", ".join(plan.activity(ref).number for ref in schedule.after) or None,
        schedule.text,
        accountable_text(site, plan, activity),
        activity.responsibility_text,
        "; ".join(goals) or None,
        "; ".join(_contribution_texts(plan, activity)) or None,
        ", ".join(plan.subcategory(s).name for s in activity.subcategories) or None,
        sum(line.amount_kr for line in activity.budget) if activity.budget else None,
        "; ".join(budget) or None,
        activity.name_footnote_number,
        activity.name_footnote,
        activity.description,
        steps_text(activity),
        activity.potential,
        activity.goal,
        implementation_text(activity),
        activity.effect,
        "; ".join(activity.measures) or None,
    )


def activities_dataset(site: Site, plan: Plan) -> Dataset:
    """Every activity of the plan with every field: the file behind the activity list, table and timeline."""
    return site.once(
        f"export:aktiviteter:{plan.id}",
        lambda: dataset(
            f"{plan.id}/aktiviteter",
            f"Aktiviteter i {plan.meta.name}",
            ACTIVITY_COLUMNS,
            [activity_values(site, plan, a) for a in plan.activities],
        ),
    )


def activity_dataset(site: Site, plan: Plan, activity: Activity) -> Dataset:
    """One activity's row, offered on its page next to the summary table."""
    return dataset(
        f"{plan.id}/aktiviteter/{activity.id}/aktivitet",
        f"Aktivitet {activity.number} {activity.name}",
        ACTIVITY_COLUMNS,
        [activity_values(site, plan, activity)],
    )
