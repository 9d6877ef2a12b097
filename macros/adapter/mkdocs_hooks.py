"""MkDocs hooks: generated pages for activities, and guards that the macros loaded and the
page check runs before mkdocs-macros renders any page.

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
from macros.adapter.session import build_today, data_dir_of  # noqa: E402
from macros.adapter.source_footnotes import SourceFootnotesExtension  # noqa: E402
from macros.adapter.versions import build_copies, publish  # noqa: E402
from macros.loading.cache import cache_root  # noqa: E402
from macros.render import MACROS  # noqa: E402
from macros.render.context import (  # noqa: E402
    MUNICIPALITY_PAGE,
    NATIONAL_STRATEGY_PAGE,
    activity_navigation,
    activity_page,
    footer_plans,
    generated_pages,
    national_goal_navigation,
    person_navigation,
)
from macros.render.html import page_url  # noqa: E402
from macros.render.safe import plain  # noqa: E402
from macros.validation.paths import links_under, page_collisions  # noqa: E402
from macros.validation.sections import unplaced_sections  # noqa: E402

_generated: dict[str, partial[str]] = {}
"""The generated pages of the current build: source path → the macro call that renders it."""

NOT_A_TEMPLATE = "---\nrender_macros: false\n---\n"
"""A generated page's source: front matter telling mkdocs-macros that there is no template."""


def on_config(config: Any) -> Any:
    """Footnotes show the source's numbers (see `macros.adapter.source_footnotes`), and the menu
    holds the generated pages: each activity under its plan's 9.2, each person under the
    municipality's page, so that they have a place, a breadcrumb and previous/next links."""
    if not any(isinstance(item, SourceFootnotesExtension) for item in config.markdown_extensions):
        config.markdown_extensions.append(SourceFootnotesExtension())
    data_dir = data_dir_of(config.config_file_path, config.extra)
    day = build_today()
    result = session.load_once(data_dir, day)
    if result.model is not None and config.nav:
        config.nav = _with_generated_pages(config.nav, result.model)
    if result.model is not None:
        history = session.history_once(config, data_dir, Path(config.docs_dir))
        config.extra["sidfot"] = _footer(result.model, history, day)
        config.extra["sidfot"]["tillganglighet"] = (Path(config.docs_dir) / ACCESSIBILITY_PAGE).is_file()
    return config


def _footer(model: Any, history: Any, day: Any) -> dict[str, Any]:
    """What the theme's footer shows (overrides/partials/copyright.html): each plan's owner and
    contact, and when the data last changed. Every text is escaped, as everywhere else."""
    changed = history.data_changed
    return {
        "planer": [
            {
                "namn": plain(item.name),
                "sida": page_url(item.page),
                "agare": plain(item.owner),
                "kontakt": plain(item.category_lead),
                "kontaktsida": page_url(item.category_lead_page),
            }
            for item in footer_plans(model)
        ],
        "datat_andrat": changed.date().isoformat() if changed else None,
        "byggd": day.isoformat(),
    }


ACCESSIBILITY_PAGE = "tillganglighet.md"
"""The accessibility statement (tillgänglighetsredogörelse) the footer links to when the site has it."""

PEOPLE_SECTION = "Ansvar per person"
"""The menu section of the person pages, under the page of what the plans share."""


def _with_generated_pages(nav: list[Any], model: Any) -> list[Any]:
    """The configured menu with the activity pages under each plan's 9.2, the person pages under
    the municipality's page and the inriktningsmål pages under the national strategy's page.
    Titles are plain text from the data, escaped as everywhere else."""
    activities = {activity_page(plan.id, "index"): activity_navigation(plan) for plan in model.plans.values()}
    people = person_navigation(model)
    goals = national_goal_navigation(model)

    def extend(items: list[Any]) -> list[Any]:
        extended = []
        for item in items:
            title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            if isinstance(target, list):
                extended.append({title: extend(target)} if title is not None else extend(target))
            elif target in activities:
                children = [{f"{title} (hela listan)": target}, *({plain(t): p} for t, p in activities[target])]
                extended.append({title: children})
            elif target == NATIONAL_STRATEGY_PAGE and title is not None and goals:
                children = [{f"{title} (översikt)": target}, *({plain(t): p} for t, p in goals)]
                extended.append({title: children})
            elif target == MUNICIPALITY_PAGE and title is not None:
                children = [{f"{title} (översikt)": target}, {PEOPLE_SECTION: [{plain(t): p} for t, p in people]}]
                extended.append({title: children})
            else:
                extended.append(item)
        return extended

    return extend(nav)


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
    day = build_today()
    data_dir = data_dir_of(config.config_file_path, config.extra)
    result = session.load_once(data_dir, day)
    if result.model is None:
        return files
    site = session.current_site(config) or session.build_site(result, day, data_dir, config)
    pages = generated_pages(result.model, history=site.archive is None)
    written = [file.src_uri for file in files.documentation_pages()]
    if clashes := page_collisions(pages, written, result.sources):
        raise Abort(
            "Datat ger sidor som redan finns; webbplatsen byggs inte.\n" + "\n".join(f.format() for f in clashes)
        )
    if unplaced := unplaced_sections(result.model, site.sections, result.sources):
        raise Abort(
            "Datat nämner avsnitt som inte finns; webbplatsen byggs inte.\n" + "\n".join(f.format() for f in unplaced)
        )
    for page in pages:
        _generated[page.path] = partial(call_macro, site, page.path, page.macro, page.arguments)
        files.append(File.generated(config, page.path, content=NOT_A_TEMPLATE))
    return files


SEARCH_FOLDING = Path(__file__).with_name("search_folding.js")
"""What makes the site's search match words typed without å, ä and ö (see that file)."""

SWEDISH_SEARCH = Path("assets", "javascripts", "lunr", "min", "lunr.sv.min.js")
"""Material's Swedish language support for its search, inside the theme and the built site."""


def on_post_build(config: Any) -> None:
    """Make the site's search fold accents (Material's lunr.sv followed by our folding step), and put
    the read-only copy of every decided version under arkiv/ (each built once, then taken from the cache)."""
    _fold_search(config)
    site = session.current_site(config)
    if site is None or site.archive is not None or not any(site.versions.of(plan) for plan in site.model.plans):
        return
    copies = build_copies(site, config, cache_root(session.project_of(config.config_file_path)))
    publish(site, copies, Path(config.site_dir))


def _fold_search(config: Any) -> None:
    """Material's lunr.sv in the built site, followed by the step that folds å, ä and ö."""
    theme_file = next(
        (Path(folder) / SWEDISH_SEARCH for folder in config.theme.dirs if (Path(folder) / SWEDISH_SEARCH).is_file()),
        None,
    )
    if theme_file is None:
        raise Abort("Materials svenska sökstöd (lunr.sv.min.js) saknas; sökningen kan inte bortse från å, ä och ö")
    target = Path(config.site_dir) / SWEDISH_SEARCH
    target.write_text(
        theme_file.read_text(encoding="utf-8") + "\n" + SEARCH_FOLDING.read_text(encoding="utf-8"), encoding="utf-8"
    )


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
