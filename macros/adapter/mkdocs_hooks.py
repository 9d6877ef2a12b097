"""MkDocs hooks: generated pages for activities, people and follow-up, and guards that the
macros loaded and the page check runs before mkdocs-macros renders any page.

Registered in mkdocs.yml under `hooks:`. Generated pages are virtual files whose
content is one macro's output; nothing is written into `content/`.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from macros.adapter import session  # noqa: E402
from macros.adapter.calls import call_macro  # noqa: E402
from macros.adapter.pages import require_page_check  # noqa: E402
from macros.adapter.session import build_today, data_dir_of, site_of  # noqa: E402
from macros.render import MACROS  # noqa: E402
from macros.render.context import generated_pages  # noqa: E402
from macros.validation.paths import links_under, page_collisions  # noqa: E402

_generated: dict[str, partial[str]] = {}
"""The generated pages of the current build: source path → the macro call that renders it."""

NOT_A_TEMPLATE = "---\nrender_macros: false\n---\n"
"""A generated page's source: front matter telling mkdocs-macros that there is no template."""


def on_pre_build(config: Any) -> None:
    """Refuse to build when mkdocs-macros would render a page without the page check, or when a
    symbolic link in the pages or the theme would make the build read files from outside the project."""
    require_page_check(config)
    theme = config.theme.custom_dir
    links = links_under(Path(config.docs_dir), "content") + (links_under(Path(theme), "overrides") if theme else [])
    if links:
        raise Abort("Symboliska länkar stoppar bygget:\n" + "\n".join(f.format() for f in links))


def on_files(files: Files, config: Any) -> Files:
    """Add the generated pages: one per activity of every plan, one per person ("Ansvar: namn"), and
    each plan's follow-up pages ("Uppföljning", one per follow-up period, "Att rapportera").

    A generated page is one macro's output. `on_page_markdown` renders it when MkDocs reaches
    the page; mkdocs-macros leaves it alone, which spares a Jinja compilation per page.
    """
    _generated.clear()
    day = build_today()
    result = session.load_once(data_dir_of(config.config_file_path, config.extra), day)
    if result.model is None:
        return files
    site = site_of(result, day)
    pages = generated_pages(result.model)
    written = [file.src_uri for file in files.documentation_pages()]
    if clashes := page_collisions(pages, written, result.sources):
        raise Abort(
            "Datat ger sidor som redan finns; webbplatsen byggs inte.\n" + "\n".join(f.format() for f in clashes)
        )
    for page in pages:
        _generated[page.path] = partial(call_macro, site, page.path, page.macro, page.arguments)
        files.append(File.generated(config, page.path, content=NOT_A_TEMPLATE))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """The Markdown of a generated page; any other page is left as it is."""
    render = _generated.get(page.file.src_uri) if page.file.generated_by else None
    return render() if render else markdown


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
