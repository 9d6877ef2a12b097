"""Kategoriplan data engine: model, loading, validation, rendering and command line.

mkdocs-macros imports this package (``module_name: macros``) and calls `define_env`;
the import of the adapter is deferred so that the core never imports MkDocs.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros entry point; see `macros.adapter.mkdocs_macros`."""
    from macros.adapter.mkdocs_macros import define_env as register

    register(env)
