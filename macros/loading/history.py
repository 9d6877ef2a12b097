"""Read the change history of the data and the pages from git.

Never fails a build: without git, outside a repository or in a repository without commits,
the history says why it is missing and the page shows that sentence instead of a table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from pathlib import Path

from macros.loading.cache import NO_CACHE, Cache
from macros.model.history import Commit, FileChange, History

RECORD = "\x1e"
"""Separates commits in the log output (ASCII record separator)."""
FIELD = "\x1f"
"""Separates a commit's fields (ASCII unit separator)."""
LOG_FORMAT = f"--format={RECORD}%H{FIELD}%P{FIELD}%aI{FIELD}%aN{FIELD}%s"
"""One commit per record: id, parents, author time, author (by name as .mailmap gives it) and subject."""
LOG_CACHE = "git-logg"
"""The cache's kind of entry holding git's log for a commit and the two folders."""


class GitUnavailable(Exception):
    """Git could not answer; the message says why, in Swedish."""


def _start(folder: Path, *arguments: str) -> subprocess.Popen[str]:
    """Start git in `folder`; GitUnavailable when there is no git to start."""
    environment = {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.Popen(
            ["git", "-C", str(folder), *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=environment,
        )
    except FileNotFoundError:
        raise GitUnavailable("git finns inte på datorn som byggde webbplatsen") from None


def _answer(process: subprocess.Popen[str]) -> str:
    """What a started git printed; GitUnavailable with a Swedish reason when it failed."""
    output, errors = process.communicate()
    if process.returncode == 0:
        return output
    message = errors.strip().splitlines()[0] if errors.strip() else f"kod {process.returncode}"
    if "not a git repository" in message:
        raise GitUnavailable("webbplatsen byggdes från en kopia utan git-historik")
    if "outside repository" in message:
        raise GitUnavailable("data- och sidmapparna ligger inte i samma git-förråd")
    if "does not have any commits" in message:
        return ""
    raise GitUnavailable(f"git svarade inte ({message})")


def _head(process: subprocess.Popen[str]) -> str:
    """The id of the commit checked out, as a started `rev-parse --verify HEAD` printed it; "" when there is none."""
    output, _ = process.communicate()
    return output.strip() if process.returncode == 0 else ""


def _relative(folder: Path, root: Path) -> str:
    """`folder` relative to the repository root, with a trailing slash ("" for the root itself)."""
    relative = folder.resolve().relative_to(root).as_posix()
    return "" if relative == "." else relative + "/"


def parse_log(output: str) -> tuple[Commit, ...]:
    """Commits from `git log` output written with LOG_FORMAT and --name-status."""
    commits = []
    for record in output.split(RECORD)[1:]:
        header, _, body = record.partition("\n")
        commit_id, parents, made, author, subject = header.split(FIELD, 4)
        files = tuple(
            FileChange(status, path)
            for line in body.splitlines()
            if "\t" in line
            for status, path in [line.split("\t")[:2]]
        )
        made_at = dt.datetime.fromisoformat(made)
        commits.append(Commit(commit_id, made_at, author, subject, files, tuple(parents.split())))
    return tuple(commits)


def read_history(data_dir: Path, pages_dir: Path, cache: Cache = NO_CACHE) -> History:
    """The commits that touched `data_dir` or `pages_dir`, newest first, and what git could not show.

    The git commands run at the same time; paths in their output are relative to the
    repository's root. The log of a clone with its whole history is kept in `cache` under the
    commit checked out and the two folders: a commit's id stands for all its history, so git's
    answer cannot differ while they are the same (a shallow clone, whose history can grow under
    the same commit, always asks git).
    """
    folders = ["--", str(data_dir.resolve()), str(pages_dir.resolve())]
    started: list[subprocess.Popen[str]] = []
    try:
        started += [
            _start(data_dir, "rev-parse", "--show-toplevel", "--is-shallow-repository"),
            _start(data_dir, "rev-parse", "-q", "--verify", "HEAD"),
            _start(data_dir, "status", "--porcelain", "--untracked-files=all", *folders),
        ]
        top, shallow = _answer(started[0]).split()
        status = _answer(started[2])
        root = Path(top).resolve()
        data_prefix, pages_prefix = _relative(data_dir, root), _relative(pages_dir, root)
        head = _head(started[1]) if shallow == "false" else ""
        key = hashlib.sha256(f"{head}\0{data_prefix}\0{pages_prefix}\0{LOG_FORMAT}".encode()).hexdigest()[:32]
        log = cache.get(LOG_CACHE, key) if head else None
        if not isinstance(log, str):
            started.append(_start(data_dir, "log", "--no-renames", LOG_FORMAT, "--name-status", *folders))
            log = _answer(started[-1])
            if head:
                cache.put(LOG_CACHE, key, log)
    except GitUnavailable as reason:
        return History(unavailable=str(reason))
    except ValueError:
        return History(unavailable="data- och sidmapparna ligger inte i samma git-förråd")
    finally:
        for process in started:
            process.communicate()
    return History(
        commits=parse_log(log),
        data_prefix=data_prefix,
        pages_prefix=pages_prefix,
        shallow=shallow == "true",
        uncommitted=tuple(line[3:] for line in status.splitlines() if len(line) > 3),
    )
