"""Read one YAML file into plain values while remembering the line of every value.

PyYAML's parser turns the text into a stream of events (with their line numbers); we
build the values from the events ourselves, with an explicit stack and never PyYAML's
composer (which expands aliases and recurses once per nesting level). That lets us refuse
what editors do not mean or never need: duplicate keys, tabs, control characters, empty
files, bytes that are not UTF-8, YAML 1.1 scalars that different readers interpret
differently (`no`, `on`, `0755`, `12:30`), anchors, aliases, merge keys and explicit tags;
and it keeps hostile files bounded: see the limits below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from macros.loading.data_tree import MAX_FILE_BYTES, read_bounded
from macros.model.base import Path
from macros.validation.findings import Finding, error, swedish_count

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 40
"""Most nested lists and mappings in one file; the real data needs 7 (nulage.yml)."""

MAX_TEXT_LENGTH = 20_000
"""Most characters in one value or key; the longest text in the real data has about 1 900."""

MAX_ITEMS = 10_000
"""Most entries in one list or keys in one mapping; the real data's longest list has 60, the benchmark's 50× 1 400."""

MAX_NODES = 300_000
"""Most keys and values in one file, which bounds its memory; the real data's largest file has 2 300,
the benchmark's 50× 23 000, and 10 000 minimal activities (the largest plan the tests check) 290 000."""

MAX_REPORTED_LINES = 20
"""Lines reported one by one for a problem that repeats on many lines (tabs, control characters)."""

_PLAIN_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_BOOLEANS = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False}
_TAG = "tag:yaml.org,2002:"
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file: control characters (C0 but tab and line breaks, DEL, C1 but NEL),
U+FFFE and U+FFFF."""


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

    def report(self, line: int, message: str) -> None:
        """Add an error at `line` of this file."""
        self.findings.append(error(self.display_path, line, message))


def read_yaml(file: FsPath, display_path: str) -> SourceFile:
    """Read `file` (a regular file, at most `MAX_FILE_BYTES`); problems become findings, never exceptions."""
    source = SourceFile(display_path)
    raw = read_bounded(file)
    if isinstance(raw, str):
        source.report(0, raw)
        return source
    return parse_yaml(raw, source)


def parse_yaml(raw: bytes, source: SourceFile) -> SourceFile:
    """Parse the bytes of one file into `source`'s value tree, lines and findings."""
    text = _decode(raw, source)
    if text is None or not _check_text(text, source):
        return source
    _Builder(source).run(text)
    return source


def _decode(raw: bytes, source: SourceFile) -> str | None:
    """UTF-8 text without BOM, or a finding naming the first bad line."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        source.report(line, "filen är inte UTF-8; spara den som UTF-8 i din editor")
        return None


def _check_text(text: str, source: SourceFile) -> bool:
    """Refuse empty files, tab characters and control characters before parsing."""
    lines = text.splitlines()
    if not any(ln.strip() and not ln.lstrip().startswith("#") for ln in lines):
        source.report(1, "filen är tom")
        return False
    tabs = ((number, "\t") for number, ln in enumerate(lines, 1) if "\t" in ln)
    found = _report_lines(source, tabs, lambda _: "tabbtecken är inte tillåtna i YAML; använd mellanslag")
    found += _report_lines(
        source,
        _control_characters(text),
        lambda char: (
            f"otillåtet tecken U+{ord(char):04X} (ett osynligt styrtecken); ta bort det "
            "– det följer ofta med text som klistrats in från andra program"
        ),
    )
    return not found


def _control_characters(text: str) -> Iterator[tuple[int, str]]:
    """The line and character of every character YAML does not allow, in one pass."""
    line, position = 1, 0
    for match in _NOT_PRINTABLE.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        yield line, match.group()


def _report_lines(source: SourceFile, hits: Iterable[tuple[int, str]], message: Callable[[str], str]) -> int:
    """Report a problem once per line for the first `MAX_REPORTED_LINES` lines, then once more; the lines found."""
    reported, last_line, first_unreported = 0, 0, 0
    for line, detail in hits:
        if line == last_line:
            continue
        last_line, reported = line, reported + 1
        if reported <= MAX_REPORTED_LINES:
            source.report(line, message(detail))
        elif not first_unreported:
            first_unreported = line
    if first_unreported:
        rest = swedish_count(reported - MAX_REPORTED_LINES)
        source.report(
            first_unreported, f"samma fel på {rest} rader till från och med den här; rätta dem och kontrollera igen"
        )
    return reported


class _Stop(Exception):
    """Reading stops: a limit is passed, so the rest of the file is not read."""


@dataclass(slots=True)
class _Frame:
    """A list or mapping being built; `path` is None while a refused part is read past."""

    path: Path | None
    items: dict[str, Any] | list[Any]
    line: int
    expect_key: bool
    """True in a mapping that waits for a key (never in a list)."""
    key: str | None = None
    """In a mapping: the key whose value comes next (None when that value is dropped)."""
    count: int = 0


class _Builder:
    """Builds the value tree of one document from PyYAML's events, with a stack instead of recursion.

    Each event is handled once and in constant time (apart from copying its text), so reading
    is linear in the file; nothing is expanded and nothing recurses.
    """

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.documents = 0
        self.first_finding = len(source.findings)
        self.implicit: dict[str, Any] = {}

    def run(self, text: str) -> None:
        """Read every event of `text`, or stop at a syntax error, a second document or a passed limit."""
        loader = _Loader(text)
        self.implicit = loader.yaml_implicit_resolvers
        handlers: dict[type, Callable[[Any, Any], None]] = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.collection,
            yaml.SequenceStartEvent: self.collection,
            yaml.MappingEndEvent: self.end,
            yaml.SequenceEndEvent: self.end,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.document,
        }
        try:
            while (event := loader.get_event()) is not None:
                if (handler := handlers.get(type(event))) is not None:
                    handler(loader, event)
        except _Stop:
            pass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            self.alone(mark.line + 1 if mark else 1, f"YAML-syntaxfel: {exc.problem or exc.context}")
        except yaml.YAMLError as exc:
            self.alone(1, f"YAML-syntaxfel: {exc}")
        finally:
            loader.dispose()
        if self.documents == 0 and not self.source.findings:
            self.source.report(1, "filen är tom")

    def alone(self, line: int, message: str) -> None:
        """Report a problem with the whole file in place of what was found in it so far."""
        self.source.value = None
        del self.source.findings[self.first_finding :]
        self.source.report(line, message)

    def document(self, loader: Any, event: yaml.DocumentStartEvent) -> None:
        """The start of a document: only one is allowed."""
        self.documents += 1
        if self.documents > 1:
            self.alone(1, "filen innehåller flera YAML-dokument (---); använd ett")
            raise _Stop

    def count_node(self, event: yaml.NodeEvent) -> int:
        """Count one more key or value (at most `MAX_NODES`), refuse anchors and tags; its line."""
        line: int = event.start_mark.line + 1 if event.start_mark else 1
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.stop(line, f"filen har fler än {swedish_count(MAX_NODES)} värden, vilket ingen datafil behöver")
        if event.anchor is not None and type(event) is not yaml.AliasEvent:
            self.source.report(
                line,
                f"ankare (&{event.anchor}) stöds inte i datafilerna; ta bort det och skriv ut värdet "
                "på varje ställe där det behövs",
            )
        if (tag := getattr(event, "tag", None)) is not None:
            written = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
            self.source.report(
                line,
                f"typangivelsen {written} stöds inte i datafilerna; ta bort den "
                "(sätt citattecken runt värdet om det ska läsas som text)",
            )
        return line

    def scalar(self, loader: Any, event: yaml.ScalarEvent) -> None:
        """A text, number, truth value or empty value; or a key."""
        line = self.count_node(event)
        text: str = event.value
        if len(text) > MAX_TEXT_LENGTH:
            self.source.report(
                line,
                f"texten är {swedish_count(len(text))} tecken lång; högst {swedish_count(MAX_TEXT_LENGTH)} tecken "
                "är tillåtet i ett värde – korta texten eller dela upp den",
            )
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.expect_key:
            self.key(loader, parent, event, line)
            return
        path = self.path_for(parent)
        if path is None:
            self.place(parent, None)
            return
        self.source.lines.setdefault(path, line)
        plain = not event.style and event.tag is None  # quoted and block scalars are always text
        if plain and (not text or text[0] in self.implicit):
            self.place(parent, _scalar(loader.resolve(yaml.ScalarNode, text, event.implicit), text, self.source, line))
        else:
            self.place(parent, text)

    def alias(self, loader: Any, event: yaml.AliasEvent) -> None:
        """An alias (*a) is refused and stands for nothing."""
        line = self.count_node(event)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.expect_key:
            self.source.report(line, f"alias (*{event.anchor}) stöds inte i datafilerna; skriv ut nyckeln i stället")
            parent.expect_key = False
            self.count_item(parent, "posten har fler än {} nycklar, vilket ingen datafil behöver")
            return
        self.source.report(
            line, f"alias (*{event.anchor}) stöds inte i datafilerna; skriv ut värdet här i stället för *{event.anchor}"
        )
        if (path := self.path_for(parent)) is not None:
            self.source.lines.setdefault(path, line)
        self.place(parent, None)

    def collection(self, loader: Any, event: yaml.CollectionStartEvent) -> None:
        """The start of a list or mapping, unless it nests deeper than `MAX_DEPTH`."""
        line = self.count_node(event)
        if len(self.stack) >= MAX_DEPTH:
            self.stop(
                line,
                f"datat är nästlat i fler än {MAX_DEPTH} nivåer, vilket ingen datafil behöver; "
                "kontrollera indragen och hakparenteserna",
            )
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.expect_key:
            if parent.path is not None:
                self.source.report(line, "nycklar ska vara enkel text")
            path = None  # read past it; `place` then drops the value that follows
        elif (path := self.path_for(parent)) is not None:
            self.source.lines.setdefault(path, line)
        is_mapping = type(event) is yaml.MappingStartEvent
        self.stack.append(_Frame(path, {} if is_mapping else [], line, expect_key=is_mapping))

    def end(self, loader: Any, event: yaml.CollectionEndEvent) -> None:
        """The end of a list or mapping: place it in its parent."""
        frame = self.stack.pop()
        self.place(self.stack[-1] if self.stack else None, frame.items)

    def key(self, loader: Any, parent: _Frame, event: yaml.ScalarEvent, line: int) -> None:
        """A text where a mapping expects a key: kept if it is plain text and appears once."""
        parent.expect_key, parent.key = False, None
        self.count_item(parent, "posten har fler än {} nycklar, vilket ingen datafil behöver")
        key: str = event.value
        if parent.path is None or event.tag is not None:
            return
        if key == "<<" and not event.style and loader.resolve(yaml.ScalarNode, key, event.implicit) == _TAG + "merge":
            self.source.report(
                line, "sammanslagning med << stöds inte i datafilerna; skriv ut nycklarna i posten i stället"
            )
        elif key in parent.items:
            first = self.source.lines[(*parent.path, key)]
            self.source.report(line, f"nyckeln '{key}' förekommer två gånger (första gången på rad {first})")
        else:
            self.source.lines[(*parent.path, key)] = line
            parent.key = key

    def path_for(self, parent: _Frame | None) -> Path | None:
        """The key path of the next value in `parent` (None if it is dropped)."""
        if parent is None:
            return ()
        if parent.path is None:
            return None
        if isinstance(parent.items, list):
            return (*parent.path, parent.count)
        return None if parent.key is None else (*parent.path, parent.key)

    def place(self, parent: _Frame | None, value: Any) -> None:
        """A whole value is read: place it in its parent, or make it the document's value."""
        if parent is None:
            self.source.value = value
        elif isinstance(parent.items, list):
            self.count_item(parent, "listan har fler än {} poster, vilket ingen datafil behöver")
            if parent.path is not None:
                parent.items.append(value)
        elif parent.expect_key:
            parent.expect_key = False  # a list or mapping used as a key was read past; its value is dropped
            self.count_item(parent, "posten har fler än {} nycklar, vilket ingen datafil behöver")
        else:
            if parent.key is not None and parent.path is not None:
                parent.items[parent.key] = value
            parent.expect_key, parent.key = True, None

    def count_item(self, frame: _Frame, message: str) -> None:
        """Count one entry of a list or mapping; passing `MAX_ITEMS` is reported once, where it starts."""
        frame.count += 1
        if frame.count == MAX_ITEMS + 1:
            self.source.report(
                frame.line,
                message.format(swedish_count(MAX_ITEMS)) + "; dela upp datat eller kontrollera att filen är hel",
            )

    def stop(self, line: int, message: str) -> None:
        """Report a passed limit and stop reading the file."""
        self.source.value = None
        self.source.report(line, f"{message}; resten av filen läses inte")
        raise _Stop


def _scalar(tag: str, text: str, source: SourceFile, line: int) -> Any:
    """A plain scalar resolved by `tag`, read with YAML 1.2 core rules, flagging YAML 1.1 surprises."""
    tag = tag.removeprefix(_TAG)
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
    source.report(
        line,
        f"värdet {text} är tvetydigt: äldre YAML-läsare tolkar det som {reading}, andra som text; "
        f'sätt citattecken ("{text}") om du menar texten, annars skriv det entydigt',
    )
    return text


__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_ITEMS", "MAX_NODES", "MAX_TEXT_LENGTH", "SourceFile", "read_yaml"]
