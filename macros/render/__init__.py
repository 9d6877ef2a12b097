"""Rendering: pure functions from the model to Markdown/HTML, registered as macros."""

from macros.render import (  # noqa: F401  (importing a module registers its macros)
    activities,
    activity_table,
    analysis,
    calendar,
    charts,
    followup,
    gantt,
    goalchain,
    guidance,
    history,
    market,
    maturity,
    municipality,
    national,
    open_data,
    organisation,
    plan_pages,
    procurement,
    procurement_guide,
    raci,
    reference,
    source_quality,
    versions,
    whole_plan,
)
from macros.render.registry import MACROS, render_call

__all__ = ["MACROS", "render_call"]
