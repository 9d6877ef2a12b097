"""Hostile markers in every text of a model, and what a page may show of them.

A marker carries every way text could become live markup: an HTML element with an id and an
event handler, a script, a `javascript:` link, a picture and an attribute list. Each marker is
numbered, so that a test can tell which field's text reached which page, and whether it arrived
as text (as it must) or as markup (as it never may).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from macros.adapter import session
from macros.loading.loader import LoadResult
from macros.model.base import Record
from macros.model.history import Versions
from macros.model.text import TextKind, field_kind
from tests.sitebuild import ROOT

TOKEN = re.compile(r"⟦m(\d+)⟧")
"""The visible part of every marker: ⟦m12⟧."""


def hostile(number: int) -> str:
    """The full marker: HTML, an event handler, a script, a javascript: link, a picture, an attribute list."""
    return (
        f'⟦m{number}⟧<b id="mk{number}" onmouseover="mk{number}()">b{number}</b><script>mk{number}()</script>'
        f"[l{number}](javascript:mk{number}()) ![i{number}](https://x.invalid/mk{number}.png)"
        f'{{: #mk{number} onclick="mk{number}()" }}'
    )


def markdown_only(number: int) -> str:
    """A marker without HTML or attribute lists, which plain text accepts: every Markdown construct."""
    return (
        f"⟦m{number}⟧ [l{number}](javascript:mk{number}()) ![i{number}](https://x.invalid/mk{number}.png) "
        f"*e{number}* __u{number}__ `c{number}` | # !!! note & [^{number}]"
    )


def rich_only(number: int) -> str:
    """A marker rich text accepts: emphasis and a link to another host."""
    return f"⟦m{number}⟧ *e{number}* [l{number}](https://example.invalid/mk{number})"


LOOKUP_KEYS = {"Supplier.name", "SpendPerBuyer.buyer_label", "InvoiceVolume.supplier"}
"""Texts that content pages name in macro calls (leverantorsspend(leverantor="Atea") …): kept as they are."""

MARKERS: tuple[Callable[[int], str], ...] = (hostile, markdown_only, rich_only)
"""From the most to the least hostile; a test uses the first one a value accepts."""


@dataclass
class Marked:
    """Which text field got which marker number, and its kind."""

    fields: dict[int, tuple[str, TextKind]] = field(default_factory=dict)
    left_out: dict[str, str] = field(default_factory=dict)

    def next(self, where: str, kind: TextKind) -> int:
        """A new marker number for the field at `where`."""
        number = len(self.fields) + 1
        self.fields[number] = (where, kind)
        return number


def mark_model(value: Any, marked: Marked, keep: Callable[[str], bool], where: str = "") -> Any:
    """A copy of a model (records, lists, dataclasses) with a hostile marker after every text.

    Validation is bypassed on purpose: this proves that escaping alone keeps the markers inert.
    `keep(where)` names fields whose text must stay as it is (they are counted as left out).
    """
    if isinstance(value, Record):
        updates = {}
        for name, info in type(value).model_fields.items():
            path = f"{type(value).__name__}.{name}"
            current = getattr(value, name)
            kind = field_kind(info)
            if kind is not None and not keep(path):
                updates[name] = _mark_text(current, marked, path, kind)
            elif kind is not None:
                marked.left_out[path] = "nyckel som sidorna slår upp"
            else:
                updates[name] = mark_model(current, marked, keep, path)
        return value.model_copy(update=updates)
    if isinstance(value, list):
        return [mark_model(item, marked, keep, where) for item in value]
    if isinstance(value, dict):
        return {key: mark_model(item, marked, keep, where) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: mark_model(getattr(value, f.name), marked, keep, where) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _mark_text(current: Any, marked: Marked, where: str, kind: TextKind) -> Any:
    """One text value (or a list of them, or None) with a marker appended."""
    if current is None:
        return None
    if isinstance(current, list):
        return [_mark_text(item, marked, where, kind) for item in current]
    return f"{current} {hostile(marked.next(where, kind))}"


class Page(HTMLParser):
    """A built page: every element with its attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record an element; its title, alt and aria-label count as text a reader can meet."""
        values = {name: value or "" for name, value in attrs}
        self.elements.append((tag, values))
        self._in_script = tag in ("script", "style")
        self.text += [values[name] for name in ("title", "alt", "aria-label") if name in values]

    def handle_endtag(self, tag: str) -> None:
        """Leave a script or style."""
        if tag in ("script", "style"):
            self._in_script = False

    def handle_data(self, data: str) -> None:
        """Collect text (and the content of scripts apart)."""
        (self.scripts if self._in_script else self.text).append(data)


def parse(html: str) -> Page:
    """A page's elements and text."""
    page = Page()
    page.feed(html)
    page.close()
    return page


def live_markup(page: Page) -> Iterator[str]:
    """Every place where a marker became markup: an element, an attribute, a link or a script."""
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            if name.startswith("on") and "mk" in value:
                yield f"<{tag} {name}={value!r}>"
            if name == "id" and re.fullmatch(r"mk\d+", value):
                yield f"<{tag} {name}={value!r}>"
            if name in ("src", "srcset", "data", "poster") and re.search(r"mk\d+", value):
                yield f"<{tag} {name}={value!r}>"
            if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                yield f"<{tag} {name}={value!r}>"
    for script in page.scripts:
        if re.search(r"mk\d+\(\)", script):
            yield f"<script>{script[:60]}</script>"


def visible_text(page: Page) -> str:
    """The page's text as a reader meets it, whitespace runs as one space."""
    return re.sub(r"\s+", " ", " ".join(page.text))


def build_in_process(tmp: Path, result: LoadResult, monkeypatch: pytest.MonkeyPatch, today: str) -> Path:
    """Build the site of mkdocs.yml with MkDocs in this process from an already loaded (and altered) model."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    monkeypatch.setenv("KATEGORIPLAN_IDAG", today)
    monkeypatch.setattr(session, "load_once", lambda data_dir, day: result)
    # The decided versions of an altered model name references no repository has: show them without git.
    monkeypatch.setattr(session, "read_versions", lambda *args: Versions(unavailable="testbygge utan git"))
    site = tmp / "site"
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return site
