r"""Written pages whose only template code is plain macro calls are rendered without Jinja2.

mkdocs-macros compiles every page as a Jinja2 template before rendering it: about a millisecond
per macro call, the largest part of what a written page costs beyond its macros. After the page
check has passed a page (`macros.adapter.pages.check_before_render`), a page whose calls are all
of the kind the check accepts without parsing (`simple_calls`: registered macro, named literal
arguments, no other construct) is rendered here instead: each call replaced by the macro's output,
the text around it as Jinja2 gives it (line breaks as "\\n", one final line break removed). The
result is the same text Jinja2 gives (a property test holds the two together). Any other page,
and a page's title, is rendered by mkdocs-macros as before.

The page check itself is unchanged and runs first on every page.
"""

from __future__ import annotations

from typing import Any

from jinja2.lexer import newline_re

from macros.adapter import incremental
from macros.adapter.calls import call_macro
from macros.render.context import Site
from macros.validation.pages import MARKERS, SimpleCall, simple_calls

_PREPARED = "_kategoriplan_prepared"
"""The attribute of the mkdocs-macros plugin holding (text, rendered text) of the page at hand."""

_SITE = "_kategoriplan_site"
"""The attribute of the mkdocs-macros plugin holding the build's rendering context."""


def install(plugin: Any, site: Site) -> None:
    """Make mkdocs-macros use the text rendered here for the page it is about to render (define_env)."""
    setattr(plugin, _SITE, site)
    setattr(plugin, _PREPARED, None)
    if "render" in vars(plugin):
        return
    original = plugin.render

    def render(markdown: str, force_rendering: bool = False) -> str:
        prepared = getattr(plugin, _PREPARED)
        setattr(plugin, _PREPARED, None)
        if prepared is not None and prepared[0] == markdown:
            return str(prepared[1])
        return str(original(markdown, force_rendering=force_rendering))

    plugin.render = render


def prepare(plugin: Any) -> None:
    """Render the page mkdocs-macros is about to render, when it holds nothing but plain macro calls.

    Called after the page check passed the page. mkdocs-macros' `render` (see `install`) then
    returns this text instead of compiling the page.
    """
    setattr(plugin, _PREPARED, None)
    site = getattr(plugin, _SITE, None)
    page = plugin.page
    markdown = plugin.markdown
    if site is None or page.file.generated_by or not plugin.config.get("render_by_default", True):
        return
    if page.meta.get("render_macros") is not None or any(marker in str(page.title or "") for marker in MARKERS):
        return
    text = jinja_text(markdown)
    calls = simple_calls(text)
    if calls is None:
        return
    uri = page.file.src_uri
    output = incremental.rendered(uri, markdown, site, lambda: substitute(text, calls, site, uri))
    setattr(plugin, _PREPARED, (markdown, output))


def jinja_text(source: str) -> str:
    r"""The text as Jinja2 reads a template: every line break as "\\n", without one final line break."""
    lines = newline_re.split(source)[::2]
    if lines[-1] == "":
        del lines[-1]
    return "\n".join(lines)


def substitute(text: str, calls: list[SimpleCall], site: Site, page: str) -> str:
    """`text` with every call replaced by the macro's output on `page`."""
    parts, last = [], 0
    for start, end, name, arguments in calls:
        parts += [text[last:start], str(call_macro(site, page, name, arguments))]
        last = end
    parts.append(text[last:])
    return "".join(parts)
