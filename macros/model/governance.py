"""Governance shared by all plans: the council's goal areas and goals, governing
documents and the national procurement strategy's goals."""

from __future__ import annotations

from typing import Literal

from macros.model.base import Record, Slug, Text, field


class CouncilGoal(Record):
    """A fullmäktigemål under a målområde."""

    id: Slug = field("id", "Identifierare.")
    name: Text = field("namn", "Målet som fullmäktige formulerat det.")


class GoalArea(Record):
    """A målområde of Mål och budget with its fullmäktigemål."""

    id: Slug = field("id", "Identifierare.")
    name: Text = field("namn", "Målområdets namn.")
    perspective: str | None = field("perspektiv", "Hållbarhetsperspektiv, t.ex. social hållbarhet.", default=None)
    goals: list[CouncilGoal] = field("mål", "Fullmäktigemålen inom målområdet.")


class GoverningDocument(Record):
    """A styrdokument, law or national strategy that plans refer to."""

    id: Slug = field("id", "Identifierare.")
    name: Text = field("namn", "Dokumentets namn.")
    kind: Literal["intern", "nationell", "lag", "eu"] = field(
        "typ", "intern (kommunens), nationell (strategi, uppdrag), lag eller eu."
    )


class NationalGoal(Record):
    """An inriktningsmål of the national procurement strategy."""

    id: Slug = field("id", "Identifierare.")
    number: int = field("nummer", "Numret i den nationella upphandlingsstrategin.", ge=1)
    name: Text = field("namn", "Målet.")


class GoalsFile(Record):
    """`data/kommun/styrning.yml`: the council's goals and the national goals."""

    goal_areas: list[GoalArea] = field("målområden", "Målområden med fullmäktigemål.")
    national_goals: list[NationalGoal] = field(
        "nationella_mål", "Nationella upphandlingsstrategins inriktningsmål.", default_factory=list
    )


class DocumentsFile(Record):
    """`data/kommun/styrdokument.yml`: governing documents, laws and strategies."""

    documents: list[GoverningDocument] = field("styrdokument", "Styrdokument, lagar och strategier.")
