"""The plan's change history as git records it: who changed which files, when and why,
what each commit changed in the data's records, and the plan's decided versions.

Auditors must see what the plan said when and who changed what. The data and the pages
live in git, so every published change is a commit; this module holds those commits, the
changes found by comparing the data before and after each of them, and the state of each
decided version, as plain values. Reading them from git is `macros.loading.history`,
`macros.loading.revisions` and `macros.loading.versions`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from macros.comparison.changes import Change
from macros.model.plan import DecidedVersion

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
    parents: tuple[str, ...] = ()

    @property
    def short_id(self) -> str:
        """The first seven characters of the id, as git shows it."""
        return self.id[:7]


@dataclass(frozen=True)
class DataChange:
    """What one commit changed in the data's records.

    `unreadable` names the data files the commit changed that today's model cannot read
    before or after it (data written for an older model); their records are not compared,
    so the commit's changes in them are not listed.
    """

    commit: Commit
    changes: tuple[Change, ...]
    unreadable: tuple[str, ...] = ()
    boundary: bool = False
    """The commit before this one is missing from a shallow clone: what it changed cannot be shown."""


RecordKey = tuple[str | None, str, str]
"""(plan id or None for shared data, kind of record, record id), as in `Change.record_key`."""


@dataclass(frozen=True)
class History:
    """The commits that touched the data or the pages, newest first, and what each changed in the records.

    `unavailable` says in Swedish why there is no history (no git, not a repository);
    `shallow` means older commits were not fetched; `uncommitted` lists data and page
    files changed after the last commit, which the history cannot show yet.
    `data_changes` holds, for every commit that touched the data (merges left out: their
    changes belong to the commits they merge), the changes found in the records.
    """

    commits: tuple[Commit, ...] = ()
    data_prefix: str = "data/"
    pages_prefix: str = "content/"
    unavailable: str = ""
    shallow: bool = False
    uncommitted: tuple[str, ...] = ()
    data_changes: tuple[DataChange, ...] = ()

    @cached_property
    def _by_record(self) -> dict[RecordKey, list[tuple[int, Commit, Change]]]:
        """Every record's changes with the position of their commit (0 is the newest) and the commit, newest first."""
        index: dict[RecordKey, list[tuple[int, Commit, Change]]] = {}
        for position, data_change in enumerate(self.data_changes):
            for change in data_change.changes:
                index.setdefault(change.record_key, []).append((position, data_change.commit, change))
        return index

    def of_record(self, plan: str | None, kind: str, record: str) -> list[tuple[Commit, Change]]:
        """One record's changes with the commit that made each, newest first; a record that moved
        from another plan has, after its move, what happened to it in the plan it came from."""
        return [(commit, change) for _, commit, change in self._followed((plan, kind, record), -1)]

    def _followed(self, key: RecordKey, newer: int) -> list[tuple[int, Commit, Change]]:
        """A record's changes in commits older than the one at position `newer`, following its moves back."""
        found = []
        for position, commit, change in self._by_record.get(key, []):
            if position <= newer:
                continue
            found.append((position, commit, change))
            origin = change.moved_from
            if origin is not None:
                return found + self._followed(origin, position)
        return found

    def last_change(self, plan: str | None, kind: str, record: str) -> Commit | None:
        """The latest commit that changed the record (or added it), or None if the history has none."""
        found = self._by_record.get((plan, kind, record))
        return found[0][1] if found else None

    def content_changes(self, plan_id: str) -> list[tuple[Commit, Change]]:
        """The changes to a plan's records and to the shared data, with their commits, newest first."""
        return [
            (data_change.commit, change)
            for data_change in self.data_changes
            for change in data_change.changes
            if change.plan in (plan_id, None)
        ]

    def without_record_changes(self, plan_id: str) -> list[Commit]:
        """A plan's commits that changed none of its records: page text, layout, or data outside them."""
        changed = {
            data_change.commit.id
            for data_change in self.data_changes
            if any(change.plan in (plan_id, None) for change in data_change.changes)
        }
        return [commit for commit in self.of_plan(plan_id) if commit.id not in changed]

    def unreadable_of(self, plan_id: str) -> list[DataChange]:
        """A plan's commits whose changes in some files could not be compared (data for an older model)."""
        prefixes = (f"planer/{plan_id}/", "kommun/", "vagledning/")
        return [item for item in self.data_changes if any(path.startswith(prefixes) for path in item.unreadable)]

    def of_plan(self, plan_id: str) -> list[Commit]:
        """Commits that changed the plan's data or pages, or the municipality's shared data."""
        prefixes = (
            f"{self.data_prefix}planer/{plan_id}/",
            f"{self.data_prefix}kommun/",
            f"{self.data_prefix}vagledning/nationella-upphandlingsstrategin.yml",
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


@dataclass(frozen=True)
class VersionState:
    """A decided version as git holds it: the commit its reference names, the data's tree there,
    what makes it unusable (`problem`, in Swedish), and what changed since the version before it."""

    plan: str
    version: DecidedVersion
    slug: str
    commit: str | None = None
    tree: str | None = None
    problem: str = ""
    problem_is_error: bool = False
    """The problem is the data's fault (a reference or folder that does not exist), not the copy's (no git)."""
    errors: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    previous: DecidedVersion | None = None
    records: frozenset[RecordKey] = frozenset()
    """The records the data held at this version, so pages can link to a record's page in the copy."""

    @property
    def usable(self) -> bool:
        """Whether the version's data can be read and shown (its reference exists and its data is valid)."""
        return self.commit is not None and self.tree is not None and not self.problem and not self.errors


@dataclass(frozen=True)
class Versions:
    """Every plan's decided versions as git holds them, and what changed since the latest of each.

    `unavailable` says in Swedish why the references could not be read (no git, a shallow
    clone); `since_latest` holds, per plan, the changes from its latest decided version to
    the published data (the plan's own records, follow-up left out).
    """

    plans: dict[str, tuple[VersionState, ...]] = field(default_factory=dict)
    since_latest: dict[str, tuple[Change, ...]] = field(default_factory=dict)
    unavailable: str = ""

    def of(self, plan_id: str) -> tuple[VersionState, ...]:
        """A plan's decided versions, oldest first."""
        return self.plans.get(plan_id, ())

    def latest(self, plan_id: str) -> VersionState | None:
        """The plan's latest decided version, or None."""
        states = self.of(plan_id)
        return states[-1] if states else None

    def in_force(self, plan_id: str, day: dt.date) -> VersionState | None:
        """The decided version in force on `day`: the latest decided on or before it."""
        found = None
        for state in self.of(plan_id):
            if state.version.date <= day:
                found = state
        return found


NO_VERSIONS = Versions()
"""The decided versions of a build that did not read git."""
