"""Validate an OCDS release package offline with the OCDS validator (lib-cove-ocds) against the
vendored OCDS 1.1.5 schema and codelists (tests/fixtures/ocds-1.1.5)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from tests.sitebuild import FIXTURES

OCDS_SCHEMA = FIXTURES / "ocds-1.1.5"
SCHEMA_FILES = ("release-package-schema.json", "release-schema.json", "versioned-release-validation-schema.json")


def standard_zip(target: Path) -> Path:
    """The vendored schema as the ZIP of the standard's repository that lib-cove-ocds reads (`standard_zip`)."""
    path = target / "standard-1__1__5.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("standard-1__1__5/", "")
        archive.writestr("standard-1__1__5/schema/", "")
        for name in SCHEMA_FILES:
            archive.write(OCDS_SCHEMA / name, f"standard-1__1__5/schema/{name}")
        archive.writestr("standard-1__1__5/schema/codelists/", "")
        for codelist in sorted((OCDS_SCHEMA / "codelists").glob("*.csv")):
            archive.write(codelist, f"standard-1__1__5/schema/codelists/{codelist.name}")
    return path


def review(package: dict[str, Any], zip_path: Path) -> dict[str, Any]:
    """lib-cove-ocds' review of a release package: its API context (validation errors, codelists, checks)."""
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig

    config = LibCoveOCDSConfig({"standard_zip": zip_path.resolve().as_uri(), "context": "api"})
    return ocds_json_output(json_data=package, schema_version="1.1", lib_cove_ocds_config=config)


def problems(context: dict[str, Any]) -> list[str]:
    """Everything the review found wrong: schema errors, values outside closed codelists, failed checks,
    deprecated fields and fields the schema does not define."""
    found = [f"{e['field']}: {e['description']}" for e in context.get("validation_errors", [])]
    found += [
        f"kodlista {key}: {value}" for key, value in (context.get("additional_closed_codelist_values") or {}).items()
    ]
    found += [f"kontroll: {item}" for item in context.get("additional_checks") or []]
    found += [f"föråldrat fält: {item['field']}" for item in context.get("deprecated_fields") or []]
    found += [
        f"fält utanför schemat: {item['path']}/{item['field']}" for item in context.get("additional_fields") or []
    ]
    return found
