"""The links named "Redigera": each record on the site leads to its file and line in the repository, each
written page to its Markdown file, and nothing does when the repository host is not configured."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
import yaml

from macros.model.base import Record
from macros.render.activities import activity_details
from macros.render.context import Site
from macros.render.editing import EditLinks, pattern_problem
from macros.render.plan_pages import effect_goals, indicators, strategies
from macros.render.procurement import procurement_needs
from macros.render.raci import person_responsibilities
from macros.render.safe import plain
from tests.conftest import TODAY, DataCopy
from tests.sitebuild import FIXTURE_CONTENT, FIXTURE_DATA, build, write_config

PATTERN = "https://git.exempel.se/kommun/planer/blob/main/{fil}#L{rad}"


def _site(data: DataCopy, pattern: str | None = PATTERN) -> Site:
    """The fixture data with "Redigera" links as if the data folder lay at data/ in the repository."""
    result = data.load()
    assert result.model is not None
    files = {shown: f"data/{path.relative_to(data.root).as_posix()}" for shown, path in result.files.items()}
    return Site(model=result.model, today=TODAY, edit=EditLinks(pattern, files, result.sources))


def _expected(data: DataCopy, file: str, record_id: str) -> str:
    """The link to the line of `- id: <record_id>` in a data file, written as a page writes it."""
    line = data.line_of(file, f"- id: {record_id}")
    return plain(PATTERN.replace("{fil}", f"data/{file}").replace("{rad}", str(line)))


def _records(site: Site) -> list[tuple[str, Record, Callable[[], str]]]:
    """Every record that has a "Redigera" link, with its data file and the view that shows it."""
    found: list[tuple[str, Record, Callable[[], str]]] = []
    for plan in site.model.plans.values():
        folder = f"planer/{plan.id}"
        found += [
            (f"{folder}/aktiviteter.yml", a, lambda p=plan.id, a=a.id: activity_details(site, plan=p, aktivitet=a))
            for a in plan.activities
        ]
        found += [
            (f"{folder}/effektmal.yml", g, lambda p=plan.id: effect_goals(site, plan=p)) for g in plan.effect_goals
        ]
        found += [(f"{folder}/strategier.yml", s, lambda p=plan.id: strategies(site, plan=p)) for s in plan.strategies]
        found += [(f"{folder}/nyckeltal.yml", i, lambda p=plan.id: indicators(site, plan=p)) for i in plan.indicators]
        found += [
            (f"{folder}/upphandlingsbehov.yml", n, lambda p=plan.id: procurement_needs(site, plan=p))
            for n in plan.procurement_needs
        ]
    found += [
        ("kommun/personer.yml", p, lambda p=p.id: person_responsibilities(site, person=p)) for p in site.model.people
    ]
    return found


def test_every_record_links_to_the_line_where_it_starts(data: DataCopy) -> None:
    """Each activity, procurement need, person, effektmål, strategy and measure links to its file at `- id:`."""
    site = _site(data)
    records = _records(site)
    kinds = {type(record).__name__ for _, record, _ in records}
    assert kinds == {"Activity", "EffectGoal", "Strategy", "KeyIndicator", "ProcurementNeed", "Person"}
    for file, record, view in records:
        assert _expected(data, file, record.id) in view(), (file, record.id)  # type: ignore[attr-defined]


def test_the_link_follows_the_record_when_lines_move(data: DataCopy) -> None:
    """Lines added above a record move its link with it (the line is read, never stored)."""
    file = "planer/exempel/aktiviteter.yml"
    data.edit(file, lambda text: text.replace("aktiviteter:\n", "aktiviteter:\n  # en kommentar\n  # till\n", 1))
    site = _site(data)
    html = activity_details(site, plan="exempel", aktivitet="e-tjanster")
    assert _expected(data, file, "e-tjanster") in html


def test_no_links_without_a_pattern(data: DataCopy) -> None:
    """Without the setting no view has a "Redigera" link."""
    site = _site(data, pattern=None)
    for _, _, view in _records(site):
        assert "redigera" not in view()


def test_a_link_names_the_record_for_screen_readers(data: DataCopy) -> None:
    """The visible word is Redigera; screen readers also hear which record (several links share a page)."""
    html = activity_details(_site(data), plan="exempel", aktivitet="e-tjanster")
    assert '>Redigera<span class="visuellt-dold"> aktivitet 9.2.1</span></a>' in html


def test_paths_in_links_are_encoded() -> None:
    """A file name with spaces, quotes or å is written percent-encoded, so it cannot leave the attribute."""
    url = EditLinks(PATTERN).url('content/å "x" <y>.md', 3)
    assert url == "https://git.exempel.se/kommun/planer/blob/main/content/%C3%A5%20%22x%22%20%3Cy%3E.md#L3"


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("https://github.com/o/r/blob/main/{fil}#L{rad}", None),
        ("https://github.com/o/r/blob/main/", "saknar {fil}"),
        ("javascript:alert(1)//{fil}", "ska börja med https://"),
        ('https://x.se/{fil}" onclick="x', "får inte innehålla"),
        (42, "ska vara en text"),
    ],
)
def test_wrong_patterns_are_refused(pattern: object, problem: str | None) -> None:
    """Only an http(s) address with {fil} and no quotes or spaces is accepted."""
    found = pattern_problem(pattern)
    assert found is None if problem is None else (found is not None and problem in found)


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built from a project whose mkdocs.yml sets the pattern, data and pages inside it."""
    project = tmp_path_factory.mktemp("redigera")
    shutil.copytree(FIXTURE_DATA, project / "data")
    shutil.copytree(FIXTURE_CONTENT, project / "content")
    config = write_config(project, data=project / "data", content=project / "content")
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["extra"]["redigeringslank"] = PATTERN
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = build(config)
    assert done.returncode == 0, done.stdout + done.stderr
    return project


@pytest.mark.build
def test_built_activity_page_links_to_its_line(linked_site: Path) -> None:
    """A generated activity page has the record's link and Material's edit button to the same line."""
    html = unescape((linked_site / "site" / "exempel" / "aktiviteter" / "e-tjanster" / "index.html").read_text("utf-8"))
    line = DataCopy(linked_site / "data").line_of("planer/exempel/aktiviteter.yml", "- id: e-tjanster")
    url = f"https://git.exempel.se/kommun/planer/blob/main/data/planer/exempel/aktiviteter.yml#L{line}"
    assert f'<a class="redigera" href="{url}">' in html
    assert f'<a href="{url}" title="Redigera sidan"' in html


@pytest.mark.build
def test_built_written_page_links_to_its_markdown_file(linked_site: Path) -> None:
    """A written page's edit button opens its Markdown file in the repository."""
    html = (linked_site / "site" / "exempel" / "index.html").read_text("utf-8")
    assert (
        'href="https://git.exempel.se/kommun/planer/blob/main/content/exempel/index.md#L1" title="Redigera sidan"'
        in html
    )


@pytest.mark.build
def test_a_wrong_pattern_stops_the_build(tmp_path: Path) -> None:
    """A pattern without {fil} stops the build with a Swedish message naming the setting."""
    config = write_config(tmp_path, data=FIXTURE_DATA, content=FIXTURE_CONTENT)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["extra"]["redigeringslank"] = "https://github.com/o/r/blob/main/"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = build(config)
    assert done.returncode != 0
    assert "mkdocs.yml: fel: extra.redigeringslank saknar {fil}" in done.stdout + done.stderr
