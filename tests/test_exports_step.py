"""The build's export step in this process (`macros.adapter.exports`): the files of every offered
table are written into the site, and the step leaves no file of its own open, whether the
build finishes or fails."""

from __future__ import annotations

import datetime as dt
import gc
import warnings
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from macros.adapter import exports
from macros.exports.dataset import dataset, date, text, whole
from macros.exports.settings import OpenDataSettings
from macros.loading.loader import load
from macros.model.catalog import Municipality
from macros.render.context import Site
from tests.sitebuild import ROOT

pytestmark = pytest.mark.build

TODAY = dt.date(2026, 11, 29)
TABLE = dataset("prov/tabell", "Prov", [text("Namn"), whole("Antal"), date("Dag")], [["a", 3, TODAY]])


@pytest.fixture(scope="module")
def model() -> Municipality:
    """The real data."""
    result = load(ROOT / "data", today=TODAY)
    assert result.model is not None
    return result.model


@pytest.fixture
def no_unclosed_files() -> Iterator[list[warnings.WarningMessage]]:
    """The ResourceWarnings raised while the test runs and when its garbage is collected."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        yield caught
        gc.collect()


def test_a_finished_step_has_written_each_table_and_closed_its_files(
    model: Municipality, tmp_path: Path, no_unclosed_files: list[warnings.WarningMessage]
) -> None:
    """After `finish`, an offered table is in the site as Excel with its row, and no file of the step is open."""
    site = Site(model=model, today=TODAY)
    exports.begin(tmp_path, site, OpenDataSettings())
    site.downloads.offer(TABLE)
    exports.finish()
    sheet = openpyxl.load_workbook(tmp_path / "nedladdning/prov/tabell.xlsx").worksheets[0]
    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [["a", 3, dt.datetime(2026, 11, 29)]]
    del site  # its downloads' sink holds the step
    gc.collect()
    assert [w for w in no_unclosed_files if issubclass(w.category, ResourceWarning)] == []


def test_an_abandoned_step_closes_its_files(
    model: Municipality, tmp_path: Path, no_unclosed_files: list[warnings.WarningMessage]
) -> None:
    """A failed build's step is stopped and leaves no file open."""
    site = Site(model=model, today=TODAY)
    exports.begin(tmp_path, site, OpenDataSettings())
    exports.abandon()
    del site  # its downloads' sink holds the step
    gc.collect()
    assert [w for w in no_unclosed_files if issubclass(w.category, ResourceWarning)] == []
