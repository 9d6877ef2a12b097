"""The preview's rebuilds (`mkdocs serve`) give, byte for byte, the site a full build gives.

The real data and pages are built as the preview server builds them (the memory between builds
on, `tests/preview_chain.py`), then edited step by step as an editor would (a person renamed,
an activity's planned end moved, an activity removed, a procurement need added, a heading of a
market analysis in the guidance library changed) and rebuilt
after each step. Every file of each rebuilt site is compared with a full `mkdocs build` of the
same data, the export step's files under nedladdning/ included (the tables a reused page offers
for download must be written as in a full build).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from macros.adapter import incremental
from macros.exports.dataset import DOWNLOAD_DIR
from macros.loading.loader import load
from macros.model.base import Record
from macros.model.catalog import Municipality
from tests.gitrepo import Repo
from tests.sitebuild import ROOT, build, write_config

pytestmark = pytest.mark.build

TODAY = "2025-06-01"

Step = dict[str, str]
"""Files and their new text."""


def documents_paths(project: Path) -> list[Path]:
    """The project's data files."""
    return sorted((project / "data").rglob("*.yml"))


def _documents(project: Path) -> dict[str, Any]:
    """Every data file of the project, parsed, by path (edits are made on these, then written)."""
    return {str(path): yaml.safe_load(path.read_text(encoding="utf-8")) for path in documents_paths(project)}


def _model(project: Path) -> Municipality:
    """The project's data, loaded and checked; the steps must leave it without errors."""
    result = load(project / "data", today=dt.date.fromisoformat(TODAY))
    errors = [f.format() for f in result.findings if f.severity.name == "ERROR"]
    assert result.model is not None and not errors, "\n".join(errors)
    return result.model


def _at(project: Path, documents: dict[str, Any], record: Record) -> tuple[str, Any, list[str | int]]:
    """The data file of a record, the parsed value holding it, and its key path inside that file."""
    file, path = record.origin
    name = str(project / file)
    return name, documents[name], list(path)


def _follow(value: Any, path: list[str | int]) -> Any:
    for part in path:
        value = value[part]
    return value


Change = Callable[[Path, dict[str, Any], Municipality], list[str]]
"""Changes the parsed data of a project and returns the files it changed."""


def _edit(project: Path, change: Change) -> Step:
    """Apply `change` to the parsed data and write the files it changed."""
    documents = _documents(project)
    changed = change(project, documents, _model(project))
    step = {name: yaml.safe_dump(documents[name], allow_unicode=True, sort_keys=False, width=100) for name in changed}
    for name, text in step.items():
        Path(name).write_text(text, encoding="utf-8")
    _model(project)
    return step


def _rename_person(project: Path, documents: dict[str, Any], model: Municipality) -> list[str]:
    """The category lead gets another name (it shows in the menu, every footer and many pages)."""
    plan = next(iter(model.plans.values()))
    name, document, path = _at(project, documents, model.person(plan.organisation.category_lead))
    _follow(document, path)["namn"] = "Ny Kategoriledare"
    return [name]


def _move_end(project: Path, documents: dict[str, Any], model: Municipality) -> list[str]:
    """An activity's planned end moves to another month."""
    plan = next(iter(model.plans.values()))
    activity = next(a for a in plan.activities if a.schedule.end is not None)
    name, document, path = _at(project, documents, activity)
    _follow(document, path)["tidplan"]["slut"] = "2027-11"
    return [name]


def _remove_activity(project: Path, documents: dict[str, Any], model: Municipality) -> list[str]:
    """The last activity that nothing else names (by id or section number) is removed; its page and
    its entry in the menu go with it."""
    plan = next(iter(model.plans.values()))
    texts = [p.read_text(encoding="utf-8") for p in (*(project / "content").rglob("*.md"), *documents_paths(project))]
    for activity in reversed(plan.activities):
        number = re.compile(rf"(?<![\w.-]){re.escape(activity.number)}(?![\w.-])")
        named = sum(text.count(activity.id) + len(number.findall(text)) for text in texts)
        if named > 2 or plan.dependents_of(activity.id):  # its own id and number only
            continue
        if plan.indicators_naming(activity.id) or plan.reports_of(activity.id):
            continue
        name, document, path = _at(project, documents, activity)
        del _follow(document, path[:-1])[path[-1]]
        return [name]
    raise AssertionError("ingen aktivitet kan tas bort utan att något annat pekar på den")


def _add_need(project: Path, documents: dict[str, Any], model: Municipality) -> list[str]:
    """A new procurement need, like the plan's last one, is added to the list."""
    plan = next(iter(model.plans.values()))
    last = plan.procurement_needs[-1]
    name, document, path = _at(project, documents, last)
    needs = _follow(document, path[:-1])
    needs.append({**needs[path[-1]], "id": "2026-nytt-behov-i-testet", "behov": "Nytt behov i testet"})
    return [name]


def _retitle_analysis_section(project: Path, documents: dict[str, Any], model: Municipality) -> list[str]:
    """A section of a market analysis in the guidance library (data/vagledning/) gets another heading."""
    section = model.guidance.analyses[0].sections[0]
    name, document, path = _at(project, documents, section)
    _follow(document, path)["rubrik"] = "Ny rubrik i testet"
    return [name]


EDITS = {
    "en person byter namn": _rename_person,
    "en aktivitets slut flyttas": _move_end,
    "en aktivitet tas bort": _remove_activity,
    "ett upphandlingsbehov läggs till": _add_need,
    "ett avsnitt i en marknadsanalys får ny rubrik": _retitle_analysis_section,
}

ONE_FIELD = frozenset(
    {"en person byter namn", "en aktivitets slut flyttas", "ett avsnitt i en marknadsanalys får ny rubrik"}
)
"""Edits of one field of one record: most pages do not read it, so most pages' macros are reused.
(A removed activity changes the plan's list of activities, which most pages read.)"""


GUIDANCE = frozenset({"ett avsnitt i en marknadsanalys får ny rubrik"})
"""Edits of the guidance library: only the pages that show the edited text run their macros again."""


def _differences(built: Path, expected: Path) -> list[str]:
    """Files that differ between two built sites, or exist in only one."""
    ours = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    theirs = {p.relative_to(expected).as_posix() for p in expected.rglob("*") if p.is_file()}
    different = sorted(ours ^ theirs)
    different += sorted(n for n in ours & theirs if (built / n).read_bytes() != (expected / n).read_bytes())
    return different


def _exported(site: Path) -> set[str]:
    """The files the export step wrote into a built site."""
    return {p.relative_to(site).as_posix() for p in (site / DOWNLOAD_DIR).rglob("*") if p.is_file()}


def _project(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the real data and pages with its configuration: (project folder, mkdocs.yml)."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "content", project / "content")
    return project, write_config(project, data=project / "data", content=project / "content", nav=True)


def _checked_chain(tmp_path: Path, project: Path, config: Path, edits: dict[str, Change]) -> list[dict[str, Any]]:
    """Build as the preview does, then rebuild after each edit; each rebuilt site must be, byte for byte and
    exported files included, the site a full build of the same data gives. What each rebuild reused."""
    originals = {str(p): p.read_text(encoding="utf-8") for p in (project / "data").rglob("*.yml")}
    steps = [_edit(project, change) for change in edits.values()]
    states, done = [], dict(originals)
    for step in steps:
        done.update(step)
        states.append(dict(done))
    for name, text in originals.items():
        Path(name).write_text(text, encoding="utf-8")
    (tmp_path / "steps.json").write_text(json.dumps(steps), encoding="utf-8")
    env = {**os.environ, "KATEGORIPLAN_IDAG": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    chain = subprocess.run(
        [sys.executable, "-m", "tests.preview_chain", str(config), str(tmp_path / "steps.json"), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=900,
        check=False,
    )
    assert chain.returncode == 0, chain.stdout[-3000:] + chain.stderr[-3000:]
    reuses = []
    for number, (edit, state) in enumerate(zip(edits, states, strict=True), start=1):
        for name, text in state.items():
            Path(name).write_text(text, encoding="utf-8")
        full = build(config, today=TODAY)
        assert full.returncode == 0, full.stdout[-2000:] + full.stderr[-2000:]
        exported = _exported(project / "site")
        assert any(name.endswith(".xlsx") for name in exported) and any(name.endswith(".ics") for name in exported)
        assert _exported(tmp_path / str(number)) == exported, edit
        assert _differences(tmp_path / str(number), project / "site") == [], edit
        reused = json.loads((tmp_path / f"{number}.json").read_text(encoding="utf-8"))
        assert not reused["full"], (edit, reused)
        reuses.append({**reused, "exported": len(exported)})
    return reuses


def test_preview_rebuilds_equal_full_builds(tmp_path: Path) -> None:
    """After each edit, the preview's rebuild is byte for byte the site a full build of the same data gives,
    exported files included, and it reused the macros of the pages the edit cannot affect (most pages, for
    an edit of one field; all but the page that shows it, for an edit of the guidance library), offering
    their tables for download again, and took most exported files from the previous build."""
    project, config = _project(tmp_path)
    for edit, reused in zip(EDITS, _checked_chain(tmp_path, project, config, EDITS), strict=True):
        assert reused["makron"] > (reused["pages"] / 2 if edit in ONE_FIELD else 0), (edit, reused)
        assert reused["tabeller"] > 0 or edit not in ONE_FIELD, (edit, reused)
        assert reused["exportfiler"] > reused["exported"] / 2, (edit, reused)
        if edit in GUIDANCE:
            assert reused["pages"] - reused["makron"] <= 2, (edit, reused)


def test_first_saves_in_a_git_checkout_redo_only_what_shows_uncommitted_files(tmp_path: Path) -> None:
    """In a git checkout the first save of a data file makes it uncommitted, which the whole plan's printed
    line, the change history, the follow-up reports and the files stating the data's version show: the
    rebuild is still the full build's site, the pages with a record's history but no list of uncommitted
    files keep their macros' Markdown, and the tables keep their files (created at the last commit)."""
    project, config = _project(tmp_path)
    Repo(project, data=None).commit("Planen läggs in")
    edits = {"en aktivitets slut flyttas": _move_end, "en person byter namn": _rename_person}
    for edit, reused in zip(edits, _checked_chain(tmp_path, project, config, edits), strict=True):
        assert reused["makron"] > reused["pages"] * 2 / 3, (edit, reused)
        assert reused["exportfiler"] > reused["exported"] / 2, (edit, reused)


def test_first_rebuild_of_serve_with_a_relative_config_path_is_not_a_full_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs serve -f mkdocs.yml` names the file relatively for its first build and absolutely for the
    rebuilds; both name the same configuration, so the first save does not start the site over."""
    (tmp_path / "mkdocs.yml").write_text("site_name: Prov\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def environment(config_file: str) -> tuple[object, ...]:
        config = SimpleNamespace(
            config_file_path=config_file, docs_dir="content", theme=SimpleNamespace(custom_dir=None)
        )
        return incremental._environment(config, tmp_path / "data", dt.date(2025, 6, 1))

    assert environment("mkdocs.yml") == environment(str(tmp_path / "mkdocs.yml"))
    assert environment("mkdocs.yml") != environment(str(tmp_path / "annan.yml"))
