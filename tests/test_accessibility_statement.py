"""The tillgänglighetsredogörelse (content/tillganglighet.md) says only what the checks do: its
sizes are the browser gates' sizes, its rule sets are those axe-core runs, and the site is
published only after the checks pass."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.browser.harness import AXE_TAGS, DARK, LIGHT

ROOT = Path(__file__).resolve().parents[1]
STATEMENT = (ROOT / "content" / "tillganglighet.md").read_text(encoding="utf-8")


def test_statement_names_the_sizes_and_schemes_the_gates_use() -> None:
    """The statement's laptop and phone sizes, light and dark, are the browser gates' own."""
    assert (LIGHT.color_scheme, DARK.color_scheme) == ("light", "dark")
    assert f"i ljust läge i en bärbar dators storlek\n({LIGHT.width} × {LIGHT.height}" in STATEMENT
    assert f"i mörkt läge i en mobils storlek ({DARK.width} × {DARK.height})" in STATEMENT


def test_statement_names_the_rules_axe_runs() -> None:
    """The statement's WCAG versions and levels are the tags the gate gives axe-core."""
    assert sorted(AXE_TAGS) == ["wcag21a", "wcag21aa", "wcag2a", "wcag2aa"]
    assert "WCAG 2.0 och 2.1 på nivå A och AA" in STATEMENT


def test_site_is_published_only_after_the_checks_pass() -> None:
    """Publishing runs only after CI (which runs the browser checks) succeeded on main, as the statement says."""
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    trigger = publish[True]["workflow_run"]  # YAML 1.1 reads the key "on" as True
    assert trigger["workflows"] == ["CI"] and trigger["types"] == ["completed"]
    assert "conclusion == 'success'" in publish["jobs"]["build"]["if"]
    assert "make test" in ci
    assert "Webbplatsen publiceras bara när alla kontroller har gått igenom." in STATEMENT
