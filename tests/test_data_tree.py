"""Files and folders under data/: links are refused and never followed, only regular files are read,
and only up to the size limit; every refusal is a Swedish finding naming the path."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from macros.adapter.session import _signature
from macros.loading import data_tree
from macros.loading.data_tree import FOLDER_AS_FILE, LINK_REFUSED, NOT_REGULAR, Kind, read_bounded, walk
from macros.loading.loader import LoadResult
from tests.conftest import DataCopy

STRATEGIES = "planer/exempel/strategier.yml"


def findings_for(result: LoadResult, relative: str) -> list[str]:
    """The messages of the findings about `data/<relative>` (without line)."""
    return [f.message for f in result.findings if f.file == f"data/{relative}"]


def test_walk_does_not_follow_a_linked_folder(tmp_path: Path) -> None:
    """A link to a folder is listed as a link, and nothing behind it is listed."""
    (tmp_path / "utanfor").mkdir()
    (tmp_path / "utanfor" / "hemlig.yml").write_text("a: 1\n", encoding="utf-8")
    root = tmp_path / "data"
    (root / "planer").mkdir(parents=True)
    (root / "planer" / "lank").symlink_to(tmp_path / "utanfor", target_is_directory=True)
    (root / "planer" / "slinga").symlink_to(root / "planer" / "slinga")
    tree = walk(root)
    assert tree.kind(("planer", "lank")) is Kind.LINK
    assert tree.kind(("planer", "slinga")) is Kind.LINK
    assert ("planer", "lank", "hemlig.yml") not in tree.entries


def test_read_refuses_a_link(tmp_path: Path) -> None:
    """A link is never opened through, even to a readable file."""
    (tmp_path / "mal.yml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "lank.yml").symlink_to(tmp_path / "mal.yml")
    assert read_bounded(tmp_path / "lank.yml") == LINK_REFUSED


def test_read_refuses_a_named_pipe_without_waiting(tmp_path: Path) -> None:
    """A named pipe is refused at once; reading it would wait for a writer forever."""
    pipe = tmp_path / "ror.yml"
    os.mkfifo(pipe)
    result: list[bytes | str] = []
    reader = threading.Thread(target=lambda: result.append(read_bounded(pipe)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert result == [NOT_REGULAR]


def test_read_refuses_a_folder(tmp_path: Path) -> None:
    """A folder where a file belongs is refused."""
    assert read_bounded(tmp_path) == FOLDER_AS_FILE


def test_read_size_limit(tmp_path: Path) -> None:
    """A file of exactly the limit is read; one byte more is refused with both sizes in the message."""
    file = tmp_path / "f.yml"
    file.write_bytes(b"x" * 1000)
    assert read_bounded(file, limit=1000) == b"x" * 1000
    file.write_bytes(b"x" * 1001)
    assert read_bounded(file, limit=1000) == (
        "filen är 1 001 byte men får vara högst 1 000 byte; datafilerna är som störst omkring 100 kB "
        "– dela upp innehållet eller kontrollera att rätt fil har hamnat här"
    )


def test_read_errors_become_reasons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the system will not open or read gives a Swedish reason, never an exception (tests run as root,
    so the refusals are simulated)."""
    file = tmp_path / "f.yml"
    file.write_text("a: 1\n", encoding="utf-8")

    def refuse_open(path: object, flags: int, mode: int = 0o777) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    def fail_read(handle: int, size: int) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(data_tree.os, "open", refuse_open)
        assert read_bounded(file) == (
            "filen kan inte läsas (behörighet saknas); kontrollera att det är en vanlig fil som går att läsa"
        )
    with monkeypatch.context() as patch:
        patch.setattr(data_tree.os, "read", fail_read)
        assert read_bounded(file).startswith("filen kan inte läsas (läsfel på disken)")  # type: ignore[union-attr]


def test_unreadable_data_file_is_a_finding(data: DataCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data file that cannot be read is an error naming it, and the load goes on without a traceback."""
    target = str(data.path(STRATEGIES))
    real_open = os.open

    def refuse_one(path: object, flags: int, mode: int = 0o777) -> int:
        if str(path) == target:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(data_tree.os, "open", refuse_one)
    result = data.load()
    assert findings_for(result, STRATEGIES) == [
        "filen kan inte läsas (behörighet saknas); kontrollera att det är en vanlig fil som går att läsa"
    ]


def test_unreadable_folder_is_a_finding(data: DataCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that cannot be listed is one error naming it, not one per file in it (simulated: tests run as root)."""
    target = str(data.path("planer/exempel"))
    real_scandir = os.scandir

    def refuse_one(path: str) -> object:
        if str(path) == target:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(data_tree.os, "scandir", refuse_one)
    result = data.load()
    assert findings_for(result, "planer/exempel") == [
        "mappen kan inte läsas (behörighet saknas); kontrollera behörigheterna"
    ]
    assert not result.ok


def test_linked_data_file_is_refused_not_missing(data: DataCopy) -> None:
    """A required file that is a link is reported once, as a link, not also as missing."""
    data.path(STRATEGIES).rename(data.root.parent / "strategier.yml")
    data.path(STRATEGIES).symlink_to(data.root.parent / "strategier.yml")
    assert findings_for(data.load(), STRATEGIES) == [LINK_REFUSED]


def test_linked_plan_folder_is_not_a_plan(data: DataCopy) -> None:
    """A link to a plan folder is refused and the plan behind it is not loaded."""
    data.path("planer/kopia").symlink_to(data.path("planer/exempel"), target_is_directory=True)
    result = data.load()
    assert findings_for(result, "planer/kopia") == [LINK_REFUSED]
    assert not [f for f in result.findings if f.file.startswith("data/planer/kopia/")]


def test_linked_shared_folder_is_refused_once(data: DataCopy, tmp_path: Path) -> None:
    """The shared folder as a link is one finding; its files are not also reported as missing."""
    data.path("kommun").rename(tmp_path / "kommun")
    data.path("kommun").symlink_to(tmp_path / "kommun", target_is_directory=True)
    result = data.load()
    assert findings_for(result, "kommun") == [LINK_REFUSED]
    assert not [f for f in result.findings if f.file.startswith("data/kommun/")]


def test_hidden_link_is_ignored(data: DataCopy) -> None:
    """Hidden entries are never read; an editor's lock file (a dangling link such as .#strategier.yml) is no error."""
    data.path("planer/exempel/.#strategier.yml").symlink_to("anna@dator.1234")
    assert data.load().ok


def test_folder_where_a_file_belongs(data: DataCopy) -> None:
    """A folder named like a data file is an error naming it."""
    data.path(STRATEGIES).unlink()
    data.path(STRATEGIES).mkdir()
    assert findings_for(data.load(), STRATEGIES) == [FOLDER_AS_FILE]


def test_special_file_is_refused(data: DataCopy) -> None:
    """A named pipe where a data file belongs is refused, never opened for reading."""
    data.path(STRATEGIES).unlink()
    os.mkfifo(data.path(STRATEGIES))
    assert findings_for(data.load(), STRATEGIES) == [NOT_REGULAR]


def test_build_signature_does_not_follow_links(data: DataCopy, tmp_path: Path) -> None:
    """The rebuild signature of `mkdocs serve` lists links without following them, and survives loops and pipes."""
    data.path("planer/slinga").symlink_to(data.path("planer/slinga"))
    data.path("planer/borta.yml").symlink_to(tmp_path / "finns-inte.yml")
    data.path("planer/utanfor").symlink_to("/etc", target_is_directory=True)
    os.mkfifo(data.path("planer/ror"))
    names = [name for name, _ in _signature(data.root)]
    assert str(data.path("planer/slinga")) in names and str(data.path("planer/ror")) in names
    assert not [name for name in names if name.startswith(str(data.path("planer/utanfor")) + os.sep)]
