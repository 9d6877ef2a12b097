"""Reporting is documented where editors look, and the published site never goes stale by
more than a day."""

from __future__ import annotations

import re

import yaml

from tests.sitebuild import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def test_publish_workflow_rebuilds_every_day() -> None:
    """The publish workflow has a schedule that runs once a day (minute and hour fixed, every day)."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert any(re.fullmatch(r"\d{1,2} \d{1,2} \* \* \*", cron) for cron in crons), crons


def test_scheduled_build_publishes_main() -> None:
    """The scheduled run builds main, not a pull request's commit."""
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "github.event_name == 'schedule'" in text and "github.ref == 'refs/heads/main'" in text


def test_readme_says_the_site_is_rebuilt_daily() -> None:
    """The README tells readers that date-dependent views are recomputed every night."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "byggs om varje natt" in readme and "Beräknat" in readme


def test_guide_page_is_in_the_navigation() -> None:
    """The editors' guide to reporting is a page of the site, in the editors' section."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "Så rapporterar du status och mätvärden: redaktorer/rapportera.md" in config
    assert (ROOT / "content" / "redaktorer" / "rapportera.md").is_file()


def test_every_trigger_caches_under_the_commit_it_builds() -> None:
    """The history cache's key names the built commit for nightly runs too (no workflow_run there)."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    ref = next(step["with"]["ref"] for step in steps if step.get("uses", "").startswith("actions/checkout"))
    key = next(step["with"]["key"] for step in steps if step.get("uses", "").startswith("actions/cache"))
    assert ref.strip("${} ") in key
