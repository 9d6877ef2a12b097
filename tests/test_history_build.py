"""The built site of a repository with a known history and two decided versions (tests/history_site.py):
the auditors' pages, each record's history, the versions in 11.0 and their read-only copies,
built once and reused."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from html import unescape

import openpyxl
import pandas as pd
import pytest

from tests.history_site import NEW_TIMELINE, OLD_TIMELINE, HistorySite, make_history_site

pytestmark = pytest.mark.build

COPY_1 = "arkiv/exempel/version-1-0"
COPY_2 = "arkiv/exempel/version-2-0"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> HistorySite:
    """The history site, built once."""
    return make_history_site(tmp_path_factory.mktemp("historikwebb"))


def page(site: HistorySite, path: str) -> str:
    """The text of a built page's content (markup and heading links removed, whitespace runs as one space)."""
    html = (site.site / path / "index.html").read_text(encoding="utf-8")
    article = html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    article = re.sub(r'<a class="headerlink"[^>]*>[^<]*</a>', "", article)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def html_of(site: HistorySite, path: str) -> str:
    """The HTML of a built page."""
    return (site.site / path / "index.html").read_text(encoding="utf-8")


def test_each_decided_version_has_a_copy_with_its_own_data(built: HistorySite) -> None:
    """The copies hold the activity's timeline as each version decided it."""
    assert f"Tidplan/prioritering {OLD_TIMELINE}" in page(built, f"{COPY_1}/exempel/aktiviteter/e-tjanster")
    assert f"Tidplan/prioritering {NEW_TIMELINE}" in page(built, f"{COPY_2}/exempel/aktiviteter/e-tjanster")


def test_a_copy_says_which_version_it_is_and_which_is_in_force(built: HistorySite) -> None:
    """Every page of a copy has the banner: its version and decision, the version in force, links onwards."""
    text = page(built, f"{COPY_1}/exempel/aktiviteter/e-tjanster")
    assert "Du läser version 1.0 av Kategoriplan Exempel, beslutad 2024-01-15 av Kommunstyrelsen." in text
    assert "Gällande version är 2.0, beslutad 2024-03-10." in text
    html = html_of(built, f"{COPY_1}/exempel/aktiviteter/e-tjanster")
    assert 'href="../../../../../../exempel/aktiviteter/e-tjanster/"' in html
    assert 'href="../../../../version-2-0/exempel/aktiviteter/e-tjanster/"' in html
    assert "<!--arkiv:" not in html


def test_every_link_of_a_copys_banner_leads_to_a_page(built: HistorySite) -> None:
    """The banner's relative links resolve to pages that exist, from every page of every copy."""
    for copy in (COPY_1, COPY_2):
        for file in (built.site / copy).rglob("index.html"):
            banner = file.read_text(encoding="utf-8").split('class="admonition info arkivbanner"')[1].split("</div>")[0]
            for target in re.findall(r'href="([^"#]+)"', banner):
                assert (file.parent / target / "index.html").resolve().is_file(), (file, target)


def test_the_copies_fetch_nothing(built: HistorySite) -> None:
    """No page of a copy refers to a versions.json or to another host for its version selector."""
    for file in (built.site / "arkiv").rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        banner = html.split("arkivbanner")[1].split("</div>")[0] if "arkivbanner" in html else ""
        assert "versions.json" not in html and "//" not in re.sub(r'href="(\.\./)*[^":]*"', "", banner)


def test_11_0_lists_the_versions_with_their_copies_and_changes(built: HistorySite) -> None:
    """11.0 has one row per decided version, a link to read it and one to what it changed."""
    text = page(built, "exempel/versionshistorik")
    assert "1.0 2024-01-15 Kommunstyrelsen § 12, KS-2024/7 Beslut om version 1.0." in text
    assert "Läs version 2.0 1 ändring" in text
    html = html_of(built, "exempel/versionshistorik")
    assert f'href="../../{COPY_2}/exempel/"' in html and 'href="../versioner/version-2-0/"' in html


def test_the_plan_says_it_has_changed_since_the_decision(built: HistorySite) -> None:
    """The published data differs from version 2.0: 11.0 says "ändrad sedan beslutet" and how much."""
    text = page(built, "exempel/versionshistorik")
    assert "Ändrad sedan beslutet 2024-03-10 : gällande version är version 2.0, beslutad 2024-03-10 av" in text
    assert "och 1 ändring i planens poster är inte beslutad ännu." in text


def test_a_versions_page_shows_what_it_changed(built: HistorySite) -> None:
    """Version 2.0's page lists the changed timeline with its old and new wording, and what changed since."""
    text = page(built, "exempel/versioner/version-2-0")
    assert f"Aktivitet 9.2.1 Inför e-tjänster Tidplan (ändrad) {OLD_TIMELINE} {NEW_TIMELINE}" in text
    assert "Aktivitet 9.2.2 Utbilda beställare Prioritet (ändrad) 2 3" in text
    assert "Det här är den första beslutade versionen" in page(built, "exempel/versioner/version-1-0")


def test_an_activity_page_shows_its_history_and_versions(built: HistorySite) -> None:
    """An activity's page: last changed by whom, every change with its reason, and its page in each version."""
    text = page(built, "exempel/aktiviteter/e-tjanster")
    assert "Senast ändrad 2024-03-01 av Bo Lind ( historik )." in text
    assert "2024-03-01 10:00 (UTC+01:00) Bo Lind Ny tidplan för e-tjänsterna" in text
    assert f"Tidplan (ändrad) {OLD_TIMELINE} {NEW_TIMELINE}" in text
    html = html_of(built, "exempel/aktiviteter/e-tjanster")
    assert f'href="../../../{COPY_1}/exempel/aktiviteter/e-tjanster/"' in html


def test_the_whole_plan_leaves_the_activities_change_logs_on_their_pages(built: HistorySite) -> None:
    """The whole plan (to print) holds each activity's chapter but not its change log, and links to it on the activity's page."""
    whole = html_of(built, "exempel/hela-planen").split('data-hela-planen="exempel">')[1]
    assert 'class="vy historik"' not in whole and NEW_TIMELINE in whole
    assert 'href="../aktiviteter/e-tjanster/#historik"' in whole
    assert 'class="vy historik"' in html_of(built, "exempel/aktiviteter/e-tjanster")


def test_the_search_finds_the_plan_as_it_is_not_its_old_values(built: HistorySite) -> None:
    """No old value of the history or a version's changes is in the search index; the current value and the pages are."""
    docs = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert [doc["location"] for doc in docs if OLD_TIMELINE in doc["text"] + doc["title"]] == []
    activity = [doc for doc in docs if doc["location"].startswith("exempel/aktiviteter/e-tjanster/")]
    assert any(NEW_TIMELINE in doc["text"] for doc in activity)
    assert any(doc["location"].startswith("exempel/versioner/version-2-0/") for doc in docs)


def test_the_change_history_lists_changes_by_record_with_the_version_in_force(built: HistorySite) -> None:
    """Ändringshistorik: each change with old and new value, who, why, and the version then in force."""
    html = html_of(built, "exempel/andringshistorik")
    text = page(built, "exempel/andringshistorik")
    assert (
        f"Aktivitet 9.2.1 Inför e-tjänster Tidplan (ändrad) {OLD_TIMELINE} {NEW_TIMELINE} "
        "2024-03-01 10:00 (UTC+01:00) Bo Lind Ny tidplan för e-tjänsterna"
    ) in text
    assert "version 1.0" in text and f'href="../../{COPY_1}/exempel/"' in html
    assert 'data-filter="slag"' in html and 'data-filter="post"' in html
    assert "Ändringar i sidornas text och utseende" in text


def test_the_change_history_filters_by_the_version_in_force(built: HistorySite) -> None:
    """Ändringshistorik filters by the decided version in force, newest first: the periods between decisions."""
    html = html_of(built, "exempel/andringshistorik")
    control = html.split('data-filter="version">')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)"', control) == [
        "",
        "version 2.0",
        "version 1.0",
        "ingen beslutad version",
    ]
    row = next(r for r in html.split("<tr") if NEW_TIMELINE in r and "Bo Lind" in r)
    assert 'data-f-version="version 1.0"' in row


def test_the_record_history_page_keeps_every_record(built: HistorySite) -> None:
    """The plan's history page has a section per record, with its last change."""
    text = page(built, "exempel/historik")
    assert "Aktivitet 9.2.2 Utbilda beställare" in text and "Senast ändrad 2024-04-01 av Åsa Ek." in text
    assert 'id="upphandlingsbehov"' in html_of(built, "exempel/historik")


@pytest.mark.parametrize("path", ["exempel/historik", "kommunen/historik"])
def test_the_history_pages_table_of_contents_lists_every_record(built: HistorySite, path: str) -> None:
    """Every section of a history page, each kind and each record in it, is in the page's table of contents, in order."""
    html = html_of(built, path)
    article = html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    contents = html.split('<nav class="md-nav md-nav--secondary"')[1].split("</nav>\n</div>")[0]
    listed = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', contents)
    assert listed == re.findall(r'<h[23] id="([^"]+)"', article) and len(listed) > 10


def test_a_record_never_changed_after_its_addition_is_told_in_one_sentence(built: HistorySite) -> None:
    """A record added and never changed gets one sentence with its row's time, author and reason; a changed one keeps its table."""
    text = page(built, "exempel/historik")
    assert (
        "Beslutad version 1.0 Posten lades till 2024-03-11 09:00 (UTC+01:00) av Åsa Ek "
        "(”Besluten om version 1.0 och 2.0”, "
    ) in text
    section = html_of(built, "exempel/historik").split('id="aktivitet-e-tjanster"')[1].split("<h3")[0]
    assert "<table" in section and "har inte ändrats" not in section


def test_the_start_page_links_each_plans_versions(built: HistorySite) -> None:
    """The list of plans links the read-only copy of each decided version, newest first."""
    html = html_of(built, "")
    assert html.index(f'href="{COPY_2}/exempel/"') < html.index(f'href="{COPY_1}/exempel/"')


def test_copies_are_built_once_and_reused(built: HistorySite) -> None:
    """A new commit and a new build reuse the cached copies and their filled-in banners: nothing is built again."""
    cache = built.repo.root / ".cache"
    copies, filled = sorted(cache.rglob("arkiv/*/.klar")), sorted(cache.rglob("arkiv-publicerad/*/*/.klar"))
    assert len(copies) == 2 and len(filled) == 1
    marks = copies + filled
    before = [mark.stat().st_mtime_ns for mark in marks]
    inside = built.site / COPY_1 / "exempel"
    os.utime(inside, ns=(10**18, 10**18))  # a folder linked again would have the time of the build
    built.repo.replace("planer/exempel/aktiviteter.yml", "    prioritet: 3\n", "    prioritet: 1\n")
    built.repo.commit("Utbildningen får högsta prioritet", when="2024-05-01T09:00:00+02:00")
    built.build()
    assert [mark.stat().st_mtime_ns for mark in marks] == before
    assert (built.site / COPY_1 / "exempel" / "index.html").is_file()
    assert "Senast ändrad 2024-05-01 av Åsa Ek" in page(built, "exempel/historik")
    # the previous build's folder of copies was moved back whole, not emptied and linked file by file
    assert inside.stat().st_mtime_ns == 10**18


def test_copies_another_hand_put_in_the_site_folder_are_not_reused(built: HistorySite) -> None:
    """A folder of copies that the last build did not put there (replaced since) is emptied by MkDocs as any
    stale file, never taken into the cache; the build links the copies again."""
    folder = built.site / "arkiv" / "exempel"
    shutil.rmtree(folder)
    (folder / "version-1-0" / "exempel").mkdir(parents=True)
    (folder / "version-1-0" / "exempel" / "index.html").write_text("<p>främmande</p>", encoding="utf-8")
    (folder / "främmande.html").write_text("<p>främmande</p>", encoding="utf-8")
    built.build()
    assert not (folder / "främmande.html").exists()
    assert "Du läser version 1.0 av Kategoriplan Exempel" in page(built, f"{COPY_1}/exempel")
    cache = built.repo.root / ".cache"
    assert not [path for path in cache.rglob("främmande.html")]


def test_a_build_forgets_the_cache_of_an_engine_unused_for_a_week(built: HistorySite) -> None:
    """The cache does not grow with every change to the engine: a build removes what an engine no build has used
    for a week left there."""
    stale = built.repo.root / ".cache" / "kategoriplan" / "0123456789abcdef"
    (stale / "jamforelse").mkdir(parents=True)
    os.utime(stale, (0, 0))
    built.build()
    assert not stale.exists()


def test_the_copies_cache_lives_outside_git(built: HistorySite) -> None:
    """The cache folder is ignored by git: a build leaves the repository clean."""
    status = built.repo.git("status", "--porcelain")
    assert status == "", status


def _tables_without_download(html: str) -> int:
    """How many tables of a page's article are not followed by "Ladda ner: Excel · CSV"."""
    article = html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    pieces = article.split("<table")[1:]
    return sum(
        'class="nedladdning" data-search-exclude>Ladda ner:' not in piece.split("</table>", 1)[1][:600]
        for piece in pieces
    )


def test_every_table_of_the_auditors_pages_offers_its_files(built: HistorySite) -> None:
    """11.0, each version's page, the change history, the record histories and an activity page offer their tables."""
    pages = [
        "exempel/versionshistorik",
        "exempel/versioner/version-1-0",
        "exempel/versioner/version-2-0",
        "exempel/andringshistorik",
        "exempel/historik",
        "exempel/aktiviteter/e-tjanster",
    ]
    assert {path: _tables_without_download(html_of(built, path)) for path in pages} == dict.fromkeys(pages, 0)


def test_every_download_link_of_the_history_site_has_its_file(built: HistorySite) -> None:
    """Every download link on the live site's pages leads to a file the build wrote."""
    missing = []
    for file in built.site.rglob("index.html"):
        if "arkiv" in file.relative_to(built.site).parts:
            continue
        for target in re.findall(r'href="([^"]+)" download', file.read_text(encoding="utf-8")):
            if not (file.parent / target).resolve().is_file():
                missing.append(f"{file.parent.relative_to(built.site)}: {target}")
    assert missing == []


def test_the_versions_export_holds_every_decision(built: HistorySite) -> None:
    """Read with openpyxl, the decided versions' workbook has one row per version with its real date."""
    sheet = openpyxl.load_workbook(built.site / "nedladdning/exempel/versioner.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Version", "Beslutad", "Beslutad av")
    assert [(row[0], row[1].date() if row[1] else None, row[2]) for row in rows[1:]] == [
        ("1.0", dt.date(2024, 1, 15), "Kommunstyrelsen"),
        ("2.0", dt.date(2024, 3, 10), "Kommunstyrelsen"),
    ]


def test_the_change_export_has_a_row_per_changed_field(built: HistorySite) -> None:
    """Read with pandas, the plan's change export holds the timeline change with its old and new value and its day."""
    frame = pd.read_csv(built.site / "nedladdning/exempel/andringar.csv", sep=";", encoding="utf-8-sig", dtype=str)
    timeline = frame[frame["Före"] == OLD_TIMELINE]
    assert list(timeline["Efter"]) == [NEW_TIMELINE]
    assert list(timeline["Postens id"]) == ["e-tjanster"]
