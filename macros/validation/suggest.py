"""Suggestions for references editors get wrong: they think in section numbers (9.2.13) and
names, the data refers by id.

A report that names an activity by its number, by a misspelt id or by its name gets the
id to write: "menade du 'webbtillganglighet' (9.2.13)?".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from macros.model.activities import Activity
from macros.model.goals import KeyIndicator


@dataclass(frozen=True)
class Candidate:
    """Something a reference may mean: its id, the number editors know it by, and its name."""

    id: str
    number: str
    name: str


def _folded(text: str) -> str:
    """Text as an id would spell it: lower case a–z and digits, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _number_text(value: object) -> str:
    """A value as the number an editor meant ("9.2.13", 9.2 → "9.2"), without spaces or a trailing dot."""
    return str(value).strip().rstrip(".").replace(" ", "")


def best_match(value: object, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates a reference most likely means: by number, then id, then name (empty when none is close)."""
    text = _number_text(value)
    by_number = [candidate for candidate in candidates if candidate.number == text]
    if by_number:
        return by_number
    wanted = _folded(str(value))
    if not wanted:
        return []
    ids = {candidate.id: candidate for candidate in candidates}
    close = difflib.get_close_matches(wanted, list(ids), n=1, cutoff=0.6)
    if close:
        return [ids[close[0]]]
    names = {_folded(candidate.name): candidate for candidate in candidates}
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    return [names[close[0]]] if close else []


def hint(value: object, candidates: Sequence[Candidate], kind: str) -> str:
    """A Swedish suggestion to append to a message, or "" when nothing is close.

    One match: " (menade du 'x' (9.2.13)?)". Several (a section number shared by many
    nyckeltal): the ids to choose from.
    """
    found = best_match(value, candidates)
    if len(found) == 1:
        return f"; menade du '{found[0].id}' ({found[0].number})?"
    if found:
        listed = ", ".join(f"'{candidate.id}'" for candidate in found[:8])
        more = " …" if len(found) > 8 else ""
        return f"; {kind} i avsnitt {found[0].number} har id:n {listed}{more} – skriv id:t för det du menar"
    return ""


def activity_candidates(activities: Sequence[Activity]) -> list[Candidate]:
    """The activities of a plan as reference candidates."""
    return [Candidate(activity.id, activity.number, activity.name) for activity in activities]


def indicator_candidates(indicators: Sequence[KeyIndicator]) -> list[Candidate]:
    """The nyckeltal of a plan as reference candidates (their number is their section, e.g. 6.1)."""
    return [Candidate(indicator.id, indicator.section, indicator.text) for indicator in indicators]
