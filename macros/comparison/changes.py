"""What the comparison finds: one `Change` per record added, removed, renumbered or moved,
and per field (or list item) of a record that changed, with old and new values as text.

This module holds plain values only (no model, no git), so that the history and the
decided versions can keep changes without knowing how they were found.
"""

from __future__ import annotations

from dataclasses import dataclass

ADDED = "tillagd"
"""A record, a field's value or a list item that did not exist before."""
REMOVED = "borttagen"
"""A record, a field's value or a list item that no longer exists."""
CHANGED = "ändrad"
"""A field whose value changed (old → new)."""
RENUMBERED = "omnumrerad"
"""A record that kept its id but got another section number (old → new number)."""
MOVED = "flyttad"
"""A record that kept its kind and id but moved to another plan (old → new plan's name)."""

CHANGE_KINDS = (ADDED, REMOVED, CHANGED, RENUMBERED, MOVED)


@dataclass(frozen=True)
class Change:
    """One change between two states of the data, in the reader's terms.

    - `plan`: the plan's id, or None for the data the plans share (`data/kommun/`);
    - `kind`: the kind of record in Swedish ("aktivitet", "strategi", "person" …);
    - `record`: the record's stable id (for records without an id, a key made of what
      identifies them, e.g. a status report's activity and date);
    - `label`: how a reader names the record ("Aktivitet 9.2.7 Direktupphandling anpassat IT");
    - `field`: the field's Swedish label ("Tidplan", "Delmoment b)"), or None when the
      change concerns the whole record (added, removed, renumbered, moved);
    - `change`: one of `CHANGE_KINDS`;
    - `old`, `new`: the values as text, None where there is none;
    - `rich`: the values are the plan's formatted text (Markdown), not plain text;
    - `key`: the field's path in the data (`tidplan.text`, `delmoment[b].text`), stable for
      programs that filter changes (empty for record-level changes, except that a `MOVED`
      record holds the id of the plan it moved from: `moved_from`).
    """

    plan: str | None
    kind: str
    record: str
    label: str
    field: str | None
    change: str
    old: str | None = None
    new: str | None = None
    rich: bool = False
    key: str = ""

    @property
    def record_key(self) -> tuple[str | None, str, str]:
        """(plan, kind, id): what identifies the record across versions."""
        return (self.plan, self.kind, self.record)

    @property
    def moved_from(self) -> tuple[str | None, str, str] | None:
        """What identified a record that moved to another plan before the move (None for any other change).

        A plan that moved (its folder renamed) is its own record: its old id is the old plan's.
        """
        if self.change != MOVED or self.field is not None or not self.key:
            return None
        return (self.key, self.kind, self.key if self.kind == "plan" else self.record)

    def to_json(self) -> dict[str, object]:
        """The change as a JSON object (for the cache and for other programs)."""
        return {
            "plan": self.plan,
            "kind": self.kind,
            "record": self.record,
            "label": self.label,
            "field": self.field,
            "change": self.change,
            "old": self.old,
            "new": self.new,
            "rich": self.rich,
            "key": self.key,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Change:
        """A change written by `to_json`."""

        def text(name: str) -> str | None:
            value = data.get(name)
            return None if value is None else str(value)

        return cls(
            plan=text("plan"),
            kind=str(data["kind"]),
            record=str(data["record"]),
            label=str(data["label"]),
            field=text("field"),
            change=str(data["change"]),
            old=text("old"),
            new=text("new"),
            rich=bool(data.get("rich", False)),
            key=str(data.get("key", "")),
        )
