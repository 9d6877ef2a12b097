"""The plan's change history as git records it: who changed which files, when and why.

Auditors must see what the plan said when and who changed what. The data and the pages
live in git, so every published change is a commit; this module holds those commits as
plain values. Reading them from git is `macros.loading.history`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CHANGE_KINDS = {"A": "tillagd", "M": "ändrad", "D": "borttagen"}
"""Swedish words for git's file statuses; any other status (type change …) counts as "ändrad"."""


@dataclass(frozen=True)
class FileChange:
    """One file a commit added, changed or removed; `path` is relative to the repository."""

    status: str
    path: str

    @property
    def kind(self) -> str:
        """The change in Swedish: tillagd, ändrad or borttagen."""
        return CHANGE_KINDS.get(self.status[:1], "ändrad")


@dataclass(frozen=True)
class Commit:
    """One recorded change: its id, when and by whom it was made, its message and its files."""

    id: str
    made: dt.datetime
    author: str
    subject: str
    files: tuple[FileChange, ...]

    @property
    def short_id(self) -> str:
        """The first seven characters of the id, as git shows it."""
        return self.id[:7]


@dataclass(frozen=True)
class History:
    """The commits that touched the data or the pages, newest first.

    `unavailable` says in Swedish why there is no history (no git, not a repository);
    `shallow` means older commits were not fetched; `uncommitted` lists data and page
    files changed after the last commit, which the history cannot show yet.
    """

    commits: tuple[Commit, ...] = ()
    data_prefix: str = "data/"
    pages_prefix: str = "content/"
    unavailable: str = ""
    shallow: bool = False
    uncommitted: tuple[str, ...] = ()

    def of_plan(self, plan_id: str) -> list[Commit]:
        """Commits that changed the plan's data or pages, or the municipality's shared data."""
        prefixes = (
            f"{self.data_prefix}planer/{plan_id}/",
            f"{self.data_prefix}kommun/",
            f"{self.pages_prefix}{plan_id}/",
        )
        return [commit for commit in self.commits if any(f.path.startswith(prefixes) for f in commit.files)]

    @property
    def data_changed(self) -> dt.datetime | None:
        """When a commit last changed the data (None without history or without such a commit)."""
        return next((c.made for c in self.commits if any(f.path.startswith(self.data_prefix) for f in c.files)), None)

    def shown_path(self, path: str) -> str:
        """A path as editors know it: `data/…` or `content/…` whatever the folders are called in git."""
        for prefix, shown in ((self.data_prefix, "data/"), (self.pages_prefix, "content/")):
            if path.startswith(prefix):
                return shown + path[len(prefix) :]
        return path


NO_HISTORY = History(unavailable="webbplatsen byggdes utan git-historik")
"""The history of a build that did not read git (tests of single macros, other tools)."""
