"""Texts a scaffold left for the editor to write (marked FYLL I): a warning at each, in the data
and in the pages, until the editor has replaced them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from macros.loading.yaml_source import SourceFile
from macros.model.base import Path
from macros.validation.findings import Finding, warning

PLACEHOLDER = "FYLL I"
"""How a scaffold marks text the editor still has to write: `FYLL I: what to write`."""

_MARK = PLACEHOLDER + ":"
"""What the check looks for (the guides may name the marker without a colon)."""

MESSAGE = f"texten är mallens platshållare ({PLACEHOLDER}); skriv in den riktiga texten ur planen"


def _texts(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every text in a value tree with its key path, without recursion."""
    pending: list[tuple[Path, Any]] = [(path, value)]
    while pending:
        where, item = pending.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            pending += [((*where, key), child) for key, child in item.items()]
        elif isinstance(item, list):
            pending += [((*where, index), child) for index, child in enumerate(item)]


def data_placeholders(sources: Mapping[str, SourceFile]) -> list[Finding]:
    """A warning at every text of the data that still holds a scaffold's placeholder."""
    return [
        warning(name, source.line_of(path), MESSAGE)
        for name, source in sources.items()
        for path, text in _texts(source.value, ())
        if _MARK in text
    ]


def page_placeholders(file: str, text: str) -> list[Finding]:
    """A warning at every line of a page's text that still holds a scaffold's placeholder (an
    example in a fenced code block, as in the editors' guides, is not one)."""
    found, fence = [], ""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = "" if fence == marker else fence or marker
        elif not fence and _MARK in line:
            found.append(warning(file, number, MESSAGE))
    return found
