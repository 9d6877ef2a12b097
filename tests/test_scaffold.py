"""Scaffolds (`python -m macros ny …`): valid skeletons with the next free number and a stable id,
written without changing the rest of the file, that pass the check and appear on the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.loading.pages import page_files
from macros.render.context import Site
from macros.scaffold.plan import STANDARD_PAGES, new_plan
from macros.scaffold.records import new_activity, new_need, new_person, slug
from macros.scaffold.text import ScaffoldError
from macros.validation.findings import Severity
from macros.validation.pages import check_content
from macros.validation.placeholders import MESSAGE
from tests.conftest import TODAY, DataCopy
from tests.sitebuild import FIXED_TODAY, FIXTURE_CONTENT, ROOT, build, write_config

ACTIVITIES = "planer/exempel/aktiviteter.yml"


def _errors(data: DataCopy) -> list[str]:
    """The errors the check finds in the copy."""
    return [f.format() for f in data.load().findings if f.severity is Severity.ERROR]


def _without(new: str, line: int, count: int) -> str:
    """`new` without `count` lines from line `line` (1-based)."""
    lines = new.splitlines(keepends=True)
    return "".join(lines[: line - 1] + lines[line - 1 + count :])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Inför e-arkiv för äldre system", "infor-e-arkiv-for-aldre-system"),
        ("Ö-vägen: 2 × AV/IT!", "o-vagen-2-av-it"),
        ("Åsa Öberg", "asa-oberg"),
    ],
)
def test_ids_are_made_from_names(name: str, expected: str) -> None:
    """An id is the name in lower-case a–z, digits and single hyphens, å ä ö folded."""
    assert slug(name) == expected


def test_long_names_give_ids_cut_at_a_word() -> None:
    """A long name gives an id of at most 60 characters that ends with a whole word."""
    made = slug("Utred om inköp av datorer kan centraliseras och ägas av digitaliseringsavdelningen och hyras ut")
    assert len(made) <= 60 and made == "utred-om-inkop-av-datorer-kan-centraliseras-och-agas-av"


def test_new_activity_is_added_after_the_last_and_nothing_else_changes(data: DataCopy) -> None:
    """The new activity is the last of 9.2; the file without its lines is the file as it was."""
    before = data.path(ACTIVITIES).read_text(encoding="utf-8")
    added = new_activity(data.root, "exempel", "Inför e-arkiv")
    after = data.path(ACTIVITIES).read_text(encoding="utf-8")
    block = len(after.splitlines()) - len(before.splitlines())
    assert _without(after, added.line, block) == before
    assert after.splitlines()[added.line - 1].strip() == "- id: infor-e-arkiv"


def test_new_activity_gets_the_next_number_and_passes_the_check(data: DataCopy) -> None:
    """The activity has the number after the highest, passes the check, and its placeholders are warnings."""
    new_activity(data.root, "exempel", "Inför e-arkiv")
    result = data.load()
    assert result.ok, _errors(data)
    assert result.model is not None
    activity = result.model.plan("exempel").activities[-1]
    assert (activity.id, activity.number) == ("infor-e-arkiv", "9.2.3")
    assert any(f.message == MESSAGE and f.file.endswith(ACTIVITIES) for f in result.findings)


def test_a_taken_id_gets_a_number(data: DataCopy) -> None:
    """Two activities with the same name get two ids; the first id never changes."""
    first = new_activity(data.root, "exempel", "Samma namn")
    second = new_activity(data.root, "exempel", "Samma namn")
    assert "(id samma-namn)" in first.what and "(id samma-namn-2)" in second.what
    assert not _errors(data)


def test_new_activity_serves_the_strategy_asked_for(data: DataCopy) -> None:
    """--strategi names the strategy the activity serves; an unknown one is refused with the known ones."""
    new_activity(data.root, "exempel", "Ny", strategy="digitalisera")
    model = data.load().model
    assert model is not None and model.plan("exempel").activities[-1].contributions[0].strategy == "digitalisera"
    with pytest.raises(ScaffoldError, match="strategin 'finns-inte' finns inte i planen"):
        new_activity(data.root, "exempel", "Ny", strategy="finns-inte")


def test_a_file_with_errors_is_not_added_to(data: DataCopy) -> None:
    """A data file the check refuses is left alone, with the check's message."""
    data.append(ACTIVITIES, "\tfel: 1\n")
    before = data.path(ACTIVITIES).read_bytes()
    with pytest.raises(ScaffoldError, match="rätta först felet"):
        new_activity(data.root, "exempel", "Ny")
    assert data.path(ACTIVITIES).read_bytes() == before


def test_new_need_goes_after_its_years_list(data: DataCopy) -> None:
    """A need for 2024 goes after the last need on 2024's list and passes the check."""
    added = new_need(data.root, "exempel", "Skrivare", subcategory="hardvara", year=2024, contract_end="Snarast")
    assert not _errors(data)
    model = data.load().model
    assert model is not None
    years = [need.list_year for need in model.plan("exempel").procurement_needs]
    assert years == sorted(years) and "skrivare" in {need.id for need in model.plan("exempel").procurement_needs}
    assert added.page == "exempel/upphandlingsbehov.md"


def test_new_need_refuses_an_unknown_subcategory_and_a_wrong_date(data: DataCopy) -> None:
    """Only the plan's underkategorier and dates ÅÅÅÅ-MM-DD or Snarast are accepted."""
    with pytest.raises(ScaffoldError, match="underkategorin 'x' finns inte"):
        new_need(data.root, "exempel", "Skrivare", subcategory="x", year=2024)
    with pytest.raises(ScaffoldError, match="ÅÅÅÅ-MM-DD eller Snarast"):
        new_need(data.root, "exempel", "Skrivare", subcategory="hardvara", year=2024, contract_end="snart")


def test_new_person_passes_the_check(data: DataCopy) -> None:
    """A person is added last with an id from the name and gets a person page."""
    added = new_person(data.root, "Åsa Öberg", title="IT-strateg")
    assert not _errors(data)
    model = data.load().model
    assert model is not None and model.person("asa-oberg").title == "IT-strateg"
    assert added.page == "ansvar/asa-oberg.md"


def test_text_that_yaml_could_misread_is_quoted(data: DataCopy) -> None:
    """Names like no, 2024 or "a: b" are written so that every reader reads them as the text given."""
    for name in ("no", "2024", "a: b", "# inte en kommentar", "'citat'"):
        new_person(data.root, name, identifier=f"p{abs(hash(name)) % 10_000}")
    model = data.load().model
    assert model is not None
    assert {"no", "2024", "a: b", "# inte en kommentar", "'citat'"} <= {p.name for p in model.people}


@pytest.fixture
def fordon(data: DataCopy, tmp_path: Path) -> Path:
    """A new plan made with `ny plan` beside the fixture's plans; its pages folder."""
    content = tmp_path / "content"
    content.mkdir()
    new_plan(
        data.root,
        content,
        "fordon",
        name="Kategoriplan Fordon",
        category="Fordon & transporter",
        lead="anna-ek",
        sponsor="bo-lind",
        start="2025-01",
    )
    return content


def test_new_plan_passes_the_check(data: DataCopy, fordon: Path) -> None:
    """The new plan's data and every page pass the check (macro calls rendered), with placeholders as warnings."""
    result = data.load()
    assert result.ok and result.model is not None, _errors(data)
    site = Site(model=result.model, today=TODAY)
    findings = check_content(fordon, site=site)
    assert not [f.format() for f in findings if f.severity is Severity.ERROR]
    assert any(f.message == MESSAGE for f in findings)


def test_new_plan_has_every_standard_page(fordon: Path) -> None:
    """Every standard page is written, with the plan's id in every macro call."""
    written = {page.relative_to(fordon / "fordon").as_posix() for page in page_files(fordon / "fordon")}
    assert written == {page.path for page in STANDARD_PAGES}
    assert all(
        'plan="fordon"' in page.read_text(encoding="utf-8") for page in page_files(fordon) if "{{" in page.read_text()
    )


def test_new_plan_refuses_to_overwrite_and_unknown_people(data: DataCopy, fordon: Path) -> None:
    """An existing plan is never overwritten; the category lead must be a person in the data."""
    with pytest.raises(ScaffoldError, match="finns redan"):
        new_plan(
            data.root, fordon, "fordon", name="X", category="X", lead="anna-ek", sponsor="bo-lind", start="2025-01"
        )
    with pytest.raises(ScaffoldError, match="kategoriledaren 'ingen' finns inte"):
        new_plan(data.root, fordon, "annan", name="X", category="X", lead="ingen", sponsor="bo-lind", start="2025-01")


def test_new_activity_in_a_new_plan(data: DataCopy, fordon: Path) -> None:
    """A new plan's empty list takes its first activity once the plan has an effektmål to serve."""
    with pytest.raises(ScaffoldError, match="varken strategier eller effektmål"):
        new_activity(data.root, "fordon", "Första")
    data.replace(
        "planer/fordon/effektmal.yml",
        "effektmål: []\n",
        'effektmål:  # 4.1\n  - id: mal\n    nummer: "4.1.1"\n    namn: Mål\n    syfte: Syfte.\n',
    )
    new_activity(data.root, "fordon", "Första")
    model = data.load().model
    assert model is not None and model.plan("fordon").activities[0].number == "9.2.1"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m macros` from the project."""
    env = {**os.environ, "KATEGORIPLAN_IDAG": FIXED_TODAY}
    return subprocess.run(
        [sys.executable, "-m", "macros", *args], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )


def test_cli_says_where_the_record_is_and_checks(data: DataCopy) -> None:
    """`ny aktivitet` prints file:line, the page's address and the check's counts, and exits 0."""
    done = _cli("ny", "aktivitet", "--data", str(data.root), "--plan", "exempel", "--namn", "Inför e-arkiv")
    assert done.returncode == 0, done.stderr
    line = data.line_of(ACTIVITIES, "- id: infor-e-arkiv")
    assert f"aktiviteter.yml:{line}: lade till aktivitet 9.2.3 ”Inför e-arkiv” (id infor-e-arkiv)" in done.stdout
    assert "http://127.0.0.1:8000/exempel/aktiviteter/infor-e-arkiv/" in done.stdout
    assert "Kontroll av data/: 0 fel" in done.stdout


def test_cli_refuses_in_swedish(data: DataCopy) -> None:
    """An unknown plan is a Swedish error naming the plans, exit 1; a missing option is a usage error, exit 2."""
    done = _cli("ny", "aktivitet", "--data", str(data.root), "--plan", "saknas", "--namn", "X")
    assert done.returncode == 1 and "fel: planen 'saknas' finns inte (finns: exempel, liten)" in done.stderr
    done = _cli("ny", "aktivitet", "--data", str(data.root), "--plan", "exempel")
    assert done.returncode == 2 and "fel användning" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.build
def test_scaffolded_records_and_plan_appear_on_the_site(data: DataCopy, tmp_path: Path) -> None:
    """After ny aktivitet, upphandlingsbehov, person and plan the site builds strictly and shows each."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "redaktorer").mkdir(exist_ok=True)  # Kända brister links to the editors' page of the check's warnings
    (content / "redaktorer" / "varningar.md").write_text("# Datakontrollens varningar\n", encoding="utf-8")
    new_activity(data.root, "exempel", "Inför e-arkiv")
    new_need(data.root, "exempel", "Skrivare", subcategory="hardvara", year=2024)
    new_person(data.root, "Åsa Öberg")
    new_plan(
        data.root,
        content,
        "fordon",
        name="Kategoriplan Fordon",
        category="Fordon",
        lead="anna-ek",
        sponsor="bo-lind",
        start="2025-01",
    )
    project = tmp_path / "project"
    project.mkdir()
    done = build(write_config(project, data=data.root, content=content))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    site = project / "site"
    assert "Inför e-arkiv" in (site / "exempel" / "aktiviteter" / "infor-e-arkiv" / "index.html").read_text("utf-8")
    assert "Skrivare" in (site / "exempel" / "index.html").read_text("utf-8")
    assert "Åsa Öberg" in (site / "ansvar" / "asa-oberg" / "index.html").read_text("utf-8")
    assert "Kategoriplan Fordon" in (site / "fordon" / "index.html").read_text("utf-8")
