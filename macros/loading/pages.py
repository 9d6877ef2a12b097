"""Read a Markdown page the way MkDocs 1.6 does: front matter, body and title, with line numbers.

MkDocs (`mkdocs.utils.meta.get_data`) takes YAML front matter between `---` lines, or else
MultiMarkdown-style `nyckel: värde` lines at the top; mkdocs-macros then renders the body and,
separately, the page title (front matter `title`, else the first line when it is `# Rubrik`).
The checker must see exactly those texts, so this module repeats MkDocs' rules.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""The file endings MkDocs treats as pages (`mkdocs.utils.markdown_extensions`)."""

_YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


@dataclass(frozen=True)
class PageSource:
    """A page split as MkDocs splits it; lines are counted in the file."""

    body: str
    body_line: int = 1
    meta: Mapping[str, Any] = field(default_factory=dict)
    meta_lines: Mapping[str, int] = field(default_factory=dict)
    meta_error: str | None = None
    """Why front matter between `---` lines was not read (MkDocs then shows it as text)."""

    @property
    def title(self) -> tuple[Any, int]:
        """The title MkDocs gives the page before rendering (front matter or `# Rubrik`), and its line."""
        if "title" in self.meta:
            return self.meta["title"], self.meta_lines.get("title", 1)
        for index, line in enumerate(_lines(self.body)):
            if not line.strip():
                continue
            if not line.strip().startswith("# "):
                return None, self.body_line
            return line.strip().lstrip("# "), self.body_line + index
        return None, self.body_line


def read_page(source: str) -> PageSource:
    """Split a page's text into front matter and body exactly as MkDocs does."""
    if match := _YAML_RE.match(source):
        return _with_yaml_front_matter(source, match)
    return _with_multimarkdown_meta(source)


def _with_yaml_front_matter(source: str, match: re.Match[str]) -> PageSource:
    """A page starting with `---`: YAML front matter when it reads as a mapping, else all body."""
    try:
        data = yaml.load(match.group(1), Loader=_Loader)  # a safe loader, as MkDocs uses
    except Exception as exc:  # MkDocs ignores any failure and keeps the text
        return PageSource(source, meta_error=_yaml_problem(exc))
    if not isinstance(data, dict):
        return PageSource(source)
    rest = source[match.end() :]
    body = rest.lstrip("\n")
    body_line = source[: match.end()].count("\n") + 1 + len(rest) - len(body)
    return PageSource(body, body_line, data, _key_lines(match.group(1), first_line=2))


def _yaml_problem(exc: Exception) -> str:
    """A short reason why front matter is not YAML."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        where = f" (rad {mark.line + 2})" if mark else ""
        return f"{exc.problem or exc.context}{where}"
    return str(exc) or type(exc).__name__


def _key_lines(text: str, first_line: int) -> dict[str, int]:
    """The file line of every top-level key of YAML `text` that starts on `first_line`."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except Exception:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + first_line for key, _ in node.value}


def _with_multimarkdown_meta(source: str) -> PageSource:
    """A page without `---`: leading `nyckel: värde` lines up to a blank line are metadata."""
    lines = _lines(source)
    meta: dict[str, Any] = {}
    meta_lines: dict[str, int] = {}
    key: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.strip() == "":
            index += 1
            break
        if first := _META_RE.match(line):
            key = first.group("key").lower().strip()
            value = first.group("value").strip()
            meta[key] = f"{meta[key]} {value}" if key in meta else value
            meta_lines.setdefault(key, index + 1)
        elif (more := _META_MORE_RE.match(line)) and key:
            meta[key] += " {}".format(more.group("value").strip())
        else:
            break
        index += 1
    rest = "\n".join(lines[index:])
    body = rest.lstrip("\n")
    return PageSource(body, index + 1 + len(rest) - len(body), meta, meta_lines)


def _lines(text: str) -> list[str]:
    """The lines of `text`, whatever its line endings."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def page_files(folder: Path) -> list[Path]:
    """Every Markdown page under `folder`, as MkDocs finds them, never through a symbolic link.

    A link is reported by the check (`macros.validation.paths.links_under`) and stops the build.
    """
    found = []
    for directory, _, names in os.walk(folder, followlinks=False):
        pages = [Path(directory) / name for name in names if name.endswith(MARKDOWN_SUFFIXES)]
        found += [page for page in pages if not page.is_symlink()]
    return sorted(found)
