"""Load the data once per build, shared by the mkdocs-macros module and the hooks.

`mkdocs serve` rebuilds after a change; the cache key includes every data file's
modification time, so an edited YAML file is read again and nothing else is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.exceptions import Abort

from macros.cli import UsageError, today
from macros.loading.loader import LoadResult, load
from macros.model.history import NO_HISTORY, History
from macros.render.context import Site
from macros.validation.findings import shown

_cache: dict[tuple[object, ...], LoadResult] = {}


def _signature(data_dir: Path) -> tuple[tuple[str, int], ...]:
    """Names and modification times of every file under the data folder."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in data_dir.rglob("*") if p.is_file()))


def load_once(data_dir: Path, today: dt.date) -> LoadResult:
    """The load result for this data folder and day, read only when something changed."""
    key = (data_dir.resolve(), today, _signature(data_dir))
    if key not in _cache:
        _cache.clear()
        _cache[key] = load(data_dir, today=today)
    return _cache[key]


def data_dir_of(config_file: str, extra: dict[str, object]) -> Path:
    """The data folder of a site: `extra.datakatalog` in mkdocs.yml, relative to it."""
    return (Path(config_file).parent / str(extra.get("datakatalog", "data"))).resolve()


def site_of(result: LoadResult, today: dt.date, history: History = NO_HISTORY) -> Site:
    """The rendering context of a build: the loaded model, the build's day, the findings and the history."""
    assert result.model is not None, "site_of needs loaded data"
    return Site(model=result.model, today=today, findings=tuple(result.findings), history=history)


def build_today() -> dt.date:
    """The build's today; a wrong KATEGORIPLAN_IDAG stops the build with a Swedish message, not a traceback."""
    try:
        return today()
    except UsageError as exc:
        raise Abort(f"fel: {shown(str(exc))}; webbplatsen byggs inte") from None
