"""What lies under `data/`, seen without following symbolic links, and reading one file with bounds.

Editors keep plain files and folders in `data/`. A symbolic link (to a file or a folder),
a named pipe, a device, a folder where a file belongs, a file that cannot be read or one
that is far bigger than any data file are refused with a Swedish reason; links are
never followed and nothing outside the data folder is ever read.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path as FsPath

from macros.validation.findings import swedish_count

MAX_FILE_BYTES = 2_000_000
"""Largest data file read (2 MB); the real data's largest is about 80 kB, the benchmark's 50× plan about 400 kB."""

LINK_REFUSED = (
    "är en symbolisk länk, som inte följs; datamappen får bara innehålla vanliga filer och mappar "
    "– lägg filen eller mappen här i stället för länken"
)
FOLDER_AS_FILE = "är en mapp men ska vara en fil; ta bort mappen och lägg datafilen här"
NOT_REGULAR = (
    "är inte en vanlig fil (utan till exempel en namngiven pipe eller en enhet) och läses inte; "
    "ersätt den med en vanlig textfil"
)
OUTSIDE = "ligger utanför datamappen och läses inte"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_REASONS = {
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.ELOOP: "det är en symbolisk länk",
    errno.EIO: "läsfel på disken",
    errno.ENOENT: "den finns inte längre",
    errno.EISDIR: "det är en mapp",
    errno.ENOTDIR: "en del av sökvägen är inte en mapp",
}


class Kind(Enum):
    """What an entry of the data folder is, seen without following links."""

    FILE = "fil"
    FOLDER = "mapp"
    LINK = "symbolisk länk"
    OTHER = "annat"


@dataclass(frozen=True)
class Entry:
    """One entry below the data folder: its path, its parts relative to the folder and its kind."""

    path: FsPath
    parts: tuple[str, ...]
    kind: Kind


@dataclass
class DataTree:
    """Every entry below a data folder, and the folders that could not be listed (with the reason)."""

    entries: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    unreadable: list[tuple[FsPath, str]] = field(default_factory=list)

    def kind(self, parts: tuple[str, ...]) -> Kind | None:
        """The kind of the entry at `parts`, or None if there is none."""
        entry = self.entries.get(parts)
        return entry.kind if entry else None


def walk(root: FsPath) -> DataTree:
    """Everything below `root`, without following symbolic links and without recursion."""
    tree = DataTree()
    pending: list[tuple[FsPath, tuple[str, ...]]] = [(root, ())]
    while pending:
        folder, parts = pending.pop()
        try:
            with os.scandir(folder) as listing:
                children = list(listing)
        except OSError as exc:
            tree.unreadable.append((folder, f"mappen kan inte läsas ({reason(exc)}); kontrollera behörigheterna"))
            continue
        for child in children:
            entry = Entry(folder / child.name, (*parts, child.name), _kind(child))
            tree.entries[entry.parts] = entry
            if entry.kind is Kind.FOLDER:
                pending.append((entry.path, entry.parts))
    return tree


def _kind(entry: os.DirEntry[str]) -> Kind:
    """The kind of a directory entry, never following a link."""
    try:
        if entry.is_symlink():
            return Kind.LINK
        if entry.is_dir(follow_symlinks=False):
            return Kind.FOLDER
        return Kind.FILE if entry.is_file(follow_symlinks=False) else Kind.OTHER
    except OSError:
        return Kind.OTHER


def reason(exc: OSError) -> str:
    """Why the file system refused, in Swedish where the reason is a common one."""
    return _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def unreadable(exc: OSError) -> str:
    """The message for a file that cannot be read."""
    return f"filen kan inte läsas ({reason(exc)}); kontrollera att det är en vanlig fil som går att läsa"


def too_big(size: int, limit: int) -> str:
    """The message for a file bigger than `limit` bytes."""
    return (
        f"filen är {swedish_count(size)} byte men får vara högst {swedish_count(limit)} byte; datafilerna är som störst "
        "omkring 100 kB – dela upp innehållet eller kontrollera att rätt fil har hamnat här"
    )


def read_bounded(file: FsPath, limit: int = MAX_FILE_BYTES) -> bytes | str:
    """The bytes of `file` if it is a regular file of at most `limit` bytes, else why it is not read.

    The file is opened without following a link and without waiting (a named pipe is
    refused, not waited for), and never more than `limit` + 1 bytes are read.
    """
    try:
        handle = os.open(file, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError as exc:
        return LINK_REFUSED if exc.errno == errno.ELOOP else unreadable(exc)
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            return FOLDER_AS_FILE
        if not stat.S_ISREG(info.st_mode):
            return NOT_REGULAR
        if info.st_size > limit:
            return too_big(info.st_size, limit)
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(handle, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        return too_big(size, limit) if size > limit else b"".join(chunks)
    except OSError as exc:
        return unreadable(exc)
    finally:
        os.close(handle)
