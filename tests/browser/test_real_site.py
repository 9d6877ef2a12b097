"""The browser gates on the whole real site, built from mkdocs.yml (see README.md here)."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import REPORTS, ServedSite
from tests.browser.harness import LIGHT, SCHEMES, Browser, Crawl, check_searches, require_clean, search

pytestmark = pytest.mark.browser

# What a reader types, and the pages that must be among the first results.
SEARCHES = {
    "återbruk": ["/it-och-telekom/aktiviteter/externt-aterbruk/"],
    "PUB-avtal": ["/it-och-telekom/aktiviteter/pub-avtal/"],
    "Sara Holst": ["/ansvar/sara-holst/", "/it-och-telekom/aktiviteter/leverantorsstyrning-pm3/"],
    "webbtillgänglighet": ["/it-och-telekom/aktiviteter/webbtillganglighet/", "/it-och-telekom/kategoristrategi/"],
    "molntjanster": ["/it-och-telekom/aktiviteter/molntjanster/"],
    "forlangning": ["/it-och-telekom/upphandlingsbehov/"],
    "Dalamodellen": ["/vagledning/dalamodellen/"],
    "forsorjningstrygghet": ["/vagledning/nationella-upphandlingsstrategin/forsorjning-vid-kris/"],
    "Kammarkollegiet": ["/vagledning/marknadsanalyser/"],
    "självskattning": ["/it-och-telekom/oversikter/sjalvskattning/"],
}


def test_every_page_is_checked_in_both_colour_schemes(real_crawl: Crawl) -> None:
    """Every HTML page of the built site is opened once in each colour scheme."""
    assert len(real_crawl.site.pages) > 1
    assert real_crawl.checked_pages == real_crawl.site.pages
    assert real_crawl.counts["sidvisningar"] == len(SCHEMES) * len(real_crawl.site.pages)


def test_every_page_answers_200(real_crawl: Crawl) -> None:
    """Every page answers 200 and every local file it loads is there."""
    require_clean(real_crawl, "status")


def test_no_console_errors(real_crawl: Crawl) -> None:
    """No page logs an error or throws in the browser console."""
    require_clean(real_crawl, "console")


def test_no_requests_to_other_hosts(real_crawl: Crawl) -> None:
    """No page asks any host but the local server for anything."""
    require_clean(real_crawl, "network")
    assert real_crawl.blocked == []


def test_light_and_dark_schemes_are_used(real_crawl: Crawl) -> None:
    """Material shows the light palette to light-mode readers and the dark one to dark-mode readers."""
    require_clean(real_crawl, "scheme")


def test_no_axe_violations(real_crawl: Crawl) -> None:
    """axe-core finds no WCAG 2.0/2.1 A or AA violation on any page, light or dark."""
    require_clean(real_crawl, "axe")


def test_diagrams_render_with_text_alternative_and_table(real_crawl: Crawl) -> None:
    """Every figure.diagram has a drawn SVG with a text alternative, a caption and a data table."""
    require_clean(real_crawl, "diagram")


def test_keyboard_reaches_scroll_regions_and_sorts_tables(real_crawl: Crawl) -> None:
    """Scrolling regions are reachable and scrollable by keyboard; sortable tables sort and filter by keyboard."""
    require_clean(real_crawl, "keyboard")


def test_focus_is_visible(real_crawl: Crawl) -> None:
    """Every kind of element the keyboard reaches looks different when it has focus."""
    require_clean(real_crawl, "focus")


def test_no_broken_internal_links_or_anchors(real_crawl: Crawl) -> None:
    """Every internal link leads to a page or file that exists, and to an anchor on it that exists."""
    require_clean(real_crawl, "links")


def test_download_links_are_served(real_crawl: Crawl) -> None:
    """Every Excel, CSV, JSON and calendar file a page links to is served (200, the file's bytes)."""
    require_clean(real_crawl, "downloads")
    assert real_crawl.counts["nedladdningar"] > 100


def test_print_hides_navigation_and_keeps_tables_and_diagrams_whole(real_crawl: Crawl) -> None:
    """In print, navigation is hidden and tables and diagrams are neither clipped nor split."""
    require_clean(real_crawl, "print")


def test_tables_and_diagrams_fit_a_laptop_and_a_phone(real_crawl: Crawl) -> None:
    """At 1366 and 390 px, light and dark, every table on every page fits, becomes cards or scrolls with a cue and
    a sticky header and first column; no date breaks over two lines; diagram text is at least 12 px; today's line shows."""
    require_clean(real_crawl, "layout")


def test_swedish_search_finds_what_readers_type(browser: Browser, real_site: ServedSite, real_crawl: Crawl) -> None:
    """Material's offline search (lang sv) finds the pages for words readers type."""
    problems = check_searches(browser, real_site.base, SEARCHES, real_crawl)
    assert not problems, "Sökningen:\n" + "\n".join(f"  {problem}" for problem in problems)


def test_report_is_written(real_crawl: Crawl) -> None:
    """The run leaves reports/browser-report.md and .json with the pages it checked."""
    data = json.loads((REPORTS / "browser-report.json").read_text(encoding="utf-8"))
    assert data["antal_sidor"] == len(real_crawl.site.pages)
    assert "# Webbläsarkontroller" in (REPORTS / "browser-report.md").read_text(encoding="utf-8")


def test_a_word_typed_without_accents_finds_its_page_first(browser: Browser, real_site: ServedSite) -> None:
    """The word molntjanster, typed without å, ä and ö, gives 9.2.11 as the first result."""
    found = search(browser, real_site.base, "molntjanster")
    browser.page.keyboard.press("Escape")
    assert found[:1] == ["/it-och-telekom/aktiviteter/molntjanster/"], found[:5]


COVERED = """() => {
    // The element Tab landed on inside a table's body, and whether something else is drawn over it.
    const el = document.activeElement;
    if (!el || !el.closest('table tbody')) return null;
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 10), r.top + r.height / 2);
    return {name: el.textContent.trim().slice(0, 40), covered: !(hit && (hit === el || el.contains(hit) || hit.contains(el)))};
}"""


@pytest.mark.parametrize("path", ["/it-och-telekom/oversikter/aktiviteter/", "/ansvar/sara-holst/"])
def test_tabbing_through_a_table_never_hides_the_focus_under_its_header(
    browser: Browser, real_site: ServedSite, path: str
) -> None:
    """A keyboard user tabbing into a table's rows at laptop size sees each link, not the sticky header row over it."""
    browser.use_scheme(LIGHT)
    browser.open(real_site.base, path)
    reached, covered = 0, []
    for _ in range(150):
        browser.page.keyboard.press("Tab")
        found = browser.page.evaluate(COVERED)
        if found is None:
            continue
        reached += 1
        if found["covered"]:
            covered.append(found["name"])
    assert reached > 10 and covered == [], covered
