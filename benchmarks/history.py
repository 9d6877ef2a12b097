"""The auditors' history and the decided versions: a synthetic repository with hundreds of
data commits and five decided versions, built with a cold cache once and then with a warm
cache against the same site built without git (no history, no versions).

Each commit edits one data file of the synthetic plan (an activity's timeline, a person's
title, a procurement need), as editors do. The last commit records the five decided
versions, each an annotated tag on an earlier commit. The cold build compares every commit
and builds the five read-only copies; the warm build finds all of it in the cache.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks.generator import Scale, TemplateIds, _validated_yaml, generate
from benchmarks.measure import Pair, RunFailed, TimedOut, checked, interleaved
from benchmarks.pages import make_content
from benchmarks.sites import write_subject
from macros.loading.files import PLAN_FILES, SHARED_FILES
from macros.loading.loader import load

HISTORY_TARGET = 1.10
"""With a warm cache, the history and the decided versions may add at most 10 % to the build."""

KINDS = {kind.name: kind for kind in (*SHARED_FILES, *PLAN_FILES)}
START = dt.datetime(2024, 1, 1, 9, 0, tzinfo=dt.UTC)


@dataclass
class HistoryResult:
    """Builds of the synthetic repository: cold once, warm against the same site without git."""

    commits: int
    versions: int
    pages: int = 0
    cold_seconds: float = 0.0
    warm: Pair | None = None
    failure: str = ""

    @property
    def ratio(self) -> float | None:
        """The warm build over the build without history and versions (median of per-round ratios)."""
        return self.warm.ratio if self.warm else None


def _git(repo: Path, *arguments: str, when: dt.datetime) -> None:
    stamp = when.isoformat()
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Syntetisk redaktör",
        "GIT_AUTHOR_EMAIL": "redaktor@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": "Syntetisk redaktör",
        "GIT_COMMITTER_EMAIL": "redaktor@example.org",
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", "-C", str(repo), *arguments], check=True, capture_output=True, env=environment)


def _edit(path: Path, change: Any) -> None:
    """Load a data file, change its mapping, validate and write it back as the generator does."""
    mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(mapping)
    schema = "../../schemas/kommun-" if path.parent.name == "kommun" else "../../../schemas/plan-"
    path.write_text(_validated_yaml(KINDS[path.name], mapping, schema), encoding="utf-8")


def _one_edit(data: Path, plan: str, number: int) -> None:
    """The edit of commit `number`: mostly an activity's timeline, sometimes a person or a need."""
    if number % 7 == 0:

        def title(mapping: dict[str, Any]) -> None:
            people = mapping["personer"]
            people[number % len(people)]["titel"] = f"befattning enligt incheckning {number}"

        _edit(data / "kommun" / "personer.yml", title)
    elif number % 11 == 0:

        def need(mapping: dict[str, Any]) -> None:
            needs = mapping["upphandlingsbehov"]
            needs[number % len(needs)]["behov"] = f"behov omformulerat i incheckning {number}"

        _edit(data / "planer" / plan / "upphandlingsbehov.yml", need)
    else:

        def timeline(mapping: dict[str, Any]) -> None:
            activities = mapping["aktiviteter"]
            activities[number % len(activities)]["tidplan"]["text"] = f"tidplan enligt incheckning {number}"

        _edit(data / "planer" / plan / "aktiviteter.yml", timeline)


def make_repository(
    folder: Path, base: Scale, template: TemplateIds, *, commits: int, versions: int
) -> tuple[Path, list[Any] | None]:
    """The synthetic repository: `commits` data commits, the last recording `versions` tagged versions."""
    repo = folder / "forrad"
    repo.mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main", when=START)
    plans = generate(repo / "data", base.times(1), seed=7, template=template)
    plan = plans[0]
    model = load(repo / "data", today=dt.date(2025, 6, 1)).model
    if model is None:
        raise RunFailed("det syntetiska datat för historiken har fel")
    nav, _ = make_content(repo / "content", model, today=dt.date(2025, 6, 1), seed=7)
    (repo / ".gitignore").write_text("site/\n.cache/\nmacros\nmkdocs*.yml\n", encoding="utf-8")
    _git(repo, "add", "-A", when=START)
    _git(repo, "commit", "-q", "-m", "Syntetiskt data", when=START)
    tagged = {round(commits * k / (versions + 1)): k for k in range(1, versions + 1)}
    for number in range(2, commits):
        when = START + dt.timedelta(hours=number)
        _one_edit(repo / "data", plan, number)
        _git(repo, "commit", "-q", "-a", "-m", f"Ändring {number}", when=when)
        if number in tagged:
            _git(repo, "tag", "-a", f"{plan}-{tagged[number]}.0", "-m", "Beslutad", when=when)
    records = [
        {
            "version": f"{k}.0",
            "datum": (START + dt.timedelta(hours=number + 1)).date().isoformat(),
            "beslutat_av": model.plan(plan).meta.decision.body,
            "beskrivning": f"Syntetisk beslutad version {k}.0",
            "git": f"{plan}-{k}.0",
        }
        for number, k in sorted(tagged.items())
    ]
    _edit(repo / "data" / "planer" / plan / "plan.yml", lambda mapping: mapping.update(versioner=records))
    _git(repo, "commit", "-q", "-a", "-m", "Besluten", when=START + dt.timedelta(hours=commits))
    return repo, nav


def _without_git(repo: Path, folder: Path, nav: list[Any] | None) -> Path:
    """The same data and pages outside any repository: no history, and the decided versions without their
    data or copies (each page that names a version still renders it, saying that git is missing)."""
    target = folder / "utan-git"
    for name in ("data", "content"):
        shutil.copytree(repo / name, target / name)
    return write_subject(target, data=target / "data", docs=target / "content", nav=nav, strict=False)


def measure_history(
    folder: Path,
    base: Scale,
    template: TemplateIds,
    *,
    commits: int,
    versions: int,
    rounds: int,
    limit: float,
    env: dict[str, str],
    python: str,
) -> HistoryResult:
    """Cold and warm builds of the synthetic repository, the warm ones against the build without git."""
    result = HistoryResult(commits, versions)
    try:
        repo, nav = make_repository(folder, base, template, commits=commits, versions=versions)
        subject = write_subject(repo, data=repo / "data", docs=repo / "content", nav=nav, strict=False)
        baseline = _without_git(repo, folder, nav)
        started = time.monotonic()
        checked([python, "-m", "mkdocs", "build", "--clean", "-f", str(subject)], env=env, cwd=repo, timeout=limit)
        result.cold_seconds = time.monotonic() - started
        result.pages = sum(1 for _ in (repo / "site").rglob("*.html"))
        command = [python, "-m", "mkdocs", "build", "--clean", "-f"]
        checked([*command, str(baseline)], env=env, cwd=folder, timeout=limit)  # its caches warm too, not counted
        result.warm = interleaved(
            [*command, str(subject)], [*command, str(baseline)], rounds, env=env, cwd=folder, timeout=limit
        )
    except (RunFailed, TimedOut, subprocess.CalledProcessError) as failure:
        result.failure = str(failure)[:2000]
    return result
