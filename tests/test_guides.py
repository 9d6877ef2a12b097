"""The editors' guides tell the truth: each before/after example is an edit of the real data that
passes the check and shows on the site, each message they quote is what the check says for that
mistake, and each guide is in the menu and out of the search."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from macros.comparison import compare
from macros.comparison.instep import drifts
from macros.loading.loader import load
from macros.loading.pages import read_page
from macros.render.activities import activity_details
from macros.render.context import Site
from macros.render.raci import person_responsibilities
from macros.scaffold.records import new_activity, new_need
from macros.validation.findings import Severity
from macros.validation.placeholders import PLACEHOLDER, page_placeholders
from tests.sitebuild import ROOT

GUIDES = ROOT / "content" / "redaktorer"
COMMON_EDITS = [
    "gor-en-andring.md",
    "andra-datum.md",
    "byta-ansvarig.md",
    "nagon-slutar.md",
    "ny-aktivitet.md",
    "nytt-upphandlingsbehov.md",
    "ny-plan.md",
]
TODAY = dt.date(2024, 7, 1)
ACTIVITIES = "planer/it-och-telekom/aktiviteter.yml"
_EXAMPLE = re.compile(r"\*\*(Före|Efter)\*\* \(`data/(?P<file>[^`]+)`\):\n\n```yaml\n(?P<text>.*?)```", re.DOTALL)


@dataclass(frozen=True)
class Example:
    """A guide's example edit: the file, the text before (None for a new file) and after."""

    guide: str
    file: str
    before: str | None
    after: str


def examples() -> list[Example]:
    """Every before/after pair (or lone after, for a new file) in the guides, in order."""
    found = []
    for guide in COMMON_EDITS:
        pending: str | None = None
        for match in _EXAMPLE.finditer((GUIDES / guide).read_text(encoding="utf-8")):
            if match.group(1) == "Före":
                pending = match.group("text")
            else:
                found.append(Example(guide, match.group("file"), pending, match.group("text")))
                pending = None
    return found


@pytest.fixture
def real_data(tmp_path: Path) -> Path:
    """A copy of the real data."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def _apply(data: Path, example: Example) -> None:
    """Make the example's edit in the data copy, as an editor following the guide would."""
    file = data / example.file
    if example.before is None:
        assert not file.exists(), f"{example.guide}: {example.file} finns redan; exemplet ska visa före och efter"
        file.write_text(example.after, encoding="utf-8")
        return
    text = file.read_text(encoding="utf-8")
    assert text.count(example.before) == 1, f"{example.guide}: före-texten står inte precis en gång i {example.file}"
    file.write_text(text.replace(example.before, example.after), encoding="utf-8")


def test_every_guide_has_an_example() -> None:
    """Each guide of an edit of the data shows it before and after (ny-plan and the overview excepted)."""
    with_examples = {example.guide for example in examples()}
    assert with_examples >= {"andra-datum.md", "byta-ansvarig.md", "nagon-slutar.md"}


@pytest.mark.parametrize("example", examples(), ids=lambda e: f"{e.guide}:{e.file}")
def test_each_example_passes_the_check(real_data: Path, example: Example) -> None:
    """Applied to the real data, each example edit leaves the check without errors."""
    _apply(real_data, example)
    errors = [f.format() for f in load(real_data, today=TODAY).findings if f.severity is Severity.ERROR]
    assert not errors, errors


def _site(data: Path) -> Site:
    """The rendering context of a data copy."""
    result = load(data, today=TODAY)
    assert result.ok and result.model is not None, [f.format() for f in result.findings if f.severity is Severity.ERROR]
    return Site(model=result.model, today=TODAY)


def test_all_examples_together_show_on_the_pages(real_data: Path) -> None:
    """After every example edit the pages show it: the new end date, the new accountable person
    and the person who left."""
    for example in examples():
        _apply(real_data, example)
    site = _site(real_data)
    page = activity_details(site, plan="it-och-telekom", aktivitet="webbtillganglighet")
    assert "juni 2025" in page and "Sabina Lacey" in page
    assert "Har slutat i kommunen: mars 2024" in person_responsibilities(site, person="magnus-johansson")


def test_scaffold_examples_match_what_the_commands_write(real_data: Path) -> None:
    """The guides show the lines the scaffolds write and print (numbers and lines aside)."""
    added = new_activity(real_data, "it-och-telekom", "Inför e-arkiv för äldre system")
    guide = (GUIDES / "ny-aktivitet.md").read_text(encoding="utf-8")
    after = (real_data / ACTIVITIES).read_text(encoding="utf-8").splitlines()[added.line - 1 :]
    written = [after[0], *itertools.takewhile(lambda line: line.startswith("    "), after[1:])]
    shown = [re.sub(r"9\.2\.\d+", "9.2.N", line) for line in written]
    missing = [line for line in shown if line not in re.sub(r"9\.2\.\d+", "9.2.N", guide)]
    assert not missing, missing
    assert re.sub(r"\d+", "N", f"lade till {added.what}") in re.sub(r"\d+", "N", guide)
    need = new_need(
        real_data, "it-och-telekom", "Skrivare", subcategory="it-hardvara", year=2025, contract_end="2026-03-31"
    )
    guide = (GUIDES / "nytt-upphandlingsbehov.md").read_text(encoding="utf-8")
    lines = (real_data / "planer/it-och-telekom/upphandlingsbehov.yml").read_text(encoding="utf-8").splitlines()
    assert all(line in guide for line in lines[need.line - 1 : need.line + 5])
    assert f"lade till {need.what}" in guide


@dataclass(frozen=True)
class Mistake:
    """A typical mistake of a guide: an edit of the real data and the message the guide quotes for it."""

    guide: str
    file: str
    old: str
    new: str
    message: str


_T13 = "      text: Aktiviteten är prioritet 2 och föreslås genomföras senast juni 2024.\n      slut: 2024-06\n"
_P13 = "    ansvar:\n      - person: julia-prasolova\n        typ: ansvarig\n"
_MJ = "  - id: magnus-johansson\n    namn: Magnus Johansson\n    titel: verksamhetscontroller\n    förvaltning: ksf\n"

MISTAKES = [
    Mistake(
        "andra-datum.md",
        ACTIVITIES,
        _T13,
        _T13.replace("2024-06", "juni 2025"),
        "'slut': okänd tidpunkt 'juni 2025': skriv 2024, 2024-vt, 2024-ht, 2024-Q3, 2024-06 eller 2024-06-30",
    ),
    Mistake("andra-datum.md", ACTIVITIES, _T13, _T13.replace("2024-06", "2025-6"), "'slut': okänd tidpunkt '2025-6'"),
    Mistake(
        "andra-datum.md",
        ACTIVITIES,
        _T13,
        _T13.replace("2024-06", "2025-13"),
        "'slut': omöjlig månad i '2025-13': månad 13 finns inte",
    ),
    Mistake(
        "andra-datum.md",
        ACTIVITIES,
        _T13,
        _T13.replace("2024-06", "2024-02-30"),
        "'slut': omöjligt datum 2024-02-30: februari 2024 har inte 30 dagar",
    ),
    Mistake(
        "andra-datum.md",
        ACTIVITIES,
        _T13,
        _T13 + "      start: 2025-01\n",
        "'tidplan': start (2025-01) ligger efter slut (2024-06)",
    ),
    Mistake(
        "andra-datum.md",
        ACTIVITIES,
        _T13,
        _T13.replace("2024-06", "2029-06"),
        "aktivitet 9.2.13: slut juni 2029 ligger utanför planperioden",
    ),
    Mistake(
        "byta-ansvarig.md",
        ACTIVITIES,
        _P13,
        _P13.replace("julia-prasolova", "sara-holts"),
        "hänvisningen till person 'sara-holts' leder ingenstans: det finns ingen person med det id:t",
    ),
    Mistake(
        "byta-ansvarig.md",
        ACTIVITIES,
        _P13,
        _P13.replace("julia-prasolova", "Sara Holst"),
        "'person' har ogiltigt format: 'Sara Holst' är inget giltigt id (använd små bokstäver a–z, siffror och bindestreck)",
    ),
    Mistake(
        "byta-ansvarig.md",
        ACTIVITIES,
        _P13,
        _P13.replace("        typ", "        roll: kategoriledare\n        typ"),
        "ange exakt en av person, roll och enhet",
    ),
    Mistake(
        "byta-ansvarig.md",
        ACTIVITIES,
        _P13,
        _P13.replace("typ: ansvarig", "typ: ansvarg"),
        "'typ' har värdet 'ansvarg'; tillåtna värden: 'ansvarig', 'genomför', 'deltar', 'rådfrågas', 'referens', 'informeras' eller 'intressent'",
    ),
    Mistake(
        "byta-ansvarig.md",
        "kommun/personer.yml",
        _MJ,
        _MJ + "    slutat: 2024-03\n",
        "Magnus Johansson har lämnat (2024-03-31) men står som genomför för aktivitet 9.2.1, som inte är avslutad",
    ),
    Mistake(
        "nagon-slutar.md",
        "kommun/personer.yml",
        _MJ,
        _MJ + "    slutat: 2024-03\n",
        "Magnus Johansson har lämnat (2024-03-31) men står som genomför för aktivitet 9.2.1, som inte är avslutad",
    ),
    Mistake(
        "nagon-slutar.md",
        "kommun/personer.yml",
        _MJ,
        _MJ + "    slutat: mars 2024\n",
        "'slutat': okänd tidpunkt 'mars 2024': skriv 2024, 2024-vt, 2024-ht, 2024-Q3, 2024-06 eller 2024-06-30",
    ),
    Mistake(
        "nagon-slutar.md",
        "kommun/personer.yml",
        _MJ,
        _MJ + "    slutade: 2024-03\n",
        "okänd nyckel 'slutade' (menade du 'slutat'?)",
    ),
    Mistake(
        "ny-aktivitet.md",
        ACTIVITIES,
        '    nummer: "9.2.2"\n',
        '    nummer: "9.2.1"\n',
        "aktivitet med nummer '9.2.1' finns redan (rad ",
    ),
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: f"{m.guide}:{m.message[:40]}")
def test_quoted_messages_are_what_the_check_says(real_data: Path, mistake: Mistake) -> None:
    """Each typical mistake gives the message its guide quotes (numbers aside: lines and new records' numbers)."""
    file = real_data / mistake.file
    if mistake.old:
        text = file.read_text(encoding="utf-8")
        assert text.count(mistake.old) == 1
        file.write_text(text.replace(mistake.old, mistake.new), encoding="utf-8")
    elif mistake.new:
        file.write_text(mistake.new, encoding="utf-8")
    messages = [f.message for f in load(real_data, today=TODAY).findings]
    assert any(message.startswith(mistake.message) for message in messages), messages
    guide = (GUIDES / mistake.guide).read_text(encoding="utf-8")
    assert re.sub(r"\d+", "N", mistake.message) in re.sub(r"\d+", "N", guide)


@pytest.mark.parametrize("guide", COMMON_EDITS)
def test_guides_are_in_the_menu_and_out_of_the_search(guide: str) -> None:
    """Each guide is listed under För redaktörer in mkdocs.yml and excluded from the staff's search."""
    page = read_page((GUIDES / guide).read_text(encoding="utf-8"))
    assert page.meta.get("search") == {"exclude": True}
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    editors = next(item["För redaktörer"] for item in nav if isinstance(item, dict) and "För redaktörer" in item)
    assert f"redaktorer/{guide}" in [next(iter(entry.values())) for entry in editors]


def test_placeholders_in_code_examples_are_not_findings() -> None:
    """A FYLL I inside a fenced example (as the guides show) is not a page placeholder; one in text is."""
    text = f'Text\n\n```yaml\nbeskrivning: "{PLACEHOLDER}: vad"\n```\n\n{PLACEHOLDER}: stycket\n'
    assert [finding.line for finding in page_placeholders("sida.md", text)] == [7]


def test_the_date_guide_quotes_the_drift_warning(real_data: Path) -> None:
    """The warning the date guide quotes is what the check says for its example against the base."""
    before = load(real_data, today=TODAY).model
    for example in examples():
        if example.guide == "andra-datum.md":
            _apply(real_data, example)
    after = load(real_data, today=TODAY).model
    message = drifts(compare(before, after))[0].message()
    quoted = message.split(": ", 1)[1].split(";")[0]
    guide = " ".join((GUIDES / "andra-datum.md").read_text(encoding="utf-8").split())
    assert quoted in guide, quoted
