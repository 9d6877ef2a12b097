"""The plan's goal structure: underkategorier (4.2), effektmål (4.1), strategier (5.x)
and nyckeltal for follow-up (6.x)."""

from __future__ import annotations

from macros.model.base import (
    Record,
    SectionNumber,
    Slug,
    field,
)
from macros.model.guidance import GuidanceLink
from macros.model.plan import Basis
from macros.model.text import PlainText, RichText


class Subcategory(Record):
    """An underkategori of the category, with its definition (4.2)."""

    id: Slug = field("id", "Identifierare.")
    name: PlainText = field("namn", "Namn som i 4.2.")
    definition: RichText = field("definition", "Definitionen ordagrant.")
    guidance: list[GuidanceLink] = field(
        "vägledning", "Hänvisningar till vägledningar, t.ex. marknadsanalyser.", default_factory=list
    )


class SubcategoriesFile(Record):
    """`underkategorier.yml`."""

    subcategories: list[Subcategory] = field("underkategorier", "Underkategorier.")


class CouncilGoalLink(Record):
    """An effektmål's link to a fullmäktigemål, with the wording the plan uses."""

    goal: Slug = field("mål", "Fullmäktigemålet (id).")
    wording: PlainText | None = field("lydelse", "Målets lydelse i planen, om den skiljer sig.", default=None)
    area_wording: PlainText | None = field(
        "målområde_lydelse", "Målområdets lydelse i planen, om den skiljer sig från målområdets namn.", default=None
    )


class NationalGoalLink(Record):
    """A link to a national goal: stated in the plan or proposed by the editors."""

    goal: Slug = field("mål", "Inriktningsmålet (id).")
    basis: Basis = field("grund", "plan (står i planen) eller förslag (redaktionens förslag).")
    motivation: RichText | None = field("motivering", "Varför kopplingen föreslås.", default=None)


class EffectGoal(Record):
    """An effektmål (4.1) with its purpose and links to council goals and documents."""

    id: Slug = field("id", "Identifierare.")
    number: SectionNumber = field("nummer", "Avsnittsnummer, t.ex. 4.1.1.")
    name: PlainText = field("namn", "Målet.")
    purpose: RichText = field("syfte", "Vad målet syftar till (Markdown).")
    council_goals: list[CouncilGoalLink] = field(
        "fullmäktigemål", "Koppling till fullmäktigemål.", default_factory=list
    )
    documents: list[Slug] = field("styrdokument", "Koppling till övriga styrdokument.", default_factory=list)
    documents_text: PlainText | None = field(
        "styrdokument_text",
        "Kopplingen till övriga styrdokument som planen skriver den, t.ex. Upphandlingspolicy.",
        default=None,
    )
    national_goals: list[NationalGoalLink] = field(
        "nationella_mål", "Koppling till den nationella upphandlingsstrategins inriktningsmål.", default_factory=list
    )


class EffectGoalsFile(Record):
    """`effektmal.yml`."""

    effect_goals: list[EffectGoal] = field("effektmål", "Effektmål.")


class Strategy(Record):
    """A strategi (5.x.y) under one effektmål, with its lead text and measures."""

    id: Slug = field("id", "Identifierare.")
    number: SectionNumber = field("nummer", "Avsnittsnummer, t.ex. 5.1.1.")
    name: PlainText = field("namn", "Strategins rubrik.")
    effect_goal: Slug = field("effektmål", "Effektmålet strategin hör till (id).")
    text: RichText = field("text", "Inledande text (Markdown).")
    measures_intro: PlainText | None = field("åtgärder_inledning", 'T.ex. "Detta görs bl.a. genom att:".', default=None)
    measures: list[RichText] = field("åtgärder", "Åtgärderna i punktform.", default_factory=list)
    measures_inline: bool = field(
        "åtgärder_i_löptext",
        "Sant när planen skriver åtgärden i löptext efter inledningen, inte som punkt.",
        default=False,
    )
    national_goals: list[NationalGoalLink] = field(
        "nationella_mål", "Koppling till nationella inriktningsmål.", default_factory=list
    )


class StrategiesFile(Record):
    """`strategier.yml`."""

    strategies: list[Strategy] = field("strategier", "Strategier.")


class KeyIndicator(Record):
    """A follow-up measure (nyckeltal / effektuppföljning, 6.x) of one effektmål."""

    id: Slug = field("id", "Identifierare.")
    section: SectionNumber = field("avsnitt", "Avsnittet, t.ex. 6.1.")
    effect_goal: Slug = field("effektmål", "Effektmålet (id).")
    text: PlainText = field("text", "Måttet ordagrant.")
    activities: list[Slug] = field(
        "aktiviteter",
        "Aktiviteter som måttet följer upp enligt redaktionen (visas som redaktionens hänvisning).",
        default_factory=list,
    )
    target: PlainText | None = field("målvärde", "Målvärde, om planen anger ett.", default=None)


class KeyIndicatorsFile(Record):
    """`nyckeltal.yml`."""

    indicators: list[KeyIndicator] = field("nyckeltal", "Nyckeltal.")


Strategy.model_rebuild()
