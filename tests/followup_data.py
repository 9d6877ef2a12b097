"""Fixture data for the follow-up tests: the views fixtures plus the plan "arsrapport", whose
reports span three follow-up periods (see tests/fixtures/followup/README.md)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from macros.model.catalog import Municipality
from macros.render.context import Site
from tests import views_data
from tests.sitebuild import FIXTURES, write_config

FOLLOW_UP = FIXTURES / "followup"
PLAN = "arsrapport"
TODAY = dt.date(2026, 2, 15)
"""The day the fixture is seen from: in the third period, 2025/26."""


def assemble(target: Path) -> Path:
    """The views' fixture data with the plan "arsrapport" and its category leader added."""
    views_data.assemble(target)
    shutil.copytree(FOLLOW_UP / "planer" / PLAN, target / "planer" / PLAN)
    for addition in sorted((FOLLOW_UP / "tillagg").glob("*.yml")):
        shared = target / "kommun" / addition.name
        shared.write_text(shared.read_text(encoding="utf-8") + addition.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def load_model(target: Path, today: dt.date = TODAY) -> Municipality:
    """The assembled data, validated; fails on any error."""
    return views_data.checked_model(assemble(target), today)


def site_for(model: Municipality, page: str = "index.md", today: dt.date = TODAY) -> Site:
    """A rendering context on `page`, on this fixture's day."""
    return views_data.site_for(model, page, today)


def write_site(project: Path) -> Path:
    """A buildable project with the views' pages and the chapter pages "arsrapport" links to; returns mkdocs.yml."""
    data = assemble(project / "data")
    content = views_data.write_content(project / "content")
    for page, call in views_data.SECTION_STUBS.items():
        (content / PLAN).mkdir(exist_ok=True)
        (content / PLAN / page).write_text(f'# {page}\n\n{{{{ {call}(plan="{PLAN}") }}}}\n', encoding="utf-8")
    (content / PLAN / "index.md").write_text("# Kategoriplan Årsrapport\n", encoding="utf-8")
    return write_config(project, data=data, content=content)
