"""Reading a git repository: objects at commits, file listings, blobs and whole folders.

Every git command runs with a fixed locale and without optional locks, and never with an
argument an editor wrote in a place where git would read an option: references are
checked by the model (`GitRef`) and passed after `--end-of-options` or on standard input.
Failures become `GitUnavailable` with a Swedish reason; nothing here raises anything else.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MISSING = "missing"


class GitUnavailable(Exception):
    """Git could not answer; the message says why, in Swedish."""


def _environment() -> dict[str, str]:
    """The environment of every git command: fixed locale, no optional locks, no pager or prompts."""
    return {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"}


def _reason(errors: bytes, code: int) -> str:
    """A Swedish reason for a failed git command."""
    message = errors.decode("utf-8", "replace").strip().splitlines()[0] if errors.strip() else f"kod {code}"
    if "not a git repository" in message:
        return "webbplatsen byggdes från en kopia utan git-historik"
    return f"git svarade inte ({message})"


@dataclass(frozen=True)
class TreeEntry:
    """A file of a tree: its blob id and its path below the tree; `link` for a symbolic link."""

    blob: str
    path: str
    link: bool = False


class Git:
    """A repository seen from a folder inside it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def run(self, *arguments: str, stdin: bytes | None = None) -> bytes:
        """What git printed for `arguments`; GitUnavailable with a Swedish reason when it failed."""
        try:
            process = subprocess.run(
                ["git", "-C", str(self.folder), *arguments],
                input=stdin,
                capture_output=True,
                env=_environment(),
                check=False,
            )
        except FileNotFoundError:
            raise GitUnavailable("git finns inte på datorn som byggde webbplatsen") from None
        except OSError as exc:
            raise GitUnavailable(f"git kunde inte startas ({exc.strerror or exc})") from None
        if process.returncode != 0:
            raise GitUnavailable(_reason(process.stderr, process.returncode))
        return process.stdout

    def top(self) -> Path:
        """The repository's root folder."""
        return Path(self.run("rev-parse", "--show-toplevel").decode("utf-8").strip()).resolve()

    def prefix(self, folder: Path) -> str:
        """`folder` relative to the repository's root, without a trailing slash ("" for the root)."""
        try:
            relative = folder.resolve().relative_to(self.top()).as_posix()
        except ValueError:
            raise GitUnavailable("mappen ligger inte i git-förrådet") from None
        return "" if relative == "." else relative

    def shallow(self) -> bool:
        """Whether older commits are missing (a shallow clone)."""
        return self.run("rev-parse", "--is-shallow-repository").decode().strip() == "true"

    def shallow_commits(self) -> frozenset[str]:
        """The commits of a shallow clone whose parents were not fetched (empty for a full clone)."""
        path = Path(self.run("rev-parse", "--git-path", "shallow").decode("utf-8").strip())
        if not path.is_absolute():
            path = self.folder / path
        try:
            return frozenset(path.read_text(encoding="ascii").split())
        except OSError:
            return frozenset()

    def objects(self, names: list[str]) -> list[tuple[str, str] | None]:
        """For each object name (`<commit>:<path>`, `<tag>^{commit}` …), its (id, type), or None if missing."""
        if not names:
            return []
        if any("\n" in name for name in names):
            raise GitUnavailable("ett objektnamn innehåller en radbrytning")
        output = self.run("cat-file", "--batch-check", stdin="".join(f"{name}\n" for name in names).encode("utf-8"))
        found: list[tuple[str, str] | None] = []
        for line in output.decode("utf-8", "replace").splitlines():
            parts = line.split()
            found.append(
                None if len(parts) < 3 or parts[-1] == MISSING or parts[1] == MISSING else (parts[0], parts[1])
            )
        if len(found) != len(names):
            raise GitUnavailable("git svarade inte på varje objekt")
        return found

    def tree_of(self, commit: str, prefix: str) -> str | None:
        """The id of the folder `prefix` at `commit` (the commit's whole tree for ""), or None if it is missing."""
        name = f"{commit}^{{tree}}" if not prefix else f"{commit}:{prefix}"
        found = self.objects([name])[0]
        return found[0] if found and found[1] == "tree" else None

    def files(self, tree: str) -> list[TreeEntry]:
        """Every file below a tree, with its blob id and path relative to the tree."""
        output = self.run("ls-tree", "-r", "-z", "--full-tree", tree)
        entries = []
        for record in output.split(b"\0"):
            if not record:
                continue
            header, _, path = record.partition(b"\t")
            mode, kind, blob = header.decode("ascii", "replace").split()
            if kind == "blob":
                entries.append(TreeEntry(blob, path.decode("utf-8", "replace"), link=mode == "120000"))
        return entries

    def blobs(self, ids: list[str]) -> dict[str, bytes]:
        """The content of each blob, read in one batch."""
        if not ids:
            return {}
        output = self.run("cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in ids).encode("ascii"))
        contents: dict[str, bytes] = {}
        position = 0
        for blob in ids:
            end = output.index(b"\n", position)
            header = output[position:end].decode("ascii", "replace").split()
            position = end + 1
            if len(header) < 3 or header[1] == MISSING:
                continue
            size = int(header[2])
            contents[blob] = output[position : position + size]
            position += size + 1
        return contents

    def export(self, tree: str, target: Path, *, limit: int) -> list[str]:
        """Write the regular files of a tree into `target` (at most `limit` bytes each); return what was left out.

        Symbolic links and files over the limit are not written, and named in the result,
        so that reading the copy refuses what reading the original would refuse.
        """
        entries = self.files(tree)
        refused = [entry.path for entry in entries if entry.link]
        wanted = [entry for entry in entries if not entry.link]
        contents = self.blobs(sorted({entry.blob for entry in wanted}))
        for entry in wanted:
            relative = PurePosixPath(entry.path)
            if relative.is_absolute() or ".." in relative.parts:
                refused.append(entry.path)
                continue
            content = contents.get(entry.blob, b"")
            if len(content) > limit:
                refused.append(entry.path)
                continue
            destination = target.joinpath(*relative.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(content)
        return refused
