"""End-to-end build with the follow-up fixture: every plan gets its follow-up pages without
files in content/, and every link on them leads to a built page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.followup_data import PLAN, TODAY, write_site
from tests.sitebuild import build
from tests.test_views_build import _links

pytestmark = pytest.mark.build

PAGES = [f"{PLAN}/uppfoljning", f"{PLAN}/uppfoljning/2024-25", f"{PLAN}/uppfoljning/att-rapportera"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The views' fixture site with the plan "arsrapport", built once, seen from 2026-02-15."""
    project = tmp_path_factory.mktemp("followup-site")
    done = build(write_site(project), today=TODAY.isoformat())
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def page(site: Path, path: str) -> str:
    """The built HTML of a page given by its URL path."""
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("plan", "first"), [(PLAN, "2023-24"), ("vyer", "2023-24"), ("exempel", "2023-24"), ("liten", "2024")]
)
def test_every_plan_gets_its_follow_up_pages(site: Path, plan: str, first: str) -> None:
    """Each plan has "Uppföljning", a page per period and "Att rapportera", generated from the data."""
    assert "<h1" in page(site, f"{plan}/uppfoljning") and "Att rapportera" in page(
        site, f"{plan}/uppfoljning/att-rapportera"
    )
    assert (site / plan / "uppfoljning" / first / "index.html").is_file()


def test_period_page_title(site: Path) -> None:
    """The period page's title names the period."""
    assert "<title>Uppföljning 2024/25" in page(site, f"{PLAN}/uppfoljning/2024-25")


@pytest.mark.parametrize("path", [*PAGES, f"{PLAN}/aktiviteter/forstudie"])
def test_every_link_of_a_follow_up_page_leads_to_a_built_page(site: Path, path: str) -> None:
    """Links on the follow-up pages (to periods, activities and the guide) point at pages that exist."""
    base = f"http://x/{path}/"
    for link in _links(page(site, path)):
        target = urljoin(base, link).removeprefix("http://x/")
        assert (site / target / "index.html").is_file() or (site / target).is_file(), f"{path}: {link}"


def test_print_frame_is_in_the_built_page(site: Path) -> None:
    """The running header and footer reach the built period page, hidden on screen."""
    html = page(site, f"{PLAN}/uppfoljning/2024-25")
    assert '<div class="utskrift-ram" aria-hidden="true"><div class="utskrift-huvud" data-search-exclude>' in html


def test_whole_plan_leaves_the_follow_up_pages_out(site: Path) -> None:
    """Hela planen holds the source's chapters only: the yearly reports and Att rapportera are documents of
    their own (each printed with its own header), so none of their frames or headings is in it."""
    html = page(site, f"{PLAN}/hela-planen").split(f'data-hela-planen="{PLAN}">')[1]
    headings = re.findall(r"<h1[^>]*>(.*?)<", html)
    assert "utskrift-ram" not in html and headings
    assert not {"Uppföljning 2024/25", "Att rapportera"} & set(headings)


def test_follow_up_charts_have_a_wide_and_a_narrow_drawing(site: Path) -> None:
    """The period's status chart and a nyckeltal's series are drawn in both layouts of the shared bar chart."""
    for path, chart in (
        (f"{PLAN}/uppfoljning/2024-25", "uppfoljning-"),
        (f"{PLAN}/aktiviteter/forstudie", "matserie-"),
    ):
        titles = re.findall(r'\sid="(' + chart + r'[^"]*-titel)"', page(site, path))
        narrow = [t for t in titles if t.endswith("-smal-titel")]
        assert narrow and len(narrow) * 2 == len(titles), path
