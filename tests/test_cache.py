"""The cache on disk keeps the answers of the engines in use and forgets those of engines no build uses."""

from __future__ import annotations

import os
import time
from pathlib import Path

from macros.loading.cache import UNUSED_DAYS, Cache, engine_fingerprint


def _aged(folder: Path, days: float, now: float) -> Path:
    """`folder`, made, with its time set `days` days before `now`."""
    folder.mkdir(parents=True)
    (folder / "svar.json").write_text("{}", encoding="utf-8")
    os.utime(folder, (now - days * 86400, now - days * 86400))
    return folder


def test_a_build_forgets_only_engines_unused_for_a_week(tmp_path: Path) -> None:
    """Another engine's folder unused for longer than `UNUSED_DAYS` days goes; a recent one, the cache's
    other folders and this engine's folder stay, and this engine's folder is marked as used now."""
    now = time.time()
    stale = _aged(tmp_path / "0123456789abcdef", UNUSED_DAYS + 1, now)
    recent = _aged(tmp_path / "fedcba9876543210", UNUSED_DAYS - 1, now)
    others = [_aged(tmp_path / name, UNUSED_DAYS + 30, now) for name in ("exporter", "arkiv-publicerad")]
    current = _aged(tmp_path / engine_fingerprint(), UNUSED_DAYS + 30, now)
    Cache(tmp_path).prune_other_engines(now)
    assert not stale.exists()
    assert recent.exists() and all(folder.exists() for folder in others)
    assert abs(current.stat().st_mtime - now) < 1
