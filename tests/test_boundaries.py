"""What the check accepts, the build builds: data at every limit of the model builds a site;
one step beyond each limit is refused by the check, in Swedish, at the value's line."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.loading.loader import load
from macros.model.base import FIRST_YEAR, LAST_YEAR, MAX_FIGURE, SLUG_MAX_LENGTH
from tests.sitebuild import build, write_config
from tests.views_data import assemble, write_content

pytestmark = pytest.mark.build

PLAN = "planer/vyer"
LONG_ID = "a" * SLUG_MAX_LENGTH
HUGE = "1e999"
"""A number YAML reads as an ordinary float that overflows to infinity (PyYAML writes infinity as .inf)."""

Edit = Callable[[Any], None]


def edit(data: Path, relative: str, change: Edit) -> None:
    """Change the parsed YAML of one data file and write it back."""
    file = data / relative
    tree = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(tree)
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=10_000)
    file.write_text(text.replace(f"'{HUGE}'", HUGE), encoding="utf-8")


def _activities_at_the_limits(tree: Any) -> None:
    """An activity from the first to the last allowed year, one with the longest id, priorities 1 and 3."""
    first, second = tree["aktiviteter"][0], tree["aktiviteter"][1]
    first["tidplan"].update({"start": f"{FIRST_YEAR}-01", "slut": f"{LAST_YEAR}-Q4"})
    first["prioritet"] = 1
    second["prioritet"] = 3
    first["budget"] = [{"belopp_kr": int(MAX_FIGURE), "text": "Största belopp"}, {"belopp_kr": 0, "text": "Inget"}]
    clone = {**copy.deepcopy(second), "id": LONG_ID, "nummer": "9.2.99", "namn": "Längsta id:t"}
    clone["tidplan"] = {"text": "Sista dagen", "start": f"{LAST_YEAR}-12-31", "slut": f"{LAST_YEAR}-12-31"}
    tree["aktiviteter"].append(clone)


def _needs_at_the_limits(tree: Any) -> None:
    """Contracts ending on the first and the last allowed day."""
    needs = [need for need in tree["upphandlingsbehov"] if "förlängning_tom" in need]
    needs[0]["förlängning_tom"] = f"{FIRST_YEAR}-01-01"
    needs[1]["förlängning_tom"] = f"{LAST_YEAR}-12-31"


def _plan_at_the_limits(tree: Any) -> None:
    """The longest plan period and lead time."""
    tree["period"]["år"] = 10
    tree["ledtider"][0]["månader"] = 120


def _figures_at_the_limits(tree: Any) -> None:
    """The largest figure, zero, a whole share, the smallest decimal, the first and the last year."""
    tree["spend_per_år"][0].update({"år": FIRST_YEAR, "belopp": {"värde": MAX_FIGURE, "enhet": "kr"}})
    tree["spend_per_år"][1]["andel_av_kommunen"] = {"värde": 100, "enhet": "procent"}
    tree["spend_per_underkategori"][0]["belopp"] = {"värde": 0, "enhet": "mnkr"}
    tree["spend_per_underkategori"][1]["andel"] = {"värde": 0.001, "enhet": "procent"}
    tree["antal_leverantörer"][0].update({"år": LAST_YEAR, "antal": 10_000_000})


def _reports_at_the_limits(tree: Any) -> None:
    """Reports on the first and the last allowed day, and a measured value far beyond 100 %."""
    tree["rapporter"][0]["datum"] = f"{FIRST_YEAR}-01-01"
    tree["rapporter"][1]["datum"] = f"{LAST_YEAR}-12-31"
    tree["mätvärden"][0]["värde"] = "999999999999 %"


LIMITS: dict[str, Edit] = {
    f"{PLAN}/aktiviteter.yml": _activities_at_the_limits,
    f"{PLAN}/upphandlingsbehov.yml": _needs_at_the_limits,
    f"{PLAN}/plan.yml": _plan_at_the_limits,
    f"{PLAN}/nulage.yml": _figures_at_the_limits,
    f"{PLAN}/uppfoljning.yml": _reports_at_the_limits,
}


@pytest.mark.parametrize("today", [f"{FIRST_YEAR}-01-01", "2024-06-01", f"{LAST_YEAR - 1}-12-31"])
def test_data_at_every_limit_builds(tmp_path: Path, today: str) -> None:
    """Data at every limit passes the check and builds a site that shows it, whatever day it is built."""
    data = assemble(tmp_path / "data")
    for relative, change in LIMITS.items():
        edit(data, relative, change)
    result = load(data, today=dt.date.fromisoformat(today))
    assert result.ok, [f.format() for f in result.findings if f.severity.value == "fel"]
    done = build(write_config(tmp_path, data=data, content=write_content(tmp_path / "content")), today=today)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Traceback" not in done.stdout + done.stderr
    site = tmp_path / "site"
    assert (site / "vyer" / "aktiviteter" / LONG_ID / "index.html").is_file()
    timeline = (site / "vyer" / "oversikter" / "tidslinje" / "index.html").read_text(encoding="utf-8")
    assert str(FIRST_YEAR) in timeline and f"Q4 {LAST_YEAR}" in timeline


BEYOND: list[tuple[str, Edit, str]] = [
    (
        "aktiviteter.yml",
        lambda tree: tree["aktiviteter"][0]["tidplan"].update({"start": f"{FIRST_YEAR - 1}-12"}),
        f"ligger utanför {FIRST_YEAR}–{LAST_YEAR}",
    ),
    (
        "aktiviteter.yml",
        lambda tree: tree["aktiviteter"][0]["tidplan"].update({"slut": f"{LAST_YEAR + 1}"}),
        f"ligger utanför {FIRST_YEAR}–{LAST_YEAR}",
    ),
    ("aktiviteter.yml", lambda tree: tree["aktiviteter"][0].update({"prioritet": 4}), "ska vara högst 3"),
    ("aktiviteter.yml", lambda tree: tree["aktiviteter"][0].update({"prioritet": "1"}), "ska vara ett heltal"),
    ("aktiviteter.yml", lambda tree: tree["aktiviteter"][0].update({"prioritet": True}), "ska vara ett heltal"),
    ("aktiviteter.yml", lambda tree: tree["aktiviteter"][0].update({"prioritet": 2.0}), "ska vara ett heltal"),
    ("aktiviteter.yml", lambda tree: tree["aktiviteter"][0].update({"id": LONG_ID + "a"}), "högst 120 tecken"),
    ("aktiviteter.yml", lambda tree: tree["aktiviteter"][0].update({"id": "index"}), "reserverat"),
    (
        "aktiviteter.yml",
        lambda tree: tree["aktiviteter"][0].update({"budget": [{"belopp_kr": -1, "text": "Minus"}]}),
        "ska vara minst 0",
    ),
    (
        "upphandlingsbehov.yml",
        lambda tree: tree["upphandlingsbehov"][1].update({"förlängning_tom": "9999-12-31"}),
        f"ligger utanför {FIRST_YEAR}–{LAST_YEAR}",
    ),
    ("plan.yml", lambda tree: tree["period"].update({"år": 11}), "ska vara högst 10"),
    ("plan.yml", lambda tree: tree["ledtider"][0].update({"månader": "24"}), "ska vara ett heltal"),
    (
        "nulage.yml",
        lambda tree: tree["spend_per_år"][0].update({"belopp": {"värde": MAX_FIGURE * 10, "enhet": "kr"}}),
        "orimligt stort",
    ),
    (
        "nulage.yml",
        lambda tree: tree["spend_per_år"][0].update({"belopp": {"värde": HUGE, "enhet": "kr"}}),
        "ska vara ett vanligt tal",
    ),
    (
        "nulage.yml",
        lambda tree: tree["spend_per_år"][0].update({"belopp": {"värde": float("nan"), "enhet": "kr"}}),
        "värdet .nan",
    ),
    (
        "nulage.yml",
        lambda tree: tree["spend_per_år"][0].update({"belopp": {"värde": 1e-300, "enhet": "kr"}}),
        "fler än 3 decimaler",
    ),
    (
        "nulage.yml",
        lambda tree: tree["spend_per_år"][0].update({"belopp": {"värde": -5, "enhet": "mnkr"}}),
        "kan inte vara negativt",
    ),
    (
        "nulage.yml",
        lambda tree: tree["spend_per_år"][1].update({"andel_av_kommunen": {"värde": 100.5, "enhet": "procent"}}),
        "högst 100 procent",
    ),
    ("nulage.yml", lambda tree: tree["spend_per_år"][0].update({"år": LAST_YEAR + 1}), f"ska vara högst {LAST_YEAR}"),
    ("nulage.yml", lambda tree: tree["antal_leverantörer"][0].update({"antal": 1.5}), "ska vara ett heltal"),
    (
        "uppfoljning.yml",
        lambda tree: tree["rapporter"][0].update({"datum": "0001-01-01"}),
        f"ligger utanför {FIRST_YEAR}–{LAST_YEAR}",
    ),
]


@pytest.mark.parametrize(("file", "change", "words"), BEYOND, ids=[f"{f}-{w}" for f, _, w in BEYOND])
def test_one_step_beyond_a_limit_is_refused(tmp_path: Path, file: str, change: Edit, words: str) -> None:
    """A value one step beyond a limit is a Swedish error on the value's file, never a crash."""
    data = assemble(tmp_path / "data")
    edit(data, f"{PLAN}/{file}", change)
    errors = [f for f in load(data, today=dt.date(2024, 6, 1)).findings if f.severity.value == "fel"]
    assert any(f.file.endswith(f"vyer/{file}") and words in f.message for f in errors), [e.format() for e in errors]
