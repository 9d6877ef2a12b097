"""MkDocs hook used by the benchmark only: note when a page's Markdown events begin.

Runs before mkdocs-macros; `capture_hook.py` runs after it and records the difference,
which is the time the macros took on that page.
"""

from __future__ import annotations

import time
from typing import Any

from mkdocs.plugins import event_priority


@event_priority(100)  # before mkdocs-macros renders the page
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Remember the start time on the page object."""
    page.bench_started = time.perf_counter()
    return markdown
