"""The whole plan on one page: the chapters as the site has already rendered them, put into
the placeholder of the generated page (`macros.render.whole_plan`).

MkDocs renders every page's content before it writes any page, so when the whole-plan page
is written, each chapter's HTML is there to be reused: nothing is rendered twice. The
chapters come in the menu's order (which follows the source's table of contents), each
activity's page right after the activity list when the menu does not place it itself.

A chapter's HTML was made for its own address, so three things are rewritten: ids get the
chapter's prefix (`k3-`), so that two chapters' "#fn:1" or "#beskrivning" stay apart, with
every reference to them (`for`, `aria-*`, `headers`, `url(#…)`); a link to a page that the
document contains (and to an anchor the document holds) becomes a link into the document; any
other relative link is rebased to the whole-plan page's address. An activity's change log is
left out: it is no part of the plan's text and grows with every commit.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from html import escape, unescape

from macros.render.context import NOT_IN_SOURCE, activity_page
from macros.render.history import RECORD_HISTORY_ID
from macros.render.html import page_url
from macros.render.paths import relative_path
from macros.render.whole_plan import PLACEHOLDER

_ID = re.compile(r'(\sid=")([^"]+)(")')
_IDREFS = re.compile(r'(\s(?:for|headers|aria-labelledby|aria-describedby|aria-controls|aria-owns)=")([^"]*)(")')
_URL_REF = re.compile(r"url\((?:#|&#35;)([^)\s]+)\)")
_LINK = re.compile(r'(\s(?:href|src|xlink:href)=")([^"]*)(")')
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/)")
_RECORD_HISTORY = re.compile(rf'<h2(?:\s[^>]*)?\sid="{RECORD_HISTORY_ID}"[\s>].*?(?=<h2[\s>]|\Z)', re.DOTALL)
"""An activity page's "Historik" section: from its heading to the next section or the end."""


@dataclass(frozen=True)
class Chapter:
    """One page of the plan: its source path, its address and its rendered content."""

    source: str
    url: str
    html: str


def in_order(plan_id: str, menu: Iterable[str], activities: list[str], rendered: dict[str, Chapter]) -> list[Chapter]:
    """The plan's pages that belong to the source document, in the menu's order, with each
    activity's generated page after the activity list in the plan's order (a menu MkDocs makes
    itself sorts them by name), without its change log (`without_record_history`)."""
    folder = f"{plan_id}/"
    pages = [activity_page(plan_id, a) for a in activities]
    generated = set(pages)
    own = [
        path
        for path in menu
        if path.startswith(folder) and path in rendered and path not in generated and _in_source(path, folder)
    ]
    activity_chapters = [without_record_history(rendered[path]) for path in pages if path in rendered]
    activity_list = f"{folder}aktiviteter/index.md"
    place = own.index(activity_list) + 1 if activity_list in own else len(own)
    chapters = [rendered[path] for path in own]
    chapters[place:place] = activity_chapters
    return chapters


def without_record_history(chapter: Chapter) -> Chapter:
    """An activity's chapter without its change log: the plan to print is what the plan says, and
    the log (a row per changed field, growing with every commit) stays on the activity's own page."""
    return replace(chapter, html=_RECORD_HISTORY.sub("", chapter.html))


def _in_source(path: str, folder: str) -> bool:
    """Whether a page of the plan's folder is part of the source document."""
    inner = path[len(folder) :]
    return not any(inner == part or (part.endswith("/") and inner.startswith(part)) for part in NOT_IN_SOURCE)


def assemble(page_html: str, plan_id: str, address: str, chapters: list[Chapter]) -> str:
    """The whole-plan page's HTML with its chapters in place of the placeholder."""
    placeholder = PLACEHOLDER.format(plan=plan_id)
    if placeholder not in page_html:
        return page_html
    anchors = {chapter.url: f"k{number}" for number, chapter in enumerate(chapters, 1)}
    ids = {chapter.url: {match.group(2) for match in _ID.finditer(chapter.html)} for chapter in chapters}
    sections = "".join(
        f'<section class="hela-planen-kapitel" id="{anchors[chapter.url]}">'
        f"{_rewrite(chapter, anchors[chapter.url], anchors, ids, address)}</section>"
        for chapter in chapters
    )
    return page_html.replace(placeholder, f'<div class="hela-planen" data-hela-planen="{plan_id}">{sections}</div>', 1)


def _rewrite(chapter: Chapter, prefix: str, anchors: dict[str, str], ids: dict[str, set[str]], address: str) -> str:
    """A chapter's HTML with its ids prefixed and its links pointing right from `address`: into the
    document when it holds the target (`ids`: each chapter's ids), else to the page itself."""

    def own(name: str) -> str:
        return f"{prefix}-{name}"

    html = _ID.sub(lambda m: m.group(1) + own(m.group(2)) + m.group(3), chapter.html)
    html = _IDREFS.sub(lambda m: m.group(1) + " ".join(own(n) for n in m.group(2).split()) + m.group(3), html)
    html = _URL_REF.sub(lambda m: f"url(#{own(m.group(1))})", html)

    def link(match: re.Match[str]) -> str:
        value = unescape(match.group(2))  # the engine escapes "#" as &#35;
        if not value or _EXTERNAL.match(value):
            return match.group(0)
        if value == "#":  # the top of the page (a link whose target the source lost): stays as it is
            return match.group(0)
        target, _, fragment = value.partition("#")
        resolved = _resolve(chapter.url, target)
        if resolved in anchors and (not fragment or fragment in ids[resolved]):
            pointed = "#" + (f"{anchors[resolved]}-{fragment}" if fragment else anchors[resolved])
        else:
            directory = target.endswith("/") or not target
            pointed = _relative(resolved, address, directory) + (f"#{fragment}" if fragment else "")
        return match.group(1) + escape(pointed, quote=True) + match.group(3)

    return _LINK.sub(link, html)


def _resolve(base: str, target: str) -> str:
    """The site path (no leading slash) that `target`, written on the page at `base`, points to."""
    if not target:
        return base
    joined = posixpath.normpath(posixpath.join(base, target))
    joined = "" if joined == "." else joined
    return joined + "/" if target.endswith("/") and joined else joined


def _relative(path: str, address: str, directory: bool) -> str:
    """`path` (a site path) relative to the page at `address`."""
    relative = relative_path(path or ".", address.rstrip("/") or ".")
    if relative == ".":
        return "./"
    return relative + "/" if directory and not relative.endswith("/") else relative


def chapter_urls(sources: Iterable[str]) -> dict[str, str]:
    """The address of each source page (`a/b.md` → `a/b/`)."""
    return {source: page_url(source) for source in sources}
