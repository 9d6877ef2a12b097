"""No editor's text ever becomes live markup, on any page, in any place a browser shows.

Two builds of the real site:

1. **Escaping alone**: a hostile marker (HTML, an event handler, a script, a `javascript:` link,
   a picture and an attribute list) is appended to every text value of the real data *after*
   validation, and MkDocs builds the site in this process. No marker may become an element,
   an attribute, a link or a script on any page, `<title>` and the search index included, and
   every marker must be on some page as text.
2. **The real pipeline**: markers are written into every text value of the YAML files; values
   the check refuses are left out (and counted) and then the build runs as CI runs it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from macros.loading.loader import LoadResult, load
from macros.loading.yaml_source import read_yaml
from macros.model.catalog import Municipality
from macros.model.text import TextKind
from tests.markers import (
    LOOKUP_KEYS,
    MARKERS,
    TOKEN,
    Marked,
    build_in_process,
    live_markup,
    mark_model,
    parse,
    visible_text,
)
from tests.sitebuild import ROOT, build, write_config

pytestmark = pytest.mark.build

TODAY = "2026-11-29"

Key = tuple[Path, tuple[str | int, ...]]
"""A value of the data: its file and its key path."""


def _pages(site: Path) -> Iterator[tuple[str, str]]:
    """Every built page: its path in the site and its HTML."""
    for file in sorted(site.rglob("*.html")):
        yield file.relative_to(site).as_posix(), file.read_text(encoding="utf-8")


def _title(html: str) -> str:
    """The raw content of the page's `<title>` element."""
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    return match.group(1) if match else ""


@pytest.fixture(scope="module")
def escaped_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Marked]:
    """The real site built from the real data with a hostile marker after every text, validation bypassed."""
    real = load(ROOT / "data", today=dt.date.fromisoformat(TODAY))
    assert real.model is not None
    marked = Marked()
    model: Municipality = mark_model(real.model, marked, lambda where: where in LOOKUP_KEYS)
    altered = LoadResult(model=model, findings=real.findings, sources=real.sources)
    with pytest.MonkeyPatch.context() as monkeypatch:
        site = build_in_process(tmp_path_factory.mktemp("markers"), altered, monkeypatch, TODAY)
    return site, marked


def test_no_marker_becomes_markup_on_any_page(escaped_site: tuple[Path, Marked]) -> None:
    """On every page, no marker became an element, attribute, link or script, and <title> holds no tag."""
    site, _ = escaped_site
    found = []
    for path, html in _pages(site):
        found += [f"{path}: {where}" for where in live_markup(parse(html))]
        if "<" in _title(html):
            found.append(f"{path}: <title>{_title(html)}</title>")
    assert found == []


def test_every_marker_is_shown_as_text(escaped_site: tuple[Path, Marked]) -> None:
    """Every text of the data reaches some page, and plain text arrives exactly as written."""
    site, marked = escaped_site
    shown: set[int] = set()
    for _, html in _pages(site):
        text = visible_text(parse(html))
        shown |= {int(number) for number in TOKEN.findall(text)}
    missing = sorted({where for number, (where, _) in marked.fields.items() if number not in shown})
    assert missing == []


def test_plain_text_arrives_exactly_as_written(escaped_site: tuple[Path, Marked]) -> None:
    """A plain-text marker is shown whole: its tags, link and attribute list as visible characters."""
    site, marked = escaped_site
    plain = {number for number, (_, kind) in marked.fields.items() if kind is TextKind.PLAIN}
    whole = re.compile(r"⟦m(\d+)⟧<b id=\"mk\1\" onmouseover=\"mk\1\(\)\">b\1</b><script>mk\1\(\)</script>")
    seen: set[int] = set()
    for _, html in _pages(site):
        seen |= {int(number) for number in whole.findall(visible_text(parse(html)))}
    assert sorted(plain - seen) == []


def test_search_index_holds_no_markup(escaped_site: tuple[Path, Marked]) -> None:
    """Material's search shows index text as HTML: no marker in the index becomes markup there either."""
    site, _ = escaped_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = []
    for entry in index["docs"]:
        for part in ("title", "text"):
            found += [f"{entry['location']} ({part}): {where}" for where in live_markup(parse(entry[part]))]
    assert found == []


# --- The real pipeline: check, then build ----------------------------------------------


def _text_values(value: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The key path of every text value in a parsed YAML file."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _text_values(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_values(item, (*path, index))
    elif isinstance(value, str):
        yield path


def _looked_up(path: tuple[str | int, ...]) -> bool:
    """Whether a value is a text that content pages name in a macro call (see LOOKUP_KEYS)."""
    keys = [part for part in path if isinstance(part, str)]
    return keys in (["största_leverantörer", "leverantör"], ["fakturor", "leverantör"], ["spend_per_köpare", "köpare"])


def _set(tree: object, path: tuple[str | int, ...], value: str) -> None:
    """Put `value` at `path` in a parsed YAML tree."""
    for part in path[:-1]:
        tree = tree[part]  # type: ignore[index]
    tree[path[-1]] = value  # type: ignore[index]


def _get(tree: object, path: tuple[str | int, ...]) -> str:
    """The value at `path` in a parsed YAML tree."""
    for part in path:
        tree = tree[part]  # type: ignore[index]
    return tree  # type: ignore[return-value]


@pytest.fixture(scope="module")
def checked_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, str], list[Key]]:
    """The real data with the most hostile marker each text value accepts, built as CI builds it.

    Each string value of every YAML file first gets the full marker; values the check refuses
    get the next, milder marker, and values that refuse all three keep their text (counted).
    """
    project = tmp_path_factory.mktemp("checked")
    data = project / "data"
    shutil.copytree(ROOT / "data", data)
    trees = {file: yaml.safe_load(file.read_text(encoding="utf-8")) for file in sorted(data.rglob("*.yml"))}
    originals = {
        (file, path): _get(tree, path)
        for file, tree in trees.items()
        for path in _text_values(tree)
        if not _looked_up(path)
    }
    tier = dict.fromkeys(originals, 0)
    numbers = {key: index for index, key in enumerate(originals, 1)}
    while True:
        for (file, path), level in tier.items():
            text = originals[(file, path)]
            _set(
                trees[file], path, text if level >= len(MARKERS) else f"{text} {MARKERS[level](numbers[(file, path)])}"
            )
        for file, tree in trees.items():
            file.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
        result = load(data, today=dt.date.fromisoformat(TODAY))
        refused = {(f.file, f.line) for f in result.findings if f.severity.value == "fel"}
        if not refused:
            break
        lines = _value_lines(data, trees)
        changed = False
        for key, level in tier.items():
            if level < len(MARKERS) and lines.get(key) in refused:
                tier[key] = level + 1
                changed = True
        assert changed, sorted(refused)[:5]
    left_out = [key for key, level in tier.items() if level >= len(MARKERS)]
    accepted = {numbers[key]: str(key[1]) for key, level in tier.items() if level < len(MARKERS)}
    content = project / "content"
    shutil.copytree(ROOT / "content", content)
    done = build(write_config(project, data=data, content=content, nav=True), today=TODAY)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return project / "site", accepted, left_out


def _value_lines(data: Path, trees: dict[Path, object]) -> dict[tuple[Path, tuple[str | int, ...]], tuple[str, int]]:
    """For every text value, the file and line the check reports it at."""
    lines = {}
    for file, tree in trees.items():
        source = read_yaml(file, file.relative_to(data.parent).as_posix())
        for path in _text_values(tree):
            lines[(file, path)] = (source.display_path, source.line_of(path))
    return lines


def test_checked_markers_never_become_markup(checked_site: tuple[Path, dict[int, str], list[Key]]) -> None:
    """Through check and build, no accepted marker became markup on any page or in <title>."""
    site, _, _ = checked_site
    found = []
    for path, html in _pages(site):
        found += [f"{path}: {where}" for where in live_markup(parse(html))]
        if "<" in _title(html):
            found.append(f"{path}: <title>{_title(html)}</title>")
    assert found == []


def test_checked_markers_are_on_the_pages(checked_site: tuple[Path, dict[int, str], list[Key]]) -> None:
    """Every marker the check accepted is shown on some page as text."""
    site, accepted, _ = checked_site
    shown: set[int] = set()
    for _, html in _pages(site):
        shown |= {int(number) for number in TOKEN.findall(visible_text(parse(html)))}
    assert sorted(set(accepted) - shown) == []
    assert len(accepted) > 1000


def test_the_check_refuses_markers_only_where_no_text_belongs(
    checked_site: tuple[Path, dict[int, str], list[Key]],
) -> None:
    """Every value the check refused all markers in is an id, a date, a number or a choice, never a text field."""
    _, _, left_out = checked_site
    text_keys, other_keys = _keys_by_kind()
    refused_text = [path for _, path in left_out if _key(path) in text_keys - other_keys]
    assert refused_text == []
    assert len(left_out) > 0


def _key(path: tuple[str | int, ...]) -> str:
    """The YAML key a value stands under (the list's key for an item of a list)."""
    return next(part for part in reversed(path) if isinstance(part, str))


def _keys_by_kind() -> tuple[set[str], set[str]]:
    """YAML keys of text fields, and YAML keys of every other field, across the whole model."""
    from macros.loading.files import PLAN_FILES, SHARED_FILES
    from macros.model.base import Record
    from macros.model.text import field_kind

    text: set[str] = set()
    other: set[str] = set()
    seen: set[type] = set()
    pending: list[type[Record]] = [kind.model for kind in (*SHARED_FILES, *PLAN_FILES)]
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            key = info.alias or name
            (text if field_kind(info) else other).add(key)
            pending += [sub for sub in _records_in(info.annotation)]
    return text, other


def _records_in(annotation: object) -> list[type]:
    """Record classes anywhere in a field's type."""
    from typing import get_args

    from macros.model.base import Record

    found = [annotation] if isinstance(annotation, type) and issubclass(annotation, Record) else []
    for argument in get_args(annotation):
        found += _records_in(argument)
    return found
