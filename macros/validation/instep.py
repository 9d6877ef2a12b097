"""The check's warnings where an activity's wording and its structured values changed apart
(`macros.comparison.instep`), placed at the line of the changed key in the data as it is now."""

from __future__ import annotations

from collections.abc import Iterable

from macros.comparison.changes import Change
from macros.comparison.instep import drifts
from macros.loading.yaml_source import SourceFile
from macros.model.catalog import Municipality
from macros.validation.crosscheck import Checker
from macros.validation.findings import Finding


def drift_findings(changes: Iterable[Change], model: Municipality, sources: dict[str, SourceFile]) -> list[Finding]:
    """A warning for each activity of which only the wording or only the structured values changed."""
    check = Checker(sources)
    for drift in drifts(changes):
        if (
            drift.plan is None
            or drift.plan not in model.plans
            or not model.plan(drift.plan).has(drift.kind, drift.record)
        ):
            continue
        record = model.plan(drift.plan).activity(drift.record)
        check.warn(record, tuple(drift.key.split("[")[0].split(".")), drift.message())
    return check.findings
