"""A cache on disk for what is derived from git: comparisons between two states of the data,
the verdict on the data of a decided version, and the built copies of decided versions.

Entries are keyed by content (git's ids of the data folder's trees, which are hashes of
every data file), so a cached entry is never stale: the same data gives the same answer.
The folder is namespaced by a fingerprint of the engine's source (model, loading,
comparison), so a changed engine never reads answers of an older one; a build removes the
folders of engines no build has used for a week. The cache lives in
`.cache/kategoriplan/` next to mkdocs.yml (ignored by git), or where the environment
variable `KATEGORIPLAN_CACHE` says; deleting it only makes the next build slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from macros.loading.data_tree import Kind, read_bounded, walk

CACHE_VARIABLE = "KATEGORIPLAN_CACHE"
"""Environment variable naming the cache folder (default: `.cache/kategoriplan` in the project)."""

ENGINE = Path(__file__).resolve().parent.parent
"""The `macros` package, whose source the fingerprint covers."""

FINGERPRINTED = ("model", "loading", "comparison", "validation")
"""Sub-packages whose source decides what a cached answer holds."""


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """`target` with the bytes of `source`, a file kept in the cache: a hard link (no bytes are written),
    or a copy where the two are on different file systems. An earlier file at `target` is replaced, not
    written over, since it may itself be a link to a cached file, which must never change in place."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@lru_cache(maxsize=4)
def source_fingerprint(folders: tuple[str, ...]) -> str:
    """A short hash of the source of some of the engine's sub-packages (names relative to `ENGINE`)."""
    digest = hashlib.sha256()
    files = sorted(path for folder in folders for path in (ENGINE / folder).glob("*.py"))
    for path in files:
        digest.update(path.relative_to(ENGINE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def engine_fingerprint() -> str:
    """A short hash of the engine's source that cached answers depend on."""
    return source_fingerprint(FINGERPRINTED)


def cache_root(project: Path) -> Path:
    """The cache folder of a project (the folder of its mkdocs.yml, or the repository)."""
    configured = os.environ.get(CACHE_VARIABLE)
    return Path(configured).resolve() if configured else project / ".cache" / "kategoriplan"


UNUSED_DAYS = 7
"""How long the cache keeps the answers of an engine no build has used (after a change to its source)."""

_FINGERPRINT_NAME = re.compile(r"[0-9a-f]{16}")


class Cache:
    """JSON answers by kind and key, in a folder per engine fingerprint; a missing or broken entry is None."""

    def __init__(self, root: Path | None) -> None:
        self.folder = root / engine_fingerprint() if root is not None else None

    def prune_other_engines(self, now: float) -> None:
        """Mark this engine's folder as used now, and remove the folders of other engines that no build
        has used for `UNUSED_DAYS` days (only folders named as fingerprints: the cache holds others)."""
        if self.folder is None:
            return
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            os.utime(self.folder, (now, now))
        limit = now - UNUSED_DAYS * 86400
        with contextlib.suppress(OSError), os.scandir(self.folder.parent) as entries:
            for entry in entries:
                if (
                    entry.name != self.folder.name
                    and _FINGERPRINT_NAME.fullmatch(entry.name)
                    and entry.is_dir(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_mtime < limit
                ):
                    shutil.rmtree(entry.path, ignore_errors=True)

    def path(self, kind: str, key: str) -> Path | None:
        """Where an entry lives (None without a cache folder)."""
        return self.folder / kind / f"{key}.json" if self.folder is not None else None

    def get(self, kind: str, key: str) -> Any:
        """The cached answer, or None."""
        path = self.path(kind, key)
        if path is None:
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store an answer atomically (a build running at the same time never reads half of it)."""
        path = self.path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
            ) as out:
                json.dump(value, out, ensure_ascii=False)
            os.replace(out.name, path)
        except OSError:
            return  # a cache that cannot be written only costs time


NO_CACHE = Cache(None)
"""A cache that remembers nothing (tests of single functions)."""


def content_hash(folder: Path) -> str:
    """A hash of every file's path and content below `folder` (hidden files and links left out)."""
    digest = hashlib.sha256()
    tree = walk(folder)
    for parts, entry in sorted(tree.entries.items()):
        if entry.kind is not Kind.FILE or any(part.startswith(".") for part in parts):
            continue
        content = read_bounded(entry.path)
        digest.update("/".join(parts).encode())
        digest.update(b"\0")
        digest.update(content if isinstance(content, bytes) else content.encode())
        digest.update(b"\0")
    return digest.hexdigest()
