"""Rendering tests of the views on fixture data: each macro's HTML says what the data says,
keeps the accessibility structure, and links to the pages that exist."""

from __future__ import annotations

import ast
import inspect
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from macros.model.catalog import Municipality
from macros.render import MACROS
from macros.render.activity_table import activity_table
from macros.render.calendar import procurement_calendar
from macros.render.charts import follow_up_chart, kraljic_matrix, loyalty_chart, spend_chart
from macros.render.context import MacroError, Site
from macros.render.gantt import timeline
from macros.render.goalchain import EDITORS_REFERENCE, goal_chain
from macros.render.html import DIRECTORY_URLS, PERMALINK_TITLE, _rank, href, swedish_key
from macros.render.raci import activity_responsibility, person_responsibilities, raci_matrix
from macros.render.reference import macro_reference
from macros.render.sortable import Column, Filter, Row, Table, cell
from macros.render.svg import TimeScale, wrap
from tests.sitebuild import ROOT
from tests.views_data import load_model, site_for

OVERVIEW = "vyer/oversikter/tidslinje.md"


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Municipality:
    """The fixture data with the plan "vyer"."""
    return load_model(tmp_path_factory.mktemp("render") / "data")


@pytest.fixture
def site(model: Municipality) -> Site:
    """A rendering context on an overview page with today fixed at 2024-06-01."""
    return site_for(model, OVERVIEW)


class Elements(HTMLParser):
    """Collects start tags with their attributes, and checks that tags are balanced."""

    VOID = frozenset({"br", "rect", "line", "polygon", "circle", "input", "img"})

    def __init__(self) -> None:
        """Start with no tags."""
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a start tag and expect its end tag unless it is void."""
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a self-closed tag."""
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        """Check that the end tag closes the innermost open element."""
        assert self.open and self.open[-1] == tag, f"</{tag}> stänger {self.open[-1:]}"
        self.open.pop()

    def all(self, tag: str) -> list[dict[str, str | None]]:
        """Attributes of every element `tag`."""
        return [attrs for name, attrs in self.tags if name == tag]


def parse(html: str) -> Elements:
    """Parse HTML and check that every element is closed."""
    parser = Elements()
    parser.feed(html)
    parser.close()
    assert not parser.open, f"ej stängda element: {parser.open}"
    return parser


def text_of(html: str) -> str:
    """The visible text of HTML, tags removed and entities kept as written."""
    return re.sub(r"<[^>]+>", " ", html)


# --- shared helpers --------------------------------------------------------------------


def test_swedish_order() -> None:
    """Å, Ä and Ö sort after Z, in that order, and numbers inside text sort by value."""
    words = ["Öka", "Zon", "Åtgärda", "Ändra", "Avveckla", "9.2.10", "9.2.2"]
    assert sorted(words, key=swedish_key) == ["9.2.2", "9.2.10", "Avveckla", "Zon", "Åtgärda", "Ändra", "Öka"]


def _places(text: str) -> tuple[int, ...]:
    """The Swedish order as first defined: each character's place, each run of decimal digits as (0, its value)."""
    key: list[int] = []
    for index, part in enumerate(re.split(r"(\d+)", text.lower())):
        key += [0, int(part)] if index % 2 else [_rank(char) for char in part]
    return tuple(key)


_SORTED_TEXT = st.lists(
    st.integers(0, 10**12).map(str)
    | st.sampled_from(["0", "007", "١٢", "²", "a", "å", "ä", "Ö", "z", "é", "æ", "ø", " ", ".", "-"])
    | st.characters(max_codepoint=0x2FFFF),
    max_size=6,
).map("".join)
"""Texts of letters, numbers (with leading zeros, in other scripts) and any other characters."""


@given(first=_SORTED_TEXT, second=_SORTED_TEXT)
def test_swedish_key_orders_as_the_places_and_numbers_do(first: str, second: str) -> None:
    """The fast sort key puts any two texts in the order of their characters' places and numbers' values."""
    expected = (_places(first), first) < (_places(second), second)
    assert (swedish_key(first) < swedish_key(second)) == expected


def test_href_is_relative_to_the_built_page(model: Municipality) -> None:
    """Raw-HTML links point at the built page of the target, relative to the current one."""
    assert href(site_for(model, OVERVIEW), "vyer/aktiviteter/webb.md") == "../../aktiviteter/webb/"
    assert href(site_for(model, "index.md"), "ansvar/bo-lind.md") == "ansvar/bo-lind/"
    assert href(site_for(model, "ansvar/bo-lind.md"), "index.md") == "../../"
    assert href(site_for(model, OVERVIEW), OVERVIEW, "x") == "#x"


def test_directory_urls_match_mkdocs_yml() -> None:
    """The link helper assumes what mkdocs.yml says about directory URLs."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["use_directory_urls"] is DIRECTORY_URLS


def test_the_engines_permalinks_match_mkdocs_yml() -> None:
    """A heading the engine makes has the permalink title mkdocs.yml gives Markdown's headings."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    toc = next(entry["toc"] for entry in config["markdown_extensions"] if isinstance(entry, dict) and "toc" in entry)
    assert toc["permalink"] is True and toc["permalink_title"] == PERMALINK_TITLE


def test_wrap_keeps_words_and_marks_cut_text() -> None:
    """Long labels wrap at spaces and end in an ellipsis when cut."""
    lines = wrap("Vidareutveckla samverkan med leverantörsstyrning och samarbete mellan PM3-objekt", 200, 13)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert wrap("Kort", 200, 13) == ["Kort"]


def test_time_scale_covers_whole_quarters() -> None:
    """The time axis starts and ends on quarter boundaries around the given days."""
    import datetime as dt

    scale = TimeScale.covering([dt.date(2023, 6, 15), dt.date(2027, 9, 30)], 0, 100)
    assert (scale.first, scale.last) == (dt.date(2023, 4, 1), dt.date(2027, 9, 30))
    assert scale.x(scale.first) == 0 and scale.x_end(scale.last) == 100


def test_table_helper_markup() -> None:
    """Sortable tables have a caption, sort buttons with aria-sort, labelled filters and a scroll region."""
    table = Table(
        "t",
        "Rubrik",
        [Column("Namn", "text", row_header=True), Column("Tal", "nummer")],
        [Row([cell("Öst"), cell("1 234", 1234)], {"f": ["a", "b"]}), Row([cell("Väst"), cell("5", 5)], {"f": ["b"]})],
        [Filter("f", "Välj")],
        sorted_by=0,
    )
    html = table.html()
    doc = parse(html)
    assert doc.all("table")[0]["class"] == "sorterbar"
    assert [th.get("aria-sort") for th in doc.all("th") if th.get("scope") == "col"] == ["ascending", None]
    assert len(doc.all("button")) == 2
    assert doc.all("label")[0]["for"] == doc.all("select")[0]["id"]
    region = next(d for d in doc.all("div") if d.get("class") == "tabell-rulla")
    assert (region["tabindex"], region["role"], region["aria-label"]) == ("0", "region", "Rubrik")
    assert 'data-f-f="a|b"' in unescape(html) and 'data-sort="1234"' in html and "<caption>Rubrik</caption>" in html
    assert '<div class="tabellfilter" hidden data-search-exclude>' in html


def test_a_filter_with_one_value_is_not_offered() -> None:
    """A filter whose rows all share one value cannot narrow the table, so it is left out."""
    rows = [Row([cell("Öst")], {"vem": ["Åsa"], "ar": ["2024"]}), Row([cell("Väst")], {"vem": ["Åsa"], "ar": ["2025"]})]
    html = Table("t", "Rubrik", [Column("Namn")], rows, [Filter("vem", "Vem"), Filter("ar", "År")]).html()
    assert 'data-filter="ar"' in html and 'data-filter="vem"' not in html
    single = Table("t", "Rubrik", [Column("Namn")], rows[:1], [Filter("vem", "Vem"), Filter("ar", "År")]).html()
    assert "tabellfilter" not in single and "data-en" not in single


# --- activity table --------------------------------------------------------------------


def test_activity_table_rows_and_filters(site: Site) -> None:
    """Every activity is a row with its number, linked name, priority, goal, accountable, period and status."""
    html = activity_table(site, plan="vyer")
    doc = parse(html)
    assert len(doc.all("tr")) == 1 + 10
    assert '<a href="../../aktiviteter/e-tjanster/">Inför e-tjänster</a>' in html
    assert "Q4 2023 – Q4 2024" in html and "påbörjas 2023-Q4 – 2024 Q4" in html
    assert [s["data-filter"] for s in doc.all("select")] == ["prioritet", "effektmal", "ansvarig", "status", "ar"]


def test_activity_table_marks_late_and_proposals(site: Site) -> None:
    """A late activity says "försenad" in text; a proposed goal link says "(förslag)"."""
    html = activity_table(site, plan="vyer")
    row = next(r for r in html.split("<tr") if "Zonindela webben" in r)
    assert "försenad" in row and 'data-f-status="ej rapporterad|försenad"' in unescape(row)
    row = next(r for r in html.split("<tr") if "Ändra förvaltningen" in r)
    assert '4.1.1</span><span class="vy-dold"> Ökad service</span> <em class="forslag">(förslag)</em>' in row


def test_activity_table_resolves_roles(site: Site) -> None:
    """Ansvarig shows the role with its holder linked to the person's page; both can be filtered on."""
    html = activity_table(site, plan="vyer")
    row = next(r for r in html.split("<tr") if "Inför e-tjänster" in r)
    assert (
        'Kategoriledare <span class="tolkat">(innehas enligt redaktionens tolkning av '
        '<a href="../../../ansvar/ake-strom/">Åke Ström</a>)</span>'
    ) in row
    assert 'data-f-ansvarig="Kategoriledare|Åke Ström|Örjan Åberg"' in unescape(row)


def test_activity_table_year_filter(site: Site) -> None:
    """The year filter lists the years touched, and "ej schemalagd" for undated work."""
    html = activity_table(site, plan="vyer")
    row = next(r for r in html.split("<tr") if "Åtgärda samverkan" in r)
    assert 'data-f-ar="2023|2024|2025|2026|2027"' in unescape(row)
    row = next(r for r in html.split("<tr") if "Bevaka AI" in r)
    assert 'data-f-ar="ej schemalagd"' in row


def test_activity_table_without_follow_up(model: Municipality) -> None:
    """A plan without reports shows "ej rapporterad", never "pågår"."""
    html = activity_table(site_for(model, "liten/index.md"), plan="liten")
    assert "ej rapporterad" in html and "pågår" not in text_of(html).replace("Status", "")


# --- timeline ------------------------------------------------------------------------


def test_timeline_figure_structure(site: Site) -> None:
    """The timeline is a figure with an SVG named by its title and description, a caption and a data table."""
    html = timeline(site, plan="vyer")
    doc = parse(html)
    assert doc.all("figure")[0]["class"] == "diagram"
    svg = doc.all("svg")[0]
    assert svg["role"] == "img" and svg["aria-labelledby"] == "tidslinje-vyer-titel tidslinje-vyer-beskrivning"
    assert '<title id="tidslinje-vyer-titel">' in html and '<desc id="tidslinje-vyer-beskrivning">' in html
    assert "<figcaption>" in html and "<table" in html.split("</figcaption>")[1] and "<details" not in html
    region = next(d for d in doc.all("div") if d.get("class") == "diagram-rulla")
    assert region["tabindex"] == "0" and region["role"] == "region" and region["aria-label"]


def test_timeline_links_every_scheduled_and_unscheduled_activity(site: Site) -> None:
    """Each activity row has an HTML link over it (not inside the SVG image) with its details in words."""
    html = timeline(site, plan="vyer")
    svg = html.split("<svg")[1].split("</svg>")[0]
    assert "<a " not in svg
    spots = html.split('<ul class="diagram-lankar" aria-label="Länkar i diagrammet">')[1].split("</ul>")[0]
    links = re.findall(r'<a href="([^"]+)" style="left:0.000%;top:[\d.]+%;width:100.000%;height:[\d.]+%">', spots)
    assert len(links) == 10 and "../../aktiviteter/centralt/" in links
    assert (
        '<span class="vy-dold">9.2.4 Zonindela webben: senast mars 2024, prioritet 2, ej rapporterad, försenad</span>'
        in spots
    )


def test_timeline_shows_priority_today_and_precision(site: Site) -> None:
    """Priority labels, today's marker and periods at the plan's precision are in the SVG text."""
    html = timeline(site, plan="vyer")
    assert ">P1<" in html and ">P3<" in html
    assert "Idag 2024-06-01" in html
    assert "ht 2023 – vt 2025" in html and "senast mars 2024 – försenad" in html


def test_timeline_lists_unscheduled_beside(site: Site) -> None:
    """Activities without dates are listed beside the chart with what they wait for and the source text."""
    html = timeline(site, plan="vyer")
    after = html.split('class="tidslinje-utan-datum"')[1]
    assert "Utan tidpunkt i planen (2)" in after
    assert "startar efter 9.2.1" in after and "Ingen tidplan anges." in after


def test_timeline_patterns_carry_priority(site: Site) -> None:
    """Priority 2 and 3 bars are filled with patterns, not only a colour."""
    html = timeline(site, plan="vyer")
    assert "fill:url(#tidslinje-vyer-streckad)" in unescape(html)
    assert "fill:url(#tidslinje-vyer-prickad)" in unescape(html)


def test_timeline_of_one_activity_shows_its_dependants(site: Site) -> None:
    """The activity timeline shows the activity and the activities that wait for it."""
    html = timeline(site, plan="vyer", aktivitet="e-tjanster")
    assert "9.2.1 Inför e-tjänster" in html and "9.2.7 Centralt ägande" in html
    assert "Åtgärda samverkan" not in html
    assert 'id="tidslinje-vyer-e-tjanster"' in html


def test_timeline_colours_come_from_css(site: Site) -> None:
    """No colour is written into the SVG; CSS classes carry it (dark scheme, print)."""
    html = timeline(site, plan="vyer")
    assert not re.search(r'(fill|stroke)="#', html)


# --- procurement calendar --------------------------------------------------------------


def test_calendar_flags_and_dates(site: Site) -> None:
    """The calendar table shows contract end, lead time, latest start and the flag of each need."""
    html = procurement_calendar(site, plan="vyer", visa="tabell")
    row = next(r for r in html.split("<tr") if ">RPA<" in r)
    assert "2025-08-31" in row and "24 mån" in row and "2023-08-31" in row and "Senaste start passerad" in row
    row = next(r for r in html.split("<tr") if "Webbkonsulter" in r)
    assert "2024-06-06" in row and "Start inom 6 månader" in row
    row = next(r for r in html.split("<tr") if "Kommunikation som tjänst" in r)
    assert "Ingen ledtid i planen" in row and "anges inte" in row
    row = next(r for r in html.split("<tr") if "Dynamiskt inköpssystem" in r)
    assert "Snarast" in row


def test_calendar_orders_most_urgent_first(site: Site) -> None:
    """Snarast first, then passed, soon, in time; needs without date last."""
    html = procurement_calendar(site, plan="vyer", visa="tabell")
    order = [
        name for name in ("Dynamiskt", ">RPA<", "Webbkonsulter", "Kartproduktionssystem", "Upphandlingssystem") if name
    ]
    positions = [html.index(name) for name in order]
    assert positions == sorted(positions)


def test_calendar_today_is_an_input(model: Municipality) -> None:
    """Moving today moves the flags: a year later the need "Kartproduktionssystem" is due."""
    import datetime as dt

    later = site_for(model, OVERVIEW, today=dt.date(2025, 1, 1))
    html = procurement_calendar(later, plan="vyer", visa="tabell")
    row = next(r for r in html.split("<tr") if "Kartproduktionssystem" in r)
    assert "Start inom 6 månader" in row and "Beräknat 2025-01-01." in html


def test_calendar_says_which_subcategories_lack_lead_time(site: Site) -> None:
    """The list of lead times names the underkategorier the plan gives none for."""
    html = procurement_calendar(site, plan="vyer", visa="tabell")
    assert "<li>Telekommunikation: anges inte i planen</li>" in html
    assert "<li>Verksamhetssystem: 24 månader (2 år)</li>" in html


def test_calendar_shows_the_source_wording_of_the_subcategory(site: Site) -> None:
    """Where the source names the underkategori differently, both are shown."""
    html = procurement_calendar(site, plan="vyer", visa="tabell")
    assert "IT-hårdvara (i källan: Hårdvara)" in html


def test_calendar_timeline_has_rows_for_dated_needs_only(site: Site) -> None:
    """The SVG has a row per need with a date or Snarast, and the data table is directly below."""
    html = procurement_calendar(site, plan="vyer")
    svg = html.split("</svg>")[0]
    assert svg.count('class="d-rad"') == 6 and "Upphandlingssystem" not in svg
    assert "Snarast: starta nu" in svg
    assert "<details" not in html and "<table" in html.split("</figcaption>")[1]


def test_calendar_rejects_unknown_view(site: Site) -> None:
    """A wrong `visa` value is a Swedish error."""
    with pytest.raises(MacroError, match="visa ska vara"):
        procurement_calendar(site, plan="vyer", visa="allt")


# --- Ansvarsmatris and person pages --------------------------------------------------------------


def test_matrix_rows_and_columns(site: Site) -> None:
    """The matrix has a row per person, role and unit and a column per activity, linked by number."""
    html = raci_matrix(site, plan="vyer")
    doc = parse(html)
    assert len(doc.all("tr")) == 1 + 6
    header = html.split("</thead>")[0]
    assert (
        '<a href="../../aktiviteter/e-tjanster/" title="Inför e-tjänster">9.2.1<span class="vy-dold"> Inför e-tjänster</span></a>'
        in header
    )
    assert header.count('class="raci-kolumn"') == 10


def test_matrix_letters(site: Site) -> None:
    """Each row has the letters of the data in the activities' columns."""
    html = raci_matrix(site, plan="vyer")
    row = next(r for r in html.split("<tr") if '>Kategoriledare <span class="tolkat">' in r)
    assert re.findall(r'class="raci raci-(\w)"', row) == ["A", "D", "A", "A", "A", "A", "A", "A"]
    row = next(r for r in html.split("<tr") if "Upphandlingssektionen" in r)
    assert re.findall(r'class="raci raci-(\w)"', row) == ["D", "I"]
    assert "(enhet eller grupp)" in row


def test_matrix_letters_are_spoken(site: Site) -> None:
    """Each letter has its meaning as hidden text for screen readers."""
    html = raci_matrix(site, plan="vyer")
    assert '<span class="raci raci-G" aria-hidden="true">G</span><span class="vy-dold">genomför</span>' in html


def test_matrix_shows_who_holds_a_role(site: Site) -> None:
    """A role's row names its holder today, linked to the person's page; the filters know kind and activity."""
    html = raci_matrix(site, plan="vyer")
    row = next(r for r in html.split("<tr") if '>Kategoriledare <span class="tolkat">' in r)
    assert (
        'Kategoriledare <span class="tolkat">(innehas enligt redaktionens tolkning av '
        '<a href="../../../ansvar/ake-strom/">Åke Ström</a>)</span>'
    ) in row
    assert 'data-f-typ="roll"' in row and "9.2.8 Bevaka AI" in row.split(">")[0]


def test_person_page_lists_role_responsibilities(model: Municipality) -> None:
    """The person page is headed "Ansvar: namn" and lists what comes through a role."""
    md = person_responsibilities(site_for(model, "ansvar/ake-strom.md"), person="ake-strom")
    assert md.startswith("# Ansvar: Åke Ström\n")
    assert "ansvarig (som kategoriledare, enligt redaktionens tolkning)" in md
    assert "rådfrågas (som kategoriledare, enligt redaktionens tolkning)" in md
    assert "Roll: Kategoriledare för Kategoriplan Vyer (från oktober 2023)" in md
    assert '<a href="../../vyer/aktiviteter/e-tjanster/">9.2.1 Inför e-tjänster</a>' in md


def test_person_page_warns_when_someone_left(model: Municipality) -> None:
    """Someone who left but is still accountable for unfinished work gets a visible warning."""
    md = person_responsibilities(site_for(model, "ansvar/disa-eriksson.md"), person="disa-eriksson")
    assert '!!! warning "Ansvaret behöver lämnas över"' in md and "9.2.4 Zonindela webben" in md


def test_person_page_without_responsibility(model: Municipality) -> None:
    """A person without activities gets a page that says so."""
    md = person_responsibilities(site_for(model, "ansvar/gustav-oberg.md"), person="gustav-oberg")
    assert "Gustav Öberg står inte som ansvarig eller deltagare i någon aktivitet." in md
    assert "Förvaltning: Social- och omsorgsförvaltningen" in md


def test_person_page_unknown_person(site: Site) -> None:
    """An unknown person id is a Swedish error."""
    with pytest.raises(MacroError, match="finns inte"):
        person_responsibilities(site, person="okand")


def test_activity_responsibility_table(model: Municipality) -> None:
    """One activity's parties are listed strongest first, roles with their holders."""
    html = activity_responsibility(
        site_for(model, "vyer/aktiviteter/e-tjanster.md"), plan="vyer", aktivitet="e-tjanster"
    )
    assert html.index("Kategoriledare") < html.index("Bo Lind") < html.index("Upphandlingssektionen")
    assert "(roll)" in html and "(enhet eller grupp)" in html
    assert '<a href="../../../ansvar/ake-strom/">Åke Ström</a>' in html


# --- goal chain ------------------------------------------------------------------------


def test_goal_chain_overview(site: Site) -> None:
    """The overview has each effektmål with fullmäktigemål, strategies, activities and nyckeltal."""
    md = goal_chain(site, plan="vyer")
    assert "### 4.1.1 Ökad service {#malkedja-service}" in md
    assert "Verksamheterna ska hålla hög kvalitet" in md
    assert "[Strategi 5.1.1 Digitalisera tjänster](../kategoristrategi.md#digitalisera)" in md
    assert "[9.2.1 Inför e-tjänster](../aktiviteter/e-tjanster.md)" in md
    assert "målvärde 80 % – senast uppmätt 76 % (2024-05-31)" in md


def test_goal_chain_marks_proposals(site: Site) -> None:
    """A proposed link is labelled as the editors' proposal with its motivation."""
    md = goal_chain(site, plan="vyer")
    line = next(line for line in md.splitlines() if "Ändra förvaltningen" in line and "förslag" in line)
    assert (
        "förslag från redaktionen, inte beslutat i planen" in line and "Löpande förvaltning ger bättre service." in line
    )


def test_goal_chain_of_one_activity(model: Municipality) -> None:
    """On an activity page the chain runs from fullmäktigemål down to the activity, and names its nyckeltal."""
    md = goal_chain(site_for(model, "vyer/aktiviteter/e-tjanster.md"), plan="vyer", aktivitet="e-tjanster")
    assert md.startswith(
        "- Fullmäktigemål: Verksamheterna håller hög kvalitet (i planens 4.1: ”Verksamheterna ska hålla hög kvalitet”)"
        " → [Effektmål 4.1.1 Ökad service]"
    )
    assert "→ **9.2.1 Inför e-tjänster** (avsnitt 9.2.1 i planen)" in md
    assert f"Följs upp med nyckeltal {EDITORS_REFERENCE}: 6.1: Nöjdheten med e-tjänsterna har ökat." in md


# --- analysis charts -------------------------------------------------------------------


def test_spend_per_subcategory(site: Site) -> None:
    """Bars for the underkategorier with spend, their figures as the source gives them, and the missing ones named."""
    html = spend_chart(site, plan="vyer")
    assert "50\u00a0mnkr (30\u00a0%)" in html and "knappt 20\u00a0mnkr (12\u00a0%)" in html
    assert "Planen anger ingen spend 2022 för: IT-konsulter." in html
    assert html.count("<svg") == 2 and html.count('class="d-rad"') == 3 * 2  # a wide and a narrow drawing


def test_spend_per_buyer(site: Site) -> None:
    """Shares per köpare as the source names them, and what they add up to."""
    html = spend_chart(site, plan="vyer", per="köpare")
    assert "kommunstyrelsens förvaltning" in html and "51,2\u00a0%" in html
    assert "Kommunstyrelsen" not in text_of(html)
    assert "tillsammans för 59,4 %" in html
    within = spend_chart(site, plan="vyer", per="köpare", underkategori="system")
    assert "Kommunstyrelsen" in within and "53,3\u00a0%" in within


def test_spend_rejects_unknown_year(site: Site) -> None:
    """A year without figures is a Swedish error that names the years there are."""
    with pytest.raises(MacroError, match="finns: 2022"):
        spend_chart(site, plan="vyer", ar=2019)


def test_loyalty_chart(site: Site) -> None:
    """Years and underkategorier with the share outside contracts; missing years are said."""
    html = loyalty_chart(site, plan="vyer")
    assert "2020 – hela kategorin" in html and "36,8\u00a0% (56,9\u00a0mnkr)" in html
    assert "över 70\u00a0%" in html and "2022 – IT-konsulter" in html
    assert "Planen anger ingen siffra för hela kategorin 2021." in html


def test_kraljic_matrix(site: Site) -> None:
    """Every placed underkategori is in the matrix and the table; "strategisk eller flaskhals" is kept."""
    html = kraljic_matrix(site, plan="vyer")
    for name in ("Verksamhetssystem", "Telekommunikation", "IT-konsulter", "IT-hårdvara"):
        assert drawn_label(name, html)
    assert "strategisk eller flaskhals" in html and "De flesta avtalen" in html


def drawn_label(name: str, svg: str) -> bool:
    """Whether `name` is drawn as a label of its own, whole or as the last line of a wrapped label."""
    return re.search(rf">{re.escape(name)}</(?:text|tspan)>", svg) is not None


def test_charts_need_an_analysis(model: Municipality) -> None:
    """A plan without nulage.yml gives a Swedish error instead of an empty chart."""
    with pytest.raises(MacroError, match="nulägesanalys"):
        kraljic_matrix(site_for(model), plan="exempel")


def test_follow_up_chart(site: Site) -> None:
    """Nyckeltal with target and latest value, and a chart of the measured percentages."""
    html = follow_up_chart(site, plan="vyer")
    assert "80 %" in html and "76 % (2024-05-31)" in html and "ej uppmätt" in html
    assert html.count("<figure") == 1 and "2023-12-31" in html


# --- macro reference -------------------------------------------------------------------


def test_reference_lists_every_macro(site: Site) -> None:
    """The reference page has every registered macro with its example call."""
    md = macro_reference(site)
    for spec in MACROS.values():
        assert f"### `{spec.name}`" in md and f"{{{{ {spec.example} }}}}" in md


@pytest.mark.parametrize("name", sorted(MACROS))
def test_every_example_calls_its_macro(name: str) -> None:
    """Each macro's example names the macro and only parameters it has, including the required ones."""
    spec = MACROS[name]
    call = ast.parse(spec.example, mode="eval").body
    assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == name
    parameters = inspect.signature(spec.function).parameters
    given = {keyword.arg for keyword in call.keywords}
    required = {p for p, v in parameters.items() if p != "site" and v.default is inspect.Parameter.empty}
    assert given <= set(parameters) - {"site"} and required <= given


def test_overview_pages_call_registered_macros() -> None:
    """The overview pages and the reference page only call macros that exist, for the real plan."""
    pages = [
        *(ROOT / "content" / "it-och-telekom" / "oversikter").glob("*.md"),
        ROOT / "content" / "redaktorer" / "makron.md",
    ]
    assert len(pages) == 9
    for page in pages:
        for name in re.findall(r"\{\{\s*(\w+)\(", page.read_text(encoding="utf-8")):
            assert name in MACROS, f"{Path(page).name}: {name}"


def test_goal_chain_counts_decided_and_proposed_links(site: Site) -> None:
    """The overview says how many links the plan states and how many are proposals."""
    md = goal_chain(site, plan="vyer")
    assert "9 kopplingar från aktiviteter står i planen; 2 är redaktionens förslag" in md


def test_derived_index_is_computed_once_per_build(site: Site) -> None:
    """A value derived with `once` is computed by the first page only and shared with every other page."""
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    first = site.on_page("ansvar/a.md").once("prov", compute)
    second = site.on_page("ansvar/b.md").once("prov", compute)
    assert first is second and calls == [1]
