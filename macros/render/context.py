"""What every macro receives: the validated model, today's date, and the page being
rendered (so that links can be made relative to it)."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from macros.exports.dataset import Downloads
from macros.exports.settings import OpenDataSettings
from macros.loading.sections import SectionIndex
from macros.model import reads
from macros.model.base import Record
from macros.model.catalog import Municipality, Plan
from macros.model.history import NO_HISTORY, NO_VERSIONS, History, Versions
from macros.render.editing import NO_EDIT_LINKS, EditLinks
from macros.render.paths import relative_path
from macros.validation.findings import Finding

T = TypeVar("T")


@dataclass(frozen=True)
class Site:
    """The rendering context: model, today and the current page's source path."""

    model: Municipality
    today: dt.date
    page: str = "index.md"
    findings: tuple[Finding, ...] = ()
    history: History = NO_HISTORY
    """The data's and pages' change history from git (read by the adapter at build time)."""
    versions: Versions = NO_VERSIONS
    """The plans' decided versions as git holds them (read by the adapter at build time)."""
    archive: Archive | None = None
    """Set when the site being built is the read-only copy of a decided version."""
    sections: SectionIndex = field(default_factory=dict, compare=False, repr=False)
    """Where the written pages show each plan's numbered sections (`macros.loading.sections`)."""
    edit: EditLinks = field(default=NO_EDIT_LINKS, compare=False, repr=False)
    """Where each record can be edited in the repository ("Redigera" links; none unless configured)."""
    derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    """Indexes derived from the model, shared by every page of one build (see `once`)."""
    downloads: Downloads = field(default_factory=Downloads, compare=False, repr=False)
    """The tables offered for download on the pages rendered so far (see `macros.render.downloads`)."""
    open_data: OpenDataSettings = field(default_factory=OpenDataSettings)
    """The municipality's licence, publisher and OCDS prefix for the open data (mkdocs.yml `extra.exporter`)."""

    def on_page(self, page: str) -> Site:
        """The same context for another page (sharing what was derived from the model)."""
        return replace(self, page=page)

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """A value derived from the model and today, computed by the first page that needs it.

        Keeps a page's cost independent of how many other pages there are: e.g. every
        person's responsibilities are indexed in one pass instead of one pass per person page.
        What the computation read counts as read by every page that uses the value (`reads`).
        """
        if key not in self.derived:
            self.derived[key] = reads.remember(compute)
        return reads.recall(self.derived[key])  # type: ignore[arg-type]

    def plan(self, plan_id: str) -> Plan:
        """The plan with this id, or a Swedish error naming the ones that exist."""
        try:
            return self.model.plan(plan_id)
        except KeyError:
            known = ", ".join(sorted(self.model.plans))
            raise MacroError(f"planen '{plan_id}' finns inte (finns: {known})") from None

    def link(self, target: str, anchor: str | None = None) -> str:
        """A Markdown link target to another source page, relative to the current page."""
        base = posixpath.dirname(self.page)
        relative = relative_path(target, base or ".")
        return f"{relative}#{anchor}" if anchor else relative


@dataclass(frozen=True)
class Archive:
    """What a read-only copy of a decided version knows about itself."""

    plan: str
    version: str
    date: str
    body: str


class MacroError(Exception):
    """A macro was called wrongly from a page (unknown plan, unknown id, bad argument)."""


EFFECT_GOALS_PAGE = "kategoriplan.md"
"""The chapter page (in a plan's folder) where the effektmål of 4.1 are rendered; every plan has it."""

STRATEGIES_PAGE = "kategoristrategi.md"
"""The chapter page (in a plan's folder) where the strategier of 5.x are rendered; every plan has it."""

FOLLOW_UP_PAGE = "effektuppfoljning.md"
"""The chapter page (in a plan's folder) where the nyckeltal of 6.x are rendered; every plan has it."""


MUNICIPALITY_PAGE = "kommunen.md"
"""The written page of what the plans share (organisation, people, goals)."""


def chapter_page(plan_id: str, page: str) -> str:
    """Source path of one of a plan's chapter pages."""
    return f"{plan_id}/{page}"


def activity_page(plan_id: str, activity_id: str) -> str:
    """Source path of an activity's generated page."""
    return f"{plan_id}/aktiviteter/{activity_id}.md"


def person_page(person_id: str) -> str:
    """Source path of a person's generated responsibility page."""
    return f"ansvar/{person_id}.md"


GUIDANCE_PAGE = "vagledning/index.md"
"""The written page that introduces the guidance library and lists its documents."""

NATIONAL_STRATEGY_PAGE = "vagledning/nationella-upphandlingsstrategin/index.md"
"""The written page of the national procurement strategy (its goals and fokusområden)."""

MATURITY_PAGE = "vagledning/dalamodellen/index.md"
"""The written page of Dalamodellen (steps, perspectives, levels and the matrix)."""

INDICATORS_PAGE = "vagledning/dalamodellen/indikatorer.md"
"""The written page of Dalamodellen's indicator annexes."""

GUIDES_PAGE = "vagledning/upphandling.md"
"""The written page of the procurement guides (process, procedures and time plans, checklists)."""

ANALYSES_PAGE = "vagledning/marknadsanalyser.md"
"""The written page of the market analyses."""

ASSESSMENT_PAGE = "oversikter/sjalvskattning.md"
"""The page (in a plan's folder) that shows the plan's self-assessment against Dalamodellen."""

NATIONAL_GOALS_PAGE = "oversikter/nationella-mal.md"
"""The page (in a plan's folder) that shows which national inriktningsmål the plan serves and which it leaves."""

PROCUREMENT_PAGE = "upphandlingsbehov.md"
"""The chapter page (in a plan's folder) of the procurement needs (9.1), where filled checklists are shown."""


def national_goal_page(goal_id: str) -> str:
    """Source path of an inriktningsmål's generated page."""
    return f"vagledning/nationella-upphandlingsstrategin/{goal_id}.md"


FOLLOW_UP_FOLDER = "uppfoljning"
"""The folder (in a plan's folder) of the generated follow-up pages."""

DUE_PAGE_NAME = "att-rapportera"
"""The file name (without .md) of a plan's generated page "Att rapportera"."""

GUIDE_PAGE = "redaktorer/rapportera.md"
"""The editors' guide "Så rapporterar du status och mätvärden" (a written page every site has)."""


def follow_up_index_page(plan_id: str) -> str:
    """Source path of a plan's generated page "Uppföljning" (every period with its summary)."""
    return f"{plan_id}/{FOLLOW_UP_FOLDER}/index.md"


def follow_up_period_page(plan_id: str, period_id: str) -> str:
    """Source path of the generated page "Uppföljning <period>"."""
    return f"{plan_id}/{FOLLOW_UP_FOLDER}/{period_id}.md"


def due_page(plan_id: str) -> str:
    """Source path of a plan's generated page "Att rapportera"."""
    return f"{plan_id}/{FOLLOW_UP_FOLDER}/{DUE_PAGE_NAME}.md"


def whole_plan_page(plan_id: str) -> str:
    """Source path of the generated page with the whole plan, to print or save as PDF."""
    return f"{plan_id}/hela-planen.md"


NOT_IN_SOURCE = (
    "oversikter/",
    "andringshistorik.md",
    "historik.md",
    "versioner/",
    "kanda-brister.md",
    "hela-planen.md",
    "oppna-data.md",
    f"{FOLLOW_UP_FOLDER}/",
)
"""Pages in a plan's folder that the site adds and the source document does not have (the
overviews, the change history, each record's history, the decided versions, the editors' notes on
the source, the whole plan itself, the open-data page with the plan's files, the follow-up pages: the yearly reports are documents of their
own, printed each on its own, and what is due changes with the day); every other page of the
folder is part of the plan as the source gives it."""


def history_page(plan_id: str | None) -> str:
    """Source path of the generated page with every record's history: a plan's, or the shared data's."""
    return f"{plan_id}/historik.md" if plan_id else "kommunen/historik.md"


def version_page(plan_id: str, slug: str) -> str:
    """Source path of a decided version's generated page (its decision and what it changed)."""
    return f"{plan_id}/versioner/{slug}.md"


ARCHIVE_FOLDER = "arkiv"
"""Folder of the built site holding the read-only copies of decided versions: arkiv/<plan>/<version>/."""


def archive_root(plan_id: str, slug: str) -> str:
    """The folder (URL path from the site's root, with a trailing slash) of a decided version's copy."""
    return f"{ARCHIVE_FOLDER}/{plan_id}/{slug}/"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the site makes from one record: its source path and the macro call that renders it."""

    path: str
    record: Record
    macro: str
    arguments: dict[str, object]
    searched: bool = True
    """Whether the site's search indexes the page (the record histories are not: their old values
    would be hits for what the plan no longer says, and indexing them is most of their cost)."""


def generated_pages(model: Municipality, *, history: bool = True) -> list[GeneratedPage]:
    """Every page generated from the data: one per activity of every plan, one per person, one per
    inriktningsmål of the guidance library, one with each whole plan and each plan's follow-up pages
    ("Uppföljning", one page per follow-up period and "Att rapportera"); with `history` (not in the
    copy of a decided version), each plan's and the shared data's record history and one page per
    decided version."""
    from macros.model.plan import version_slug

    pages = [
        GeneratedPage(activity_page(plan.id, a.id), a, "aktivitetssida", {"plan": plan.id, "aktivitet": a.id})
        for plan in model.plans.values()
        for a in plan.activities
    ]
    pages += [GeneratedPage(person_page(p.id), p, "personansvar", {"person": p.id}) for p in model.people]
    for plan in model.plans.values():
        pages.append(GeneratedPage(follow_up_index_page(plan.id), plan.meta, "uppfoljning", {"plan": plan.id}))
        pages += [
            GeneratedPage(
                follow_up_period_page(plan.id, item.id),
                item,
                "uppfoljningsperiod",
                {"plan": plan.id, "period": item.id},
            )
            for item in plan.follow_up_periods
        ]
        pages.append(GeneratedPage(due_page(plan.id), plan.meta, "att_rapportera", {"plan": plan.id}))
    pages += [
        GeneratedPage(national_goal_page(g.id), g, "inriktningsmalssida", {"mal": g.id})
        for g in model.guidance.national_goals
    ]
    pages += [
        GeneratedPage(whole_plan_page(plan.id), plan.meta, "hela_planen", {"plan": plan.id})
        for plan in model.plans.values()
    ]
    if not history:
        return pages
    for plan in model.plans.values():
        pages.append(GeneratedPage(history_page(plan.id), plan.meta, "posthistorik", {"plan": plan.id}, searched=False))
        pages += [
            GeneratedPage(
                version_page(plan.id, version_slug(v)), v, "beslutad_version", {"plan": plan.id, "version": v.version}
            )
            for v in plan.meta.versions
        ]
    pages.append(GeneratedPage(history_page(None), model.people_file, "gemensam_historik", {}, searched=False))
    return pages


def activity_navigation(plan: Plan) -> list[tuple[str, str]]:
    """The menu entries of a plan's activity pages, in the plan's order: (title, source path)."""
    return [(f"{a.number} {a.name}", activity_page(plan.id, a.id)) for a in plan.activities]


def national_goal_title(number: int, heading: str) -> str:
    """An inriktningsmål's page title: "Inriktningsmål 8: Attraktiva offentliga affärer …"."""
    return f"Inriktningsmål {number}: {heading}"


def national_goal_navigation(model: Municipality) -> list[tuple[str, str]]:
    """The menu entries of the inriktningsmål pages, by number: (title, source path)."""
    return [
        (national_goal_title(g.number, g.heading or g.name), national_goal_page(g.id))
        for g in model.guidance.national_goals
    ]


def follow_up_navigation(plan: Plan) -> list[tuple[str, str]]:
    """The menu entries of a plan's follow-up period pages, in time order: (title, source path)."""
    return [(f"Uppföljning {item.name}", follow_up_period_page(plan.id, item.id)) for item in plan.follow_up_periods]


CHANGE_HISTORY_PAGE = "andringshistorik.md"
"""A plan's written page Ändringshistorik (in the plan's folder); the generated history pages sit beside it in the menu."""

RECORD_HISTORY_TITLE = "Historik per post"
SHARED_HISTORY_TITLE = "Historik för gemensam data"


def history_navigation(plan: Plan) -> list[tuple[str, str]]:
    """The menu entries of a plan's generated history pages, after its Ändringshistorik: the history
    of every record, then each decided version's page, oldest first (title, source path)."""
    from macros.model.plan import version_slug

    entries = [(RECORD_HISTORY_TITLE, history_page(plan.id))]
    entries += [
        (f"Version {v.version}, beslutad {v.date.isoformat()}", version_page(plan.id, version_slug(v)))
        for v in plan.meta.versions
    ]
    return entries


def person_navigation(model: Municipality) -> list[tuple[str, str]]:
    """The menu entries of the person pages, by name: (title, source path)."""
    from macros.render.html import swedish_key  # macros.render imports this module first

    return sorted(((p.name, person_page(p.id)) for p in model.people), key=lambda entry: swedish_key(entry[0]))


@dataclass(frozen=True)
class FooterPlan:
    """What the footer says of one plan: its name and page, who owns it, and whom to ask."""

    name: str
    page: str
    owner: str
    category_lead: str
    category_lead_page: str


def footer_plans(model: Municipality) -> list[FooterPlan]:
    """The footer's facts of every plan, from the plans' own data (11.0 and 8.2)."""
    return [
        FooterPlan(
            plan.meta.name,
            f"{plan.id}/index.md",
            plan.meta.owned_by,
            model.person(plan.organisation.category_lead).name,
            person_page(plan.organisation.category_lead),
        )
        for plan in model.plans.values()
    ]
