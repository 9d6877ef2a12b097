"""The municipality's organisation, shared by all plans: förvaltningar, nämnder, units,
roles and people with the periods they held their roles."""

from __future__ import annotations

from macros.model.base import Record, Slug, field
from macros.model.text import PlainText
from macros.model.time import TimePointField


class Administration(Record):
    """A förvaltning, e.g. Kommunstyrelsens förvaltning (KSF)."""

    id: Slug = field("id", "Identifierare, t.ex. ksf.")
    name: PlainText = field("namn", "Förvaltningens namn.")
    short_name: PlainText = field("förkortning", "Förkortning som i källan, t.ex. KSF.")


class Committee(Record):
    """A nämnd (or Kommunstyrelsen), which decides plans and buys within categories."""

    id: Slug = field("id", "Identifierare, t.ex. kommunstyrelsen.")
    name: PlainText = field("namn", "Nämndens namn.")


class Unit(Record):
    """An organisational unit or standing group that can carry responsibility
    (avdelning, sektion, forum, arbetsgrupp)."""

    id: Slug = field("id", "Identifierare, t.ex. upphandlingssektionen.")
    name: PlainText = field("namn", "Enhetens eller gruppens namn.")
    administration: Slug | None = field("förvaltning", "Förvaltning enheten hör till.", default=None)


class Role(Record):
    """A role such as kategoriledare or dataskyddsombud; resolved to the person holding it."""

    id: Slug = field("id", "Identifierare, t.ex. kategoriledare.")
    name: PlainText = field("namn", "Rollens namn.")
    per_plan: bool = field("per_plan", "Sant om rollen innehas per kategoriplan (t.ex. kategoriledare).", default=False)


class RoleTerm(Record):
    """A period during which a person held a role."""

    role: Slug = field("roll", "Rollen (id i roller).")
    plan: Slug | None = field("plan", "Kategoriplanen, för roller som innehas per plan.", default=None)
    start: TimePointField | None = field("från", "Från när, om källan säger det.", default=None)
    end: TimePointField | None = field("till", "Till när, om rollen upphört.", default=None)
    source_text: PlainText | None = field("källtext", "Rollbeskrivningen ordagrant ur källan.", default=None)


class Person(Record):
    """A named person; identified once here and referred to by id everywhere else."""

    id: Slug = field("id", "Identifierare, t.ex. sara-holst.")
    name: PlainText = field("namn", "Namn som i källan.")
    title: PlainText | None = field("titel", "Befattning som källan anger den.", default=None)
    administration: Slug | None = field("förvaltning", "Förvaltning (id).", default=None)
    roles: list[RoleTerm] = field("uppdrag", "Roller personen haft, med perioder.", default_factory=list)
    left: TimePointField | None = field("slutat", "När personen slutat i kommunen, om känt.", default=None)
    same_as: Slug | None = field(
        "troligen_samma_som",
        "En annan person i listan (id) som troligen är samma person, när källan stavar namnet på två sätt: "
        "redaktionens bedömning. Båda behålls som källan skriver dem.",
        default=None,
    )


class OrganisationFile(Record):
    """`data/kommun/organisation.yml`: förvaltningar, nämnder, enheter and roller."""

    administrations: list[Administration] = field("förvaltningar", "Förvaltningar.")
    committees: list[Committee] = field("nämnder", "Nämnder och kommunstyrelsen.")
    units: list[Unit] = field("enheter", "Avdelningar, sektioner, forum och grupper.", default_factory=list)
    roles: list[Role] = field("roller", "Roller.")


class PeopleFile(Record):
    """`data/kommun/personer.yml`: every named person."""

    people: list[Person] = field("personer", "Personer.")
