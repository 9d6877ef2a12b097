"""The build's export step: write every exported file into the built site.

As soon as the data is known (MkDocs' `on_files`), a separate process is started
(`python -m macros.exports.worker`) and given the files that come from the model alone: the
plans and the shared data as JSON with their schemas, the calendars and the OCDS packages.
Every table a page offers for download is sent to it when the page is rendered. The process
imports pandas and the other writers and writes while MkDocs renders the pages, on the other
core; `on_post_build` waits for it and stops the build, naming the file, if anything could
not be written. Nothing is served: the files are part of the built site.

Every build, and every rebuild of the preview (`mkdocs serve`), keeps each job's files in the
cache folder (`exporter/`, see `_Stored`), by the job's content and a fingerprint of the writers
(their source, the model's, and the libraries' versions): a later build whose job is unchanged
takes the files from there instead of writing them again (a hard link, or a copy where the site
is on another file system), and the process is started only when some job is not in the cache,
so a save that changes no exported file never waits for it. Entries no build has used for a
week are removed.

`KATEGORIPLAN_EXPORT=av` builds the same pages without writing the files (for `make bench`,
which measures what the export step adds); `KATEGORIPLAN_EXPORT=utan-cache` writes every file
without the cache (what the export step costs when nothing is cached);
`KATEGORIPLAN_EXPORTTID=FIL` appends the export step's timings to FIL as one JSON line per
build.
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
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from mkdocs.exceptions import Abort

from macros.adapter import incremental
from macros.exports.calendar import EventSequence, history_sequence
from macros.exports.catalog import catalogue, site_jobs
from macros.exports.dataset import Dataset
from macros.exports.jobs import Job, TableFiles
from macros.exports.settings import OpenDataSettings, tables_created
from macros.loading.cache import link_or_copy, source_fingerprint
from macros.render.context import Site

log = logging.getLogger("mkdocs.plugins.kategoriplan")

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SWITCH = "KATEGORIPLAN_EXPORT"
TIMING = "KATEGORIPLAN_EXPORTTID"
WAIT_LIMIT = 900
"""Seconds the build waits for the export process after the pages are written."""

_DONE = object()


STORE = "exporter"
"""The export cache's folder in the cache (`macros.loading.cache.cache_root`)."""

STORE_DAYS = 7
"""Days an entry of the export cache is kept after the last build that used it."""

WRITER_LIBRARIES = ("pandas", "numpy", "XlsxWriter", "icalendar")
"""The libraries whose version, with our writers' source, decides an exported file's bytes."""

WRITER_SOURCE = ("exports", "model")
"""The engine's sub-packages the export process runs: the writers, and the model the JSON Schemas are made from."""


def _writers_fingerprint() -> str:
    """A short hash of what turns a job into bytes: the writers' source and the libraries' versions."""
    versions = "".join(f"{name}={metadata.version(name)}\0" for name in WRITER_LIBRARIES)
    return hashlib.sha256(f"{source_fingerprint(WRITER_SOURCE)}\0{versions}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class _Stored:
    """The export cache of a build: each job's files in a folder named after the job's digest, with the list
    of their paths in the site (`filer.json`), under a folder per writers' fingerprint."""

    folder: Path

    @classmethod
    def under(cls, cache: Path) -> _Stored:
        """The export cache in the cache folder `cache`, for the writers of this engine."""
        return cls(cache / STORE / _writers_fingerprint())

    def copy_out(self, digest: str, paths: list[str], site_dir: Path) -> bool:
        """Put a job's files into the site when the cache holds them; whether it did."""
        entry = self.folder / digest
        try:
            if json.loads((entry / "filer.json").read_text(encoding="utf-8")) != paths:
                return False
            for index, path in enumerate(paths):
                target = site_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(entry / str(index), target)
            os.utime(entry)
        except (OSError, ValueError):
            return False
        return True

    def keep(self, digest: str, paths: list[str], site_dir: Path) -> None:
        """Copy a job's files, as the process wrote them into the site, into the cache (whole or not at all)."""
        entry = self.folder / digest
        if entry.exists():
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=".", dir=self.folder))
        except OSError:
            return  # a cache that cannot be written only costs time
        try:
            for index, path in enumerate(paths):
                link_or_copy(site_dir / path, work / str(index))
            (work / "filer.json").write_text(json.dumps(paths), encoding="utf-8")
            work.rename(entry)
        except OSError:
            pass
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def prune(self, now: float) -> None:
        """Remove the entries no build has used for `STORE_DAYS` days, and the caches of other writers."""
        for other in self.folder.parent.iterdir() if self.folder.parent.is_dir() else ():
            if other != self.folder:
                shutil.rmtree(other, ignore_errors=True)
        limit = now - STORE_DAYS * 86400
        with contextlib.suppress(OSError), os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.stat(follow_symlinks=False).st_mtime < limit:
                    shutil.rmtree(entry.path, ignore_errors=True)


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
    """One build's export jobs: those written by the process, and those taken from the export cache."""

    site_dir: Path
    started: float
    created: dt.datetime
    stored: _Stored | None = None
    """The export cache, or None (a build told not to use it)."""
    worker: _Process | None = None
    sent: int = 0
    written: list[tuple[str, str]] = field(default_factory=list)
    """Every file of the build, with what it holds (for the list of every file)."""
    fresh: dict[str, list[str]] = field(default_factory=dict)
    """Digests of the jobs sent to the process, with their files (kept in the cache for the next build)."""
    copied: int = 0
    """Files taken from the export cache (linked, or copied)."""

    def send(self, job: Job) -> None:
        """Queue a job for the process, or take its files from the export cache when it is unchanged."""
        self.written += [(path, job.title) for path in job.files]
        pickled = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        if self.stored is not None:
            digest = hashlib.sha256(pickled).hexdigest()
            if self.stored.copy_out(digest, job.files, self.site_dir):
                self.copied += len(job.files)
                return
            self.fresh[digest] = job.files
        self.sent += 1
        self.process().jobs.put(pickled)

    def process(self) -> _Process:
        """The export process, started at the first job it must write."""
        if self.worker is None:
            self.worker = _start(self.site_dir)
        return self.worker

    def store(self) -> None:
        """Keep the files the process wrote in the export cache, and let it forget what no build uses."""
        if self.stored is None:
            return
        for digest, paths in self.fresh.items():
            self.stored.keep(digest, paths, self.site_dir)
        self.stored.prune(time.time())


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


def begin(site_dir: Path, site: Site, settings: OpenDataSettings, cache: Path) -> None:
    """Start this build's export step and route every offered table to it (`cache`: the cache folder)."""
    global _step
    abandon()
    switch = os.environ.get(SWITCH)
    if switch == "av":
        site.downloads.sink = None
        return
    stored = _Stored.under(cache) if switch != "utan-cache" else None
    step = _Step(Path(site_dir), time.perf_counter(), _data_moment(site), stored=stored)
    if step.stored is None:
        step.process()  # a build without the cache: start now, so that the process imports its libraries while pages render
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
    """When the data was last committed (the newest of the plans' and the shared data's commits): the tables' created time."""
    return tables_created(site.history, [None, *site.model.plans], site.today)


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
    """Send the list of every file, wait for the process, keep what it wrote in the export cache and
    report what was written (see `finish`)."""
    waited = time.perf_counter()
    step.send(TableFiles(catalogue(step.written), step.created))
    report: dict[str, Any] = {"filer": 0}
    if step.worker is not None:
        report = _wait(step.worker)
    step.store()
    incremental.count_reused_exports(step.copied)
    waited = time.perf_counter() - waited
    total = time.perf_counter() - step.started
    kept = f", {step.copied} oförändrade filer ur cachen" if step.stored is not None else ""
    log.info(
        f"Exporter: {report.get('filer')} filer från {step.sent} jobb{kept}; egen process {total:.2f} s, "
        f"bygget väntade {waited:.2f} s på den"
    )
    if target := os.environ.get(TIMING):
        with open(target, "a", encoding="utf-8") as timings:
            line = {**report, "jobb": step.sent, "återanvända_filer": step.copied}
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
