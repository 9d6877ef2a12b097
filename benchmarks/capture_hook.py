"""MkDocs hook used by the benchmark only: write every page's Markdown after the macros ran,
and the menu and `extra` settings the engine's hooks gave the configuration.

The folder comes from the environment variable BENCH_CAPTURE_DIR. The captured pages are
then built by a plain MkDocs + Material configuration with the same menu (the activity and
person pages in it) and the same footer settings, which is the build baseline. With
`capture_start.py` also registered, the time the macros took on each page is appended to
`BENCH_CAPTURE_DIR.times.jsonl` as the build goes, so it survives a build that is stopped.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from macros.render.html import expand_finished


@event_priority(-100)  # after the engine's hooks have set the menu and the footer
def on_config(config: Any) -> Any:
    """Save the configured menu and `extra` as the engine's hooks left them (BENCH_CAPTURE_DIR.config.json)."""
    target = os.environ.get("BENCH_CAPTURE_DIR")
    if target:
        settings = {"nav": config.nav, "extra": dict(config.extra)}
        Path(f"{target}.config.json").write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
    return config


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Save the rendered Markdown under the page's source path, and the macros' time.

    The engine carries its finished HTML through Markdown as comments naming blocks that only this
    process holds (`macros.render.html.finish_blocks`); the saved page holds the HTML itself,
    so that the plain build converts and shows the same content."""
    target = os.environ.get("BENCH_CAPTURE_DIR")
    if target:
        seconds = time.perf_counter() - getattr(page, "bench_started", time.perf_counter())
        path = Path(target) / page.file.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expand_finished(markdown), encoding="utf-8")
        with open(f"{target}.times.jsonl", "a", encoding="utf-8") as times:
            times.write(json.dumps({"page": page.file.src_uri, "seconds": seconds}) + "\n")
    return markdown
