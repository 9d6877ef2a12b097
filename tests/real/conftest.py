"""The real plan's data, loaded and validated once for all data-integrity tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.loading.loader import LoadResult, load
from macros.model.catalog import Municipality, Plan
from macros.render import MACROS
from macros.render.context import Site

DATA = Path(__file__).resolve().parents[2] / "data"
TODAY = dt.date(2024, 6, 1)
PLAN = "it-och-telekom"


@pytest.fixture(scope="session")
def result() -> LoadResult:
    """The real data, loaded and validated once."""
    return load(DATA, today=TODAY)


@pytest.fixture(scope="session")
def model(result: LoadResult) -> Municipality:
    """The validated model of the real data."""
    errors = "\n".join(f.format() for f in result.findings)
    assert result.model is not None, f"datat kan inte läsas:\n{errors}"
    return result.model


@pytest.fixture(scope="session")
def plan(model: Municipality) -> Plan:
    """The IT & Telekom plan."""
    return model.plan(PLAN)


def render_macro(model: Municipality, name: str, *, page: str = f"{PLAN}/index.md", **arguments: object) -> str:
    """One macro's output on a page of the plan, as the built site would show it."""
    return MACROS[name].bind(Site(model=model, today=TODAY, page=page))(**arguments)
