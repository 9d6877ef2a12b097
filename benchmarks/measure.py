"""Timing child processes: wall time, CPU time and peak memory of each run, baseline and
subject interleaved so that load from other processes hits both alike (see `benchmarks.stats`)."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.stats import Spread, ratio_spread


@dataclass(frozen=True)
class Run:
    """One finished child process."""

    seconds: float
    max_rss_kb: int
    returncode: int
    output: str
    timed_out: bool = False
    cpu_seconds: float = 0.0
    """User and system CPU time of the command and of every child it waited for."""


class RunFailed(Exception):
    """A measured command did not succeed."""


class TimedOut(RunFailed):
    """A measured command did not finish within its time limit."""

    def __init__(self, message: str, seconds: float) -> None:
        super().__init__(message)
        self.seconds = seconds


TIME = Path("/usr/bin/time")
"""GNU time reports the peak memory of the command alone. A child forked straight from this
(large) process would report this process's memory as its own peak: Linux keeps the
high-water mark across fork and exec."""


def run(
    command: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 900
) -> Run:
    """Run `command`; return its wall time and peak resident memory; kill it (and its children) at `timeout`."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log, tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [str(TIME), "-f", "%M", "-o", rss.name, *command] if TIME.exists() else list(command)
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True
        )
        deadline = start + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
        max_rss = int(usage.ru_maxrss)
        if TIME.exists():
            lines = [line for line in Path(rss.name).read_text(encoding="utf-8").splitlines() if line.strip().isdigit()]
            max_rss = int(lines[-1]) if lines else 0
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, max_rss, process.returncode, output, timed_out, cpu)


def checked(command: Sequence[str], **kwargs: object) -> Run:
    """`run`, raising RunFailed with the output's tail when the command fails."""
    result = run(command, **kwargs)  # type: ignore[arg-type]
    if result.timed_out:
        raise TimedOut(f"{' '.join(map(str, command))} blev inte klart inom {result.seconds:.0f} s", result.seconds)
    if result.returncode != 0:
        raise RunFailed(f"{' '.join(map(str, command))} gav {result.returncode}:\n{result.output[-3000:]}")
    return result


@dataclass
class Pair:
    """Subject and baseline runs measured side by side."""

    subject: list[Run] = field(default_factory=list)
    baseline: list[Run] = field(default_factory=list)

    @property
    def subject_seconds(self) -> float:
        """Median wall time of the subject."""
        return statistics.median(r.seconds for r in self.subject)

    @property
    def baseline_seconds(self) -> float:
        """Median wall time of the baseline."""
        return statistics.median(r.seconds for r in self.baseline)

    @property
    def subject_cpu(self) -> float:
        """Median CPU time of the subject."""
        return statistics.median(r.cpu_seconds for r in self.subject)

    @property
    def baseline_cpu(self) -> float:
        """Median CPU time of the baseline."""
        return statistics.median(r.cpu_seconds for r in self.baseline)

    @property
    def cpu(self) -> Spread:
        """Per-round ratios of CPU time subject/baseline: median and interval (the judged statistic)."""
        return ratio_spread([r.cpu_seconds for r in self.subject], [r.cpu_seconds for r in self.baseline])

    @property
    def wall(self) -> Spread:
        """Per-round ratios of wall time subject/baseline: median and interval."""
        return ratio_spread([r.seconds for r in self.subject], [r.seconds for r in self.baseline])

    @property
    def ratio(self) -> float:
        """The median of the per-round CPU-time ratios, the value every build target is judged on."""
        return self.cpu.median

    @property
    def subject_rss_mb(self) -> float:
        """Largest peak memory of the subject, in MiB."""
        return max(r.max_rss_kb for r in self.subject) / 1024

    @property
    def baseline_rss_mb(self) -> float:
        """Largest peak memory of the baseline, in MiB."""
        return max(r.max_rss_kb for r in self.baseline) / 1024


def interleaved(subject: Sequence[str], baseline: Sequence[str], rounds: int, **kwargs: object) -> Pair:
    """Run both commands `rounds` times, alternating which goes first (ABBA), failing on any error."""
    pair = Pair()
    for index in range(rounds):
        order = [("subject", subject), ("baseline", baseline)]
        if index % 2:
            order.reverse()
        for name, command in order:
            getattr(pair, name).append(checked(command, **kwargs))
    return pair
