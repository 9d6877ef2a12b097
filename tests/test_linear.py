"""Algorithms over data are linear: dependency cycles (Tarjan's strongly connected groups) and label
shortening in diagrams give the same answers as the obvious versions without their super-linear cost."""

from __future__ import annotations

import random

import pytest

from macros.render import svg
from macros.render.svg import CHAR_WIDTH, _shorten, wrap
from macros.validation.crosscheck import strongly_connected
from tests.conftest import DataCopy

ACTIVITIES = "planer/exempel/aktiviteter.yml"


def _groups_by_reachability(graph: dict[str, list[str]]) -> set[frozenset[str]]:
    """Strongly connected groups the slow, obvious way: nodes that reach each other."""
    reach = {}
    for start in graph:
        seen, pending = {start}, [start]
        while pending:
            for target in graph[pending.pop()]:
                if target not in seen:
                    seen.add(target)
                    pending.append(target)
        reach[start] = seen
    return {frozenset(b for b in graph if b in reach[a] and a in reach[b]) for a in graph}


def test_strongly_connected_matches_reachability() -> None:
    """On a thousand random graphs the groups are exactly the sets of activities that reach each other."""
    rng = random.Random(1)
    for _ in range(1000):
        ids = [f"a{n}" for n in range(rng.randint(1, 9))]
        density = rng.random() * 0.5
        graph = {a: [b for b in ids if rng.random() < density] for a in ids}
        assert {frozenset(group) for group in strongly_connected(graph)} == _groups_by_reachability(graph)


def test_strongly_connected_on_a_long_chain_does_not_recurse() -> None:
    """100 000 activities in one cycle are one group; the search uses no recursion."""
    count = 100_000
    graph = {f"a{n}": [f"a{(n + 1) % count}"] for n in range(count)}
    assert [len(group) for group in strongly_connected(graph)] == [count]


def _cycle_findings(data: DataCopy) -> list[tuple[int, str]]:
    """The dependency-cycle findings of the copy: (line, message)."""
    return [(f.line, f.message) for f in data.load().findings if "cirkel" in f.message]


def _add_activities(data: DataCopy, waits: dict[str, list[str]]) -> dict[str, int]:
    """Add minimal activities waiting for others; the line of each."""
    first = len(data.path(ACTIVITIES).read_text(encoding="utf-8").splitlines()) + 1
    rows = [
        f'  - {{id: {name}, nummer: "9.9.{n}", namn: {name}, beskrivning: b, ansvar_text: c, prioritet: 2, '
        f"tidplan: {{text: t, efter: [{', '.join(after)}]}}, "
        "bidrar_till: [{effektmål: god-service, grund: förslag, motivering: m}]}\n"
        for n, (name, after) in enumerate(waits.items())
    ]
    data.append(ACTIVITIES, "".join(rows))
    return {name: first + n for n, name in enumerate(waits)}


def test_cycle_reported_once_at_its_first_activity(data: DataCopy) -> None:
    """A cycle of three is one error at the `efter` of its first activity in the file, listing the cycle in order."""
    lines = _add_activities(data, {"x": ["z"], "y": ["x"], "z": ["y"]})
    assert _cycle_findings(data) == [(lines["x"], "beroendena bildar en cirkel: x → z → y → x")]


def test_separate_cycles_and_self_dependency(data: DataCopy) -> None:
    """Separate cycles are reported separately; an activity waiting for itself is a cycle too."""
    lines = _add_activities(data, {"p": ["q"], "q": ["p"], "r": ["r"], "s": ["p"]})
    assert sorted(_cycle_findings(data)) == [
        (lines["p"], "beroendena bildar en cirkel: p → q → p"),
        (lines["r"], "beroendena bildar en cirkel: r → r"),
    ]


def test_tangled_cycles_are_one_finding_with_a_shortest_cycle(data: DataCopy) -> None:
    """Activities tangled in many cycles are one finding, showing a shortest cycle through the first of them."""
    ids = [f"t{n}" for n in range(30)]
    lines = _add_activities(data, {name: [other for other in ids if other != name] for name in ids})
    assert _cycle_findings(data) == [(lines["t0"], "beroendena bildar en cirkel: t0 → t1 → t0")]


def _old_shorten(text: str, width: float, size: float) -> str:
    """The former, quadratic `_shorten`: the reference for what the result must be."""
    while svg.text_width(text, size) > width and len(text) > 2:
        text = text[:-2].rstrip() + "…"
    return text


def _old_wrap(text: str, width: float, size: float, max_lines: int = 2) -> list[str]:
    """The former `wrap`: the reference for what the result must be."""
    words, lines, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if svg.text_width(candidate, size) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _old_shorten(lines[-1] + " …", width, size)
    return lines


def test_shorten_and_wrap_give_the_former_results() -> None:
    """On 50 000 random labels, widths and sizes the linear versions give exactly the former results."""
    rng = random.Random(2)
    for _ in range(50_000):
        text = "".join(rng.choice("ab cd  éf g") for _ in range(rng.randint(0, 60)))
        width = rng.choice([rng.uniform(-5, 300), float(rng.randint(0, 300))])
        size = rng.choice([13, 11.7, 9, rng.uniform(1, 20)])
        assert _shorten(text, width, size) == _old_shorten(text, width, size)
        max_lines = rng.randint(1, 4)
        assert wrap(text, width, size, max_lines) == _old_wrap(text, width, size, max_lines)


@pytest.mark.parametrize("length", [10, 10_000, 1_000_000])
def test_shortening_measures_a_long_word_a_constant_number_of_times(
    length: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shortening a word measures it a few times whatever its length (the former loop measured it once per character)."""
    calls = []
    real = svg.text_width
    monkeypatch.setattr(svg, "text_width", lambda text, size: calls.append(len(text)) or real(text, size))
    label = wrap("x" * length + " y z", 100, 13, max_lines=1)
    assert len(label) == 1 and label[0].endswith("…")
    assert len(label[0]) * 13 * CHAR_WIDTH <= 100
    assert len(calls) <= 4
