"""The real site, built once as `make build` builds it: what staff meet beyond the page text
(the menu, breadcrumbs and previous/next links, the search index and the search's language support)."""

from __future__ import annotations

import html
import json
import re
import shutil
from csv import DictReader
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, build, write_config

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data and pages, built with the project's configuration (menu included)."""
    project = tmp_path_factory.mktemp("real-site")
    content = project / "content"
    shutil.copytree(ROOT / "content", content)
    done = build(write_config(project, data=ROOT / "data", content=content, nav=True), today="2025-06-01")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (project / "bygglogg.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
    return project / "site"


def page(site: Path, path: str) -> str:
    """The HTML of one built page."""
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_activity_has_a_place_in_the_menu(real_site: Path) -> None:
    """Each activity page sits under 9.2 in the menu: a breadcrumb leads back and previous/next go on."""
    html = page(real_site, "it-och-telekom/aktiviteter/molntjanster")
    crumbs = re.search(r'<nav class="md-path".*?</nav>', html, re.S)
    assert crumbs and "9.0 Bilaga 2 – Aktiviteter" in crumbs.group(0) and "9.2 Aktivitetslista" in crumbs.group(0)
    footer = re.search(r'<nav class="md-footer__inner.*?</nav>', html, re.S)
    assert footer and "9.2.10" in footer.group(0) and "9.2.12" in footer.group(0)


def test_every_breadcrumb_step_leads_to_a_page_about_it(real_site: Path) -> None:
    """A person page's breadcrumb "Ansvar per person" leads to the list of people, not to the first person's page."""
    crumbs = re.search(r'<nav class="md-path".*?</nav>', page(real_site, "ansvar/sara-holst"), re.S)
    assert crumbs
    step = re.search(
        r'<a href="([^"]*)" class="md-path__link">\s*<span class="md-ellipsis">\s*Ansvar per person', crumbs.group(0)
    )
    assert step and step.group(1) == "../../kommunen/#personer"
    assert 'id="personer"' in page(real_site, "kommunen")


def test_the_history_pages_have_a_place_in_the_menu(real_site: Path) -> None:
    """Historik per post follows the plan's Ändringshistorik and the shared data's history sits under the
    municipality's page: each has a breadcrumb, and the build lists no history page as outside the menu."""
    for path, parent in (
        ("it-och-telekom/historik", "Kategoriplan IT & Telekom"),
        ("kommunen/historik", "Kommunens organisation och mål"),
    ):
        crumbs = re.search(r'<nav class="md-path".*?</nav>', page(real_site, path), re.S)
        assert crumbs and parent in html.unescape(crumbs.group(0)), path
    footer = re.search(r'<nav class="md-footer__inner.*?</nav>', page(real_site, "it-och-telekom/historik"), re.S)
    assert footer and "Ändringshistorik" in footer.group(0)
    log = (real_site.parent / "bygglogg.txt").read_text(encoding="utf-8")
    outside = log.split('not included in the "nav"')[1].split("INFO")[0] if 'not included in the "nav"' in log else ""
    assert "historik.md" not in outside


def test_the_menu_follows_the_sources_table_of_contents(real_site: Path) -> None:
    """9.0 holds 9.1 and 9.2, 10.0 holds 10.1–10.3 to 10.9–10.11, each chapter heading as the source has it."""
    html = page(real_site, "it-och-telekom/upphandlingsbehov")
    titles = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span class="md-ellipsis">)?\s*([^<]+?)\s*<', html)
    numbers = [t.split()[0] for t in titles if re.match(r"^\d+\.\d", t)]
    assert numbers.index("9.1") < numbers.index("9.2") < numbers.index("10.1–10.3") < numbers.index("11.0")
    assert "<h1" in html and re.search(r"<h1[^>]*>9\.1 Upphandlingsbehov", html)
    assert re.search(r"<h1[^>]*>9\.0 Bilaga 2 - Aktiviteter", page(real_site, "it-och-telekom/bilaga-2"))
    assert re.search(r"<h1[^>]*>10\.0 Bilaga 3 - Nulägesanalys", page(real_site, "it-och-telekom/bilaga-3"))


def test_the_table_of_contents_keeps_5_apart_from_4(real_site: Path) -> None:
    """On the plan's first page, 5.0 is a chapter of its own, not a sub-item of 4.0."""
    html = page(real_site, "it-och-telekom")
    contents = html.split('id="innehall"')[1]
    chapter_5 = contents.index(">5.0 Kategoristrategi<")
    before = contents[:chapter_5]
    assert before.count("<ul>") - before.count("</ul>") == 1, "5.0 står inne i 4.0:s lista"


def test_the_search_index_holds_no_filter_controls(real_site: Path) -> None:
    """Filter controls of the tables are not text of the page: no option list reaches the search index."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    glued = [doc["location"] for doc in index["docs"] if re.search(r"[a-zåäö]Alla[A-ZÅÄÖ0-9]", doc["text"])]
    assert glued == []
    assert not any("Filtrera tabellen" in doc["text"] for doc in index["docs"])


def test_search_snippets_are_words_not_glued_cells_or_drawings(real_site: Path) -> None:
    """A table's cells reach the search index as separate words, and a drawing's labels not at all (its data table does)."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert not [
        where for where, text in texts.items() if "NrAktivitetPrioritet" in text or "PrioritetEffektmål" in text
    ]
    assert not [where for where, text in texts.items() if re.search(r"Idag \d{4}-\d{2}-\d{2}P1", text)]
    assert any("Nr Aktivitet Prioritet" in text for text in texts.values())


def test_the_editors_pages_are_not_in_the_staffs_search(real_site: Path) -> None:
    """The editors' guide and macro reference are left out of the search staff use."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [doc["location"] for doc in index["docs"] if doc["location"].startswith("redaktorer/")] == []
    assert (real_site / "redaktorer" / "makron" / "index.html").is_file()


def test_the_history_is_not_in_the_staffs_search(real_site: Path) -> None:
    """Ändringshistorik and the record histories are left out of the search: their old values are not
    what the plan says now (the pages are built and linked all the same)."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    history = ("it-och-telekom/andringshistorik/", "it-och-telekom/historik/", "kommunen/historik/")
    assert [doc["location"] for doc in index["docs"] if doc["location"].startswith(history)] == []
    assert all((real_site / path / "index.html").is_file() for path in history)


def test_the_search_matches_words_without_accents(real_site: Path) -> None:
    """The site's Swedish search support folds accents (its own step after Material's lunr.sv)."""
    script = (real_site / "assets" / "javascripts" / "lunr" / "min" / "lunr.sv.min.js").read_text(encoding="utf-8")
    assert "kategoriplan-utan-accenter" in script


def test_the_footer_says_who_owns_the_plan_and_when_the_data_changed(real_site: Path) -> None:
    """Every page's footer names the plan's owner and category lead and links the accessibility statement."""
    html = page(real_site, "it-och-telekom/aktiviteter/pub-avtal")
    footer = html.split('class="md-copyright sidfot"')[1].split("</div>")[0]
    assert "ägs av Upphandlingssektionen" in footer and ">Sara Holst</a>" in footer
    assert "Tillgänglighetsredogörelse" in footer and (real_site / "tillganglighet" / "index.html").is_file()


def test_the_start_page_leads_to_what_staff_come_for(real_site: Path) -> None:
    """The start page links the answers to the common questions: responsibility, procurement dates, status, goals,
    and the whole plan to print or save as PDF."""
    html = page(real_site, "")
    for target in (
        "oversikter/ansvarsmatris/",
        "oversikter/upphandlingskalender/",
        "oversikter/aktiviteter/",
        "oversikter/malkedja/",
        "hela-planen/",
    ):
        assert f'href="it-och-telekom/{target}"' in html, target
    assert "så står det i källan; datumet är inte fullständigt" in html


def test_a_goal_lists_what_serves_it(real_site: Path) -> None:
    """Effektmål 4.1.3 links its strategies, activities (proposals marked) and follow-up measures."""
    html = page(real_site, "it-och-telekom/kategoriplan")
    box = html.split('id="klimat-och-social-hallbarhet"')[1].split("<h3")[0]
    for number in ("9.2.16", "9.2.17", "9.2.18", "9.2.19", "5.3.2", "6.3"):
        assert number in box, number
    assert "förslag från redaktionen" in box


def test_each_measure_section_links_up_to_its_goal_and_strategies(real_site: Path) -> None:
    """Each 6.x section links the effektmål it measures and that goal's strategies, each to its own heading."""
    source = "it-och-telekom/effektuppfoljning"
    html = page(real_site, source)
    sections = re.findall(r'<h2 id="uppfoljning-[^"]+">(6\.\d) .*?(?=<h2 )', html, re.S)
    assert sections == ["6.1", "6.2", "6.3", "6.4"]
    for number, body in re.findall(r'<h2 id="uppfoljning-[^"]+">(6\.\d) (.*?)(?=<h2 )', html, re.S):
        goal = number.replace("6.", "4.1.")
        links = dict((text, href) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', body))
        goal_link = next(text for text in links if text.startswith(f"Effektmål {goal} "))
        assert _target_heading(real_site, source, links[goal_link]).startswith(goal)
        strategies = [text for text in links if text.startswith(number.replace("6.", "5.") + ".")]
        assert strategies and all(_target_heading(real_site, source, links[s]).startswith(s) for s in strategies)


def test_each_strategy_group_links_to_its_goal_and_measures(real_site: Path) -> None:
    """Each 5.x group of strategies links the effektmål it leads to and that goal's 6.x measures, each to its heading."""
    source = "it-och-telekom/kategoristrategi"
    html = page(real_site, source)
    groups = re.findall(r'<h2 id="strategier-[^"]+">(5\.\d) (.*?)(?=<h3 )', html, re.S)
    assert [number for number, _ in groups] == ["5.1", "5.2", "5.3", "5.4"]
    for number, body in groups:
        links = {text: href for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', body)}
        goal = next(text for text in links if text.startswith(f"Effektmål {number.replace('5.', '4.1.')} "))
        assert _target_heading(real_site, source, links[goal]).startswith(goal.removeprefix("Effektmål "))
        measures = number.replace("5.", "6.")
        assert _target_heading(real_site, source, links[measures]).startswith(measures)


def _target_heading(site: Path, from_page: str, href: str) -> str:
    """The text of the heading a link points at: the anchored heading, or the page's title."""
    address, _, anchor = href.partition("#")
    folder = (site / from_page / address).resolve()
    html = (folder / "index.html").read_text(encoding="utf-8")
    if not anchor:
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        return html_text(title.group(1)) if title else ""
    heading = re.search(rf'<h[1-6][^>]*id="{re.escape(anchor)}"[^>]*>(.*?)</h[1-6]>', html, re.S)
    assert heading, f"{href}: ingen rubrik med id {anchor}"
    return html_text(heading.group(1))


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, without tags or the heading's permalink sign."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("¶", "").strip()


def test_each_known_defect_links_to_its_section(real_site: Path) -> None:
    """Every note on Kända brister links to where the site shows the section it concerns, headed by that number."""
    html = page(real_site, "it-och-telekom/kanda-brister")
    table = html.split('id="redaktionens-noter')[1].split("</table>")[0]
    cells = re.findall(r"<tr>\s*<td>(.*?)</td>", table, re.S)
    assert len(cells) >= 60
    for cell in cells:
        link = re.fullmatch(r'<a href="([^"]+)">([^<]+)</a>', cell.strip())
        assert link, f"noten saknar länk till sitt avsnitt: {cell}"
        href, number = link.groups()
        heading = _target_heading(real_site, "it-och-telekom/kanda-brister", href)
        if number == "Titelsidan":
            assert "Kategoriplan IT & Telekom" in heading
        else:
            assert heading.strip().startswith(number), f"{number} → {href} visar rubriken {heading!r}"


def test_no_staff_page_shows_a_data_file_and_line(real_site: Path) -> None:
    """File names and line numbers of the data are for editors: only the editors' pages show them."""
    shown = [
        path.relative_to(real_site).as_posix()
        for path in real_site.rglob("index.html")
        if not path.relative_to(real_site).as_posix().startswith(("redaktorer/", "arkiv/"))
        and re.search(r"\b[\wåäö-]+\.yml:\d+", re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
    ]
    assert shown == []
    assert re.search(r"\.yml:\d+", page(real_site, "redaktorer/varningar"))


def test_every_cited_document_lists_the_sections_that_cite_it(real_site: Path) -> None:
    """The styrdokument register links, for every document, the sections naming it, each to a heading of that number."""
    source = "it-och-telekom/nulagesanalys/styrsignaler"
    html = page(real_site, source)
    register = html.split("Avsnitt som hänvisar hit")[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", register, re.S)
    assert len(rows) == 48
    cited: dict[str, list[str]] = {}
    for row in rows:
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', cells[-1])
        assert links, f"{html_text(cells[0])}: inget avsnitt hänvisar hit"
        cited[html_text(cells[0])] = [number for _, number in links]
        for href, number in links:
            heading = _target_heading(real_site, source, href)
            assert heading.startswith(number), f"{number} → {href} visar rubriken {heading!r}"
    assert {"5.4.1", "10.8.8.1"} <= set(cited["Lagen om offentlig upphandling"])
    assert cited["AI-förordningen"] == ["10.8.8.2"]
    assert "10.8.8.3" in cited["NIS-direktivet"]
    assert cited["ILO-konventionerna"] == ["5.3.4"]  # 5.3.4: "… utanför Sverige (ILO-konventionerna)."


def test_the_whole_plan_holds_the_source_chapters_only(real_site: Path) -> None:
    """Hela planen prints what the source document has: not the site's own pages (Öppna data, overviews, history)."""
    whole = page(real_site, "it-och-telekom/hela-planen")
    headings = re.findall(r"<h1[^>]*>(.*?)<", whole)
    assert "6.0 Effektuppföljning" in headings
    for own in ("Öppna data", "Ändringshistorik", "Kända brister i källdokumentet", "Ansvarsmatris"):
        assert not any(own in h for h in headings), own


def test_the_plan_period_in_dates_always_says_it_is_computed(real_site: Path) -> None:
    """The source gives the period only as "fyra år, med start i oktober 2023": wherever a page (or a chart's
    description) writes it as dates, the same sentence says the site computed them."""
    period = re.compile(r"2023-10-01\W{1,8}2027-09-30")
    unlabelled = []
    for path in real_site.rglob("index.html"):
        text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", "", path.read_text("utf-8"), flags=re.S)
        words = re.sub(r"\s+", " ", html.unescape(text))
        for found in period.finditer(words):
            sentence = words[found.start() : found.end() + 120]
            if "räkna" not in sentence:
                unlabelled.append(f"{path.relative_to(real_site).parent}: {sentence}")
    assert len(unlabelled) == 0, "\n".join(unlabelled[:10])


def test_the_page_not_found_speaks_swedish_and_leads_home(real_site: Path) -> None:
    """An address that leads nowhere gets a Swedish page with a link to the start page, not "404 - Not found"."""
    missing = (real_site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in missing
    assert "<h1>Sidan finns inte</h1>" in missing
    assert re.search(r'<a href="[^"]*">Gå till startsidan</a>', missing)


def test_the_search_holds_no_download_links_or_print_lines(real_site: Path) -> None:
    """Search snippets show the page's words: not the "Ladda ner: Excel · CSV" lines, the calendars' links or
    the line every printed page carries (plan · version · data date)."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert not [where for where, text in texts.items() if "Ladda ner: Excel (" in text or "Data per " in text]
    assert not [where for where, text in texts.items() if "Data ändrat:" in text]
    assert any("9.2.11" in text for text in texts.values())  # the pages themselves are still found


def test_the_kraljic_matrix_names_the_models_quadrant_and_quotes_nothing_the_plan_does_not_say(real_site: Path) -> None:
    """Where the matrix is drawn, Hävstångsavtal says it is Kraljic's term; no page or download quotes the plan as
    saying "det ena eller det andra", which it never says."""
    for path in ("it-och-telekom/nulagesanalys", "it-och-telekom/oversikter/analys"):
        html = page(real_site, path)
        assert html.count(">Hävstångsavtal</text>") == 2 and html.count(">(Kraljics term;") == 2, path
        assert "planen anger två kategorier" in html, path
    files = [f for f in real_site.rglob("*") if f.suffix in {".html", ".json", ".csv"}]
    assert not [f for f in files if "det ena eller det andra" in f.read_text(encoding="utf-8")]


def test_lists_that_mix_the_plan_and_proposals_are_not_headed_as_the_plans(real_site: Path) -> None:
    """Kategoriplan's boxes under the effektmål and Kategoristrategi's unlinked strategies claim nothing for the plan
    that only the editors propose: no "hör till målet i planen", no "ingen aktivitet i planen"."""
    goals = page(real_site, "it-och-telekom/kategoriplan")
    assert goals.count("Det här hör till målet (sammanställt av webbplatsen; redaktionens förslag är markerade)") == 4
    assert "hör till målet i planen" not in goals and "(förslag från redaktionen)" in goals
    strategies = page(real_site, "it-och-telekom/kategoristrategi")
    assert "Varken planen eller redaktionen kopplar någon aktivitet till strategin." in strategies
    assert "ingen aktivitet i planen" not in strategies


def test_the_share_of_the_municipality_is_headed_as_10_1_says_it(real_site: Path) -> None:
    """The analysis overview and spend-ar.csv show 10.1's "knappt 10 %" under "Andel av kommunens spend", 10.1's
    words, not 1.0's "kommunens samlade inköp" (where the source writes "ca 10 %")."""
    html = page(real_site, "it-och-telekom/oversikter/analys")
    assert "Andel av kommunens spend" in html and "Andel av kommunens inköp" not in html
    csv = (real_site / "nedladdning" / "it-och-telekom" / "spend-ar.csv").read_text(encoding="utf-8-sig")
    header, *rows = csv.splitlines()
    assert "Andel av kommunens spend" in header.split(";") and "inköp" not in header
    assert any(row.startswith("2022;") and ";knappt;10.1" in row for row in rows)


def test_the_styrsignal_summary_labels_its_own_summary_and_keeps_the_cut_off_text(real_site: Path) -> None:
    """10.4's summary and styrsignaler.csv label 10.4.1.2's indicator as the site's summary, and show 10.4.13's
    sentence with "Texten är avskuren i källdokumentet" instead of calling its text missing."""
    html = page(real_site, "it-och-telekom/nulagesanalys/styrsignaler")
    summary = html.split('id="sammanstallning"', 1)[1].split("</table>", 1)[0]
    rows = {re.sub(r"<[^>]+>", "", row).split()[0]: row for row in re.findall(r"<tr>(.*?)</tr>", summary, re.S)[1:]}
    assert "Indikator (sammanfattad av webbplatsen): andel upphandlingar" in rows["10.4.1.2"]
    assert "Fr o m 1 jan 2022 ska alla nya detaljplaner" in rows["10.4.13"]
    assert "Texten är avskuren i källdokumentet" in rows["10.4.13"] and "saknas" not in rows["10.4.13"]
    csv = (real_site / "nedladdning" / "it-och-telekom" / "styrsignaler.csv").read_text(encoding="utf-8-sig")
    assert "Indikator (sammanfattad av webbplatsen)" in csv.splitlines()[0]
    assert '10.4.13;Digital detaljplan och översiktsplan;Digital detaljplan och översiktsplan;Nationell;"Fr o m' in csv


def test_units_name_no_forvaltning_the_plan_does_not_state(real_site: Path) -> None:
    """Kommunen's table of units and enheter.csv give no förvaltning for upphandlingssektionen, its strukturgrupp or
    kravforum (the plan states none), and keep Kommunstyrelsens förvaltning for digitaliseringsavdelningen (8.3)."""
    rows = {
        cells[0]: cells[1]
        for row in re.findall(r"<tr>(.*?)</tr>", page(real_site, "kommunen").split("Enheter och grupper", 2)[2], re.S)
        if len(cells := [html.unescape(c.strip()) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]) == 2
    }
    csv = (real_site / "nedladdning" / "kommun" / "enheter.csv").read_text(encoding="utf-8-sig").splitlines()
    for unit, name in (("upphandlingssektionen", "Upphandlingssektionen"), ("kravforum", "Kravforum")):
        assert rows[name] == "–" and f"{unit};{name};" in csv, name
    assert rows["Strukturgrupp på upphandlingssektionen"] == "–"
    assert rows["Digitaliseringsavdelningen"] == "Kommunstyrelsens förvaltning"


def test_no_page_names_a_technical_git_account(real_site: Path) -> None:
    """The history shows the site's team as "Webbplatsens redaktion" (.mailmap), not the account name of its commits."""
    named = [
        path.relative_to(real_site).as_posix()
        for path in real_site.rglob("index.html")
        if "maintainers" in path.read_text(encoding="utf-8") or "followup-helper" in path.read_text(encoding="utf-8")
    ]
    assert named == []


def test_9_2_9_and_9_2_14_keep_the_sources_footnote_number_and_timeline_heading(real_site: Path) -> None:
    """9.2.9's page says "Fotnot 3 till rubriken i källan" (the source's ³), 9.2.14's timeline is headed "Prioritering
    och tidplan" as its source heads it, and aktiviteter.csv gives the footnote's number."""
    nis = page(real_site, "it-och-telekom/aktiviteter/nis-direktiv")
    assert 'admonition-title">Fotnot 3 till rubriken i källan</p>' in nis
    crisis = page(real_site, "it-och-telekom/aktiviteter/krisberedskap")
    assert (
        '<h2 id="prioritering-och-tidplan">Prioritering och tidplan' in crisis
        and "Tidplan/prioritering</h2>" not in crisis
    )
    assert '<h2 id="tidplanprioritering">Tidplan/prioritering' in page(
        real_site, "it-och-telekom/aktiviteter/molntjanster"
    )
    path = real_site / "nedladdning" / "it-och-telekom" / "aktiviteter.csv"
    rows = list(DictReader(path.read_text(encoding="utf-8-sig").splitlines(keepends=True), delimiter=";"))
    assert next(row for row in rows if row["Id"] == "nis-direktiv")["Rubrikens fotnot, nummer i källan"] == "3"
