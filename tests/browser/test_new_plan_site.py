"""A second plan made with `python -m macros ny plan` passes every browser gate at once, in the menu
the build gives it, with a new activity, need and person beside it and "Redigera" links configured."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from macros.scaffold.plan import new_plan
from macros.scaffold.records import new_activity, new_need, new_person
from tests.browser.conftest import ServedSite, _tail
from tests.browser.harness import GATES, Browser, BuiltSite, Crawl, crawl, require_clean, serve
from tests.sitebuild import FIXTURE_CONTENT, FIXTURE_DATA, build, write_config

pytestmark = pytest.mark.browser

NAV = [
    {"Start": "index.md"},
    {"Kategoriplan Exempel": ["exempel/index.md", "exempel/kategoriplan.md", "exempel/kategoristrategi.md"]},
    {"Kategoriplan Liten": ["liten/index.md", "liten/kategoriplan.md", "liten/kategoristrategi.md"]},
    {"För redaktörer": ["redaktorer/varningar.md"]},
]
"""A menu that names the fixture's plans but not the new one, as mkdocs.yml would before `ny plan`."""


@pytest.fixture(scope="module")
def new_plan_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The fixture project after ny plan, ny aktivitet, ny upphandlingsbehov and ny person, built and served."""
    project = tmp_path_factory.mktemp("ny-plan")
    data, content = project / "data", project / "content"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "redaktorer").mkdir(exist_ok=True)  # the fixture content has the reporting guide there
    (content / "redaktorer" / "varningar.md").write_text("# Datakontrollens varningar\n", encoding="utf-8")
    for asset in ("assets/oversikter.css", "assets/sortering.js"):
        (content / asset).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(__file__).resolve().parents[2] / "content" / asset, content / asset)
    new_plan(
        data,
        content,
        "fordon",
        name="Kategoriplan Fordon",
        category="Fordon",
        lead="anna-ek",
        sponsor="bo-lind",
        start="2025-01",
    )
    new_activity(data, "exempel", "Inför e-arkiv")
    new_need(data, "exempel", "Skrivare", subcategory="hardvara", year=2024)
    new_person(data, "Åsa Öberg")
    config = write_config(project, data=data, content=content)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["nav"] = NAV
    settings["extra"]["redigeringslank"] = "https://git.exempel.se/kommun/planer/blob/main/{fil}#L{rad}"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = build(config)
    if done.returncode != 0:
        pytest.fail(f"webbplatsen med den nya planen gick inte att bygga:\n{_tail(done.stderr + done.stdout)}")
    with serve(project / "site") as base:
        yield ServedSite(BuiltSite("ny-plan", project / "site"), base)


@pytest.fixture(scope="module")
def new_plan_crawl(browser: Browser, new_plan_site: ServedSite) -> Crawl:
    """Every gate over the new plan's pages and the new activity's and person's pages."""
    pages = [
        path
        for path in new_plan_site.site.pages
        if path.startswith("/fordon/") or path in ("/exempel/aktiviteter/infor-e-arkiv/", "/ansvar/asa-oberg/")
    ]
    new_plan_site.crawl = crawl(browser, new_plan_site.site, new_plan_site.base, pages)
    return new_plan_site.crawl


def test_new_plan_has_its_pages_in_the_menu(new_plan_site: ServedSite) -> None:
    """The new plan's section is in the menu although mkdocs.yml does not name it."""
    html = (new_plan_site.site.root / "fordon" / "sammanfattning" / "index.html").read_text(encoding="utf-8")
    assert "Kategoriplan Fordon" in html and "9.2 Aktivitetslista" in html and "Målkedja" in html


@pytest.mark.parametrize("gate", [gate for gate in GATES if gate != "search"])
def test_new_plan_passes_gate(new_plan_crawl: Crawl, gate: str) -> None:
    """Every page of the new plan (and the new records' pages) passes the gate."""
    assert len(new_plan_crawl.checked_pages) >= 20
    require_clean(new_plan_crawl, gate)
