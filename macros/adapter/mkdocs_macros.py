"""mkdocs-macros adapter: validate the data and register every macro."""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.exceptions import Abort

from macros.adapter import session
from macros.adapter.calls import call_macro
from macros.adapter.session import build_today, data_dir_of
from macros.render import MACROS
from macros.render.context import Site
from macros.validation.findings import Severity, summary

log = logging.getLogger("mkdocs.plugins.kategoriplan")


def define_env(env: Any) -> None:
    """Load and validate `data/`; refuse to build on errors; register the macros."""
    day = build_today()
    data_dir = data_dir_of(env.conf["config_file_path"], env.conf["extra"])
    result = session.load_once(data_dir, day)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    for finding in result.findings:
        if finding.severity is Severity.WARNING:
            log.info(finding.format())
    if errors or result.model is None:
        lines = "\n".join(f.format() for f in errors)
        raise Abort(f"Datat innehåller fel; webbplatsen byggs inte.\n{lines}\n{summary(result.findings)}")
    site = session.build_site(result, day, data_dir, env.conf)
    for spec in MACROS.values():
        env.macro(_on_current_page(env, spec.name, site), spec.name)


def _on_current_page(env: Any, name: str, site: Site) -> Any:
    """Wrap a macro so it knows the page it renders on and reports misuse in Swedish."""

    def call(**arguments: object) -> str:
        page = env.page.file.src_uri if getattr(env, "page", None) else "index.md"
        return call_macro(site, page, name, arguments)

    call.__name__ = name
    call.__doc__ = MACROS[name].function.__doc__
    return call
