"""Hela planen som PDF: the real plan's whole-plan page printed by Chromium (page.pdf, as
"Spara som PDF" does) says on every printed page which plan, version and data it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.conftest import ServedSite
from tests.browser.harness import LIGHT, Browser

pytestmark = pytest.mark.browser

WHOLE_PLAN = "/it-och-telekom/hela-planen/"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def printed(
    browser: Browser, real_site: ServedSite, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, list[str], list[str]]:
    """The line the page prints on every page, its chapters' headings, and the text of each printed page."""
    browser.use_scheme(LIGHT)
    browser.open(real_site.base, WHOLE_PLAN)
    page = browser.page
    line = _words(page.locator(".utskrift-huvud").text_content() or "")
    # The headings' ¶ links are not printed.
    headings = [_words(h.replace("¶", "")) for h in page.locator(".hela-planen-kapitel > h1").all_text_contents()]
    target = Path(tmp_path_factory.mktemp("pdf")) / "hela-planen.pdf"
    # As the browser's "Spara som PDF": print media (the crawl emulates screen media).
    page.emulate_media(media="print", color_scheme=LIGHT.color_scheme)  # type: ignore[arg-type]
    try:
        page.pdf(path=str(target), prefer_css_page_size=True)
    finally:
        page.emulate_media(media="screen", color_scheme=LIGHT.color_scheme)  # type: ignore[arg-type]
    return line, headings, [_words(p.extract_text()) for p in PdfReader(target).pages]


def test_every_printed_page_names_plan_version_and_data_date(printed: tuple[str, list[str], list[str]]) -> None:
    """Each page of the PDF carries the plan's name, its version and the data's date, at the top and bottom."""
    line, _, pages = printed
    assert line.startswith("Kategoriplan IT & Telekom · Version: ") and " · Data per " in line
    assert len(pages) > 20
    missing = [number for number, text in enumerate(pages, 1) if text.count(line) < 2]
    assert missing == [], f"sidor utan raden ”{line}” överst och underst: {missing}"


def test_pdf_holds_every_chapter_in_the_source_order(printed: tuple[str, list[str], list[str]]) -> None:
    """The PDF holds the title page, chapters 1.0–11.0 and every activity's page, in the source's order."""
    _, headings, pages = printed
    chapters = [h for h in headings if re.match(r"\d+(\.\d+)+ ", h)]
    main = [int(h.split(".")[0]) for h in chapters if re.match(r"\d+\.0 ", h)]
    assert main == sorted(main) and set(range(1, 12)) <= set(main)
    activities = [int(h.split()[0].split(".")[2]) for h in chapters if re.match(r"9\.2\.\d+ ", h)]
    assert activities == list(range(1, 23))
    # Without white space: a heading that wraps on paper comes out of the PDF without the space at its break.
    document = re.sub(r"\s+", "", " ".join(pages))
    keys = [re.sub(r"\s+", "", h)[:35] for h in headings]
    # The title page's table of contents names the chapters first: each chapter is looked for after
    # it (after the contents' last entry), and each after the one before.
    after = document.find(keys[-1]) + 1
    missing = []
    for heading, key in zip(headings[1:], keys[1:], strict=True):
        found = document.find(key, after)
        if found < 0:
            missing.append(heading)
        else:
            after = found + 1
    assert after > 0 and missing == [], f"saknas eller i fel ordning: {missing}"


def test_the_pdf_begins_with_the_plans_title_page(printed: tuple[str, list[str], list[str]]) -> None:
    """The first printed page is the plan's own title page, not the web page's heading "Hela planen: …"."""
    _, _, pages = printed
    assert "Hela planen:" not in pages[0]
    assert "Kategoriplan IT & Telekom" in pages[0] and "Beslutad 2022-XX-xx" in pages[0]


def test_printed_tables_keep_words_whole(printed: tuple[str, list[str], list[str]]) -> None:
    """The 9.2 list prints its headers as whole words (not "Pri/ori/tet")."""
    _, _, pages = printed
    listing = next(text for text in pages if "9.2 Aktivitetslista" in text and "Bidrar till" in text)
    assert "Prioritet" in listing and "Status" in listing


@pytest.mark.parametrize(
    ("path", "start"),
    [
        ("/it-och-telekom/aktiviteter/", "Kategoriplan IT & Telekom · Version: "),
        ("/it-och-telekom/aktiviteter/molntjanster/", "Kategoriplan IT & Telekom · Version: "),
        ("/kommunen/", "Kategoriplaner – Huddinge kommun · Data per "),
    ],
)
def test_any_printed_page_says_what_it_shows(
    browser: Browser, real_site: ServedSite, tmp_path: Path, path: str, start: str
) -> None:
    """Any page printed on its own carries, on every sheet, the plan, its version and the data's date."""
    browser.use_scheme(LIGHT)
    browser.open(real_site.base, path)
    page = browser.page
    line = _words(page.locator(".utskrift-sida").text_content() or "")
    assert line.startswith(start) and " · Data per " in line
    assert not page.locator(".utskrift-sida").is_visible()  # on screen the page says it elsewhere
    target = tmp_path / "sida.pdf"
    page.emulate_media(media="print", color_scheme=LIGHT.color_scheme)  # type: ignore[arg-type]
    try:
        page.pdf(path=str(target), prefer_css_page_size=True)
    finally:
        page.emulate_media(media="screen", color_scheme=LIGHT.color_scheme)  # type: ignore[arg-type]
    sheets = [_words(p.extract_text()) for p in PdfReader(target).pages]
    assert [number for number, text in enumerate(sheets, 1) if line not in text] == []
