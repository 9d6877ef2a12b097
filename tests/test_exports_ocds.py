"""The procurement needs as OCDS planning releases: validated with the OCDS validator
(lib-cove-ocds) against the vendored OCDS 1.1.5 schema, offline; one release per need with the
milestones the model derives; the mapping documents every field of a need."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from macros.exports.ocds import MAPPING, NEED_FIELDS_USED, UNMAPPED, ocid, release_package
from macros.loading.loader import load
from macros.model.catalog import Municipality
from macros.model.deadlines import deadlines
from macros.model.procurement import ProcurementNeed
from tests.ocds_validation import problems, review, standard_zip
from tests.sitebuild import ROOT

PLAN = "it-och-telekom"
TODAY = dt.date(2026, 11, 29)
STAMP = dt.datetime(2026, 11, 20, 8, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def model() -> Municipality:
    """The real data."""
    result = load(ROOT / "data", today=TODAY)
    assert result.model is not None
    return result.model


@pytest.fixture(scope="module")
def package(model: Municipality) -> dict[str, Any]:
    """The real plan's release package, as the build makes it."""
    return release_package(
        model.plan(PLAN),
        TODAY,
        prefix="ocds-kategoriplan",
        stamp=STAMP,
        uri="https://example.invalid/nedladdning/it-och-telekom/ocds-releasepaket.json",
        publisher="Huddinge kommun",
        licence_url="https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
    )


@pytest.fixture(scope="module")
def zip_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The vendored OCDS schema, packed as lib-cove-ocds reads it."""
    return standard_zip(tmp_path_factory.mktemp("ocds"))


def test_the_package_passes_the_ocds_validator(package: dict[str, Any], zip_path: Path) -> None:
    """lib-cove-ocds finds no schema error, no value outside a closed codelist and no failed check."""
    assert problems(review(package, zip_path)) == []


def test_a_broken_package_fails_the_validator(package: dict[str, Any], zip_path: Path) -> None:
    """The validation can fail: a release without its ocid and with an unknown tag is reported."""
    broken = {**package, "releases": [{**package["releases"][0], "tag": ["okänd"]}]}
    del broken["releases"][0]["ocid"]
    assert problems(review(broken, zip_path))


def test_one_planning_release_per_need(package: dict[str, Any], model: Municipality) -> None:
    """Every procurement need is one release, tagged planning, with its own ocid, in the plan's order."""
    plan = model.plan(PLAN)
    releases = package["releases"]
    assert [r["ocid"] for r in releases] == [ocid("ocds-kategoriplan", plan, n.id) for n in plan.procurement_needs]
    assert all(r["tag"] == ["planning"] and r["tender"]["status"] == "planning" for r in releases)
    assert len({r["id"] for r in releases}) == len(releases)


def test_milestones_are_the_contract_end_and_the_derived_latest_start(
    package: dict[str, Any], model: Municipality
) -> None:
    """Each dated need has milestones on its contract end and, with a lead time, on its latest start."""
    for release, item in zip(package["releases"], deadlines(model.plan(PLAN), TODAY), strict=True):
        due = {m["id"]: m["dueDate"][:10] for m in release["planning"].get("milestones", [])}
        expected = {}
        if item.contract_end:
            expected["forlangning-tom"] = item.contract_end.isoformat()
        if item.latest_start:
            expected["senaste-start"] = item.latest_start.isoformat()
        assert due == expected, item.need.id


def test_the_rationale_holds_the_need_as_the_plan_writes_it(package: dict[str, Any], model: Municipality) -> None:
    """planning.rationale and tender.title carry the need's words."""
    for release, need in zip(package["releases"], model.plan(PLAN).procurement_needs, strict=True):
        assert release["tender"]["title"] == need.need
        assert need.need in release["planning"]["rationale"]
        assert need.subcategory_label in release["planning"]["rationale"]


def test_no_budget_is_invented(package: dict[str, Any]) -> None:
    """The plan gives no budget for a need, so no release has one (and the mapping says why)."""
    assert all("budget" not in r["planning"] for r in package["releases"])
    assert any(name == "budget" for name, _ in UNMAPPED)


def test_the_mapping_accounts_for_every_field_of_a_need() -> None:
    """Every field of a procurement need is named as used by the mapping; a new field must be mapped or listed."""
    assert set(NEED_FIELDS_USED) == set(ProcurementNeed.model_fields)
    assert MAPPING and UNMAPPED
