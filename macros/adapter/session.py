"""Load the data once per build, shared by the mkdocs-macros module and the hooks.

`mkdocs serve` rebuilds after a change; the cache key includes every data file's
modification time, so an edited YAML file is read again and nothing else is.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from macros.cli import UsageError, today
from macros.loading.cache import Cache, cache_root
from macros.loading.data_tree import walk
from macros.loading.git import Git
from macros.loading.history import read_history
from macros.loading.loader import LoadResult, load
from macros.loading.revisions import safe_data_changes
from macros.loading.sections import written_sections
from macros.loading.versions import read_versions, version_findings
from macros.model.history import NO_HISTORY, NO_VERSIONS, History, Versions
from macros.render.context import Archive, Site
from macros.validation.findings import Severity, shown

_cache: dict[tuple[object, ...], LoadResult] = {}

_current: list[tuple[int, Site]] = []
"""The site of the build in progress (by its configuration's id), made once by `build_site` and read by the hooks."""


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


def site_of(
    result: LoadResult,
    today: dt.date,
    pages_dir: Path,
    history: History = NO_HISTORY,
    versions: Versions = NO_VERSIONS,
    archive: Archive | None = None,
) -> Site:
    """The rendering context of a build: the loaded model, the build's day, the findings, where the
    written pages show each numbered section, the history and the decided versions."""
    assert result.model is not None, "site_of needs loaded data"
    return Site(
        model=result.model,
        today=today,
        findings=tuple(result.findings),
        history=history,
        versions=versions,
        archive=archive,
        sections=written_sections(pages_dir),
    )


def archive_of(extra: dict[str, object]) -> Archive | None:
    """What a read-only copy of a decided version knows about itself (`extra.arkiv`), or None for the live site."""
    facts = extra.get("arkiv")
    if not isinstance(facts, dict):
        return None
    return Archive(
        plan=str(facts.get("plan", "")),
        version=str(facts.get("version", "")),
        date=str(facts.get("datum", "")),
        body=str(facts.get("beslutat_av", "")),
    )


def project_of(config_file: str) -> Path:
    """The project folder of a site: where its mkdocs.yml is (the cache lives below it)."""
    return Path(config_file).resolve().parent


def build_site(result: LoadResult, day: dt.date, data_dir: Path, config: Any) -> Site:
    """The site of this build with its history and decided versions from git, remembered for the hooks.

    `config` is the build's MkDocs configuration. In the read-only copy of a decided version
    (`extra.arkiv`) there is no history and no versions. An error in the decided versions (a
    reference that does not exist, data that fails today's check) stops the build, as it
    fails `make check`.
    """
    archive = archive_of(config.extra)
    if archive is not None:
        site = site_of(result, day, Path(config.docs_dir), archive=archive)
    else:
        assert result.model is not None
        cache = Cache(cache_root(project_of(config.config_file_path)))
        history = history_once(config, data_dir, Path(config.docs_dir))
        if not history.unavailable:
            changes, reason = safe_data_changes(Git(data_dir), history.data_prefix, history.commits, cache)
            history = replace(history, data_changes=changes, unavailable=reason)
        versions = read_versions(data_dir, result.model, cache)
        errors = [f for f in version_findings(versions, result) if f.severity is Severity.ERROR]
        if errors:
            lines = "\n".join(f.format() for f in errors)
            raise Abort(f"De beslutade versionerna har fel; webbplatsen byggs inte.\n{lines}")
        site = site_of(result, day, Path(config.docs_dir), history, versions)
    _current[:] = [(id(config), site)]
    return site


def current_site(config: Any) -> Site | None:
    """The site `build_site` made for this build's configuration, if any."""
    return next((site for key, site in _current if key == id(config)), None)


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
