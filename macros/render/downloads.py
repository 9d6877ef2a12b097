"""The download links "Ladda ner: Excel · CSV" next to every table the site shows from the data.

`offer` hands the table's rows (a `Dataset`) to the build's collection and returns the links
as HTML. The links are relative, so they work offline, from a file system and under any base
path; the files are written into the built site by the build (`macros.adapter.exports`).
"""

from __future__ import annotations

import posixpath

from macros.exports.catalog import person_calendar_path, plan_calendar_path
from macros.exports.dataset import DOWNLOAD_DIR, Dataset
from macros.render.context import Site
from macros.render.html import page_url
from macros.render.paths import relative_path
from macros.render.safe import plain

FORMAT_NAMES = {"xlsx": "Excel", "csv": "CSV"}
"""How the links name each file format."""


def file_href(site: Site, path: str) -> str:
    """A relative URL from the current page to a file of the built site (`nedladdning/…`)."""
    here = page_url(site.page)
    folder = here if here.endswith("/") or not here else posixpath.dirname(here)
    return relative_path(path, folder.rstrip("/") or ".")


def links(site: Site, table: Dataset) -> str:
    """Collect the table for writing; its download links as HTML ("Excel · CSV"), named for screen readers too."""
    site.downloads.offer(table)
    return " · ".join(
        f'<a href="{plain(file_href(site, table.file(extension)))}" download>{name}'
        f'<span class="vy-dold"> ({plain(table.title)})</span></a>'
        for extension, name in FORMAT_NAMES.items()
    )


def offer(site: Site, table: Dataset, *, wider: str = "") -> str:
    """Collect the table for writing and return the paragraph "Ladda ner: Excel · CSV" (HTML).

    `wider` says, for a table that shows part of a larger export (one record's history), what
    the files hold instead: "Ladda ner: Excel · CSV (hela ändringshistoriken …)".
    """
    scope = f" ({plain(wider)})" if wider else ""
    return f'<p class="nedladdning" data-search-exclude>Ladda ner: {links(site, table)}{scope}</p>'


def plan_calendar(site: Site, plan_id: str, name: str) -> str:
    """A paragraph with the link to a plan's calendar feed (written by the build, see `macros.exports.catalog`)."""
    href = file_href(site, f"{DOWNLOAD_DIR}/{plan_calendar_path(plan_id)}")
    return (
        f'<p class="nedladdning" data-search-exclude>Kalender: <a href="{plain(href)}">sista dagarna för upphandlingarna och '
        f"aktiviteternas planerade datum i {plain(name)}</a> (iCalendar), att prenumerera på i Outlook eller "
        "Google Kalender.</p>"
    )


def person_calendar(site: Site, person_id: str, name: str) -> str:
    """A paragraph with the link to a person's calendar feed (written by the build, see `macros.exports.catalog`)."""
    href = file_href(site, f"{DOWNLOAD_DIR}/{person_calendar_path(person_id)}")
    return (
        f'<p class="nedladdning" data-search-exclude>Kalender: <a href="{plain(href)}">planerade datum för aktiviteterna där '
        f"{plain(name)} deltar</a> (iCalendar). Prenumerera på den i Outlook eller Google Kalender, så uppdateras "
        "den när planen ändras; sidan Öppna data för varje plan beskriver hur.</p>\n"
    )
