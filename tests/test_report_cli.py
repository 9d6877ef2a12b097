"""`python -m macros rapport`: a report for a named activity or nyckeltal is added to the plan's
uppfoljning.yml as text, the rest of the file is left exactly as it was, and the data passes
the check afterwards."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from macros.report_skeleton import ReportError, append_entry
from tests.conftest import DataCopy
from tests.sitebuild import ROOT

FOLLOW_UP = "planer/exempel/uppfoljning.yml"
DAY = "2024-06-01"


def rapport(data: DataCopy, *args: str, today: str | None = DAY) -> subprocess.CompletedProcess[str]:
    """`python -m macros rapport --data <copy> …` in a separate process, as an editor runs it."""
    env = {key: value for key, value in os.environ.items() if key != "KATEGORIPLAN_IDAG"}
    if today:
        env["KATEGORIPLAN_IDAG"] = today
    return subprocess.run(
        [sys.executable, "-m", "macros", "rapport", "--data", str(data.root), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )


def test_report_by_number_is_appended_and_passes_the_check(data: DataCopy) -> None:
    """A report named by the activity's number gets its id, today's date and the period, and the data stays valid."""
    done = rapport(data, "--aktivitet", "9.2.2", "--status", "pågår", "--av", "anna-ek")
    assert done.returncode == 0, done.stdout + done.stderr
    text = data.path(FOLLOW_UP).read_text(encoding="utf-8")
    assert "  - aktivitet: utbildning\n    datum: 2024-06-01\n    status: pågår\n    rapporterad_av: anna-ek\n" in text
    assert "perioden 2023/24 (2023-10-01 – 2024-09-30)" in text
    assert data.load().ok


def test_the_rest_of_the_file_is_left_as_it_was(data: DataCopy) -> None:
    """Only lines are added, at the end of `rapporter:`; every other line, comment and blank stays as it was."""
    before = "# Fixturens kommentar\n" + data.path(FOLLOW_UP).read_text(encoding="utf-8").replace(
        "mätvärden:", "\n# mätningarna\nmätvärden:  # sist i filen"
    )
    data.path(FOLLOW_UP).write_text(before, encoding="utf-8")
    assert rapport(data, "--aktivitet", "e-tjanster", "--status", "genomförd").returncode == 0
    old, new = before.splitlines(), data.path(FOLLOW_UP).read_text(encoding="utf-8").splitlines()
    start = next(i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b)
    added = len(new) - len(old)
    assert new[:start] + new[start + added :] == old
    assert new[start + added - 1] == "    # kommentar: Vad har hänt sedan förra rapporten?"
    assert new[start + added] == "" and start < old.index("mätvärden:  # sist i filen")


def test_a_missing_file_is_created_with_the_schema_line(data: DataCopy) -> None:
    """Without uppfoljning.yml the file is created, starting with the schema line the other data files have."""
    data.path(FOLLOW_UP).unlink()
    assert rapport(data, "--aktivitet", "9.2.1", "--status", "ej påbörjad", "--plan", "exempel").returncode == 0
    text = data.path(FOLLOW_UP).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/plan-uppfoljning.schema.json\n")
    assert data.load().ok


def test_a_measured_value_is_added(data: DataCopy) -> None:
    """A measured value for a nyckeltal goes into mätvärden, quoted as reported."""
    done = rapport(data, "--nyckeltal", "nojdhet", "--varde", "72 %", "--kommentar", 'Enkät "B"')
    assert done.returncode == 0, done.stderr
    text = data.path(FOLLOW_UP).read_text(encoding="utf-8")
    assert "mätvärden:\n" in text and '  värde: "72 %"' in text and 'kommentar: "Enkät \\"B\\""' in text
    result = data.load()
    assert result.ok and result.model is not None
    assert result.model.plan("exempel").measurements_of("nojdhet")[-1].comment == 'Enkät "B"'


def test_the_reporter_defaults_to_the_accountable(data: DataCopy) -> None:
    """Without --av the report names the activity's accountable person (a role resolved to its holder)."""
    assert rapport(data, "--aktivitet", "9.2.1", "--status", "pågår", "--plan", "exempel").returncode == 0
    result = data.load()
    assert result.model is not None
    assert result.model.plan("exempel").reports_of("e-tjanster")[-1].reported_by == "anna-ek"


def test_the_date_is_today(data: DataCopy) -> None:
    """The report's date is --idag, else KATEGORIPLAN_IDAG."""
    assert rapport(data, "--aktivitet", "e-tjanster", "--status", "pågår", "--idag", "2024-05-02").returncode == 0
    assert "datum: 2024-05-02" in data.path(FOLLOW_UP).read_text(encoding="utf-8")


def test_unknown_activity_suggests_the_id(data: DataCopy) -> None:
    """A number or id that names no activity exits 2 with a suggestion, and nothing is written."""
    before = data.path(FOLLOW_UP).read_bytes()
    done = rapport(data, "--aktivitet", "e-tjanst", "--status", "pågår")
    assert done.returncode == 2 and "menade du 'e-tjanster' (9.2.1)?" in done.stderr
    assert data.path(FOLLOW_UP).read_bytes() == before


def test_status_is_required_and_never_guessed(data: DataCopy) -> None:
    """Without a valid status nothing is written: the editor chooses it (a status is never invented)."""
    done = rapport(data, "--aktivitet", "e-tjanster")
    assert done.returncode == 2 and "ej påbörjad, pågår, genomförd, uppskjuten, avbruten" in done.stderr
    assert "Traceback" not in done.stderr


def test_data_with_errors_is_not_touched(data: DataCopy) -> None:
    """When the data has errors the command lists them and writes nothing."""
    data.replace("planer/exempel/aktiviteter.yml", "    prioritet: 1\n", "    prioritet: 9\n")
    before = data.path(FOLLOW_UP).read_bytes()
    done = rapport(data, "--aktivitet", "e-tjanster", "--status", "pågår")
    assert done.returncode == 1 and "prioritet" in done.stdout
    assert data.path(FOLLOW_UP).read_bytes() == before


def test_a_number_two_plans_have_needs_the_plan(data: DataCopy) -> None:
    """Numbers are per plan: a number several plans use asks which plan is meant, and writes nothing."""
    done = rapport(data, "--aktivitet", "9.2.1", "--status", "pågår")
    assert done.returncode == 2 and "ange vilken plan rapporten gäller med --plan" in done.stderr


def test_make_target_is_documented() -> None:
    """`make help` lists the target, and the README names it."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nrapport: $(VENV)/.site ## " in makefile
    assert "make rapport" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_append_keeps_an_empty_flow_list_working() -> None:
    """`rapporter: []` becomes a block list with the entry; any other one-line list is refused."""
    text, line = append_entry("rapporter: []  # tom\n", "rapporter", ["- aktivitet: a"])
    assert text == "rapporter: # tom\n  - aktivitet: a\n" and line == 2
    with pytest.raises(ReportError):
        append_entry("rapporter: [{aktivitet: a}]\n", "rapporter", ["- aktivitet: b"])


def test_append_uses_the_files_indentation_and_line_endings() -> None:
    """A list written without indentation, with CRLF line ends, gets its entry the same way."""
    text, _ = append_entry("rapporter:\r\n- aktivitet: a\r\nmätvärden: []\r\n", "rapporter", ["- aktivitet: b"])
    assert text == "rapporter:\r\n- aktivitet: a\r\n- aktivitet: b\r\nmätvärden: []\r\n"
