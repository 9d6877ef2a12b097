"""MkDocs hooks: generated pages for activities, people and follow-up, and guards that the
macros loaded and the page check runs before mkdocs-macros renders any page.

Registered in mkdocs.yml under `hooks:`. Generated pages are virtual files whose
content is one macro's output; nothing is written into `content/`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from macros.adapter import exports, incremental, preview, session  # noqa: E402
from macros.adapter.calls import call_macro  # noqa: E402
from macros.adapter.pages import require_page_check  # noqa: E402
from macros.adapter.session import build_today, data_dir_of  # noqa: E402
from macros.adapter.source_footnotes import SourceFootnotesExtension  # noqa: E402
from macros.adapter.toc import add_finished_headings  # noqa: E402
from macros.adapter.versions import build_copies, publish, set_aside  # noqa: E402
from macros.adapter.whole_plan import Chapter, assemble, in_order  # noqa: E402
from macros.loading.cache import cache_root  # noqa: E402
from macros.loading.pages import page_files  # noqa: E402
from macros.render import MACROS  # noqa: E402
from macros.render.context import (  # noqa: E402
    CHANGE_HISTORY_PAGE,
    MUNICIPALITY_PAGE,
    NATIONAL_STRATEGY_PAGE,
    SHARED_HISTORY_TITLE,
    activity_navigation,
    activity_page,
    chapter_page,
    follow_up_index_page,
    follow_up_navigation,
    footer_plans,
    generated_pages,
    history_navigation,
    history_page,
    national_goal_navigation,
    person_navigation,
)
from macros.render.editing import EditLinks  # noqa: E402
from macros.render.html import expand_finished, keep_dates_whole, page_url  # noqa: E402
from macros.render.problems import error_page  # noqa: E402
from macros.render.safe import plain  # noqa: E402
from macros.render.whole_plan import version_text  # noqa: E402
from macros.scaffold.plan import plan_navigation  # noqa: E402
from macros.validation.paths import links_under, page_collisions  # noqa: E402
from macros.validation.sections import unplaced_sections  # noqa: E402

_generated: dict[str, partial[str]] = {}
"""The generated pages of the current build: source path → the macro call that renders it."""

_edit_urls: dict[str, str] = {}
"""Where each page of the current build can be edited (see `on_page_markdown`), when configured."""

NOT_A_TEMPLATE = "---\nrender_macros: false\n---\n"
"""A generated page's source: front matter telling mkdocs-macros that there is no template."""

NOT_SEARCHED = "---\nrender_macros: false\nsearch:\n  exclude: true\n---\n"
"""The source of a generated page that the search leaves out (see `GeneratedPage.searched`)."""

WHOLE_PLAN = "---\nrender_macros: false\nhide:\n  - toc\nsearch:\n  exclude: true\n---\n"
"""The whole plan's page: no table of contents beside it, and out of the search index (its
text is on the plan's own pages, where search finds it)."""

_whole_plans: dict[str, tuple[str, list[str]]] = {}
"""The whole-plan pages of the current build: source path → (plan id, the plan's activity ids)."""

_files: list[File] = []
_menu: list[str] = []
"""The documentation pages of the current build and the source paths in the menu's order."""


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether MkDocs serves a preview (see `macros.adapter.preview`) and keep mkdocs-macros quiet;
    `mkdocs serve` also remembers between its builds what each page was made from (see `incremental`)."""
    preview.start(command)
    incremental.start(command)


def on_config(config: Any) -> Any:
    """Footnotes show the source's numbers (see `macros.adapter.source_footnotes`), and the menu
    holds the generated pages: each activity under its plan's 9.2, each person under the
    municipality's page, so that they have a place, a breadcrumb and previous/next links."""
    if not any(isinstance(item, SourceFootnotesExtension) for item in config.markdown_extensions):
        config.markdown_extensions.append(SourceFootnotesExtension())
    if preview.STATE.failure:
        config.nav = preview.STATE.nav or config.nav  # the menu of the last data that could be read
        return config
    data_dir = data_dir_of(config.config_file_path, config.extra)
    day = build_today()
    result = session.load_once(data_dir, day)
    incremental.begin(config, result, data_dir, day)
    if result.model is not None and config.nav:
        config.nav = _with_unlisted_plans(config.nav, result.model, Path(config.docs_dir))
        config.nav = _with_generated_pages(config.nav, result.model, history=not config.extra.get("arkiv"))
    if result.model is not None:
        history = session.history_once(config, data_dir, Path(config.docs_dir))
        config.extra["sidfot"] = _footer(result.model, history, day)
        config.extra["sidfot"]["tillganglighet"] = (Path(config.docs_dir) / ACCESSIBILITY_PAGE).is_file()
        config.extra["sektionssidor"] = {PEOPLE_SECTION: {"sida": page_url(MUNICIPALITY_PAGE), "ankare": PEOPLE_ANCHOR}}
    return config


def _footer(model: Any, history: Any, day: Any) -> dict[str, Any]:
    """What the theme's footer shows (overrides/partials/copyright.html): each plan's owner and
    contact, and when the data last changed; and what every printed page says it shows (the
    plan, its version, the data's date; overrides/main.html). Every text is escaped, as everywhere else."""
    changed = history.data_changed
    return {
        "planer": [
            {
                "namn": plain(item.name),
                "sida": page_url(item.page),
                "agare": plain(item.owner),
                "kontakt": plain(item.category_lead),
                "kontaktsida": page_url(item.category_lead_page),
                "mapp": page_url(item.page),
                "version": plain(version_text(model.plans[item.page.split("/")[0]])),
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
PEOPLE_ANCHOR = "personer"
"""Where the municipality's page lists the people: the breadcrumb's "Ansvar per person" leads there
(overrides/partials/path-item.html), not to the first person's page."""


def _nav_targets(items: list[Any]) -> Iterator[str]:
    """Every page the menu names."""
    for item in items:
        target = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(target, list):
            yield from _nav_targets(target)
        elif isinstance(target, str):
            yield target


def _with_unlisted_plans(nav: list[Any], model: Any, pages_dir: Path) -> list[Any]:
    """The configured menu with a section for each plan it does not mention (a plan made with
    `ny plan`), placed before the municipality's page: its standard pages in the plan's order."""
    listed = set(_nav_targets(nav))
    sections = []
    for plan in model.plans.values():
        if any(target.startswith(f"{plan.id}/") for target in listed) or not (pages_dir / plan.id).is_dir():
            continue
        existing = {page.relative_to(pages_dir).as_posix() for page in page_files(pages_dir / plan.id)}
        sections.append({plain(plan.meta.name): plan_navigation(plan.id, plan.meta.category, existing)})
    if not sections:
        return nav
    place = next((index for index, item in enumerate(nav) if MUNICIPALITY_PAGE in set(_nav_targets([item]))), len(nav))
    return [*nav[:place], *sections, *nav[place:]]


def _with_generated_pages(nav: list[Any], model: Any, *, history: bool = True) -> list[Any]:
    """The configured menu with the activity pages under each plan's 9.2, the follow-up period pages
    after each plan's page Uppföljning, the person pages under the municipality's page and the
    inriktningsmål pages under the national strategy's page; with `history` (not in a decided
    version's copy), each plan's history pages after its Ändringshistorik and the shared data's
    history under the municipality's page. Titles are plain text from the data, escaped as
    everywhere else."""
    activities = {activity_page(plan.id, "index"): activity_navigation(plan) for plan in model.plans.values()}
    histories = (
        {chapter_page(plan.id, CHANGE_HISTORY_PAGE): history_navigation(plan) for plan in model.plans.values()}
        if history
        else {}
    )
    people = person_navigation(model)
    goals = national_goal_navigation(model)
    periods = {follow_up_index_page(plan.id): follow_up_navigation(plan) for plan in model.plans.values()}

    def extend(items: list[Any]) -> list[Any]:
        extended: list[Any] = []
        for item in items:
            title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            if isinstance(target, list):
                extended.append({title: extend(target)} if title is not None else extend(target))
            elif target in activities:
                listed = [{f"{title} (hela listan)": target}, *({plain(t): p} for t, p in activities[target])]
                extended.append({title: listed})
            elif target == NATIONAL_STRATEGY_PAGE and title is not None and goals:
                listed = [{f"{title} (översikt)": target}, *({plain(t): p} for t, p in goals)]
                extended.append({title: listed})
            elif target == MUNICIPALITY_PAGE and title is not None:
                children: list[dict[str, Any]] = [
                    {f"{title} (översikt)": target},
                    {PEOPLE_SECTION: [{plain(t): p} for t, p in people]},
                ]
                if history:
                    children.append({SHARED_HISTORY_TITLE: history_page(None)})
                extended.append({title: children})
            elif target in periods:
                extended += [item, *[{plain(t): p} for t, p in periods[target]]]
            elif target in histories:
                extended.append(item)
                extended += [{plain(t): p} for t, p in histories[target]]
            else:
                extended.append(item)
        return extended

    return extend(nav)


def on_pre_build(config: Any) -> None:
    """Refuse to build when mkdocs-macros would render a page without the page check, or when a
    symbolic link in the pages or the theme would make the build read files from outside the project."""
    require_page_check(config)
    _set_copies_aside(config)
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
    _whole_plans.clear()
    _edit_urls.clear()
    if preview.STATE.failure:
        return _error_site(files, config)
    day = build_today()
    data_dir = data_dir_of(config.config_file_path, config.extra)
    result = session.load_once(data_dir, day)
    if result.model is None:
        return files
    site = session.current_site(config) or session.build_site(result, day, data_dir, config)
    edit = site.edit
    pages = generated_pages(result.model, history=site.archive is None)
    written = [file.src_uri for file in files.documentation_pages()]
    for problems, reason in (
        (page_collisions(pages, written, result.sources), "Datat ger sidor som redan finns"),
        (unplaced_sections(result.model, site.sections, result.sources), "Datat nämner avsnitt som inte finns"),
    ):
        if problems and preview.STATE.serving:
            preview.report(problems)
            preview.fail(problems)
            return _error_site(files, config)
        if problems:
            raise Abort(f"{reason}; webbplatsen byggs inte.\n" + "\n".join(f.format() for f in problems))
    exports.begin(Path(config.site_dir), site, site.open_data, cache_root(session.project_of(config.config_file_path)))
    preview.remember([page.path for page in pages], config.nav)
    _edit_urls.update(_written_edit_urls(files, config, edit))
    for page in pages:
        if url := edit.of(page.record):
            _edit_urls[page.path] = url
        _generated[page.path] = partial(call_macro, site, page.path, page.macro, page.arguments)
        source = NOT_A_TEMPLATE if page.searched else NOT_SEARCHED
        if page.macro == "hela_planen":
            plan = result.model.plans[str(page.arguments["plan"])]
            _whole_plans[page.path] = (plan.id, [a.id for a in plan.activities])
            source = WHOLE_PLAN
        files.append(File.generated(config, page.path, content=source))
    _files[:] = list(files.documentation_pages())
    return files


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
            rendered[file.src_uri] = Chapter(
                file.src_uri, chapter.url, keep_dates_whole(expand_finished(chapter.content))
            )
    return assemble(output, plan_id, page.url, in_order(plan_id, _menu, activities, rendered))


def _written_edit_urls(files: Files, config: Any, edit: EditLinks) -> dict[str, str]:
    """Where each written page can be edited: its Markdown file in the repository (mkdocs.yml's folder)."""
    if not edit.pattern:
        return {}
    root = Path(config.config_file_path).parent
    written = {file.src_uri: Path(file.abs_src_path) for file in files.documentation_pages() if file.abs_src_path}
    return {uri: url for uri, path in session.repository_paths(root, written).items() if (url := edit.url(path))}


def _error_site(files: Files, config: Any) -> Files:
    """The preview's site while the data has errors: every page (written, or generated from the last
    data that could be read) shows the errors, at its own address, so that the browser reloads to
    them and back to the page once the data is fixed."""
    pages = {file.src_uri for file in files.documentation_pages()} | set(preview.STATE.pages)
    site = Files([file for file in files if not file.is_documentation_page()])
    for path in sorted(pages):
        guide = preview.guide_link(path, Path(config.docs_dir))
        _generated[path] = partial(error_page, preview.STATE.failure, guide=guide)
        site.append(File.generated(config, path, content=NOT_A_TEMPLATE))
    return site


SEARCH_FOLDING = Path(__file__).with_name("search_folding.js")
"""What makes the site's search match words typed without å, ä and ö (see that file)."""

SWEDISH_SEARCH = Path("assets", "javascripts", "lunr", "min", "lunr.sv.min.js")
"""Material's Swedish language support for its search, inside the theme and the built site."""


def on_post_build(config: Any) -> None:
    """Wait until every exported file is written (stop the build if one could not be), make the site's
    search fold accents (Material's lunr.sv followed by our folding step), and put the read-only copy
    of every decided version under arkiv/ (each built once, then taken from the cache)."""
    exports.finish()
    _fold_search(config)
    _publish_copies(config)
    incremental.commit(keep=not preview.STATE.failure)


def _publish_copies(config: Any) -> None:
    """The read-only copy of every decided version under arkiv/, when the plans have decided versions."""
    site = session.current_site(config)
    if site is None or site.archive is not None or not any(site.versions.of(plan) for plan in site.model.plans):
        return
    cache = cache_root(session.project_of(config.config_file_path))
    copies = build_copies(site, config, cache)
    publish(site, copies, Path(config.site_dir), cache)


def _set_copies_aside(config: Any) -> None:
    """Keep the previous build's copies of the decided versions from MkDocs' cleaning of the site folder:
    `publish` moves them back when they are unchanged (see `versions.set_aside`)."""
    if config.extra.get("arkiv"):
        return  # a copy's own build
    cache = cache_root(session.project_of(config.config_file_path))
    if cache.is_dir():
        set_aside(Path(config.site_dir), cache)


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
    """The Markdown of a generated page; any other page is left as it is. Every page links to where it
    can be edited (Material's edit button: the Markdown file, or the record a generated page shows)."""
    if url := _edit_urls.get(page.file.src_uri):
        page.edit_url = url
    incremental.remember_conversion(page, files, config)
    render = None
    if page.file.generated_by:
        _forget_template_marker(page)
        render = _generated.get(page.file.src_uri)
    if render is None:
        return markdown
    if render.func is not call_macro:  # the preview's error page for a build whose data has errors
        return render()
    return incremental.rendered(page.file.src_uri, repr(render.args[2:]), render.args[0], render)


def _forget_template_marker(page: Any) -> None:
    """Drop `render_macros` from a generated page's front matter once mkdocs-macros has read it.

    Material's menu asks every entry's front matter for an icon, a subtitle and a status on every
    page; for an entry whose front matter is not empty, each question that has no answer costs Jinja
    two exceptions. With the marker gone, a generated page's front matter is empty, as a plain page's
    is, and the menu skips those questions: at 50 times the real plan (about 3 000 pages, each with the
    whole menu) the menus took 50 s longer than plain MkDocs' before.
    """
    page.meta.pop("render_macros", None)


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """The page's HTML with the engine's finished blocks put back (see `macros.render.html.finished_html`),
    but for the tables of changes, which the search must not read (see `on_page_context`); the headings
    of those blocks join the page's table of contents."""
    add_finished_headings(page, html)
    return expand_finished(html, unsearched=False)


@event_priority(-100)
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """After the search plugin has read the page: the tables of changes put back into its HTML, and the
    dates in its tables kept whole on one line."""
    page.content = keep_dates_whole(expand_finished(page.content))
    return context


def on_build_error(error: Exception) -> None:
    """Stop the export process of a build that failed; a failed build is not remembered: the next one
    starts from the last that succeeded."""
    exports.abandon()
    incremental.discard()


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Refuse to build when mkdocs-macros did not register our macros.

    mkdocs-macros can lose a module whose import fails; pages would then render
    without data. This makes such a failure stop the build instead.
    """
    if preview.STATE.failure:
        return env  # the macros were not registered: no page renders them (see `_error_site`)
    plugin = config.plugins.get("macros")
    registered = set(getattr(plugin, "macros", {}) or {}) if plugin else set()
    missing = sorted(set(MACROS) - registered)
    if missing:
        raise Abort(
            "mkdocs-macros registrerade inte datamotorns makron ("
            + ", ".join(missing)
            + "); kontrollera importen av paketet macros"
        )
    incremental.remember_search_entries(config)
    return incremental.remember_templates(env, config)
