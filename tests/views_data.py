"""Fixture data for the view tests: the shared fixtures plus the plan "vyer" (see
tests/fixtures/views/README.md), assembled in a temporary folder."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from macros.loading.loader import load
from macros.model.catalog import Municipality
from macros.render.context import Site
from tests.sitebuild import FIXTURE_DATA, FIXTURES

VIEWS = FIXTURES / "views"
TODAY = dt.date(2024, 6, 1)


def assemble(target: Path) -> Path:
    """Copy the shared fixture data and add the plan "vyer" and its people to `target`."""
    shutil.copytree(FIXTURE_DATA, target)
    shutil.copytree(VIEWS / "planer" / "vyer", target / "planer" / "vyer")
    for addition in sorted((VIEWS / "tillagg").glob("*.yml")):
        shared = target / "kommun" / addition.name
        shared.write_text(shared.read_text(encoding="utf-8") + addition.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def load_model(target: Path, today: dt.date = TODAY) -> Municipality:
    """The assembled fixture data, validated; fails on any error."""
    result = load(assemble(target), today=today)
    errors = [f.format() for f in result.findings if f.severity.name == "ERROR"]
    assert result.model is not None and not errors, "\n".join(errors)
    return result.model


def site_for(model: Municipality, page: str = "index.md", today: dt.date = TODAY) -> Site:
    """A rendering context on `page`."""
    return Site(model=model, today=today, page=page)
