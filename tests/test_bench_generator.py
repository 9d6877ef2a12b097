"""The benchmark's synthetic data generator writes data the real check accepts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks.generator import Scale, generate
from macros.loading.loader import load
from macros.validation.findings import Severity

SMALL = Scale(plans=2, activities=6, needs=9, indicators=5, people_per_plan=6, reports_per_activity=2)


def test_generated_data_has_no_errors(tmp_path: Path) -> None:
    """A small generated data set validates with 0 errors and has the requested size."""
    plans = generate(tmp_path / "data", SMALL, seed=3)
    result = load(tmp_path / "data", today=dt.date(2025, 6, 1))
    errors = [f.format() for f in result.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert result.model is not None
    assert sorted(result.model.plans) == sorted(plans)
    for plan in result.model.plans.values():
        assert len(plan.activities) == SMALL.activities
        assert len(plan.procurement_needs) == SMALL.needs
        assert len(plan.follow_up.reports) == SMALL.activities * SMALL.reports_per_activity
    assert len(result.model.people) == SMALL.plans * SMALL.people_per_plan


def test_generation_is_deterministic(tmp_path: Path) -> None:
    """The same seed gives byte-identical files; another seed gives other text."""
    first, second, other = (tmp_path / name for name in ("a", "b", "c"))
    generate(first, SMALL, seed=7)
    generate(second, SMALL, seed=7)
    generate(other, SMALL, seed=8)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert any((first / f).read_bytes() != (other / f).read_bytes() for f in files)


def test_scale_grows_plans_then_plan_size() -> None:
    """Scaling adds plans up to ten, then makes each plan bigger."""
    base = Scale()
    assert base.times(10).plans == 10 and base.times(10).activities == base.activities
    fifty = base.times(50)
    assert fifty.plans == 10 and fifty.activities == 5 * base.activities and fifty.needs == 5 * base.needs


def test_default_scale_has_ten_times_the_fixture_reports() -> None:
    """The benchmark's plans carry ten times the follow-up fixture's reports and values per record."""
    import yaml

    from tests.followup_data import FOLLOW_UP, PLAN

    folder = FOLLOW_UP / "planer" / PLAN
    follow_up = yaml.safe_load((folder / "uppfoljning.yml").read_text(encoding="utf-8"))
    activities = yaml.safe_load((folder / "aktiviteter.yml").read_text(encoding="utf-8"))["aktiviteter"]
    indicators = yaml.safe_load((folder / "nyckeltal.yml").read_text(encoding="utf-8"))["nyckeltal"]
    base = Scale()
    assert base.reports_per_activity >= 10 * len(follow_up["rapporter"]) / len(activities)
    assert base.measurements_per_indicator >= 10 * len(follow_up["mätvärden"]) / len(indicators)
