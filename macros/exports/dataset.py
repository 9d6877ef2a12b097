"""A table as data: Swedish headers, typed values, and where its files go in the built site.

A view that shows a table from the data describes the same rows as a `Dataset` (numbers as
numbers, dates as dates) and offers it for download next to the table
(`macros.render.downloads.offer`). The build collects every dataset offered on any page in
`Downloads` and writes each as Excel and CSV (`macros.exports.tabular`); a link is only made
for a dataset that is collected, so every link has its file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Value = str | int | float | dt.date | None
"""One cell of an export: text, a whole number, a number, a date, or empty."""

Kind = Literal["text", "heltal", "tal", "datum"]
"""What a column holds: text, whole numbers, numbers (decimals allowed) or dates."""

DOWNLOAD_DIR = "nedladdning"
"""The folder of the built site that holds every exported file."""

TABLE_FORMATS = ("xlsx", "csv")
"""The files written for every table, in the order the links show them."""

_PATH = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")

_ACCEPTS: dict[Kind, tuple[type, ...]] = {
    "text": (str,),
    "heltal": (int,),
    "tal": (int, float),
    "datum": (dt.date,),
}


@dataclass(frozen=True)
class Column:
    """A column of an export: its Swedish header and what it holds."""

    label: str
    kind: Kind = "text"


def text(label: str) -> Column:
    """A text column."""
    return Column(label, "text")


def whole(label: str) -> Column:
    """A column of whole numbers."""
    return Column(label, "heltal")


def number(label: str) -> Column:
    """A column of numbers that may have decimals."""
    return Column(label, "tal")


def date(label: str) -> Column:
    """A column of dates."""
    return Column(label, "datum")


@dataclass(frozen=True)
class Dataset:
    """The rows of one table as typed values, and the file name (without extension) of its exports.

    `path` is relative to the download folder, e.g. `it-och-telekom/aktiviteter`; `title`
    names the table (the workbook's title and sheet). A row has one value per column, of the
    column's kind or None.
    """

    path: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...] = field(default=())

    def __post_init__(self) -> None:
        """Refuse a malformed dataset: it is a fault in a view, found when the page is rendered."""
        if not _PATH.match(self.path):
            raise ValueError(f"ogiltig sökväg för en export: {self.path!r}")
        if len({c.label for c in self.columns}) != len(self.columns):
            raise ValueError(f"exporten {self.path} har två kolumner med samma rubrik")
        for number_, row in enumerate(self.rows, 1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"exporten {self.path}: rad {number_} har {len(row)} värden för {len(self.columns)} kolumner"
                )
            for column, value in zip(self.columns, row, strict=True):
                if value is not None and (not isinstance(value, _ACCEPTS[column.kind]) or isinstance(value, bool)):
                    raise ValueError(
                        f"exporten {self.path}: rad {number_}, kolumnen {column.label!r} ({column.kind}) "
                        f"kan inte hålla {value!r}"
                    )

    def file(self, extension: str) -> str:
        """The file's path in the built site, e.g. `nedladdning/it-och-telekom/aktiviteter.xlsx`."""
        return f"{DOWNLOAD_DIR}/{self.path}.{extension}"

    @property
    def files(self) -> list[str]:
        """Every file written for the table (Excel and CSV)."""
        return [self.file(extension) for extension in TABLE_FORMATS]


def dataset(path: str, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Value]]) -> Dataset:
    """A dataset from lists (rows and columns become tuples; an empty text counts as no value)."""
    return Dataset(path, title, tuple(columns), tuple(tuple(None if v == "" else v for v in row) for row in rows))


class Downloads:
    """The datasets offered for download in one build, each once, in the order they were offered.

    `sink`, when set (by the build), receives each new dataset as it is offered, so that its
    files can be written while the rest of the site is rendered. The same path offered twice
    must have the same content (a page may be rendered twice, e.g. by the check and the build).
    """

    def __init__(self, sink: Callable[[Dataset], None] | None = None) -> None:
        self._offered: dict[str, Dataset] = {}
        self.sink = sink

    def offer(self, item: Dataset) -> None:
        """Collect `item`; a different dataset under a path already taken is a fault in the views."""
        known = self._offered.get(item.path)
        if known is not None:
            if known != item:
                raise ValueError(f"två olika tabeller vill exporteras som {item.path}")
            return
        self._offered[item.path] = item
        if self.sink is not None:
            self.sink(item)

    @property
    def datasets(self) -> list[Dataset]:
        """Every dataset offered so far."""
        return list(self._offered.values())

    def __len__(self) -> int:
        return len(self._offered)
