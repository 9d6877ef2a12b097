"""The preview's rebuilds: after a save, redo only what the change can affect (`mkdocs serve`).

MkDocs rebuilds the whole site on every save. While `mkdocs serve` runs (and only then), the
build remembers what each step produced and from what, and the next build reuses a step's
result when its inputs are the same. Every step still runs in MkDocs' own order, every page
is still written and the search index and the menu are made anew, so the site is the one a
full build makes (a test holds the two byte for byte):

1. **Macros.** Each page's macros run inside `reads.recording()`, which notes every field of
   every record they read (`macros.model.reads`). The next build loads and checks all the data
   as always, then compares each noted field with the new data; a page whose fields all hold
   the same values, and whose own text is unchanged, gets its Markdown from the previous build.
   The tables its macros offered for download (`macros.render.downloads.offer`) are kept with
   it and offered again, so the export step writes every file a full build writes.
2. **Markdown to HTML.** A page whose Markdown, the site's set of files and the configuration
   are unchanged gets its HTML, table of contents and anchors (and MkDocs' messages about its
   links, repeated) from the previous build.
3. **Search index.** A page whose HTML, title and front matter are unchanged gives the same
   entries.
4. **Theme templates.** A page whose HTML, title, front matter, menu and configuration are
   unchanged renders to the same file; the compiled templates are kept between builds.
5. **Exported files.** A download job (a table, a JSON file, a calendar) whose content is the
   same as in the previous build gets its files from that build's bytes, without starting the
   export process; the process writes only the jobs that changed (`macros.adapter.exports`).

Everything starts over (a full build) when recording is off (`mkdocs build`), after a failed
build or one that showed the data's errors instead of the site, and when the day, `mkdocs.yml`, the theme's overrides, the engine's code or the set of
data files changes.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
import enum
import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from macros.exports.dataset import Dataset, Downloads
from macros.loading.loader import LoadResult
from macros.model import reads
from macros.model.catalog import Municipality
from macros.model.history import History
from macros.render.context import Site
from macros.render.html import keep_finished_blocks

ENGINE = Path(__file__).resolve().parents[1]
"""The `macros` package: a change to its code makes the next build a full one."""

SITE_FILE = "<webbplats>"
"""The file name of a key that stands for one of the build's inputs besides the data (`Site` fields)."""

_UNREAD_SITE_FIELDS = frozenset({"model", "page", "derived", "downloads"})
"""`Site` fields that are not inputs of their own: the model is read field by field, the page is
the page's own, the derived values remember their reads, and the downloads are what the pages
offer (an output: each page's offers are kept with its Markdown and offered again on reuse)."""


@dataclass(frozen=True)
class PageMemo:
    """What the macros made of one page: from which text, reading which data and which of the
    site's other inputs (with their values), and the Markdown."""

    source: str
    keys: frozenset[reads.Key]
    site_values: tuple[tuple[str, object], ...]
    output: str
    offered: tuple[Dataset, ...] = ()
    """The tables the page's macros offered for download, in order (offered again when the page is reused,
    so that the export step writes their files as in a full build)."""


@dataclass(frozen=True)
class Converted:
    """Page.render's results for one Markdown text."""

    key: str
    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None
    messages: list[logging.LogRecord]


@dataclass
class Build:
    """What one build noted, kept for the next when the build succeeds."""

    environment: tuple[object, ...] = ()
    full: bool = True
    records: dict[tuple[str, tuple[object, ...]], Any] = field(default_factory=dict)
    sites: dict[int, tuple[Site, Site]] = field(default_factory=dict)
    pages: dict[str, PageMemo] = field(default_factory=dict)
    fingerprints: dict[reads.Key, object] = field(default_factory=dict)
    converted: dict[str, Converted] = field(default_factory=dict)
    searched: dict[str, tuple[str, list[dict[str, Any]]]] = field(default_factory=dict)
    templates: dict[str, tuple[str, str]] = field(default_factory=dict)
    changed: frozenset[reads.Key] | None = None
    files_signature: str | None = None
    nav_signature: str | None = None
    config_signature: str | None = None
    conversion_signature: str | None = None
    counts: dict[str, int] = field(
        default_factory=lambda: {"makron": 0, "tabeller": 0, "html": 0, "mallar": 0, "exportfiler": 0}
    )
    """Pages whose Markdown, HTML and theme output were reused, tables offered again by reused pages, and
    exported files taken from the export cache."""


class _State:
    """The preview server's memory between builds."""

    def __init__(self) -> None:
        self.enabled = False
        self.previous: Build | None = None
        self.current = Build()
        self.bytecode: jinja2.BytecodeCache | None = None


STATE = _State()

log = logging.getLogger("mkdocs.plugins.kategoriplan")


def start(command: str) -> None:
    """Turn the preview's memory on for `mkdocs serve` (MkDocs' on_startup); a build never uses it."""
    if command == "serve":
        enable()


def enable() -> None:
    """Remember between builds in this process (the preview server; tests)."""
    reads.enable()
    STATE.enabled = True


def disable() -> None:
    """Forget everything and build fully again (tests)."""
    reads.disable()
    STATE.enabled = False
    STATE.previous = None
    STATE.current = Build()


# --------------------------------------------------------------------------- build lifecycle


def begin(config: Any, result: LoadResult, data_dir: Path, day: dt.date) -> None:
    """Start a build (on_config, after the data was loaded and checked): decide what may be reused, and
    forget the finished blocks of earlier builds that nothing kept for this one names."""
    keep_finished_blocks(_reusable_texts(STATE.previous) if STATE.enabled else ())
    if not STATE.enabled:
        return
    environment = _environment(config, data_dir, day)
    previous = STATE.previous
    full = previous is None or previous.environment != environment or result.model is None
    STATE.current = Build(environment=environment, full=full)
    if result.model is not None:
        STATE.current.records = reads.records_by_origin(_roots(result.model))


def _reusable_texts(build: Build | None) -> Iterator[str]:
    """The texts of a build that the next one may reuse and that can name finished blocks: its
    macros' Markdown and its converted pages."""
    if build is None:
        return
    yield from (memo.output for memo in build.pages.values())
    yield from (converted.content for converted in build.converted.values())


def commit(*, keep: bool = True) -> None:
    """The build succeeded (on_post_build): keep what it made for the next one. Without `keep` (the
    preview showed the data's errors instead of the site), forget it: the next build is a full one."""
    if not STATE.enabled:
        return
    if not keep:
        STATE.previous, STATE.current = None, Build()
        return
    build = STATE.current
    build.fingerprints = {key: _fingerprint(build, key) for memo in build.pages.values() for key in memo.keys}
    build.records, build.sites = {}, {}
    STATE.previous = build
    counts = build.counts
    log.debug(
        "förhandsvisningen återanvände %d sidors makron (och erbjöd deras %d tabeller igen), %d sidors HTML, "
        "%d sidors mallar och %d exporterade filer",
        counts["makron"],
        counts["tabeller"],
        counts["html"],
        counts["mallar"],
        counts["exportfiler"],
    )
    STATE.current = Build()


def discard() -> None:
    """The build failed (on_build_error): the next build starts from the last one that succeeded."""
    STATE.current = Build()


def _environment(config: Any, data_dir: Path, day: dt.date) -> tuple[object, ...]:
    """Everything that makes the next build a full one when it changes."""
    config_file = Path(config.config_file_path or "").resolve()  # `serve -f` gives a relative path first
    theme_dir = config.theme.custom_dir
    return (
        day,
        str(config_file),
        config_file.read_bytes() if config_file.is_file() else b"",
        str(Path(config.docs_dir).resolve()),
        str(data_dir),
        _tree(Path(theme_dir)) if theme_dir else (),
        _tree(ENGINE, suffix=".py"),
        tuple(sorted(path for path, _, _ in _tree(data_dir))),
    )


def _tree(folder: Path, suffix: str = "") -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the files below `folder` (never following links)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
        for name in sorted(files):
            if name.endswith(suffix) and not name.startswith("."):
                stat = os.lstat(os.path.join(root, name))
                found.append((os.path.join(root, name), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def _roots(model: Municipality) -> list[object]:
    """The records the model holds directly (each data file's record, the guidance library's included)."""
    roots = [getattr(model, f.name) for f in dataclasses.fields(model) if f.name not in ("plans", "guidance")]
    roots += [getattr(model.guidance, f.name) for f in dataclasses.fields(model.guidance)]
    for plan in model.plans.values():
        roots += [getattr(plan, f.name) for f in dataclasses.fields(plan)]
    return roots


# --------------------------------------------------------------------------- exported files


def count_reused_exports(reused: int) -> None:
    """Note how many exported files this build took from the export cache (the preview's debug line)."""
    if STATE.enabled:
        STATE.current.counts["exportfiler"] = reused


# --------------------------------------------------------------------------- 1. macros


def tracked(site: Site) -> Site:
    """The site the macros of this build see: one that notes reads of its inputs when recording is on
    (the build makes more than one `Site`; each keeps its own)."""
    if not STATE.enabled or isinstance(site, TrackedSite):
        return site
    known = STATE.current.sites.get(id(site))
    if known is None or known[0] is not site:
        values = {f.name: object.__getattribute__(site, f.name) for f in dataclasses.fields(site)}
        history: History = values["history"]
        values["history"] = _TrackedHistory(**{f.name: getattr(history, f.name) for f in dataclasses.fields(history)})
        known = STATE.current.sites[id(site)] = (site, TrackedSite(**values))
    return known[1]


class TrackedSite(Site):
    """A `Site` whose inputs besides the model (today, findings, history, sections …) count as reads.

    The history counts as one read of everything git says about the commits, and its list of files
    changed since the last commit as a read of its own, when it is used: the first save of a file makes
    that list longer, and only the pages that show it (the whole plan's printed line, the change history,
    the follow-up reports) depend on it, not every page with a record's history."""

    def __getattribute__(self, name: str) -> Any:
        if reads.enabled() and name in _site_inputs():
            reads.note(_COMMITTED_HISTORY if name == "history" else {(SITE_FILE, (), name)})
        return object.__getattribute__(self, name)

    def on_page(self, page: str) -> Site:
        """The same context for another page, without counting the copy as a read."""
        values = {f.name: object.__getattribute__(self, f.name) for f in dataclasses.fields(self)}
        return TrackedSite(**{**values, "page": page})


def _site_inputs() -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(Site)) - _UNREAD_SITE_FIELDS


_UNCOMMITTED = "history.uncommitted"
"""The name of the read of the history's files changed since the last commit (`_TrackedHistory`)."""

_COMMITTED_HISTORY = frozenset(
    (SITE_FILE, (), f"history.{f.name}") for f in dataclasses.fields(History) if f.name != "uncommitted"
)
"""The reads that using the history makes: each of its fields but the files changed since the last commit."""


class _TrackedHistory(History):
    """The history as the macros see it: using its list of files changed since the last commit (every use
    reads the attribute) counts as a read of that list."""

    def __getattribute__(self, name: str) -> Any:
        if name == "uncommitted":
            reads.note({(SITE_FILE, (), _UNCOMMITTED)})
        return object.__getattribute__(self, name)


def _site_value(site: Site, name: str) -> object:
    """The value of one of the site's inputs as a read names it (`history.<field>` for a field of the history)."""
    part, _, field_name = name.partition(".")
    value = object.__getattribute__(site, part)
    return object.__getattribute__(value, field_name) if field_name else value


def rendered(page: str, source: str, site: Site, render: Callable[[], str]) -> str:
    """The page's Markdown after its macros (`render`, on `site`): from the previous build when
    the page's text is the same and nothing its macros read changed."""
    if not STATE.enabled:
        return render()
    inputs = tracked(site)
    downloads: Downloads = object.__getattribute__(inputs, "downloads")
    build = STATE.current
    previous = STATE.previous
    memo = previous.pages.get(page) if previous and not build.full else None
    if (
        memo is not None
        and memo.source == source
        and all(_site_value(inputs, name) == value for name, value in memo.site_values)
        and memo.keys.isdisjoint(_changed(build))
    ):
        for table in memo.offered:
            downloads.offer(table)
        build.pages[page] = memo
        build.counts["makron"] += 1
        build.counts["tabeller"] += len(memo.offered)
        return memo.output
    with reads.recording() as keys, downloads.watching() as offered:
        output = render()
    data = frozenset(key for key in keys if key[0] != SITE_FILE)
    names = sorted({key[2] for key in keys if key[0] == SITE_FILE})
    values = tuple((name, _site_value(inputs, name)) for name in names)
    build.pages[page] = PageMemo(source, data, values, output, tuple(offered))
    return output


def _changed(build: Build) -> frozenset[reads.Key]:
    """The keys read in the previous build at which the data now holds something else."""
    if build.changed is None:
        previous = STATE.previous
        old = previous.fingerprints if previous is not None else {}
        build.changed = frozenset(key for key, value in old.items() if value != _fingerprint(build, key))
    return build.changed


def _fingerprint(build: Build, key: reads.Key) -> object:
    """What this build's data (or site) holds at `key`, as compared between builds."""
    cached = build.fingerprints.get(key, _NOT_YET)
    if cached is not _NOT_YET:
        return cached
    value = build.fingerprints[key] = reads.fingerprint(build.records, key)
    return value


_NOT_YET = object()


# --------------------------------------------------------------------------- 2. Markdown to HTML


def remember_conversion(page: Page, files: Files, config: Any) -> None:
    """Let `page.render` (Markdown to HTML, which MkDocs calls next) reuse the previous build's result."""
    if not STATE.enabled:
        return
    original = page.render

    def render(config: Any, files: Files) -> None:
        _convert(page, files, config, original)

    page.render = render  # type: ignore[method-assign]


def _convert(page: Page, files: Files, config: Any, original: Callable[[Any, Files], None]) -> None:
    build, previous = STATE.current, STATE.previous
    key = _digest(
        page.file.src_uri, page.markdown, _files_signature(build, files), _conversion_signature(build, config)
    )
    cached = previous.converted.get(page.file.src_uri) if previous and not build.full else None
    if cached is not None and cached.key == key:
        page.content = cached.content
        page.toc = cached.toc
        page._title_from_render = cached.title
        page.present_anchor_ids = set(cached.anchors) if cached.anchors is not None else None
        if cached.links is not None:
            page.links_to_anchors = {
                target: dict(links)
                for uri, links in cached.links.items()
                if (target := files.get_file_from_path(uri)) is not None
            }
        for record in cached.messages:
            logging.getLogger(record.name).handle(record)
        build.converted[page.file.src_uri] = cached
        build.counts["html"] += 1
        return
    with _captured() as messages:
        original(config, files)
    links = getattr(page, "links_to_anchors", None)
    build.converted[page.file.src_uri] = Converted(
        key,
        page.content or "",
        page.toc,
        page._title_from_render,
        set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        {file.src_uri: dict(found) for file, found in links.items()} if links is not None else None,
        messages,
    )


@contextlib.contextmanager
def _captured() -> Iterator[list[logging.LogRecord]]:
    """MkDocs' messages while the block runs (to repeat them when the result is reused)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(logging.INFO)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def _files_signature(build: Build, files: Files) -> str:
    if build.files_signature is None:
        build.files_signature = _digest(
            *((f.src_uri, f.dest_uri, f.url, f.inclusion.name, f.generated_by or "") for f in files)
        )
    return build.files_signature


def _config_signature(build: Build, config: Any) -> str:
    """The whole configuration as the theme's templates see it (the menu and `extra` included)."""
    if build.config_signature is None:
        build.config_signature = _digest(stable(dict(config.items())))
    return build.config_signature


_CONVERSION_SETTINGS = (
    "markdown_extensions",
    "mdx_configs",
    "validation",
    "use_directory_urls",
    "site_url",
    "docs_dir",
)
"""What Page.render reads of the configuration besides the page and the site's files."""


def _conversion_signature(build: Build, config: Any) -> str:
    """The configuration as Markdown to HTML sees it (not the menu or `extra`, which only the templates show)."""
    if build.conversion_signature is None:
        build.conversion_signature = _digest(stable({name: config.get(name) for name in _CONVERSION_SETTINGS}))
    return build.conversion_signature


# --------------------------------------------------------------------------- 3. search index


def remember_search_entries(config: Any) -> None:
    """Let the search plugin reuse the entries of pages whose HTML, title and front matter are the same."""
    if not STATE.enabled:
        return
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context"):
            _wrap_search(index)


def _wrap_search(index: Any) -> None:
    original = index.add_entry_from_context

    def add_entry_from_context(page: Page) -> None:
        build, previous = STATE.current, STATE.previous
        key = _digest(page.url, page.title, page.content, stable(page.toc), stable(page.meta))
        cached = previous.searched.get(page.url) if previous and not build.full else None
        if cached is not None and cached[0] == key:
            entries = copy.deepcopy(cached[1])
        else:
            before = len(index.entries)
            original(page)
            entries = copy.deepcopy(index.entries[before:])
            del index.entries[before:]
        build.searched[page.url] = (key, copy.deepcopy(entries))
        index.entries.extend(entries)

    index.add_entry_from_context = add_entry_from_context


# --------------------------------------------------------------------------- 4. templates


class _MemoryBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory between builds (a template whose source changed is compiled again)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill `bucket` from memory, if this template was compiled before."""
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a newly compiled template."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def remember_templates(env: jinja2.Environment, config: Any) -> jinja2.Environment:
    """Let the theme's templates reuse their output when everything they are given is the same (on_env)."""
    if not STATE.enabled:
        return env
    if STATE.bytecode is None:
        STATE.bytecode = _MemoryBytecode()
    env.bytecode_cache = STATE.bytecode
    original = env.get_template

    def get_template(name: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not isinstance(name, str):
            return original(name, *args, **kwargs)
        return _RememberedTemplate(name, original, config)

    env.get_template = get_template  # type: ignore[method-assign]
    return env


class _RememberedTemplate:
    """A theme template that renders only when its context differs from the previous build's."""

    def __init__(self, name: str, load: Callable[[str], jinja2.Template], config: Any) -> None:
        self.name = name
        self.load = load
        self.config = config

    def render(self, context: Mapping[str, Any]) -> str:
        """The template's output for `context`."""
        build, previous = STATE.current, STATE.previous
        page = context.get("page")
        slot = f"{self.name}:{page.file.src_uri if isinstance(page, Page) else ''}"
        try:
            key = _context_signature(build, self.name, context, self.config)
        except _Unstable:
            return self.load(self.name).render(context)
        cached = previous.templates.get(slot) if previous and not build.full else None
        if cached is not None and cached[0] == key:
            output = cached[1]
            build.counts["mallar"] += 1
        else:
            output = self.load(self.name).render(context)
        build.templates[slot] = (key, output)
        return output

    def __getattr__(self, name: str) -> Any:
        return getattr(self.load(self.name), name)


_STANDARD_CONTEXT = frozenset(
    {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version", "build_date_utc", "config", "page"}
)


def _context_signature(build: Build, name: str, context: Mapping[str, Any], config: Any) -> str:
    """Everything a theme template is given, as one digest; `_Unstable` when something cannot be compared."""
    if build.nav_signature is None:
        build.nav_signature = _digest(_nav(context["nav"])) if context.get("nav") is not None else ""
    page = context.get("page")
    others = tuple((k, stable(v, strict=True)) for k, v in context.items() if k not in _STANDARD_CONTEXT)
    return _digest(
        name,
        build.nav_signature,
        _config_signature(build, config),
        context.get("base_url"),
        stable(context.get("extra_css")),
        stable(context.get("extra_javascript")),
        context.get("mkdocs_version"),
        tuple(_file(f) for f in context.get("pages") or ()),
        _page(page) if isinstance(page, Page) else None,
        others,
    )


def _page(page: Page) -> tuple[object, ...]:
    """The current page as a template sees it."""
    return (
        page.file.src_uri,
        page.url,
        page.title,
        page.content,
        stable(page.toc),
        stable(page.meta),
        page.canonical_url,
        page.edit_url,
        page.update_date,
        page.is_homepage,
    )


def _file(file: File) -> tuple[object, ...]:
    page = file.page
    return (
        file.src_uri,
        file.dest_uri,
        file.url,
        page.canonical_url if page else None,
        page.update_date if page else None,
    )


def _nav(nav: Navigation) -> tuple[object, ...]:
    """The menu's structure, titles, addresses and each page's front matter (the theme shows icons and status from it)."""

    def item(entry: Any) -> tuple[object, ...]:
        if isinstance(entry, Section):
            return ("avsnitt", entry.title, tuple(item(child) for child in entry.children))
        if isinstance(entry, Page):
            return ("sida", entry.title, entry.url, entry.file.src_uri, stable(entry.meta))
        if isinstance(entry, Link):
            return ("länk", entry.title, entry.url)
        raise _Unstable(type(entry).__name__)

    return (tuple(item(entry) for entry in nav.items), nav.homepage.url if nav.homepage else None)


# --------------------------------------------------------------------------- comparing values


class _Unstable(Exception):
    """A value that cannot be compared between builds (nothing is reused for it)."""


_ATOMS = (str, int, float, bool, type(None), dt.date, dt.datetime, enum.Enum)


def stable(value: object, *, strict: bool = False) -> object:
    """A value as it compares between builds: plain data as is; objects by what they show.

    Configuration objects whose content is fixed by mkdocs.yml (the theme, plugins, Markdown
    extensions) compare by type; with `strict` such an object is `_Unstable` instead.
    """
    if isinstance(value, _ATOMS):
        return value
    if isinstance(value, AnchorLink):
        return ("ankare", value.title, value.id, value.level, stable(value.children, strict=strict))
    if isinstance(value, TableOfContents):
        return ("innehåll", tuple(stable(item, strict=strict) for item in value))
    if isinstance(value, list | tuple):
        return tuple(stable(item, strict=strict) for item in value)
    if isinstance(value, Mapping):
        return tuple((str(k), stable(v, strict=strict)) for k, v in value.items())
    if isinstance(value, set | frozenset):
        return tuple(sorted(repr(stable(item, strict=strict)) for item in value))
    if strict:
        raise _Unstable(type(value).__name__)
    return ("objekt", type(value).__module__, type(value).__qualname__)


def _digest(*parts: object) -> str:
    """A short hash of `parts` (built from `stable` values), equal between builds exactly when they are."""
    digest = hashlib.blake2b(digest_size=20)
    _feed(digest, parts)
    return digest.hexdigest()


_SPELLED_OUT = 16
"""Tuples up to this length are hashed part by part, so that a page's text inside one is hashed as it is;
longer ones (lists of many small values) through their `repr`, which is faster for those."""


def _feed(digest: Any, value: object) -> None:
    """Add `value` to `digest`, each part marked with its kind and length so that no two values run
    together: text as its UTF-8 bytes (a page's HTML is not copied into a `repr` first), short tuples
    part by part, anything else as its `repr`."""
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        digest.update(b"s%d:" % len(data))
        digest.update(data)
    elif isinstance(value, tuple) and len(value) <= _SPELLED_OUT:
        digest.update(b"t%d:" % len(value))
        for part in value:
            _feed(digest, part)
    else:
        data = repr(value).encode("utf-8", "surrogatepass")
        digest.update(b"r%d:" % len(data))
        digest.update(data)
