"""Small HTML helpers shared by the views: links that work in raw HTML, escaping,
Swedish sort keys and scrollable regions a keyboard can reach.

Views write raw HTML (tables with sort buttons, SVG diagrams). MkDocs rewrites `.md`
links only in Markdown, so links in raw HTML must already be the built page's URL;
`href` makes them, relative to the current page, for `use_directory_urls: true`.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
import secrets
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from macros.render.context import Site
from macros.render.paths import relative_path
from macros.render.safe import plain

DIRECTORY_URLS = True
"""mkdocs.yml sets `use_directory_urls: true` (a test keeps the two in step)."""


def page_url(source: str) -> str:
    """The URL path of a source page: `a/b.md` → `a/b/`, `a/index.md` → `a/`, `index.md` → ``."""
    stem = source.removesuffix(".md")
    if not DIRECTORY_URLS:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def url_to(site: Site, url_path: str) -> str:
    """A relative URL from the current page to a folder of the built site (`arkiv/…/`, "" for the root)."""
    here = page_url(site.page).rstrip("/") or "."
    relative = relative_path(url_path.rstrip("/") or ".", here)
    return "./" if relative == "." else relative + "/"


def href(site: Site, target: str, anchor: str | None = None) -> str:
    """A URL for a raw-HTML link from the current page to the source page `target`."""
    fragment = f"#{anchor}" if anchor else ""
    if target == site.page and anchor:
        return fragment
    return url_to(site, page_url(target)) + fragment


def link(site: Site, target: str, text: str, anchor: str | None = None) -> str:
    """An `<a>` element to another page with escaped text."""
    return f'<a href="{plain(href(site, target, anchor))}">{plain(text)}</a>'


def attributes(values: dict[str, str | None]) -> str:
    """HTML attributes from a dict, skipping None: ` id="x" class="y"`."""
    return "".join(f' {name}="{plain(value)}"' for name, value in values.items() if value is not None)


def scroll_region(content: str, label: str, css_class: str = "rulla") -> str:
    """A wrapper that scrolls wide content (a table's cells kept apart) that keyboard users can focus and scroll."""
    return (
        f'<div class="{css_class}" tabindex="0" role="region" aria-label="{plain(label)}">{cells_apart(content)}</div>'
    )


_CELL_END = re.compile(r"(</(?:td|th|tr|caption|thead|tbody)>)(?=<)")


def cells_apart(table: str) -> str:
    """A table's HTML with a line break after each cell, row and caption.

    The break changes nothing on the page, but a reader of the page's text (the site's search,
    which shows snippets of it) sees "Nr Aktivitet Prioritet" rather than "NrAktivitetPrioritet".
    """
    return _CELL_END.sub("\\1\n", table)


def slug(text: str) -> str:
    """An id fragment from any text: `Ökad service` → `okad-service`."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "x"


_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
_FOLD = {"é": "e", "è": "e", "ü": "y", "æ": "ä", "ø": "ö", "á": "a", "à": "a"}
_RANK = {char: 1000 + index for index, char in enumerate(_ALPHABET)} | {
    char: 1000 + _ALPHABET.index(folded) for char, folded in _FOLD.items()
}
"""Each letter's place in Swedish alphabetical order (letters folded to their Swedish sorting)."""

_NUMBERS = re.compile(r"(\d+)")


def _rank(char: str) -> int:
    """A character's place: the Swedish alphabet first, other letters after it, everything else first."""
    return _RANK.get(char) or (2000 + ord(char) if char.isalpha() else 1)


class _Translation(dict[int, str]):
    """A table for `str.translate` that works out each character's replacement when first met."""

    def __init__(self, replacement: Callable[[str], str]) -> None:
        super().__init__()
        self.replacement = replacement

    def __missing__(self, code: int) -> str:
        value = self[code] = self.replacement(chr(code))
        return value


_PLACES = _Translation(lambda char: chr(min(_rank(char), sys.maxunicode)))
"""Each character as the character whose code is its place (`_rank`)."""

_DIGITS = _Translation(lambda char: str(unicodedata.decimal(char)))
"""Each decimal digit of any script as its ASCII digit."""


@lru_cache(maxsize=16384)
def swedish_key(text: str) -> tuple[str, str]:
    """A sort key in Swedish alphabetical order: a–z, then å, ä, ö; numbers by value.

    Each character becomes the character whose code is its place, and a number a character before
    every place, then its count of digits, then its digits: such strings compare as the places and
    the numbers' values would (a test holds the two together)."""
    parts = _NUMBERS.split(text.lower())
    for index in range(1, len(parts), 2):
        digits = parts[index].translate(_DIGITS).lstrip("0")
        parts[index] = "\x00" + chr(1 + min(len(digits), sys.maxunicode - 1)) + digits
    for index in range(0, len(parts), 2):
        parts[index] = parts[index].translate(_PLACES)
    return "".join(parts), text


def count(number: int, singular: str, plural: str) -> str:
    """A count with the right form: "1 aktivitet", "3 aktiviteter"."""
    return f"{number} {singular if number == 1 else plural}"


def computed(site: Site, detail: str = "") -> str:
    """The day a view that depends on today was computed: `<p class="vy-idag">Beräknat 2026-11-29.</p>`.

    Status, lateness, deadlines and who holds a role change with the day, so every such
    view says which day it shows; the published site is rebuilt every day.
    """
    extra = f" {plain(detail)}" if detail else ""
    return f'<p class="vy-idag">Beräknat {site.today.isoformat()}.{extra}</p>\n\n'


_FINISHED_KEY = secrets.token_bytes(16)
"""Keys the tokens of this process's finished blocks, so that no page text can name one it did not get."""

SEARCHED, UNSEARCHED = "html", "utan-sok"
"""The two kinds of finished block: put back before the site's search reads the page, or after it."""

FINISHED_BLOCK = re.compile(rf"<!--kategoriplan-({SEARCHED}|{UNSEARCHED}) ([0-9a-f]{{32}})-->")

_FINISHED: dict[str, tuple[str, str]] = {}
"""The finished blocks this process made, by token: their kind and HTML (see `keep_finished_blocks`)."""


def _sealed(html: str, kind: str = SEARCHED) -> str:
    """`html` as one HTML comment naming it by a token (see `finished_html`).

    The token is a keyed hash of the block, so the same block gets the same token in every build
    of the process: a page whose macros give the same HTML gives the same Markdown (the preview
    reuses its conversion)."""
    token = hashlib.blake2b(f"{kind} {html}".encode(), key=_FINISHED_KEY, digest_size=16).hexdigest()
    _FINISHED[token] = (kind, html)
    return f"<!--kategoriplan-{kind} {token}-->"


def finished_html(html: str, *, searched: bool = True) -> str:
    """A block of finished HTML (a large table of the history) that Markdown carries over without reading it.

    Python-Markdown parses every block of raw HTML it meets, which for the history's tables of
    hundreds of rows costs more than making them. The block travels through Markdown as one short
    HTML comment naming it by a token keyed for this process, the HTML waits in the engine's
    memory, and `expand_finished` puts it back in the page's HTML; so Markdown reads a few dozen
    characters, not the block. The HTML is escaped as always (`plain`, `rich`) before.
    A block that is not `searched` stays sealed while the site's search reads the page (the
    adapter puts it back afterwards), so the search neither indexes nor even parses it.
    """
    return f"\n{_sealed(html, SEARCHED if searched else UNSEARCHED)}\n"


def keep_finished_blocks(texts: Iterable[str]) -> None:
    """Forget every finished block that none of `texts` names (the start of a build).

    A build's pages name only blocks made in that build, or kept from the previous build in the
    texts the preview reuses (its macros' Markdown, its converted pages), which the adapter passes
    here; so the engine's memory holds one build's blocks, however long the preview runs. A block
    named inside a kept block is kept with it."""
    named: set[str] = set()
    pending = list(texts)
    while pending:
        text = pending.pop()
        for match in FINISHED_BLOCK.finditer(text) if "<!--kategoriplan-" in text else ():
            token = match.group(2)
            if token not in named and token in _FINISHED:
                named.add(token)
                pending.append(_FINISHED[token][1])
    for token in _FINISHED.keys() - named:
        del _FINISHED[token]


RAW_BLOCK_TAGS = ("div", "table", "figure", "details", "section", "nav", "aside", "ul", "ol", "dl", "p")
"""Block-level elements that Python-Markdown passes through untouched when one starts a line."""

_BLOCK_START = re.compile(rf"^<({'|'.join(RAW_BLOCK_TAGS)})[\s>]", re.MULTILINE)

_TAG_OF = {tag: re.compile(rf"<(/?){tag}[\s>]") for tag in RAW_BLOCK_TAGS}
"""Each block tag's opening and closing tags."""

_MARKDOWN_INSIDE = re.compile(r"<[a-z][^>]*\smarkdown[\s=>]")
"""A tag asking Markdown to read its content (md_in_html): such a block is left to Markdown."""


def _block_end(text: str, start: int, tag: str) -> int | None:
    """Where the element opened at `start` closes (the index after its end tag), if it does and
    nothing but spaces follows on that line; None otherwise."""
    depth = 0
    for match in _TAG_OF[tag].finditer(text, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            close = text.find(">", match.start())
            if close < 0:
                return None
            end = close + 1
            line_end = text.find("\n", end)
            rest = text[end : len(text) if line_end < 0 else line_end]
            return end if not rest.strip() else None
    return None


def finish_blocks(markdown: str) -> str:
    """A macro's Markdown with each raw HTML block (a block-level element that starts a line and
    ends one) carried over as finished HTML, so that Markdown does not parse what the engine
    already made and escaped; the page's HTML is the same (`expand_finished` puts it back)."""
    if "<" not in markdown:
        return markdown
    parts, position = [], 0
    for match in _BLOCK_START.finditer(markdown):
        if match.start() < position:
            continue  # inside a block already carried over
        end = _block_end(markdown, match.start(), match.group(1))
        if end is None or _MARKDOWN_INSIDE.search(markdown, match.start(), end):
            continue
        parts += [markdown[position : match.start()], _sealed(markdown[match.start() : end])]
        position = end
    return "".join(parts) + markdown[position:] if parts else markdown


def _opened(match: re.Match[str]) -> str | None:
    """The HTML of a finished block, or None when this process made no such block (page text that imitates one)."""
    kind, token = match.groups()
    entry = _FINISHED.get(token)
    return entry[1] if entry is not None and entry[0] == kind else None


def expand_finished(html: str, *, unsearched: bool = True) -> str:
    """A page's HTML with every finished block put back; a block this process did not make is dropped.

    With `unsearched=False` the blocks made not to be searched stay sealed (for the step before
    the search reads the page); a later call puts them back. A block inside a block is put back with it."""

    def back(match: re.Match[str]) -> str:
        if match.group(1) == UNSEARCHED and not unsearched:
            return match.group(0)
        return expand_finished(_opened(match) or "", unsearched=unsearched)

    return FINISHED_BLOCK.sub(back, html) if "<!--kategoriplan-" in html else html


PERMALINK_TITLE = "Länk till det här avsnittet"
"""The title of a heading's permalink, as mkdocs.yml gives it to the `toc` extension (a test keeps the two in step)."""

_HEADING_MARK = "data-kategoriplan-rubrik"
_FINISHED_HEADING = re.compile(rf'<h([1-6]) id="([^"<>]+)" {_HEADING_MARK}>(.*?)<a class="headerlink"', re.DOTALL)


def finished_heading(level: int, text_html: str, anchor: str) -> str:
    """A heading inside a finished block, with its permalink as Markdown's headings have.

    Markdown never sees it, so it is not in the page's table of contents as Markdown makes it;
    `finished_headings` finds it for the adapter, which adds it there. `text_html` is escaped text.
    """
    identifier = plain(anchor)
    link = f'<a class="headerlink" href="#{identifier}" title="{PERMALINK_TITLE}">&para;</a>'
    return f'<h{level} id="{identifier}" {_HEADING_MARK}>{text_html}{link}</h{level}>'


@dataclass(frozen=True)
class FinishedHeading:
    """A heading made by `finished_heading`: where its block starts in the page's HTML, its level, id and text."""

    offset: int
    level: int
    anchor: str
    title: str


def finished_headings(html: str) -> list[FinishedHeading]:
    """The headings inside the finished blocks of a page's HTML (before they are put back), in order.

    Only blocks this process made are read, so no page text can add an entry to a table of contents."""
    if "<!--kategoriplan-" not in html:
        return []
    found = []
    for block in FINISHED_BLOCK.finditer(html):
        content = _opened(block)
        if content is None or _HEADING_MARK not in content:
            continue
        found += [
            FinishedHeading(block.start(), int(level), html_lib.unescape(anchor), title)
            for level, anchor, title in _FINISHED_HEADING.findall(content)
        ]
    return found


_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_SVG = re.compile(r"(<svg\b.*?</svg>)", re.DOTALL)
_TEXT_NODE = re.compile(r"(<[^<>]*>|^)([^<>]+)(?=<|$)")
"""A tag and the text after it, up to the next tag; a piece between drawings may begin or end with text."""
_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_WHOLE_TIME = re.compile(
    rf"(?<![\w\-−])(?:\d{{4}}-\d{{2}}-\d{{2}}|(?:Q[1-4]|vt|ht|{_MONTHS})[ \u00a0]\d{{4}})(?![\w\-−])"
)
"""A date ("2023-12-12") or a time point as the plan names it ("Q4 2024", "vt 2024", "juni 2024")."""
WHOLE_DATE_CLASS = "helt-datum"
"""The class of a date a table keeps on one line (white-space: nowrap in the style sheet)."""


def keep_dates_whole(html: str) -> str:
    """The page's HTML with every date and named time point in a table's text kept on one line.

    Browsers may break "2023-12-12" after a hyphen, so that a narrow column shows "2023-12-" over
    "12", and "Q4 2024" at its space. Each in the text between a table's tags is wrapped in a span the style sheet keeps
    whole, and a period's dash stays with its first date; attributes, tags and drawings (SVG) are left as they are, and so is a date already
    wrapped (the function may run twice over a page).
    """
    if "<table" not in html:
        return html
    return _TABLE.sub(lambda table: _dates_in_table(table.group(0)), html)


def _dates_in_table(table: str) -> str:
    """One table's HTML with its dates wrapped, outside any SVG inside it."""
    parts = _SVG.split(table)
    return "".join(part if part.startswith("<svg") else _TEXT_NODE.sub(_dates_in_text, part) for part in parts)


_WHOLE_DATE_START = f'<span class="{WHOLE_DATE_CLASS}">'


def _dates_in_text(node: re.Match[str]) -> str:
    """A tag and the text after it, with the text's dates wrapped (once: a wrapped date is left alone)."""
    tag, text = node.groups()
    if tag == _WHOLE_DATE_START:
        return node.group(0)
    wrapped = _WHOLE_TIME.sub(lambda date: f"{_WHOLE_DATE_START}{date.group(0)}</span>", text)
    # A period "2023-10-01 – 2024-09-30" breaks after its dash, not before it.
    return tag + wrapped.replace(f"</span> – {_WHOLE_DATE_START}", f"</span>\u00a0– {_WHOLE_DATE_START}")
