"""The preview in Debian's Chromium: a broken data file turns the open page into the Swedish error
page by itself, and the fix brings the page back, with no reload by hand."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright

from macros.render.problems import DATA_ERROR_TITLE
from tests.preview_server import STARTUP_SECONDS, Preview, preview_project

pytestmark = [pytest.mark.browser, pytest.mark.build]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ACTIVITY = "exempel/aktiviteter/e-tjanster/"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Preview, Path]]:
    """The fixture project served by `mkdocs serve --strict`, after its first build."""
    config = preview_project(tmp_path_factory.mktemp("preview-browser"))
    server = Preview(config)
    try:
        server.wait_for("Serving on")
        yield server, config.parent
    finally:
        server.stop()


@pytest.fixture
def page(playwright_session: Playwright) -> Iterator[Page]:
    """A desktop page in headless Chromium."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium saknas ({CHROMIUM})")
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    try:
        yield browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    finally:
        browser.close()


def _heading(page: Page, text: str) -> None:
    """Wait until the page's first heading reads `text` (the page reloads itself after a build)."""
    page.wait_for_function(
        "text => { const h = document.querySelector('h1'); return !!h && h.firstChild.textContent.trim() === text; }",
        arg=text,
        timeout=STARTUP_SECONDS * 1000,
    )


def test_error_page_appears_on_a_broken_file_and_goes_after_the_fix(served: tuple[Preview, Path], page: Page) -> None:
    """Saving invalid data shows the error page with file, line and message; saving the fix shows the activity again."""
    server, project = served
    data = project / "data" / "planer" / "exempel" / "aktiviteter.yml"
    original = data.read_text(encoding="utf-8")
    page.goto(server.url + ACTIVITY)
    _heading(page, "9.2.1 Inför e-tjänster")
    data.write_text(original.replace("    prioritet: 1\n", "    prioritet: 7\n", 1), encoding="utf-8")
    try:
        _heading(page, DATA_ERROR_TITLE)
        text = page.inner_text("article")
        assert "data/planer/exempel/aktiviteter.yml:21" in text
        assert "'prioritet' ska vara högst 3, inte 7" in text
    finally:
        data.write_text(original, encoding="utf-8")
    _heading(page, "9.2.1 Inför e-tjänster")
