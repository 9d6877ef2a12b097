"""The build's export step: write every exported file into the built site.

As soon as the data is known (MkDocs' `on_files`), a separate process is started
(`python -m macros.exports.worker`) and given the files that come from the model alone: the
plans and the shared data as JSON with their schemas, the calendars and the OCDS packages.
Every table a page offers for download is sent to it when the page is rendered. The process
imports pandas and the other writers and writes while MkDocs renders the pages, on the other
core; `on_post_build` waits for it and stops the build, naming the file, if anything could
not be written. Nothing is served: the files are part of the built site.

In the preview (`mkdocs serve`, `macros.adapter.incremental`) the step remembers each job's
files by the job's content: a job the previous build already wrote, unchanged, is not sent
again; its files are written from memory. The process is started only when some job is new,
so a save that changes no exported file never waits for it.

`KATEGORIPLAN_EXPORT=av` builds the same pages without writing the files (for `make bench`,
which measures what the export step adds); `KATEGORIPLAN_EXPORTTID=FIL` appends the export
step's timings to FIL as one JSON line per build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from mkdocs.exceptions import Abort

from macros.adapter import incremental
from macros.adapter.incremental import JobFiles
from macros.exports.calendar import EventSequence, history_sequence
from macros.exports.catalog import catalogue, site_jobs
from macros.exports.dataset import Dataset
from macros.exports.jobs import Job, TableFiles
from macros.exports.settings import OpenDataSettings, data_version
from macros.render.context import Site

log = logging.getLogger("mkdocs.plugins.kategoriplan")

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SWITCH = "KATEGORIPLAN_EXPORT"
TIMING = "KATEGORIPLAN_EXPORTTID"
WAIT_LIMIT = 900
"""Seconds the build waits for the export process after the pages are written."""

_DONE = object()


Memo = Mapping[str, JobFiles]
"""Files written by earlier jobs, by each job's digest (of its pickled content)."""


@dataclass
class _Process:
    """The export process of one build and the thread that feeds it the pickled jobs."""

    process: subprocess.Popen[bytes]
    output: IO[bytes]
    errors: IO[bytes]
    jobs: queue.SimpleQueue[object] = field(default_factory=queue.SimpleQueue)
    feeder: threading.Thread | None = None
    broken: str = ""

    def feed(self) -> None:
        """Write each queued pickled job to the process's input; close it after the last."""
        stdin = self.process.stdin
        assert stdin is not None
        while (job := self.jobs.get()) is not _DONE:
            assert isinstance(job, bytes)
            try:
                stdin.write(job)
                stdin.flush()
            except (BrokenPipeError, OSError) as exc:
                self.broken = f"exportprocessen tog inte emot fler filer ({exc})"
                break
        with contextlib.suppress(OSError):
            stdin.close()

    def stop(self) -> None:
        """End the feeder, kill the process if it still runs and close its output files."""
        self.jobs.put(_DONE)
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.output.close()
        self.errors.close()


@dataclass
class _Step:
    """One build's export jobs: those written by the process, and those taken from the previous build."""

    site_dir: Path
    started: float
    created: dt.datetime
    earlier: Memo | None = None
    """The previous build's files by job (the preview), or None (a build: every job is written)."""
    worker: _Process | None = None
    sent: int = 0
    written: list[tuple[str, str]] = field(default_factory=list)
    """Every file of the build, with what it holds (for the list of every file)."""
    reused: dict[str, JobFiles] = field(default_factory=dict)
    fresh: dict[str, list[str]] = field(default_factory=dict)
    """Digests of the jobs sent to the process, with their files (remembered for the next build)."""

    def send(self, job: Job) -> None:
        """Queue a job for the process, or take its files from the previous build when it is unchanged."""
        self.written += [(path, job.title) for path in job.files]
        pickled = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        if self.earlier is not None:
            digest = hashlib.sha256(pickled).hexdigest()
            files = self.earlier.get(digest)
            if files is not None and [path for path, _ in files] == job.files:
                self.reused[digest] = files
                return
            self.fresh[digest] = job.files
        self.sent += 1
        self.process().jobs.put(pickled)

    def process(self) -> _Process:
        """The export process, started at the first job it must write."""
        if self.worker is None:
            self.worker = _start(self.site_dir)
        return self.worker

    def write_reused(self) -> int:
        """Write the files of the jobs taken from the previous build; how many."""
        count = 0
        for path, content in (file for files in self.reused.values() for file in files):
            target = self.site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            count += 1
        return count

    def memo(self) -> dict[str, JobFiles]:
        """Every job's files as this build wrote them (the next preview build reuses them)."""
        kept = dict(self.reused)
        for digest, paths in self.fresh.items():
            kept[digest] = tuple((path, (self.site_dir / path).read_bytes()) for path in paths)
        return kept


def _start(site_dir: Path) -> _Process:
    """Start `python -m macros.exports.worker SITE_DIR` and the thread that feeds it."""
    output, errors = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115 (closed with the process)
    path = os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    process = subprocess.Popen(
        [sys.executable, "-m", "macros.exports.worker", str(site_dir)],
        stdin=subprocess.PIPE,
        stdout=output,
        stderr=errors,
        env={**os.environ, "PYTHONPATH": path},
        cwd=PROJECT_ROOT,
    )
    worker = _Process(process, output, errors)
    worker.feeder = threading.Thread(target=worker.feed, name="export", daemon=True)
    worker.feeder.start()
    return worker


_step: _Step | None = None


def begin(site_dir: Path, site: Site, settings: OpenDataSettings) -> None:
    """Start this build's export step and route every offered table to it."""
    global _step
    abandon()
    if os.environ.get(SWITCH) == "av":
        site.downloads.sink = None
        return
    step = _Step(Path(site_dir), time.perf_counter(), _data_moment(site), earlier=incremental.earlier_exports())
    if step.earlier is None:
        step.process()  # a build: start now, so that the process imports its libraries while pages render
    _step = step

    def sink(table: Dataset) -> None:
        step.send(TableFiles(table, step.created))

    site.downloads.sink = sink
    for table in site.downloads.datasets:
        sink(table)
    jobs = site_jobs(
        site.model,
        site.today,
        site.history,
        settings,
        sequence=date_changes(site),
        page_address=_addresses(settings),
    )
    for job in jobs:
        step.send(job)


def date_changes(site: Site) -> EventSequence:
    """How often each date of the calendars changed, from the build's history: the calendar's SEQUENCE
    (see `macros.exports.calendar.history_sequence`). Without a history every date counts as never changed."""
    return history_sequence(site.history, site.model)


def _data_moment(site: Site) -> dt.datetime:
    """When the data last changed (the newest of the plans' and the shared data's versions)."""
    ids: list[str | None] = [None, *site.model.plans]
    return max(data_version(site.history, plan_id, site.today).stamp for plan_id in ids)


def _addresses(settings: OpenDataSettings) -> Any:
    """A page's or file's absolute address when the site's address is known (mkdocs.yml site_url)."""
    from macros.render.html import page_url

    def address(path: str) -> str | None:
        if not settings.site_url:
            return None
        return settings.site_url + (page_url(path) if path.endswith(".md") else path)

    return address


def finish() -> None:
    """Wait for the export process; stop the build with a Swedish message if a file was not written."""
    global _step
    step, _step = _step, None
    if step is None:
        return
    try:
        _finish(step)
    finally:
        if step.worker is not None:
            step.worker.stop()


def _finish(step: _Step) -> None:
    """Send the list of every file, wait for the process, write the files taken from the previous build
    and report what was written (see `finish`)."""
    waited = time.perf_counter()
    step.send(TableFiles(catalogue(step.written), step.created))
    report: dict[str, Any] = {"filer": 0}
    if step.worker is not None:
        report = _wait(step.worker)
    reused = step.write_reused()
    if step.earlier is not None:
        incremental.remember_exports(step.memo(), reused=reused)
    waited = time.perf_counter() - waited
    total = time.perf_counter() - step.started
    kept = f", {reused} oförändrade filer från förra bygget" if step.earlier is not None else ""
    log.info(
        f"Exporter: {report.get('filer')} filer från {step.sent} jobb{kept}; egen process {total:.2f} s, "
        f"bygget väntade {waited:.2f} s på den"
    )
    if target := os.environ.get(TIMING):
        with open(target, "a", encoding="utf-8") as timings:
            line = {**report, "jobb": step.sent, "återanvända_filer": reused}
            line |= {"process_s": round(total, 3), "väntan_s": round(waited, 3)}
            timings.write(json.dumps(line) + "\n")


def _wait(worker: _Process) -> dict[str, Any]:
    """Close the process's input, wait for it and return its report; stop the build if it failed."""
    worker.jobs.put(_DONE)
    if worker.feeder is not None:
        worker.feeder.join()
    try:
        code = worker.process.wait(timeout=WAIT_LIMIT)
    except subprocess.TimeoutExpired:
        worker.process.kill()
        raise Abort(f"Exporterna blev inte klara på {WAIT_LIMIT} sekunder; webbplatsen byggs inte.") from None
    report = _report(worker.output)
    if code != 0 or worker.broken:
        problems = report.get("fel") or [worker.broken or _tail(worker.errors)]
        raise Abort("Exporterna kunde inte skrivas; webbplatsen byggs inte.\n" + "\n".join(map(str, problems)))
    return report


def _report(output: IO[bytes]) -> dict[str, Any]:
    """The process's closing JSON line, or an empty dict."""
    output.seek(0)
    lines = output.read().decode("utf-8", "replace").strip().splitlines()
    try:
        return dict(json.loads(lines[-1])) if lines else {}
    except ValueError:
        return {}


def _tail(stream: IO[bytes]) -> str:
    """The last lines the process wrote to its error output."""
    stream.seek(0)
    text = stream.read().decode("utf-8", "replace").strip()
    return "\n".join(text.splitlines()[-10:]) or "exportprocessen avslutades med fel"


def abandon() -> None:
    """Stop a running export process (the build failed, or a new build starts)."""
    global _step
    step, _step = _step, None
    if step is not None and step.worker is not None:
        step.worker.stop()
