"""The command line editors and CI use: messages, exit codes and formats."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from macros.cli import main
from tests.conftest import DataCopy
from tests.sitebuild import FIXTURE_DATA, ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m macros …` in a separate process, as editors run it."""
    return subprocess.run(
        [sys.executable, "-m", "macros", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_valid_data_exits_zero() -> None:
    """Valid data: exit 0 and a Swedish summary line."""
    done = run("check", "--data", str(FIXTURE_DATA), "--idag", "2024-06-01")
    assert done.returncode == 0
    assert done.stdout.strip().splitlines()[-1] == "Kontroll av data/ och content/: 0 fel, 1 varning."


def test_errors_exit_one_without_traceback(data: DataCopy) -> None:
    """Invalid data: exit 1, one line per finding as file:line: fel: …, never a traceback."""
    data.replace("planer/exempel/aktiviteter.yml", "    prioritet: 1\n", "    prioritet: 9\n")
    done = run("check", "--data", str(data.root), "--idag", "2024-06-01")
    assert done.returncode == 1
    assert "data/planer/exempel/aktiviteter.yml:" in done.stdout and ": fel: " in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_github_annotations(data: DataCopy) -> None:
    """`--format github` writes workflow commands GitHub shows on the pull request."""
    data.replace("planer/exempel/aktiviteter.yml", "    prioritet: 1\n", "    prioritet: 9\n")
    done = run("check", "--data", str(data.root), "--format", "github", "--idag", "2024-06-01")
    assert "::error file=data/planer/exempel/aktiviteter.yml,line=21::'prioritet' ska vara högst 3" in done.stdout


def test_github_warning_annotations() -> None:
    """Warnings become GitHub warning annotations with file and line."""
    done = run("check", "--data", str(FIXTURE_DATA), "--format", "github", "--idag", "2024-06-01")
    assert "::warning file=tests/fixtures/data/planer/liten/plan.yml,line=7::" in done.stdout


def test_wrong_usage_exits_two(capsys: object) -> None:
    """Wrong usage exits with code 2 and a Swedish message."""
    assert main(["kontrollera"]) == 2
    assert main(["check", "--idag", "igår"]) == 2


def test_missing_data_folder(tmp_path: Path) -> None:
    """A data folder that does not exist is an error, not a crash."""
    assert main(["check", "--data", str(tmp_path / "finns-inte")]) == 1


def test_core_does_not_import_mkdocs() -> None:
    """The model, validation, rendering and command line never import MkDocs."""
    code = (
        "import sys, macros.cli, macros.render, macros.loading.loader;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('mkdocs','mkdocs_macros','material')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
