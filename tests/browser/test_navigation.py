"""Navigation on every page of the real site (issue 13), at 1366 × 900 (light) and 390 × 844 (dark):
the menu marks the page where it is (on a phone, in the drawer the menu button opens), a
breadcrumb says where the page sits, and previous/next lead on through the plan.

Pages the menu leaves out on purpose (the whole plan to print, each record's history, the
decided versions) are reached from a page that links them and are listed in OFF_MENU.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import ServedSite
from tests.browser.harness import DARK, LIGHT, Browser, Scheme

pytestmark = pytest.mark.browser

OFF_MENU = re.compile(r"^/(404\.html|arkiv/.*|[^/]+/hela-planen/|[^/]+/historik/|[^/]+/versioner/.*)$")
"""Pages outside the menu: the error page, decided versions' copies, the whole plan, histories, versions."""

PLACE = """() => {
    const here = location.pathname;
    const same = a => a && new URL(a.href, location.href).pathname === here;
    const active = Array.from(document.querySelectorAll('.md-nav--primary a.md-nav__link--active'));
    const crumbs = Array.from(document.querySelectorAll('.md-path .md-path__link')).map(a => a.textContent.trim());
    const footer = Array.from(document.querySelectorAll('.md-footer__link')).map(a => a.getAttribute('aria-label') || '');
    const mine = active.filter(same);
    // A page inside a section of the menu (not a top-level entry such as Tillgänglighetsredogörelse).
    const nested = mine.some(a => {
        const item = a.closest('li.md-nav__item');
        return Boolean(item && item.parentElement && item.parentElement.closest('li.md-nav__item'));
    });
    return {
        active: mine.length,
        nested,
        crumbs,
        footer,
        title: (document.querySelector('article h1') || {}).textContent || '',
    };
}"""


def _pages(site: ServedSite) -> list[str]:
    return [path for path in site.site.pages if not OFF_MENU.match(path)]


@pytest.fixture(scope="module")
def places(browser: Browser, real_site: ServedSite) -> dict[tuple[str, str], dict[str, Any]]:
    """What each menu page shows of its place, at each size."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    scheme: Scheme
    for scheme in (LIGHT, DARK):
        browser.use_scheme(scheme)
        for path in _pages(real_site):
            browser.open(real_site.base, path)
            found[(scheme.name, path)] = browser.page.evaluate(PLACE)
    browser.use_scheme(LIGHT)
    return found


def test_the_menu_marks_every_page(places: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Every page in the menu is marked there as the current page, at both sizes."""
    unmarked = [f"{path} [{scheme}]" for (scheme, path), place in places.items() if place["active"] < 1]
    assert unmarked == [], "sidor som menyn inte markerar:\n" + "\n".join(unmarked)


def test_every_page_in_a_section_has_a_breadcrumb(places: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Every page inside a section of the menu shows a breadcrumb that begins at the start page
    (a top-level entry, such as the start page or Tillgänglighetsredogörelse, has no section to show)."""
    missing = [
        f"{path} [{scheme}]: {place['crumbs']}"
        for (scheme, path), place in places.items()
        if place["nested"] and (not place["crumbs"] or place["crumbs"][0] != "Start")
    ]
    nested = sum(place["nested"] for place in places.values())
    assert nested > len(places) / 2, f"bara {nested} av {len(places)} sidor ligger i en del av menyn"
    assert missing == [], "sidor utan brödsmulor från Start:\n" + "\n".join(missing)


def test_every_page_leads_on(places: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Every page has a link to the next or the previous page in the menu's order."""
    stuck = [f"{path} [{scheme}]" for (scheme, path), place in places.items() if not place["footer"]]
    assert stuck == [], "sidor utan föregående/nästa:\n" + "\n".join(stuck)


def test_generated_pages_have_their_place(places: dict[tuple[str, str], dict[str, Any]]) -> None:
    """An activity's page sits under 9.2 and a person's page under Ansvar per person."""
    for (scheme, path), place in places.items():
        if re.match(r"^/it-och-telekom/aktiviteter/[^/]+/$", path):
            assert "9.2 Aktivitetslista" in place["crumbs"], f"{path} [{scheme}]: {place['crumbs']}"
        if path.startswith("/ansvar/"):
            assert "Ansvar per person" in place["crumbs"], f"{path} [{scheme}]: {place['crumbs']}"
