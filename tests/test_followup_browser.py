"""A period page in Chromium: read on screen, and printed to PDF as a document (A4, with the
plan's name, the period, the plan's version and the data's date on every printed page)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from tests.browser.harness import serve
from tests.followup_data import PLAN, TODAY, write_site
from tests.sitebuild import build

pytestmark = [pytest.mark.browser, pytest.mark.build]
PERIOD = f"{PLAN}/uppfoljning/2024-25/"
A4_POINTS = (595, 842)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The follow-up fixture site, built and served on a free local port."""
    project = tmp_path_factory.mktemp("followup-browser")
    done = build(write_site(project), today=TODAY.isoformat())
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def pdf(browser: Browser, base: str) -> PdfReader:
    """The period page printed by Chromium to PDF, A4, as a reader prints it."""
    context = browser.new_context()
    printed = context.new_page()
    printed.goto(base + PERIOD)
    data = printed.pdf(format="A4", prefer_css_page_size=True, print_background=False)
    context.close()
    return PdfReader(io.BytesIO(data))


def test_period_page_reads_on_screen(page: Page, base: str) -> None:
    """On screen the page shows its title and summary, and the print-only header is hidden."""
    page.goto(base + PERIOD)
    assert (page.text_content("h1") or "").startswith("Uppföljning 2024/25")
    assert page.is_visible("text=Ej rapporterad: 5")
    assert not page.is_visible(".utskrift-huvud")


def test_pdf_is_a_multi_page_a4_document(pdf: PdfReader) -> None:
    """The printed report is A4 and long enough for the running header to matter."""
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    assert sizes == {A4_POINTS} and len(pdf.pages) >= 2


def test_every_printed_page_names_plan_period_version_and_data_date(pdf: PdfReader) -> None:
    """Each printed page carries the plan's name, the period, the version and the data's date."""
    wanted = ["Kategoriplan Årsrapport", "Uppföljning 2024/25", "Version: 1.1 (2024-10-01)", "Data ändrat:"]
    missing = {
        number: [text for text in wanted if text not in " ".join((p.extract_text() or "").split())]
        for number, p in enumerate(pdf.pages, 1)
    }
    assert {number: texts for number, texts in missing.items() if texts} == {}


def test_printed_report_has_no_navigation(pdf: PdfReader) -> None:
    """The printout is the report, without the site's navigation or search."""
    first = pdf.pages[0].extract_text() or ""
    assert "Sök" not in first and "Gå till innehåll" not in first


def test_download_links_show_on_screen(page: Page, base: str) -> None:
    """On screen every table of the report has its download links below it."""
    page.goto(base + PERIOD)
    tables = page.locator("article table").count()
    assert tables > 0 and page.locator("article p.nedladdning").count() == tables
    assert page.locator("article p.nedladdning").first.is_visible()


def test_printed_report_leaves_out_the_download_links(pdf: PdfReader) -> None:
    """The printout has no "Ladda ner: Excel · CSV": the links are for the screen."""
    assert [n for n, p in enumerate(pdf.pages, 1) if "Ladda ner" in (p.extract_text() or "")] == []
