"""Git repositories with known histories for the tests of the history and decided versions.

A `Repo` starts as a copy of the fixture data (and, if asked, the fixture pages) in a new
repository; a test edits files, commits as a named author at a fixed time, and tags.
Commits are identical on every machine: author, committer and dates are fixed and no
global git configuration is read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.sitebuild import FIXTURE_DATA


def _environment(when: str, who: str) -> dict[str, str]:
    """Git's environment for a commit by `who` at `when`, ignoring the machine's configuration."""
    return {
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


class Repo:
    """A repository whose `data/` starts as the fixture data."""

    def __init__(self, root: Path, *, data: Path | None = FIXTURE_DATA) -> None:
        """A new repository in `root`, with a copy of `data` as its data folder (None: the files already there)."""
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        if data is not None:
            shutil.copytree(data, root / "data")
        self.git("init", "-q", "-b", "main")

    @property
    def data(self) -> Path:
        """The data folder."""
        return self.root / "data"

    def git(self, *arguments: str, when: str = "2024-01-10T09:00:00+01:00", who: str = "Åsa Ek") -> str:
        """Run git in the repository; its output."""
        done = subprocess.run(
            ["git", "-C", str(self.root), *arguments],
            check=True,
            capture_output=True,
            text=True,
            env=_environment(when, who),
        )
        return done.stdout.strip()

    def commit(self, message: str, *, when: str = "2024-01-10T09:00:00+01:00", who: str = "Åsa Ek") -> str:
        """Commit every change as `who` at `when`; the commit's id."""
        self.git("add", "-A", when=when, who=who)
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when, who=who)
        return self.git("rev-parse", "HEAD")

    def tag(self, name: str, *, when: str = "2024-01-10T09:00:00+01:00") -> None:
        """An annotated tag on the last commit."""
        self.git("tag", "-a", name, "-m", f"Beslutad {name}", when=when)

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        """Replace `old` (which must occur exactly `count` times) in a data file."""
        path = self.data / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == count, f"{old!r} förekommer {text.count(old)} gånger i {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def append(self, relative: str, addition: str) -> None:
        """Add text at the end of a data file."""
        path = self.data / relative
        path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        """Write a file below the repository's root."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
