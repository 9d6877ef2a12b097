"""The browser gates: serve a built site on 127.0.0.1, drive Debian's Chromium over
every page, and collect what is wrong, page by page, in Swedish.

One browser and one page object serve the whole test session. Every page is visited
once per colour scheme; everything that is checked on a page is checked during that
visit. Requests to any other host than the local server are aborted and recorded.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Playwright, Request, Response, Route
from playwright.sync_api import Error as PlaywrightError

PROBES = Path(__file__).with_name("probes.js")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Gate ids (code) and their Swedish titles (messages, report).
GATES = {
    "status": "Sidan svarar 200",
    "console": "Inga fel i konsolen",
    "network": "Inga förfrågningar till andra värdar",
    "scheme": "Ljust och mörkt färgschema används",
    "axe": "Inga axe-core-överträdelser (WCAG 2.0/2.1 A och AA)",
    "diagram": "Diagram ritas och har textalternativ och datatabell",
    "keyboard": "Tangentbord: rullbara ytor och sorterbara tabeller",
    "focus": "Fokus syns",
    "links": "Inga trasiga interna länkar eller ankare",
    "downloads": "Nedladdningar: varje fil som en länk pekar på serveras",
    "print": "Utskrift: utan navigation, tabeller och diagram hela",
    "layout": "Tabeller och diagram ryms i 1366 och 390 px (eller visar att de rullar), datum hela; diagramtext minst 12 px",
    "search": "Sökningen hittar det en läsare skriver",
}


@dataclass(frozen=True)
class Scheme:
    """A colour scheme and the window size the pages are checked in."""

    name: str  # Swedish, for messages
    color_scheme: str  # Playwright's value
    material: str  # the data-md-color-scheme Material must end up with
    width: int
    height: int


LIGHT = Scheme("ljust läge", "light", "default", 1366, 900)
DARK = Scheme("mörkt läge", "dark", "slate", 390, 844)
SCHEMES = (LIGHT, DARK)
LAYOUT_SIZES = ((1366, 900), (390, 844))
"""A laptop and a phone: the layout gate checks every page at both, in both colour schemes,
by resizing the window during the page's one visit per scheme."""
PRINT_WIDTH = 720  # CSS pixels of an A4 page's printable width


@dataclass(frozen=True)
class Problem:
    """One thing wrong on one page."""

    gate: str
    page: str
    message: str
    rule: str = ""

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


@dataclass
class BuiltSite:
    """A built site folder and the URL paths of its pages."""

    name: str
    root: Path

    @functools.cached_property
    def pages(self) -> list[str]:
        """Every HTML page as the URL path a reader opens (/, /a/b/, /404.html)."""
        paths = []
        for file in sorted(self.root.rglob("*.html")):
            relative = file.relative_to(self.root).as_posix()
            if relative == "index.html":
                paths.append("/")
            elif relative.endswith("/index.html"):
                paths.append("/" + relative.removesuffix("index.html"))
            else:
                paths.append("/" + relative)
        return paths

    def resolves(self, path: str) -> str | None:
        """The page path a local URL path lands on, or None when nothing is there."""
        path = unquote(path) or "/"
        target = self.root / path.lstrip("/")
        if path.endswith("/"):
            return path if (target / "index.html").is_file() else None
        if target.is_dir() and (target / "index.html").is_file():
            return path + "/"
        return path if target.is_file() else None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser hangs up on a response when it leaves a page mid-transfer.
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 on a free port; yield the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"http {root}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Visit:
    """What happened while one page was open."""

    path: str
    status: int | None = None
    console: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requests: int = 0


class Browser:
    """One Chromium, one page, reused for every site and every page."""

    def __init__(self, playwright: Playwright, profile: Path, executable: str = CHROMIUM) -> None:
        self.context: BrowserContext = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            locale="sv-SE",
            viewport={"width": LIGHT.width, "height": LIGHT.height},
            color_scheme="light",
        )
        self.context.set_default_timeout(15_000)
        # The whole plan (every chapter on one page) takes longer to load on a busy machine.
        self.context.set_default_navigation_timeout(60_000)
        # Every page opens as for a first-time visitor, so Material follows the emulated
        # colour scheme instead of a palette it remembered from an earlier page.
        self.context.add_init_script("try { localStorage.clear(); sessionStorage.clear(); } catch (error) {}")
        self.context.add_init_script(path=str(PROBES))
        # axe-core, as bundled by axe-playwright-python, is in every page from the start:
        # nothing is sent over the wire per page and nothing is fetched.
        self.axe = Axe()
        self.context.add_init_script(self.axe.axe_script)
        self.page: Page = self.context.pages[0] if self.context.pages else self.context.new_page()
        self.page.on("request", self._request)
        self.page.on("console", self._console)
        self.page.on("pageerror", self._page_error)
        self.page.on("response", self._response)
        self.page.on("requestfailed", self._request_failed)
        self.origin = ""
        self._pattern: re.Pattern[str] | None = None
        self.visit: Visit = Visit("")
        self.all_blocked: list[tuple[str, str]] = []
        self.version = self.context.browser.version if self.context.browser else "?"

    def close(self) -> None:
        """Close the browser."""
        self.context.close()

    # Network and console recording -------------------------------------------------

    def allow_only(self, origin: str) -> None:
        """Abort and record every request from now on that is not to `origin`."""
        if origin == self.origin:
            return
        if self._pattern is not None:
            self.context.unroute(self._pattern)
        # The pattern is matched inside Playwright, so local requests never wait for Python.
        self._pattern = re.compile("^(?!" + re.escape(origin) + ")")
        self.context.route(self._pattern, self._block)
        self.origin = origin

    def _block(self, route: Route) -> None:
        url = route.request.url
        self.visit.blocked.append(url)
        self.all_blocked.append((self.visit.path, url))
        route.abort("blockedbyclient")

    def _request(self, request: Request) -> None:
        if request.url.startswith(self.origin):
            self.visit.requests += 1

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.visit.console.append(message.text)

    def _page_error(self, error: PlaywrightError) -> None:
        self.visit.console.append(f"oväntat JavaScript-fel: {error}")

    def _response(self, response: Response) -> None:
        if response.url.startswith(self.origin) and response.status >= 400:
            self.visit.failed.append(f"{response.status} {response.url.removeprefix(self.origin.rstrip('/'))}")

    def _request_failed(self, request: Request) -> None:
        # ERR_ABORTED: the request was cut off by leaving the page (Material's search
        # worker is often still loading); a missing file answers 404 and is caught above.
        if request.url.startswith(self.origin) and "ERR_ABORTED" not in (request.failure or ""):
            self.visit.failed.append(f"{request.failure} {request.url.removeprefix(self.origin.rstrip('/'))}")

    # Navigation ----------------------------------------------------------------------

    def use_scheme(self, scheme: Scheme) -> None:
        """Show pages in `scheme` from now on (and forget a palette Material remembered)."""
        self.page.set_viewport_size({"width": scheme.width, "height": scheme.height})
        self.page.emulate_media(media="screen", color_scheme=scheme.color_scheme)  # type: ignore[arg-type]

    def open(self, base: str, path: str) -> Visit:
        """Open one page of the site at `base` and wait until Material has set it up."""
        self.allow_only(base)
        self.visit = Visit(path)
        response = self.page.goto(base.rstrip("/") + path, wait_until="load")
        self.visit.status = response.status if response else None
        # Material mounts its components right after load; one frame later they are there.
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")
        return self.visit

    def probe(self, name: str, *args: Any) -> Any:
        """Call one of probes.js's functions on the open page."""
        arguments = json.dumps(list(args))
        return self.page.evaluate(f"() => window.__probes.{name}(...{arguments})")

    def reach_by_tab(self, selector: str, pause: int = 0) -> bool:
        """Whether the keyboard lands on the element: Tab from the element before it, or
        Shift+Tab from the element after it (Material's search answers a Tab that leaves
        its result list by going back to the search field, so one direction can fail)."""
        for there, back in (("Shift+Tab", "Tab"), ("Tab", "Shift+Tab")):
            self.page.evaluate(
                """sel => { const el = document.querySelector(sel);
                    el.scrollIntoView({block: 'center', inline: 'nearest'});
                    el.focus({preventScroll: true}); }""",
                selector,
            )
            self.page.keyboard.press(there)
            if pause:  # as fast as a person: scripts that watch focus see each step
                self.page.wait_for_timeout(pause)
            self.page.keyboard.press(back)
            if self.page.evaluate("sel => document.activeElement === document.querySelector(sel)", selector):
                return True
            self.close_search()
        return False

    def close_search(self) -> None:
        """Close Material's search if a focus change opened it, and let it finish closing."""
        closed = self.page.evaluate(
            """() => { const toggle = document.getElementById('__search');
                if (!toggle || !toggle.checked) return false;
                if (document.activeElement) document.activeElement.blur();
                toggle.checked = false; toggle.dispatchEvent(new Event('change'));
                return true; }"""
        )
        if closed:
            self.page.wait_for_timeout(400)  # Material's closing transition is 250 ms

    def focused(self) -> str:
        """A description of the element that has focus now."""
        return str(
            self.page.evaluate(
                "() => document.activeElement ? window.__probes.describe(document.activeElement) : 'inget'"
            )
        )

    def blur(self) -> None:
        """Move focus away from everything."""
        self.page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); }")

    def run_axe(self) -> list[dict[str, Any]]:
        """axe-core's violations on the open page for the WCAG 2.0/2.1 A and AA tags."""
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        violations: list[dict[str, Any]] = self.page.evaluate(
            "options => axe.run(document, options).then(result => result.violations)", options
        )
        return violations


# The crawl ---------------------------------------------------------------------------


@dataclass
class Crawl:
    """Everything found on every page of one site, in both colour schemes."""

    site: BuiltSite
    checked_pages: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    requests: int = 0
    blocked: list[tuple[str, str]] = field(default_factory=list)
    axe_rules: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    axe_help: dict[str, str] = field(default_factory=dict)
    external_links: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    counts: Counter[str] = field(default_factory=Counter)
    searches: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def of(self, gate: str) -> list[Problem]:
        """The problems one gate found."""
        return [problem for problem in self.problems if problem.gate == gate]

    def add(self, gate: str, page: str, message: str, rule: str = "") -> None:
        """Record a problem."""
        self.problems.append(Problem(gate, page, message, rule))


def _short(text: str, length: int = 160) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= length else text[: length - 1] + "…"


def crawl(browser: Browser, site: BuiltSite, base: str, pages: list[str] | None = None) -> Crawl:
    """Visit every page of `site` (served at `base`), or only `pages`, once per colour
    scheme and check it."""
    started = time.monotonic()
    result = Crawl(site, checked_pages=list(pages if pages is not None else site.pages))
    links: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, set[str]] = {}
    if result.checked_pages:
        # One unchecked visit first, so that a cold Chromium (first start, fonts, Material's
        # scripts and search worker) cannot make the first checked page look different.
        browser.use_scheme(SCHEMES[0])
        browser.open(base, result.checked_pages[0])
    browser.all_blocked = []
    for scheme in SCHEMES:
        browser.use_scheme(scheme)
        focus_kinds: set[str] = set()
        for path in result.checked_pages:
            _check_page(browser, result, base, path, scheme, focus_kinds, links, ids)
        result.counts[f"fokus ({scheme.name})"] = len(focus_kinds)
    result.blocked = list(browser.all_blocked)
    _check_links(result, base, links, ids)
    _check_downloads(result, base, links)
    result.seconds = time.monotonic() - started
    return result


def _check_page(
    browser: Browser,
    result: Crawl,
    base: str,
    path: str,
    scheme: Scheme,
    focus_kinds: set[str],
    links: dict[str, list[dict[str, Any]]],
    ids: dict[str, set[str]],
) -> None:
    where = f"{path} [{scheme.name}]"
    try:
        visit = browser.open(base, path)
    except PlaywrightError as error:
        result.add("status", where, f"sidan gick inte att öppna: {_short(str(error))}")
        return
    result.counts["sidvisningar"] += 1
    if visit.status != 200:
        result.add("status", where, f"svarade {visit.status}, inte 200")

    scheme_now = browser.page.evaluate("() => document.body.dataset.mdColorScheme")
    if scheme_now != scheme.material:
        result.add("scheme", where, f"Material visar färgschemat {scheme_now!r}, väntat {scheme.material!r}")

    for violation in browser.run_axe():
        rule = violation["id"]
        result.axe_rules[scheme.name][rule] += 1
        result.axe_help[rule] = violation.get("help", "")
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        more = f" (+{len(violation['nodes']) - 3} till)" if len(violation["nodes"]) > 3 else ""
        result.add("axe", where, f"{rule}: {violation.get('help', '')} – {targets}{more}", rule)

    for reference in browser.probe("externalReferences"):
        result.add("network", where, f"hänvisar till en annan värd: {reference}")

    for message in browser.probe("diagramProblems"):
        result.add("diagram", where, message)
    result.counts["diagram"] += browser.page.locator("figure.diagram").count()

    _check_scroll_regions(browser, result, where)
    _check_focus(browser, result, where, focus_kinds)

    if scheme is LIGHT:
        found = browser.probe("links")
        links[path] = found["links"]
        ids[path] = set(found["ids"])
        _check_sortable_tables(browser, result, where)
        _check_print(browser, result, where, scheme)

    _check_layout(browser, result, path, scheme)

    # Network and console last: the checks above can trigger both.
    result.requests += visit.requests
    for url in visit.blocked:
        result.add("network", where, f"förfrågan till en annan värd stoppades: {_short(url, 120)}")
    for failure in visit.failed:
        result.add("status", where, f"en lokal resurs gick inte att hämta: {failure}")
    for message in visit.console:
        result.add("console", where, f"fel i konsolen: {_short(message)}")


def _wait_until(check: Callable[[], bool], seconds: float = 2.0) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def _check_scroll_regions(browser: Browser, result: Crawl, where: str) -> None:
    page = browser.page
    for region in browser.probe("scrollRegions"):
        result.counts["rullbara ytor"] += 1
        name = region["name"]
        if not region["selfTabbable"] and not region["inner"]:
            result.add(
                "keyboard",
                where,
                f"rullbar yta kan inte nås med tangentbordet (ingen tabindex, inget fokuserbart innehåll): {name}",
            )
            continue
        if not region["selfTabbable"]:
            continue  # reached through the links or buttons inside it, as axe-core accepts
        if not browser.reach_by_tab(region["selector"]):
            result.add("keyboard", where, f"rullbar yta nås inte med Tab: {name} (Tab landade på {browser.focused()})")
            continue
        key, prop = ("ArrowRight", "scrollLeft") if region["scrollX"] else ("ArrowDown", "scrollTop")
        page.keyboard.press(key)
        script = f"sel => document.querySelector(sel).{prop} > 0"
        selector = region["selector"]
        moved = _wait_until(lambda: bool(page.evaluate(script, selector)), 3.0)  # noqa: B023 (called right here)
        if not moved:
            result.add("keyboard", where, f"rullbar yta rullar inte med {key}: {name}")
        page.evaluate(f"sel => {{ document.querySelector(sel).{prop} = 0; }}", region["selector"])
    browser.blur()


def _clip(box: dict[str, float], width: int, height: int, margin: float = 6) -> dict[str, float] | None:
    x = max(box["x"] - margin, 0)
    y = max(box["y"] - margin, 0)
    right = min(box["x"] + box["width"] + margin, width)
    bottom = min(box["y"] + box["height"] + margin, height)
    if right - x < 1 or bottom - y < 1:
        return None
    return {"x": x, "y": y, "width": right - x, "height": bottom - y}


def _check_focus(browser: Browser, result: Crawl, where: str, kinds: set[str]) -> None:
    """Each kind of focusable element, once per colour scheme: Tab reaches it and its look changes."""
    page = browser.page
    viewport = page.viewport_size or {"width": LIGHT.width, "height": LIGHT.height}
    for candidate in browser.probe("focusCandidates", sorted(kinds)):
        kinds.add(candidate["kind"])
        selector = candidate["selector"]
        browser.blur()
        browser.close_search()
        box = browser.probe("focusBox", selector)
        clip = _clip(box, viewport["width"], viewport["height"]) if box else None
        if clip is None:
            continue  # drawn outside the window (e.g. Material's closed drawer): nothing to see
        before = page.screenshot(clip=clip, animations="disabled")  # type: ignore[arg-type]
        if not browser.reach_by_tab(selector, pause=100):
            if not browser.probe("isTabbableNow", selector):
                continue  # it hid itself meanwhile (Material's back-to-top button on scrolling)
            result.add("focus", where, f"nås inte med Tab: {candidate['name']} (Tab landade på {browser.focused()})")
            continue
        if not _focus_shows(browser, selector, box, clip, before):
            result.add("focus", where, f"fokus syns inte på {candidate['name']}")
    browser.blur()


def _focus_shows(browser: Browser, selector: str, box: dict[str, float], clip: dict[str, float], before: bytes) -> bool:
    """Whether the focused element looks different from before, or moved or grew on focus.

    Focus handlers (Material opens its search on focus) and styles may take a moment on a
    busy machine, so the look is compared repeatedly for up to about 3 seconds before giving up.
    """
    page = browser.page
    for _ in range(20):
        page.wait_for_timeout(150)
        box_after = browser.probe("focusBox", selector, False)
        if box_after and any(abs(box_after[side] - box[side]) > 0.5 for side in ("x", "y", "width", "height")):
            return True  # it moved or grew on focus (a skip link sliding in, a search field opening)
        if page.screenshot(clip=clip, animations="disabled") != before:  # type: ignore[arg-type]
            return True
    return False


def _check_sortable_tables(browser: Browser, result: Crawl, where: str) -> None:
    page = browser.page
    for table in browser.probe("sortableTables"):
        result.counts["sorterbara tabeller"] += 1
        name = table["name"]
        for summary in table["closed"]:
            # The table is in a closed <details>: open it as a keyboard user would.
            if not browser.reach_by_tab(summary):
                result.add("keyboard", where, f"{name}: ligger i en stängd <details> vars rubrik inte nås med Tab")
                break
            page.keyboard.press("Enter")
        still_closed = "sel => Boolean(document.querySelector(sel).closest('details:not([open])'))"
        if table["closed"] and page.evaluate(still_closed, table["selector"]):
            result.add("keyboard", where, f"{name}: <details> runt tabellen öppnas inte med Enter")
            continue
        if not table["buttons"]:
            result.add("keyboard", where, f"{name}: rubrikcellerna har inga knappar att sortera med")
        for button in table["buttons"]:
            label = f"{name}, kolumnen ”{button['name']}”"
            if not browser.reach_by_tab(button["selector"]):
                result.add("keyboard", where, f"{label}: sorteringsknappen nås inte med Tab")
                continue
            previous = button["initial"]
            for key in ("Enter", "Space"):
                if not page.evaluate(
                    "sel => document.activeElement === document.querySelector(sel)", button["selector"]
                ):
                    result.add("keyboard", where, f"{label}: fokus lämnade knappen efter sorteringen")
                    break
                page.keyboard.press(key)
                state = _wait_for_sort(page, button["header"], previous)
                if state is None:
                    result.add("keyboard", where, f"{label}: {key} sorterade inte (aria-sort ändrades inte)")
                    break
                keys = browser.probe("columnKeys", table["selector"], button["column"])
                order = browser.probe("sortedness", keys, button["numeric"])
                if not order[state]:
                    shown = ", ".join(keys[:6])
                    result.add(
                        "keyboard", where, f"{label}: aria-sort={state} men raderna är inte sorterade så ({shown} …)"
                    )
                previous = state
        _check_filters(browser, result, where, table)
    browser.blur()


def _wait_for_sort(page: Page, header: str, previous: str | None) -> str | None:
    state: str | None = None

    def changed() -> bool:
        nonlocal state
        value = page.evaluate("sel => document.querySelector(sel).getAttribute('aria-sort')", header)
        state = value if value in ("ascending", "descending") and value != previous else None
        return state is not None

    _wait_until(changed, 2.0)
    return state


def _check_filters(browser: Browser, result: Crawl, where: str, table: dict[str, Any]) -> None:
    """A table's filter fields, if it has any: Tab reaches them and the keyboard filters."""
    page = browser.page
    name = table["name"]
    total = int(table["rows"])

    def visible() -> int:
        return len(browser.probe("rowTexts", table["selector"]))

    word = _distinguishing_word(table["words"])
    for control in table["filters"]:
        field = f"{name}: filterfältet {control['name']}"
        if not browser.reach_by_tab(control["selector"]):
            result.add("keyboard", where, f"{field} nås inte med Tab (Tab landade på {browser.focused()})")
            continue
        if control["tag"] == "select":
            narrowed = False
            for _ in range(12):
                page.keyboard.press("ArrowDown")
                if _wait_until(lambda: 0 < visible() < total, 0.3):
                    narrowed = True
                    break
            if not narrowed and total > 1:
                result.add("keyboard", where, f"{field}: inget val med piltangenterna filtrerade raderna")
            page.keyboard.press("Home")
        elif word is not None:
            page.keyboard.type(word)
            shown: list[str] = []

            def narrower() -> bool:
                nonlocal shown
                shown = list(browser.probe("rowTexts", table["selector"]))
                return 0 < len(shown) < total

            if not _wait_until(narrower):
                result.add(
                    "keyboard",
                    where,
                    f"{field}: att skriva ”{word}” filtrerade inte raderna ({len(shown)} av {total} syns)",
                )
            elif not all(word in row for row in shown):
                result.add("keyboard", where, f"{field}: filtret ”{word}” visar rader som inte innehåller ordet")
            page.keyboard.press("Control+A")
            page.keyboard.press("Backspace")
        else:
            continue
        if not _wait_until(lambda: visible() == total):
            result.add("keyboard", where, f"{field}: när filtret tas bort kommer inte alla rader tillbaka")


def _distinguishing_word(rows: list[str]) -> str | None:
    """A word of four letters or more that some rows contain and others do not."""
    for row in rows:
        for word in re.findall(r"[a-zåäöé]{4,}", row):
            hits = sum(word in other for other in rows)
            if 0 < hits < len(rows):
                return str(word)
    return None


def _check_print(browser: Browser, result: Crawl, where: str, scheme: Scheme) -> None:
    page = browser.page
    page.emulate_media(media="print", color_scheme=scheme.color_scheme)  # type: ignore[arg-type]
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
    try:
        for message in browser.probe("printProblems"):
            result.add("print", where, message)
    finally:
        page.emulate_media(media="screen", color_scheme=scheme.color_scheme)  # type: ignore[arg-type]
        page.set_viewport_size({"width": scheme.width, "height": scheme.height})


def _next_frames(page: Page) -> None:
    """Wait until the page has laid itself out again (resize observers and container queries)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r))))")


def _check_layout(browser: Browser, result: Crawl, path: str, scheme: Scheme) -> None:
    """Tables and diagrams at a laptop's and a phone's width, in this visit's colour scheme:
    the window is resized, not the page reopened. Folded content is opened first."""
    page = browser.page
    browser.probe("openDetails")
    sizes = sorted(LAYOUT_SIZES, key=lambda size: size != (scheme.width, scheme.height))
    try:
        for width, height in sizes:
            page.set_viewport_size({"width": width, "height": height})
            _next_frames(page)
            found = browser.probe("layoutProblems")
            if found["problems"]:
                # Material's drawer and header slide for a quarter of a second after a resize,
                # and every size follows one: the other size's, or the print check's 720 px
                # (mid-slide, the search field once stood 11 px past a 1366 px window).
                page.wait_for_timeout(400)
                found = browser.probe("layoutProblems")
            where = f"{path} [{scheme.name}, {width} px]"
            for message in found["problems"]:
                result.add("layout", where, message)
            for kind, number in found["layouts"].items():
                result.counts[f"tabeller: {kind} ({width} px)"] += number
            result.counts[f"diagram med text ({width} px)"] += found["diagrams"]
    finally:
        page.set_viewport_size({"width": scheme.width, "height": scheme.height})


def _check_links(result: Crawl, base: str, links: dict[str, list[dict[str, Any]]], ids: dict[str, set[str]]) -> None:
    origin = base.rstrip("/")
    for page, found in links.items():
        for link in found:
            absolute = link["absolute"]
            shown = f"”{link['text']}” → {link['raw']}" if link["text"] else link["raw"]
            if absolute is None:
                result.add("links", page, f"länken går inte att tolka: {shown}")
                continue
            result.counts["länkar"] += 1
            parts = urlsplit(absolute)
            if parts.scheme in ("javascript",):
                continue
            if not absolute.startswith(origin + "/"):
                if parts.scheme != "data":
                    result.external_links[absolute].add(page)
                continue
            target = result.site.resolves(parts.path)
            if target is None:
                result.add("links", page, f"trasig länk, sidan finns inte: {shown}")
                continue
            anchor = unquote(parts.fragment)
            if anchor and target in ids and anchor not in ids[target]:
                result.add("links", page, f"trasigt ankare, #{anchor} finns inte på {target}: {shown}")


DOWNLOAD_SUFFIXES = (".xlsx", ".csv", ".json", ".ics")
"""Files a reader downloads rather than opens as a page (the site's exports)."""


def _check_downloads(result: Crawl, base: str, links: dict[str, list[dict[str, Any]]]) -> None:
    """Fetch every local file a link offers for download, once: it must answer 200 with the file's bytes."""
    origin = base.rstrip("/")
    offered: dict[str, str] = {}
    for page, found in links.items():
        for link in found:
            absolute = (link["absolute"] or "").split("#", 1)[0]
            if absolute.startswith(origin + "/") and urlsplit(absolute).path.endswith(DOWNLOAD_SUFFIXES):
                offered.setdefault(absolute, page)
    for url, page in sorted(offered.items()):
        result.counts["nedladdningar"] += 1
        path = unquote(urlsplit(url).path)
        try:
            with urllib.request.urlopen(url, timeout=15) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as exc:
            result.add("downloads", page, f"{path} svarar {exc.code}")
            continue
        except OSError as exc:
            result.add("downloads", page, f"{path} kunde inte hämtas ({exc})")
            continue
        on_disk = result.site.root / path.lstrip("/")
        if status != 200 or not body:
            result.add("downloads", page, f"{path} svarar {status} med {len(body)} byte")
        elif on_disk.is_file() and on_disk.read_bytes() != body:
            result.add("downloads", page, f"{path} serveras inte som filen i den byggda webbplatsen")


# Search ------------------------------------------------------------------------------


def search(browser: Browser, base: str, query: str) -> list[str]:
    """Type `query` into Material's search on the start page, as a reader would; return the
    URL paths of the result pages in the order shown (first screenful, up to ten)."""
    page = browser.page
    if not page.url.startswith(base):
        browser.open(base, "/")
    page.keyboard.press("Escape")
    browser.blur()
    page.keyboard.press("/")  # Material's keyboard shortcut for the search field
    field = page.locator("input.md-search__input")
    field.wait_for(state="visible")
    if not page.evaluate("() => document.activeElement && document.activeElement.matches('input.md-search__input')"):
        raise AssertionError("snabbtangenten / flyttar inte fokus till sökfältet")
    translations = json.loads(page.locator("#__config").text_content() or "{}")["translations"]
    placeholder = translations["search.result.placeholder"]
    state = """() => {
        const meta = document.querySelector('.md-search-result__meta');
        const links = [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')];
        return JSON.stringify([meta ? meta.textContent.trim() : '', links.map(a => a.href)]);
    }"""
    field.fill("")
    page.keyboard.press("End")
    page.wait_for_function(
        "p => document.querySelector('.md-search-result__meta').textContent.trim() === p", arg=placeholder
    )
    # The whole query in one input event: Material's worker then answers exactly once, and
    # the first answer that replaces the placeholder is the answer to the whole query.
    field.fill(query)
    page.keyboard.press("End")  # Material reads the field on keyup
    page.wait_for_function(
        "p => document.querySelector('.md-search-result__meta').textContent.trim() !== p",
        arg=placeholder,
        timeout=20_000,
    )
    page.wait_for_timeout(100)  # the list is drawn right after the count
    last = str(page.evaluate(state))
    hrefs: list[str] = json.loads(last)[1]
    paths: list[str] = []
    for href in hrefs:
        path = urlsplit(href).path
        normal = posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
        if normal not in paths:
            paths.append(normal)
    return paths


def check_searches(
    browser: Browser, base: str, expected: dict[str, list[str]], crawl: Crawl | None = None
) -> list[Problem]:
    """Search for each query; a problem for every expected page not among the results a
    reader sees first. The queries and their results are kept on `crawl` for the report."""
    problems = []
    for query, pages in expected.items():
        try:
            found = search(browser, base, query)
        except (AssertionError, PlaywrightError) as error:
            problems.append(Problem("search", "/", f"sökningen ”{query}” gick inte att göra: {_short(str(error))}"))
            continue
        missing = [page for page in pages if page not in found]
        for page in missing:
            shown = ", ".join(found[:5]) or "inga träffar"
            problems.append(
                Problem("search", page, f"sökningen ”{query}” hittar inte sidan (första träffarna: {shown})")
            )
        if crawl is not None:
            crawl.searches.append({"sökord": query, "förväntat": pages, "träffar": found, "ok": not missing})
    browser.page.keyboard.press("Escape")
    return problems


def require_clean(crawl: Crawl, *gates: str) -> None:
    """Fail with every problem the gates found, one line each, page first."""
    problems = [problem for problem in crawl.problems if problem.gate in gates]
    if problems:
        titles = " / ".join(GATES[gate] for gate in gates)
        listed = "\n".join(f"  {problem}" for problem in problems[:80])
        more = f"\n  … och {len(problems) - 80} till" if len(problems) > 80 else ""
        raise AssertionError(f"{titles}: {len(problems)} problem\n{listed}{more}")
