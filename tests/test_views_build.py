"""End-to-end build of a fixture site with the overview pages: the views reach the built
HTML, person pages are generated, every link of the views leads to a built page, and
nothing is loaded from another host."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.sitebuild import build
from tests.views_data import OVERVIEW_PAGES, write_site

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data with the plan "vyer" and the real overview pages, built once."""
    project = tmp_path_factory.mktemp("views-site")
    done = build(write_site(project))
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def page(site: Path, path: str) -> str:
    """The built HTML of a page given by its URL path."""
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_overview_pages_are_built(site: Path) -> None:
    """Each overview page of the plan is built with its view."""
    for name in OVERVIEW_PAGES:
        assert (site / "vyer" / "oversikter" / name / "index.html").is_file()
    assert '<figure class="diagram" id="tidslinje-vyer">' in page(site, "vyer/oversikter/tidslinje")
    assert '<figure class="diagram" id="upphandlingskalender-vyer">' in page(
        site, "vyer/oversikter/upphandlingskalender"
    )
    assert 'id="ansvarsmatris-vyer"' in page(site, "vyer/oversikter/ansvarsmatris")
    assert 'id="kraljic-vyer"' in page(site, "vyer/oversikter/analys")


def test_html_is_not_rewritten_by_markdown(site: Path) -> None:
    """The raw HTML of the views reaches the page intact (no <p> inside tables, no escaped tags)."""
    html = page(site, "vyer/oversikter/aktiviteter")
    assert "&lt;table" not in html and "&lt;svg" not in page(site, "vyer/oversikter/tidslinje")
    table = html.split('<table class="sorterbar" id="aktiviteter-vyer">')[1].split("</table>")[0]
    assert "<p>" not in table


def test_person_pages_are_generated(site: Path) -> None:
    """Every person gets a page "Ansvar: namn" without files in content/."""
    for person, name in [("ake-strom", "Åke Ström"), ("bo-lind", "Bo Lind"), ("gustav-oberg", "Gustav Öberg")]:
        assert f"Ansvar: {name}" in page(site, f"ansvar/{person}")


def test_goal_chain_links_are_markdown_links(site: Path) -> None:
    """The goal chain's Markdown links became links to the built pages."""
    html = page(site, "vyer/oversikter/malkedja")
    assert 'href="../../kategoristrategi/#digitalisera"' in html
    assert 'href="../../aktiviteter/e-tjanster/"' in html


def _links(html: str) -> list[str]:
    """Every href of a page except external, anchor-only and asset links."""
    found = [unescape(href).split("#")[0] for href in re.findall(r'href="([^"]*)"', html)]
    return [
        link
        for link in found
        if link
        and not link.startswith(("http", "mailto:"))
        and not link.endswith((".css", ".js", ".ico", ".png", ".svg"))
    ]


@pytest.mark.parametrize(
    "path",
    [*(f"vyer/oversikter/{name}" for name in OVERVIEW_PAGES), "ansvar/ake-strom", "ansvar/disa-eriksson", "vyer"],
)
def test_every_link_of_a_view_leads_to_a_built_page(site: Path, path: str) -> None:
    """Raw-HTML links in the views (which MkDocs does not check) point at pages that exist."""
    base = f"http://x/{path}/"
    for link in _links(page(site, path)):
        target = urljoin(base, link).removeprefix("http://x/")
        assert (site / target / "index.html").is_file() or (site / target).is_file(), f"{path}: {link}"


@pytest.mark.parametrize("path", [*(f"vyer/oversikter/{name}" for name in OVERVIEW_PAGES), "ansvar/ake-strom"])
def test_no_request_to_other_hosts(site: Path, path: str) -> None:
    """The views load nothing from another host (only the SVG namespace names one)."""
    html = page(site, path)
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []


def test_script_and_styles_are_included(site: Path) -> None:
    """The local sorting script and the views' stylesheet are on every page."""
    html = page(site, "vyer/oversikter/tidslinje")
    assert 'src="../../../assets/sortering.js"' in html and 'href="../../../assets/oversikter.css"' in html
    assert (site / "assets" / "sortering.js").is_file() and (site / "assets" / "oversikter.css").is_file()


def test_macro_reference_page(site: Path) -> None:
    """The editors' macro reference is built with the macros and their examples."""
    html = page(site, "redaktorer/makron")
    assert '<h3 id="tidslinje"><code>tidslinje</code>' in html
    assert '<code>{{ tidslinje(plan="it-och-telekom") }}\n</code>' in html
    assert "<strong>Parametrar:</strong> <code>plan</code> (krävs), <code>aktivitet</code> (valfri)" in html


# --- the whole plan ----------------------------------------------------------------------


def _sections(html: str) -> list[str]:
    """The first heading of each chapter of a whole-plan page."""
    return re.findall(r'<section class="hela-planen-kapitel" id="k\d+"><h1[^>]*>(.*?)<', html)


def test_every_plan_gets_a_whole_plan_page(site: Path) -> None:
    """Each plan has a generated whole-plan page, without another page written for it."""
    for plan in ("exempel", "liten", "vyer"):
        assert '<div class="hela-planen" data-hela-planen="' + plan + '">' in page(site, f"{plan}/hela-planen")


def test_whole_plan_holds_its_chapters_and_activity_pages(site: Path) -> None:
    """The whole plan holds the plan's pages and every activity's page, and none of the site's overviews."""
    headings = _sections(page(site, "vyer/hela-planen"))
    assert "Kategoriplan Vyer" in headings and "kategoriplan.md" in headings
    numbers = [int(h.split()[0].split(".")[2]) for h in headings if re.match(r"9\.2\.\d+ ", h)]
    assert numbers == list(range(1, 11))  # every activity, in the plan's order
    assert not any(h in headings for h in ("Tidslinje", "Ansvarsmatris", "Upphandlingskalender"))


def test_whole_plan_ids_are_unique_and_links_resolve(site: Path) -> None:
    """Chapters' ids are kept apart and every link of the whole plan leads to a built page or an id on it."""
    html = page(site, "vyer/hela-planen")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    base = "http://x/vyer/hela-planen/"
    for href in re.findall(r'\shref="([^"]+)"', html.split('data-hela-planen="vyer">')[1]):
        if href.startswith("#"):
            assert href[1:] in ids, href
        elif not re.match(r"^[a-z]+:", href):
            target = urljoin(base, href).removeprefix("http://x/").split("#")[0]
            assert (site / target / "index.html").is_file() or (site / target).is_file(), href
