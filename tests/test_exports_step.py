"""The build's export step in this process (`macros.adapter.exports`): the files of every offered
table are written into the site, and the step leaves no file of its own open, whether the
build finishes or fails."""

from __future__ import annotations

import datetime as dt
import gc
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest

from macros.adapter import exports, incremental
from macros.exports.dataset import dataset, date, text, whole
from macros.exports.settings import OpenDataSettings
from macros.loading import cache
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
    exports.begin(tmp_path / "webbplats", site, OpenDataSettings(), tmp_path / "cache")
    site.downloads.offer(TABLE)
    exports.finish()
    sheet = openpyxl.load_workbook(tmp_path / "webbplats/nedladdning/prov/tabell.xlsx").worksheets[0]
    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [["a", 3, dt.datetime(2026, 11, 29)]]
    del site  # its downloads' sink holds the step
    gc.collect()
    assert [w for w in no_unclosed_files if issubclass(w.category, ResourceWarning)] == []


def test_an_abandoned_step_closes_its_files(
    model: Municipality, tmp_path: Path, no_unclosed_files: list[warnings.WarningMessage]
) -> None:
    """A failed build's step is stopped and leaves no file open."""
    site = Site(model=model, today=TODAY)
    exports.begin(tmp_path / "webbplats", site, OpenDataSettings(), tmp_path / "cache")
    exports.abandon()
    del site  # its downloads' sink holds the step
    gc.collect()
    assert [w for w in no_unclosed_files if issubclass(w.category, ResourceWarning)] == []


def _three_builds(
    model: Municipality,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    after: Callable[[], None] = lambda: None,
    cache: Path | None = None,
) -> tuple[list[Path], list[dict[str, bytes]]]:
    """Three export steps into sites `0`, `1` and `2` offering the same table, the same again, then a changed
    one (`after` runs after each), with the export cache `cache` (default: `cache` in `tmp_path`); the sites
    whose step started the export process, and each site's files."""
    started: list[Path] = []
    start = exports._start

    def counted(site_dir: Path) -> exports._Process:
        started.append(site_dir)
        return start(site_dir)

    monkeypatch.setattr(exports, "_start", counted)
    changed = dataset("prov/tabell", "Prov", [text("Namn"), whole("Antal"), date("Dag")], [["b", 4, TODAY]])
    sites = []
    for table in (TABLE, TABLE, changed):
        site_dir = tmp_path / str(len(sites))
        site = Site(model=model, today=TODAY)
        exports.begin(site_dir, site, OpenDataSettings(), cache or tmp_path / "cache")
        site.downloads.offer(table)
        exports.finish()
        after()
        sites.append({p.relative_to(site_dir).as_posix(): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()})
    return started, sites


def test_the_preview_takes_unchanged_jobs_from_the_export_cache_without_the_process(
    model: Municipality, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the preview, a rebuild whose export jobs are unchanged takes every file, byte for byte, from the
    export cache without starting the export process; a changed table starts it and is written anew, the
    rest still reused."""
    monkeypatch.setattr(incremental, "STATE", incremental._State())
    incremental.STATE.enabled = True

    def next_build() -> None:
        incremental.commit()
        incremental.STATE.current = incremental.Build(full=False)

    started, sites = _three_builds(model, tmp_path, monkeypatch, next_build)
    assert started == [tmp_path / "0", tmp_path / "2"]
    assert sites[1] == sites[0] and len(sites[0]) > 2
    assert {name for name in sites[2] if sites[2][name] != sites[0][name]} == {
        "nedladdning/prov/tabell.xlsx",
        "nedladdning/prov/tabell.csv",
    }
    assert incremental.STATE.previous is not None
    assert incremental.STATE.previous.counts["exportfiler"] == len(sites[0]) - 2
    sheet = openpyxl.load_workbook(tmp_path / "2/nedladdning/prov/tabell.xlsx").worksheets[0]
    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [["b", 4, dt.datetime(2026, 11, 29)]]


@pytest.mark.parametrize("switch", [None, "utan-cache"])
def test_a_build_copies_unchanged_jobs_from_the_export_cache(
    model: Municipality, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, switch: str | None
) -> None:
    """A build whose export jobs are unchanged since an earlier build copies every file, byte for byte, from
    the cache without starting the export process; a changed table starts it and is written anew. With
    KATEGORIPLAN_EXPORT=utan-cache every build writes every file."""
    if switch:
        monkeypatch.setenv(exports.SWITCH, switch)
    started, sites = _three_builds(model, tmp_path, monkeypatch)
    assert started == [tmp_path / str(n) for n in ((0, 1, 2) if switch else (0, 2))]
    assert sites[1] == sites[0] and len(sites[0]) > 2
    assert {name for name in sites[2] if sites[2][name] != sites[0][name]} >= {
        "nedladdning/prov/tabell.xlsx",
        "nedladdning/prov/tabell.csv",
    }
    stored = list((tmp_path / "cache" / exports.STORE).glob("*/*/filer.json"))
    assert (stored != []) is (switch is None)
    sheet = openpyxl.load_workbook(tmp_path / "2/nedladdning/prov/tabell.xlsx").worksheets[0]
    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [["b", 4, dt.datetime(2026, 11, 29)]]


def test_files_from_the_export_cache_are_links_that_a_later_build_never_writes_through(
    model: Municipality, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unchanged job's files are hard links to the export cache (nothing is copied); a later build
    that writes a changed table where such a link lies (a build that does not empty the site folder)
    replaces the link, so the cache keeps the bytes its key promises."""
    _, sites = _three_builds(model, tmp_path, monkeypatch)
    linked = tmp_path / "1/nedladdning/prov/tabell.csv"
    assert linked.stat().st_nlink > 1
    site = Site(model=model, today=TODAY)
    exports.begin(tmp_path / "1", site, OpenDataSettings(), tmp_path / "cache")
    site.downloads.offer(dataset("prov/tabell", "Prov", [text("Namn"), whole("Antal"), date("Dag")], [["c", 5, TODAY]]))
    exports.finish()
    assert linked.read_bytes() != sites[1]["nedladdning/prov/tabell.csv"]
    _, again = _three_builds(model, tmp_path / "igen", monkeypatch, cache=tmp_path / "cache")
    assert again[1] == sites[1]


def test_files_from_the_export_cache_are_copies_where_links_cannot_be_made(
    model: Municipality, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the site and the cache are on different file systems (no hard link), the files are copied,
    byte for byte the same."""

    def no_link(source: Path, target: Path) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(exports.os, "link", no_link)
    started, sites = _three_builds(model, tmp_path, monkeypatch)
    assert started == [tmp_path / "0", tmp_path / "2"]
    assert sites[1] == sites[0]
    assert (tmp_path / "1/nedladdning/prov/tabell.csv").stat().st_nlink == 1


def test_the_export_cache_is_new_for_a_changed_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change in the source the export process runs (the model the JSON Schemas come from, not only the
    writers) gives the export cache a new folder, so no file written by an older engine is copied."""
    model_file = tmp_path / "macros" / "model" / "plan.py"
    model_file.parent.mkdir(parents=True)
    model_file.write_text("FÄLT = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "ENGINE", tmp_path / "macros")
    cache.source_fingerprint.cache_clear()
    try:
        before = exports._Stored.under(tmp_path / "cache").folder
        model_file.write_text("FÄLT = 2\n", encoding="utf-8")
        cache.source_fingerprint.cache_clear()
        assert exports._Stored.under(tmp_path / "cache").folder != before
    finally:
        cache.source_fingerprint.cache_clear()  # the real engine's fingerprints for the tests that follow
