"""Write a dataset as Excel and CSV with pandas (Excel through XlsxWriter).

Excel: Swedish headers in a frozen first row with filters, dates as Excel dates shown
ÅÅÅÅ-MM-DD (a date before 1 March 1900, which Excel's 1900 date system cannot hold, as
text), numbers as numbers, columns as wide as their content (long texts wrap), the table's
title in the workbook's properties. Text is always written as text: a value that
begins with `=` is not made a formula and an address is not made a link.

CSV: UTF-8 with a byte order mark, semicolons between fields and a decimal comma, as
Swedish Excel opens a file by double-click; dates ÅÅÅÅ-MM-DD, CRLF line ends. A text that
begins with `=`, `+`, `-`, `@` or a tab would be a formula in a spreadsheet: it gets a
leading apostrophe (`'=…`), as OWASP recommends against CSV injection.

Imported only where files are written (pandas is never imported by `make check`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from macros.exports.dataset import Dataset, Value

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV field as a formula."""

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters an XLSX file (XML 1.0) cannot hold; written as \\xNN instead."""

FIRST_EXCEL_DATE = dt.date(1900, 3, 1)
"""Excel's 1900 date system counts a 29 February 1900 that never was; earlier dates are written as text."""

MAX_WIDTH = 60
MIN_WIDTH = 8
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _clean(value: str) -> str:
    """Text without the control characters XML cannot hold."""
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", value)


def frame(table: Dataset) -> pd.DataFrame:
    """The dataset as a DataFrame with Swedish headers and typed columns (missing values stay missing)."""
    rows = [tuple(_clean(v) if isinstance(v, str) else v for v in row) for row in table.rows]
    data = pd.DataFrame.from_records(rows, columns=[c.label for c in table.columns])
    for column in table.columns:
        if column.kind == "heltal":
            data[column.label] = data[column.label].astype("Int64")
        elif column.kind == "tal":
            data[column.label] = data[column.label].astype("float64")
        elif column.kind == "datum":
            data[column.label] = pd.to_datetime(data[column.label])
    return data


def csv_guarded(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(table: Dataset, path: Path, data: pd.DataFrame | None = None) -> None:
    """The dataset as CSV for Swedish Excel: UTF-8 with BOM, semicolons, decimal comma."""
    data = frame(table) if data is None else data
    risky = [
        column.label
        for index, column in enumerate(table.columns)
        if column.kind == "text"
        and any(isinstance(row[index], str) and row[index].startswith(FORMULA_START) for row in table.rows)  # type: ignore[union-attr]
    ]
    if risky:
        data = data.copy()
        for label in risky:
            data[label] = data[label].astype(object).map(csv_guarded)
    data.to_csv(
        path,
        sep=";",
        decimal=",",
        index=False,
        encoding="utf-8-sig",
        date_format="%Y-%m-%d",
        lineterminator="\r\n",
    )


def sheet_name(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of the characters Excel forbids in one."""
    name = SHEET_NAME_FORBIDDEN.sub(" ", title).strip().strip("'") or "Tabell"
    return name[:31].rstrip()


def _width(label: str, values: list[Value]) -> int:
    """A column width in characters that fits the header and the widest value, within limits."""
    widest = max([len(label), *(len(_shown(v)) for v in values)], default=len(label))
    return max(MIN_WIDTH, min(MAX_WIDTH, widest + 2))


def _shown(value: Value) -> str:
    """How wide a value is when shown: its longest line."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return "0000-00-00"
    return max(str(value).splitlines() or [""], key=len)


def _excel_dates(table: Dataset, data: pd.DataFrame) -> pd.DataFrame:
    """The frame with dates Excel cannot hold right (before 1 March 1900) as ISO text; other dates stay dates."""
    early = [
        column.label
        for index, column in enumerate(table.columns)
        if column.kind == "datum"
        and any(isinstance(row[index], dt.date) and row[index] < FIRST_EXCEL_DATE for row in table.rows)  # type: ignore[operator]
    ]
    if not early:
        return data
    data = data.copy()
    for label in early:
        data[label] = [
            value.date().isoformat() if not pd.isna(value) and value.date() < FIRST_EXCEL_DATE else value
            for value in data[label]
        ]
    return data


def write_xlsx(table: Dataset, path: Path, created: dt.datetime, data: pd.DataFrame | None = None) -> None:
    """The dataset as an Excel workbook: frozen header row, filters, typed cells, fitting columns."""
    data = _excel_dates(table, frame(table) if data is None else data)
    sheet = sheet_name(table.title)
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "in_memory": True}
    with pd.ExcelWriter(
        path,
        engine="xlsxwriter",
        date_format="yyyy-mm-dd",
        datetime_format="yyyy-mm-dd",
        engine_kwargs={"options": options},
    ) as writer:
        data.to_excel(writer, sheet_name=sheet, index=False, freeze_panes=(1, 0))
        book = writer.book
        book.set_properties({"title": table.title, "created": created.replace(tzinfo=None)})
        worksheet = writer.sheets[sheet]
        worksheet.autofilter(0, 0, max(len(table.rows), 1), len(table.columns) - 1)
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        for index, column in enumerate(table.columns):
            values = [row[index] for row in table.rows]
            width = _width(column.label, values)
            worksheet.set_column(index, index, width, wrap if width == MAX_WIDTH else None)


def write_table(table: Dataset, root: Path, created: dt.datetime) -> list[Path]:
    """Both files of a dataset under the built site's folder `root`; returns their paths."""
    xlsx, csv = root / table.file("xlsx"), root / table.file("csv")
    xlsx.parent.mkdir(parents=True, exist_ok=True)
    data = frame(table)
    write_xlsx(table, xlsx, created, data)
    write_csv(table, csv, data)
    return [xlsx, csv]
