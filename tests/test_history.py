"""The auditors' change history: read from git, filtered per plan, and shown without ever
failing a build when git cannot answer."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from macros.loading import history as history_module
from macros.loading.cache import Cache
from macros.loading.history import read_history
from macros.model.catalog import Municipality
from macros.model.history import NO_HISTORY, History
from macros.render.history import change_history
from macros.render.html import expand_finished
from macros.render.safe import plain
from tests.views_data import load_model, site_for

PLAN = "vyer"


def _git(repo: Path, *arguments: str, when: str = "2024-03-01T09:30:00+01:00", who: str = "Åsa Ek") -> None:
    """Run git in `repo` as `who` at `when`, so that commits are the same on every machine."""
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": who,
        "GIT_AUTHOR_EMAIL": "redaktor@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": who,
        "GIT_COMMITTER_EMAIL": "redaktor@example.org",
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", "-C", str(repo), *arguments], check=True, capture_output=True, env=environment)


def _write(repo: Path, path: str, text: str) -> None:
    """Write a file of the repository."""
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with three commits: the plan's data, another plan's page, then shared data."""
    repo = tmp_path / "forrad"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _write(repo, f"data/planer/{PLAN}/aktiviteter.yml", "aktiviteter: []\n")
    _write(repo, "README.md", "utanför datat\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "Aktiviteter för 2024 | <första> *utkast*")
    _write(repo, "content/annan-plan/index.md", "# Annan\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "Annan plan", when="2024-04-02T10:00:00+02:00", who="Bo Lind")
    _write(repo, "data/kommun/personer.yml", "personer: []\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "Ny person", when="2025-01-15T16:45:00+01:00", who="Bo Lind")
    return repo


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Municipality:
    """The fixture data with the plan "vyer"."""
    return load_model(tmp_path_factory.mktemp("historik") / "data")


def test_commits_are_read_newest_first_with_author_time_and_files(repo: Path) -> None:
    """Each commit touching data/ or content/ is read with its author, time, message and files."""
    history = read_history(repo / "data", repo / "content")
    assert history.unavailable == "" and not history.shallow and history.uncommitted == ()
    assert [c.subject for c in history.commits] == [
        "Ny person",
        "Annan plan",
        "Aktiviteter för 2024 | <första> *utkast*",
    ]
    oldest = history.commits[-1]
    assert (oldest.author, oldest.made.isoformat()) == ("Åsa Ek", "2024-03-01T09:30:00+01:00")
    assert [(f.kind, f.path) for f in oldest.files] == [("tillagd", f"data/planer/{PLAN}/aktiviteter.yml")]


def test_a_plan_sees_its_own_and_the_shared_changes(repo: Path) -> None:
    """A plan's history holds its data, its pages and the shared data, not another plan's pages."""
    history = read_history(repo / "data", repo / "content")
    assert [c.subject for c in history.of_plan(PLAN)] == ["Ny person", "Aktiviteter för 2024 | <första> *utkast*"]


def test_uncommitted_changes_are_named(repo: Path) -> None:
    """Files changed or added after the last commit are listed, so the table is not taken as complete."""
    _write(repo, f"data/planer/{PLAN}/aktiviteter.yml", "aktiviteter: [] # ändrad\n")
    _write(repo, f"content/{PLAN}/ny.md", "# Ny\n")
    history = read_history(repo / "data", repo / "content")
    assert set(history.uncommitted) == {f"data/planer/{PLAN}/aktiviteter.yml", f"content/{PLAN}/ny.md"}


def test_a_shallow_copy_is_flagged(repo: Path, tmp_path: Path) -> None:
    """A clone without the older commits says that its history is incomplete."""
    copy = tmp_path / "grund"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(copy)], check=True, capture_output=True)
    history = read_history(copy / "data", copy / "content")
    assert history.shallow and [c.subject for c in history.commits] == ["Ny person"]


def test_the_log_is_kept_while_the_commit_checked_out_is_the_same(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a cache, git's log is asked once per commit checked out: the same history comes from the cache,
    a new commit is read from git at once, and a shallow clone, whose history can grow, always asks git."""
    asked: list[str] = []
    start = history_module._start

    def noted(folder: Path, *arguments: str) -> subprocess.Popen[str]:
        asked.append(arguments[0])
        return start(folder, *arguments)

    monkeypatch.setattr(history_module, "_start", noted)
    cache = Cache(tmp_path / "cache")
    first = read_history(repo / "data", repo / "content", cache)
    assert read_history(repo / "data", repo / "content", cache) == first
    assert asked.count("log") == 1
    _write(repo, "data/kommun/personer.yml", "personer: [] # ändrad\n")
    _git(repo, "commit", "-q", "-am", "Personerna igen", when="2025-02-01T08:00:00+01:00")
    assert read_history(repo / "data", repo / "content", cache).commits[0].subject == "Personerna igen"
    assert asked.count("log") == 2
    copy = tmp_path / "grund"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(copy)], check=True, capture_output=True)
    for _ in range(2):
        assert read_history(copy / "data", copy / "content", cache).shallow
    assert asked.count("log") == 4


def test_without_a_repository_the_reason_is_given(tmp_path: Path) -> None:
    """Outside git the history is unavailable with a Swedish reason, and reading it does not fail."""
    (tmp_path / "data").mkdir()
    history = read_history(tmp_path / "data", tmp_path / "content")
    assert history.commits == () and history.unavailable == "webbplatsen byggdes från en kopia utan git-historik"


def test_a_repository_without_commits_has_an_empty_history(tmp_path: Path) -> None:
    """A new repository gives an empty history, not an error."""
    _git(tmp_path, "init", "-q")
    (tmp_path / "data").mkdir()
    history = read_history(tmp_path / "data", tmp_path / "content")
    assert history.unavailable == "" and history.commits == ()


def test_the_table_shows_each_change_escaped(model: Municipality, repo: Path) -> None:
    """Commits without record changes are listed with time, message (as text, not markup), author, files and short id."""
    history = read_history(repo / "data", repo / "content")
    html = expand_finished(change_history(replace(site_for(model), history=history), plan=PLAN))
    assert "2024-03-01 09:30" in html and "Åsa Ek" in html
    assert plain("Aktiviteter för 2024 | <första> *utkast*") in html
    assert "<första>" not in html and "*utkast*" not in html
    assert f"tillagd: <code>{plain(f'data/planer/{PLAN}/aktiviteter.yml')}</code>" in html
    assert f"<code>{history.commits[-1].id[:7]}</code>" in html
    assert "Annan plan" not in html
    assert 'data-filter="vem"' in html and 'data-filter="ar"' in html


def test_the_page_says_what_it_cannot_show(model: Municipality) -> None:
    """Missing git, uncommitted files and a shallow copy are each said on the page."""
    site = site_for(model)
    assert "Historiken kan inte visas här: webbplatsen byggdes utan git-historik" in change_history(
        replace(site, history=NO_HISTORY), plan=PLAN
    )
    partial = History(uncommitted=("data/planer/vyer/plan.yml",), shallow=True)
    html = change_history(replace(site, history=partial), plan=PLAN)
    assert '!!! warning "Ändringar som inte är incheckade"' in html
    assert f"<code>{plain('data/planer/vyer/plan.yml')}</code>" in html
    assert '!!! warning "Historiken är ofullständig"' in html
    assert "Historiken visar ännu inga ändringar av poster i" in html
    assert "Det finns inga sådana incheckningar." in html


def test_a_technical_account_is_named_as_the_mailmap_says(repo: Path) -> None:
    """Commits made from an account that is not a person show the name .mailmap gives the account."""
    _write(repo, ".mailmap", "Webbplatsens redaktion <redaktor@example.org>\n")
    _write(repo, f"data/planer/{PLAN}/aktiviteter.yml", "aktiviteter: []\n# inläst\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "Inläsning", when="2025-02-01T09:00:00+01:00", who="Seed 1234 maintainers")
    history = read_history(repo / "data", repo / "content")
    assert {c.author for c in history.commits} == {"Webbplatsens redaktion"}
