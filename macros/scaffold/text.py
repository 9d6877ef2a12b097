"""Adding a record to a data file as text: the new lines go after the last entry of a list, and
nothing else in the file changes (comments, quoting, blank lines and order stay as the editors
wrote them).

The file is read with the project's own YAML reader, which knows the line of every key and
list entry; the new entry copies the indentation, the blank line and the separator comment the
entries before it use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from macros.loading.yaml_source import SourceFile, parse_yaml, read_yaml

_NUMERIC = re.compile(r"^[\d.:-]+$")
"""Section numbers and dates, which the data always quotes (other YAML readers take 9.2 for a number)."""
_ITEM = re.compile(r"^(\s*)-(\s|$)")
_EMPTY_FLOW_LIST = re.compile(r"^(?P<key>[^#\s][^:]*):\s*\[\s*\]\s*(?P<comment>#.*)?$")


class ScaffoldError(Exception):
    """A scaffold cannot write what it was asked to (said in Swedish)."""


def scalar(value: str | int | bool) -> str:
    """A YAML scalar that every reader reads the same way: text as it is where the project's reader
    reads it back unchanged (as the editors write it), else in double quotes, as are section numbers
    and dates; whole numbers as written."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value and "\n" not in value and value == value.strip() and not _NUMERIC.match(value):
        source = parse_yaml(f"k: {value}\n".encode(), SourceFile("text"))
        if not source.findings and source.value == {"k": value}:
            return value
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Entry:
    """A new list entry as (key, value) pairs; a value that is a list of such pairs is a nested mapping,
    a list of those a nested list of mappings."""

    fields: Sequence[tuple[str, object]]

    def lines(self, indent: str) -> list[str]:
        """The entry as block YAML under a list whose dashes stand at `indent`."""
        return _mapping(self.fields, indent + "- ", indent + "  ")


def _mapping(fields: Sequence[tuple[str, object]], first: str, rest: str) -> list[str]:
    """Block lines of a mapping whose first line starts with `first` and the others with `rest`."""
    lines: list[str] = []
    for index, (key, value) in enumerate(fields):
        prefix = first if index == 0 else rest
        if isinstance(value, Entry):
            lines.append(f"{prefix}{key}:")
            lines += _mapping(value.fields, rest + "  ", rest + "  ")
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}:")
            for item in value:
                lines += _mapping(item.fields, rest + "  - ", rest + "    ")
        else:
            lines.append(f"{prefix}{key}: {scalar(value)}")  # type: ignore[arg-type]
    return lines


def read_source(file: Path, shown: str) -> tuple[str, SourceFile]:
    """A data file's text and its parsed form; a file the check would refuse cannot be added to."""
    if not file.is_file():
        raise ScaffoldError(f"{shown}: filen finns inte")
    source = read_yaml(file, shown)
    if source.findings or not isinstance(source.value, dict):
        first = source.findings[0].format() if source.findings else f"{shown}: filen är inte en YAML-post"
        raise ScaffoldError(f"rätta först felet i filen (make check): {first}")
    return file.read_text(encoding="utf-8"), source


def append_entry(text: str, source: SourceFile, key: str, entry: Entry, *, after: int | None = None) -> tuple[str, int]:
    """`text` with `entry` added to the list under the top-level `key` (after entry number `after`,
    or last); the new text and the line where the entry starts. Nothing else in the text changes."""
    items = source.value.get(key)
    if not isinstance(items, list):
        raise ScaffoldError(f"{source.display_path}: nyckeln '{key}' ska vara en lista")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if not items:
        return _into_empty(lines, source, key, entry)
    first = source.lines[(key, 0)]
    indent = _ITEM.match(lines[first - 1])
    if indent is None:
        raise ScaffoldError(f"{source.display_path}:{first}: listan '{key}' ska skrivas med en post per rad (- …)")
    index = len(items) - 1 if after is None else after
    stop = source.lines[(key, index + 1)] if index + 1 < len(items) else _next_key_line(source, key, len(lines))
    end = _content_end(lines, stop)
    new = _separator(lines, first, indent.group(1), entry)
    lines[end:end] = new
    return "".join(lines), end + len(new) - len(entry.lines(indent.group(1))) + 1


def _separator(lines: list[str], first: int, indent: str, entry: Entry) -> list[str]:
    """The entry's lines, after the blank line and the comment line of dashes the first entry has before it."""
    before: list[str] = []
    above = lines[first - 2] if first >= 2 else ""
    if re.fullmatch(r"\s*#\s*-{3,}\s*\n?", above):
        before.insert(0, above if above.endswith("\n") else above + "\n")
        above = lines[first - 3] if first >= 3 else ""
    if first >= 2 and not above.strip():
        before.insert(0, "\n")
    return before + [line + "\n" for line in entry.lines(indent)]


def _into_empty(lines: list[str], source: SourceFile, key: str, entry: Entry) -> tuple[str, int]:
    """The first entry of an empty list: `key: []` becomes `key:` with the entry under it."""
    line = source.lines[(key,)]
    match = _EMPTY_FLOW_LIST.match(lines[line - 1].rstrip("\n"))
    if match is None or match.group("key").strip() != key:
        raise ScaffoldError(f"{source.display_path}:{line}: skriv den tomma listan som '{key}: []' på en egen rad")
    comment = f"  {match.group('comment')}" if match.group("comment") else ""
    lines[line - 1] = f"{key}:{comment}\n"
    lines[line:line] = [item + "\n" for item in entry.lines("  ")]
    return "".join(lines), line + 1


def _next_key_line(source: SourceFile, key: str, end: int) -> int:
    """The line of the top-level key after `key` (one past the end of the text when there is none)."""
    start = source.lines[(key,)]
    later = [line for path, line in source.lines.items() if len(path) == 1 and line > start]
    return min(later, default=end + 1)


def _content_end(lines: list[str], stop: int) -> int:
    """The index after the last line before line `stop` that is neither blank nor a comment."""
    end = stop - 1
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end
