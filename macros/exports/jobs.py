"""The files a build writes, as small jobs that can be sent to another process.

Each job knows its files and writes them under the built site's folder; the libraries it
needs (pandas, icalendar) are imported by `write`, never by this module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from macros.exports.calendar import Feed
from macros.exports.dataset import DOWNLOAD_DIR, Dataset


class Job(Protocol):
    """Something the export step writes."""

    @property
    def files(self) -> list[str]:
        """The files it writes, relative to the built site."""
        ...

    @property
    def title(self) -> str:
        """What the files hold, in Swedish (for the list of every file)."""
        ...

    def write(self, root: Path) -> None:
        """Write the files under `root`."""
        ...


def _target(root: Path, path: str) -> Path:
    """A file of the built site, with its folder made and without an earlier file at its place: that may
    be a hard link into the export cache (`macros.adapter.exports`), which must be replaced, never
    written over."""
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    return target


@dataclass(frozen=True)
class TableFiles:
    """A table as Excel and CSV."""

    table: Dataset
    created: dt.datetime

    @property
    def files(self) -> list[str]:
        """The .xlsx and the .csv file."""
        return self.table.files

    @property
    def title(self) -> str:
        """The table's title."""
        return self.table.title

    def write(self, root: Path) -> None:
        """Write both with pandas."""
        from macros.exports.tabular import write_table

        for path in self.files:
            _target(root, path)
        write_table(self.table, root, self.created)


@dataclass(frozen=True)
class TextFile:
    """A file whose text is ready (JSON, OCDS)."""

    path: str
    text: str
    title: str

    @property
    def files(self) -> list[str]:
        """The one file."""
        return [f"{DOWNLOAD_DIR}/{self.path}"]

    def write(self, root: Path) -> None:
        """Write the text as UTF-8."""
        _target(root, self.files[0]).write_text(self.text, encoding="utf-8", newline="\n")


@dataclass(frozen=True)
class CalendarFile:
    """A calendar feed as iCalendar."""

    feed: Feed

    @property
    def files(self) -> list[str]:
        """The .ics file."""
        return [f"{DOWNLOAD_DIR}/{self.feed.path}"]

    @property
    def title(self) -> str:
        """The calendar's name."""
        return f"Kalender: {self.feed.name}"

    def write(self, root: Path) -> None:
        """Write the feed with icalendar."""
        from macros.exports.ical import feed_bytes

        _target(root, self.files[0]).write_bytes(feed_bytes(self.feed))


@dataclass(frozen=True)
class SchemaFile:
    """The JSON Schema of the plan or the shared JSON export, made from the model."""

    path: str
    kind: Literal["plan", "kommun"]

    @property
    def title(self) -> str:
        """Which export the schema describes."""
        return f"JSON Schema för {'planens' if self.kind == 'plan' else 'kommunens gemensamma'} JSON-fil"

    @property
    def files(self) -> list[str]:
        """The one file."""
        return [f"{DOWNLOAD_DIR}/{self.path}"]

    def write(self, root: Path) -> None:
        """Write the schema."""
        from macros.exports.plan_json import export_schema_text

        _target(root, self.files[0]).write_text(export_schema_text(self.kind), encoding="utf-8", newline="\n")
