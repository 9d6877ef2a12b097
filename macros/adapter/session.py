"""Load the data once per build, shared by the mkdocs-macros module and the hooks.

`mkdocs serve` rebuilds after a change; the cache key includes every data file's
modification time, so an edited YAML file is read again and nothing else is.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from macros.cli import UsageError, today
from macros.exports.settings import OpenDataSettings, SettingsError, settings_from
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
from macros.render.editing import NO_EDIT_LINKS, EditLinks, pattern_problem
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
    open_data: OpenDataSettings | None = None,
    edit: EditLinks = NO_EDIT_LINKS,
) -> Site:
    """The rendering context of a build: the loaded model, the build's day, the findings, where the
    written pages show each numbered section, the history, the decided versions, the open-data
    settings and where records can be edited."""
    assert result.model is not None, "site_of needs loaded data"
    return Site(
        model=result.model,
        today=today,
        findings=tuple(result.findings),
        history=history,
        versions=versions,
        archive=archive,
        open_data=open_data or OpenDataSettings(),
        sections=written_sections(pages_dir),
        edit=edit,
    )


EDIT_SETTING = "redigeringslank"
"""The key under `extra:` in mkdocs.yml of the "Redigera" links' URL pattern (see README)."""


def edit_links(config_file: str, extra: dict[str, object], result: LoadResult) -> EditLinks:
    """The "Redigera" links of a build: the pattern in mkdocs.yml and each data file's path in the
    repository (the folder of mkdocs.yml); no links without the setting, a Swedish stop for a wrong one."""
    pattern = extra.get(EDIT_SETTING)
    if pattern in (None, ""):
        return NO_EDIT_LINKS
    if problem := pattern_problem(pattern):
        raise Abort(f"mkdocs.yml: fel: extra.{EDIT_SETTING} {problem}; webbplatsen byggs inte")
    return EditLinks(str(pattern), repository_paths(Path(config_file).parent, result.files), result.sources)


def repository_paths(root: Path, files: dict[str, Path]) -> dict[str, str]:
    """The path in the repository (relative to `root`) of each file, by the path findings show;
    files outside the repository have none."""
    found = {}
    for shown_path, path in files.items():
        try:
            found[shown_path] = (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return found


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
    settings = open_data_settings(config.extra, config.site_url)
    if archive is not None:
        site = site_of(result, day, Path(config.docs_dir), archive=archive, open_data=settings)
    else:
        assert result.model is not None
        cache = Cache(cache_root(project_of(config.config_file_path)))
        cache.prune_other_engines(time.time())
        history = history_once(config, data_dir, Path(config.docs_dir))
        if not history.unavailable:
            changes, reason = safe_data_changes(Git(data_dir), history.data_prefix, history.commits, cache)
            history = replace(history, data_changes=changes, unavailable=reason)
        versions = read_versions(data_dir, result.model, cache)
        errors = [f for f in version_findings(versions, result) if f.severity is Severity.ERROR]
        if errors:
            lines = "\n".join(f.format() for f in errors)
            raise Abort(f"De beslutade versionerna har fel; webbplatsen byggs inte.\n{lines}")
        edit = edit_links(config.config_file_path, config.extra, result)
        site = site_of(result, day, Path(config.docs_dir), history, versions, open_data=settings, edit=edit)
    _current[:] = [(id(config), site)]
    return site


def current_site(config: Any) -> Site | None:
    """The site `build_site` made for this build's configuration, if any."""
    return next((site for key, site in _current if key == id(config)), None)


def open_data_settings(extra: dict[str, object], site_url: str | None) -> OpenDataSettings:
    """The municipality's open-data settings in mkdocs.yml; a wrong one stops the build in Swedish."""
    try:
        return settings_from(extra, site_url)
    except SettingsError as exc:
        raise Abort(f"{shown(str(exc))}; webbplatsen byggs inte") from None


def build_today() -> dt.date:
    """The build's today; a wrong KATEGORIPLAN_IDAG stops the build with a Swedish message, not a traceback."""
    try:
        return today()
    except UsageError as exc:
        raise Abort(f"fel: {shown(str(exc))}; webbplatsen byggs inte") from None


_histories: dict[tuple[int, Path, Path], History] = {}


def history_once(config: Any, data_dir: Path, pages_dir: Path) -> History:
    """The change history of one build (git is asked once, by whichever part of the build asks first)."""
    key = (id(config), data_dir.resolve(), pages_dir.resolve())
    if key not in _histories:
        _histories.clear()
        cache = Cache(cache_root(project_of(config.config_file_path)))
        _histories[key] = read_history(data_dir, pages_dir, cache)
    return _histories[key]
