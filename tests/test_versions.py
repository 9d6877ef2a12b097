"""Decided versions as data: each tied to a git reference that the check resolves, whose data
it validates, and against which it compares the published plan; and `python -m macros jämför`."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.comparison import describe
from macros.loading.cache import Cache
from macros.loading.loader import load
from macros.loading.versions import read_versions, version_findings
from macros.model.history import Versions
from tests.gitrepo import Repo
from tests.sitebuild import ROOT

PLAN = "planer/exempel/plan.yml"
ACTIVITIES = "planer/exempel/aktiviteter.yml"
TODAY = dt.date(2024, 6, 1)


def version(number: str, day: str, ref: str) -> str:
    """A decided version's record in plan.yml."""
    return (
        f'  - version: "{number}"\n    datum: {day}\n    beslutat_av: kommunstyrelsen\n    paragraf: § 12\n'
        f"    diarienummer: KS-2024/7\n    beskrivning: Beslut om version {number}.\n    git: {ref}\n"
    )


def decide(repo: Repo, *records: str) -> None:
    """Write the decided versions into the plan's data (replacing any written before)."""
    path = repo.data / PLAN
    text = path.read_text(encoding="utf-8").split("versioner:\n")[0]
    path.write_text(text + "versioner:\n" + "".join(records), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """Version 1.0 tagged, then a new timeline tagged 2.0, then both recorded and a change not yet decided."""
    repo = Repo(tmp_path_factory.mktemp("versioner") / "forrad")
    repo.commit("Planens data", when="2024-01-10T09:00:00+01:00")
    repo.tag("exempel-1.0")
    repo.replace(ACTIVITIES, "text: påbörjas 2023-Q4 – 2024 Q4", "text: under 2025")
    repo.commit("Ny tidplan för e-tjänsterna", when="2024-03-01T09:00:00+01:00")
    repo.tag("exempel-2.0")
    decide(repo, version("1.0", "2024-01-15", "exempel-1.0"), version("2.0", "2024-03-10", "exempel-2.0"))
    repo.commit("Besluten om version 1.0 och 2.0", when="2024-03-11T09:00:00+01:00")
    repo.replace(ACTIVITIES, "    prioritet: 2\n", "    prioritet: 3\n")
    repo.commit("Utbildningen får lägre prioritet", when="2024-04-01T09:00:00+02:00")
    return repo


def _versions(repo: Repo, cache: Cache | None = None) -> tuple[Versions, list[str]]:
    result = load(repo.data, today=TODAY)
    assert result.ok and result.model is not None, [f.format() for f in result.findings]
    versions = read_versions(repo.data, result.model, cache or Cache(None))
    return versions, [f.format() for f in version_findings(versions, result)]


def test_each_reference_resolves_to_its_commit_and_data(repo: Repo) -> None:
    """Both tags resolve to the commits they name, and their data passes today's check."""
    versions, _ = _versions(repo)
    states = versions.of("exempel")
    assert [(s.version.version, s.usable, s.errors) for s in states] == [("1.0", True, ()), ("2.0", True, ())]
    assert states[0].commit == repo.git("rev-parse", "exempel-1.0^{commit}")


def test_changes_between_versions(repo: Repo) -> None:
    """Version 2.0 lists what changed since 1.0, in the auditors' words; 1.0 has nothing before it."""
    states = _versions(repo)[0].of("exempel")
    assert states[0].previous is None and states[0].changes == ()
    assert [describe(c) for c in states[1].changes] == [
        "Aktivitet 9.2.1 Inför e-tjänster – Tidplan: 'påbörjas 2023-Q4 – 2024 Q4' → 'under 2025'"
    ]


def test_a_plan_changed_since_its_decision_is_a_warning(repo: Repo) -> None:
    """The published data differs from version 2.0: the check warns at the version, naming the change."""
    versions, findings = _versions(repo)
    assert [describe(c) for c in versions.since_latest["exempel"]] == [
        "Aktivitet 9.2.2 Utbilda beställare – Prioritet: '2' → '3'"
    ]
    assert len(findings) == 1
    assert ": varning: planen har ändrats sedan version 2.0 beslutades 2024-03-10: 1 ändring, t.ex. " in findings[0]


def test_the_version_in_force_on_a_day(repo: Repo) -> None:
    """On each day, the version decided last on or before it is in force; before the first, none."""
    versions = _versions(repo)[0]
    assert versions.in_force("exempel", dt.date(2024, 1, 14)) is None
    assert versions.in_force("exempel", dt.date(2024, 2, 1)).version.version == "1.0"  # type: ignore[union-attr]
    assert versions.in_force("exempel", dt.date(2024, 3, 10)).version.version == "2.0"  # type: ignore[union-attr]


def test_a_reference_that_does_not_exist_is_an_error(repo: Repo, tmp_path: Path) -> None:
    """A tag git does not know is an error at the version's line in plan.yml."""
    other = Repo(tmp_path / "forrad")
    other.commit("Data")
    decide(other, version("1.0", "2024-01-15", "finns-inte-1.0"))
    _, findings = _versions(other)
    line = next(
        n for n, text in enumerate((other.data / PLAN).read_text().splitlines(), 1) if "git: finns-inte" in text
    )
    assert findings == [
        f"data/{PLAN}:{line}: fel: version 1.0: referensen 'finns-inte-1.0' finns inte i git-förrådet; "
        "skapa taggen eller rätta namnet"
    ]


def _findings_for(tmp_path: Path, make_ref: Callable[[Repo, str], str]) -> tuple[Versions, list[str]]:
    """The versions and findings of a repository whose version 1.0 names the reference `make_ref` returns
    (called with the repository and the id of its one commit)."""
    other = Repo(tmp_path / "forrad")
    commit = other.commit("Data")
    decide(other, version("1.0", "2024-01-15", make_ref(other, commit)))
    other.commit("Beslutet")
    return _versions(other)


@pytest.mark.parametrize(
    ("make_ref", "reason"),
    [
        (lambda repo, commit: "main", "referensen 'main' är ingen tagg utan en gren eller en förkortad incheckning"),
        (lambda repo, commit: commit[:10], "är ingen tagg utan en gren eller en förkortad incheckning"),
        (
            lambda repo, commit: repo.git("tag", "lattvikt-1.0") or "lattvikt-1.0",
            "taggen 'lattvikt-1.0' är inte annoterad",
        ),
    ],
    ids=["gren", "kort-id", "lattviktig-tagg"],
)
def test_a_reference_that_can_move_is_an_error(
    tmp_path: Path, make_ref: Callable[[Repo, str], str], reason: str
) -> None:
    """A branch, a short commit id or a lightweight tag is an error: only an annotated tag or a full id is immutable."""
    versions, findings = _findings_for(tmp_path, make_ref)
    assert not versions.of("exempel")[0].usable
    assert len(findings) == 1 and ": fel: version 1.0: " in findings[0] and reason in findings[0]


def test_a_full_commit_id_is_a_reference(tmp_path: Path) -> None:
    """A version may name its commit by the full id: it resolves to that commit, and the check is silent."""
    versions, findings = _findings_for(tmp_path, lambda repo, commit: commit)
    state = versions.of("exempel")[0]
    assert state.usable and state.commit == state.version.ref
    assert not [f for f in findings if ": fel: " in f]


def test_data_that_fails_the_check_at_the_reference_is_an_error(tmp_path: Path) -> None:
    """A tag whose data has an error today is an error that quotes it."""
    other = Repo(tmp_path / "forrad")
    other.replace(ACTIVITIES, "    prioritet: 1\n", "    prioritet: 7\n")
    other.commit("Fel i datat")
    other.tag("exempel-1.0")
    other.replace(ACTIVITIES, "    prioritet: 7\n", "    prioritet: 1\n")
    decide(other, version("1.0", "2024-01-15", "exempel-1.0"))
    other.commit("Rättat")
    versions, findings = _versions(other)
    assert not versions.of("exempel")[0].usable
    assert (
        len(findings) == 1
        and ": fel: version 1.0: datat vid 'exempel-1.0' klarar inte dagens kontroll: " in findings[0]
    )
    assert "'prioritet' ska vara högst 3" in findings[0]


def test_without_git_the_references_are_a_warning(tmp_path: Path) -> None:
    """Data outside a repository: the reference cannot be checked, which is said, not an error."""
    import shutil

    from tests.sitebuild import FIXTURE_DATA

    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    path = tmp_path / "data" / PLAN
    path.write_text(
        path.read_text(encoding="utf-8") + "versioner:\n" + version("1.0", "2024-01-15", "v1"), encoding="utf-8"
    )
    result = load(tmp_path / "data", today=TODAY)
    assert result.model is not None
    versions = read_versions(tmp_path / "data", result.model)
    findings = version_findings(versions, result)
    assert [f.severity.value for f in findings] == ["varning"]
    assert "kan inte kontrolleras: webbplatsen byggdes från en kopia utan git-historik" in findings[0].message


def test_the_verdict_on_a_versions_data_is_cached(repo: Repo, tmp_path: Path) -> None:
    """A second check with the same cache reads the verdict and the comparisons from it."""
    cache = Cache(tmp_path)
    first = _versions(repo, cache)[0]
    assert list((cache.folder / "beslutade").glob("*.json"))  # type: ignore[operator]
    second = _versions(repo, cache)[0]
    assert second == first


def _compare(repo: Repo, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros", "jämför", *arguments, "--data", str(repo.data), "--idag", "2024-06-01"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_compare_two_references_as_text(repo: Repo) -> None:
    """`jämför A B` prints the changes between two tags, grouped by plan and record."""
    done = _compare(repo, "exempel-1.0", "exempel-2.0")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:7] == [
        "Ändringar från exempel-1.0 till exempel-2.0",
        "",
        "Kategoriplan Exempel",
        "====================",
        "",
        "Aktivitet 9.2.1 Inför e-tjänster",
        "  Tidplan: 'påbörjas 2023-Q4 – 2024 Q4' → 'under 2025'",
    ]


def test_compare_a_reference_with_the_data_as_markdown(repo: Repo) -> None:
    """`jämför A --format markdown` compares with the data on disk, for a pull request."""
    done = _compare(repo, "exempel-2.0", "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Ändringar från exempel-2.0 till arbetskopian\n")
    assert "### Aktivitet 9.2.2 Utbilda beställare" in done.stdout
    assert "- **Prioritet**: ”2” → ”3”" in done.stdout
    assert "### Beslutad version 1.0" in done.stdout


def test_compare_an_unknown_reference_is_wrong_usage(repo: Repo) -> None:
    """A reference git does not know exits 2 with a Swedish message and no traceback."""
    done = _compare(repo, "finns-inte")
    assert done.returncode == 2
    assert "git känner inte till referensen 'finns-inte'" in done.stderr and "Traceback" not in done.stderr


def test_the_data_at_a_reference_loads_as_the_loader_loads_it(repo: Repo) -> None:
    """`load_at` gives the same validated model the loader gives for a folder, as it was at the tag."""
    from macros.loading.revisions import load_at

    result = load_at(repo.data, "exempel-1.0", today=TODAY)
    assert result.ok and result.model is not None
    timeline = result.model.plan("exempel").activity("e-tjanster").schedule.text
    assert timeline == "påbörjas 2023-Q4 – 2024 Q4"
    assert result.model.plan("exempel").meta.versions == []


def test_loading_at_an_unknown_reference_says_so(repo: Repo) -> None:
    """A reference git does not know is a Swedish reason, not a traceback."""
    from macros.loading.git import GitUnavailable
    from macros.loading.revisions import load_at

    with pytest.raises(GitUnavailable, match="git känner inte till referensen 'finns-inte'"):
        load_at(repo.data, "finns-inte", today=TODAY)
