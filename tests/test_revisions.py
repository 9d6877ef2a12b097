"""The history record by record, from real git repositories with known histories: what each
commit changed, in Swedish, with renames (of a record, a person, a plan's folder), reordered
lists, a record removed and added again, a renumbered activity, shared data that several plans
use, data an older model wrote, and a warm cache that reads no data at all."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from macros.comparison import describe
from macros.loading.cache import Cache
from macros.loading.git import Git
from macros.loading.history import read_history
from macros.loading.revisions import SnapshotReader, data_changes
from macros.model.history import DataChange, History
from tests.gitrepo import Repo

ACTIVITIES = "planer/exempel/aktiviteter.yml"
UTBILDNING = """  - id: utbildning
    nummer: "9.2.2"
    namn: Utbilda beställare
    beskrivning: Utbildning.
    ansvar_text: Dataskyddsombud är ansvarig.
    ansvar:
      - roll: dataskyddsombud
        typ: ansvarig
    tidplan:
      text: genomförs efter e-tjänsterna
      efter: [e-tjanster]
    prioritet: 2
    bidrar_till:
      - effektmål: god-service
        grund: förslag
        motivering: Utbildning ger bättre service.
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """Seven commits: the data, a new timeline with reordered steps, a renamed and renumbered activity,
    the activity removed, added again, a person's new name, and a change of a page only."""
    repo = Repo(tmp_path_factory.mktemp("historik") / "forrad")
    repo.commit("Planens första data", when="2024-01-10T09:00:00+01:00")
    repo.replace(ACTIVITIES, "text: påbörjas 2023-Q4 – 2024 Q4", "text: under 2025")
    repo.replace(
        ACTIVITIES,
        "      - bokstav: a\n        text: Inventera\n      - bokstav: b\n        text: Upphandla\n",
        "      - bokstav: b\n        text: Upphandla\n      - bokstav: a\n        text: Inventera\n",
    )
    repo.commit("Tidplanen för e-tjänsterna flyttas till 2025", when="2024-02-01T10:00:00+01:00", who="Bo Lind")
    repo.replace(
        ACTIVITIES,
        'nummer: "9.2.2"\n    namn: Utbilda beställare',
        'nummer: "9.2.3"\n    namn: Utbilda alla beställare',
    )
    repo.commit("Utbildningen blir 9.2.3 och gäller alla beställare", when="2024-03-01T11:00:00+01:00")
    repo.replace(
        ACTIVITIES,
        UTBILDNING.replace('"9.2.2"', '"9.2.3"').replace("Utbilda beställare", "Utbilda alla beställare"),
        "",
    )
    repo.commit("Utbildningen stryks", when="2024-04-01T12:00:00+02:00")
    text = (repo.data / ACTIVITIES).read_text(encoding="utf-8")
    (repo.data / ACTIVITIES).write_text(
        text.replace("aktiviteter:\n", "aktiviteter:\n" + UTBILDNING, 1), encoding="utf-8"
    )
    repo.commit("Utbildningen tas med igen", when="2024-05-01T12:00:00+02:00")
    repo.replace("kommun/personer.yml", "namn: Anna Ek", "namn: Anna Ekström")
    repo.commit("Anna Ek heter nu Anna Ekström", when="2024-06-01T08:00:00+02:00", who="Cecilia Ros")
    repo.write("content/exempel/index.md", "# Exempel\n")
    repo.commit("Ny startsida", when="2024-06-02T08:00:00+02:00")
    return repo


@pytest.fixture(scope="module")
def history(repo: Repo, tmp_path_factory: pytest.TempPathFactory) -> History:
    """The repository's history with the changes of every data commit."""
    base = read_history(repo.data, repo.root / "content")
    cache = Cache(tmp_path_factory.mktemp("cache"))
    changes = data_changes(Git(repo.data), base.data_prefix, base.commits, cache)
    return replace(base, data_changes=changes)


def _described(history: History, subject: str) -> list[str]:
    """The changes of the commit with this message, as sentences."""
    found: list[DataChange] = [item for item in history.data_changes if item.commit.subject == subject]
    assert len(found) == 1, [item.commit.subject for item in history.data_changes]
    return [describe(change) for change in found[0].changes]


def test_every_data_commit_is_compared_and_page_commits_are_not(history: History) -> None:
    """Each commit that touched data/ has its changes, newest first; a commit of pages only has none."""
    assert [item.commit.subject for item in history.data_changes] == [
        "Anna Ek heter nu Anna Ekström",
        "Utbildningen tas med igen",
        "Utbildningen stryks",
        "Utbildningen blir 9.2.3 och gäller alla beställare",
        "Tidplanen för e-tjänsterna flyttas till 2025",
        "Planens första data",
    ]
    assert [c.subject for c in history.without_record_changes("exempel")] == ["Ny startsida"]


def test_the_first_commit_adds_every_record(history: History) -> None:
    """The first data commit adds each record once, and changes no field."""
    first = next(item for item in history.data_changes if item.commit.subject == "Planens första data")
    assert {c.change for c in first.changes} == {"tillagd"} and all(c.field is None for c in first.changes)
    assert "Aktivitet 9.2.1 Inför e-tjänster lades till" in [describe(c) for c in first.changes]


def test_a_new_timeline_with_reordered_steps(history: History) -> None:
    """The timeline's new text is the only change: moving the steps is none."""
    assert _described(history, "Tidplanen för e-tjänsterna flyttas till 2025") == [
        "Aktivitet 9.2.1 Inför e-tjänster – Tidplan: 'påbörjas 2023-Q4 – 2024 Q4' → 'under 2025'"
    ]


def test_a_renamed_and_renumbered_activity(history: History) -> None:
    """Renumbering and renaming keep the activity: one renumbering and one changed heading."""
    assert _described(history, "Utbildningen blir 9.2.3 och gäller alla beställare") == [
        "Aktivitet 9.2.3 Utbilda alla beställare numrerades om: 9.2.2 → 9.2.3",
        "Aktivitet 9.2.3 Utbilda alla beställare – Rubrik: 'Utbilda beställare' → 'Utbilda alla beställare'",
    ]


def test_a_record_removed_and_added_again(history: History) -> None:
    """The removed activity is removed under its last name, and added again as it came back."""
    assert _described(history, "Utbildningen stryks") == ["Aktivitet 9.2.3 Utbilda alla beställare togs bort"]
    assert _described(history, "Utbildningen tas med igen") == ["Aktivitet 9.2.2 Utbilda beställare lades till"]


def test_a_records_own_history_spans_its_removal(history: History) -> None:
    """The activity's history holds every change, newest first, also across its removal."""
    changes = history.of_record("exempel", "aktivitet", "utbildning")
    assert [(commit.author, change.change) for commit, change in changes] == [
        ("Åsa Ek", "tillagd"),
        ("Åsa Ek", "borttagen"),
        ("Åsa Ek", "omnumrerad"),
        ("Åsa Ek", "ändrad"),
        ("Åsa Ek", "tillagd"),
    ]
    last = history.last_change("exempel", "aktivitet", "e-tjanster")
    assert last is not None and (last.author, last.made.date().isoformat()) == ("Bo Lind", "2024-02-01")


def test_a_shared_change_reaches_every_plan(history: History) -> None:
    """A person's new name is one shared change, listed in the history of both plans."""
    assert _described(history, "Anna Ek heter nu Anna Ekström") == [
        "Person Anna Ekström – Namn: 'Anna Ek' → 'Anna Ekström'"
    ]
    for plan in ("exempel", "liten"):
        shared = [c for commit, c in history.content_changes(plan) if commit.subject == "Anna Ek heter nu Anna Ekström"]
        assert [(c.plan, c.record) for c in shared] == [(None, "anna-ek")]


def test_a_plan_folder_renamed_in_git(tmp_path: Path) -> None:
    """A plan whose folder is renamed (git mv) is one plan that moved, not one removed and one added;
    its records say which plan they moved between even though both have the same name."""
    repo = Repo(tmp_path / "forrad")
    repo.commit("Planens data")
    repo.git("mv", "data/planer/liten", "data/planer/mini")
    repo.commit("Planen Liten får id:t mini", when="2024-02-01T10:00:00+01:00")
    base = read_history(repo.data, repo.root / "content")
    newest = data_changes(Git(repo.data), base.data_prefix, base.commits, Cache(None))[0]
    described = [describe(c) for c in newest.changes]
    assert described[0] == "Planen Kategoriplan Liten flyttades från data/planer/liten/ till data/planer/mini/"
    assert (
        "Aktivitet 9.2.1 Ramavtal för konsulter flyttades från Kategoriplan Liten (liten) till "
        "Kategoriplan Liten (mini)" in described
    )
    assert {c.change for c in newest.changes} == {"flyttad"} and {c.plan for c in newest.changes} == {"mini"}


def test_a_records_history_follows_it_to_another_plan(tmp_path: Path) -> None:
    """After a move to another plan (here: its plan's folder renamed), a record's own history still holds
    what happened to it before, in the plan it came from; so does the moved plan's."""
    repo = Repo(tmp_path / "forrad")
    repo.commit("Planens data")
    repo.replace("planer/liten/aktiviteter.yml", "prioritet: 3", "prioritet: 2")
    repo.commit("Högre prioritet", when="2024-01-20T10:00:00+01:00")
    repo.git("mv", "data/planer/liten", "data/planer/mini")
    repo.commit("Planen Liten får id:t mini", when="2024-02-01T10:00:00+01:00")
    base = read_history(repo.data, repo.root / "content")
    history = replace(base, data_changes=data_changes(Git(repo.data), base.data_prefix, base.commits, Cache(None)))
    activity = [
        (commit.subject, change.change) for commit, change in history.of_record("mini", "aktivitet", "ramavtal")
    ]
    assert activity == [
        ("Planen Liten får id:t mini", "flyttad"),
        ("Högre prioritet", "ändrad"),
        ("Planens data", "tillagd"),
    ]
    plan = [(commit.subject, change.change) for commit, change in history.of_record("mini", "plan", "mini")]
    assert plan == [("Planen Liten får id:t mini", "flyttad"), ("Planens data", "tillagd")]


def test_a_warm_cache_reads_no_data(repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every comparison cached, building the history again validates no data file and asks git for no
    commit's data folder."""
    base = read_history(repo.data, repo.root / "content")
    cache = Cache(tmp_path)
    cold = SnapshotReader(Git(repo.data))
    first = data_changes(Git(repo.data), base.data_prefix, base.commits, cache, cold)
    asked: list[list[str]] = []
    objects = Git.objects

    def noted(git: Git, names: list[str]) -> list[tuple[str, str] | None]:
        asked.append(names)
        return objects(git, names)

    monkeypatch.setattr(Git, "objects", noted)
    warm = SnapshotReader(Git(repo.data))
    second = data_changes(Git(repo.data), base.data_prefix, base.commits, cache, warm)
    assert cold.files_read > 0 and warm.files_read == 0 and asked == []
    assert second == first


def test_consecutive_commits_share_validated_files(repo: Repo) -> None:
    """Each version of each file is validated once, however many commits contain it."""
    base = read_history(repo.data, repo.root / "content")
    reader = SnapshotReader(Git(repo.data))
    data_changes(Git(repo.data), base.data_prefix, base.commits, Cache(None), reader)
    files = len(list(repo.data.rglob("*.yml")))
    assert reader.files_read == files + 5  # the first commit's files, then one changed file per commit


def test_data_an_older_model_wrote_is_named_not_fatal(tmp_path: Path) -> None:
    """A data file today's model cannot read is listed for the commit; its records are not compared."""
    repo = Repo(tmp_path / "forrad")
    repo.replace(ACTIVITIES, "    prioritet: 1\n", "    prio: 1\n")
    repo.commit("Data i äldre form")
    repo.replace(ACTIVITIES, "    prio: 1\n", "    prioritet: 1\n")
    repo.replace("planer/exempel/plan.yml", "kategori: Exempel", "kategori: Exempel två")
    repo.commit("Data i dagens form")
    base = read_history(repo.data, repo.root / "content")
    changes = data_changes(Git(repo.data), base.data_prefix, base.commits, Cache(None))
    newest = changes[0]
    assert newest.unreadable == (ACTIVITIES,)
    assert [describe(c) for c in newest.changes] == [
        "Planen Kategoriplan Exempel – Kategori: 'Exempel' → 'Exempel två'"
    ]
    assert not any(c.kind == "aktivitet" for c in newest.changes)


def test_a_shallow_clone_shows_no_changes_for_its_oldest_commit(repo: Repo, tmp_path: Path) -> None:
    """In a clone without the older commits, the oldest commit is marked, not shown as adding everything."""
    copy = tmp_path / "grund"
    repo.git("clone", "-q", "--depth", "2", repo.root.as_uri(), str(copy))
    base = read_history(copy / "data", copy / "content")
    changes = data_changes(Git(copy / "data"), base.data_prefix, base.commits, Cache(None))
    assert base.shallow
    assert [(item.commit.subject, item.boundary, len(item.changes)) for item in changes] == [
        ("Anna Ek heter nu Anna Ekström", True, 0)
    ]
