"""Read-only copies of decided versions: each built once with MkDocs, kept in the cache, and
linked into every build under `arkiv/<plan>/<version>/`.

A copy is the whole site as it was at the version's commit: the data, the pages and the
navigation of that commit, rendered by today's engine and theme, with today as the day of
the decision. It is built in its own MkDocs process (with `extra.arkiv` set, which turns
off history and versions inside it and shows the banner) into the cache folder, keyed by
the commit and the banner's facts, and never built again. What changes over time in every
page's banner (which version is in force, links to the same page in the other versions and
in the published plan) is filled in once per plan's copies and set of published pages, kept
in the cache too, and hard-linked into each build's site folder. Everything is static files
with relative links: the copies work on any plain web server and offline, and no page
fetches anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import Abort

from macros.loading.cache import link_or_copy
from macros.loading.data_tree import MAX_FILE_BYTES
from macros.loading.git import Git, GitUnavailable
from macros.model.history import VersionState
from macros.render.context import ARCHIVE_FOLDER, Site
from macros.render.safe import plain

COPY_FORMAT = "1"
"""Bump when what a copy holds changes (the banner's markup, the copy's configuration): copies are rebuilt."""

DONE = ".klar"
"""The file a finished copy holds; a folder without it is an interrupted build and is built again."""

CURRENT_MARK = "<!--arkiv:gallande-->"
CHOICE_MARK = "<!--arkiv:valjare-->"
"""Placeholders in every page of a copy (written by overrides/main.html), filled in when the copy is published."""

BUILD_TIMEOUT = 900
"""Seconds one copy may take to build."""


@dataclass(frozen=True)
class Copy:
    """A decided version's built copy: its state and its folder in the cache."""

    state: VersionState
    folder: Path


def _facts(site: Site, state: VersionState) -> dict[str, str]:
    """What the banner of a copy says about its version (written into the copy's configuration)."""
    plan = site.model.plan(state.plan)
    version = state.version
    body = site.model.committee(version.body).name if site.model.has("nämnd", version.body) else version.body
    return {
        "plan": state.plan,
        "plan_namn": plan.meta.name,
        "version": version.version,
        "datum": version.date.isoformat(),
        "beslutat_av": body,
    }


def _key(state: VersionState, facts: dict[str, str]) -> str:
    """The cache key of a copy: the commit, the copy's format and the banner's facts."""
    text = json.dumps([COPY_FORMAT, state.commit, facts], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def build_copies(site: Site, config: Any, cache_root: Path) -> list[Copy]:
    """Every usable decided version's copy, building those not yet in the cache (two at a time)."""
    wanted = []
    for plan_id in site.model.plans:
        for state in site.versions.of(plan_id):
            if state.usable:
                facts = _facts(site, state)
                wanted.append((state, facts, cache_root / "arkiv" / _key(state, facts)))
    missing = [item for item in wanted if not (item[2] / DONE).is_file()]
    if missing:
        with ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1))) as pool:
            failures = [reason for reason in pool.map(lambda item: _build(config, *item), missing) if reason]
        if failures:
            raise Abort("De beslutade versionerna kunde inte byggas; webbplatsen byggs inte.\n" + "\n".join(failures))
    return [Copy(state, folder) for state, _, folder in wanted]


def _build(config: Any, state: VersionState, facts: dict[str, str], target: Path) -> str:
    """Build one copy into `target`; the Swedish reason when it fails, else ""."""
    label = f"version {state.version.version} av {facts['plan_namn']} ({state.version.ref})"
    with tempfile.TemporaryDirectory(prefix="kategoriplan-arkiv-") as folder:
        work = Path(folder)
        try:
            settings = _export(config, state, work)
        except GitUnavailable as reason:
            return f"{label}: {reason}"
        settings["site_dir"] = str(target)
        settings.setdefault("extra", {})["arkiv"] = facts
        file = work / "mkdocs.yml"
        file.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
        (work / "macros").symlink_to(Path(__file__).resolve().parents[1], target_is_directory=True)
        shutil.rmtree(target, ignore_errors=True)
        environment = {**os.environ, "KATEGORIPLAN_IDAG": state.version.date.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
        try:
            done = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--clean", "--quiet", "-f", str(file)],
                cwd=work,
                env=environment,
                capture_output=True,
                text=True,
                timeout=BUILD_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"{label}: bygget blev inte klart på {BUILD_TIMEOUT} sekunder"
        if done.returncode != 0:
            tail = "\n".join((done.stderr + done.stdout).strip().splitlines()[-8:])
            return f"{label}: bygget misslyckades:\n{tail}"
    (target / DONE).write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    return ""


def _export(config: Any, state: VersionState, work: Path) -> dict[str, Any]:
    """Write the version's data, pages and navigation into `work`; the copy's MkDocs configuration."""
    project = Path(config.config_file_path).resolve().parent
    data_dir = Path(config.extra.get("datakatalog", "data"))
    data_dir = data_dir if data_dir.is_absolute() else project / data_dir
    docs_dir = Path(config.docs_dir).resolve()
    git = Git(data_dir)
    commit = state.commit or ""
    top = git.top()
    refused = []
    for source, name in ((data_dir, "data"), (docs_dir, "content")):
        tree = git.tree_of(commit, git.prefix(source))
        (work / name).mkdir()
        if tree is not None:
            refused += git.export(tree, work / name, limit=MAX_FILE_BYTES * 10)
    if refused:
        raise GitUnavailable("filer som inte kan kopieras: " + ", ".join(sorted(refused)[:5]))
    settings: dict[str, Any] = yaml.safe_load(Path(config.config_file_path).read_text(encoding="utf-8")) or {}
    settings["nav"] = _old_nav(git, commit, Path(config.config_file_path).resolve(), top)
    if settings["nav"] is None:
        settings.pop("nav")
    settings.update(docs_dir=str(work / "content"))
    settings["hooks"] = [str((project / hook).resolve()) for hook in settings.get("hooks", [])]
    theme = settings.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((project / theme["custom_dir"]).resolve())
    settings.setdefault("extra", {})["datakatalog"] = str(work / "data")
    settings.pop("watch", None)
    return settings


def _old_nav(git: Git, commit: str, config_file: Path, top: Path) -> Any:
    """The navigation of mkdocs.yml at the commit (None when it has none or cannot be read)."""
    try:
        relative = config_file.relative_to(top).as_posix()
    except ValueError:
        return None
    found = git.objects([f"{commit}:{relative}"])[0]
    if found is None:
        return None
    try:
        settings = yaml.safe_load(git.blobs([found[0]]).get(found[0], b"").decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    return settings.get("nav") if isinstance(settings, dict) else None


# --------------------------------------------------------------------------- publishing


PUBLISHED = "arkiv-publicerad"
"""The cache folder of the copies with their banners filled in, per plan and per state of the site."""

KEPT_FILLINGS = 2
"""How many filled states of a plan's copies the cache keeps (the newest); older ones are removed."""


def publish(site: Site, copies: list[Copy], site_dir: Path, cache: Path) -> None:
    """Put every built copy under `site_dir/arkiv/<plan>/<version>/`, each page's banner filled in.

    The banners depend only on the plan's copies and on which pages the published site has, so
    the filled pages are kept in the cache under a key of those and linked into each build (a
    build whose copies and pages are as before writes no page of the copies again). When the
    previous build's links into this site folder were set aside (`set_aside`) and hold the same
    state, they are moved back instead of linked again."""
    published = _pages(site_dir)
    for plan in dict.fromkeys(copy.state.plan for copy in copies):
        siblings = [copy for copy in copies if copy.state.plan == plan]
        folder = cache / PUBLISHED / plan
        key = _filled_key(siblings, published)
        filled = folder / key
        if not (filled / DONE).is_file():
            _fill_atomically(site, siblings, published, filled)
            _prune(folder, keep=filled)
        placed = _Placement(folder, site_dir / ARCHIVE_FOLDER / plan)
        if not placed.put_back(key):
            _link_tree(filled, placed.target)
        placed.remember(key)


def set_aside(site_dir: Path, cache: Path) -> None:
    """Before MkDocs empties the site folder: move each plan's copies, as the previous build put them
    there, into the cache (one rename per plan), so that MkDocs does not delete thousands of links one
    by one and `publish` can move them back when nothing in them changed. A folder the previous build
    did not put there (another tool's, or made again since) is left to MkDocs."""
    archive = site_dir / ARCHIVE_FOLDER
    if not archive.is_dir():
        return
    for entry in os.scandir(archive):
        placed = _Placement(cache / PUBLISHED / entry.name, Path(entry.path))
        if entry.is_dir(follow_symlinks=False) and placed.folder.is_dir():
            placed.set_aside()


def _identity(status: os.stat_result) -> list[int]:
    """What tells a folder from another made in its place later: device, inode (which a file system may
    give again), and the times of its last change of status and of content, to the nanosecond."""
    return [status.st_dev, status.st_ino, status.st_ctime_ns, status.st_mtime_ns]


def _read_record(record: Path) -> dict[str, Any]:
    """A `_Placement` record; empty when it is missing or unreadable."""
    try:
        value = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class _Placement:
    """One plan's copies in one site folder, and what the cache knows of them: the filled state last put
    there and the identity of the folder it was put into (a record in the plan's cache folder, named
    after the site folder's path)."""

    folder: Path
    target: Path

    @property
    def _name(self) -> str:
        return ".webbplats-" + hashlib.sha256(os.fsencode(os.path.abspath(self.target))).hexdigest()[:24]

    @property
    def record(self) -> Path:
        """What was put into `target`: {"nyckel": filled state, "mapp": its `_identity`, "sokvag": target}."""
        return self.folder / f"{self._name}.json"

    @property
    def aside(self) -> Path:
        """Where `set_aside` keeps the folder between MkDocs' cleaning and `publish`."""
        return self.folder / self._name

    def set_aside(self) -> None:
        """Move `target` into the cache when it is the folder the record names."""
        try:
            identity = os.stat(self.target, follow_symlinks=False)
        except OSError:
            return
        if _read_record(self.record).get("mapp") != _identity(identity):
            return
        shutil.rmtree(self.aside, ignore_errors=True)
        with contextlib.suppress(OSError):  # another file system: MkDocs empties it, `publish` links again
            os.rename(self.target, self.aside)

    def put_back(self, key: str) -> bool:
        """Move the folder set aside back to `target` when it holds the filled state `key`; whether it did.
        A folder set aside that holds another state is removed."""
        if not self.aside.is_dir():
            return False
        if _read_record(self.record).get("nyckel") == key and not os.path.lexists(self.target):
            try:
                self.target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(self.aside, self.target)
                return True
            except OSError:
                pass
        shutil.rmtree(self.aside, ignore_errors=True)
        return False

    def remember(self, key: str) -> None:
        """Record that `target` now holds the filled state `key`."""
        identity = os.stat(self.target, follow_symlinks=False)
        text = json.dumps({"nyckel": key, "mapp": _identity(identity), "sokvag": str(self.target)})
        work = self.record.with_name(f".{self.record.name}.{os.getpid()}")
        work.write_text(text, encoding="utf-8")
        os.replace(work, self.record)


def _filled_key(siblings: list[Copy], published: frozenset[str]) -> str:
    """The cache key of a plan's filled copies: the copies (their cache keys) and the published pages."""
    text = json.dumps([COPY_FORMAT, [copy.folder.name for copy in siblings], sorted(published)])
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _fill_atomically(site: Site, siblings: list[Copy], published: frozenset[str], target: Path) -> None:
    """Fill a plan's copies into a new folder and move it to `target` when complete (a build running at
    the same time never links from half a folder; if it finished first, its folder is kept)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not (target / DONE).is_file():
        shutil.rmtree(target, ignore_errors=True)  # a folder without its completion mark is not a result
    work = Path(tempfile.mkdtemp(prefix=".fyller-", dir=target.parent))
    try:
        _fill(site, siblings, published, work)
        (work / DONE).write_text("", encoding="utf-8")
        try:
            work.rename(target)
        except OSError:
            if not (target / DONE).is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the newest filled states of a plan (always keeping `keep`), and what the cache
    remembers of site folders that no longer exist (a preview's temporary folder)."""
    for record in folder.glob(".webbplats-*.json"):
        target = _read_record(record).get("sokvag")
        if not isinstance(target, str) or not os.path.lexists(target):
            shutil.rmtree(record.with_suffix(""), ignore_errors=True)  # its folder set aside, if any
            record.unlink(missing_ok=True)
    states = sorted(
        (path for path in folder.iterdir() if path.is_dir() and not path.name.startswith(".")),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for old in states[KEPT_FILLINGS:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def _link_tree(source: Path, target: Path) -> None:
    """Every file under `source` (but the completion mark) linked into the same place under `target`."""
    _link_folder(os.fspath(source), os.fspath(target))


def _link_folder(source: str, target: str) -> None:
    """`_link_tree` for one folder and, in turn, its subfolders (plain strings and `os.scandir`: a build links
    thousands of files this way, and path objects cost more than the links)."""
    os.makedirs(target, exist_ok=True)
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _link_folder(entry.path, os.path.join(target, entry.name))
            elif entry.name != DONE:
                link_or_copy(entry.path, os.path.join(target, entry.name))


def _fill(site: Site, siblings: list[Copy], published: frozenset[str], root: Path) -> None:
    """Every copy of one plan under `root/<version>/`, each page's banner filled in (other files linked)."""
    pages = {(copy.state.plan, copy.state.slug): _pages(copy.folder) for copy in siblings}
    for copy in siblings:
        target = root / copy.state.slug
        for source in sorted(copy.folder.rglob("*")):
            relative = source.relative_to(copy.folder)
            destination = target / relative
            if source.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
            elif source.name == DONE:
                continue
            elif source.suffix == ".html":
                html = source.read_text(encoding="utf-8")
                page = relative.as_posix()
                banner = _banner(site, copy, siblings, page, pages, published)
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_text(banner(html), encoding="utf-8")
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(source, destination)


def _pages(folder: Path) -> frozenset[str]:
    """The HTML files of a built site, relative to it."""
    return frozenset(path.relative_to(folder).as_posix() for path in folder.rglob("*.html"))


def _banner(
    site: Site,
    copy: Copy,
    siblings: list[Copy],
    page: str,
    pages: dict[tuple[str, str], frozenset[str]],
    published: frozenset[str],
) -> Any:
    """A function filling in one page's banner: the version in force and links to the same page elsewhere."""
    plan = copy.state.plan
    folder = posixpath.dirname(page)
    up = "../" * (folder.count("/") + 1 if folder else 0)
    to_site = "../" * 3 + up
    plan_start = f"{plan}/index.html"
    if page == "404.html":
        return lambda html: html.replace(CURRENT_MARK, "").replace(CHOICE_MARK, "")

    def target(available: frozenset[str], base: str) -> str:
        chosen = page if page in available else plan_start if plan_start in available else "index.html"
        return base + chosen.removesuffix("index.html")

    latest = siblings[-1]
    if latest is copy:
        current = " Det är den senast beslutade versionen."
    else:
        label = f"{latest.state.version.version}, beslutad {latest.state.version.date.isoformat()}"
        current = f" Gällande version är {plain(label)}."
    current += f' <a href="{plain(target(published, to_site))}">Läs samma sida i den publicerade planen</a>.'
    links = []
    for other in reversed(siblings):
        text = f"version {other.state.version.version}"
        if other is copy:
            links.append(f'<li><span aria-current="page">{plain(text)} (den här)</span></li>')
        else:
            href = target(pages[(plan, other.state.slug)], "../" + up + other.state.slug + "/")
            links.append(f'<li><a href="{plain(href)}">{plain(text)}</a></li>')
    links.append(f'<li><a href="{plain(target(published, to_site))}">den publicerade planen</a></li>')
    choice = f'<nav class="versionsval" aria-label="Andra versioner av planen"><p>Andra versioner:</p><ul>{"".join(links)}</ul></nav>'
    return lambda html: html.replace(CURRENT_MARK, current, 1).replace(CHOICE_MARK, choice, 1)
