"""The command line editors and CI use: messages, exit codes and formats."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli import main
from tests.conftest import DataCopy
from tests.sitebuild import FIXTURE_CONTENT, FIXTURE_DATA, ROOT


def run(*args: str, today: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m macros …` in a separate process, as editors run it (`today` sets KATEGORIPLAN_IDAG)."""
    env = {key: value for key, value in os.environ.items() if key != "KATEGORIPLAN_IDAG"}
    if today is not None:
        env["KATEGORIPLAN_IDAG"] = today
    pages = ["--innehall", str(FIXTURE_CONTENT)] if "--data" in args and "--innehall" not in args else []
    return subprocess.run(
        [sys.executable, "-m", "macros", *args, *pages], capture_output=True, text=True, cwd=ROOT, env=env, check=False
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


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2024-13-45", "KATEGORIPLAN_IDAG: ogiltigt datum för idag: '2024-13-45' (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-01)"),
        ("igår", "KATEGORIPLAN_IDAG: ogiltigt datum för idag: 'igår'"),
        ("9999-99-99", "KATEGORIPLAN_IDAG: ogiltigt datum för idag: '9999-99-99'"),
        ("20240601", "KATEGORIPLAN_IDAG: ogiltigt datum för idag: '20240601'"),
        ("0001-01-01", "KATEGORIPLAN_IDAG: datumet för idag, 0001-01-01, ligger utanför 1900-01-01–2199-12-31"),
        ("9999-12-31", "KATEGORIPLAN_IDAG: datumet för idag, 9999-12-31, ligger utanför 1900-01-01–2199-12-31"),
    ],
)
def test_invalid_today_variable_is_a_usage_error(day: str, message: str) -> None:
    """A wrong KATEGORIPLAN_IDAG exits 2 with a Swedish message naming the variable, never a traceback."""
    done = run("check", "--data", str(FIXTURE_DATA), today=day)
    assert done.returncode == 2
    assert f"fel användning: {message}" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_today_option_wins_over_the_variable() -> None:
    """`--idag` decides today even when KATEGORIPLAN_IDAG is set, and is named when it is wrong."""
    assert run("check", "--data", str(FIXTURE_DATA), "--idag", "2024-06-01", today="igår").returncode == 0
    done = run("check", "--data", str(FIXTURE_DATA), "--idag", "2024-02-30", today="2024-06-01")
    assert done.returncode == 2 and "fel användning: --idag: ogiltigt datum för idag: '2024-02-30'" in done.stderr


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


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """Output piped into a reader that has already closed (`… | head`) ends quietly, without a traceback."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "macros", "check", "--data", str(FIXTURE_DATA), "--innehall", str(FIXTURE_CONTENT)],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
