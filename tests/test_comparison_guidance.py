"""The comparison engine and the guidance library: the national inriktningsmål are records (also
when older data kept them in styrning.yml), a plan's self-assessments and filled checklists are
records, and the texts of the published guidance documents are deliberately not compared."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from macros.comparison import ADDED, CHANGED, REMOVED, Change, Snapshot, compare, compare_snapshots, describe
from macros.loading.git import Git
from macros.loading.history import read_history
from macros.loading.loader import load
from macros.loading.revisions import KNOWN_SHARED, data_changes, validated
from macros.loading.versions import NOT_PLAN_CONTENT
from macros.model.catalog import Municipality
from macros.model.history import History
from tests.gitrepo import Repo
from tests.views_data import GUIDANCE, TODAY, assemble


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The fixture data with the plan "vyer" (two self-assessments, a filled checklist) and the real guidance."""
    return assemble(tmp_path / "data")


def _load(folder: Path) -> Municipality:
    result = load(folder, today=TODAY)
    assert result.model is not None, [f.format() for f in result.findings]
    return result.model


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_guidance_texts_are_not_compared(folder: Path) -> None:
    """A changed text of Dalamodellen, SKR's guidance or a market analysis is no change of the data's records."""
    before = _load(folder)
    for name in ("dalamodellen.yml", "upphandlingsvagledningar.yml", "marknadsanalyser.yml"):
        path = folder / "vagledning" / name
        text = path.read_text(encoding="utf-8")
        assert " upphandling " in text, name
        path.write_text(text.replace(" upphandling ", " UPPHANDLING "), encoding="utf-8")
    assert compare(before, _load(folder)) == []


def test_a_national_goal_is_a_shared_record(folder: Path) -> None:
    """A changed inriktningsmål in the guidance library is one change of a shared record, named by number."""
    before = _load(folder)
    _replace(folder / "vagledning" / "nationella-upphandlingsstrategin.yml", "Effektiva offentliga inköp.", "Ändrat.")
    changes = compare(before, _load(folder))
    assert [(c.plan, c.kind, c.record, c.change) for c in changes] == [
        (None, "nationellt mål", "effektiva-inkop", CHANGED)
    ]
    assert describe(changes[0]).startswith("Nationellt mål 2 Ändrat.")


def test_self_assessments_and_checklists_are_records(folder: Path) -> None:
    """Comparing with nothing lists each self-assessment by id and each filled checklist by need and guide."""
    added = {(c.plan, c.kind, c.record) for c in compare(None, _load(folder)) if c.change == ADDED}
    assert {("vyer", "självskattning", "hosten-2023"), ("vyer", "självskattning", "varen-2024")} <= added
    assert ("vyer", "ifylld checklista", "rpa/skr-verksamhetssystem-socialtjansten") in added


def test_a_changed_checklist_answer_is_one_change(folder: Path) -> None:
    """A changed answer is one change of the filled checklist, labelled with the need and the question."""
    before = _load(folder)
    _replace(
        folder / "planer" / "vyer" / "checklistor.yml",
        "fråga: nyttoanalys\n        svar: nej",
        "fråga: nyttoanalys\n        svar: ja",
    )
    changes = compare(before, _load(folder))
    assert len(changes) == 1
    assert changes[0].kind == "ifylld checklista" and "fråga nyttoanalys" in (changes[0].field or "")


def test_national_goals_of_former_styrning_match_the_guidance(folder: Path) -> None:
    """Older data with the national goals in styrning.yml is readable, and the move to the guidance
    library changes those goals (their new fields) instead of removing and adding them."""
    model = _load(folder)
    raw = yaml.safe_load((folder / "kommun" / "styrning.yml").read_text(encoding="utf-8"))
    raw["nationella_mål"] = [
        {"id": g.id, "nummer": g.number, "namn": str(g.name)} for g in model.guidance.national_goals
    ]
    former = validated(yaml.safe_dump(raw, allow_unicode=True).encode(), KNOWN_SHARED["styrning.yml"], "styrning")
    assert former is not None
    now = Snapshot.of(model)
    old = Snapshot({**now.shared, "styrning.yml": former}, now.plans)
    changes = [c for c in compare_snapshots(old, now) if c.kind == "nationellt mål"]
    assert {c.record for c in changes} == {g.id for g in model.guidance.national_goals}
    assert all(c.change not in (ADDED, REMOVED) or c.field for c in changes)


FORMER_GOALS = """nationella_mål:
  - id: effektiva-inkop
    nummer: 2
    namn: Effektiva offentliga inköp.
  - id: innovationer
    nummer: 5
    namn: En offentlig upphandling som främjar innovationer och alternativa lösningar.
"""


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> History:
    """Four commits: national goals in styrning.yml, their move to the guidance library, a changed
    inriktningsmål and a changed text of Dalamodellen."""
    repo = Repo(tmp_path_factory.mktemp("vagledning") / "forrad")
    repo.append("kommun/styrning.yml", FORMER_GOALS)
    repo.commit("Nationella mål i styrning.yml", when="2024-01-10T09:00:00+01:00")
    repo.replace("kommun/styrning.yml", FORMER_GOALS, "")
    shutil.copytree(GUIDANCE, repo.data / "vagledning")
    repo.commit("Målen flyttas till vägledningsbiblioteket", when="2024-02-01T09:00:00+01:00")
    repo.replace("vagledning/nationella-upphandlingsstrategin.yml", "Effektiva offentliga inköp.", "Effektiva inköp.")
    repo.commit("Inriktningsmål 2 ändras", when="2024-03-01T09:00:00+01:00")
    repo.replace(
        "vagledning/dalamodellen.yml", "  - id: styrning\n    namn: Styrning", "  - id: styrning\n    namn: STYRNING"
    )
    repo.commit("Dalamodellens text ändras", when="2024-04-01T09:00:00+01:00")
    base = read_history(repo.data, repo.root / "content")
    return replace(base, data_changes=data_changes(Git(repo.data), base.data_prefix, base.commits))


def _changes_of(history: History, subject: str) -> list[Change]:
    found = [item for item in history.data_changes if item.commit.subject == subject]
    assert len(found) == 1 and not found[0].unreadable, found
    return list(found[0].changes)


def test_moving_the_goals_keeps_their_records(moved: History) -> None:
    """In git, the move from styrning.yml to the guidance library neither removes nor adds the two goals."""
    assert not any(item.unreadable for item in moved.data_changes)
    changes = [c for c in _changes_of(moved, "Målen flyttas till vägledningsbiblioteket") if c.kind == "nationellt mål"]
    kept = {c.record for c in changes if c.field is not None}
    assert {"effektiva-inkop", "innovationer"} <= kept
    whole = {c.record for c in changes if c.field is None}
    assert not whole & {"effektiva-inkop", "innovationer"} and len(whole) == 8


def test_a_goal_changed_in_the_guidance_library_is_in_the_history(moved: History) -> None:
    """A changed inriktningsmål in vagledning/ is one change of the shared record."""
    changes = _changes_of(moved, "Inriktningsmål 2 ändras")
    assert [(c.plan, c.kind, c.record, c.change) for c in changes] == [
        (None, "nationellt mål", "effektiva-inkop", CHANGED)
    ]


def test_a_changed_guidance_text_changes_no_record(moved: History) -> None:
    """A commit that changes only Dalamodellen's text has no record changes."""
    assert _changes_of(moved, "Dalamodellens text ändras") == []


def test_assessments_and_checklists_are_not_decided_content() -> None:
    """A self-assessment or a filled checklist recorded after a decision does not change the decided plan."""
    assert {"självskattning", "ifylld checklista"} <= NOT_PLAN_CONTENT
