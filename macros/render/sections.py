"""Links to a plan's numbered sections ("avsnitt 10.8.1") wherever the site shows them.

A section is either a heading of a written page (read by `macros.loading.sections`) or a
record the site renders from data with its own anchor or page: an effektmål (4.1.x), a
strategy (5.x.y) or an activity (9.2.x). A number the site does not show on its own (e.g. a
paragraph the source numbers but the site shows inside its parent) links to the closest
enclosing section that it does show.
"""

from __future__ import annotations

from macros.loading.sections import SectionPlace
from macros.model.catalog import Plan
from macros.render.context import (
    EFFECT_GOALS_PAGE,
    STRATEGIES_PAGE,
    Site,
    activity_page,
    chapter_page,
)
from macros.render.safe import plain


def record_sections(plan: Plan) -> dict[str, SectionPlace]:
    """The sections a plan's data places: effektmål, strategier and aktiviteter, by number."""
    places = {
        goal.number: SectionPlace(chapter_page(plan.id, EFFECT_GOALS_PAGE), goal.id) for goal in plan.effect_goals
    }
    places |= {s.number: SectionPlace(chapter_page(plan.id, STRATEGIES_PAGE), s.id) for s in plan.strategies}
    places |= {a.number: SectionPlace(activity_page(plan.id, a.id), None) for a in plan.activities}
    return places


def section_place(site: Site, plan: Plan, number: str) -> SectionPlace | None:
    """Where the site shows section `number` of `plan`, or else its closest enclosing section."""
    records = site.once(f"sections:{plan.id}", lambda: record_sections(plan))
    parts = number.split(".")
    while parts:
        candidate = ".".join(parts)
        place = records.get(candidate) or site.sections.get((plan.id, candidate))
        if place is not None:
            return place
        parts.pop()
    return None


def section_link(site: Site, plan: Plan, number: str, text: str | None = None) -> str:
    """Markdown for section `number` as a link to where it is shown; the number alone when it is nowhere."""
    shown = plain(text if text is not None else number)
    place = section_place(site, plan, number)
    if place is None:
        return shown
    return f"[{shown}]({site.link(place.page, place.anchor)})"
