"""A fixture site built inside a git repository with a known history and two decided versions,
for the build tests and the browser gates of the history, the versions and their copies.

The history (all in the plan "exempel"):

1. 2024-01-10, Åsa Ek: the fixture data and pages. Tagged exempel-1.0.
2. 2024-03-01, Bo Lind: activity 9.2.1's timeline becomes "under 2025". Tagged exempel-2.0.
3. 2024-03-11, Åsa Ek: the decisions on 1.0 (2024-01-15) and 2.0 (2024-03-10) are recorded.
4. 2024-04-01, Åsa Ek: activity 9.2.2 gets priority 3 (not decided: "ändrad sedan beslutet").
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from tests.gitrepo import Repo
from tests.sitebuild import FIXTURE_CONTENT, FIXTURES, ROOT, build, write_config

OLD_TIMELINE = "påbörjas 2023-Q4 – 2024 Q4"
NEW_TIMELINE = "under 2025"
ACTIVITIES = "planer/exempel/aktiviteter.yml"


def decided(number: str, day: str, ref: str) -> str:
    """A decided version's record in plan.yml."""
    return (
        f'  - version: "{number}"\n    datum: {day}\n    beslutat_av: kommunstyrelsen\n    paragraf: § 12\n'
        f"    diarienummer: KS-2024/7\n    beskrivning: Beslut om version {number}.\n    git: {ref}\n"
    )


@dataclass
class HistorySite:
    """The repository, its mkdocs.yml and the built site, and how long the builds took."""

    repo: Repo
    config: Path
    site: Path
    seconds: list[float]

    def build(self) -> float:
        """Build the site again; the seconds it took (fails with the build's log)."""
        started = time.monotonic()
        done = build(self.config)
        assert done.returncode == 0, done.stderr[-3000:]
        seconds = time.monotonic() - started
        self.seconds.append(seconds)
        return seconds


def make_history_site(folder: Path) -> HistorySite:
    """Create the repository with its history (see the module's docstring) and build its site once."""
    repo = Repo(folder / "forrad")
    content = repo.root / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    shutil.copytree(FIXTURES / "historik" / "exempel", content / "exempel", dirs_exist_ok=True)
    shutil.copytree(ROOT / "content" / "assets", content / "assets")
    config = write_config(repo.root, data=repo.data, content=content)
    repo.write(".gitignore", "site/\n.cache/\nmacros\n")
    repo.commit("Planens data och sidor", when="2024-01-10T09:00:00+01:00")
    repo.tag("exempel-1.0", when="2024-01-15T09:00:00+01:00")
    repo.replace(ACTIVITIES, f"text: {OLD_TIMELINE}", f"text: {NEW_TIMELINE}")
    repo.commit("Ny tidplan för e-tjänsterna", when="2024-03-01T10:00:00+01:00", who="Bo Lind")
    repo.tag("exempel-2.0", when="2024-03-10T09:00:00+01:00")
    plan = repo.data / "planer" / "exempel" / "plan.yml"
    records = decided("1.0", "2024-01-15", "exempel-1.0") + decided("2.0", "2024-03-10", "exempel-2.0")
    plan.write_text(plan.read_text(encoding="utf-8") + "versioner:\n" + records, encoding="utf-8")
    repo.commit("Besluten om version 1.0 och 2.0", when="2024-03-11T09:00:00+01:00")
    repo.replace(ACTIVITIES, "    prioritet: 2\n", "    prioritet: 3\n")
    repo.commit("Utbildningen får lägre prioritet", when="2024-04-01T09:00:00+02:00")
    site = HistorySite(repo, config, repo.root / "site", [])
    site.build()
    return site
