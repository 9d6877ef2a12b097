"""Procurement guides (`data/vagledning/upphandlingsvagledningar.yml`): the purchasing
process, the procedures with their time plans and a checklist; and the checklists a plan
fills in for its procurement needs (`checklistor.yml`).

A phase's duration is kept as the source words it and, where it gives one, as a range in
days or months, so that the procurement calendar can count the guidance's phases backwards
from a contract end (as guidance, never as the plan's own dates).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import model_validator

from macros.model.base import Date, Record, Slug, field
from macros.model.guidance import GuidanceNote, GuidanceSource
from macros.model.text import PlainText, RichText
from macros.model.time import add_months


class ProcessStep(Record):
    """A step of the purchasing process (förstudie, upphandlingsprocess, leverans)."""

    id: Slug = field("id", "Identifierare.")
    name: PlainText = field("namn", "Stegets namn.")
    description: RichText = field("beskrivning", "Stegets beskrivning ordagrant.")


class Duration(Record):
    """An estimated duration as a range: from–to days or months."""

    low: int = field("från", "Kortaste uppskattade tid.", ge=0, le=1000, strict=True)
    high: int = field("till", "Längsta uppskattade tid.", ge=0, le=1000, strict=True)
    unit: Literal["dagar", "månader"] = field("enhet", "dagar eller månader.")

    @model_validator(mode="after")
    def _ordered(self) -> Duration:
        """The shortest estimate comes first."""
        if self.low > self.high:
            raise ValueError(f"från ({self.low}) är större än till ({self.high})")
        return self

    def before(self, day: dt.date, *, longest: bool = True) -> dt.date:
        """The day this long before `day`, with the longest (or shortest) estimate."""
        amount = self.high if longest else self.low
        return add_months(day, -amount) if self.unit == "månader" else day - dt.timedelta(days=amount)

    @property
    def label(self) -> str:
        """The range in words: "3–12 månader", "10 dagar"."""
        span = str(self.low) if self.low == self.high else f"{self.low}–{self.high}"
        return f"{span} {self.unit}"


class Phase(Record):
    """A phase of a procedure's time plan with its estimated duration."""

    id: Slug = field("id", "Identifierare.")
    name: PlainText = field("namn", "Fasen (Aktivitet) ordagrant.")
    duration_text: PlainText = field("tid_text", "Uppskattad tid ordagrant.")
    duration: Duration | None = field("tid", "Uppskattad tid som intervall, om källan anger en tid.", default=None)
    eventual: bool = field("eventuell", "Sant när fasen bara behövs ibland (Ev., Eventuell).", default=False)
    after_award: bool = field("efter_tilldelning", "Sant när fasen kommer efter tilldelningen.", default=False)


class Procedure(Record):
    """A procurement procedure with its description and time plan (phases in order)."""

    id: Slug = field("id", "Identifierare.")
    name: PlainText = field("namn", "Förfarandets namn.")
    description: RichText = field("beskrivning", "Förfarandets beskrivning ordagrant.")
    timeplan_heading: PlainText | None = field(
        "tidplan_rubrik", "Tidplanens rubrik, om källan har en tidplan.", default=None
    )
    phases: list[Phase] = field("faser", "Tidplanens faser i ordning.", default_factory=list)


Answer = Literal["ja", "nej", "ej tillämpligt"]
ANSWERS: tuple[Answer, ...] = ("ja", "nej", "ej tillämpligt")
"""The checklist's answers, as its columns Ja / Nej / Ej tillämpligt."""


class ChecklistQuestion(Record):
    """A question of the checklist."""

    id: Slug = field("id", "Identifierare (unikt i checklistan).")
    question: PlainText = field("fråga", "Frågan ordagrant.")


class ChecklistGroup(Record):
    """A group of the checklist (Förstudie, Upphandlingsprocess, Leverans)."""

    id: Slug = field("id", "Identifierare.")
    name: PlainText = field("namn", "Gruppens namn.")
    intro: PlainText | None = field("inledning", "Texten före gruppens frågor, om källan har en.", default=None)
    questions: list[ChecklistQuestion] = field("frågor", "Frågorna i ordning.")


class Checklist(Record):
    """A checklist template: groups of questions answered Ja / Nej / Ej tillämpligt with an Ansvarig."""

    name: PlainText = field("namn", "Checklistans rubrik.")
    intro: RichText = field("inledning", "Checklistans inledning.")
    groups: list[ChecklistGroup] = field("grupper", "Grupperna i ordning.")

    @property
    def questions(self) -> list[ChecklistQuestion]:
        """Every question, group by group."""
        return [question for group in self.groups for question in group.questions]


class ProcurementGuide(Record):
    """A guide for preparing and carrying out a procurement."""

    id: Slug = field("id", "Identifierare.")
    source: GuidanceSource = field("källa", "Dokumentets titel, utgivare, år och villkor.")
    process_intro: RichText = field("inköpsprocess_inledning", "Texten före inköpsprocessens steg.")
    process: list[ProcessStep] = field("inköpsprocess", "Inköpsprocessens steg.")
    timeplan_intro: RichText = field("tidplan_inledning", "Texten före tidplanerna.")
    procedures: list[Procedure] = field("förfaranden", "Upphandlingsförfarandena.")
    checklist: Checklist | None = field("checklista", "Vägledningens checklista, om den har en.", default=None)
    notes: list[GuidanceNote] = field("redaktionella_noter", "Redaktionens noter om texten.", default_factory=list)


class ProcurementGuidesFile(Record):
    """`vagledning/upphandlingsvagledningar.yml`."""

    guides: list[ProcurementGuide] = field("vägledningar", "Vägledningarna.", default_factory=list)


# --- Filled checklists of a plan ------------------------------------------------------------


class ChecklistAnswer(Record):
    """The answer to one question of a checklist, and who is responsible."""

    question: Slug = field("fråga", "Frågan (id) i vägledningens checklista.")
    answer: Answer = field("svar", "ja, nej eller ej tillämpligt.")
    responsible: Slug | None = field("ansvarig", "Ansvarig person (id).", default=None)
    responsible_text: PlainText | None = field(
        "ansvarig_text", "Ansvarig i ord, t.ex. en roll eller enhet.", default=None
    )
    comment: RichText | None = field("kommentar", "Kommentar (Markdown).", default=None)


class FilledChecklist(Record):
    """A guide's checklist filled in for one procurement need of the plan."""

    need: Slug = field("behov", "Upphandlingsbehovet (id) i upphandlingsbehov.yml.")
    guide: Slug = field("vägledning", "Vägledningen (id) vars checklista fylls i.")
    date: Date = field("datum", "Dagen checklistan senast uppdaterades.")
    answers: list[ChecklistAnswer] = field("svar", "Svaren; en fråga utan svar är obesvarad.", default_factory=list)

    def answer_to(self, question_id: str) -> ChecklistAnswer | None:
        """The answer to a question, or None if it is not answered yet."""
        return next((answer for answer in self.answers if answer.question == question_id), None)


class ChecklistsFile(Record):
    """`checklistor.yml` of a plan."""

    checklists: list[FilledChecklist] = field("checklistor", "Ifyllda checklistor.", default_factory=list)
