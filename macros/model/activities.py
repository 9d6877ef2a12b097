"""Aktiviteter (9.2): every field the plan gives, responsibility by person, role or
unit, the timeline at the precision given, and why each activity exists."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, Strict, StringConstraints, WithJsonSchema, model_validator

from macros.model.base import (
    Record,
    SectionNumber,
    Slug,
    field,
)
from macros.model.guidance import GuidanceLink
from macros.model.plan import Basis, EditorialNote
from macros.model.text import PlainText, RichText
from macros.model.time import TimePointField

Letter = Annotated[
    str,
    StringConstraints(pattern=r"^[a-zåäö]{1,3}$"),
    WithJsonSchema(
        {"type": "string", "pattern": "^[a-zåäö]{1,3}$", "description": "En bokstav som i källan, t.ex. a."}
    ),
]
"""The letter of a delmoment as the source writes it (a, b … or aa)."""

Kronor = Annotated[int, Strict(), Field(ge=0, le=1_000_000_000_000)]
"""An amount in whole kronor."""

Priority = Annotated[int, Strict(), Field(ge=1, le=3)]
"""Priority 1–3 as the plan gives it, a whole number."""

FootnoteNumber = Annotated[int, Strict(), Field(ge=1, le=999)]
"""A footnote's number as the source prints it, a whole number."""

SCHEDULE_HEADING = "Tidplan/prioritering"
"""The heading the source gives an activity's timeline, unless the activity's source words it otherwise."""


class Step(Record):
    """A delmoment of an activity, with the source's own lettering."""

    letter: Letter | None = field("bokstav", "Bokstaven som i källan (a, b, …), om någon.", default=None)
    text: RichText = field("text", "Delmomentet ordagrant.")
    sub_items: list[RichText] = field("underpunkter", "Underpunkter.", default_factory=list)


RaciType = Literal["ansvarig", "genomför", "deltar", "rådfrågas", "referens", "informeras", "intressent"]


class Party(Record):
    """One party in an activity's responsibility: a person, a role or a unit."""

    person: Slug | None = field("person", "Person (id).", default=None)
    role: Slug | None = field("roll", "Roll (id); löses upp till den som innehar rollen.", default=None)
    unit: Slug | None = field("enhet", "Enhet eller grupp (id).", default=None)
    kind: RaciType = field(
        "typ", "ansvarig (A), genomför (R), deltar/rådfrågas/referens (C), informeras/intressent (I)."
    )
    note: PlainText | None = field("not", "Hur källan beskriver insatsen.", default=None)

    @model_validator(mode="after")
    def _exactly_one_party(self) -> Party:
        """A party names exactly one of person, roll and enhet."""
        if sum(value is not None for value in (self.person, self.role, self.unit)) != 1:
            raise ValueError("ange exakt en av person, roll och enhet")
        return self


class Budget(Record):
    """A budget line of an activity."""

    amount_kr: Kronor = field("belopp_kr", "Belopp i kronor.")
    text: PlainText = field("text", "Budgetposten ordagrant.")


class Schedule(Record):
    """An activity's timeline at the precision given, with the original wording."""

    heading: PlainText = field(
        "rubrik",
        "Tidplanens rubrik som i källan, bara när den inte är Tidplan/prioritering (t.ex. Prioritering och tidplan).",
        default=SCHEDULE_HEADING,
    )
    text: RichText = field("text", "Tidplan/prioritering ordagrant ur källan.")
    start: TimePointField | None = field("start", "Start, om källan anger den.", default=None)
    end: TimePointField | None = field(
        "slut", "Slut: tidpunkten källan anger, eller den som slut_med_källans_ord räknas som.", default=None
    )
    latest_start: TimePointField | None = field(
        "senast_start", "Senaste start när källan bara säger det, t.ex. 'bör påbörjas senast 2024'.", default=None
    )
    continuous: bool = field("löpande", "Sant om arbetet pågår löpande utan slut.", default=False)
    end_words: PlainText | None = field(
        "slut_med_källans_ord",
        "Slutet med källans ord när det inte är en tidpunkt, t.ex. 'före november 2024' (då är slut 2024-10); "
        "visas i stället för 'senast oktober 2024'.",
        default=None,
    )
    after: list[Slug] = field(
        "efter",
        "Aktiviteter som ska vara på plats först (id): redaktionens tolkning av tidplanens text.",
        default_factory=list,
    )

    @property
    def end_said(self) -> str | None:
        """The end as the source says it: its own words when the data keeps them, else the point's label."""
        if self.end is None:
            return None
        return self.end_words or self.end.label

    @model_validator(mode="after")
    def _start_not_after_end(self) -> Schedule:
        """Start must not lie after end."""
        if self.start and self.end and self.start.first_day > self.end.last_day:
            raise ValueError(f"start ({self.start}) ligger efter slut ({self.end})")
        if self.end_words and not self.end:
            raise ValueError("slut_med_källans_ord kräver slut: tidpunkten som orden betyder")
        if "tidplan" not in self.heading.lower():
            raise ValueError(f"rubrik ({self.heading}) ska vara tidplanens rubrik som i källan och nämna tidplan")
        return self


class Contribution(Record):
    """Why an activity exists: a link to a strategi or effektmål, with its basis."""

    strategy: Slug | None = field("strategi", "Strategin (id).", default=None)
    effect_goal: Slug | None = field("effektmål", "Effektmålet (id).", default=None)
    basis: Basis = field("grund", "plan (står i planen) eller förslag (redaktionens förslag).")
    section: SectionNumber | None = field("avsnitt", "Avsnittet i planen som säger det.", default=None)
    motivation: RichText | None = field("motivering", "Varför kopplingen föreslås.", default=None)

    @model_validator(mode="after")
    def _one_target_and_source(self) -> Contribution:
        """A link names one target; a link stated by the plan names its section."""
        if (self.strategy is None) == (self.effect_goal is None):
            raise ValueError("ange exakt en av strategi och effektmål")
        if self.basis is Basis.PLAN and self.section is None:
            raise ValueError("en koppling som står i planen ska ange avsnitt")
        return self


BUDGET_PLACEHOLDER = re.compile(r"\{budget:(\d+)\}")
"""Where a budget line's amount stands in the implementering text: `{budget:1}` is the first line."""


class Activity(Record):
    """An aktivitet (9.2.x) with every field the plan gives."""

    id: Slug = field("id", "Identifierare.")
    number: SectionNumber = field("nummer", "Avsnittsnummer, t.ex. 9.2.1.")
    name: PlainText = field("namn", "Aktivitetens rubrik.")
    name_footnote: RichText | None = field("rubrik_fotnot", "Fotnot till rubriken ordagrant (Markdown).", default=None)
    name_footnote_number: FootnoteNumber | None = field(
        "rubrik_fotnot_nummer", "Fotnotens nummer i källan, t.ex. 3 (krävs med rubrik_fotnot).", default=None
    )
    description: RichText = field("beskrivning", "Beskrivning av aktivitet (Markdown).")
    steps_intro: RichText | None = field("delmoment_inledning", "Texten före delmomenten.", default=None)
    steps: list[Step] = field("delmoment", "Delmoment.", default_factory=list)
    steps_outro: RichText | None = field(
        "delmoment_avslutning", "Text efter delmomenten, om källan har någon.", default=None
    )
    steps_under: Literal["beskrivning", "implementering"] = field(
        "delmoment_under",
        "Under vilken rubrik källan räknar upp delmomenten: beskrivning (Beskrivning av aktivitet) eller implementering.",
        default="beskrivning",
    )
    potential: RichText | None = field("potential", "Identifierad potential (Markdown).", default=None)
    responsibility_text: RichText = field("ansvar_text", "Avsnittet Ansvarig ordagrant (Markdown).")
    responsibility: list[Party] = field(
        "ansvar", "Ansvar strukturerat, vem och hur: redaktionens tolkning av ansvarstexten.", default_factory=list
    )
    goal: RichText | None = field("mål", "Mål (Markdown).", default=None)
    implementation: RichText | None = field(
        "implementering",
        "Implementering (Markdown). Ett budgetbelopp skrivs {budget:1}, {budget:2} … så att beloppet bara finns i budget.",
        default=None,
    )
    budget: list[Budget] = field("budget", "Budget.", default_factory=list)
    schedule: Schedule = field("tidplan", "Tidplan.")
    priority: Priority | None = field("prioritet", "Prioritet 1–3 (1 högst).", default=None)
    effect: RichText | None = field("uppnådd_effekt", "Uppnådd effekt och hur den mäts (Markdown).", default=None)
    measures: list[RichText] = field("mätetal", "Mätetal (KPI) som planen anger.", default_factory=list)
    contributions: list[Contribution] = field(
        "bidrar_till", "Strategier och effektmål aktiviteten tjänar.", default_factory=list
    )
    subcategories: list[Slug] = field(
        "underkategorier",
        "Berörda underkategorier: redaktionens indelning (planen anger dem inte för aktiviteterna).",
        default_factory=list,
    )
    guidance: list[GuidanceLink] = field(
        "vägledning", "Hänvisningar till vägledningar, t.ex. marknadsanalyser.", default_factory=list
    )

    @model_validator(mode="after")
    def _footnote_has_its_number(self) -> Activity:
        """A footnote to the heading keeps the source's number, and a number needs its footnote."""
        if (self.name_footnote is None) != (self.name_footnote_number is None):
            raise ValueError("rubrik_fotnot och rubrik_fotnot_nummer anges tillsammans: fotnoten med källans nummer")
        return self

    @model_validator(mode="after")
    def _budget_placeholders_exist(self) -> Activity:
        """Every {budget:n} in the implementering text names an existing budget line."""
        for match in BUDGET_PLACEHOLDER.finditer(self.implementation or ""):
            index = int(match.group(1))
            if not 1 <= index <= len(self.budget):
                raise ValueError(
                    f"implementering hänvisar till {match.group(0)}, men aktiviteten har {len(self.budget)} budgetposter"
                )
        return self

    @property
    def budget_in_text(self) -> bool:
        """Whether the implementering text shows the budget amounts itself."""
        return bool(BUDGET_PLACEHOLDER.search(self.implementation or ""))


class ActivitiesFile(Record):
    """`aktiviteter.yml`."""

    intro: RichText | None = field("inledning", "Inledande text i 9.2 (Markdown).", default=None)
    activities: list[Activity] = field("aktiviteter", "Aktiviteter.")
    notes: list[EditorialNote] = field(
        "redaktionella_noter", "Kända brister i källan inom filens avsnitt.", default_factory=list
    )
