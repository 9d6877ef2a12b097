"""Dalamodellen (`data/vagledning/dalamodellen.yml`): four steps, each seen from four
perspectives, with recommendations at three levels, the crisis recommendations and the
indicator annexes; and the self-assessments a plan or the organisation records against it
(`sjalvskattning.yml`).

A self-assessment says, per step and perspective, which level was reached on a date, who
assessed and on what evidence. The current assessment is the latest; comparing it with the
one before shows how each cell changed.
"""

from __future__ import annotations

from pydantic import model_validator

from macros.model.base import Date, Record, Slug, field
from macros.model.guidance import GuidanceNote, GuidanceSource
from macros.model.text import PlainText, RichText

NO_LEVEL = "ingen"
"""The level of a self-assessed cell that does not reach the model's first level."""


class Step(Record):
    """A step of the model (1 Strategisk inriktning …)."""

    id: Slug = field("id", "Identifierare.")
    number: int = field("nummer", "Stegets nummer.", ge=1, le=99, strict=True)
    name: PlainText = field("namn", "Stegets namn.")
    description: RichText = field("beskrivning", "Vad steget omfattar, ordagrant.")


class Perspective(Record):
    """A perspective every step is seen from (Styrningsperspektivet …)."""

    id: Slug = field("id", "Identifierare.")
    name: PlainText = field("namn", "Perspektivets namn.")
    description: RichText = field("beskrivning", "Vad perspektivet omfattar, ordagrant.")


class Level(Record):
    """A level of the recommendations (Tillfredsställande = 1 …), marked with as many stars."""

    id: Slug = field("id", "Identifierare.")
    number: int = field(
        "nummer",
        "Nivåns nummer, 1 för den första; källan markerar nivån med lika många stjärnor.",
        ge=1,
        le=9,
        strict=True,
    )
    name: PlainText = field("namn", "Nivåns namn.")

    @property
    def stars(self) -> str:
        """The source's marking: one star for the first level, two for the second, and so on."""
        return "*" * self.number


class LevelText(Record):
    """One level's recommendation in a row of the model."""

    level: Slug = field("nivå", "Nivån (id).")
    text: RichText = field("text", "Rekommendationen ordagrant.")


class Row(Record):
    """A row of recommendations: one text per level, and the editors' note if the row was reconstructed."""

    texts: list[LevelText] = field("texter", "En text per nivå, i nivåernas ordning.")
    note: RichText | None = field("not", "Redaktionens not om raden, t.ex. att den är ihopsatt.", default=None)

    def text_of(self, level_id: str) -> LevelText | None:
        """The row's text at a level, if it has one."""
        return next((text for text in self.texts if text.level == level_id), None)


class Cell(Record):
    """The recommendations of one step seen from one perspective."""

    step: Slug = field("steg", "Steget (id).")
    perspective: Slug = field("perspektiv", "Perspektivet (id).")
    rows: list[Row] = field("rader", "Raderna med rekommendationer.")


class CrisisRecommendations(Record):
    """The model's separate recommendations for procurement in crisis and for preparedness."""

    heading: PlainText = field("rubrik", "Rubriken ordagrant.")
    rows: list[Row] = field("rader", "Raderna med rekommendationer per nivå.")


class Indicator(Record):
    """An indicator of an annex, with its explanation where the source gives one."""

    name: PlainText = field("namn", "Indikatorn ordagrant.")
    description: RichText | None = field("beskrivning", "Förklaringen efter tankstrecket, ordagrant.", default=None)
    note: RichText | None = field("not", "Redaktionens not om indikatorn.", default=None)


class IndicatorGroup(Record):
    """A group of indicators under a heading."""

    heading: PlainText = field("rubrik", "Gruppens rubrik.")
    indicators: list[Indicator] = field("indikatorer", "Indikatorerna i källans ordning.")


class Annex(Record):
    """An indicator annex (bilaga) of the model."""

    id: Slug = field("id", "Identifierare.")
    number: int = field("nummer", "Bilagans nummer.", ge=1, le=99, strict=True)
    heading: PlainText = field("rubrik", "Bilagans rubrik.")
    intro: RichText = field("inledning", "Bilagans inledning.")
    groups: list[IndicatorGroup] = field("grupper", "Grupperna av indikatorer.")


class MaturityModelFile(Record):
    """`vagledning/dalamodellen.yml`."""

    source: GuidanceSource = field("källa", "Dokumentets titel, utgivare, år och villkor.")
    steps: list[Step] = field("steg", "Modellens steg i ordning.")
    perspectives: list[Perspective] = field("perspektiv", "Perspektiven i ordning.")
    levels: list[Level] = field("nivåer", "Nivåerna, den första först.")
    cells: list[Cell] = field("rekommendationer", "Rekommendationerna per steg och perspektiv.")
    crisis: CrisisRecommendations = field("kris_och_beredskap", "Rekommendationerna för kris och beredskap.")
    annexes: list[Annex] = field("bilagor", "Bilagorna med indikatorer.", default_factory=list)
    notes: list[GuidanceNote] = field("redaktionella_noter", "Redaktionens noter om texten.", default_factory=list)

    def cell(self, step_id: str, perspective_id: str) -> Cell | None:
        """The recommendations of a step and a perspective."""
        return next((c for c in self.cells if c.step == step_id and c.perspective == perspective_id), None)

    def level(self, level_id: str) -> Level | None:
        """The level with this id (None for `ingen` or an unknown id)."""
        return next((level for level in self.levels if level.id == level_id), None)


# --- Self-assessment -----------------------------------------------------------------------


class CellAssessment(Record):
    """The level reached in one step and perspective, and the evidence for it."""

    step: Slug = field("steg", "Steget (id).")
    perspective: Slug = field("perspektiv", "Perspektivet (id).")
    level: Slug = field("nivå", "Uppnådd nivå (id), eller ingen om den första nivån inte nås.")
    evidence: RichText = field("underlag", "Vad bedömningen bygger på (Markdown).")


class Assessment(Record):
    """A self-assessment against Dalamodellen on one date."""

    id: Slug = field("id", "Identifierare.")
    date: Date = field("datum", "Dagen bedömningen gjordes.")
    assessed_by: list[Slug] = field("bedömd_av", "Personerna som gjorde bedömningen (id).", default_factory=list)
    assessed_by_text: PlainText | None = field(
        "bedömd_av_text", "Vem som bedömde, i ord (t.ex. en grupp), om inte personerna räcker.", default=None
    )
    scope: PlainText | None = field(
        "omfattning", "Vad bedömningen omfattar, t.ex. kategorin IT och Telekom.", default=None
    )
    comment: RichText | None = field("kommentar", "Kommentar till hela bedömningen.", default=None)
    cells: list[CellAssessment] = field("bedömningar", "Bedömningen per steg och perspektiv.")

    @model_validator(mode="after")
    def _someone_assessed(self) -> Assessment:
        """An assessment names who made it."""
        if not self.assessed_by and self.assessed_by_text is None:
            raise ValueError("ange vem som gjorde bedömningen: bedömd_av (personer) eller bedömd_av_text")
        return self

    def cell(self, step_id: str, perspective_id: str) -> CellAssessment | None:
        """The assessment of a step and a perspective, if this assessment covers it."""
        return next((c for c in self.cells if c.step == step_id and c.perspective == perspective_id), None)


class AssessmentsFile(Record):
    """`sjalvskattning.yml` of a plan, or of the organisation in `kommun/`."""

    assessments: list[Assessment] = field(
        "självskattningar", "Självskattningarna, i valfri ordning.", default_factory=list
    )

    def by_date(self) -> list[Assessment]:
        """The assessments, oldest first (same day: the data's order)."""
        return sorted(self.assessments, key=lambda assessment: assessment.date)
