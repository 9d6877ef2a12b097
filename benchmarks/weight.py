"""Bytes a browser loads for one page: the HTML and every local asset it fetches.

Measured with Playwright and Debian's Chromium when they are available (everything the
page really requests, including what scripts load later); otherwise by parsing the HTML
for stylesheets, scripts, images and icons. Sizes are uncompressed bytes as served, and
gzip sizes as a typical web server would transfer them.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

CHROMIUM = "/usr/bin/chromium"
DIAGRAM_LIBRARIES = ("mermaid", "chart", "d3", "plotly", "vega", "echarts", "gantt")


@dataclass
class Weight:
    """The files one page loaded."""

    method: str
    files: dict[str, int] = field(default_factory=dict)
    gzip_files: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Uncompressed bytes."""
        return sum(self.files.values())

    @property
    def gzip_total(self) -> int:
        """Bytes after gzip compression."""
        return sum(self.gzip_files.values())

    @property
    def diagram_files(self) -> list[str]:
        """Loaded files that look like a diagram or chart library."""
        return [name for name in self.files if any(lib in name.rsplit("/", 1)[-1].lower() for lib in DIAGRAM_LIBRARIES)]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Serve silently."""


@contextlib.contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve `root` on a free 127.0.0.1 port; yield its base URL."""
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _record(weight: Weight, name: str, body: bytes) -> None:
    weight.files[name] = len(body)
    weight.gzip_files[name] = len(gzip.compress(body, 6))


def with_browser(site: Path, page: str) -> Weight:
    """Open the page in headless Chromium and count every same-origin response."""
    from playwright.sync_api import sync_playwright

    weight = Weight("Chromium (Playwright)")
    with static_server(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        try:
            context = browser.new_context()
            tab = context.new_page()
            responses = []
            tab.on("response", lambda response: responses.append(response))
            tab.goto(f"{base}/{page}", wait_until="networkidle")
            tab.wait_for_timeout(500)
            for response in responses:
                if response.url.startswith(base) and response.status == 200:
                    with contextlib.suppress(Exception):
                        _record(weight, urlparse(response.url).path, response.body())
        finally:
            browser.close()
    return weight


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if (tag == "script" and values.get("src")) or (tag == "img" and values.get("src")):
            self.urls.append(values["src"] or "")
        elif (
            tag == "link"
            and (values.get("rel") or "") in ("stylesheet", "icon", "shortcut icon")
            and values.get("href")
        ):
            self.urls.append(values["href"] or "")


def by_parsing(site: Path, page: str) -> Weight:
    """The page's HTML plus the local stylesheets, scripts, images and icons it names."""
    weight = Weight("HTML-tolkning")
    html_path = site / page / "index.html" if not page.endswith(".html") else site / page
    html = html_path.read_bytes()
    _record(weight, "/" + page, html)
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    base = "http://local/" + page
    for url in parser.urls:
        absolute = urlparse(urljoin(base, url))
        if absolute.netloc != "local":
            continue
        file = site / absolute.path.lstrip("/")
        if file.is_file():
            _record(weight, absolute.path, file.read_bytes())
    return weight


def page_weight(site: Path, page: str) -> Weight:
    """Weigh a page with Chromium if possible, else by parsing its HTML."""
    if Path(CHROMIUM).exists():
        try:
            return with_browser(site, page)
        except Exception as exc:  # no Playwright or no browser: fall back, and say so
            fallback = by_parsing(site, page)
            fallback.method += f" (Chromium misslyckades: {type(exc).__name__})"
            return fallback
    return by_parsing(site, page)
