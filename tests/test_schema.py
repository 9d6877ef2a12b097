"""The JSON Schemas for editors are generated from the model and kept fresh."""

from __future__ import annotations

import json
from pathlib import Path

from macros.loading.files import GUIDANCE_FILES, PLAN_FILES, SHARED_FILES
from macros.schema_export import REFRESH_COMMAND, SCHEMA_DIR, stale_schemas, write_schemas


def test_exported_schemas_are_fresh() -> None:
    """The committed schemas match the model; otherwise the message names the command to run."""
    stale = stale_schemas()
    assert not stale, f"inaktuella scheman: {', '.join(stale)}; kör `{REFRESH_COMMAND}`"


def test_stale_schema_is_detected(tmp_path: Path) -> None:
    """A changed or extra schema file is reported as stale."""
    write_schemas(tmp_path)
    (tmp_path / "kommun-personer.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "gammal.schema.json").write_text("{}", encoding="utf-8")
    assert stale_schemas(tmp_path) == ["gammal.schema.json", "kommun-personer.schema.json"]


def test_schema_forbids_unknown_keys() -> None:
    """Editors' autocompletion flags unknown keys too."""
    schema = json.loads((SCHEMA_DIR / "plan-aktiviteter.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Activity"]["additionalProperties"] is False


def test_every_data_file_kind_has_a_schema() -> None:
    """Each kind of data file has an exported schema, and so does each JSON export (plan and shared data)."""
    names = {p.name for p in SCHEMA_DIR.glob("*.schema.json")}
    exports = {"export-plan.schema.json", "export-kommun.schema.json"}
    assert exports <= names
    assert len(names - exports) == len(SHARED_FILES) + len(PLAN_FILES) + len(GUIDANCE_FILES)
