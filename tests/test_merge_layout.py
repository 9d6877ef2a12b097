"""Layout that merges, decided from evidence: two editors changing two neighbouring activities in
parallel pull requests merge without a conflict in the real aktiviteter.yml (records are separated
by a blank line and a rule, so the closest edits of two records are never adjacent lines), and the
merged data passes the check. Two new activities added in parallel do conflict: both take the same
next number, which is a real conflict that one of them must resolve by renumbering (the guide
ny-aktivitet.md says how); a layout of one file per record would merge them silently and leave two
activities 9.2.23 on main."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from macros.loading.loader import load
from macros.scaffold.records import new_activity
from macros.validation.findings import Severity
from tests.gitrepo import Repo
from tests.sitebuild import ROOT

ACTIVITIES = "planer/it-och-telekom/aktiviteter.yml"
TODAY = dt.date(2024, 7, 1)
LAST_OF_9_2_13 = "          webbtillgänglighet för användare) beskriver.\n"
FIRST_OF_9_2_14 = "    namn: Minska sårbarheten för kommunens verksamhet i händelse av kris.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A repository holding the real data on main."""
    repo = Repo(tmp_path / "forrad", data=ROOT / "data")
    repo.commit("Planens data")
    return repo


def _branch(repo: Repo, name: str, old: str, new: str) -> None:
    """A branch from main with one edit of the activities, committed."""
    repo.git("switch", "-q", "-c", name, "main")
    repo.replace(ACTIVITIES, old, new)
    repo.commit(f"Ändring på {name}")


_ENVIRONMENT = {
    "GIT_AUTHOR_NAME": "Granskare",
    "GIT_AUTHOR_EMAIL": "granskare@example.org",
    "GIT_COMMITTER_NAME": "Granskare",
    "GIT_COMMITTER_EMAIL": "granskare@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "PATH": "/usr/local/bin:/usr/bin:/bin",
}


def _merge_into_current(repo: Repo, branch: str) -> subprocess.CompletedProcess[str]:
    """Merge a branch into the branch checked out; git's report (a conflict exits non-zero)."""
    return subprocess.run(
        ["git", "-C", str(repo.root), "merge", "--no-edit", "-q", branch],
        capture_output=True,
        text=True,
        check=False,
        env=_ENVIRONMENT,
    )


def _merge(repo: Repo, *branches: str) -> subprocess.CompletedProcess[str]:
    """Merge the branches into main one after the other, as a reviewer merges two pull requests."""
    repo.git("switch", "-q", "main")
    done = subprocess.CompletedProcess[str]([], 0, "", "")
    for branch in branches:
        done = _merge_into_current(repo, branch)
        if done.returncode:
            return done
    return done


def _errors(repo: Repo) -> list[str]:
    return [f.format() for f in load(repo.data, today=TODAY).findings if f.severity is Severity.ERROR]


def test_the_closest_edits_of_neighbouring_activities_merge(repo: Repo) -> None:
    """The last line of 9.2.13 and the name of 9.2.14, changed in parallel, merge cleanly and pass the check."""
    _branch(repo, "a", LAST_OF_9_2_13, "          webbtillgänglighet för alla användare) beskriver.\n")
    _branch(repo, "b", FIRST_OF_9_2_14, "    namn: Minska sårbarheten för kommunens verksamhet vid kris.\n")
    done = _merge(repo, "a", "b")
    assert done.returncode == 0, done.stdout + done.stderr
    text = (repo.data / ACTIVITIES).read_text(encoding="utf-8")
    assert "för alla användare) beskriver." in text and "verksamhet vid kris." in text
    assert _errors(repo) == []


def test_a_date_and_a_responsibility_of_neighbours_merge(repo: Repo) -> None:
    """A new end date for 9.2.13 and a new accountable role for 9.2.14, in parallel, merge cleanly."""
    _branch(repo, "datum", "      slut: 2024-06\n    prioritet: 2\n", "      slut: 2025-06\n    prioritet: 2\n")
    _branch(
        repo,
        "ansvar",
        "      - roll: kategoriledare\n        typ: ansvarig\n      - roll: ytterligare-kategoriledare\n",
        "      - person: sabina-lacey\n        typ: ansvarig\n      - roll: ytterligare-kategoriledare\n",
    )
    assert _merge(repo, "datum", "ansvar").returncode == 0
    assert _errors(repo) == []


def test_two_new_activities_in_parallel_conflict_on_their_number(repo: Repo) -> None:
    """Two activities scaffolded in parallel both become 9.2.23 at the same place: git reports the conflict."""
    for branch, name in (("ny-a", "Inför e-arkiv"), ("ny-b", "Inför ny växel")):
        repo.git("switch", "-q", "-c", branch, "main")
        assert new_activity(repo.data, "it-och-telekom", name).what.startswith("aktivitet 9.2.23")
        repo.commit(f"Ny aktivitet: {name}")
    done = _merge(repo, "ny-a", "ny-b")
    assert done.returncode != 0 and "CONFLICT" in done.stdout + done.stderr


def test_the_new_activity_guide_says_how_to_resolve_it() -> None:
    """The guide for a new activity tells the editor what to do when git reports that conflict."""
    guide = (ROOT / "content" / "redaktorer" / "ny-aktivitet.md").read_text(encoding="utf-8")
    assert "## Om någon annan lade till en aktivitet samtidigt" in guide


def test_the_guides_recipe_resolves_the_conflict(repo: Repo) -> None:
    """Following the guide (take main's file, scaffold again), the second activity becomes 9.2.24 and the check passes."""
    for branch, name in (("ny-a", "Inför e-arkiv"), ("ny-b", "Inför ny växel")):
        repo.git("switch", "-q", "-c", branch, "main")
        new_activity(repo.data, "it-och-telekom", name)
        repo.commit(f"Ny aktivitet: {name}")
    assert _merge(repo, "ny-a").returncode == 0
    repo.git("switch", "-q", "ny-b")
    assert _merge_into_current(repo, "main").returncode != 0
    repo.git("checkout", "main", "--", f"data/{ACTIVITIES}")
    assert new_activity(repo.data, "it-och-telekom", "Inför ny växel").what.startswith("aktivitet 9.2.24")
    assert _errors(repo) == []
    repo.commit("Aktivitet 9.2.24: nytt nummer efter 9.2.23")
    assert _merge(repo, "ny-b").returncode == 0
