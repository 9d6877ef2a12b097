"""Every open-data file of the site that is not a table: per plan the plan as JSON with its
schema, the calendar and the OCDS release package; the shared data as JSON with its schema;
and a calendar per person.

`plan_files` and `shared_files` name them for the "Öppna data" page; `site_jobs` makes the
jobs that write them. Both read the same list, so the page names exactly the files written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.exports.dataset import DOWNLOAD_DIR, Dataset
from macros.exports.settings import DataVersion, OpenDataSettings, data_version
from macros.model.activities import Activity
from macros.model.catalog import Municipality, Plan
from macros.model.history import History
from macros.model.organisation import Role

if TYPE_CHECKING:  # the writers' modules are imported when the files are made, not by the check
    from macros.exports.calendar import EventSequence, Feed
    from macros.exports.jobs import Job
    from macros.model.raci import Involvement

SHARED_FOLDER = "kommun"
"""The download folder of what the plans share."""

PLAN_SCHEMA_FILE = "plan.schema.json"
SHARED_SCHEMA_FILE = "kommun.schema.json"


@dataclass(frozen=True)
class OpenFile:
    """A file of the open data: where it is, its format, what it holds and its schema."""

    path: str
    """Relative to the download folder."""
    format: str
    title: str
    description: str
    schema: str | None = None
    """The schema file beside it, relative to the download folder, or a standard's name."""

    @property
    def site_path(self) -> str:
        """The file's path in the built site."""
        return f"{DOWNLOAD_DIR}/{self.path}"


CATALOGUE = "filforteckning"
"""The list of every exported file (a table, written last by the build)."""

FORMATS = {".xlsx": "Excel", ".csv": "CSV", ".schema.json": "JSON Schema", ".json": "JSON", ".ics": "iCalendar"}
"""Each exported file's format, by how its name ends."""


def format_of(path: str) -> str:
    """The format of an exported file, from its name."""
    return next(name for ending, name in FORMATS.items() if path.endswith(ending))


def catalogue(files: list[tuple[str, str]]) -> Dataset:
    """Every exported file (site path, what it holds) as a table, itself included."""
    from macros.exports.dataset import dataset, text

    mine = [(f"{DOWNLOAD_DIR}/{CATALOGUE}.{ext}", "Förteckning över alla exporterade filer") for ext in ("xlsx", "csv")]
    rows = [[path.removeprefix(f"{DOWNLOAD_DIR}/"), format_of(path), title] for path, title in sorted([*files, *mine])]
    return dataset(
        CATALOGUE, "Förteckning över alla exporterade filer", [text("Fil"), text("Format"), text("Innehåll")], rows
    )


def plan_json_path(plan_id: str) -> str:
    """The plan's JSON file."""
    return f"{plan_id}/plan.json"


def plan_calendar_path(plan_id: str) -> str:
    """The plan's calendar feed."""
    return f"{plan_id}/kalender.ics"


def plan_ocds_path(plan_id: str) -> str:
    """The plan's OCDS release package."""
    return f"{plan_id}/ocds-releasepaket.json"


def person_calendar_path(person_id: str) -> str:
    """A person's calendar feed."""
    return f"ansvar/{person_id}.ics"


def plan_files(plan: Plan) -> list[OpenFile]:
    """The plan's open-data files that are not tables."""
    return [
        OpenFile(
            plan_json_path(plan.id),
            "JSON",
            "Hela planen",
            "Varje datafil i planens mapp (plan, underkategorier, effektmål, strategier, nyckeltal, aktiviteter, "
            "upphandlingsbehov, organisation, nulägesanalys och uppföljning) med samma nycklar som i YAML-filerna.",
            f"{plan.id}/{PLAN_SCHEMA_FILE}",
        ),
        OpenFile(
            f"{plan.id}/{PLAN_SCHEMA_FILE}",
            "JSON Schema (2020-12)",
            "Schemat för hela planen",
            "Beskriver varje fält i JSON-filen, med svenska förklaringar.",
        ),
        OpenFile(
            plan_calendar_path(plan.id),
            "iCalendar (RFC 5545)",
            "Kalender",
            "Heldagshändelser: dagen nuvarande avtal kan förlängas till och senaste start för varje upphandlingsbehov "
            "med datum, och aktiviteternas planerade start, slut och senaste start med planens precision.",
            "RFC 5545",
        ),
        OpenFile(
            plan_ocds_path(plan.id),
            "OCDS 1.1 (JSON)",
            "Upphandlingsbehoven som OCDS-planering",
            "Ett releasepaket med en planeringsrelease per upphandlingsbehov (Open Contracting Data Standard).",
            "OCDS 1.1.5, release-package-schema.json",
        ),
    ]


def shared_files() -> list[OpenFile]:
    """The open-data files of what the plans share."""
    return [
        OpenFile(
            f"{SHARED_FOLDER}/kommun.json",
            "JSON",
            "Kommunens gemensamma data",
            "Förvaltningar, nämnder, enheter, roller, personer, målområden, fullmäktigemål och "
            "styrdokument, som i data/kommun/. De nationella inriktningsmålen hör till "
            "vägledningsbiblioteket (data/vagledning/) och finns inte i filen.",
            f"{SHARED_FOLDER}/{SHARED_SCHEMA_FILE}",
        ),
        OpenFile(
            f"{SHARED_FOLDER}/{SHARED_SCHEMA_FILE}",
            "JSON Schema (2020-12)",
            "Schemat för kommunens gemensamma data",
            "Beskriver varje fält i JSON-filen.",
        ),
    ]


def publisher_of(plan: Plan, settings: OpenDataSettings) -> str:
    """Who publishes the plan's data: the setting, or the municipality the plan names."""
    return settings.publisher or plan.meta.municipality


def site_jobs(
    model: Municipality,
    today: dt.date,
    history: History,
    settings: OpenDataSettings,
    *,
    sequence: EventSequence | None = None,
    page_address: Callable[[str], str | None] = lambda page: None,
) -> list[Job]:
    """The jobs that write every file of `plan_files`, `shared_files` and each person's calendar.

    `page_address` gives a page's absolute address when the site's address is known (for links
    in the calendar events and the OCDS package's uri); `sequence` is how often a date changed.
    """
    from macros.exports.calendar import no_changes
    from macros.exports.jobs import SchemaFile, TextFile
    from macros.exports.plan_json import json_text, shared_document

    sequence = sequence or no_changes
    jobs: list[Job] = []
    shared = data_version(history, None, today)
    jobs.append(
        TextFile(
            path=f"{SHARED_FOLDER}/kommun.json",
            text=json_text(
                shared_document(
                    model,
                    data_date=shared.day,
                    data_version=shared.version,
                    licence=settings.licence,
                    licence_url=settings.licence_url,
                )
            ),
            title="Kommunens gemensamma data (JSON)",
        )
    )
    jobs.append(SchemaFile(f"{SHARED_FOLDER}/{SHARED_SCHEMA_FILE}", "kommun"))
    for plan in model.plans.values():
        jobs += _plan_jobs(plan, today, data_version(history, plan.id, today), settings, sequence, page_address)
    jobs += _person_jobs(model, today, shared, sequence, page_address)
    return jobs


def _plan_jobs(
    plan: Plan,
    today: dt.date,
    version: DataVersion,
    settings: OpenDataSettings,
    sequence: EventSequence,
    page_address: Callable[[str], str | None],
) -> list[Job]:
    """The JSON, schema, calendar and OCDS jobs of one plan."""
    from macros.exports.calendar import plan_feed
    from macros.exports.jobs import CalendarFile, SchemaFile, TextFile
    from macros.exports.ocds import release_package
    from macros.exports.plan_json import json_text, plan_document

    document = plan_document(
        plan,
        data_date=version.day,
        data_version=version.version,
        licence=settings.licence,
        licence_url=settings.licence_url,
    )
    ocds_path = plan_ocds_path(plan.id)
    uri = (
        page_address(f"{DOWNLOAD_DIR}/{ocds_path}")
        or f"urn:kategoriplan:{plan.id}:ocds-releasepaket:{version.day.isoformat()}"
    )
    package = release_package(
        plan,
        today,
        prefix=settings.ocid_prefix,
        stamp=version.stamp,
        uri=uri,
        publisher=publisher_of(plan, settings),
        licence_url=settings.licence_url,
    )
    feed = plan_feed(plan, today, version.stamp, sequence=sequence, urls=page_address)
    return [
        TextFile(path=plan_json_path(plan.id), text=json_text(document), title=f"{plan.meta.name} (JSON)"),
        SchemaFile(f"{plan.id}/{PLAN_SCHEMA_FILE}", "plan"),
        CalendarFile(feed),
        TextFile(
            path=ocds_path,
            text=json_text(package),
            title=f"Upphandlingsbehoven i {plan.meta.name} som OCDS-releasepaket",
        ),
    ]


def person_feeds(
    model: Municipality,
    today: dt.date,
    stamp: dt.datetime,
    *,
    sequence: EventSequence | None = None,
    page_address: Callable[[str], str | None] = lambda page: None,
) -> list[Feed]:
    """One feed per person: the activities the person takes part in, directly or through a role held today.

    An activity that names only roles the person holds says which, and that the person holds them
    by the editors' interpretation (`via_role_text`).
    """
    from macros.exports.calendar import no_changes, person_feed
    from macros.model.raci import involvements_by_person

    sequence = sequence or no_changes
    involvements = involvements_by_person(model, today)
    feeds = []
    for person in model.people:
        found = _person_activities(involvements.get(person.id, []), person.name)
        feeds.append(person_feed(person.name, person.id, found, stamp, sequence=sequence, urls=page_address))
    return feeds


def _person_activities(items: list[Involvement], person_name: str) -> list[tuple[Plan, Activity, str | None]]:
    """Each activity of a person's involvements once, in order, with None when the plan names the
    person in it and otherwise the text saying through which roles it reaches the person."""
    found: dict[tuple[str, str], tuple[Plan, Activity]] = {}
    roles: dict[tuple[str, str], list[Role]] = {}
    named: set[tuple[str, str]] = set()
    for item in items:
        key = (item.plan.id, item.assignment.activity.id)
        found.setdefault(key, (item.plan, item.assignment.activity))
        known = roles.setdefault(key, [])
        if item.via_role is None:
            named.add(key)
        elif item.via_role not in known:
            known.append(item.via_role)
    return [
        (plan, activity, None if key in named else via_role_text(roles[key], person_name))
        for key, (plan, activity) in found.items()
    ]


def via_role_text(roles: list[Role], person_name: str) -> str:
    """How an activity that names only roles reaches a person, in the pages' wording: "Genom rollen
    Kategoriledare (innehas enligt redaktionens tolkning av Sara Holst). Planen anger rollen, inte personen."""
    from macros.render.raci import resolved_role_text  # the pages' wording; the render layer imports exports

    texts = "; ".join(resolved_role_text(role.name, person_name) for role in roles)
    which = "rollen" if len(roles) == 1 else "rollerna"
    return f"Genom {which} {texts}. Planen anger {which}, inte personen."


def _person_jobs(
    model: Municipality,
    today: dt.date,
    version: DataVersion,
    sequence: EventSequence,
    page_address: Callable[[str], str | None],
) -> list[Job]:
    """Every person's calendar."""
    from macros.exports.jobs import CalendarFile

    feeds = person_feeds(model, today, version.stamp, sequence=sequence, page_address=page_address)
    return [CalendarFile(feed) for feed in feeds]
