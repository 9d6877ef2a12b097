"""mkdocs-macros adapter: validate the data and register every macro."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import Abort

from macros.adapter import preview, session
from macros.adapter.calls import call_macro
from macros.adapter.session import build_today, data_dir_of
from macros.render import MACROS
from macros.render.context import Site
from macros.validation.findings import Severity, error, summary


def define_env(env: Any) -> None:
    """Load and validate `data/`; show the findings once; refuse to build on errors (the preview
    shows them in the browser instead, see `macros.adapter.preview`); register the macros."""
    preview.begin_build()
    day = build_today()
    data_dir = data_dir_of(env.conf["config_file_path"], env.conf["extra"])
    result = session.load_once(data_dir, day)
    preview.report(result.findings)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors or result.model is None:
        if preview.STATE.serving:
            preview.fail(errors or [error(data_dir.name, 0, "datat kunde inte läsas")])
            return
        raise Abort(
            f"Datat innehåller fel; webbplatsen byggs inte ({summary(result.findings)}). "
            "Felen står ovan med fil och rad."
        )
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
