"""A corpus of hostile data folders: each runs `python -m macros check` in its own process under a
memory limit and a timeout, and must end with exit code 1, a Swedish `fil:rad: fel:` line naming
the right file (and line), and no traceback.

Every case starts from a copy of the valid fixture data and puts the hostile content in one place.
"""

from __future__ import annotations

import math
import os
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.loading.yaml_source import MAX_NODES
from tests.conftest import DataCopy
from tests.sitebuild import FIXTURE_CONTENT, ROOT

MEMORY_LIMIT = 500_000_000
"""Address space allowed to one check (bytes). Measured with this corpus: a normal check of the fixture
data needs about 55 MB, the largest case (10 000 activities) about 130 MB; expanding billion laughs
would need far more than exists."""

TIMEOUT = 15.0
"""Seconds allowed to one check. A normal check takes about half a second, the largest case here
(10 000 activities) about 3 to 5 seconds on a shared machine; the former algorithms took hours or forever."""

STRATEGIES = "planer/exempel/strategier.yml"
ACTIVITIES = "planer/exempel/aktiviteter.yml"


def _limit_memory() -> None:
    """Run in the child before `exec`: cap its address space."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def check(data: Path) -> subprocess.CompletedProcess[str]:
    """`python -m macros check --data …` under the memory limit and the timeout."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "macros",
            "check",
            "--data",
            str(data),
            "--innehall",
            str(FIXTURE_CONTENT),
            "--idag",
            "2024-06-01",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
    )


@dataclass(frozen=True)
class Expected:
    """What the check must say: the file (relative to data/), its line (None: no line) and a part of the message."""

    file: str
    line: int | None
    message: str


def _write(data: DataCopy, relative: str, text: str) -> None:
    """Replace one file of the copy with `text`."""
    data.path(relative).write_text(text, encoding="utf-8")


# --- YAML features editors never need --------------------------------------------------------------


def billion_laughs(data: DataCopy) -> Expected:
    """Nine aliases per level, twenty levels: 9^20 values if aliases were expanded."""
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 21):
        name, below = f"l{level}", "a" if level == 1 else f"l{level - 1}"
        lines.append(f"{name}: &{name} [{', '.join([f'*{below}'] * 9)}]")
    _write(data, STRATEGIES, "\n".join(lines) + "\n")
    return Expected(STRATEGIES, 1, "ankare (&a) stöds inte")


def billion_laughs_alias(data: DataCopy) -> Expected:
    """The same file is refused at its first alias too."""
    billion_laughs(data)
    return Expected(STRATEGIES, 2, "alias (*a) stöds inte")


def deep_sequence(data: DataCopy) -> Expected:
    """100 000 nested lists in flow style ([[[[…]]]]): recursion and PyYAML's C composer would crash."""
    _write(data, STRATEGIES, "strategier: " + "[" * 100_000 + "]" * 100_000 + "\n")
    return Expected(STRATEGIES, 1, "nästlat i fler än 40 nivåer")


def deep_mapping(data: DataCopy) -> Expected:
    """100 000 nested mappings in flow style ({a: {a: …}})."""
    _write(data, STRATEGIES, "strategier: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n")
    return Expected(STRATEGIES, 1, "nästlat i fler än 40 nivåer")


def deep_block_mapping(data: DataCopy) -> Expected:
    """Nested mappings written with indentation, one level too deep, point at the line that goes too deep."""
    text = "".join(" " * level + f"n{level}:\n" for level in range(60))
    _write(data, STRATEGIES, text)
    return Expected(STRATEGIES, 41, "nästlat i fler än 40 nivåer")


def huge_string(data: DataCopy) -> Expected:
    """One value of 1.5 million characters."""
    _write(data, STRATEGIES, "strategier:\n  - id: x\n    namn: " + "x" * 1_500_000 + "\n")
    return Expected(STRATEGIES, 3, "texten är 1 500 000 tecken lång")


def huge_list(data: DataCopy) -> Expected:
    """A list of 300 000 entries (the count of values stops reading before the end)."""
    _write(data, STRATEGIES, "strategier:\n" + "  - a\n" * 300_000)
    return Expected(STRATEGIES, 2, "listan har fler än 10 000 poster")


def many_values(data: DataCopy) -> Expected:
    """Many short lists that together hold more values than any data file needs (reading stops there)."""
    row = "  - [" + ", ".join(["a"] * 99) + "]\n"  # 100 values a row, after 3 on the first line
    _write(data, STRATEGIES, "strategier:\n" + row * 4_000)
    return Expected(STRATEGIES, 1 + math.ceil((MAX_NODES + 1 - 3) / 100), "filen har fler än 300 000 värden")


def many_unknown_keys(data: DataCopy) -> Expected:
    """Thousands of misspelt keys: each would be matched against every known key for a suggestion."""
    record = "  - " + "\n    ".join(f"nyckel{n}: 1" for n in range(6)) + "\n"
    _write(data, STRATEGIES, "strategier:\n" + record * 5_000)
    return Expected(STRATEGIES, 2, "okänd nyckel 'nyckel0'")


def merge_key(data: DataCopy) -> Expected:
    """A merge key (<<) that would copy another mapping's keys."""
    data.replace(STRATEGIES, "    namn: Digitalisera\n", "    namn: Digitalisera\n    <<: {text: kopia}\n")
    return Expected(STRATEGIES, data.line_of(STRATEGIES, "<<:"), "sammanslagning med << stöds inte")


def anchor_without_alias(data: DataCopy) -> Expected:
    """An anchor that nothing refers to is refused too: it is never needed."""
    data.replace(STRATEGIES, "  - id: digitalisera", "  - &s id: digitalisera")
    return Expected(STRATEGIES, data.line_of(STRATEGIES, "&s"), "ankare (&s) stöds inte")


TAGS = ["!!python/object:os.system", "!!python/name:os.system", "!!str", "!!binary", "!!set", "!!omap", "!foo", "!"]


def tagged(tag: str) -> Callable[[DataCopy], Expected]:
    """A value with an explicit tag."""

    def case(data: DataCopy) -> Expected:
        data.replace(STRATEGIES, "    namn: Digitalisera", f"    namn: {tag} Digitalisera")
        return Expected(STRATEGIES, data.line_of(STRATEGIES, tag), f"typangivelsen {tag} stöds inte")

    case.__name__ = "tag " + tag
    return case


def too_big(data: DataCopy) -> Expected:
    """A file over the size limit is not read at all (here: a comment of 2.1 MB)."""
    _write(data, STRATEGIES, "# " + "x" * 2_100_000 + "\n")
    return Expected(STRATEGIES, None, "filen är 2 100 003 byte men får vara högst 2 000 000 byte")


def nul_bytes(data: DataCopy) -> Expected:
    """NUL bytes inside a value."""
    data.replace(STRATEGIES, "    namn: Digitalisera", "    namn: Digi\x00tal\x00isera")
    return Expected(STRATEGIES, data.line_of(STRATEGIES, "\x00"), "otillåtet tecken U+0000")


def invalid_utf8(data: DataCopy) -> Expected:
    """Bytes that are not UTF-8 on the fourth line."""
    raw = data.path(STRATEGIES).read_bytes().replace(b"Digitalisera", b"Digit\xff\xfelisera", 1)
    data.path(STRATEGIES).write_bytes(raw)
    return Expected(STRATEGIES, 4, "filen är inte UTF-8")


# --- files and folders ---------------------------------------------------------------------------


def link_to_passwd(data: DataCopy) -> Expected:
    """A data file that is a symbolic link to /etc/passwd is refused, never read."""
    data.path(STRATEGIES).unlink()
    data.path(STRATEGIES).symlink_to("/etc/passwd")
    return Expected(STRATEGIES, None, "är en symbolisk länk, som inte följs")


def extra_link_to_passwd(data: DataCopy) -> Expected:
    """A link with a name the check does not know is refused as a link too."""
    data.path("kommun/losen.yml").symlink_to("/etc/passwd")
    return Expected("kommun/losen.yml", None, "är en symbolisk länk, som inte följs")


def linked_plan_folder(data: DataCopy) -> Expected:
    """A plan folder that is a symbolic link to a folder outside data/ is refused, never read."""
    outside = data.root.parent / "utanfor"
    shutil.copytree(data.path("planer/exempel"), outside)
    data.path("planer/lankad").symlink_to(outside, target_is_directory=True)
    return Expected("planer/lankad", None, "är en symbolisk länk, som inte följs")


def linked_shared_folder(data: DataCopy) -> Expected:
    """The shared folder replaced by a link to /etc is refused, and nothing in /etc is read."""
    shutil.rmtree(data.path("kommun"))
    data.path("kommun").symlink_to("/etc", target_is_directory=True)
    return Expected("kommun", None, "är en symbolisk länk, som inte följs")


def folder_as_file(data: DataCopy) -> Expected:
    """A folder where a data file belongs."""
    data.path(STRATEGIES).unlink()
    data.path(STRATEGIES).mkdir()
    (data.path(STRATEGIES) / "inne.yml").write_text("a: 1\n", encoding="utf-8")
    return Expected(STRATEGIES, None, "är en mapp men ska vara en fil")


def named_pipe(data: DataCopy) -> Expected:
    """A named pipe where a data file belongs: reading it would wait forever (and root may read any file)."""
    data.path(STRATEGIES).unlink()
    os.mkfifo(data.path(STRATEGIES))
    return Expected(STRATEGIES, None, "är inte en vanlig fil")


# --- dependencies ----------------------------------------------------------------------------------


def _activity(number: int, after: list[str]) -> str:
    """One minimal valid activity `a<number>` in compact flow style, waiting for `after`.

    Compact because 10 000 of them must fit the reader's limits: they take 1.9 MB (limit 2 MB) and
    290 000 keys and values (limit 300 000).
    """
    return (
        f'  - {{id: a{number},nummer: "9.9.{number}",namn: A,beskrivning: b,ansvar_text: c,prioritet: 2,'
        f"tidplan: {{text: t,efter: [{','.join(after)}]}},"
        "bidrar_till: [{effektmål: god-service,grund: förslag,motivering: m}]}\n"
    )


def _with_activities(data: DataCopy, activities: list[str]) -> int:
    """Add activities to the fixture's; the line of the first one added."""
    first = len(data.path(ACTIVITIES).read_text(encoding="utf-8").splitlines()) + 1
    data.append(ACTIVITIES, "".join(activities))
    return first


def _chain(data: DataCopy, *, closed: bool) -> None:
    """All 10 000 activities in one chain: the fixture's two, then 9 998 more (a0 … a9997) each waiting
    for the one before; `closed` makes the first (e-tjanster) wait for the last."""
    count = 10_000 - 2
    _with_activities(data, [_activity(n, [f"a{n - 1}" if n else "utbildning"]) for n in range(count)])
    if closed:
        data.replace(ACTIVITIES, "      slut: 2024-Q4\n", f"      slut: 2024-Q4\n      efter: [a{count - 1}]\n")


def long_chain_cycle(data: DataCopy) -> Expected:
    """10 000 activities each waiting for the one before, the first waiting for the last: one long cycle."""
    _chain(data, closed=True)
    line = data.line_of(ACTIVITIES, "efter: [a9997]")
    return Expected(ACTIVITIES, line, "beroendena bildar en cirkel: e-tjanster → a9997 → a9996 → a9995")


def dense_dependencies(data: DataCopy) -> Expected:
    """400 activities each waiting for all the others: 160 000 dependencies and astronomically many cycles."""
    count = 400
    ids = [f"a{n}" for n in range(count)]
    first = _with_activities(data, [_activity(n, [i for i in ids if i != ids[n]]) for n in range(count)])
    return Expected(ACTIVITIES, first, "beroendena bildar en cirkel: a0 → a1 → a0")


CASES = [
    billion_laughs,
    billion_laughs_alias,
    deep_sequence,
    deep_mapping,
    deep_block_mapping,
    huge_string,
    huge_list,
    many_values,
    many_unknown_keys,
    merge_key,
    anchor_without_alias,
    *(tagged(tag) for tag in TAGS),
    too_big,
    nul_bytes,
    invalid_utf8,
    link_to_passwd,
    extra_link_to_passwd,
    linked_plan_folder,
    linked_shared_folder,
    folder_as_file,
    named_pipe,
    long_chain_cycle,
    dense_dependencies,
]


@pytest.mark.parametrize("make", CASES, ids=[case.__name__ for case in CASES])
def test_hostile_data_is_refused_within_bounds(data: DataCopy, make: Callable[[DataCopy], Expected]) -> None:
    """Each hostile folder gives exit 1 and a Swedish finding at the right file and line, in bounded time and memory."""
    expected = make(data)
    done = check(data.root)
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "Error" not in done.stderr, output[-3000:]
    assert done.returncode == 1, output[-3000:]
    where = f"data/{expected.file}" + (f":{expected.line}" if expected.line is not None else "")
    pattern = re.compile(rf"^{re.escape(where)}: fel: .*{re.escape(expected.message)}", re.MULTILINE)
    assert pattern.search(done.stdout), f"väntade {where}: fel: …{expected.message}…, fick:\n" + done.stdout[-3000:]
    assert "root:x:0:0" not in output, "innehållet i /etc/passwd får aldrig läsas"


def test_long_chain_without_cycle_is_valid(data: DataCopy) -> None:
    """10 000 activities in a chain without a cycle are valid data and are checked within the same bounds."""
    _chain(data, closed=False)
    done = check(data.root)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1].startswith("Kontroll av data/ och content/: 0 fel")


def test_memory_limit_is_effective(data: DataCopy) -> None:
    """The memory limit of the corpus is real: a child that allocates more than it is stopped."""
    code = "x = bytearray(2 * 1024 ** 3)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, preexec_fn=_limit_memory
    )
    assert done.returncode != 0 and "MemoryError" in done.stderr
