"""Build a site from any data and content folder with the project's own configuration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_DATA = FIXTURES / "data"
FIXTURE_CONTENT = FIXTURES / "content"
FIXED_TODAY = "2024-06-01"


def write_config(project: Path, *, data: Path, content: Path, nav: bool = False, engine: Path | None = None) -> Path:
    """A mkdocs.yml in `project` that reuses the real configuration with other folders.

    `engine` is the `macros` package to use (default: the project's own, linked).
    """
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(content), site_dir=str(project / "site"))
    package = engine or ROOT / "macros"
    config["hooks"] = [str(package / "adapter" / "mkdocs_hooks.py")]
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["extra"]["datakatalog"] = str(data)
    config.pop("watch", None)
    if not nav:
        config.pop("nav", None)
    if package != project / "macros":
        (project / "macros").symlink_to(package, target_is_directory=True)
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(config: Path, *, today: str = FIXED_TODAY) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` on `config`; return the finished process."""
    env = {**os.environ, "KATEGORIPLAN_IDAG": today}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", str(config)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        check=False,
        timeout=600,
    )
