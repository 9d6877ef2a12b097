"""The table exports on inline data: a dataset refuses wrong values, and its Excel and CSV files,
read back with openpyxl and pandas as a user's tool reads them, hold every row and value with
the right types, Swedish headers, a frozen and filtered header row, fitting columns, and text
that never becomes a formula."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from macros.exports.dataset import Dataset, Downloads, dataset, date, number, text, whole
from macros.exports.tabular import MAX_WIDTH, sheet_name, write_table
from tests.sitebuild import ROOT

CREATED = dt.datetime(2026, 1, 2, 3, 4, 5)

SAMPLE = dataset(
    "prov/tabell",
    "Prov: tal, datum och text",
    [text("Namn"), whole("Antal"), number("Andel"), date("Datum"), text("Anteckning")],
    [
        ["Första", 1, 14.2, dt.date(2024, 6, 30), "vanlig text"],
        ["Andra", None, None, None, None],
        ["=SUMMA(1;2)", 1_000_000, 0.125, dt.date(1999, 12, 31), "+46 8 123 45"],
        ["Tredje", 3, 163.0, dt.date(2200, 1, 1), "rad ett\nrad två"],
        ["@kontakt", -2, -0.5, dt.date(1900, 1, 1), "x" * 300],
    ],
)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample written as Excel and CSV into a fresh folder."""
    root = tmp_path_factory.mktemp("tabeller")
    write_table(SAMPLE, root, CREATED)
    return root


def _sheet(root: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(root / SAMPLE.file("xlsx")).worksheets[0]


def test_excel_has_the_swedish_headers_in_the_first_row(written: Path) -> None:
    """The first row of the workbook is the dataset's column labels, in order."""
    header = [cell.value for cell in _sheet(written)[1]]
    assert header == [column.label for column in SAMPLE.columns]


def test_excel_holds_every_row_with_real_numbers_and_dates(written: Path) -> None:
    """Every row comes back from openpyxl with numbers as numbers, dates as dates and empty cells empty."""
    rows = list(_sheet(written).iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(SAMPLE.rows)
    for got, expected in zip(rows, SAMPLE.rows, strict=True):
        values = [v.date() if isinstance(v, dt.datetime) else v for v in got]
        early = [v.isoformat() if isinstance(v, dt.date) and v < dt.date(1900, 3, 1) else v for v in expected]
        assert values == early


def test_excel_dates_are_date_cells_shown_as_iso_dates(written: Path) -> None:
    """A date is an Excel date cell with the format ÅÅÅÅ-MM-DD, not text."""
    cell = _sheet(written)["D2"]
    assert cell.is_date and cell.number_format.lower() == "yyyy-mm-dd"


def test_excel_text_never_becomes_a_formula(written: Path) -> None:
    """A text beginning with = is stored as a string, not as a formula."""
    cell = _sheet(written)["A4"]
    assert cell.data_type == "s" and cell.value == "=SUMMA(1;2)"


def test_excel_header_row_is_frozen_and_filtered(written: Path) -> None:
    """The header row stays in view (frozen at A2) and has filters over every column and row."""
    sheet = _sheet(written)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:E{len(SAMPLE.rows) + 1}"


def test_excel_columns_fit_their_content(written: Path) -> None:
    """Each column is at least as wide as its header and widest value, up to a limit where long text wraps."""
    sheet = _sheet(written)
    for index, column in enumerate(SAMPLE.columns):
        letter = openpyxl.utils.get_column_letter(index + 1)
        widest = max(
            [len(column.label)]
            + [len(max(str(row[index]).splitlines(), key=len)) for row in SAMPLE.rows if row[index] is not None]
        )
        width = sheet.column_dimensions[letter].width
        assert width >= min(widest, MAX_WIDTH), (column.label, width, widest)


def test_excel_long_text_wraps(written: Path) -> None:
    """A column cut at the width limit wraps its text."""
    assert _sheet(written)["E6"].alignment.wrap_text


def test_excel_properties_name_the_table(written: Path) -> None:
    """The workbook's title is the table's title, and its creation time the data's (reproducible)."""
    book = openpyxl.load_workbook(written / SAMPLE.file("xlsx"))
    assert book.properties.title == SAMPLE.title
    assert book.properties.created == CREATED


def _csv(root: Path) -> pd.DataFrame:
    return pd.read_csv(
        root / SAMPLE.file("csv"), sep=";", decimal=",", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )


def test_csv_is_utf8_with_bom_semicolons_and_crlf(written: Path) -> None:
    """The CSV file starts with a UTF-8 byte order mark, separates with semicolons and ends lines with CRLF."""
    raw = (written / SAMPLE.file("csv")).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\r\n")[0].decode("utf-8-sig") == "Namn;Antal;Andel;Datum;Anteckning"


def test_csv_holds_every_row_as_swedish_excel_reads_it(written: Path) -> None:
    """Every row is in the CSV: whole numbers plain, decimals with a comma, dates ÅÅÅÅ-MM-DD, empty cells empty."""
    data = _csv(written)
    assert list(data.columns) == [column.label for column in SAMPLE.columns]
    assert data.values.tolist() == [
        ["Första", "1", "14,2", "2024-06-30", "vanlig text"],
        ["Andra", "", "", "", ""],
        ["'=SUMMA(1;2)", "1000000", "0,125", "1999-12-31", "'+46 8 123 45"],
        ["Tredje", "3", "163,0", "2200-01-01", "rad ett\nrad två"],
        ["'@kontakt", "-2", "-0,5", "1900-01-01", "x" * 300],
    ]


def test_csv_numbers_read_back_as_numbers_with_pandas(written: Path) -> None:
    """Pandas reads the numeric columns back as numbers with decimal=","."""
    data = pd.read_csv(written / SAMPLE.file("csv"), sep=";", decimal=",", encoding="utf-8-sig")
    assert data["Andel"].tolist()[:1] == [14.2] and data["Antal"].tolist()[0] == 1


def test_control_characters_do_not_break_the_workbook(tmp_path: Path) -> None:
    """A control character XML cannot hold is written visibly (as backslash x07), and the file opens."""
    odd = dataset("prov/styrtecken", "Styrtecken", [text("Text")], [["före\x07efter"]])
    write_table(odd, tmp_path, CREATED)
    sheet = openpyxl.load_workbook(tmp_path / odd.file("xlsx")).worksheets[0]
    assert sheet["A2"].value == "före\\x07efter"


def test_sheet_names_follow_excels_rules() -> None:
    """A sheet name has at most 31 characters and none of the characters Excel forbids."""
    name = sheet_name("Aktiviteter: [9.2] i Kategoriplan IT/Telekom och mycket mer")
    assert len(name) <= 31 and not set(name) & set("[]:*?/\\")


@pytest.mark.parametrize(
    ("columns", "rows"),
    [
        ([whole("Antal")], [["3"]]),
        ([whole("Antal")], [[True]]),
        ([whole("Antal")], [[2.5]]),
        ([date("Datum")], [["2024-01-01"]]),
        ([text("Text")], [[3]]),
        ([text("Text")], [["a", "b"]]),
    ],
)
def test_a_dataset_refuses_values_of_the_wrong_kind(columns: list, rows: list) -> None:
    """A value that does not fit its column, or a row of the wrong length, is a fault found at once."""
    with pytest.raises(ValueError):
        dataset("prov/fel", "Fel", columns, rows)


def test_a_dataset_refuses_a_path_outside_the_download_folder() -> None:
    """The file name is a relative path of ids: no dots, slashes at the ends or capitals."""
    for path in ("../ut", "/abs", "A/b", "a//b", "a/b/"):
        with pytest.raises(ValueError):
            Dataset(path, "Fel", (text("Text"),))


def test_downloads_keep_each_table_once_and_refuse_two_tables_under_one_name() -> None:
    """Offering the same table twice keeps one; another table under the same name is a fault."""
    sent: list[Dataset] = []
    downloads = Downloads(sink=sent.append)
    downloads.offer(SAMPLE)
    downloads.offer(SAMPLE)
    assert downloads.datasets == [SAMPLE] and sent == [SAMPLE]
    with pytest.raises(ValueError):
        downloads.offer(dataset(SAMPLE.path, "Annan", [text("Namn")], [["x"]]))


@pytest.mark.parametrize(
    "code",
    [
        "import macros.render, macros.cli, macros.exports.catalog, macros.adapter.session",
        "from macros.cli import main; main(['check'])",
    ],
)
def test_the_check_and_the_engine_never_import_the_writers(code: str) -> None:
    """pandas, XlsxWriter, openpyxl and icalendar are imported only where files are written, never by `make check`."""
    probe = f"{code}\nimport sys\nprint(sorted(m for m in ('pandas', 'xlsxwriter', 'openpyxl', 'icalendar', 'numpy') if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
