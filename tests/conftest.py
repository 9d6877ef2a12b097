"""Shared fixtures: a writable copy of the fixture data and a way to validate it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from macros.loading.loader import LoadResult, load
from tests.sitebuild import FIXTURE_DATA

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium (Playwright cannot download browsers here)."""

TODAY = dt.date(2024, 6, 1)


class DataCopy:
    """A copy of the fixture data that a test edits and validates."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, relative: str) -> Path:
        """A file of the copy, e.g. `planer/exempel/aktiviteter.yml`."""
        return self.root / relative

    def edit(self, relative: str, change: Callable[[str], str]) -> None:
        """Rewrite one file's text with `change`."""
        file = self.path(relative)
        file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")

    def replace(self, relative: str, old: str, new: str) -> None:
        """Replace one exact occurrence of `old` in a file."""

        def change(text: str) -> str:
            assert text.count(old) == 1, f"{old!r} förekommer {text.count(old)} gånger i {relative}"
            return text.replace(old, new)

        self.edit(relative, change)

    def append(self, relative: str, addition: str) -> None:
        """Add text at the end of a file."""
        self.edit(relative, lambda text: text + addition)

    def line_of(self, relative: str, marker: str, occurrence: int = 1) -> int:
        """The line number of the `occurrence`-th line containing `marker`."""
        hits = [
            n
            for n, line in enumerate(self.path(relative).read_text(encoding="utf-8").splitlines(), 1)
            if marker in line
        ]
        return hits[occurrence - 1]

    def load(self, today: dt.date = TODAY) -> LoadResult:
        """Validate the copy."""
        return load(self.root, today=today)


@pytest.fixture
def data(tmp_path: Path) -> DataCopy:
    """A fresh, valid copy of the fixture data in a temporary folder."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return DataCopy(target)


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    """One Playwright driver for the whole run; every browser test launches Chromium from it.

    Playwright's sync API allows one driver at a time, so the browser gates and the view tests
    share this one instead of each starting their own.
    """
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """Headless Chromium from Debian's package (one per test module), from the run's one Playwright driver.

    The browser gates in tests/browser/ have a `browser` of their own (their conftest)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium saknas ({CHROMIUM})")
    chromium = playwright_session.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop page (1280 × 900)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
