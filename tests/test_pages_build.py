"""The build enforces the page rule itself: a hostile page stops `mkdocs build` with the Swedish
message before mkdocs-macros renders it, so its payload never runs, even without `make check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from macros.adapter.pages import unsafe_settings
from tests.hostile_pages import HOSTILE_PAGES, HostilePage
from tests.sitebuild import FIXTURE_CONTENT, FIXTURE_DATA, ROOT, build, write_config

pytestmark = pytest.mark.build


def site_with_page(tmp_path: Path, name: str, text: str, engine: Path | None = None) -> Path:
    """A project whose content is the fixture pages plus `name`; returns its mkdocs.yml."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / name).write_text(text, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    return write_config(project, data=FIXTURE_DATA, content=content, engine=engine)


@pytest.mark.parametrize("page", HOSTILE_PAGES, ids=lambda page: page.name)
def test_hostile_page_stops_the_build(page: HostilePage, tmp_path: Path) -> None:
    """Each hostile construct stops the build with `fil:rad: fel: …`, no traceback, no site, no payload run."""
    marker = tmp_path / "kordes"
    done = build(site_with_page(tmp_path, "fel.md", page.source(str(marker))))
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"content/fel.md:{page.line}: {page.message}" in output, output
    assert "Traceback" not in output
    assert not marker.exists()
    assert not (tmp_path / "project" / "site" / "index.html").exists()


def test_without_the_check_the_payload_runs(tmp_path: Path) -> None:
    """Control: with the check and its guard removed from a copy of the engine, the same build runs the
    payload of a front-matter title (which mkdocs-macros renders as a template): the test above is real."""
    engine = tmp_path / "macros"
    shutil.copytree(ROOT / "macros", engine, ignore=shutil.ignore_patterns("__pycache__"))
    for file, old, new in [
        ("__init__.py", "def on_pre_page_macros(", "def _unused("),
        ("adapter/mkdocs_hooks.py", "    require_page_check(config)", "    pass"),
    ]:
        text = (engine / file).read_text(encoding="utf-8")
        assert old in text
        (engine / file).write_text(text.replace(old, new), encoding="utf-8")
    marker = tmp_path / "kordes"
    page = next(page for page in HOSTILE_PAGES if page.name == "titel-yaml")
    build(site_with_page(tmp_path, "fel.md", page.source(str(marker)), engine=engine))
    assert marker.exists()


def test_editors_pages_still_render(tmp_path: Path) -> None:
    """The editors' pages build: the macro reference lists the macros, raw blocks show macro syntax as text."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    shutil.copytree(ROOT / "content" / "redaktorer", content / "redaktorer", dirs_exist_ok=True)
    warnings = content / "redaktorer" / "varningar.md"  # lists a plan's warnings: point it at a fixture plan
    warnings.write_text(
        warnings.read_text(encoding="utf-8").replace('plan="it-och-telekom"', 'plan="exempel"'), encoding="utf-8"
    )
    (content / "it-och-telekom").mkdir()
    (content / "it-och-telekom" / "kanda-brister.md").write_text("# Kända brister\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    done = build(write_config(project, data=FIXTURE_DATA, content=content))
    assert done.returncode == 0, done.stdout + done.stderr
    reference = (project / "site" / "redaktorer" / "makron" / "index.html").read_text(encoding="utf-8")
    assert 'id="aktivitetslista"' in reference and "{{ planlista() }}" in reference
    guide = (project / "site" / "redaktorer" / "ratta-fel" / "index.html").read_text(encoding="utf-8")
    assert '<code>{{ aktivitetslista(plan="it-och-telekom") }}</code>' in guide and "<code>{% set %}</code>" in guide
    assert "{% raw %}" not in guide and "{% endraw %}" not in guide
    reporting = (project / "site" / "redaktorer" / "rapportera" / "index.html").read_text(encoding="utf-8")
    assert "<code>ej påbörjad</code>" in reporting and "<code>e-tjanster</code>" in reporting


def test_open_macro_settings_stop_the_build(tmp_path: Path) -> None:
    """A mkdocs-macros setting that loads code or templates (include_yaml, include_dir …) stops the build."""
    config = site_with_page(tmp_path, "extra.md", "# Extra\n")
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    macros = next(p["macros"] for p in settings["plugins"] if isinstance(p, dict) and "macros" in p)
    macros["include_yaml"] = [str(config)]
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = build(config)
    assert done.returncode != 0
    assert "mkdocs.yml: fel: sidorna skulle kunna köra kod" in done.stdout + done.stderr
    assert "macros: include_yaml" in done.stdout + done.stderr


def test_unsafe_settings_are_named() -> None:
    """Every setting that reopens what the check closes is named; the defaults are safe."""
    plugin = {
        "module_name": "macros",
        "modules": ["pluglet"],
        "include_dir": "mallar",
        "include_yaml": ["x.yml"],
        "j2_variable_start_string": "[[",
        "j2_extensions": ["jinja2.ext.do"],
        "on_error_fail": True,
    }
    config = {"extra": {"planlista": "x", "datakatalog": "data"}, "extra_templates": ["sida.html"]}
    assert unsafe_settings(plugin, config) == [
        "extra: planlista",
        "extra_templates",
        "macros: include_dir",
        "macros: include_yaml",
        "macros: j2_extensions",
        "macros: j2_variable_start_string",
        "macros: modules",
    ]
    assert unsafe_settings({"module_name": "macros", "include_dir": "", "j2_block_start_string": ""}, {}) == []


def test_the_real_configuration_keeps_the_settings_closed() -> None:
    """mkdocs.yml loads only the `macros` package, with no includes, extra modules or other delimiters."""
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    macros = next(p["macros"] for p in settings["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["module_name"] == "macros"
    assert unsafe_settings(macros, settings) == []
