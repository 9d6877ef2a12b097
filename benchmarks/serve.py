"""Rebuild time of `mkdocs serve` after one file changes, ours and a plain server side by side.

Both servers run at once, each on a free 127.0.0.1 port; their logs are read line by line as
they arrive. In each round a file of one server is changed and the time until that server logs
"Reloading browsers" is taken (the browser reloads then), the served page is checked to show
the change, and the CPU time the server used meanwhile is read from /proc; then the same for
the other server, the order alternating from round to round (ABBA) so that load from other
processes hits both alike. Servers are always stopped, and every wait is bounded.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Rebuilds:
    """Seconds from a change until the browser reload, one per change."""

    seconds: list[float] = field(default_factory=list)
    build_seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    """CPU time of the server (and of the programs it ran, such as git) from the save to the reload."""

    @property
    def median(self) -> float:
        """Median wait of an editor, from saving the file to the reload."""
        return statistics.median(self.seconds)

    @property
    def build_median(self) -> float:
        """Median time of the rebuild itself (from "Building documentation" to the reload)."""
        return statistics.median(self.build_seconds)


class Server:
    """A running `mkdocs serve` whose log lines are timestamped as they arrive."""

    def __init__(self, config: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log: list[str] = []
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip()))

    def url(self, path: str = "/") -> str:
        """The URL of a served path."""
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_for_line(self, text: str, timeout: float) -> float:
        """The arrival time of the next log line containing `text`."""
        deadline = time.perf_counter() + timeout
        while (left := deadline - time.perf_counter()) > 0:
            try:
                stamp, line = self.lines.get(timeout=min(left, 1.0))
            except queue.Empty:
                if self.process.poll() is not None:
                    raise RuntimeError("mkdocs serve avslutades:\n" + "\n".join(self.log[-30:])) from None
                continue
            self.log.append(line)
            if text in line:
                return stamp
        raise TimeoutError(f"mkdocs serve skrev inte {text!r} inom {timeout:.0f} s:\n" + "\n".join(self.log[-30:]))

    def drain(self) -> None:
        """Forget the log lines that arrived so far (from earlier builds)."""
        while True:
            try:
                self.log.append(self.lines.get_nowait()[1])
            except queue.Empty:
                return

    def wait_for_reload(self, timeout: float) -> tuple[float, float]:
        """(start of the last build, browser reload) of the next rebuild."""
        building = self.wait_for_line("Building documentation", timeout)
        done = self.wait_for_line("Reloading browsers", timeout)
        return building, done

    def cpu_seconds(self) -> float:
        """CPU time the server process and its finished children used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def page(self, path: str = "/") -> str:
        """The served page's text."""
        with urllib.request.urlopen(self.url(path), timeout=10) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        """Stop the server and everything it started."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@contextlib.contextmanager
def serving(config: Path, env: dict[str, str], *, start_timeout: float = 300) -> Iterator[Server]:
    """A server that has finished its first build; always stopped afterwards."""
    server = Server(config, env)
    try:
        server.wait_for_line("Serving on", start_timeout)
        yield server
    finally:
        server.stop()


Change = Callable[[int], str]
"""Edits a file for round n and returns a text the page must show afterwards."""


def _one_rebuild(server: Server, change: Change, index: int, page: str, timeout: float, result: Rebuilds) -> None:
    """Change a file, wait for the reload that shows it, and note the wait, the rebuild and the CPU time."""
    time.sleep(1.2)  # let the file watcher settle after the previous build
    server.drain()
    cpu = server.cpu_seconds()
    marker = change(index)
    changed = time.perf_counter()
    deadline = changed + timeout
    while True:  # a change can cause more than one rebuild; wait for the one that shows it
        building, done = server.wait_for_reload(max(deadline - time.perf_counter(), 1))
        if marker in server.page(page):
            break
        if time.perf_counter() > deadline:
            raise RuntimeError(f"sidan {page} visar inte ändringen {marker!r} efter ombyggnaden")
    result.seconds.append(done - changed)
    result.build_seconds.append(done - building)
    result.cpu_seconds.append(server.cpu_seconds() - cpu)


def measure_side_by_side(
    ours: tuple[Path, Change, str],
    plain: tuple[Path, Change, str],
    env: dict[str, str],
    *,
    rounds: int = 5,
    timeout: float = 300,
) -> tuple[Rebuilds, Rebuilds]:
    """Both servers running; in each round one edit to each (configuration, change, page), order alternating."""
    results = (Rebuilds(), Rebuilds())
    with serving(ours[0], env) as first, serving(plain[0], env) as second:
        servers = ((first, ours, results[0]), (second, plain, results[1]))
        for index in range(1, rounds + 1):
            for server, (_, change, page), result in servers if index % 2 else reversed(servers):
                _one_rebuild(server, change, index, page, timeout, result)
    return results


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of `old` in a file, keeping everything else byte for byte."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{path}: hittar inte {old!r}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
