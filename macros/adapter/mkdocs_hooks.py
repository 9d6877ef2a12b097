"""MkDocs hooks: generated pages for activities, and guards that the macros loaded and the
page check runs before mkdocs-macros renders any page.

Registered in mkdocs.yml under `hooks:`. Generated pages are virtual files whose
content is one macro's output; nothing is written into `content/`.
"""

from __future__ import annotations

import datetime as dt
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
from macros.adapter.source_footnotes import SourceFootnotesExtension  # noqa: E402
from macros.adapter.whole_plan import Chapter, assemble, in_order  # noqa: E402
from macros.loading.history import read_history  # noqa: E402
from macros.loading.loader import LoadResult  # noqa: E402
from macros.render import MACROS  # noqa: E402
from macros.render.context import GeneratedPage, generated_pages  # noqa: E402
from macros.validation.paths import links_under, page_collisions  # noqa: E402

_generated: dict[str, partial[str]] = {}
"""The generated pages of the current build: source path → the macro call that renders it."""

NOT_A_TEMPLATE = "---\nrender_macros: false\n---\n"
"""A generated page's source: front matter telling mkdocs-macros that there is no template."""

WHOLE_PLAN = "---\nrender_macros: false\nhide:\n  - toc\nsearch:\n  exclude: true\n---\n"
"""The whole plan's page: no table of contents beside it, and out of the search index (its
text is on the plan's own pages, where search finds it)."""

_whole_plans: dict[str, tuple[str, list[str]]] = {}
"""The whole-plan pages of the current build: source path → (plan id, the plan's activity ids)."""

_files: list[File] = []
_menu: list[str] = []
"""The documentation pages of the current build and the source paths in the menu's order."""


def on_config(config: Any) -> Any:
    """Footnotes show the source's numbers (see `macros.adapter.source_footnotes`)."""
    if not any(isinstance(item, SourceFootnotesExtension) for item in config.markdown_extensions):
        config.markdown_extensions.append(SourceFootnotesExtension())
    return config


def on_pre_build(config: Any) -> None:
    """Refuse to build when mkdocs-macros would render a page without the page check, or when a
    symbolic link in the pages or the theme would make the build read files from outside the project."""
    require_page_check(config)
    theme = config.theme.custom_dir
    links = links_under(Path(config.docs_dir), "content") + (links_under(Path(theme), "overrides") if theme else [])
    if links:
        raise Abort("Symboliska länkar stoppar bygget:\n" + "\n".join(f.format() for f in links))


def on_files(files: Files, config: Any) -> Files:
    """Add one generated page per activity of every plan, and one per person ("Ansvar: namn").

    A generated page is one macro's output. `on_page_markdown` renders it when MkDocs reaches
    the page; mkdocs-macros leaves it alone, which spares a Jinja compilation per page.
    """
    _generated.clear()
    _whole_plans.clear()
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
    data_dir = data_dir_of(config.config_file_path, config.extra)
    for page in pages:
        _generated[page.path] = partial(call_macro, site, page.path, page.macro, page.arguments)
        source = NOT_A_TEMPLATE
        if page.macro == "hela_planen":
            # Only the whole plan says when its data last changed: git is read for it alone.
            _generated[page.path] = partial(_with_history, result, day, data_dir, config.docs_dir, page)
            plan = result.model.plans[str(page.arguments["plan"])]
            _whole_plans[page.path] = (plan.id, [a.id for a in plan.activities])
            source = WHOLE_PLAN
        files.append(File.generated(config, page.path, content=source))
    _files[:] = list(files.documentation_pages())
    return files


def _with_history(result: LoadResult, day: dt.date, data_dir: Path, docs_dir: str, page: GeneratedPage) -> str:
    """A generated page that needs the change history (read from git when the page is rendered)."""
    site = site_of(result, day, read_history(data_dir, Path(docs_dir)))
    return call_macro(site, page.path, page.macro, page.arguments)


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    """Remember the menu's order of pages: the whole plan follows it."""
    _menu[:] = [page.file.src_uri for page in nav.pages]
    return nav


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Put the chapters into a whole-plan page, as the site rendered them for their own pages."""
    if page.file.src_uri not in _whole_plans:
        return output
    plan_id, activities = _whole_plans[page.file.src_uri]
    rendered = {}
    for file in _files:
        chapter = getattr(file, "page", None)
        if chapter is not None and chapter.content is not None:
            rendered[file.src_uri] = Chapter(file.src_uri, chapter.url, chapter.content)
    return assemble(output, plan_id, page.url, in_order(plan_id, _menu, activities, rendered))


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
