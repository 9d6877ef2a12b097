"""An editor following only the guide "Så rapporterar du status och mätvärden" files a report for
a real activity in a copy of the real data, and sees it on the activity page and the period page.

Both ways the guide gives are tried: the command it shows (`make rapport` runs
`python -m macros rapport` with the same arguments) and the complete file it shows.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from macros.loading.loader import load
from macros.model.catalog import Municipality
from macros.render import MACROS
from macros.render.context import Site, activity_page, follow_up_period_page, generated_pages
from macros.validation.findings import Severity
from tests.sitebuild import ROOT

GUIDE = ROOT / "content" / "redaktorer" / "rapportera.md"
PLAN = "it-och-telekom"
TODAY = dt.date(2026, 11, 29)
"""The day of the guide's example report."""


def _guide() -> str:
    """The guide's Markdown source."""
    return GUIDE.read_text(encoding="utf-8")


def _copy(target: Path) -> Path:
    """A copy of the real data, as in an editor's clone."""
    shutil.copytree(ROOT / "data", target / "data")
    return target / "data"


def _model(data: Path) -> Municipality:
    """The copy loaded as the check loads it; fails with the check's messages on any error."""
    result = load(data, today=TODAY)
    errors = [f.format() for f in result.findings if f.severity is Severity.ERROR]
    assert result.model is not None and not errors, "\n".join(errors)
    return result.model


def _pages(model: Municipality, activity_id: str) -> tuple[str, str]:
    """The activity's page and the current period's page, as the site renders them."""
    page = activity_page(PLAN, activity_id)
    shown = MACROS["aktivitetssida"].bind(Site(model=model, today=TODAY, page=page))(plan=PLAN, aktivitet=activity_id)
    period = follow_up_period_page(PLAN, "2026-27")
    report = MACROS["uppfoljningsperiod"].bind(Site(model=model, today=TODAY, page=period))(plan=PLAN, period="2026-27")
    return shown, report


def _row(page: str, number: str) -> str:
    """The activity's row under the period page's effektmål (status at the period's end, date, reporter, comment)."""
    goals = page.split("## Effektmål, aktiviteter och nyckeltal")[1]
    return next(line for line in goals.splitlines() if line.startswith("|") and f"[{number} " in line)


def test_the_guides_command_files_a_report_seen_on_both_pages(tmp_path: Path) -> None:
    """The command in the guide's first example adds a valid report that both pages show with date and comment."""
    command = re.search(r"make rapport AKTIVITET=(\S+) STATUS=(\S+) KOMMENTAR=\"([^\"]+)\"", _guide())
    assert command, "guiden visar inte kommandot make rapport AKTIVITET=… STATUS=… KOMMENTAR=…"
    number, status, comment = command.groups()
    data = _copy(tmp_path)
    env = {**os.environ, "KATEGORIPLAN_IDAG": TODAY.isoformat()}
    arguments = ["--aktivitet", number, "--status", status, "--kommentar", comment]
    done = subprocess.run(
        [sys.executable, "-m", "macros", "rapport", "--data", str(data), *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    model = _model(data)
    activity = next(a for a in model.plan(PLAN).activities if a.number == number)
    shown, report = _pages(model, activity.id)
    assert f"Aktuell status: **{status}**, rapporterad {TODAY.isoformat()}" in shown and comment in shown
    row = _row(report, number)
    assert status in row and TODAY.isoformat() in row and comment in row


def test_the_guides_complete_file_is_valid_and_seen_on_both_pages(tmp_path: Path) -> None:
    """The complete uppfoljning.yml the guide shows passes the check; its report and value reach both pages."""
    example = re.search(r"```yaml\n(.*?)```", _guide(), re.DOTALL)
    assert example, "guiden visar ingen komplett uppfoljning.yml"
    data = _copy(tmp_path)
    (data / "planer" / PLAN / "uppfoljning.yml").write_text(example.group(1), encoding="utf-8")
    model = _model(data)
    shown, report = _pages(model, "webbtillganglighet")
    assert f"Aktuell status: **pågår**, rapporterad {TODAY.isoformat()} av Sara Holst" in shown
    assert "Mallkraven är skickade på remiss." in _row(report, "9.2.13")
    assert "8 av 10 upphandlingar (2026-11-29)" in report


def test_the_guides_example_address_is_a_page_of_the_real_site() -> None:
    """Every concrete local address the guide gives (http://127.0.0.1:8000/…/) is a page the site generates."""
    addresses = re.findall(r"http://127\.0\.0\.1:8000/([^<>`\s]+)/", _guide())
    assert addresses, "guiden ger ingen adress att öppna"
    generated = {page.path for page in generated_pages(_model(ROOT / "data"))}
    assert [a for a in addresses if f"{a}.md" not in generated] == []
