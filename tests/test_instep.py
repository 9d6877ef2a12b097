"""Text and structure kept in step: a change to an activity's structured schedule, priority or
responsibility without its wording (or the reverse) is a warning against the base, and the page
shows such a change as a departure from the decided text."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from macros.comparison import Change
from macros.comparison.changes import ADDED, CHANGED, REMOVED
from macros.comparison.instep import drifts
from macros.loading.cache import Cache
from macros.loading.loader import load
from macros.loading.versions import read_versions
from macros.render.activities import activity_details
from macros.render.context import Site
from tests.gitrepo import Repo
from tests.sitebuild import ROOT
from tests.test_versions import decide, version

ACTIVITIES = "planer/exempel/aktiviteter.yml"
TODAY = dt.date(2024, 6, 1)
LABEL = "Aktivitet 9.2.1 Inför e-tjänster"


def _change(key: str, field: str, old: str | None = "a", new: str | None = "b", kind: str = CHANGED) -> Change:
    return Change("exempel", "aktivitet", "e-tjanster", LABEL, field, kind, old, new, key=key)


def test_a_structured_change_alone_drifts() -> None:
    """A new end date with the schedule's text unchanged is one drift of the schedule."""
    found = drifts([_change("tidplan.slut", "Tidplan, slut", "Q4 2024", "Q2 2025")])
    assert [(d.pair.text, d.text_changed) for d in found] == [("tidplan.text", False)]
    assert found[0].message().startswith(f"{LABEL}: Tidplan, slut ändrades (Q4 2024 → Q2 2025), men planens text")


def test_text_and_structure_changed_together_do_not_drift() -> None:
    """The text and the date changed in the same change: in step, no drift."""
    assert drifts([_change("tidplan.slut", "Tidplan, slut"), _change("tidplan.text", "Tidplan")]) == []


def test_the_text_alone_drifts_the_other_way() -> None:
    """A new wording of who is responsible without a change to the list ansvar is a drift of the text."""
    found = drifts([_change("ansvar_text", "Ansvarig")])
    assert [(d.pair.text, d.text_changed) for d in found] == [("ansvar_text", True)]


def test_a_new_person_and_a_new_priority_drift() -> None:
    """A person replaced in ansvar (removed and added) and a new priority are drifts when no text changed."""
    found = drifts(
        [
            _change("ansvar", "Ansvar", None, "Sabina Lacey (ansvarig)", ADDED),
            _change("ansvar", "Ansvar", "Julia Prasolova (ansvarig)", None, REMOVED),
            _change("prioritet", "Prioritet", "2", "1"),
        ]
    )
    assert sorted(d.pair.text for d in found) == ["ansvar_text", "tidplan.text"]


def _check(repo: Repo, base: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "macros",
            "check",
            "--data",
            str(repo.data),
            "--innehall",
            str(repo.root / "content"),
            "--idag",
            "2024-06-01",
            "--bas",
            base,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_the_check_warns_at_the_changed_line(tmp_path: Path) -> None:
    """`check --bas` warns at the line of the new end date when the schedule's text did not change."""
    repo = Repo(tmp_path / "forrad")
    (repo.root / "content").mkdir()
    repo.commit("Planen")
    repo.replace(ACTIVITIES, "      slut: 2024-Q4\n", "      slut: 2025-Q2\n")
    line = (repo.data / ACTIVITIES).read_text(encoding="utf-8").splitlines().index("      slut: 2025-Q2") + 1
    done = _check(repo, "HEAD")
    assert f"data/{ACTIVITIES}:{line}: varning: {LABEL}: Tidplan, slut ändrades (Q4 2024 → Q2 2025)" in done.stdout


def test_the_check_is_quiet_when_both_changed(tmp_path: Path) -> None:
    """`check --bas` says nothing about an activity whose text and date changed together."""
    repo = Repo(tmp_path / "forrad")
    (repo.root / "content").mkdir()
    repo.commit("Planen")
    repo.replace(ACTIVITIES, "      slut: 2024-Q4\n", "      slut: 2025-Q2\n")
    repo.replace(ACTIVITIES, "text: påbörjas 2023-Q4 – 2024 Q4", "text: påbörjas 2023-Q4 – 2025 Q2")
    assert "ändrades" not in _check(repo, "HEAD").stdout


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Version 1.0 decided, then the priority of 9.2.2 lowered without a change to its text."""
    repo = Repo(tmp_path_factory.mktemp("instep") / "forrad")
    repo.commit("Planens data", when="2024-01-10T09:00:00+01:00")
    repo.tag("exempel-1.0")
    decide(repo, version("1.0", "2024-01-15", "exempel-1.0"))
    repo.commit("Beslutet om version 1.0", when="2024-01-16T09:00:00+01:00")
    repo.replace(ACTIVITIES, "    prioritet: 2\n", "    prioritet: 3\n")
    repo.commit("Utbildningen får lägre prioritet", when="2024-04-01T09:00:00+02:00")
    result = load(repo.data, today=TODAY)
    assert result.model is not None
    return Site(model=result.model, today=TODAY, versions=read_versions(repo.data, result.model, Cache(None)))


def test_the_page_shows_the_departure_from_the_decided_text(decided: Site) -> None:
    """The activity's page shows the new priority as a change since the decision, under the plan's text."""
    page = activity_details(decided, plan="exempel", aktivitet="utbildning")
    schedule = page.split("## Tidplan/prioritering")[1]
    assert '!!! warning "Ändrat sedan beslutet"' in schedule
    assert "version 1.0, beslutad 2024-01-15" in schedule and "- Prioritet: 2 → 3" in schedule


def test_an_unchanged_activity_shows_no_departure(decided: Site) -> None:
    """An activity unchanged since the decision has no such box."""
    assert "Ändrat sedan beslutet" not in activity_details(decided, plan="exempel", aktivitet="e-tjanster")
