"""The auditors' views rendered from a known history: old and new values reach the page through
`plain` and `rich` (a value from the cache or an old commit can hold anything), the pages say
what they cannot show, and each record's history and last change are where readers look."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown
import pytest
import yaml

from macros.comparison import ADDED, CHANGED, MOVED, REMOVED, Change
from macros.model.catalog import Municipality
from macros.model.history import Commit, DataChange, FileChange, History
from macros.model.plan import DecidedVersion
from macros.render.history import change_history, change_log_block, last_changed, record_histories, record_history
from macros.render.html import expand_finished, finished_heading, finished_html, keep_finished_blocks
from macros.render.safe import plain
from macros.render.versions import NO_VERSIONS, changes_table, version_history
from tests.markers import hostile, live_markup, parse
from tests.sitebuild import ROOT
from tests.views_data import load_model, site_for

PLAN = "vyer"
EXTENSIONS = [
    entry if isinstance(entry, str) else next(iter(entry))
    for entry in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
]


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Municipality:
    """The fixture data with the plan "vyer"."""
    return load_model(tmp_path_factory.mktemp("historik-vyer") / "data")


def _commit(subject: str, when: str, who: str = "Åsa Ek") -> Commit:
    return Commit(f"{abs(hash(subject)):040x}"[:40], dt.datetime.fromisoformat(when), who, subject, (), ("0" * 40,))


def _history(model: Municipality, old: str, new: str, *, rich: bool) -> History:
    """One commit that changed the first activity's timeline from `old` to `new`."""
    activity = model.plan(PLAN).activities[0]
    change = Change(
        PLAN,
        "aktivitet",
        activity.id,
        f"Aktivitet {activity.number} {activity.name}",
        "Tidplan",
        CHANGED,
        old,
        new,
        rich,
    )
    added = Change(None, "person", model.people[0].id, f"Person {model.people[0].name}", None, ADDED)
    commit = _commit(f"Ny tidplan {hostile(90)}", "2024-03-01T09:30:00+01:00")
    files = (FileChange("M", f"data/planer/{PLAN}/aktiviteter.yml"),)
    commit = replace(commit, files=files)
    return History(commits=(commit,), data_changes=(DataChange(commit, (change, added)),))


def _html(text: str) -> str:
    """Markdown as MkDocs renders it (the site's extensions, and the finished blocks put back as the hooks do)."""
    return expand_finished(markdown.markdown(text, extensions=EXTENSIONS))


@pytest.mark.parametrize("rich", [False, True])
def test_old_and_new_values_are_never_markup(model: Municipality, rich: bool) -> None:
    """Hostile text in old and new values, and in a commit's message, is shown as text everywhere."""
    history = _history(model, hostile(1), hostile(2), rich=rich)
    site = replace(site_for(model, f"{PLAN}/andringshistorik.md"), history=history)
    activity = model.plan(PLAN).activities[0]
    key = (PLAN, "aktivitet", activity.id)
    outputs = [
        change_history(site, plan=PLAN),
        record_history(replace(site, page=f"{PLAN}/aktiviteter/{activity.id}.md"), key),
        record_histories(replace(site, page=f"{PLAN}/historik.md"), plan=PLAN),
        changes_table(
            site, "t", [change for item in history.data_changes for change in item.changes], "vyer/versioner/t"
        ).html(),
    ]
    for output in outputs:
        page = parse(_html(output))
        assert list(live_markup(page)) == []
        visible = " ".join(page.text)
        assert "⟦m1⟧" in visible and "⟦m2⟧" in visible


def test_each_change_names_time_author_reason_and_values(model: Municipality) -> None:
    """A record's history row: time with its UTC offset, author, the commit's message, field, old and new."""
    history = _history(model, "bör påbörjas senast 2024", "under 2025", rich=False)
    activity = model.plan(PLAN).activities[0]
    site = replace(site_for(model, f"{PLAN}/aktiviteter/{activity.id}.md"), history=history)
    html = expand_finished(record_history(site, (PLAN, "aktivitet", activity.id)))
    for part in (
        "2024-03-01 09:30 (UTC+01:00)",
        "Åsa Ek",
        "Tidplan (ändrad)",
        "bör påbörjas senast 2024",
        "under 2025",
    ):
        assert plain(part) in html or part in html


def test_a_record_only_added_is_told_in_one_sentence(model: Municipality) -> None:
    """A record whose whole history is its addition: one sentence with time, author, reason and id (escaped), no table."""
    person = model.people[0]
    added = Change(None, "person", person.id, f"Person {person.name}", None, ADDED)
    commit = _commit(f"Personerna {hostile(91)}", "2024-01-10T09:00:00+01:00", who=f"Åsa {hostile(92)}")
    history = History(commits=(commit,), data_changes=(DataChange(commit, (added,)),))
    site = replace(site_for(model, f"ansvar/{person.id}.md"), history=history)
    output = expand_finished(record_history(site, (None, "person", person.id)))
    page = parse(_html(output))
    assert list(live_markup(page)) == [] and "<table" not in output
    text = " ".join(" ".join(page.text).split())
    assert "Posten lades till 2024-01-10 09:00 (UTC+01:00) av Åsa" in text
    assert "⟦m91⟧" in text and "⟦m92⟧" in text and commit.short_id in text
    assert text.endswith("och har inte ändrats sedan dess.")


def test_last_changed_links_to_the_records_history(model: Municipality) -> None:
    """The line "Senast ändrad" names the day and author and links to the history on the activity's own page."""
    history = _history(model, "a", "b", rich=False)
    activity = model.plan(PLAN).activities[0]
    site = replace(site_for(model, f"{PLAN}/kategoriplan.md"), history=history)
    line = last_changed(site, (PLAN, "aktivitet", activity.id))
    assert "Senast ändrad 2024-03-01 av Åsa Ek" in line
    assert f'href="{plain(f"../aktiviteter/{activity.id}/#historik")}"' in line


def test_a_shared_change_is_listed_in_the_plans_history(model: Municipality) -> None:
    """A change of shared data is in the plan's table, marked as shared, linking to the person's page."""
    history = _history(model, "a", "b", rich=False)
    html = expand_finished(
        change_history(replace(site_for(model, f"{PLAN}/andringshistorik.md"), history=history), plan=PLAN)
    )
    person = model.people[0]
    assert f"{plain(f'Person {person.name}')}</a> (gemensam data)" in html
    assert f'href="{plain(f"../../ansvar/{person.id}/#historik")}"' in html


def test_without_git_every_view_says_why(model: Municipality) -> None:
    """Without a history, the views say so instead of showing an empty table."""
    site = site_for(model, f"{PLAN}/andringshistorik.md")
    assert change_history(site, plan=PLAN).startswith(
        "Historiken kan inte visas här: webbplatsen byggdes utan git-historik."
    )
    assert last_changed(site, (PLAN, "aktivitet", "x")) == ""


def test_a_plan_without_decided_versions_says_so_and_links_the_history(model: Municipality, tmp_path: Path) -> None:
    """11.0 without versions: the honest empty state and a link to Ändringshistorik."""
    text = version_history(site_for(model, f"{PLAN}/versionshistorik.md"), plan=PLAN)
    assert text.startswith(NO_VERSIONS) and "[Ändringshistorik](andringshistorik.md)" in text


def _with_versions(model: Municipality) -> Municipality:
    """The model with two decided versions of the plan "vyer"."""
    plan = model.plan(PLAN)
    versions = [
        DecidedVersion.model_validate(
            {"version": number, "datum": day, "beslutat_av": "kommunstyrelsen", "beskrivning": "Beslut.", "git": tag}
        )
        for number, day, tag in (("1.0", "2024-01-15", "vyer-1.0"), ("2.0", "2024-03-10", "vyer-2.0"))
    ]
    meta = plan.meta.model_copy(update={"versions": versions})
    return replace(model, plans={**model.plans, PLAN: replace(plan, meta=meta)})


def test_the_history_pages_follow_the_change_history_in_the_menu(model: Municipality) -> None:
    """In the menu, a plan's Ändringshistorik is followed by its Historik per post and each decided version's
    page, and the shared data's history sits under the municipality's page; a version's copy has none of them."""
    from macros.adapter.mkdocs_hooks import _with_generated_pages

    nav = [{"Kommunen": "kommunen.md"}, {"Planen": [{"Ändringshistorik": f"{PLAN}/andringshistorik.md"}]}]
    menu = _with_generated_pages(nav, _with_versions(model))
    assert menu[1] == {
        "Planen": [
            {"Ändringshistorik": f"{PLAN}/andringshistorik.md"},
            {"Historik per post": f"{PLAN}/historik.md"},
            {"Version 1.0, beslutad 2024-01-15": f"{PLAN}/versioner/version-1-0.md"},
            {"Version 2.0, beslutad 2024-03-10": f"{PLAN}/versioner/version-2-0.md"},
        ]
    }
    assert menu[0]["Kommunen"][-1] == {"Historik för gemensam data": "kommunen/historik.md"}
    copy = _with_generated_pages(nav, _with_versions(model), history=False)
    assert copy[1] == nav[1] and "kommunen/historik.md" not in str(copy)


def test_a_record_that_moved_away_is_not_called_removed(model: Municipality) -> None:
    """On the plan's Historik per post, a record that moved to another plan says so; one removed says removed."""
    added = _commit("Två aktiviteter", "2024-01-10T09:00:00+01:00")
    moved = _commit("En aktivitet flyttas, en stryks", "2024-02-10T09:00:00+01:00")

    def change(plan: str, record: str, kind: str, key: str = "") -> Change:
        return Change(plan, "aktivitet", record, f"Aktivitet 9.2.9 {record}", None, kind, key=key)

    history = History(
        commits=(moved, added),
        data_changes=(
            DataChange(moved, (change("exempel", "flyttas", MOVED, key=PLAN), change(PLAN, "stryks", REMOVED))),
            DataChange(added, (change(PLAN, "flyttas", ADDED), change(PLAN, "stryks", ADDED))),
        ),
    )
    site = replace(site_for(model, f"{PLAN}/historik.md"), history=history)
    page = _html(record_histories(site, plan=PLAN))
    assert '>Aktivitet 9.2.9 flyttas (flyttad till en annan plan)<a class="headerlink"' in page
    assert '>Aktivitet 9.2.9 stryks (borttagen)<a class="headerlink"' in page
    moved_history = history.of_record("exempel", "aktivitet", "flyttas")
    assert [(c.subject, ch.change) for c, ch in moved_history] == [
        ("En aktivitet flyttas, en stryks", MOVED),
        ("Två aktiviteter", ADDED),
    ]


@pytest.mark.parametrize("searched", [True, False])
def test_a_finished_block_is_put_back_only_when_this_process_made_it(searched: bool) -> None:
    """A history table passes Markdown as one short comment and comes back whole; a comment that merely
    looks like one (a token this process did not make, or a real token under the other kind) is dropped."""
    table = '<div class="vy historik"><table><tr><td>a &lt; b</td></tr></table></div>'
    sealed = finished_html(table, searched=searched)
    assert table not in sealed and len(sealed) < 80
    assert expand_finished(_html("Före\n" + sealed + "\nEfter")).count(table) == 1
    token = sealed.split()[-1].removesuffix("-->")
    for kind in ("html", "utan-sok"):
        assert expand_finished(_html(f"<!--kategoriplan-{kind} " + "0" * 32 + "-->")).strip() == ""
    other = "html" if not searched else "utan-sok"
    assert "table" not in expand_finished(_html(f"<!--kategoriplan-{other} {token}-->"))


def test_finished_blocks_live_as_long_as_a_kept_text_names_them() -> None:
    """At the start of a build the engine forgets the finished blocks that no text kept for reuse names,
    and keeps those that one does: its memory holds one build's blocks, and no reused page loses one."""
    kept, dropped = finished_html("<p>behålls</p>"), finished_html("<p>glöms</p>")
    keep_finished_blocks([f"Sida\n{kept}\n"])
    assert expand_finished(kept).strip() == "<p>behålls</p>"
    assert expand_finished(dropped).strip() == ""
    assert expand_finished(finished_html("<p>glöms</p>")).strip() == "<p>glöms</p>"
    outer = finished_html(f"<div>{finished_html('<p>inre</p>')}</div>")
    keep_finished_blocks([outer])
    assert "<p>inre</p>" in expand_finished(outer)


def test_a_table_of_changes_never_reaches_the_search_index() -> None:
    """A table of changes is not read by the site's search, however its markup nests (Material's own
    exclusion mark lets go at a nested end tag), and the page shows it whole."""
    from material.plugins.search.plugin import SearchIndex

    from macros.adapter.mkdocs_hooks import on_page_content, on_page_context

    inner = (
        '<div class="tabellfilter" data-search-exclude><div><p>Filtrera</p></div></div>'
        "<table><tr><td>gammalt värde</td><td>nytt värde</td></tr></table>"
    )
    page = SimpleNamespace(meta={}, toc=[], url="sida/", title="Sida", content="")
    converted = markdown.markdown("Planen säger nu nytt värde.\n" + change_log_block(inner), extensions=EXTENSIONS)
    page.content = on_page_content(converted, page, None, None)
    index = SearchIndex()
    index.add_entry_from_context(page)
    on_page_context({}, page, None, None)
    indexed = " ".join(entry["text"] for entry in index.entries)
    assert "Planen säger nu nytt värde." in indexed and "gammalt" not in indexed
    assert inner in page.content and "kategoriplan-" not in page.content


def test_the_headings_of_a_finished_block_join_the_table_of_contents() -> None:
    """A finished block's headings are in the page's table of contents where the block stands, under the heading
    before it, and are anchors other pages may link to; a forged block adds nothing, and the table of contents
    Markdown made (which the preview keeps) is left as it was."""
    from mkdocs.structure.toc import get_toc

    from macros.adapter.toc import add_finished_headings

    def shape(links: Any) -> list[tuple[str, str, list[Any]]]:
        return [(link.id, link.title, shape(link.children)) for link in links]

    block = finished_heading(3, "Post &#60;1&#62;", "post-1") + "<p>Text</p>" + finished_heading(3, "Post 2", "post-2")
    forged = re.sub(r"(?<=kategoriplan-html )[0-9a-f]{32}", "0" * 32, finished_html(finished_heading(3, "Falsk", "f")))
    converter = markdown.Markdown(extensions=EXTENSIONS)
    html = converter.convert(
        f"# Sida\n\n## Först {{ #forst }}\n{finished_html(block)}\n{forged}\n## Sist {{ #sist }}\n"
    )
    made = get_toc(converter.toc_tokens)  # type: ignore[attr-defined]
    before = shape(made)
    page = SimpleNamespace(toc=made, present_anchor_ids={"forst", "sist"})
    add_finished_headings(page, html)
    children = [("post-1", "Post &#60;1&#62;", []), ("post-2", "Post 2", [])]
    assert shape(page.toc) == [("sida", "Sida", [("forst", "Först", children), ("sist", "Sist", [])])]
    assert page.present_anchor_ids == {"forst", "sist", "post-1", "post-2"}
    assert shape(made) == before
