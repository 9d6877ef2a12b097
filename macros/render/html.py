"""Small HTML helpers shared by the views: links that work in raw HTML, escaping,
Swedish sort keys and scrollable regions a keyboard can reach.

Views write raw HTML (tables with sort buttons, SVG diagrams). MkDocs rewrites `.md`
links only in Markdown, so links in raw HTML must already be the built page's URL;
`href` makes them, relative to the current page, for `use_directory_urls: true`.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from macros.render.context import Site
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


def href(site: Site, target: str, anchor: str | None = None) -> str:
    """A URL for a raw-HTML link from the current page to the source page `target`."""
    fragment = f"#{anchor}" if anchor else ""
    if target == site.page and anchor:
        return fragment
    here = page_url(site.page).rstrip("/") or "."
    relative = posixpath.relpath(page_url(target).rstrip("/") or ".", here)
    return ("./" if relative == "." else relative + "/") + fragment


def link(site: Site, target: str, text: str, anchor: str | None = None) -> str:
    """An `<a>` element to another page with escaped text."""
    return f'<a href="{plain(href(site, target, anchor))}">{plain(text)}</a>'


def attributes(values: dict[str, str | None]) -> str:
    """HTML attributes from a dict, skipping None: ` id="x" class="y"`."""
    return "".join(f' {name}="{plain(value)}"' for name, value in values.items() if value is not None)


def scroll_region(content: str, label: str, css_class: str = "rulla") -> str:
    """A wrapper that scrolls wide content and that keyboard users can focus and scroll."""
    return f'<div class="{css_class}" tabindex="0" role="region" aria-label="{plain(label)}">{content}</div>'


def slug(text: str) -> str:
    """An id fragment from any text: `Ökad service` → `okad-service`."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "x"


_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
_FOLD = {"é": "e", "è": "e", "ü": "y", "æ": "ä", "ø": "ö", "á": "a", "à": "a"}


def swedish_key(text: str) -> tuple[tuple[int, ...], str]:
    """A sort key in Swedish alphabetical order: a–z, then å, ä, ö; numbers by value."""
    key: list[int] = []
    for part in re.split(r"(\d+)", text.lower()):
        if part.isdigit():
            key += [0, int(part)]
            continue
        for char in part:
            char = _FOLD.get(char, char)
            key.append(1000 + _ALPHABET.index(char) if char in _ALPHABET else 2000 + ord(char) if char.isalpha() else 1)
    return tuple(key), text


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
