"""Staff tasks (issue 13): from the start page, in Chromium at 1366 × 900 and 390 × 844, each
question staff come with is answered in at most three clicks, and neither the links on the way
nor the answer need the page or a table to be scrolled sideways.

A reader clicks the links a person sees in the page's text (not the menu), by their names. Before
each click and for each part of the answer the element is brought into view by scrolling up or
down only; it must then lie inside the window and inside every box around it, with nothing
scrolled sideways, and not be covered by anything (a sticky header, another card).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator

from macros.loading.loader import load
from macros.model.catalog import Municipality
from macros.model.deadlines import deadlines
from macros.model.raci import involvements_by_person
from tests.browser.conftest import ServedSite
from tests.browser.harness import DARK, LIGHT, Browser, Scheme

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[2] / "data"
PLAN = "it-och-telekom"
MAX_CLICKS = 3
END_OF_2024 = dt.date(2024, 12, 31)

SIDEWAYS = """el => {
    // Up or down only: the window, then every box around the element that scrolls up and down.
    const rect = () => el.getBoundingClientRect();
    // (instantly: Material scrolls smoothly, and a smooth scroll would still be under way when measured)
    window.scrollTo({left: window.scrollX, top: window.scrollY + rect().top - window.innerHeight / 3, behavior: 'instant'});
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        if (box.scrollHeight > box.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(box).overflowY)) {
            const inner = rect().top - box.getBoundingClientRect().top;
            box.scrollTo({left: box.scrollLeft, top: box.scrollTop + inner - box.clientHeight / 3, behavior: 'instant'});
        }
    }
    const problems = [];
    const r = rect();
    if (r.width === 0 || r.height === 0) problems.push('syns inte');
    if (window.scrollX !== 0) problems.push('sidan är rullad i sidled');
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push('sidan rullar i sidled');
    if (r.left < -1 || r.right > window.innerWidth + 1) problems.push(`utanför fönstret i sidled (${Math.round(r.left)}–${Math.round(r.right)} px)`);
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (!/auto|scroll|hidden|clip/.test(style.overflowX)) continue;
        const b = box.getBoundingClientRect();
        if (box.scrollLeft !== 0) problems.push('en ruta runt den är rullad i sidled');
        if (r.left < b.left - 1 || r.right > b.right + 1) problems.push('klipps av en ruta runt den i sidled');
    }
    if (r.top < 0 || r.bottom > window.innerHeight) problems.push('ryms inte i fönstret på höjden');
    const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 20), 0), window.innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(el === hit || el.contains(hit) || hit.contains(el))) {
        problems.push('täcks av ' + (hit ? hit.tagName.toLowerCase() + (hit.className ? '.' + String(hit.className).split(' ')[0] : '') : 'inget'));
    }
    return problems;
}"""

LANDING = """id => {
    // Where a link's target (#id) is, as a share of the window's height from its top.
    const target = document.getElementById(decodeURIComponent(id));
    return target ? target.getBoundingClientRect().top / window.innerHeight : null;
}"""

SECTION = """([id, selector]) => {
    // The elements matching `selector` between the heading `id` and the next heading of its level or above.
    const start = document.getElementById(id);
    if (!start) return null;
    const level = Number(start.tagName[1]);
    const inside = [];
    const all = Array.from(document.querySelectorAll('article h1, article h2, article h3, article h4, ' + selector));
    let open = false;
    for (const el of all) {
        if (el === start) { open = true; continue; }
        if (/^H[1-4]$/.test(el.tagName) && !el.matches(selector)) {
            if (open && Number(el.tagName[1]) <= level) break;
            continue;
        }
        if (open) inside.push(el);
    }
    return inside;
}"""


@dataclass
class Reader:
    """A reader who starts on the start page, clicks links by name and reads without scrolling sideways."""

    browser: Browser
    base: str
    scheme: Scheme
    clicks: int = 0
    trail: list[str] = field(default_factory=list)

    @property
    def page(self) -> Any:
        """The browser's one page."""
        return self.browser.page

    def start(self) -> None:
        """Open the start page at the reader's size and scheme."""
        self.browser.use_scheme(self.scheme)
        self.browser.open(self.base, "/")
        self.trail = ["/"]
        self.clicks = 0

    def where(self) -> str:
        """The size and the links clicked so far, for messages."""
        return f"{self.scheme.width}×{self.scheme.height} via {' → '.join(self.trail)}"

    def readable(self, element: Any, what: str) -> None:
        """The element can be read by scrolling up or down only."""
        problems = element.evaluate(SIDEWAYS)
        assert problems == [], f"{what}: {', '.join(problems)} ({self.where()})"

    def click(self, element: Any, what: str) -> None:
        """Click a link the reader sees, counting the click; wait for the page it opens."""
        self.readable(element, f"länken {what}")
        name = (element.text_content() or "").strip()
        before = self.page.url
        element.click()
        self.clicks += 1
        assert self.clicks <= MAX_CLICKS, f"mer än {MAX_CLICKS} klick ({self.where()} → {name})"
        if self.page.url.split("#")[0] != before.split("#")[0]:
            self.page.wait_for_load_state("load")
        # Material and the table layouts settle one frame after load.
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
        self.trail.append(name)
        if "#" in self.page.url:
            self.page.wait_for_timeout(300)  # the tables have taken their layout (cards on a phone)
            place = self.page.evaluate(LANDING, self.page.url.split("#", 1)[1])
            assert place is not None and 0 <= place < 0.5, f"länken landar inte vid sitt mål ({self.where()})"

    def link(self, name: str) -> Locator:
        """The first link in the page's text with this name."""
        links = self.page.locator("article").get_by_role("link", name=name, exact=True)
        assert links.count() > 0, f"ingen länk ”{name}” i sidans text ({self.where()})"
        return links.first

    def section(self, heading_id: str, selector: str) -> list[Any]:
        """The elements (handles) matching `selector` in the section under a heading."""
        handles = self.page.evaluate_handle(SECTION, [heading_id, selector])
        count = handles.evaluate("list => list === null ? -1 : list.length")
        assert count >= 0, f"rubriken #{heading_id} finns inte ({self.where()})"
        return [handles.evaluate_handle(f"list => list[{i}]").as_element() for i in range(count)]

    def row(self, first_cell: str, table: Locator | None = None) -> Locator:
        """The row (of `table`, or of any table on the page) whose first cell starts with `first_cell`."""
        rows = (table or self.page.locator("article table")).locator("tbody tr")
        for index in range(rows.count()):
            cell = rows.nth(index).locator("th, td").first
            if _words(cell).startswith(first_cell):
                return rows.nth(index)
        raise AssertionError(f"ingen rad för {first_cell} ({self.where()})")


def _day(cell: Locator) -> dt.date:
    """The date a Senaste start cell gives ("2024-03-31", or "senast 2024-12-13 (avtalets slut; …)")."""
    found = re.search(r"\d{4}-\d{2}-\d{2}", _words(cell))
    assert found, _words(cell)
    return dt.date.fromisoformat(found.group(0))


def _cell(row: Locator, heading: str) -> Locator:
    """The cell of a row under the column headed `heading` (by the table's own header row)."""
    index = row.evaluate(
        """(tr, heading) => {
            const table = tr.closest('table');
            const names = Array.from(table.tHead.rows[0].cells).map(c => {
                const copy = c.cloneNode(true);
                copy.querySelectorAll('.vy-dold, .headerlink').forEach(e => e.remove());
                return copy.textContent.replace(/[▲▼↕]/g, '').trim();
            });
            return names.indexOf(heading);
        }""",
        heading,
    )
    assert index >= 0, f"ingen kolumn ”{heading}”"
    return row.locator(":scope > th, :scope > td").nth(index)


@pytest.fixture(scope="module")
def model() -> Municipality:
    """The real data, as the site was built from it."""
    result = load(DATA, today=dt.date.today())
    assert result.model is not None
    return result.model


@pytest.fixture(params=[LIGHT, DARK], ids=["1366x900", "390x844"])
def reader(request: pytest.FixtureRequest, browser: Browser, real_site: ServedSite) -> Iterator[Reader]:
    """A reader on the start page, at a laptop's size (light) or a phone's (dark)."""
    person = Reader(browser, real_site.base, request.param)
    person.start()
    yield person
    browser.use_scheme(LIGHT)


def _number(section: str) -> tuple[int, ...]:
    return tuple(int(part) for part in section.split("."))


def _words(element: Any) -> str:
    """The element's text with white space collapsed and without the headings' ¶ links."""
    return re.sub(r"\s+", " ", (element.text_content() or "").replace("¶", "")).strip()


def test_who_is_responsible_for_9_2_11_and_when_from_the_status_list(reader: Reader, model: Municipality) -> None:
    """Aktiviteter: status och ansvar (one click) shows 9.2.11's ansvariga and its tidplan as the plan gives it."""
    activity = next(a for a in model.plan(PLAN).activities if a.number == "9.2.11")
    responsible = [model.person(r.person).name for r in activity.responsibility if r.person and r.kind == "ansvarig"]
    assert sorted(str(n) for n in responsible) == ["Jakob Söderbaum", "Sara Holst"]
    reader.click(reader.link("Aktiviteter: status och ansvar"), "Aktiviteter: status och ansvar")
    row = reader.row("9.2.11")
    who = _cell(row, "Ansvarig")
    when = _cell(row, "Planerad period")
    reader.readable(who, "9.2.11:s ansvariga")
    reader.readable(when, "9.2.11:s planerade period")
    assert all(str(name) in _words(who) for name in responsible)
    assert str(activity.schedule.text).strip() in _words(when)


def test_who_is_responsible_for_9_2_11_and_when_on_its_page(reader: Reader) -> None:
    """Two clicks reach 9.2.11's own page, whose facts name both ansvariga and say that the plan gives no dates."""
    reader.click(reader.link("Aktiviteter: status och ansvar"), "Aktiviteter: status och ansvar")
    row = reader.row("9.2.11")
    reader.click(row.get_by_role("link").first, "9.2.11")
    assert "9.2.11" in _words(reader.page.locator("article h1"))
    facts = reader.page.locator("article table").first
    who = reader.row("Ansvarig", facts)
    when = reader.row("Tidplan", facts)
    reader.readable(who, "9.2.11:s ansvariga")
    reader.readable(when, "9.2.11:s tidplan")
    assert "Jakob Söderbaum" in _words(who) and "Sara Holst" in _words(who)
    assert "inga datum i planen" in _words(when)
    stated = reader.page.locator("#tidplanprioritering + *")
    reader.readable(stated, "9.2.11:s tidplan i planens ord")
    assert "Aktiviteten prioriteras nivå 1" in _words(stated)


def test_procurements_that_must_start_before_2025(reader: Reader, model: Municipality) -> None:
    """Upphandlingskalender, sorted by Senaste start (two clicks), lists first every need whose latest
    start is in 2024 or earlier (without a lead time in the plan: whose contract ended in 2024 or earlier)
    or that the plan says must start snarast, each readable."""
    due = deadlines(model.plan(PLAN), dt.date.today())
    expected = sorted(
        str(d.need.need) for d in due if d.is_snarast or (d.start_by is not None and d.start_by <= END_OF_2024)
    )
    assert expected
    reader.click(reader.link("Upphandlingskalender"), "Upphandlingskalender")
    table = "article table.sorterbar"
    sort = reader.page.locator(f"{table} thead").get_by_role("button", name=re.compile("^Senaste start"))
    reader.click(sort, "sortera på Senaste start")
    rows = reader.page.locator(f"{table} tbody tr")
    first = [rows.nth(i) for i in range(len(expected))]
    names = [_words(r.locator("th, td").first) for r in first]
    assert sorted(names) == expected, f"först efter sorteringen: {names} ({reader.where()})"
    for row in first:
        start = _cell(row, "Senaste start")
        reader.readable(row.locator("th, td").first, "upphandlingsbehovet")
        reader.readable(start, "senaste start")
        assert _words(start) == "Snarast" or _day(start) <= END_OF_2024
    after = _cell(rows.nth(len(expected)), "Senaste start")
    assert _words(after) in ("–",) or _day(after) > END_OF_2024


# The source states that 9.2.16, 9.2.17 and 9.2.18 serve 4.1.3 (6.3's nyckeltal follow them up
# under that goal); 9.2.19 is the editors' proposal (it restates strategy 5.3.2's words).
SERVE_4_1_3 = {"9.2.16": "i planen", "9.2.17": "i planen", "9.2.18": "i planen", "9.2.19": "förslag"}


def test_activities_that_serve_4_1_3_on_the_goal_chain(reader: Reader) -> None:
    """Målkedja (one click): 4.1.3's section links every activity that serves it, the proposal marked as one."""
    reader.click(reader.link("Målkedja"), "Målkedja")
    heading = reader.page.locator("article h3", has_text="4.1.3").first
    reader.readable(heading, "rubriken 4.1.3")
    links = reader.section(heading.get_attribute("id") or "", 'article a[href*="/aktiviteter/"]')
    found: dict[str, Any] = {}
    for link in links:
        number = re.match(r"9\.2\.\d+", (link.text_content() or "").strip())
        if number:
            found.setdefault(number.group(0), link)
    assert set(found) == set(SERVE_4_1_3), f"aktiviteter under 4.1.3: {sorted(found)}"
    for number, link in found.items():
        problems = link.evaluate(SIDEWAYS)
        assert problems == [], f"länken {number}: {problems} ({reader.where()})"
    proposal = found["9.2.19"].evaluate("a => a.closest('li, p, td').textContent")
    assert "förslag" in proposal


def test_activities_that_serve_4_1_3_on_the_goal(reader: Reader) -> None:
    """4.1 Effektmål (one click): the goal 4.1.3 lists the activities that serve it, the proposal marked."""
    reader.click(reader.link("4.1 Effektmål"), "4.1 Effektmål")
    links = reader.section("klimat-och-social-hallbarhet", 'article a[href*="/aktiviteter/"]')
    numbers = {}
    for link in links:
        number = re.match(r"9\.2\.\d+", (link.text_content() or "").strip())
        if number:
            numbers[number.group(0)] = link
    assert set(numbers) == set(SERVE_4_1_3)
    for number, link in numbers.items():
        problems = link.evaluate(SIDEWAYS)
        assert problems == [], f"länken {number}: {problems} ({reader.where()})"
    line = numbers["9.2.19"].evaluate("a => a.closest('li, p').textContent")
    assert "9.2.19" in line and "förslag" in line.split("9.2.19")[1]


def test_everything_sara_holst_has_a_role_in(reader: Reader, model: Municipality) -> None:
    """Ansvar per person, then Sara Holst (two clicks): her page lists her roles and every activity she has a part in."""
    reader.click(reader.link("Ansvar per person"), "Ansvar per person")
    people = reader.section("personer", 'article a[href*="ansvar/sara-holst"]')
    assert people, f"ingen länk till Sara Holst under Personer ({reader.where()})"
    reader.click(people[0], "Sara Holst")
    assert _words(reader.page.locator("article h1")) == "Ansvar: Sara Holst"
    involved = involvements_by_person(model, dt.date.today())["sara-holst"]
    expected = sorted({str(i.assignment.activity.number) for i in involved}, key=_number)
    rows = reader.page.locator("article table.sorterbar tbody tr")
    shown: dict[str, Locator] = {}
    for index in range(rows.count()):
        first = rows.nth(index).locator("th, td").first
        number = re.match(r"9\.2\.\d+", _words(first))
        if number:
            shown.setdefault(number.group(0), first)
    assert sorted(shown, key=_number) == expected
    for number, cell in shown.items():
        reader.readable(cell, f"aktiviteten {number}")
    role = reader.page.locator("article li", has_text="Kategoriledare för Kategoriplan IT & Telekom").first
    reader.readable(role, "hennes roll")
