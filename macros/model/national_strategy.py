"""The national procurement strategy (`data/vagledning/nationella-upphandlingsstrategin.yml`):
its ten inriktningsmål and three fokusområden with their recommended actions.

Effektmål and strategies of every plan link to the inriktningsmål by id (`nationella_mål`).
"""

from __future__ import annotations

from typing import Literal

from macros.model.base import Record, Slug, field
from macros.model.guidance import GuidanceNote, GuidanceSource, Passage
from macros.model.text import PlainText, RichText


class NationalGoal(Record):
    """An inriktningsmål of the national procurement strategy, with the roadmap's text for the new ones."""

    id: Slug = field("id", "Identifierare.")
    number: int = field("nummer", "Numret i den nationella upphandlingsstrategin.", ge=1, le=99, strict=True)
    name: PlainText = field("namn", "Målet ordagrant.")
    added_in: Literal["2016", "färdplanen"] = field(
        "tillkom", "2016 (ett av strategins sju mål, Fi2016/00833) eller färdplanen (ett av de tre nya)."
    )
    heading: PlainText | None = field("rubrik", "Kapitelrubriken i färdplanen, för de nya målen.", default=None)
    text: RichText | None = field("text", "Färdplanens inledande text om målet (Markdown).", default=None)
    actions: list[Passage] = field("åtgärder", "Rekommenderade åtgärder med rubrik och text.", default_factory=list)
    fact_boxes: list[Passage] = field("faktarutor", "Faktarutor med rubrik och text.", default_factory=list)
    tips: list[RichText] = field("tips", "Punkterna i rutan Tips!.", default_factory=list)


class FocusArea(Record):
    """A fokusområde of the roadmap with its recommended actions."""

    id: Slug = field("id", "Identifierare.")
    number: int = field("nummer", "Fokusområdets nummer.", ge=1, le=99, strict=True)
    name: PlainText = field("namn", "Fokusområdet som färdplanens lista skriver det.")
    heading: PlainText = field("rubrik", "Kapitlets rubrik.")
    box_heading: PlainText = field("rutans_rubrik", "Rubriken i kapitlets ruta, t.ex. Fokusområde 1: ….")
    text: RichText = field("text", "Kapitlets inledning (Markdown).")
    actions: list[Passage] = field("åtgärder", "Rekommenderade åtgärder med rubrik och text.")
    fact_boxes: list[Passage] = field("faktarutor", "Faktarutor med rubrik och text.", default_factory=list)
    tips: list[RichText] = field("tips", "Punkterna i rutan Tips.", default_factory=list)


class NationalStrategyFile(Record):
    """`vagledning/nationella-upphandlingsstrategin.yml`."""

    source: GuidanceSource = field("källa", "Dokumentets titel, utgivare, år och villkor.")
    procurement_goal: RichText = field("mål_för_upphandlingen", "Målet för den offentliga upphandlingen (Markdown).")
    intro_2016: RichText = field("inledning_2016", "Texten före de sju målen från 2016.")
    intro_new: RichText = field("inledning_nya", "Texten före de tre nya målen.")
    closing: RichText = field("avslutning", "Texten efter de nya målen.")
    goals: list[NationalGoal] = field("inriktningsmål", "De tio inriktningsmålen.")
    focus_intro: RichText = field("fokusområden_inledning", "Texten före fokusområdena.")
    focus_closing: RichText = field("fokusområden_avslutning", "Texten efter listan över fokusområden.")
    focus_areas: list[FocusArea] = field("fokusområden", "De tre fokusområdena.")
    notes: list[GuidanceNote] = field("redaktionella_noter", "Redaktionens noter om texten.", default_factory=list)
