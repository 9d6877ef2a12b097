"""Export JSON Schema files from the model, so editors get autocompletion and checks
while typing. The model is the only source of truth; the files are generated."""

from __future__ import annotations

import json
from pathlib import Path

from macros.loading.files import GUIDANCE_FILES, PLAN_FILES, SHARED_FILES, FileKind

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
"""Where the exported schemas live (committed, checked for freshness by the tests)."""

REFRESH_COMMAND = "make schema"
"""The command that rewrites the exported schemas."""


def schema_text(kind: FileKind) -> str:
    """The JSON Schema of one kind of data file, as stable, readable JSON."""
    schema = kind.model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = kind.name
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def expected_schemas() -> dict[str, str]:
    """File name → content for every schema the model defines: the data files' and the JSON exports'."""
    from macros.exports.plan_json import export_schema_text

    named = [("kommun", kind) for kind in SHARED_FILES] + [("plan", kind) for kind in PLAN_FILES]
    named += [("vagledning", kind) for kind in GUIDANCE_FILES]
    schemas = {f"{prefix}-{kind.schema_name}": schema_text(kind) for prefix, kind in named}
    schemas |= {f"export-{kind}.schema.json": export_schema_text(kind) for kind in ("plan", "kommun")}
    return schemas


def stale_schemas(directory: Path = SCHEMA_DIR) -> list[str]:
    """Names of schema files that are missing, outdated or no longer defined."""
    expected = expected_schemas()
    stale = [
        name
        for name, text in expected.items()
        if not (directory / name).is_file() or (directory / name).read_text(encoding="utf-8") != text
    ]
    present = {path.name for path in directory.glob("*.schema.json")} if directory.is_dir() else set()
    return sorted(stale + sorted(present - expected.keys()))


def write_schemas(directory: Path = SCHEMA_DIR) -> list[str]:
    """Rewrite every schema file; remove schemas no longer defined. Returns names written."""
    directory.mkdir(parents=True, exist_ok=True)
    expected = expected_schemas()
    for path in directory.glob("*.schema.json"):
        if path.name not in expected:
            path.unlink()
    for name, text in expected.items():
        (directory / name).write_text(text, encoding="utf-8")
    return sorted(expected)
