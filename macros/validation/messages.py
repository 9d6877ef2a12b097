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


GUIDE_PAGE = "content/redaktorer/rapportera.md"
"""The editors' guide to reporting status and measured values (the site's page "Så rapporterar du status och mätvärden")."""

FOLLOW_UP_KEYS = frozenset(
    {
        "status",
        "läge",
        "lägesrapport",
        "rapport",
        "rapporter",
        "rapporterad_av",
        "rapportdatum",
        "uppföljning",
        "mätvärde",
        "mätvärden",
        "värde",
        "utfall",
        "uppmätt",
    }
)
"""Keys an editor writes into an activity or a nyckeltal when they mean to report on it."""

_REPORTED_IN = {"aktiviteter": "aktivitet", "nyckeltal": "nyckeltal"}
"""Top-level keys of the files whose records are reported on (aktiviteter.yml, nyckeltal.yml), and the record's name."""


def _follow_up_message(error: ErrorDetails, record: dict[str, Any] | None) -> str | None:
    """Where status and measured values belong, when someone writes them into an activity or a nyckeltal."""
    loc, key = error["loc"], _key_name(error)
    if key not in FOLLOW_UP_KEYS or len(loc) != 3 or loc[0] not in _REPORTED_IN or not isinstance(loc[1], int):
        return None
    kind = _REPORTED_IN[str(loc[0])]
    ident = record.get("id") if isinstance(record, dict) else None
    number = record.get("nummer") if isinstance(record, dict) else None
    if kind == "aktivitet":
        target = f"AKTIVITET={number}" if isinstance(number, str) else "AKTIVITET=<nummer>"
        command = f"make rapport {target} STATUS=<status>"
        what = "status"
    else:
        target = f"NYCKELTAL={ident}" if isinstance(ident, str) else "NYCKELTAL=<id>"
        command = f"make rapport {target} VARDE=<värde>"
        what = "mätvärden"
    return (
        f"okänd nyckel '{key}': {what} skrivs inte i {'aktiviteten' if kind == 'aktivitet' else 'nyckeltalet'} utan "
        f"som en rapport i uppfoljning.yml i planens mapp (med datum och vem som rapporterar); se sidan "
        f"”Så rapporterar du status och mätvärden” ({GUIDE_PAGE}), eller skapa rapporten med `{command}`"
    )


def _unknown_key(error: ErrorDetails, known_keys: frozenset[str], record: dict[str, Any] | None) -> str:
    """An unknown key, with where it belongs or a key it may be a misspelling of (never the key itself)."""
    if message := _follow_up_message(error, record):
        return message
    key = _key_name(error)
    others = sorted(known_keys - {key} - set(record or {}))
    close = difflib.get_close_matches(key, others, n=1, cutoff=0.75)
    hint = f" (menade du '{close[0]}'?)" if close else ""
    return f"okänd nyckel '{key}'{hint}"


def swedish_message(error: ErrorDetails, known_keys: frozenset[str], record: dict[str, Any] | None = None) -> str:
    """Translate one pydantic error into a Swedish sentence for editors.

    `record` is the mapping the error lies in, when there is one: a misspelt key is not
    matched to a key the record already has, and status written into an activity is sent
    to where it belongs.
    """
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "missing":
        return f"obligatorisk nyckel '{_key_name(error)}' saknas"
    if kind == "extra_forbidden":
        return _unknown_key(error, known_keys, record)
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
