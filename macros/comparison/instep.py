"""Text and structure in step: where a record holds both the plan's own wording and the same
thing as structured values, a change to one without the other is a drift worth a look.

An activity says its schedule and priority twice (`tidplan.text`, the plan's words, and
`tidplan.start|slut|senast_start|löpande|efter` and `prioritet`) and who does what twice
(`ansvar_text` and the list `ansvar`). When one side changes and the other does not, either
the editor forgot the other side, or the plan's decided text stands and the structured value
now departs from it (a delay, a new person). The check warns (`python -m macros check --bas REF`
and the pull request's summary), and the activity's page shows the departure from the decided
text (`macros.render.activities`).

Pure: changes in, drifts out (no model, no git).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from macros.comparison.changes import ADDED, REMOVED, Change


@dataclass(frozen=True)
class Pair:
    """A piece of the plan's wording and the structured keys that say the same thing."""

    text: str
    """The key of the wording (`tidplan.text`)."""
    structured: tuple[str, ...]
    """The keys of the structured values (a key, or the start of a path below it)."""
    topic: str
    """What both say, in Swedish ("tidplanen och prioriteten")."""


PAIRS: dict[str, tuple[Pair, ...]] = {
    "aktivitet": (
        Pair(
            "tidplan.text",
            ("tidplan.start", "tidplan.slut", "tidplan.senast_start", "tidplan.löpande", "tidplan.efter", "prioritet"),
            "tidplanen och prioriteten",
        ),
        Pair("ansvar_text", ("ansvar",), "ansvaret"),
    )
}
"""For each kind of record, its pairs of wording and structure."""


def _under(key: str, prefix: str) -> bool:
    """Whether a change's key is `prefix` or a path below it (`ansvar`, `ansvar[2].typ`)."""
    return key == prefix or key.startswith((f"{prefix}.", f"{prefix}["))


@dataclass(frozen=True)
class Drift:
    """One side of a pair changed and the other did not.

    `changes` are the changes of the side that did; `text_changed` says which side that is.
    """

    plan: str | None
    kind: str
    record: str
    label: str
    pair: Pair
    changes: tuple[Change, ...]
    text_changed: bool

    @property
    def key(self) -> str:
        """The key of the first change (where a finding about the drift is placed)."""
        return self.changes[0].key

    def message(self) -> str:
        """The drift as the check's warning, in Swedish."""
        if self.text_changed:
            return (
                f"{self.label}: planens text om {self.pair.topic} ({self.pair.text}) ändrades, men inte de "
                f"strukturerade värdena ({', '.join(self.pair.structured)}); stämmer de med den nya texten?"
            )
        what = "; ".join(_change_text(change) for change in self.changes)
        return (
            f"{self.label}: {what}, men planens text om {self.pair.topic} ({self.pair.text}) är oförändrad; "
            "ändra texten om planen har ändrats genom ett beslut, annars visas värdet som en avvikelse från planens text"
        )


def _change_text(change: Change) -> str:
    """A structured change in a few words: "Tidplan, slut ändrades (juni 2024 → juni 2025)"."""
    field = change.field or "posten"
    if change.change == ADDED and change.old is None:
        return f"{field} lades till ({change.new})"
    if change.change == REMOVED and change.new is None:
        return f"{field} togs bort ({change.old})"
    return f"{field} ändrades ({change.old} → {change.new})"


def drifts(changes: Iterable[Change]) -> list[Drift]:
    """Every pair of wording and structure of which exactly one side changed, record by record, in order."""
    by_record: dict[tuple[str | None, str, str], list[Change]] = {}
    for change in changes:
        if change.field is not None and change.kind in PAIRS:
            by_record.setdefault(change.record_key, []).append(change)
    found = []
    for (plan, kind, record), record_changes in by_record.items():
        for pair in PAIRS[kind]:
            text = [c for c in record_changes if c.key == pair.text]
            structured = [c for c in record_changes if any(_under(c.key, p) for p in pair.structured)]
            if bool(text) != bool(structured):
                side = tuple(text or structured)
                found.append(Drift(plan, kind, record, record_changes[0].label, pair, side, bool(text)))
    return found


def departures(changes: Sequence[Change], plan: str, record: str) -> list[Drift]:
    """The drifts of one activity whose structured values changed while its wording did not (what
    its page shows as departures from the decided text)."""
    return [
        drift for drift in drifts(changes) if (drift.plan, drift.record) == (plan, record) and not drift.text_changed
    ]
