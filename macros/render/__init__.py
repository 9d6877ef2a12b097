"""Rendering: pure functions from the model to Markdown/HTML, registered as macros."""

from macros.render import activities, analysis, organisation, plan_pages, procurement, source_quality  # noqa: F401  (registers macros)
from macros.render import activity_table, calendar, charts, gantt, goalchain, raci, reference  # noqa: F401  (views)
from macros.render.registry import MACROS

__all__ = ["MACROS"]
