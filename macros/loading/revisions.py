"""The data at any commit, and what each commit changed in the records.

`SnapshotReader` reads the data folder at a git tree file by file and validates each file
with today's model, remembering each validated file by its blob id: consecutive commits
share almost every file, so a history of hundreds of commits reads each version of each
file once. A file that today's model cannot read (data written for an older model) is
named in the snapshot's `unreadable`, never fatal.

`data_changes` compares the data before and after every commit that touched it. Each
comparison is cached on disk under the ids of the two trees (hashes of every data file),
so a build with a warm cache reads no data at all, and one after a new commit compares
only that commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from macros.comparison import EMPTY, Change, Snapshot, compare_snapshots
from macros.comparison.records import NATIONAL_STRATEGY_FILE
from macros.loading.cache import NO_CACHE, Cache
from macros.loading.data_tree import MAX_FILE_BYTES
from macros.loading.files import GUIDANCE_DIR, GUIDANCE_FILES, PLAN_FILES, PLANS_DIR, SHARED_DIR, SHARED_FILES, FileKind
from macros.loading.git import Git, GitUnavailable
from macros.loading.loader import Loader, LoadResult
from macros.loading.yaml_source import SourceFile, parse_yaml
from macros.model.base import SLUG_MAX_LENGTH, Record
from macros.model.governance import FormerGoalsFile
from macros.model.history import Commit, DataChange
from macros.validation.findings import error

LEFT_OUT = "finns i git men läses inte: filen är en symbolisk länk eller större än gränsen"

KNOWN_SHARED = {kind.name: kind for kind in SHARED_FILES}
KNOWN_SHARED["styrning.yml"] = FileKind("styrning.yml", FormerGoalsFile)
"""styrning.yml is read with the model that also accepts the national goals older data kept there."""
KNOWN_PLAN = {kind.name: kind for kind in PLAN_FILES}
KNOWN_GUIDANCE = {kind.name: kind for kind in GUIDANCE_FILES if f"{GUIDANCE_DIR}/{kind.name}" == NATIONAL_STRATEGY_FILE}
"""The one guidance file whose records the comparison follows (see macros.comparison.records)."""

NONE = "ingen"
"""The key of "no data folder" (before the first commit, or a commit without `data/`)."""

TREES_CACHE = "trad"
"""The cache's kind of entry holding the data folder's tree at each commit of a history (`_trees`)."""


def _slug(name: str) -> bool:
    """Whether a folder name can be a plan's id."""
    parts = name.split("-")
    return (
        0 < len(name) <= SLUG_MAX_LENGTH
        and all(part and part.isascii() and part.isalnum() for part in parts)
        and (name == name.lower())
    )


def _kind_of(path: str) -> tuple[str | None, FileKind] | None:
    """(plan id or None, kind of file) for a known data file's path, else None; a guidance file's
    plan is its folder ("vagledning")."""
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[0] == SHARED_DIR and parts[1] in KNOWN_SHARED:
        return None, KNOWN_SHARED[parts[1]]
    if len(parts) == 2 and parts[0] == GUIDANCE_DIR and parts[1] in KNOWN_GUIDANCE:
        return GUIDANCE_DIR, KNOWN_GUIDANCE[parts[1]]
    if len(parts) == 3 and parts[0] == PLANS_DIR and _slug(parts[1]) and parts[2] in KNOWN_PLAN:
        return parts[1], KNOWN_PLAN[parts[2]]
    return None


def validated(raw: bytes, kind: FileKind, path: str) -> Record | None:
    """A file's content validated with today's model, or None when it cannot be read with it."""
    if len(raw) > MAX_FILE_BYTES:
        return None
    source = parse_yaml(raw, SourceFile(path))
    if source.findings or not isinstance(source.value, dict):
        return None
    try:
        return kind.model.model_validate(source.value)
    except ValidationError:
        return None


class SnapshotReader:
    """Snapshots of the data folder at git trees, each file validated once per blob."""

    def __init__(self, git: Git, *, remembered_files: int = 512, remembered_snapshots: int = 8) -> None:
        self.git = git
        self._files: OrderedDict[tuple[str, str], Record | None] = OrderedDict()
        self._snapshots: OrderedDict[str, Snapshot] = OrderedDict()
        self._file_limit = remembered_files
        self._snapshot_limit = remembered_snapshots
        self.files_read = 0
        """How many file versions were parsed and validated (for tests and the benchmark)."""

    def at(self, tree: str | None) -> Snapshot:
        """The data at a tree of the data folder (the empty state for None)."""
        if tree is None:
            return EMPTY
        if tree in self._snapshots:
            self._snapshots.move_to_end(tree)
            return self._snapshots[tree]
        snapshot = self._read(tree)
        self._snapshots[tree] = snapshot
        if len(self._snapshots) > self._snapshot_limit:
            self._snapshots.popitem(last=False)
        return snapshot

    def _read(self, tree: str) -> Snapshot:
        """Read every known file of a tree (only blobs not seen before are fetched)."""
        wanted = []
        for entry in self.git.files(tree):
            found = _kind_of(entry.path)
            if found is not None:
                wanted.append((entry, *found))
        missing = [entry.blob for entry, _, kind in wanted if (entry.blob, kind.name) not in self._files]
        contents = self.git.blobs(sorted(set(missing)))
        shared: dict[str, Record] = {}
        guidance: dict[str, Record] = {}
        plans: dict[str, dict[str, Record]] = {}
        unreadable = []
        for entry, plan, kind in wanted:
            record = None if entry.link else self._record(entry.blob, kind, contents, entry.path)
            if record is None:
                unreadable.append(entry.path)
            elif plan is None:
                shared[kind.name] = record
            elif plan == GUIDANCE_DIR:
                guidance[f"{GUIDANCE_DIR}/{kind.name}"] = record
            else:
                plans.setdefault(plan, {})[kind.name] = record
        return Snapshot(shared, plans, tuple(sorted(unreadable)), guidance)

    def _record(self, blob: str, kind: FileKind, contents: dict[str, bytes], path: str) -> Record | None:
        """A file version validated once and remembered by blob id and kind."""
        key = (blob, kind.name)
        if key in self._files:
            self._files.move_to_end(key)
            return self._files[key]
        self.files_read += 1
        record = validated(contents.get(blob, b""), kind, path)
        self._files[key] = record
        if len(self._files) > self._file_limit:
            self._files.popitem(last=False)
        return record


def changes_between(
    reader: SnapshotReader, cache: Cache, old_tree: str | None, new_tree: str | None
) -> tuple[tuple[Change, ...], tuple[str, ...]]:
    """The changes from one tree of the data to another and the files unreadable on either side (cached)."""
    key = f"{old_tree or NONE}-{new_tree or NONE}"
    cached = cache.get("jamforelser", key)
    if isinstance(cached, dict):
        try:
            changes = tuple(Change.from_json(item) for item in cached["changes"])
            return changes, tuple(str(path) for path in cached["unreadable"])
        except (KeyError, TypeError):
            pass
    old, new = reader.at(old_tree), reader.at(new_tree)
    changes = tuple(compare_snapshots(old, new))
    unreadable = tuple(sorted(set(old.unreadable) | set(new.unreadable)))
    cache.put("jamforelser", key, {"changes": [c.to_json() for c in changes], "unreadable": list(unreadable)})
    return changes, unreadable


def data_changes(
    git: Git,
    data_prefix: str,
    commits: tuple[Commit, ...],
    cache: Cache = NO_CACHE,
    reader: SnapshotReader | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[DataChange, ...]:
    """For every commit (newest first) that touched the data, the changes it made in the records.

    Merge commits are left out: what they bring belongs to the commits they merge. A
    commit's `unreadable` lists the data files it changed that today's model cannot read.
    """
    prefix = data_prefix.rstrip("/")
    touched = [
        commit
        for commit in commits
        if len(commit.parents) <= 1 and any(f.path.startswith(data_prefix) for f in commit.files)
    ]
    if not touched:
        return ()
    names = [name for commit in touched for name in (_tree_name(commit.id, prefix), _parent_tree(commit, prefix))]
    grafted = git.shallow_commits()
    resolved = _trees(git, names, cache if not grafted else NO_CACHE)
    reader = reader or SnapshotReader(git)
    result: list[DataChange] = []
    for index, commit in enumerate(reversed(touched)):
        position = len(touched) - 1 - index
        new_tree, old_tree = resolved[2 * position], resolved[2 * position + 1]
        if commit.id in grafted:
            result.append(DataChange(commit, (), boundary=True))
            continue
        changes, unreadable = changes_between(reader, cache, old_tree, new_tree)
        changed = {f.path.removeprefix(data_prefix) for f in commit.files if f.path.startswith(data_prefix)}
        result.append(DataChange(commit, changes, tuple(path for path in unreadable if path in changed)))
        if progress:
            progress(index + 1, len(touched))
    result.reverse()
    return tuple(result)


def _trees(git: Git, names: list[str], cache: Cache) -> list[str | None]:
    """The id of the tree each object name (`<commit>:<folder>`) stands for, None where there is none or the
    name is "". Kept in `cache` by the names: a commit's folder never changes (but in a shallow clone,
    where a parent can be fetched later, so it is not given a cache there)."""
    key = hashlib.sha256("\n".join(names).encode()).hexdigest()[:32]
    cached = cache.get(TREES_CACHE, key)
    if isinstance(cached, list) and len(cached) == len(names) and all(v is None or isinstance(v, str) for v in cached):
        return cached
    found = iter(git.objects([name for name in names if name]))
    resolved: list[str | None] = []
    for name in names:
        item = next(found) if name else None
        resolved.append(item[0] if item and item[1] == "tree" else None)
    cache.put(TREES_CACHE, key, resolved)
    return resolved


def _tree_name(commit: str, prefix: str) -> str:
    """The object name of the data folder at a commit."""
    return f"{commit}^{{tree}}" if not prefix else f"{commit}:{prefix}"


def _parent_tree(commit: Commit, prefix: str) -> str:
    """The object name of the data folder before a commit ("" for a first commit)."""
    return _tree_name(commit.parents[0], prefix) if commit.parents else ""


def safe_data_changes(
    git: Git, data_prefix: str, commits: tuple[Commit, ...], cache: Cache
) -> tuple[tuple[DataChange, ...], str]:
    """`data_changes`, or no changes and the Swedish reason when git could not answer."""
    try:
        return data_changes(git, data_prefix, commits, cache), ""
    except GitUnavailable as reason:
        return (), str(reason)


def load_tree(git: Git, tree: str, *, today: dt.date) -> LoadResult:
    """The data of a git tree loaded and checked exactly as `load` checks a folder: the same validated
    `Municipality` (None when there are errors) and the same findings, with paths as `data/…`.

    The tree's files are written to a temporary folder first; a symbolic link or a file over
    the size limit is not written, and is an error, as reading the folder would refuse it.
    """
    with tempfile.TemporaryDirectory(prefix="kategoriplan-data-") as folder:
        target = Path(folder) / "data"
        target.mkdir()
        refused = git.export(tree, target, limit=MAX_FILE_BYTES)
        result = Loader(target, display_root=Path(folder)).load(today=today)
    if refused:
        result.findings = sorted([*result.findings, *(error(f"data/{path}", 0, LEFT_OUT) for path in refused)])
        result.model = None
    return result


def load_at(data_dir: Path, ref: str, *, today: dt.date) -> LoadResult:
    """The data folder as it was at a git reference (a tag, a branch, a commit), loaded and checked like `load`.

    Raises `GitUnavailable` with a Swedish reason when git cannot answer or does not know the reference.
    """
    git = Git(data_dir)
    found = git.objects([f"{ref}^{{commit}}"])[0]
    if found is None:
        raise GitUnavailable(f"git känner inte till referensen {ref!r}")
    tree = git.tree_of(found[0], git.prefix(data_dir))
    if tree is None:
        return LoadResult(model=None, findings=[error("data", 0, f"datamappen finns inte vid {ref}")])
    return load_tree(git, tree, today=today)
