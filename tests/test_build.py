"""End-to-end builds of small fixture sites: what a build produces, and that invalid
data or a broken engine never becomes a site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DataCopy
from tests.sitebuild import FIXTURE_CONTENT, FIXTURE_DATA, ROOT, build, write_config

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data and pages built once into a temporary folder."""
    project = tmp_path_factory.mktemp("fixture-site")
    done = build(write_config(project, data=FIXTURE_DATA, content=FIXTURE_CONTENT))
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def test_activity_pages_are_generated(fixture_site: Path) -> None:
    """Every activity of every plan gets its own page, without files in content/."""
    for plan, activity in [("exempel", "e-tjanster"), ("exempel", "utbildning"), ("liten", "ramavtal")]:
        assert (fixture_site / plan / "aktiviteter" / activity / "index.html").is_file()


def test_pages_render_data(fixture_site: Path) -> None:
    """Macros put the data on the page: names, dates and the not-reported status."""
    html = (fixture_site / "exempel" / "index.html").read_text(encoding="utf-8")
    assert "Inför e-tjänster" in html and "Ärendehanteringssystem" in html and "2026-03-31" in html
    assert "ej rapporterad" in html


def test_site_is_swedish(fixture_site: Path) -> None:
    """The site declares Swedish and uses the Swedish search language."""
    html = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in html
    assert "fonts.googleapis.com" not in html


def test_invalid_data_fails_the_build(data: DataCopy, tmp_path: Path) -> None:
    """A data error stops the build with the Swedish finding and no traceback."""
    data.replace("planer/exempel/aktiviteter.yml", "    prioritet: 1\n", "    prioritet: 7\n")
    project = tmp_path / "project"
    project.mkdir()
    done = build(write_config(project, data=data.root, content=FIXTURE_CONTENT))
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "data/planer/exempel/aktiviteter.yml:21: fel: 'prioritet' ska vara högst 3, inte 7" in output
    assert "Traceback" not in output
    assert not (project / "site" / "index.html").exists()


def test_broken_reference_fails_the_build(data: DataCopy, tmp_path: Path) -> None:
    """A cross-check error (a reference to nothing) stops the build too."""
    data.replace("planer/exempel/strategier.yml", "effektmål: god-service", "effektmål: saknas")
    project = tmp_path / "project"
    project.mkdir()
    done = build(write_config(project, data=data.root, content=FIXTURE_CONTENT))
    assert done.returncode != 0
    assert "hänvisningen till effektmål 'saknas' leder ingenstans" in done.stdout + done.stderr


def test_broken_import_fails_the_build(tmp_path: Path) -> None:
    """A broken import inside macros/ fails the build instead of silently losing the macros."""
    engine = tmp_path / "macros"
    shutil.copytree(ROOT / "macros", engine, ignore=shutil.ignore_patterns("__pycache__"))
    module = engine / "render" / "procurement.py"
    module.write_text(module.read_text(encoding="utf-8") + "\nimport modul_som_inte_finns  # noqa\n", encoding="utf-8")
    done = build(write_config(tmp_path, data=FIXTURE_DATA, content=FIXTURE_CONTENT, engine=engine))
    assert done.returncode != 0
    assert "modul_som_inte_finns" in done.stdout + done.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_unknown_macro_argument_fails_the_build(tmp_path: Path) -> None:
    """A page calling a macro with an unknown id fails the build with the page named."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "fel.md").write_text(
        '# Fel\n\n{{ aktivitetssida(plan="exempel", aktivitet="finns-inte") }}\n', encoding="utf-8"
    )
    project = tmp_path / "project"
    project.mkdir()
    done = build(write_config(project, data=FIXTURE_DATA, content=content))
    assert done.returncode != 0
    assert "fel.md: fel i anropet aktivitetssida" in done.stdout + done.stderr


def test_the_change_history_comes_from_git(tmp_path: Path) -> None:
    """Built inside a git repository, the history page lists what each commit changed in the plan's records."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE_DATA, project / "data")
    shutil.copytree(FIXTURE_CONTENT, project / "content")
    (project / "content" / "exempel" / "andringshistorik.md").write_text(
        '# Ändringshistorik\n\n{{ andringshistorik(plan="exempel") }}\n', encoding="utf-8"
    )
    identity = ["-c", "user.name=Åsa Ek", "-c", "user.email=redaktor@example.org"]
    for command in (["init", "-q"], ["add", "data", "content"], [*identity, "commit", "-q", "-m", "Planen läggs in"]):
        subprocess.run(["git", "-C", str(project), *command], check=True, capture_output=True)
    done = build(write_config(project, data=project / "data", content=project / "content"))
    assert done.returncode == 0, done.stdout + done.stderr
    html = (project / "site" / "exempel" / "andringshistorik" / "index.html").read_text(encoding="utf-8")
    assert "Planen läggs in" in html and "Åsa Ek" in html
    assert re.search(r"Aktivitet 9\.2\.1 Inför e-tjänster</a></th>\s*<td>posten lades till</td>", html)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2024-13-45", "KATEGORIPLAN_IDAG: ogiltigt datum för idag: '2024-13-45' (skriv ÅÅÅÅ-MM-DD"),
        ("igår", "KATEGORIPLAN_IDAG: ogiltigt datum för idag: 'igår'"),
        ("9999-12-31", "KATEGORIPLAN_IDAG: datumet för idag, 9999-12-31, ligger utanför 1900-01-01–2199-12-31"),
    ],
)
def test_invalid_today_stops_the_build(tmp_path: Path, day: str, message: str) -> None:
    """A wrong KATEGORIPLAN_IDAG stops the build with a Swedish message, not a traceback."""
    project = tmp_path / "project"
    project.mkdir()
    done = build(write_config(project, data=FIXTURE_DATA, content=FIXTURE_CONTENT), today=day)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"fel: {message}" in output, output
    assert "Traceback" not in output


def test_a_generated_page_never_replaces_a_written_one(data: DataCopy, tmp_path: Path) -> None:
    """An activity whose page would take a written page's address is refused by the check and by the build."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    written = content / "exempel" / "aktiviteter" / "e-tjanster" / "index.md"
    written.parent.mkdir(parents=True, exist_ok=True)
    written.write_text("# En skriven sida\n", encoding="utf-8")
    line = data.line_of("planer/exempel/aktiviteter.yml", "id: e-tjanster")
    expected = (
        f"data/planer/exempel/aktiviteter.yml:{line}: fel: id:t ger sidan exempel/aktiviteter/e-tjanster.md, "
        "men den adressen har redan sidan exempel/aktiviteter/e-tjanster/index.md"
    )
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "macros",
            "check",
            "--data",
            str(data.root),
            "--innehall",
            str(content),
            "--idag",
            "2024-06-01",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert check.returncode == 1 and expected in check.stdout, check.stdout
    project = tmp_path / "project"
    project.mkdir()
    done = build(write_config(project, data=data.root, content=content))
    assert done.returncode != 0 and expected in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("link", ["hemligt.md", "assets/stil.css", "undermapp"])
def test_a_symbolic_link_in_the_pages_stops_check_and_build(tmp_path: Path, link: str) -> None:
    """A committed link in content/ (to a page, a file or a folder outside) is an error; nothing is published."""
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "hemlig.md").write_text("# Hemlig\n\nlösenord\n", encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    target = content / link
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(outside if link == "undermapp" else outside / "hemlig.md")
    expected = f"content/{link}: fel: är en symbolisk länk"
    check = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--data", str(FIXTURE_DATA), "--innehall", str(content)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert check.returncode == 1 and expected in check.stdout, check.stdout
    project = tmp_path / "project"
    project.mkdir()
    done = build(write_config(project, data=FIXTURE_DATA, content=content))
    assert done.returncode != 0 and expected in done.stdout + done.stderr
    assert not (project / "site").exists() or "lösenord" not in "".join(
        file.read_text(encoding="utf-8", errors="replace") for file in (project / "site").rglob("*") if file.is_file()
    )


NOTES = """redaktionella_noter:
  - id: maal
    avsnitt: "4.1.1"
    typ: oklart
    text: Målet är otydligt.
  - id: stavfel
    avsnitt: "4.9"
    typ: stavning
    text: Ett avsnitt som inte finns.
hänvisningar_till_styrdokument:
  - styrdokument: upphandlingspolicy
    avsnitt: ["7.7"]
"""


def test_a_note_on_a_section_the_site_does_not_show_stops_check_and_build(data: DataCopy, tmp_path: Path) -> None:
    """A note or citation whose section neither a page heading nor a record has is an error at its line, in check and build."""
    data.append("planer/exempel/plan.yml", NOTES)
    line = data.line_of("planer/exempel/plan.yml", 'avsnitt: "4.9"')
    expected = f"data/planer/exempel/plan.yml:{line}: fel: avsnitt 4.9 visas inte på webbplatsen"
    check = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--data", str(data.root), "--innehall", str(FIXTURE_CONTENT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert check.returncode == 1 and expected in check.stdout, check.stdout
    assert "fel: avsnitt 7.7 visas inte på webbplatsen" in check.stdout
    assert check.stdout.count("visas inte på webbplatsen") == 2, "4.1.1 är ett effektmål och ska godtas"
    project = tmp_path / "project"
    project.mkdir()
    done = build(write_config(project, data=data.root, content=FIXTURE_CONTENT))
    assert done.returncode != 0 and expected in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
