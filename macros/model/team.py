"""The plan's category organisation (bilaga 1): steering group, category lead, team,
sponsor, reference group and stakeholders."""

from __future__ import annotations

from pydantic import model_validator

from macros.model.base import (
    Record,
    Slug,
    field,
)
from macros.model.plan import EditorialNote
from macros.model.text import PlainText, RichText
from macros.model.time import TimePointField


class TeamMember(Record):
    """A member of the category team, with when they left if the source says so."""

    person: Slug = field("person", "Person (id).")
    administration_label: PlainText = field("förvaltning_text", "Förvaltning som källan skriver den.")
    until: TimePointField | None = field("till", "Deltog fram till.", default=None)
    until_text: PlainText | None = field("till_text", "Ordagrant, t.ex. fram till juni 2023.", default=None)


class ReferenceMember(Record):
    """A row of the reference group: a person, several people or a unit, with the source's wording."""

    person: Slug | None = field("person", "Person (id).", default=None)
    more_people: list[Slug] = field(
        "personer",
        "Flera personer på samma rad (id), t.ex. 'Rakel Nilsson och Andrej Börjesson'.",
        default_factory=list,
    )
    unit: Slug | None = field("enhet", "Enhet (id).", default=None)
    text: PlainText = field("text", "Raden ordagrant ur källan.")

    @model_validator(mode="after")
    def _one_kind_of_member(self) -> ReferenceMember:
        """A row names a person, several people or a unit, not a mix."""
        if sum((self.person is not None, bool(self.more_people), self.unit is not None)) > 1:
            raise ValueError("ange bara en av person, personer och enhet")
        return self

    @property
    def people(self) -> list[str]:
        """Every person named on the row (id)."""
        return [self.person] if self.person else list(self.more_people)


class PlanOrganisationFile(Record):
    """`organisation.yml`: bilaga 1, the plan's category organisation."""

    steering_group: RichText = field("styrgrupp", "8.1 ordagrant (Markdown).")
    category_lead_text: RichText = field("kategoriledare_text", "8.2 ordagrant (Markdown).")
    category_lead: Slug = field("kategoriledare", "Kategoriledaren (person-id).")
    team_text: RichText = field("kategoriteam_text", "8.3 ordagrant (Markdown).")
    team: list[TeamMember] = field("kategoriteam", "Kategoriteamdeltagare (8.3.1).")
    sponsor: Slug = field("sponsor", "Sponsor (person-id).")
    sponsor_text: RichText = field("sponsor_text", "Sponsorraden ordagrant.")
    reference_group: list[ReferenceMember] = field("referensgrupp", "Referensgrupp.")
    stakeholders_text: RichText = field("intressenter_text", "8.4 inledning ordagrant.")
    stakeholders: list[PlainText] = field("intressenter", "Intressenter.")
    notes: list[EditorialNote] = field(
        "redaktionella_noter", "Kända brister i källan inom avsnitt 8.", default_factory=list
    )
