"""Governance shared by all plans: the council's goal areas and goals and the governing documents.

The national procurement strategy's goals are guidance: see macros.model.national_strategy.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from macros.model.base import Record, Slug, field
from macros.model.text import PlainText


class CouncilGoal(Record):
    """A fullmäktigemål under a målområde."""

    id: Slug = field("id", "Identifierare.")
    name: PlainText = field("namn", "Målet som fullmäktige formulerat det.")


class GoalArea(Record):
    """A målområde of Mål och budget with its fullmäktigemål."""

    id: Slug = field("id", "Identifierare.")
    name: PlainText = field("namn", "Målområdets namn.")
    perspective: PlainText | None = field("perspektiv", "Hållbarhetsperspektiv, t.ex. social hållbarhet.", default=None)
    goals: list[CouncilGoal] = field("mål", "Fullmäktigemålen inom målområdet.")


DocumentKind = Literal["intern", "nationell", "lag", "eu", "internationell", "okänd"]


class GoverningDocument(Record):
    """A styrdokument, law, EU act or national strategy that plans refer to."""

    id: Slug = field("id", "Identifierare: dokumentets namn med små bokstäver och bindestreck.")
    name: PlainText = field("namn", "Dokumentets namn som planen skriver det.")
    kind: DocumentKind = field(
        "typ",
        "intern (kommunens), nationell (strategi, regeringsuppdrag), lag (svensk lag), eu (förordning, "
        "direktiv, dom), internationell (t.ex. ILO:s konventioner) eller okänd (källan säger inte vems dokumentet är).",
    )
    short_name: PlainText | None = field("förkortning", "Förkortning som planen använder, t.ex. LOU.", default=None)
    designation: PlainText | None = field(
        "beteckning", "Beteckning som planen anger, t.ex. HKF 9820 eller SFS-nummer 2018:1174.", default=None
    )
    part_of: Slug | None = field("del_av", "Dokumentet (id) som det här är en del av.", default=None)
    replaces: Slug | None = field("ersätter", "Dokumentet (id) som det här ersätter.", default=None)
    note: PlainText | None = field("anmärkning", "Vad planen säger om dokumentets status, om något.", default=None)


class GoalsFile(Record):
    """`data/kommun/styrning.yml`: the council's goal areas and goals."""

    goal_areas: list[GoalArea] = field("målområden", "Målområden med fullmäktigemål.")


class FormerNationalGoal(Record):
    """An inriktningsmål as `styrning.yml` held it before the goals moved to the guidance library.

    Only the history reads it, from older versions of the data; today's data has
    `macros.model.national_strategy.NationalGoal`, with the same ids.
    """

    id: Slug = field("id", "Identifierare.")
    number: int = field("nummer", "Numret i den nationella upphandlingsstrategin.", ge=1, le=99, strict=True)
    name: PlainText = field("namn", "Målet.")


class FormerGoalsFile(GoalsFile):
    """`styrning.yml` as the history reads it: today's file, or an older one that also listed the
    national goals (`nationella_mål`, now in `vagledning/nationella-upphandlingsstrategin.yml`)."""

    national_goals: list[FormerNationalGoal] = field(
        "nationella_mål", "Nationella upphandlingsstrategins inriktningsmål (äldre data).", default_factory=list
    )


class DocumentsFile(Record):
    """`data/kommun/styrdokument.yml`: governing documents, laws and strategies."""

    documents: list[GoverningDocument] = field("styrdokument", "Styrdokument, lagar och strategier.")

    @model_validator(mode="after")
    def _links_resolve(self) -> DocumentsFile:
        """`del_av` and `ersätter` name documents of this file, and never the document itself."""
        known = {doc.id for doc in self.documents}
        for doc in self.documents:
            for key, target in (("del_av", doc.part_of), ("ersätter", doc.replaces)):
                if target is None:
                    continue
                if target == doc.id:
                    raise ValueError(f"styrdokumentet '{doc.id}' hänvisar till sig självt i '{key}'")
                if target not in known:
                    raise ValueError(
                        f"styrdokumentet '{doc.id}': '{key}' hänvisar till '{target}', som inte finns i filen"
                    )
        return self
