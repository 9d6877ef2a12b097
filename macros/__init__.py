"""Kategoriplan data engine: model, loading, validation, rendering and command line.

mkdocs-macros imports this package (``module_name: macros``), calls `define_env` once and
`on_pre_page_macros` before it renders each page; the import of the adapter is deferred so
that the core never imports MkDocs.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros entry point; see `macros.adapter.mkdocs_macros`."""
    from macros.adapter.mkdocs_macros import define_env as register

    register(env)


def on_pre_page_macros(env: Any) -> None:
    """mkdocs-macros hook before a page is rendered; see `macros.adapter.pages.check_before_render`."""
    from macros.adapter.pages import check_before_render

    check_before_render(env)
