"""Who is behind a responsibility: roles resolve to the people holding them."""

from __future__ import annotations

import datetime as dt

from macros.model.catalog import Municipality, Plan
from macros.model.organisation import Person, RoleTerm


def term_covers(term: RoleTerm, plan_id: str, day: dt.date) -> bool:
    """Whether a role term applies to the plan and is in force on `day`."""
    if term.plan is not None and term.plan != plan_id:
        return False
    if term.start is not None and term.start.first_day > day:
        return False
    return term.end is None or term.end.last_day >= day


def role_holders(model: Municipality, role_id: str, plan_id: str, day: dt.date) -> list[Person]:
    """The people holding `role_id` for the plan on `day`."""
    return [
        person
        for person in model.people_with_role(role_id)
        if any(term.role == role_id and term_covers(term, plan_id, day) for term in person.roles)
    ]


def left_on(model: Municipality, plan: Plan, person_id: str) -> dt.date | None:
    """The last day a person took part, if they left the municipality or the category team."""
    person = model.person(person_id)
    ends = [person.left.last_day] if person.left else []
    ends += [m.until.last_day for m in plan.team_entries(person_id) if m.until]
    return min(ends) if ends else None
