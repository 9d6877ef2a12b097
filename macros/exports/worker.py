"""`python -m macros.exports.worker SITE_DIR`: write the export jobs the build sends.

The build (`macros.adapter.exports`) starts this process as soon as it knows the data, and
sends each job (pickled, on standard input) as the pages that show the tables are rendered.
The process imports pandas, XlsxWriter and icalendar while the build renders, writes each
job's files under SITE_DIR, and when its input ends prints one line of JSON: the number of
files, the seconds spent importing and writing, and any failures (Swedish). Exit code 1 when
a job failed, 2 on wrong use.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO


def _warm() -> float:
    """Import the writers' libraries now, while the build renders pages; the seconds it took."""
    start = time.perf_counter()
    import macros.exports.ical
    import macros.exports.tabular  # noqa: F401

    return time.perf_counter() - start


def run(root: Path, source: BinaryIO) -> dict[str, object]:
    """Write every job read from `source`; what was done, as a dict."""
    imported = _warm()
    written, busy, failures = 0, 0.0, []
    while True:
        try:
            job = pickle.load(source)
        except EOFError:
            break
        start = time.perf_counter()
        try:
            job.write(root)
            written += len(job.files)
        except Exception as exc:  # reported with the file's name; the build stops with it
            failures.append(f"{', '.join(job.files)}: {type(exc).__name__}: {exc}")
        busy += time.perf_counter() - start
    return {"filer": written, "import_s": round(imported, 3), "skriva_s": round(busy, 3), "fel": failures}


def main(argv: Sequence[str]) -> int:
    """Entry point; returns the exit code."""
    if len(argv) != 1:
        print("användning: python -m macros.exports.worker WEBBPLATSMAPP", file=sys.stderr)
        return 2
    report = run(Path(argv[0]), sys.stdin.buffer)
    print(json.dumps(report, ensure_ascii=False), flush=True)
    return 1 if report["fel"] else 0


def exit_now(code: int) -> None:
    """End the process without Python's teardown of its modules (about 0.1 s with pandas loaded), which
    the build would wait for: every file is closed by its writer, and the report is flushed here."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    exit_now(main(sys.argv[1:]))
