"""Relative paths between the pages and files of the built site."""

from __future__ import annotations

import posixpath
from functools import lru_cache


@lru_cache(maxsize=1 << 16)
def relative_path(path: str, start: str) -> str:
    """`path` relative to the folder `start` (both site paths, "/"-separated), as `posixpath.relpath` gives it.

    Remembered: a page's links ask the same few questions many times (a history page thousands of times)."""
    return posixpath.relpath(path, start)
