"""The build's half of the page rule: mkdocs-macros may render a page only after the checker passed it.

`on_pre_page_macros` runs inside mkdocs-macros' `on_page_markdown`, after MkDocs split off the
front matter and just before the Jinja2 rendering, on the very text that would be rendered.
`require_page_check` runs before any page is read and refuses a configuration in which the
check would not run or mkdocs-macros settings reopen what the check closes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from macros.adapter import preview
from macros.loading.pages import read_page
from macros.render import MACROS
from macros.render.problems import PAGE_ERROR_TITLE, error_page
from macros.validation.findings import Severity
from macros.validation.pages import check_rendered, check_title, display_path

CHECK_NAME = "on_pre_page_macros"
"""The function of the `macros` package that mkdocs-macros calls before rendering each page."""

_CLOSED_SETTINGS = ("modules", "include_dir", "include_yaml", "j2_extensions")
"""mkdocs-macros settings that load code or templates from elsewhere; they must stay empty."""


def check_before_render(env: Any) -> None:
    """Stop the build, naming file and line, when the page about to be rendered breaks the page rule."""
    page = env.page
    file = display_path(Path(env.conf["docs_dir"]), page.file.src_uri, Path(env.conf["config_file_path"]).parent)
    parsed = read_page(page.file.content_string)
    body_line = parsed.body_line if parsed.body == env.markdown else 1
    rendered = replace(parsed, body=env.markdown, body_line=body_line, meta=dict(page.meta))
    findings = check_rendered(file, rendered, front_matter=not page.file.generated_by)
    findings += check_title(file, page.title, parsed.title[1])
    errors = [finding.format() for finding in findings if finding.severity is Severity.ERROR]
    if errors and preview.STATE.serving:
        preview.report_page(errors)
        page.meta["render_macros"] = False  # the page's own text is not rendered; the errors are shown instead
        wrong = [finding for finding in findings if finding.severity is Severity.ERROR]
        env.markdown = error_page(
            wrong, title=PAGE_ERROR_TITLE, guide=preview.guide_link(page.file.src_uri, Path(env.conf["docs_dir"]))
        )
        return
    if errors:
        raise Abort("Sidan innehåller mallkod som inte är tillåten; webbplatsen byggs inte.\n" + "\n".join(errors))


def unsafe_settings(plugin: Mapping[str, Any], config: Mapping[str, Any]) -> list[str]:
    """The settings in mkdocs.yml that would let pages run or include code despite the check."""
    problems = [f"macros: {name}" for name in _CLOSED_SETTINGS if plugin.get(name)]
    problems += [f"macros: {name}" for name, value in plugin.items() if name.startswith("j2_") and value]
    problems += [f"extra: {name}" for name in MACROS if name in (config.get("extra") or {})]
    if config.get("extra_templates"):
        problems.append("extra_templates")
    return sorted(set(problems))


def require_page_check(config: Any) -> None:
    """Refuse to build when mkdocs-macros would render pages without the check, or with holes opened."""
    plugin = config.plugins.get("macros")
    if plugin is None:
        return
    checks = [f for f in plugin.pre_macro_functions if getattr(f, "__name__", "") == CHECK_NAME]
    problems = unsafe_settings(plugin.config, config)
    if not checks:
        problems.append(f"mkdocs-macros anropar inte {CHECK_NAME} i paketet macros (module_name: macros)")
    if problems:
        raise Abort(
            "mkdocs.yml: fel: sidorna skulle kunna köra kod; webbplatsen byggs inte. Ta bort eller rätta: "
            + "; ".join(problems)
        )
