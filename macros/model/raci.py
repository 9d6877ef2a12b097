"""The responsibility matrix (ansvarsmatris, a RACI matrix in Swedish words): who is
accountable for, carries out, takes part in or is informed about each activity, and
everything one person takes part in.

The data names people, roles and units. A role keeps its own column in the matrix (the
plan says "Kategoriledare ansvarar", not a name); on a person's page a role resolves to
the person holding it on the given day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from macros.model.activities import Activity, Party, RaciType
from macros.model.catalog import Municipality, Plan
from macros.model.organisation import Person, Role
from macros.model.responsibility import left_on, role_holders

PartyKind = Literal["person", "roll", "enhet"]

LETTERS: dict[RaciType, str] = {
    "ansvarig": "A",
    "genomför": "G",
    "deltar": "D",
    "rådfrågas": "D",
    "referens": "D",
    "informeras": "I",
    "intressent": "I",
}
"""The letter of each kind of responsibility in the data: the first letter of the Swedish word
staff use (A ansvarig, G genomför, D deltar, I informeras), not the English RACI initials."""

LETTER_ORDER = "AGDI"
"""Letters from the strongest responsibility to the weakest."""

LETTER_MEANINGS = {
    "A": "ansvarig",
    "G": "genomför",
    "D": "deltar, rådfrågas eller referens",
    "I": "informeras eller intressent",
}
"""What each letter means, in Swedish."""


@dataclass(frozen=True, order=True)
class PartyRef:
    """A column of the matrix: a person, a role or a unit, by id."""

    kind: PartyKind
    id: str


@dataclass(frozen=True)
class Assignment:
    """One party's responsibility for one activity, as the data gives it."""

    activity: Activity
    party: PartyRef
    kind: RaciType
    note: str | None

    @property
    def letter(self) -> str:
        """The letter: A, G, D or I."""
        return LETTERS[self.kind]


@dataclass(frozen=True)
class Involvement:
    """Something a person is responsible for or takes part in, directly or through a role."""

    plan: Plan
    assignment: Assignment
    via_role: Role | None


def letter_of(kind: RaciType) -> str:
    """The letter of a kind of responsibility."""
    return LETTERS[kind]


def sort_letters(letters: set[str]) -> str:
    """Letters from strongest to weakest without repeats: {"D", "A"} → "AD"."""
    return "".join(letter for letter in LETTER_ORDER if letter in letters)


def party_ref(party: Party) -> PartyRef:
    """The matrix column of a party of the data."""
    if party.person:
        return PartyRef("person", party.person)
    if party.role:
        return PartyRef("roll", party.role)
    assert party.unit is not None
    return PartyRef("enhet", party.unit)


def assignments(plan: Plan) -> list[Assignment]:
    """Every responsibility of every activity, in the plan's order."""
    return [
        Assignment(activity, party_ref(party), party.kind, party.note)
        for activity in plan.activities
        for party in activity.responsibility
    ]


@dataclass(frozen=True)
class RaciMatrix:
    """Activities × parties with the letters of each cell."""

    activities: list[Activity]
    parties: list[PartyRef]
    cells: dict[tuple[str, PartyRef], str]

    def letters(self, activity_id: str, party: PartyRef) -> str:
        """The letters of one cell ("" when the party has no part in the activity)."""
        return self.cells.get((activity_id, party), "")


_KIND_ORDER = {"person": 0, "roll": 1, "enhet": 2}


def matrix(plan: Plan) -> RaciMatrix:
    """The plan's responsibility matrix; parties ordered people, roles, units, each by first appearance."""
    found: dict[tuple[str, PartyRef], set[str]] = {}
    order: dict[PartyRef, int] = {}
    for index, item in enumerate(assignments(plan)):
        order.setdefault(item.party, index)
        found.setdefault((item.activity.id, item.party), set()).add(item.letter)
    parties = sorted(order, key=lambda party: (_KIND_ORDER[party.kind], order[party]))
    cells = {key: sort_letters(letters) for key, letters in found.items()}
    return RaciMatrix(list(plan.activities), parties, cells)


def accountable(activity: Activity) -> list[PartyRef]:
    """The parties accountable (A, ansvarig) for an activity, in the data's order."""
    return [item.party for item in assignments_of(activity) if item.letter == "A"]


def assignments_of(activity: Activity) -> list[Assignment]:
    """One activity's responsibilities."""
    return [Assignment(activity, party_ref(party), party.kind, party.note) for party in activity.responsibility]


def resolve(model: Municipality, party: PartyRef, plan_id: str, day: dt.date) -> list[Person]:
    """The people behind a party on `day`: the person, the role's holders, or nobody for a unit."""
    if party.kind == "person":
        return [model.person(party.id)]
    if party.kind == "roll":
        return role_holders(model, party.id, plan_id, day)
    return []


def involvements_by_person(model: Municipality, day: dt.date) -> dict[str, list[Involvement]]:
    """Everything each person takes part in across all plans, directly or through a role held on `day`.

    One pass over every responsibility of every plan (a role's holders come from the model's
    index of people by role). Each person's list is in the plans' order with A before G, D and I.
    """
    found: dict[str, list[Involvement]] = {}
    for plan in model.plans.values():
        for item in assignments(plan):
            if item.party.kind == "person":
                found.setdefault(item.party.id, []).append(Involvement(plan, item, None))
            elif item.party.kind == "roll":
                role = model.role(item.party.id)
                for person in role_holders(model, item.party.id, plan.id, day):
                    found.setdefault(person.id, []).append(Involvement(plan, item, role))
    for items in found.values():
        items.sort(key=lambda inv: LETTER_ORDER.index(inv.assignment.letter))
    return found


@dataclass(frozen=True)
class PlanPosition:
    """A place a person has in a plan's category organisation (bilaga 1)."""

    plan: Plan
    text: str


def plan_positions(model: Municipality, person_id: str) -> list[PlanPosition]:
    """The person's places in every plan's organisation: category lead, sponsor, team, reference group."""
    found: list[PlanPosition] = []
    for plan in model.plans.values():
        org = plan.organisation
        if org.category_lead == person_id:
            found.append(PlanPosition(plan, "kategoriledare"))
        if org.sponsor == person_id:
            found.append(PlanPosition(plan, "sponsor"))
        for member in plan.team_entries(person_id):
            until = f" ({member.until_text})" if member.until_text else ""
            found.append(PlanPosition(plan, f"deltagare i kategoriteamet{until}"))
        if plan.in_reference_group(person_id):
            found.append(PlanPosition(plan, "referensgruppen"))
    return found


def has_left(model: Municipality, plan: Plan, person_id: str, day: dt.date) -> dt.date | None:
    """The day a person left the municipality or the plan's team, if that is before `day`."""
    left = left_on(model, plan, person_id)
    return left if left and left < day else None
