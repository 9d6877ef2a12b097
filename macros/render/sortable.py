"""One table helper for every table of the views: complete HTML without JavaScript,
sortable and filterable with it (`content/assets/sortering.js`).

The markup is `<table class="sorterbar">` with a `<button>` in each sortable header cell
(`aria-sort` on the `<th>`), sort values in `data-sort` where the shown text does not
sort right (Swedish numbers, dates in words), and filters as labelled `<select>`
controls that the script shows; their values are in `data-f-<key>` on each row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from macros.render.html import attributes, scroll_region, slug, swedish_key
from macros.render.safe import plain

SortType = Literal["text", "nummer"]
SEPARATOR = "|"
"""Separates several filter values of one row in `data-f-<key>`."""


@dataclass(frozen=True)
class Column:
    """A table column: its header, how it sorts, and whether it is a row header."""

    label: str
    sort: SortType | None = "text"
    row_header: bool = False
    css: str | None = None
    header_html: str | None = None
    """Header content as HTML (e.g. with a link) for columns that do not sort; default: the label."""


@dataclass(frozen=True)
class Cell:
    """A cell: HTML content and, when the text does not sort right, a sort value."""

    html: str
    sort: str | None = None


def cell(text: str, sort: str | float | None = None) -> Cell:
    """A cell with plain text (escaped), which may wrap after a slash ("Brandskydd/Besiktning")."""
    return Cell(breakable(plain(text)), None if sort is None else str(sort))


_SLASH_IN_WORD = re.compile(r"(?<=\w)/(?=\w)")


def breakable(html: str) -> str:
    """Escaped text with a line-break opportunity (`<wbr>`) after each slash between letters, so
    that a long compound such as "Brandskyddsarbete/Besiktningssystem" does not widen its column."""
    return _SLASH_IN_WORD.sub("/<wbr>", html)


@dataclass(frozen=True)
class Row:
    """A table row with its cells and the values each filter matches."""

    cells: list[Cell]
    filters: dict[str, list[str]] = field(default_factory=dict)
    css: str | None = None


@dataclass(frozen=True)
class Filter:
    """A filter control: key, label, and the value order (Swedish alphabetical or as given)."""

    key: str
    label: str
    order: list[str] | None = None
    shown_as: dict[str, str] = field(default_factory=dict)
    """What a choice says where it says more than the value it matches (a person reached through a role)."""


@dataclass(frozen=True)
class Table:
    """A table to render; `sorted_by` is the column the rows are already in (ascending)."""

    id: str
    caption: str
    columns: list[Column]
    rows: list[Row]
    filters: list[Filter] = field(default_factory=list)
    sorted_by: int | None = None
    noun: tuple[str, str] = ("rad", "rader")
    sortable: bool = True
    download: str = ""
    """The table's download links (`macros.render.downloads.offer`), shown right below it."""
    css: str | None = None
    """A further class of the table element, for tables the style sheets treat apart."""

    def html(self) -> str:
        """The whole table: filters (shown by the script), scroll region and table."""
        table = (
            f'<table class="{" ".join(filter(None, [self._kind, self.css]))}" id="{plain(self.id)}">'
            f"<caption>{plain(self.caption)}</caption>"
            f"<thead><tr>{''.join(self._header(i, c) for i, c in enumerate(self.columns))}</tr></thead>"
            f"<tbody>{''.join(self._row(row) for row in self.rows)}</tbody></table>"
        )
        wrapped = scroll_region(table, self.caption, "tabell-rulla")
        return (
            f'<div class="vytabell-behallare"{self._data_attributes()}>{self._filters()}{wrapped}{self.download}</div>'
        )

    @property
    def _kind(self) -> str:
        """The class the table script looks for: sortable or a plain view table."""
        return "sorterbar" if self.sortable else "vytabell"

    def _values(self, spec: Filter) -> list[str]:
        """The values of one filter that occur in the rows, in the filter's order."""
        found = {value for row in self.rows for value in row.filters.get(spec.key, [])}
        return [v for v in spec.order if v in found] if spec.order else sorted(found, key=swedish_key)

    @property
    def _useful_filters(self) -> list[Filter]:
        """The filters that can narrow the table: those with at least two values in the rows."""
        return [spec for spec in self.filters if len(self._values(spec)) >= 2]

    def _data_attributes(self) -> str:
        """The nouns the script uses in its count line ("Visar 3 av 22 aktiviteter")."""
        return attributes({"data-en": self.noun[0], "data-flera": self.noun[1]}) if self._useful_filters else ""

    def _header(self, index: int, column: Column) -> str:
        """A header cell, with a sort button when the table and column sort."""
        if not self.sortable or column.sort is None:
            content = column.header_html or plain(column.label)
            return f'<th scope="col"{attributes({"class": column.css})}>{content}</th>'
        state = "ascending" if index == self.sorted_by else None
        extra = attributes({"class": column.css, "aria-sort": state, "data-typ": column.sort})
        return f'<th scope="col"{extra}><button type="button">{plain(column.label)}</button></th>'

    def _row(self, row: Row) -> str:
        """A body row with its filter values."""
        data = {f"data-f-{key}": SEPARATOR.join(values) for key, values in row.filters.items()}
        cells = "".join(self._cell(column, item) for column, item in zip(self.columns, row.cells, strict=True))
        return f"<tr{attributes({**data, 'class': row.css})}>{cells}</tr>"

    @staticmethod
    def _cell(column: Column, item: Cell) -> str:
        """A data cell, or a row header cell for the column that names the row."""
        scope, tag = (' scope="row"', "th") if column.row_header else ("", "td")
        sort = "" if item.sort is None else f' data-sort="{plain(item.sort)}"'
        css = "" if column.css is None else f' class="{plain(column.css)}"'
        return f"<{tag}{scope}{sort}{css}>{item.html}</{tag}>"

    def _filters(self) -> str:
        """Labelled selects, hidden until the script shows them, and a live count line.

        None of it is text of the page: every part says `data-search-exclude`, so that the search
        index holds no option lists (Material's parser can lose the outer mark at a nested end tag).
        """
        useful = self._useful_filters
        if not useful:
            return ""
        controls = "".join(self._select(f) for f in useful)
        return (
            f'<div class="tabellfilter" hidden data-search-exclude><p class="tabellfilter-rubrik">Filtrera tabellen</p>'
            f'<div class="tabellfilter-val">{controls}</div>'
            f'<p class="tabellfilter-antal" role="status" aria-live="polite"></p></div>'
        )

    def _select(self, spec: Filter) -> str:
        """One filter control with every value that occurs in the rows."""
        values = self._values(spec)
        control_id = f"{self.id}-filter-{slug(spec.key)}"
        options = "".join(f'<option value="{plain(v)}">{plain(spec.shown_as.get(v, v))}</option>' for v in values)
        return (
            f'<div class="tabellfilter-falt" data-search-exclude><label for="{control_id}">{plain(spec.label)}</label>'
            f'<select id="{control_id}" data-filter="{plain(spec.key)}"><option value="">Alla</option>{options}</select></div>'
        )


def data_table(
    table_id: str,
    caption: str,
    headers: list[str],
    rows: list[list[Cell]],
    *,
    numeric: set[int] | None = None,
    download: str = "",
) -> str:
    """A diagram's data table: sortable, first column as row header, numbers sorted as numbers."""
    numeric = numeric or set()
    columns = [
        Column(label, "nummer" if i in numeric else "text", row_header=i == 0, css="tal" if i in numeric else None)
        for i, label in enumerate(headers)
    ]
    return Table(table_id, caption, columns, [Row(cells) for cells in rows], download=download).html()
