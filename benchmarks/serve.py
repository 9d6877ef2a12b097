"""Rebuild time of `mkdocs serve` after one file changes.

The server runs on a free 127.0.0.1 port; its log is read line by line as it arrives.
After the first build is served, a file is changed and the time until the server logs
"Reloading browsers" is taken, and the served page is checked to show the change. The
server is always stopped, and every wait is bounded.
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


def measure_rebuilds(
    config: Path,
    env: dict[str, str],
    change: Callable[[int], str],
    *,
    rounds: int = 3,
    page: str = "/",
    timeout: float = 300,
) -> Rebuilds:
    """Change a file `rounds` times (`change(n)` edits it and returns a text the page must then show)."""
    result = Rebuilds()
    with serving(config, env) as server:
        for index in range(1, rounds + 1):
            time.sleep(1.2)  # let the file watcher settle after the previous build
            server.drain()
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
    return result


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of `old` in a file, keeping everything else byte for byte."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{path}: hittar inte {old!r}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
