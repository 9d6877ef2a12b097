"""Load the data once per build, shared by the mkdocs-macros module and the hooks.

`mkdocs serve` rebuilds after a change; the cache key includes every data file's
modification time, so an edited YAML file is read again and nothing else is.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.exceptions import Abort

from macros.cli import UsageError, today
from macros.loading.data_tree import walk
from macros.loading.history import read_history
from macros.loading.loader import LoadResult, load
from macros.loading.sections import written_sections
from macros.model.history import NO_HISTORY, History
from macros.render.context import Site
from macros.validation.findings import shown

_cache: dict[tuple[object, ...], LoadResult] = {}


def _signature(data_dir: Path) -> tuple[tuple[str, int], ...]:
    """Names and modification times of everything under the data folder, never following a link."""
    return tuple(sorted((str(entry.path), _modified(entry.path)) for entry in walk(data_dir).entries.values()))


def _modified(path: Path) -> int:
    """The modification time of `path` itself (a link's own), or -1 if it is gone."""
    try:
        return os.lstat(path).st_mtime_ns
    except OSError:
        return -1


def load_once(data_dir: Path, today: dt.date) -> LoadResult:
    """The load result for this data folder and day, read only when something changed.

    Callers use `session.load_once`, not a name bound at import: MkDocs keeps a hook module
    loaded for the whole process, so a bound name would outlive a replaced loader.
    """
    key = (data_dir.resolve(), today, _signature(data_dir))
    if key not in _cache:
        _cache.clear()
        _cache[key] = load(data_dir, today=today)
    return _cache[key]


def data_dir_of(config_file: str, extra: dict[str, object]) -> Path:
    """The data folder of a site: `extra.datakatalog` in mkdocs.yml, relative to it."""
    return (Path(config_file).parent / str(extra.get("datakatalog", "data"))).resolve()


def site_of(result: LoadResult, today: dt.date, pages_dir: Path, history: History = NO_HISTORY) -> Site:
    """The rendering context of a build: the loaded model, the build's day, the findings, where the
    written pages show each numbered section, and the history."""
    assert result.model is not None, "site_of needs loaded data"
    return Site(
        model=result.model,
        today=today,
        findings=tuple(result.findings),
        history=history,
        sections=written_sections(pages_dir),
    )


def build_today() -> dt.date:
    """The build's today; a wrong KATEGORIPLAN_IDAG stops the build with a Swedish message, not a traceback."""
    try:
        return today()
    except UsageError as exc:
        raise Abort(f"fel: {shown(str(exc))}; webbplatsen byggs inte") from None


_histories: dict[tuple[int, Path, Path], History] = {}


def history_once(config: object, data_dir: Path, pages_dir: Path) -> History:
    """The change history of one build (git is asked once, by whichever part of the build asks first)."""
    key = (id(config), data_dir.resolve(), pages_dir.resolve())
    if key not in _histories:
        _histories.clear()
        _histories[key] = read_history(data_dir, pages_dir)
    return _histories[key]
