"""Run a chain of builds as `mkdocs serve` runs them, in a process of its own.

`python -m tests.preview_chain CONFIG STEPS OUT` builds the site once with the preview's memory
on (`macros.adapter.incremental.enable`), then for each step of STEPS (a JSON list; each step
maps file paths to their new text) writes the files and builds again, copying the built site to
OUT/<step number> and what the build reused to OUT/<step number>.json. A process of its own,
because recording reads changes the record classes for the rest of the process.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from macros.adapter import incremental


def main(config: str, steps_file: str, out: str) -> int:
    """Build, then edit and rebuild once per step."""
    incremental.enable()
    site = Path(load_config(config).site_dir)
    build(load_config(config))
    steps = json.loads(Path(steps_file).read_text(encoding="utf-8"))
    for number, files in enumerate(steps, start=1):
        for name, text in files.items():
            path = Path(name)
            before = path.stat().st_mtime_ns if path.exists() else 0
            path.write_text(text, encoding="utf-8")
            stamp = max(path.stat().st_mtime_ns, before + 1_000_000_000)  # a save the watcher would see
            os.utime(path, ns=(stamp, stamp))
        build(load_config(config))
        previous = incremental.STATE.previous
        assert previous is not None
        target = Path(out) / str(number)
        shutil.copytree(site, target)
        reused = {**previous.counts, "full": previous.full, "pages": len(previous.pages)}
        Path(f"{target}.json").write_text(json.dumps(reused), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:4]))
    except Abort as stopped:
        sys.exit(f"bygget avbröts: {stopped}")
