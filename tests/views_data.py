"""Fixture data for the view tests: the shared fixtures plus the plan "vyer" (see
tests/fixtures/views/README.md), assembled in a temporary folder."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from macros.loading.loader import load
from macros.model.catalog import Municipality
from macros.render.context import Site
from tests.sitebuild import FIXTURE_CONTENT, FIXTURE_DATA, FIXTURES, ROOT, write_config

VIEWS = FIXTURES / "views"
TODAY = dt.date(2024, 6, 1)


GUIDANCE = ROOT / "data" / "vagledning"
"""The real guidance library: shared by every plan, so the fixture plan "vyer" links to it as the real plan does."""


def assemble(target: Path) -> Path:
    """Copy the shared fixture data and add the plan "vyer", its people and the guidance library to `target`."""
    shutil.copytree(FIXTURE_DATA, target)
    shutil.copytree(VIEWS / "planer" / "vyer", target / "planer" / "vyer")
    shutil.copytree(GUIDANCE, target / "vagledning")
    for addition in sorted((VIEWS / "tillagg").glob("*.yml")):
        shared = target / "kommun" / addition.name
        shared.write_text(shared.read_text(encoding="utf-8") + addition.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def checked_model(data_dir: Path, today: dt.date) -> Municipality:
    """The data in `data_dir`, validated; fails on any error."""
    result = load(data_dir, today=today)
    errors = [f.format() for f in result.findings if f.severity.name == "ERROR"]
    assert result.model is not None and not errors, "\n".join(errors)
    return result.model


def load_model(target: Path, today: dt.date = TODAY) -> Municipality:
    """The assembled fixture data, validated; fails on any error."""
    return checked_model(assemble(target), today)


def site_for(model: Municipality, page: str = "index.md", today: dt.date = TODAY) -> Site:
    """A rendering context on `page`."""
    return Site(model=model, today=today, page=page)


CONTENT = ROOT / "content"
SECTION_STUBS = {
    "kategoriplan.md": "effektmal",
    "kategoristrategi.md": "strategier",
    "effektuppfoljning.md": "nyckeltal",
    "upphandlingsbehov.md": "checklistor",
}
"""Section pages that activity, guidance and checklist pages link to (4.1, 5.x, 6.x, 9.1), as one macro call each."""
OVERVIEW_PAGES = (
    "aktiviteter",
    "tidslinje",
    "upphandlingskalender",
    "ansvarsmatris",
    "malkedja",
    "analys",
    "sjalvskattning",
    "nationella-mal",
)


def add_views_pages(target: Path, plans: tuple[str, ...] = ("exempel", "liten", "vyer")) -> Path:
    """The real overview pages for the plan "vyer", section stubs for `plans` and the real guidance pages."""
    pages = target / "vyer" / "oversikter"
    pages.mkdir(parents=True, exist_ok=True)
    for name in OVERVIEW_PAGES:
        real = (CONTENT / "it-och-telekom" / "oversikter" / f"{name}.md").read_text(encoding="utf-8")
        (pages / f"{name}.md").write_text(real.replace('plan="it-och-telekom"', 'plan="vyer"'), encoding="utf-8")
    for plan in plans:
        (target / plan).mkdir(exist_ok=True)
        for page, call in SECTION_STUBS.items():
            if not (target / plan / page).exists():
                (target / plan / page).write_text(f'# {page}\n\n{{{{ {call}(plan="{plan}") }}}}\n', encoding="utf-8")
    if not (target / "vyer" / "index.md").exists():
        (target / "vyer" / "index.md").write_text(
            '# Kategoriplan Vyer\n\n{{ aktivitetstabell(plan="vyer") }}\n', encoding="utf-8"
        )
    shutil.copytree(CONTENT / "vagledning", target / "vagledning", dirs_exist_ok=True)
    return target


def write_content(target: Path) -> Path:
    """Fixture pages plus the real overview pages for the plan "vyer", and the site's assets."""
    shutil.copytree(FIXTURE_CONTENT, target)
    shutil.copytree(CONTENT / "assets", target / "assets")
    for plan in ("exempel", "liten", "vyer"):
        for page in SECTION_STUBS:
            (target / plan / page).unlink(missing_ok=True)
    add_views_pages(target)
    (target / "redaktorer").mkdir(exist_ok=True)
    shutil.copy(CONTENT / "redaktorer" / "makron.md", target / "redaktorer" / "makron.md")
    (target / "redaktorer" / "ratta-fel.md").write_text(
        "# Så rättar du ett fel i datat\n\n## Vad en sida i content får innehålla\n", encoding="utf-8"
    )
    shutil.copy(CONTENT / "kommunen.md", target / "kommunen.md")
    return target


def write_site(project: Path) -> Path:
    """A buildable fixture project for the views; returns its mkdocs.yml."""
    data = assemble(project / "data")
    content = write_content(project / "content")
    return write_config(project, data=data, content=content)
