"""Read one YAML file into plain values while remembering the line of every value.

PyYAML parses the text into nodes (with their line numbers); we turn the nodes into
values ourselves so that we can refuse what editors do not mean: duplicate keys,
tabs, empty files, bytes that are not UTF-8, and YAML 1.1 scalars that different
readers interpret differently (`no`, `on`, `0755`, `12:30`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from macros.model.base import Path
from macros.validation.findings import Finding, error

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_PLAIN_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_BOOLEANS = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False}
_TAG = "tag:yaml.org,2002:"


@dataclass
class SourceFile:
    """A parsed YAML file: its value tree and the line of every key path in it."""

    display_path: str
    value: Any = None
    lines: dict[Path, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            if (line := self.lines.get(tuple(path[:end]))) is not None:
                return line
        return 1


def read_yaml(file: FsPath, display_path: str) -> SourceFile:
    """Read `file`; problems become findings, never exceptions."""
    source = SourceFile(display_path)
    text = _decode(file.read_bytes(), source)
    if text is None or not _check_text(text, source):
        return source
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        source.findings.append(error(display_path, line, f"YAML-syntaxfel: {exc.problem or exc.context}"))
        return source
    except yaml.YAMLError as exc:
        source.findings.append(error(display_path, 1, f"YAML-syntaxfel: {exc}"))
        return source
    if len(nodes) != 1:
        message = "filen är tom" if not nodes else "filen innehåller flera YAML-dokument (---); använd ett"
        source.findings.append(error(display_path, 1, message))
        return source
    source.value = _build(nodes[0], (), source)
    return source


def _decode(raw: bytes, source: SourceFile) -> str | None:
    """UTF-8 text without BOM, or a finding naming the first bad line."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        source.findings.append(
            error(source.display_path, line, "filen är inte UTF-8; spara den som UTF-8 i din editor")
        )
        return None


def _check_text(text: str, source: SourceFile) -> bool:
    """Refuse empty files and tab characters before parsing."""
    meaningful = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not meaningful:
        source.findings.append(error(source.display_path, 1, "filen är tom"))
        return False
    tabs = [number for number, ln in enumerate(text.splitlines(), 1) if "\t" in ln]
    for number in tabs:
        source.findings.append(
            error(source.display_path, number, "tabbtecken är inte tillåtna i YAML; använd mellanslag")
        )
    return not tabs


def _build(node: yaml.Node, path: Path, source: SourceFile) -> Any:
    """Turn a node into a value, recording its line under `path`."""
    source.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, source)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), source) for index, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, source)


def _build_mapping(node: yaml.MappingNode, path: Path, source: SourceFile) -> dict[str, Any]:
    """A mapping whose keys are text and appear once."""
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str) or key_node.tag == _TAG + "merge":
            source.findings.append(error(source.display_path, line, "nycklar ska vara enkel text"))
            continue
        if key in result:
            first = source.lines[(*path, key)]
            source.findings.append(
                error(
                    source.display_path, line, f"nyckeln '{key}' förekommer två gånger (första gången på rad {first})"
                )
            )
            continue
        source.lines[(*path, key)] = line
        result[key] = _build(value_node, (*path, key), source)
    return result


def _scalar(node: yaml.ScalarNode, source: SourceFile) -> Any:
    """Resolve a scalar with YAML 1.2 core rules, flagging YAML 1.1 surprises."""
    text: str = node.value
    if node.style:  # quoted or block scalar: always text (plain style is None or "")
        return text
    tag = node.tag.removeprefix(_TAG)
    line = node.start_mark.line + 1
    if tag == "null":
        return None
    if tag == "bool":
        if text in _BOOLEANS:
            return _BOOLEANS[text]
        return _ambiguous(source, line, text, "sant/falskt")
    if tag == "int":
        if _PLAIN_INT.match(text):
            return int(text)
        return _ambiguous(source, line, text, "ett tal (oktalt, sexagesimalt eller med _)")
    if tag == "float":
        if _PLAIN_FLOAT.match(text):
            return float(text)
        return _ambiguous(source, line, text, "ett decimaltal")
    return text


def _ambiguous(source: SourceFile, line: int, text: str, reading: str) -> str:
    """Report a YAML 1.1 scalar whose meaning depends on the reader; keep it as text."""
    source.findings.append(
        error(
            source.display_path,
            line,
            f"värdet {text} är tvetydigt: äldre YAML-läsare tolkar det som {reading}, andra som text; "
            f'sätt citattecken ("{text}") om du menar texten, annars skriv det entydigt',
        )
    )
    return text
