"""Swedish messages for schema errors found by pydantic."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic_core import ErrorDetails

from macros.model.base import SLUG_PATTERN

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "ett heltal",
    "int_parsing": "ett heltal",
    "int_from_float": "ett heltal",
    "float_type": "ett tal",
    "float_parsing": "ett tal",
    "bool_type": "true eller false",
    "bool_parsing": "true eller false",
    "list_type": "en lista (rader som börjar med -)",
    "dict_type": "en samling nycklar",
    "model_type": "en samling nycklar",
    "model_attributes_type": "en samling nycklar",
    "date_type": "ett datum ÅÅÅÅ-MM-DD",
}


def _shown(value: Any) -> str:
    """A value as an editor would recognise it in the YAML file."""
    if isinstance(value, dict):
        return "en samling nycklar"
    if isinstance(value, list):
        return "en lista"
    if value is None:
        return "tomt"
    return repr(value) if isinstance(value, str) else str(value)


def _key_name(error: ErrorDetails) -> str:
    """The last key of the error's location."""
    keys = [part for part in error["loc"] if isinstance(part, str)]
    return keys[-1] if keys else "?"


def swedish_message(error: ErrorDetails, known_keys: frozenset[str]) -> str:
    """Translate one pydantic error into a Swedish sentence for editors."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "missing":
        return f"obligatorisk nyckel '{_key_name(error)}' saknas"
    if kind == "extra_forbidden":
        key = _key_name(error)
        close = difflib.get_close_matches(key, sorted(known_keys), n=1, cutoff=0.75)
        hint = f" (menade du '{close[0]}'?)" if close else ""
        return f"okänd nyckel '{key}'{hint}"
    if kind in _TYPE_NAMES:
        return f"'{_key_name(error)}' ska vara {_TYPE_NAMES[kind]}, inte {_shown(error['input'])}"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        return f"'{_key_name(error)}' har värdet {_shown(error['input'])}; tillåtna värden: {expected}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == SLUG_PATTERN:
            return f"'{_key_name(error)}' har ogiltigt format: {_shown(error['input'])} är inget giltigt id (använd små bokstäver a–z, siffror och bindestreck)"
        return f"'{_key_name(error)}' har ogiltigt format: {_shown(error['input'])}"
    if kind in ("string_too_short", "too_short"):
        return f"'{_key_name(error)}' får inte vara tom"
    if kind == "string_too_long":
        return f"'{_key_name(error)}' får vara högst {ctx.get('max_length')} tecken lång"
    if kind == "too_long":
        return f"'{_key_name(error)}' får ha högst {ctx.get('max_length')} punkter"
    if kind == "finite_number":
        return f"'{_key_name(error)}' ska vara ett vanligt tal, inte oändligt eller ogiltigt"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bounds = {
            "greater_than_equal": "minst",
            "less_than_equal": "högst",
            "greater_than": "större än",
            "less_than": "mindre än",
        }
        limit = next(iter(ctx.values()), "?")
        return f"'{_key_name(error)}' ska vara {bounds[kind]} {limit}, inte {_shown(error['input'])}"
    if kind in ("value_error", "assertion_error"):
        reason = str(ctx.get("error", error["msg"]))
        return f"'{_key_name(error)}': {reason}" if error["loc"] and isinstance(error["loc"][-1], str) else reason
    return f"'{_key_name(error)}' har ett ogiltigt värde ({kind})"
