"""The build's export step: write every exported file into the built site.

As soon as the data is known (MkDocs' `on_files`), a separate process is started
(`python -m macros.exports.worker`) and given the files that come from the model alone: the
plans and the shared data as JSON with their schemas, the calendars and the OCDS packages.
Every table a page offers for download is sent to it when the page is rendered. The process
imports pandas and the other writers and writes while MkDocs renders the pages, on the other
core; `on_post_build` waits for it and stops the build, naming the file, if anything could
not be written. Nothing is served: the files are part of the built site.

`KATEGORIPLAN_EXPORT=av` builds the same pages without writing the files (for `make bench`,
which measures what the export step adds); `KATEGORIPLAN_EXPORTTID=FIL` appends the export
step's timings to FIL as one JSON line per build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from mkdocs.exceptions import Abort

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


@dataclass
class _Step:
    """One build's export process and the thread that feeds it."""

    process: subprocess.Popen[bytes]
    output: IO[bytes]
    errors: IO[bytes]
    started: float
    created: dt.datetime
    jobs: queue.SimpleQueue[object] = field(default_factory=queue.SimpleQueue)
    sent: int = 0
    written: list[tuple[str, str]] = field(default_factory=list)
    """Every file sent for writing, with what it holds (for the list of every file)."""
    feeder: threading.Thread | None = None
    broken: str = ""

    def close(self) -> None:
        """Close the files that hold the process's output (once it has ended)."""
        self.output.close()
        self.errors.close()

    def send(self, job: Job) -> None:
        """Queue a job for the process (the feeder thread pickles it into the pipe)."""
        self.sent += 1
        self.written += [(path, job.title) for path in job.files]
        self.jobs.put(job)

    def feed(self) -> None:
        """Pickle each queued job into the process's input; close it after the last."""
        stdin = self.process.stdin
        assert stdin is not None
        while (job := self.jobs.get()) is not _DONE:
            try:
                pickle.dump(job, stdin, protocol=pickle.HIGHEST_PROTOCOL)
                stdin.flush()
            except (BrokenPipeError, OSError) as exc:
                self.broken = f"exportprocessen tog inte emot fler filer ({exc})"
                break
        with contextlib.suppress(OSError):
            stdin.close()


_step: _Step | None = None


def begin(site_dir: Path, site: Site, settings: OpenDataSettings) -> None:
    """Start the export process for this build and route every offered table to it."""
    global _step
    abandon()
    if os.environ.get(SWITCH) == "av":
        site.downloads.sink = None
        return
    output, errors = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115 (closed with the step)
    path = os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    process = subprocess.Popen(
        [sys.executable, "-m", "macros.exports.worker", str(site_dir)],
        stdin=subprocess.PIPE,
        stdout=output,
        stderr=errors,
        env={**os.environ, "PYTHONPATH": path},
        cwd=PROJECT_ROOT,
    )
    created = _data_moment(site)
    step = _Step(process, output, errors, time.perf_counter(), created)
    step.feeder = threading.Thread(target=step.feed, name="export", daemon=True)
    step.feeder.start()
    _step = step

    def sink(table: Dataset) -> None:
        step.send(TableFiles(table, created))

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
        if step.process.poll() is None:
            step.process.kill()
            step.process.wait()
        step.close()


def _finish(step: _Step) -> None:
    """Send the list of every file, wait for the process and report what it wrote (see `finish`)."""
    waited = time.perf_counter()
    step.send(TableFiles(catalogue(step.written), step.created))
    step.jobs.put(_DONE)
    if step.feeder is not None:
        step.feeder.join()
    try:
        code = step.process.wait(timeout=WAIT_LIMIT)
    except subprocess.TimeoutExpired:
        step.process.kill()
        raise Abort(f"Exporterna blev inte klara på {WAIT_LIMIT} sekunder; webbplatsen byggs inte.") from None
    waited = time.perf_counter() - waited
    report = _report(step)
    if code != 0 or step.broken:
        problems = report.get("fel") or [step.broken or _tail(step.errors)]
        raise Abort("Exporterna kunde inte skrivas; webbplatsen byggs inte.\n" + "\n".join(map(str, problems)))
    total = time.perf_counter() - step.started
    log.info(
        f"Exporter: {report.get('filer')} filer från {step.sent} jobb; egen process {total:.2f} s, "
        f"bygget väntade {waited:.2f} s på den"
    )
    if target := os.environ.get(TIMING):
        with open(target, "a", encoding="utf-8") as timings:
            timings.write(
                json.dumps({**report, "jobb": step.sent, "process_s": round(total, 3), "väntan_s": round(waited, 3)})
                + "\n"
            )


def _report(step: _Step) -> dict[str, Any]:
    """The process's closing JSON line, or an empty dict."""
    step.output.seek(0)
    lines = step.output.read().decode("utf-8", "replace").strip().splitlines()
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
    if step is None:
        return
    step.jobs.put(_DONE)
    if step.process.poll() is None:
        step.process.kill()
    step.process.wait()
    step.close()
