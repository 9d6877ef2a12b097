"""MkDocs hooks: generated pages for activities, and a guard that the macros loaded.

Registered in mkdocs.yml under `hooks:`. Generated pages are virtual files whose
content is a single macro call; nothing is written into `content/`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from macros.adapter.calls import call_macro  # noqa: E402
from macros.adapter.session import data_dir_of, load_once, site_of  # noqa: E402
from macros.cli import today  # noqa: E402
from macros.render import MACROS  # noqa: E402
from macros.render.context import activity_page, person_page  # noqa: E402


def on_files(files: Files, config: Any) -> Files:
    """Add one generated page per activity of every plan, and one per person ("Ansvar: namn").

    A generated page is one macro's output, rendered here; the page tells mkdocs-macros not to
    render it again, which spares a Jinja compilation per generated page.
    """
    day = today()
    result = load_once(data_dir_of(config.config_file_path, config.extra), day)
    if result.model is None:
        return files
    site = site_of(result, day)
    for plan in result.model.plans.values():
        for activity in plan.activities:
            path = activity_page(plan.id, activity.id)
            _add_generated(
                files,
                config,
                path,
                call_macro(site, path, "aktivitetssida", {"plan": plan.id, "aktivitet": activity.id}),
            )
    for person in result.model.people:
        path = person_page(person.id)
        _add_generated(files, config, path, call_macro(site, path, "personansvar", {"person": person.id}))
    return files


NOT_A_TEMPLATE = "---\nrender_macros: false\n---\n\n"
"""Front matter telling mkdocs-macros that a page is finished Markdown, not a template."""


def _add_generated(files: Files, config: Any, path: str, markdown: str) -> None:
    """Add a generated page of finished Markdown."""
    files.append(File.generated(config, path, content=NOT_A_TEMPLATE + markdown))


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Refuse to build when mkdocs-macros did not register our macros.

    mkdocs-macros can lose a module whose import fails; pages would then render
    without data. This makes such a failure stop the build instead.
    """
    plugin = config.plugins.get("macros")
    registered = set(getattr(plugin, "macros", {}) or {}) if plugin else set()
    missing = sorted(set(MACROS) - registered)
    if missing:
        raise Abort(
            "mkdocs-macros registrerade inte datamotorns makron ("
            + ", ".join(missing)
            + "); kontrollera importen av paketet macros"
        )
    return env
