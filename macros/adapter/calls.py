"""Calling a registered macro for one page, with misuse reported in Swedish.

Shared by the mkdocs-macros registration (macros written in pages) and the hooks
(generated pages, whose whole content is one macro's output).
"""

from __future__ import annotations

from mkdocs.exceptions import Abort

from macros.render import MACROS
from macros.render.context import MacroError, Site


def call_macro(site: Site, page: str, name: str, arguments: dict[str, object]) -> str:
    """The Markdown of macro `name` on `page`; a wrong call stops the build with a Swedish reason."""
    try:
        return MACROS[name].bind(site.on_page(page))(**arguments)
    except (MacroError, KeyError, TypeError) as exc:
        raise Abort(f"{page}: fel i anropet {name}(…): {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    """A short Swedish reason for a failed macro call."""
    if isinstance(exc, KeyError):
        return f"okänt id {exc.args[0]!r}"
    if isinstance(exc, TypeError):
        return f"fel argument ({exc})"
    return str(exc)
