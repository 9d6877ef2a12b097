"""A `mkdocs serve --strict` of a fixture project for the preview's tests, as `make serve` runs it."""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from benchmarks.serve import free_port
from tests.sitebuild import FIXED_TODAY, FIXTURE_CONTENT, FIXTURE_DATA, write_config

STARTUP_SECONDS = 300
"""The first build of the fixture site takes seconds; on a loaded machine it may take minutes."""


def preview_project(folder: Path) -> Path:
    """A project with a copy of the fixture data and pages whose data folder is watched; its mkdocs.yml."""
    shutil.copytree(FIXTURE_DATA, folder / "data")
    shutil.copytree(FIXTURE_CONTENT, folder / "content")
    config = write_config(folder, data=folder / "data", content=folder / "content")
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["watch"] = [str(folder / "data")]
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


class Preview:
    """A running `mkdocs serve --strict` whose log is collected as it arrives."""

    def __init__(self, config: Path) -> None:
        self.port = free_port()
        self.log: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        env = {**os.environ, "KATEGORIPLAN_IDAG": FIXED_TODAY, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(config)]
        self.process = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=config.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            start_new_session=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip())

    @property
    def url(self) -> str:
        """The address of the served site."""
        return f"http://127.0.0.1:{self.port}/"

    def wait_for(self, text: str, timeout: float = STARTUP_SECONDS) -> str:
        """The next log line containing `text` (fails with the log's end after `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._lines.get(timeout=min(left, 1.0))
            except queue.Empty:
                if self.process.poll() is not None:
                    raise AssertionError("mkdocs serve avslutades:\n" + "\n".join(self.log[-40:])) from None
                continue
            self.log.append(line)
            if text in line:
                return line
        raise AssertionError(f"mkdocs serve skrev inte {text!r} inom {timeout:.0f} s:\n" + "\n".join(self.log[-40:]))

    def page(self, path: str) -> str:
        """The served page's HTML (an error status still gives the page MkDocs serves with it)."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=60) as response:
                return str(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            return str(exc.read().decode("utf-8"))

    def stop(self) -> None:
        """Stop the server and everything it started."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        self._reader.join(timeout=15)
        if self.process.stdout is not None:
            self.process.stdout.close()
