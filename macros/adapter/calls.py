"""Calling a registered macro for one page, with misuse reported in Swedish.

Shared by the mkdocs-macros registration (macros written in pages) and the hooks
(generated pages, whose whole content is one macro's output).
"""

from __future__ import annotations

from mkdocs.exceptions import Abort

from macros.adapter import incremental, preview
from macros.render import render_call
from macros.render.context import MacroError, Site
from macros.render.html import finish_blocks
from macros.render.problems import call_error
from macros.validation.findings import output_line, shown


def call_macro(site: Site, page: str, name: str, arguments: dict[str, object]) -> str:
    """The Markdown of macro `name` on `page`, its raw HTML blocks carried over finished (see
    `finish_blocks`); a wrong call stops the build with a Swedish reason (the preview shows the
    reason in the call's place and goes on)."""
    try:
        return finish_blocks(render_call(incremental.tracked(site), page, name, arguments))
    except MacroError as exc:
        message = f"{page}: fel i anropet {name}(…): {exc}"
        if preview.STATE.serving:
            preview.report_page([output_line(shown(message))])
            return call_error(page, name, str(exc))
        raise Abort(message) from None
