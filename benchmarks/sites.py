"""MkDocs configurations for the benchmark: our site on any data and pages, the capture
build that saves every page's rendered Markdown, and the plain baselines.

All configurations start from the project's own mkdocs.yml, so the theme, Markdown
extensions and validation settings are exactly those of the real site.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL_PLAN = "it-och-telekom"
"""The real plan whose pages are copied to the synthetic plans."""

ENGINE = ROOT
"""The folder holding the `macros` package the measured sites use (see `snapshot_engine`)."""

CAPTURE_HOOK = Path(__file__).resolve().parent / "capture_hook.py"
CAPTURE_START = Path(__file__).resolve().parent / "capture_start.py"


def real_config() -> dict[str, Any]:
    """The project's mkdocs.yml as a mapping."""
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def _absolute_theme(config: dict[str, Any]) -> None:
    """Make the theme's custom_dir absolute (it is relative to the real mkdocs.yml)."""
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((ROOT / theme["custom_dir"]).resolve())


def _write(path: Path, config: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_subject(
    project: Path, *, data: Path, docs: Path, nav: list[Any] | None, capture: bool = False, strict: bool = True
) -> Path:
    """Our site (macros plugin and hooks) on `data` and `docs`; with `capture`, also save rendered pages.

    `strict=False` lets warnings pass (synthetic pages may link to anchors of the real plan).
    """
    config = real_config()
    config["strict"] = bool(config.get("strict", False)) and strict
    config.update(docs_dir=str(docs), site_dir=str(project / ("site-capture" if capture else "site")))
    hooks = [str(ENGINE / hook) for hook in config.get("hooks", [])]
    config["hooks"] = [str(CAPTURE_START), *hooks, str(CAPTURE_HOOK)] if capture else hooks
    _absolute_theme(config)
    config.setdefault("extra", {})["datakatalog"] = str(data)
    config["watch"] = [str(data), str(ENGINE / "macros")]
    if nav is None:
        config.pop("nav", None)
    else:
        config["nav"] = nav
    link = project / "macros"  # mkdocs-macros imports `module_name` relative to the config file
    if not link.exists():
        link.symlink_to(ENGINE / "macros", target_is_directory=True)
    return _write(project / ("mkdocs-capture.yml" if capture else "mkdocs.yml"), config)


def _without_macros(plugins: list[Any]) -> list[Any]:
    """The plugin list without mkdocs-macros."""

    def name(entry: Any) -> str:
        return entry if isinstance(entry, str) else next(iter(entry))

    return [entry for entry in plugins if name(entry) != "macros"]


def write_plain(
    project: Path,
    *,
    docs: Path,
    nav: list[Any] | None,
    material_defaults: bool = False,
    strict: bool = True,
    extra: dict[str, Any] | None = None,
) -> Path:
    """A plain MkDocs + Material build of already rendered pages: no macros plugin, no hooks.

    `nav` and `extra` are the menu and settings our hooks gave our build (see `captured_config`),
    so that both builds render the same menu and footer on every page. With `material_defaults`,
    also without our theme overrides, extra CSS/JS, palette and features: a plain Material page,
    the baseline of the page-weight comparison.
    """
    config = real_config()
    config["strict"] = bool(config.get("strict", False)) and strict
    suffix = "material" if material_defaults else "plain"
    config.update(docs_dir=str(docs), site_dir=str(project / f"site-{suffix}"))
    config.pop("hooks", None)
    config.pop("watch", None)
    if extra is not None:
        config["extra"] = extra
    config["plugins"] = _without_macros(config.get("plugins", ["search"]))
    _absolute_theme(config)
    if material_defaults:
        language = config.get("theme", {}).get("language", "sv")
        config["theme"] = {"name": "material", "language": language}
        config.pop("extra_css", None)
        config.pop("extra_javascript", None)
        config["plugins"] = ["search"]
    if nav is None:
        config.pop("nav", None)
    else:
        config["nav"] = nav
    return _write(project / f"mkdocs-{suffix}.yml", config)


def captured_config(captured: Path) -> tuple[list[Any] | None, dict[str, Any] | None]:
    """The menu and `extra` settings of the capture build (None, None when it saved none)."""
    saved = Path(f"{captured}.config.json")
    if not saved.exists():
        return None, None
    settings = json.loads(saved.read_text(encoding="utf-8"))
    return settings.get("nav"), settings.get("extra")


def plain_docs(captured: Path, source_docs: Path, target: Path) -> Path:
    """The captured Markdown pages plus every non-Markdown file of the source pages (images, CSS)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(captured, target)
    for path in source_docs.rglob("*"):
        if path.is_file() and path.suffix != ".md":
            destination = target / path.relative_to(source_docs)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
    return target


def snapshot_real(target: Path) -> tuple[Path, Path]:
    """Copy the real data/ and content/ (other people edit them while we measure), with their history.

    The copy is made a git repository holding the project's commits, so that the build reads
    the change history as a real build does (the page "Ändringshistorik").
    """
    data, docs = target / "data", target / "content"
    for source, destination in ((ROOT / "data", data), (ROOT / "content", docs)):
        if destination.exists():
            shutil.rmtree(destination)
        shutil.copytree(source, destination, ignore=shutil.ignore_patterns(".*"))
    if (ROOT / ".git").exists():
        for command in (["init", "-q"], ["fetch", "-q", "--no-tags", str(ROOT), "HEAD"], ["reset", "-q", "FETCH_HEAD"]):
            subprocess.run(["git", "-C", str(target), *command], check=False, capture_output=True)
    return data, docs


def snapshot_engine(target: Path) -> Path:
    """Copy the `macros` package once, so that every measurement of a run uses the same engine.

    Other people change the engine while the benchmark runs; pages copied at the start
    must be rendered by the macros that existed then.
    """
    global ENGINE
    shutil.copytree(ROOT / "macros", target / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    ENGINE = target
    return target
