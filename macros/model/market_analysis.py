"""Market analyses (`data/vagledning/marknadsanalyser.yml`): needs and market analyses the
category teams read before buying, section by section as the document has them.

Plans refer to an analysis from an underkategori or an activity (`vägledning`); the
analysis stays the document's words, never the plan's.
"""

from __future__ import annotations

from pydantic import model_validator

from macros.model.base import Record, Slug, field
from macros.model.guidance import GuidanceNote, GuidanceSource
from macros.model.text import PlainText, RichText


class AnalysisPart(Record):
    """A part of a section: an optional heading, text and bullet points, in that order."""

    id: Slug | None = field("id", "Identifierare, där delen behöver kunna länkas till.", default=None)
    heading: PlainText | None = field("rubrik", "Delens rubrik, om den har en.", default=None)
    text: RichText | None = field("text", "Text ordagrant (Markdown).", default=None)
    points: list[RichText] = field("punkter", "Punkterna ordagrant.", default_factory=list)
    note: RichText | None = field("not", "Redaktionens not om delen, t.ex. att en tabell saknas.", default=None)

    @model_validator(mode="after")
    def _has_content(self) -> AnalysisPart:
        """A part holds text or points."""
        if self.text is None and not self.points:
            raise ValueError("en del ska ha text eller punkter")
        return self


class AnalysisSection(Record):
    """A numbered section of the analysis."""

    number: PlainText | None = field("nummer", "Avsnittets nummer i källan.", default=None)
    heading: PlainText = field("rubrik", "Avsnittets rubrik.")
    parts: list[AnalysisPart] = field("delar", "Avsnittets delar i ordning.")


class MarketAnalysis(Record):
    """A needs and market analysis."""

    id: Slug = field("id", "Identifierare.")
    source: GuidanceSource = field("källa", "Dokumentets titel, utgivare, år och villkor.")
    sections: list[AnalysisSection] = field("avsnitt", "Avsnitten i ordning.")
    notes: list[GuidanceNote] = field("redaktionella_noter", "Redaktionens noter om texten.", default_factory=list)


class MarketAnalysesFile(Record):
    """`vagledning/marknadsanalyser.yml`."""

    analyses: list[MarketAnalysis] = field("marknadsanalyser", "Analyserna.", default_factory=list)
