"""The browser gates pass on a fixture site that has every building block of the real
site (wide tables, diagrams, sortable tables, task lists, admonitions, footnotes)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ServedSite
from tests.browser.harness import GATES, Browser, Crawl, check_searches, require_clean

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("gate", [gate for gate in GATES if gate != "search"])
def test_fixture_site_passes_gate(ok_crawl: Crawl, gate: str) -> None:
    """The fixture site built with the theme overrides passes every gate."""
    require_clean(ok_crawl, gate)


def test_fixture_site_exercises_every_check(ok_crawl: Crawl) -> None:
    """The fixture pages hold what the checks look at, so a clean run means something."""
    counts = ok_crawl.counts
    assert counts["diagram"] >= 2 * 2, counts
    assert counts["sorterbara tabeller"] >= 2, counts
    assert counts["rullbara ytor"] >= 2, counts
    assert counts["länkar"] > 50, counts
    assert counts["fokus (ljust läge)"] > 5, counts
    # The fixture's own two, and the guidance page's links to its sources (never fetched).
    assert {"https://www.huddinge.se/", "https://www.upphandlingsmyndigheten.se/"} <= set(ok_crawl.external_links)
    assert all(link.startswith(("https://", "http://")) for link in ok_crawl.external_links)


def test_swedish_search_on_fixture_site(browser: Browser, ok_site: ServedSite, ok_crawl: Crawl) -> None:
    """Material's offline Swedish search finds words with å/ä/ö, hyphens and names."""
    expected = {
        "återbruk": ["/sok/"],
        "PUB-avtal": ["/sok/"],
        "webbtillgänglighet": ["/sok/"],
        "Anna Ek": ["/exempel/"],
    }
    problems = check_searches(browser, ok_site.base, expected)
    assert not problems, "\n".join(str(problem) for problem in problems)
