"""Session fixtures for the browser gates: built sites, a local server for each, one
Chromium, and one crawl per site that every test of that site reads from.

The real site is built once from the repository's mkdocs.yml into a temporary folder;
its crawl writes reports/browser-report.md and reports/browser-report.json.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Playwright

from tests.browser.harness import CHROMIUM, Browser, BuiltSite, Crawl, crawl, serve
from tests.browser.report import write_report
from tests.sitebuild import ROOT, build, write_config
from tests.views_data import add_views_pages, assemble

FIXTURES = ROOT / "tests" / "fixtures" / "browser"
GUIDANCE_VIEWS = [
    "/vyer/oversikter/sjalvskattning/",
    "/vyer/oversikter/nationella-mal/",
    "/vyer/oversikter/upphandlingskalender/",
    "/vyer/upphandlingsbehov/",
    "/vagledning/dalamodellen/",
    "/vagledning/nationella-upphandlingsstrategin/attraktiva-affarer/",
    "/vagledning/upphandling/",
]
"""Guidance pages of the passing fixture site that show the plan "vyer"'s own data."""
REPORTS = ROOT / "reports"
BUILD_TIMEOUT = 600


@dataclass
class ServedSite:
    """A built site while it is served, and its crawl once it has been made."""

    site: BuiltSite
    base: str
    crawl: Crawl | None = None


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory, playwright_session: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless, with a fresh profile; one page for the whole session."""
    executable = os.environ.get("CHROMIUM", CHROMIUM)
    if not Path(executable).is_file():
        pytest.fail(f"Chromium saknas ({executable}); installera den med `make chromium` (Debians paket chromium)")
    session = Browser(playwright_session, tmp_path_factory.mktemp("chromium-profil"), executable)
    try:
        yield session
    finally:
        session.close()


def build_fixture_site(folder: Path, name: str, *, overrides: bool = True) -> BuiltSite:
    """Build the fixture data with the pages of tests/fixtures/browser/<name> and the
    real configuration; fail with the build log.

    The data is the views' fixture data: the fixture plans, the plan "vyer" (with a
    self-assessment at two dates and a filled checklist) and the real guidance library.
    The plan pages that the generated activity pages link to (tests/fixtures/browser/planer),
    the real overview pages of "vyer" and the real guidance pages are added, and so are the
    real site's own stylesheets and scripts (extra_css and extra_javascript in mkdocs.yml,
    kept in content/), so that a fixture page looks and behaves as a page of the real site.
    """
    pages = folder / "content"
    shutil.copytree(FIXTURES / "planer", pages)
    shutil.copytree(FIXTURES / name, pages, dirs_exist_ok=True)
    add_views_pages(pages, plans=("vyer",))
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for asset in [*settings.get("extra_css", []), *settings.get("extra_javascript", [])]:
        path = asset if isinstance(asset, str) else asset.get("path", "")
        source = ROOT / "content" / path
        if path and source.is_file() and not (pages / path).exists():
            (pages / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, pages / path)
    config = write_config(folder, data=assemble(folder / "data"), content=pages)
    if not overrides:
        empty = folder / "utan-overrides"
        empty.mkdir()
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        settings["theme"]["custom_dir"] = str(empty)
        config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    process = build(config)
    if process.returncode != 0:
        pytest.fail(f"fixturwebbplatsen {name} gick inte att bygga:\n{_tail(process.stderr)}")
    return BuiltSite(name, folder / "site")


def _page_of(source: Path) -> str:
    """The URL path MkDocs gives a Markdown file (directory URLs)."""
    parts = source.with_suffix("").parts
    if parts[-1] == "index":
        parts = parts[:-1]
    return "/" + "".join(f"{part}/" for part in parts)


def _tail(log: str, lines: int = 30) -> str:
    """The build's warnings and errors, or else the end of its log."""
    found = [line for line in log.splitlines() if re.match(r"(WARNING|ERROR|Aborted)\b", line.strip())]
    return "\n".join(found[:lines] if found else log.strip().splitlines()[-lines:])


@pytest.fixture(scope="session")
def ok_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The fixture site whose pages pass every gate, served on 127.0.0.1."""
    site = build_fixture_site(tmp_path_factory.mktemp("ok"), "ok")
    with serve(site.root) as base:
        yield ServedSite(site, base)


@pytest.fixture(scope="session")
def ok_crawl(browser: Browser, ok_site: ServedSite) -> Crawl:
    """Every gate run over the pages of the passing fixture site."""
    # The fixture's own pages, and of the plan pages only those with building blocks
    # the own pages lack (the macros' tables, an activity page with its task list and a
    # measure series, a follow-up period page with its summary chart and print frame), and
    # the guidance views with data the real plan lacks: a self-assessment at two dates on
    # Dalamodellen's matrix, a filled checklist, the guide's phases on the calendar and
    # an inriktningsmål that the fixture plan serves.
    own = [_page_of(page.relative_to(FIXTURES / "ok")) for page in (FIXTURES / "ok").rglob("*.md")]
    plan = [
        "/404.html",
        "/exempel/",
        "/exempel/aktiviteter/e-tjanster/",
        "/exempel/uppfoljning/2023-24/",
        *GUIDANCE_VIEWS,
    ]
    ok_site.crawl = crawl(browser, ok_site.site, ok_site.base, sorted(own + plan))
    return ok_site.crawl


@pytest.fixture(scope="session")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The fixture site with one deliberate fault per gate, served on 127.0.0.1."""
    site = build_fixture_site(tmp_path_factory.mktemp("trasig"), "trasig")
    with serve(site.root) as base:
        yield ServedSite(site, base)


@pytest.fixture(scope="session")
def broken_crawl(browser: Browser, broken_site: ServedSite) -> Crawl:
    """Every gate run over every page of the broken fixture site."""
    own = [_page_of(page.relative_to(FIXTURES / "trasig")) for page in (FIXTURES / "trasig").rglob("*.md")]
    broken_site.crawl = crawl(browser, broken_site.site, broken_site.base, sorted(own))
    return broken_site.crawl


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The real site, built from mkdocs.yml with `mkdocs build --strict`, served on 127.0.0.1."""
    target = tmp_path_factory.mktemp("riktig") / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(target)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        process = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, env=environment, timeout=BUILD_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        message = f"mkdocs build --strict blev inte klart på {BUILD_TIMEOUT} sekunder"
        write_report(REPORTS, None, build_error=message)
        pytest.fail(message)
    if process.returncode != 0:
        log = _tail(process.stderr + process.stdout)
        write_report(REPORTS, None, build_error=log)
        pytest.fail(
            f"Den riktiga webbplatsen gick inte att bygga med `mkdocs build --strict`; inga sidor kontrollerades.\n{log}"
        )
    with serve(target) as base:
        served = ServedSite(BuiltSite("riktig", target), base)
        yield served
    if served.crawl is not None:
        write_report(REPORTS, served.crawl)
    shutil.rmtree(target, ignore_errors=True)


@pytest.fixture(scope="session")
def real_crawl(browser: Browser, real_site: ServedSite) -> Crawl:
    """Every gate run over every page of the real site; the report is written right away."""
    real_site.crawl = crawl(browser, real_site.site, real_site.base)
    write_report(REPORTS, real_site.crawl)
    return real_site.crawl
