"""The views in Debian's Chromium: sorting in Swedish order and filtering with the keyboard,
the filters hidden without JavaScript, no horizontal page overflow at phone width, and
diagram colours that follow the dark scheme."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.harness import serve
from tests.sitebuild import build
from tests.views_data import write_site

pytestmark = [pytest.mark.browser, pytest.mark.build]
TABLE = "vyer/oversikter/aktiviteter/"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with the overview pages, built and served on a free local port."""
    project = tmp_path_factory.mktemp("views-browser")
    done = build(write_site(project))
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(project / "site") as url:
        yield url


def names(page: Page) -> list[str]:
    """The visible activity names of the activity table, top to bottom."""
    found = page.eval_on_selector_all(
        "#aktiviteter-vyer tbody tr:not([hidden]) th", "cells => cells.map(c => c.textContent.trim())"
    )
    return [str(name) for name in found]


def test_sorting_by_keyboard_in_swedish_order(page: Page, base: str) -> None:
    """Pressing Enter on the Aktivitet button sorts names with Å, Ä, Ö after Z, and sets aria-sort."""
    page.goto(base + TABLE)
    button = page.locator("#aktiviteter-vyer thead th:nth-child(2) button")
    button.focus()
    page.keyboard.press("Enter")
    order = names(page)
    assert order[-4:] == ["Zonindela webben", "Åtgärda samverkan", "Ändra förvaltningen", "Öka avtalstroheten"]
    assert page.get_attribute("#aktiviteter-vyer thead th:nth-child(2)", "aria-sort") == "ascending"
    assert page.get_attribute("#aktiviteter-vyer thead th:nth-child(1)", "aria-sort") is None
    page.keyboard.press("Enter")
    assert names(page)[0] == "Öka avtalstroheten"
    assert page.get_attribute("#aktiviteter-vyer thead th:nth-child(2)", "aria-sort") == "descending"


def test_number_column_sorts_by_value(page: Page, base: str) -> None:
    """The Nr column sorts 9.2.10 after 9.2.9, not after 9.2.1."""
    page.goto(base + TABLE)
    page.click("#aktiviteter-vyer thead th:nth-child(3) button")
    page.click("#aktiviteter-vyer thead th:nth-child(1) button")
    numbers = page.eval_on_selector_all(
        "#aktiviteter-vyer tbody tr td:first-child", "cells => cells.map(c => c.textContent)"
    )
    assert numbers[0] == "9.2.1" and numbers[-1] == "9.2.10" and numbers[-2] == "9.2.9"


def test_filters_by_keyboard_and_count(page: Page, base: str) -> None:
    """Choosing a status and a person with the keyboard keeps the matching rows and says how many."""
    page.goto(base + TABLE)
    status = page.locator("#aktiviteter-vyer-filter-status")
    status.focus()
    status.select_option("försenad")
    assert names(page) == ["Zonindela webben"]
    assert page.text_content(".tabellfilter-antal") == "Visar 1 av 10 aktiviteter."
    status.select_option("")
    page.select_option("#aktiviteter-vyer-filter-ansvarig", "Åke Ström")
    assert len(names(page)) == 7 and "Åtgärda samverkan" not in names(page)


def test_filters_are_labelled(page: Page, base: str) -> None:
    """Every filter control has a visible label."""
    page.goto(base + TABLE)
    unlabelled = page.eval_on_selector_all(
        ".tabellfilter select", "els => els.filter(e => !e.labels.length || !e.labels[0].textContent.trim()).length"
    )
    assert unlabelled == 0 and page.is_visible(".tabellfilter")


def test_without_javascript_the_table_is_complete(browser: Browser, base: str) -> None:
    """Without JavaScript every row is there and the filters, which would do nothing, are hidden."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + TABLE)
    assert page.locator("#aktiviteter-vyer tbody tr").count() == 10
    assert not page.is_visible(".tabellfilter")
    context.close()


@pytest.mark.parametrize(
    "path", ["vyer/oversikter/tidslinje/", "vyer/oversikter/upphandlingskalender/", "vyer/oversikter/ansvarsmatris/"]
)
def test_phone_width_shows_everything_without_scrolling_sideways(browser: Browser, base: str, path: str) -> None:
    """At 390 px neither the page nor a view scrolls sideways: tables are cards, diagrams their narrow drawing."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(base + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wide = page.eval_on_selector_all(
        ".diagram-rulla, .tabell-rulla", "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert wide == 0
    layouts = page.eval_on_selector_all(".tabell-ram", "els => els.map(e => e.dataset.tabell)")
    assert layouts and set(layouts) == {"kort"}
    context.close()


def test_laptop_width_fits_the_matrix(browser: Browser, base: str) -> None:
    """At 1366 px the ansvarsmatris shows every activity column without scrolling sideways."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(base + "vyer/oversikter/ansvarsmatris/")
    assert page.eval_on_selector(".tabell-ram", "e => e.dataset.tabell") == "ryms"
    context.close()


def test_diagram_colours_follow_the_dark_scheme(browser: Browser, base: str) -> None:
    """The bars and text of a diagram change colour with Material's dark scheme."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "vyer/oversikter/tidslinje/")
    probe = "() => [getComputedStyle(document.querySelector('.d-bar-p1')).fill, getComputedStyle(document.querySelector('.diagram-svg text')).fill]"
    light = page.evaluate(probe)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = page.evaluate(probe)
    assert light[0] != dark[0] and light[1] != dark[1]
    context.close()
