"""The YAML reader: for every real file the same values and lines as PyYAML's own node tree, and a
Swedish refusal with file and line of every YAML feature editors never need and of every passed limit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.loading.yaml_source import (
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_NODES,
    MAX_REPORTED_LINES,
    MAX_TEXT_LENGTH,
    SourceFile,
    parse_yaml,
)
from tests.sitebuild import FIXTURE_DATA, ROOT

REAL_FILES = sorted((ROOT / "data").rglob("*.yml")) + sorted(FIXTURE_DATA.rglob("*.yml"))


def read(text: str) -> SourceFile:
    """Read `text` as the file `f.yml`."""
    return parse_yaml(text.encode("utf-8"), SourceFile("f.yml"))


def messages(source: SourceFile) -> list[str]:
    """The findings as `line: message`."""
    return [f"{finding.line}: {finding.message}" for finding in source.findings]


def only(source: SourceFile, line: int, text: str) -> None:
    """Fail unless `source` has exactly one finding, on `line`, containing `text`."""
    assert len(source.findings) == 1 and source.findings[0].line == line, messages(source)
    assert text in source.findings[0].message, messages(source)


def _composed_lines(node: yaml.Node) -> dict[tuple[str | int, ...], int]:
    """Key path → line from PyYAML's composed nodes, the way the reader records them (key lines win)."""
    lines: dict[tuple[str | int, ...], int] = {}
    pending: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(node, ())]
    while pending:
        current, path = pending.pop()
        lines.setdefault(path, current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                lines[(*path, key.value)] = key.start_mark.line + 1
                pending.append((value, (*path, key.value)))
        elif isinstance(current, yaml.SequenceNode):
            pending += [(item, (*path, index)) for index, item in enumerate(current.value)]
    return lines


def _plain(value: Any) -> Any:
    """PyYAML's own value with dates written back as the text the reader keeps."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _key_paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key path of a value tree."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _key_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _key_paths(item, (*path, index))
    return found


@pytest.mark.parametrize("file", REAL_FILES, ids=[str(f.relative_to(ROOT)) for f in REAL_FILES])
def test_real_files_read_as_pyyaml_reads_them(file: Path) -> None:
    """For every real and fixture data file: PyYAML's values, every key path has a line, and the lines are PyYAML's."""
    text = file.read_text(encoding="utf-8")
    source = parse_yaml(file.read_bytes(), SourceFile(str(file)))
    assert not source.findings, messages(source)
    assert source.value == _plain(yaml.load(text, Loader=yaml.CSafeLoader))
    assert all(path in source.lines for path in _key_paths(source.value))
    assert source.lines == _composed_lines(yaml.compose(text, Loader=yaml.CSafeLoader))


def test_values_and_lines_of_a_small_file() -> None:
    """Lines are those of keys (and of list items), values follow YAML 1.2 core rules."""
    source = read('a:\n  - 1\n  - "två"\n  -\n    b: 2.5\nc: ~\nd: true\ne: 2024-06-30\n')
    assert source.value == {"a": [1, "två", {"b": 2.5}], "c": None, "d": True, "e": "2024-06-30"}
    assert source.lines == {
        (): 1,
        ("a",): 1,
        ("a", 0): 2,
        ("a", 1): 3,
        ("a", 2): 5,
        ("a", 2, "b"): 5,
        ("c",): 6,
        ("d",): 7,
        ("e",): 8,
    }


# --- YAML features editors never need ----------------------------------------------------------


def test_anchor_is_refused() -> None:
    """An anchor (&a), even one nothing refers to, is an error that says to write the value out."""
    only(read("a: &bas 1\nb: 2\n"), 1, "ankare (&bas) stöds inte i datafilerna; ta bort det och skriv ut värdet")


def test_alias_is_refused_and_never_expanded() -> None:
    """An alias (*a) is an error on its line; the value is not copied."""
    source = read("a: &x [1, 2]\nb: *x\n")
    assert messages(source) == [
        "1: ankare (&x) stöds inte i datafilerna; ta bort det och skriv ut värdet på varje ställe där det behövs",
        "2: alias (*x) stöds inte i datafilerna; skriv ut värdet här i stället för *x",
    ]
    assert source.value is None or source.value["b"] is None


def test_alias_as_key_is_refused() -> None:
    """An alias where a key belongs is refused too."""
    source = read("a: &k x\n*k : 1\n")
    assert "2: alias (*k) stöds inte i datafilerna; skriv ut nyckeln i stället" in messages(source)


def test_billion_laughs_is_linear() -> None:
    """Twenty levels of nine aliases (9^20 values if expanded) give one finding per anchor and alias, at once."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{n}: &l{n} [{', '.join(['*a' if n == 1 else f'*l{n - 1}'] * 9)}]" for n in range(1, 21)]
    source = read("\n".join(lines) + "\n")
    assert len(source.findings) == 21 + 20 * 9


@pytest.mark.parametrize(
    ("text", "line"),
    [("bas: {a: 1}\nb:\n  <<: {a: 2}\n", 3), ("b:\n  - x\n  - <<: [{a: 1}]\n", 3)],
    ids=["mapping", "list"],
)
def test_merge_key_is_refused(text: str, line: int) -> None:
    """A merge key (<<) is an error on its line that says to write the keys out."""
    only(read(text), line, "sammanslagning med << stöds inte i datafilerna; skriv ut nycklarna i posten i stället")


def test_quoted_merge_key_is_an_ordinary_key() -> None:
    """A quoted "<<" is just a key named <<, not a merge."""
    assert read('"<<": 1\n').value == {"<<": 1}


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a: !!python/object:os.system {}\n", "!!python/object:os.system"),
        ("a: !!python/name:os.system\n", "!!python/name:os.system"),
        ("a: !!str 12\n", "!!str"),
        ("a: !!binary aGVq\n", "!!binary"),
        ("a: !!set {x, y}\n", "!!set"),
        ("a: !!omap [x: 1]\n", "!!omap"),
        ("a: !!int '3'\n", "!!int"),
        ("a: !foo x\n", "!foo"),
        ("a: ! x\n", "!"),
        ("!!str a: x\n", "!!str"),
        ("%TAG !e! tag:example.com,2000:\n---\na: !e!x y\n", "tag:example.com,2000:x"),
    ],
)
def test_explicit_tag_is_refused(text: str, written: str) -> None:
    """Every explicit tag, on a value, a list, a mapping or a key, is an error naming the tag as written."""
    source = read(text)
    assert any(f"typangivelsen {written} stöds inte i datafilerna" in m for m in messages(source)), messages(source)


def test_complex_key_is_refused() -> None:
    """A list or mapping used as a key is an error, and its value is dropped."""
    source = read("? [a, b]\n: 1\nc: 2\n")
    only(source, 1, "nycklar ska vara enkel text")


def test_duplicate_key_in_flow_mapping() -> None:
    """Duplicate keys are found in flow style too, with the first line."""
    only(read("a:\n  b: 1\nc: {x: 1,\n  x: 2}\n"), 4, "nyckeln 'x' förekommer två gånger (första gången på rad 3)")


# --- limits ------------------------------------------------------------------------------------------


def test_depth_limit() -> None:
    """`MAX_DEPTH` nested lists are read; one more is an error on the line where it starts."""
    assert not read("[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n").findings
    only(read("[\n" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"), MAX_DEPTH + 1, f"fler än {MAX_DEPTH} nivåer")


def test_very_deep_nesting_neither_recurses_nor_crashes() -> None:
    """100 000 nested lists or mappings end in one finding, not a RecursionError or a crash."""
    only(read("[" * 100_000 + "]" * 100_000 + "\n"), 1, "nästlat")
    only(read("{a: " * 100_000 + "1" + "}" * 100_000 + "\n"), 1, "nästlat")


def test_text_length_limit() -> None:
    """A value or key of `MAX_TEXT_LENGTH` characters is read; one character more is an error."""
    assert not read("a: " + "x" * MAX_TEXT_LENGTH + "\n").findings
    only(read("a: b\nc: " + "x" * (MAX_TEXT_LENGTH + 1) + "\n"), 2, "texten är 20 001 tecken lång")
    only(read("? " + "y" * (MAX_TEXT_LENGTH + 1) + "\n: 1\n"), 1, "tecken lång")


def test_list_and_mapping_length_limit() -> None:
    """`MAX_ITEMS` entries are read; one more in a list or a mapping is an error where it starts."""
    assert not read("a:\n" + "  - x\n" * MAX_ITEMS).findings
    only(read("a:\n" + "  - x\n" * (MAX_ITEMS + 1)), 2, "listan har fler än 10 000 poster")
    keys = "".join(f"  k{n}: 1\n" for n in range(MAX_ITEMS + 1))
    only(read("a:\n" + keys), 2, "posten har fler än 10 000 nycklar")


def test_node_limit_stops_reading() -> None:
    """Past `MAX_NODES` keys and values the file is not read further, and no value is kept."""
    row = "- [" + ", ".join(["a"] * 999) + "]\n"  # 1 000 values a row, after the outer list: node 300 001 is on row 300
    source = read(row * (MAX_NODES // 1000 + 5))
    only(source, MAX_NODES // 1000, "filen har fler än 300 000 värden, vilket ingen datafil behöver; resten av")
    assert source.value is None


def test_control_characters_are_refused() -> None:
    """NUL and other control characters are errors naming the character and its line."""
    only(read("a: 1\nb: x\x00y\n"), 2, "otillåtet tecken U+0000")
    only(read("a: 1\n\nb: \x1b[31m\n"), 3, "otillåtet tecken U+001B")


def test_repeated_line_problem_is_summarised() -> None:
    """A problem on many lines is reported on the first `MAX_REPORTED_LINES` lines, then once with a count."""
    source = read("a:\n" + "\t- x\n" * 1000)
    assert len(source.findings) == MAX_REPORTED_LINES + 1
    assert source.findings[-1].line == MAX_REPORTED_LINES + 2
    assert "samma fel på 980 rader till" in source.findings[-1].message


def test_arbitrary_bytes_never_raise() -> None:
    """Whatever the bytes, reading gives findings, never an exception."""
    samples = [b"", b"\xff\xfe", b"[", b"{a: [}", b"*x", b"&a", b"!", b"--- !!x\n", b"%YAML 9.9\n---\na: 1\n", b"\x00"]
    for raw in samples:
        parse_yaml(raw, SourceFile("f.yml"))
