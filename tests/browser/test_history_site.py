"""The browser gates on the auditors' pages and the read-only copies of decided versions, on
the fixture site built in a repository with a known history (tests/history_site.py), and
the auditor's path: from the start page to what an activity's timeline said in the previous
decided version, in at most three clicks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import ServedSite
from tests.browser.harness import GATES, LIGHT, Browser, BuiltSite, Crawl, crawl, require_clean, serve
from tests.history_site import NEW_TIMELINE, OLD_TIMELINE, make_history_site

pytestmark = pytest.mark.browser

NEW_PAGES = [
    "/",
    "/exempel/andringshistorik/",
    "/exempel/versionshistorik/",
    "/exempel/historik/",
    "/kommunen/historik/",
    "/exempel/versioner/version-1-0/",
    "/exempel/versioner/version-2-0/",
    "/exempel/aktiviteter/e-tjanster/",
    "/ansvar/anna-ek/",
]
"""Every kind of page the history and the versions add or change."""

COPY_SAMPLE = ["", "exempel/", "exempel/aktiviteter/e-tjanster/", "exempel/versionshistorik/"]
"""The pages of each copy that are crawled: its start page, the plan, an activity and 11.0. A copy
is today's engine and theme on older data, whose pages the other crawls check everywhere; what is
the copy's own, the banner and its links, is on every page and the same on each."""


@pytest.fixture(scope="session")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The history fixture site, built (with its two copies) and served on 127.0.0.1."""
    built = make_history_site(tmp_path_factory.mktemp("historik"))
    with serve(built.site) as base:
        yield ServedSite(BuiltSite("historik", built.site), base)


@pytest.fixture(scope="session")
def history_crawl(browser: Browser, history_site: ServedSite) -> Crawl:
    """Every gate over the new pages and a sample of each version's copy."""
    copies = [f"/arkiv/exempel/{version}/{page}" for version in ("version-1-0", "version-2-0") for page in COPY_SAMPLE]
    history_site.crawl = crawl(browser, history_site.site, history_site.base, NEW_PAGES + copies)
    return history_site.crawl


@pytest.mark.parametrize("gate", [gate for gate in GATES if gate != "search"])
def test_history_pages_and_copies_pass_gate(history_crawl: Crawl, gate: str) -> None:
    """The auditors' pages and the copies of decided versions pass every gate."""
    require_clean(history_crawl, gate)


def test_the_crawl_reaches_the_copies(history_crawl: Crawl) -> None:
    """The sampled pages of both copies were opened, and their links were followed."""
    copies = [path for path in history_crawl.checked_pages if path.startswith("/arkiv/")]
    assert len(copies) == 2 * len(COPY_SAMPLE)
    assert history_crawl.counts["länkar"] > 100


def test_three_clicks_to_the_previous_decided_version(browser: Browser, history_site: ServedSite) -> None:
    """From the start page, three clicks show activity 9.2.1's timeline as version 1.0 decided it."""
    browser.use_scheme(LIGHT)
    browser.open(history_site.base, "/")
    article = browser.page.locator("article")
    article.get_by_role("link", name="Kategoriplan Exempel", exact=True).click()  # 1: the plan
    article.get_by_role("link", name="Inför e-tjänster", exact=True).click()  # 2: the activity
    assert NEW_TIMELINE in article.inner_text()
    article.get_by_role("link", name="version 1.0, beslutad 2024-01-15 av Kommunstyrelsen").click()  # 3: version 1.0
    browser.page.wait_for_url("**/arkiv/exempel/version-1-0/exempel/aktiviteter/e-tjanster/")
    text = article.inner_text()
    assert "Du läser version 1.0 av Kategoriplan Exempel" in text
    assert OLD_TIMELINE in text and NEW_TIMELINE not in text.split("Tidplan/prioritering")[1]
