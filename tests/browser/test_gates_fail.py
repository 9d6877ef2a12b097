"""Each gate can fail: the broken fixture site (tests/fixtures/browser/trasig) has one
deliberate fault per gate, and each is caught, naming the page and the problem."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ServedSite, build_fixture_site
from tests.browser.harness import LIGHT, Browser, Crawl, check_searches, crawl, serve

pytestmark = pytest.mark.browser


def _messages(found: Crawl, gate: str, page: str) -> str:
    return "\n".join(p.message for p in found.problems if p.gate == gate and p.page.startswith(page + " "))


def test_external_script_is_blocked_and_reported(broken_crawl: Crawl) -> None:
    """A page that loads a script from another host is caught, and the request never leaves."""
    messages = _messages(broken_crawl, "network", "/extern-skript/")
    assert "stoppades: https://cdn.example.org/bibliotek.js" in messages
    assert '<script src="https://cdn.example.org/bibliotek.js">' in messages
    assert ("/extern-skript/", "https://cdn.example.org/bibliotek.js") in broken_crawl.blocked


def test_low_contrast_is_an_axe_violation(broken_crawl: Crawl) -> None:
    """Light grey text on white is caught by axe-core's color-contrast rule."""
    problems = [p for p in broken_crawl.problems if p.gate == "axe" and p.page == "/lag-kontrast/ [ljust läge]"]
    assert [p.rule for p in problems] == ["color-contrast"]


def test_broken_links_and_anchors_are_caught(broken_crawl: Crawl) -> None:
    """A link to a missing page, and anchors missing on another page and on the same page, are caught."""
    messages = "\n".join(p.message for p in broken_crawl.problems if p.gate == "links" and p.page == "/trasig-lank/")
    assert "sidan finns inte: ”En sida som inte finns” → ../finns-inte/" in messages
    assert "#saknat-ankare finns inte på /extern-skript/" in messages
    assert "#inte-heller-har finns inte på /trasig-lank/" in messages


def test_an_empty_download_is_caught(broken_crawl: Crawl) -> None:
    """A link to a file that is served empty is caught by the downloads gate."""
    messages = [p.message for p in broken_crawl.problems if p.gate == "downloads" and p.page == "/tom-nedladdning/"]
    assert messages == ["/tom.csv svarar 200 med 0 byte"]


def test_broken_diagrams_are_caught(broken_crawl: Crawl) -> None:
    """A diagram library's syntax error, a missing SVG, text alternative, caption and table are caught."""
    messages = _messages(broken_crawl, "diagram", "/trasigt-diagram/")
    assert "diagram 1 (”Tidslinje som inte gick att rita.”): inget SVG-element" in messages
    assert "diagrambiblioteket visar ett fel: ”Syntax error in text" in messages
    assert "diagram 2: SVG-bilden saknar textalternativ" in messages
    assert 'diagram 2: SVG-bilden saknar role="img"' in messages
    assert "diagram 2: bildtext (<figcaption>) saknas" in messages
    assert "diagram 2: datatabell saknas" in messages


def test_console_errors_and_missing_files_are_caught(broken_crawl: Crawl) -> None:
    """A script that throws and an image that is not there are caught."""
    assert "avsiktligt fel i testsidan" in _messages(broken_crawl, "console", "/konsolfel/")
    assert "404 /saknas.png" in _messages(broken_crawl, "status", "/konsolfel/")


def test_keyboard_problems_are_caught(broken_crawl: Crawl) -> None:
    """A scrolling region without keyboard access and sort buttons Tab cannot reach are caught."""
    messages = _messages(broken_crawl, "keyboard", "/tangentbord/")
    assert "rullbar yta kan inte nås med tangentbordet" in messages and "div.bred-yta" in messages
    assert "kolumnen ”Namn”: sorteringsknappen nås inte med Tab" in messages
    assert "kolumnen ”Antal”: sorteringsknappen nås inte med Tab" in messages


def test_invisible_focus_is_caught(broken_crawl: Crawl) -> None:
    """A button that looks the same with and without focus is caught."""
    assert "fokus syns inte på button.osynligt-fokus" in _messages(broken_crawl, "focus", "/tangentbord/")


def test_print_problems_are_caught(broken_crawl: Crawl) -> None:
    """A header shown in print, a clipped table and a diagram that may be split are caught."""
    messages = _messages(broken_crawl, "print", "/utskrift/")
    assert "navigationen syns i utskrift: header.md-header" in messages
    assert "tabell 1 klipps av div" in messages
    assert "diagram 1 kan delas mellan sidor" in messages


def test_silent_overflow_is_caught(broken_crawl: Crawl) -> None:
    """A table that scrolls sideways without saying so is caught at both widths and in both schemes."""
    problems = [p for p in broken_crawl.problems if p.gate == "layout" and p.page.startswith("/tyst-rullning/ ")]
    table = [p for p in problems if "”Ansvar per förvaltning”" in p.message]
    assert {p.page.split(" [")[1] for p in table} == {
        "ljust läge, 1366 px]",
        "ljust läge, 390 px]",
        "mörkt läge, 1366 px]",
        "mörkt läge, 390 px]",
    }
    message = table[0].message
    assert "är bredare än sin yta" in message and "utan att det syns" in message
    assert "ingen synlig rad ovanför som säger att tabellen rullar i sidled" in message
    assert "första kolumnen följer inte med när ytan rullar i sidled" in message


def test_small_diagram_text_and_hidden_today_are_caught(broken_crawl: Crawl) -> None:
    """Diagram text scaled below 12 px and a today line outside the visible part are caught."""
    messages = _messages(broken_crawl, "layout", "/tyst-rullning/")
    assert "(”Staplar med liten text.”): texten är" in messages and "minst 12 px krävs" in messages
    assert (
        "(”Tidslinje med dagens linje långt till höger.”): linjen för idag syns inte utan att rulla i sidled"
        in messages
    )


def test_a_date_broken_over_two_lines_is_caught(broken_crawl: Crawl) -> None:
    """A date in a table cell that wraps mid-date ("2022-12-" over "12", "Q4" over "2024") is caught."""
    messages = _messages(broken_crawl, "layout", "/tyst-rullning/")
    assert "(”Faser med delade datum”): datumet 2022-12-12 delas på två rader" in messages
    assert "(”Faser med delade datum”): datumet Q4 2024 delas på två rader" in messages


def test_text_running_out_of_its_cell_is_caught(broken_crawl: Crawl) -> None:
    """A cell whose text runs over into the next column is caught."""
    messages = _messages(broken_crawl, "layout", "/tyst-rullning/")
    assert "(”Celler som spiller över”): texten går utanför sin cell" in messages


def test_only_the_faulty_pages_fail(broken_crawl: Crawl) -> None:
    """The start page of the broken site, which has no fault, passes every gate."""
    assert [str(p) for p in broken_crawl.problems if p.page.startswith("/ ")] == []


def test_overrides_take_invisible_tab_stops_away(browser: Browser, ok_site: ServedSite) -> None:
    """With the overrides, the hidden back-to-top button and the closed phone drawer are no tab stops."""
    browser.use_scheme(LIGHT)
    browser.open(ok_site.base, "/innehall/")
    assert browser.page.locator(".md-top[hidden]").count() == 1
    assert not browser.probe("isTabbableNow", ".md-top[hidden]")


def test_search_that_misses_a_page_is_caught(browser: Browser, ok_site: ServedSite) -> None:
    """A query whose expected page is not among the results is reported with the query and the page."""
    problems = check_searches(browser, ok_site.base, {"återbruk": ["/diagram/"]})
    assert [(p.page, p.gate) for p in problems] == [("/diagram/", "search")]
    assert "sökningen ”återbruk” hittar inte sidan" in problems[0].message


def test_material_problems_are_caught_without_the_overrides(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Built without overrides/, Material's known faults are caught: wide tables without keyboard
    access, unlabelled task-list boxes, links told apart by colour only, tab stops nobody sees,
    tables clipped in print and wide tables that scroll without a cue. The overrides are what
    make the site pass."""
    site = build_fixture_site(tmp_path_factory.mktemp("utan-overrides"), "ok", overrides=False)
    with serve(site.root) as base:
        found = crawl(browser, site, base, ["/innehall/", "/exempel/aktiviteter/e-tjanster/"])
        browser.use_scheme(LIGHT)
        browser.open(base, "/innehall/")
        hidden_top_is_a_tab_stop = browser.probe("isTabbableNow", ".md-top[hidden]")
    rules = {p.rule for p in found.problems if p.gate == "axe"}
    assert {"scrollable-region-focusable", "label", "link-in-text-block"} <= rules, rules
    keyboard = "\n".join(p.message for p in found.problems if p.gate == "keyboard")
    assert "div.md-typeset__scrollwrap" in keyboard
    focus = "\n".join(p.message for p in found.problems if p.gate == "focus")
    assert "fokus syns inte på a.md-nav__link" in focus  # links of the closed drawer on a phone
    assert hidden_top_is_a_tab_stop  # the invisible back-to-top button
    prints = "\n".join(p.message for p in found.problems if p.gate == "print")
    assert "klipps av div.md-typeset__scrollwrap" in prints
    layout = "\n".join(p.message for p in found.problems if p.gate == "layout")
    assert "är bredare än sin yta" in layout and "utan att det syns" in layout  # the wide table scrolls silently
