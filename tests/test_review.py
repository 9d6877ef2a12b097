"""The reviewer's summary of a pull request (`python -m macros granska BAS`): the comparison in
Swedish, the pages that change and the check's line, as CI writes it into the job's summary."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.comparison import Change
from macros.comparison.changes import CHANGED, REMOVED
from macros.loading.loader import load
from macros.review import ChangedPage, changed_pages
from tests.gitrepo import Repo
from tests.sitebuild import FIXTURE_CONTENT, FIXTURE_DATA, ROOT

ACTIVITIES = "planer/exempel/aktiviteter.yml"


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """A branch that moves activity 9.2.1's end and edits the plan's front page, summarised against main."""
    repo = Repo(tmp_path_factory.mktemp("granska") / "forrad")
    shutil.copytree(FIXTURE_CONTENT, repo.root / "content")
    repo.commit("Planen som den är")
    repo.git("switch", "-q", "-c", "ny-tidplan")
    repo.replace(ACTIVITIES, "      slut: 2024-Q4\n", "      slut: 2025-Q2\n")
    index = repo.root / "content" / "exempel" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nEtt nytt stycke.\n", encoding="utf-8")
    repo.commit("Aktivitet 9.2.1 flyttas")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "macros",
            "granska",
            "main",
            "--data",
            str(repo.data),
            "--innehall",
            str(repo.root / "content"),
            "--idag",
            "2024-06-01",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_the_summary_says_what_changed_in_the_plan(reviewed: subprocess.CompletedProcess[str]) -> None:
    """The summary names the activity and its end date before and after, in Swedish."""
    assert reviewed.returncode == 0, reviewed.stderr
    assert "# Den här ändringen\n" in reviewed.stdout
    assert "### Aktivitet 9.2.1 Inför e-tjänster\n\n- **Tidplan, slut**: ”Q4 2024” → ”Q2 2025”\n" in reviewed.stdout


def test_the_summary_lists_the_changed_pages(reviewed: subprocess.CompletedProcess[str]) -> None:
    """The activity's own page and the edited written page are listed with their addresses in the preview."""
    assert "- Aktivitet 9.2.1 Inför e-tjänster: `/exempel/aktiviteter/e-tjanster/`" in reviewed.stdout
    assert "- Sidan content/exempel/index.md: `/exempel/`" in reviewed.stdout


def test_the_summary_ends_with_the_checks_line(reviewed: subprocess.CompletedProcess[str]) -> None:
    """The last part is the check's summary line, as make check prints it."""
    assert reviewed.stdout.rstrip().splitlines()[-1].startswith("Kontroll av data/ och content/: 0 fel")


def test_a_removed_record_points_to_its_history() -> None:
    """A removed activity has no page of its own: the summary points to its section of the history page."""
    model = load(FIXTURE_DATA, today=dt.date(2024, 6, 1)).model
    assert model is not None
    removed = Change("exempel", "aktivitet", "borta", "Aktivitet 9.2.9 Borta", None, REMOVED)
    changed = Change("exempel", "strategi", "s1", "Strategi 5.1.1", "Namn", CHANGED, "a", "b")
    assert changed_pages([removed, changed], model, []) == [
        ChangedPage("Aktivitet 9.2.9 Borta (i ändringshistoriken)", "exempel/historik/#aktivitet-borta"),
        ChangedPage("Strategi 5.1.1 (i ändringshistoriken)", "exempel/historik/#strategi-s1"),
    ]


def test_no_change_says_so(tmp_path: Path) -> None:
    """A branch that changes nothing says that the plans' data and the pages are unchanged."""
    repo = Repo(tmp_path / "forrad")
    shutil.copytree(FIXTURE_CONTENT, repo.root / "content")
    repo.commit("Planen som den är")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "macros",
            "granska",
            "HEAD",
            "--data",
            str(repo.data),
            "--innehall",
            str(repo.root / "content"),
            "--idag",
            "2024-06-01",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert "Ändringen rör inte planernas data.\n" in done.stdout and "Ingen sida ändras.\n" in done.stdout
