"""Compare two states of the data record by record and field by field.

Records are matched by their key (plan, kind, id), so a record that was renumbered,
renamed or moved within its list is the same record. Fields are compared in the model's
order; a nested record (a timeline, a decision) is compared field by field under its
label; lists of records are matched by identity (`macros.comparison.fields.IDENTITY`).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from macros.comparison.changes import ADDED, CHANGED, MOVED, REMOVED, RENUMBERED, Change
from macros.comparison.fields import (
    KRONOR,
    canonical,
    identities,
    label_of,
    reference_kind,
    same,
    scalar_text,
)
from macros.comparison.records import KINDS, Entry, Key, Names, Snapshot, entries
from macros.model.base import Amount, Record
from macros.model.catalog import Municipality
from macros.model.text import TextKind, field_kind

EMPTY = Snapshot({}, {})
"""The state before the first data: comparing with it lists every record as added."""

KIND_ORDER = {name: index for index, name in enumerate(KINDS)}


def as_snapshot(state: Municipality | Snapshot | None) -> Snapshot:
    """A snapshot of a loaded model, a snapshot itself, or the empty state for None."""
    if state is None:
        return EMPTY
    return state if isinstance(state, Snapshot) else Snapshot.of(state)


def compare(old: Municipality | Snapshot | None, new: Municipality | Snapshot | None) -> list[Change]:
    """Every change from `old` to `new`: records added, removed, renumbered and moved, and each changed field.

    Shared data first, then each plan; within them by kind of record, then in the data's order.
    None stands for no data at all.
    """
    return compare_snapshots(as_snapshot(old), as_snapshot(new))


@dataclass(frozen=True)
class _Record:
    """What every change of one record shares: its key and label, and the names on both sides."""

    key: Key
    label: str
    old_names: Names
    new_names: Names

    def change(self, field: str | None, kind: str, old: str | None, new: str | None, **extra: Any) -> Change:
        plan, record_kind, identity = self.key
        return Change(plan, record_kind, identity, self.label, field or None, kind, old, new, **extra)


def _path(entry: Entry) -> str:
    """The data file of an entry, relative to the data folder."""
    if entry.file.startswith("vagledning/"):
        return entry.file
    return f"kommun/{entry.file}" if entry.plan is None else f"planer/{entry.plan}/{entry.file}"


def compare_snapshots(old: Snapshot, new: Snapshot) -> list[Change]:
    """`compare` on snapshots (see there); records of files unreadable on either side are not compared."""
    before, after = entries(old), entries(new)
    found: list[tuple[tuple[object, ...], Change]] = []
    added = [entry for key, entry in after.items() if key not in before and _path(entry) not in old.unreadable]
    removed = [entry for key, entry in before.items() if key not in after and _path(entry) not in new.unreadable]
    moved = _moves(removed, added)
    moved.update(_renamed_plans(removed, added, moved))
    position = {key: index for index, key in enumerate(after)}
    old_position = {key: index for index, key in enumerate(before)}
    for key, entry in after.items():
        if key in before:
            record = _Record(key, new.names.label(entry), old.names, new.names)
            found += [(_order(key, position[key]), c) for c in _record_changes(record, before[key], entry)]
        elif entry in moved:
            source = moved[entry]
            record = _Record(key, new.names.label(entry), old.names, new.names)
            changes = [record.change(None, MOVED, *_move_ends(old, new, source, entry), key=source.plan or "")]
            changes += _record_changes(record, source, entry)
            found += [(_order(key, position[key]), c) for c in changes]
    for entry in added:
        if entry not in moved:
            record = _Record(entry.key, new.names.label(entry), old.names, new.names)
            found.append((_order(entry.key, position[entry.key]), record.change(None, ADDED, None, None)))
    sources = set(moved.values())
    for entry in removed:
        if entry not in sources:
            record = _Record(entry.key, old.names.label(entry), old.names, new.names)
            found.append((_order(entry.key, old_position[entry.key]), record.change(None, REMOVED, None, None)))
    found.sort(key=lambda pair: pair[0])
    return [change for _, change in found]


def _order(key: Key, position: int) -> tuple[object, ...]:
    """Shared data first, then the plans by id; within them by kind, then in the data's order."""
    return (key[0] is not None, key[0] or "", KIND_ORDER.get(key[1], len(KIND_ORDER)), position)


def _moves(removed: list[Entry], added: list[Entry]) -> dict[Entry, Entry]:
    """Records that left one plan and appeared in another with the same kind and id: new entry → old entry."""
    gone = {(entry.kind, entry.key[2]): entry for entry in removed if entry.plan is not None}
    moves = {}
    for entry in added:
        source = gone.get((entry.kind, entry.key[2]))
        if entry.plan is not None and source is not None and type(source.record) is type(entry.record):
            moves[entry] = source
    return moves


def _renamed_plans(removed: list[Entry], added: list[Entry], moved: dict[Entry, Entry]) -> dict[Entry, Entry]:
    """Plans whose folder was renamed: a plan gone and one new, whose records all moved from it to the new
    one (and at least one did), paired as a move of the plan itself (new plan entry → old plan entry)."""
    gone = [entry for entry in removed if entry.kind == "plan"]
    new = [entry for entry in added if entry.kind == "plan"]
    pairs = {}
    for target in new:
        sources = {source.plan for entry, source in moved.items() if entry.plan == target.plan}
        old = [entry for entry in gone if entry.plan in sources]
        if len(sources) == 1 and len(old) == 1:
            pairs[target] = old[0]
    return pairs


def _move_ends(old: Snapshot, new: Snapshot, source: Entry, entry: Entry) -> tuple[str, str]:
    """Where a moved record came from and went: the plans by name (with their ids when the names are the
    same, as when a plan's folder is renamed), or a renamed plan's folders."""
    before, after = source.plan or "", entry.plan or ""
    if entry.kind == "plan":
        return f"data/planer/{before}/", f"data/planer/{after}/"
    names = old.names.name("plan", before, None), new.names.name("plan", after, None)
    if names[0] == names[1]:
        return f"{names[0]} ({before})", f"{names[1]} ({after})"
    return names


def _record_changes(record: _Record, old: Entry, new: Entry) -> list[Change]:
    """The changes of one record present in both states: renumbering, then every changed field."""
    if old.record is new.record:
        return []
    changes = []
    skip = set(new.skip)
    number_field = KINDS[new.kind].number_field
    if number_field:
        skip.add(number_field)
        before, after = getattr(old.record, number_field), getattr(new.record, number_field)
        if before != after:
            changes.append(record.change(None, RENUMBERED, str(before), str(after), key=number_field))
    changes += _fields(record, old.record, new.record, frozenset(skip), "", "")
    return changes


def _join(prefix: str, label: str) -> str:
    """A nested field's label: "Tidplan, slut"; an empty label stands for its parent's."""
    if not label:
        return prefix
    return f"{prefix}, {label}" if prefix else label


def _fields(record: _Record, old: Record, new: Record, skip: frozenset[str], label: str, key: str) -> Iterator[Change]:
    """The changes between two versions of one record (or nested record), field by field."""
    owner = type(new)
    for name, info in owner.model_fields.items():
        if name in skip:
            continue
        # A record read from older data may lack a field today's model has (a national goal from the
        # former styrning.yml): the field counts as empty before.
        before, after = getattr(old, name, None), getattr(new, name)
        if same(before, after):
            continue
        field_label = _join(label, label_of(owner, name))
        field_key = f"{key}.{info.alias or name}" if key else (info.alias or name)
        rich = field_kind(info) is TextKind.RICH
        yield from _value(record, owner, name, before, after, field_label, field_key, rich)


def _value(
    record: _Record, owner: type[Record], name: str, before: Any, after: Any, label: str, key: str, rich: bool
) -> Iterator[Change]:
    """The changes of one field's value: a list, a nested record or a single value."""
    if isinstance(before, list) or isinstance(after, list):
        items = [*(before or []), *(after or [])]
        if items and isinstance(items[0], Record):
            yield from _record_list(record, before or [], after or [], label, key)
        else:
            yield from _plain_list(record, owner, name, before or [], after or [], label, key, rich)
        return
    nested = isinstance(before, Record) or isinstance(after, Record)
    if nested and not isinstance(before, Amount) and not isinstance(after, Amount):
        if before is None:
            yield record.change(label, ADDED, None, summary(after, record.new_names, record.key[0]), key=key)
        elif after is None:
            yield record.change(label, REMOVED, summary(before, record.old_names, record.key[0]), None, key=key)
        else:
            yield from _fields(record, before, after, frozenset(), label, key)
        return
    old_text = _text(owner, name, before, record.old_names, record.key[0])
    new_text = _text(owner, name, after, record.new_names, record.key[0])
    kind = ADDED if before is None else REMOVED if after is None else CHANGED
    yield record.change(label, kind, old_text, new_text, rich=rich, key=key)


def _text(owner: type[Record], name: str, value: Any, names: Names, plan: str | None) -> str | None:
    """A single value as text: a referenced record by its name, anything else as a reader meets it."""
    if value is None:
        return None
    kind = reference_kind(owner, name)
    if kind is not None:
        return names.name(kind, str(value), plan)
    return scalar_text(value, kronor=f"{owner.__name__}.{name}" in KRONOR)


def _plain_list(
    record: _Record,
    owner: type[Record],
    name: str,
    before: list[Any],
    after: list[Any],
    label: str,
    key: str,
    rich: bool,
) -> Iterator[Change]:
    """A list of texts or ids, compared as a collection: each item added or removed."""
    old_count, new_count = Counter(map(canonical, before)), Counter(map(canonical, after))
    more, fewer = new_count - old_count, old_count - new_count
    plan = record.key[0]
    for value in after:
        if more[canonical(value)] > 0:
            more[canonical(value)] -= 1
            yield record.change(
                label, ADDED, None, _text(owner, name, value, record.new_names, plan), rich=rich, key=key
            )
    for value in before:
        if fewer[canonical(value)] > 0:
            fewer[canonical(value)] -= 1
            yield record.change(
                label, REMOVED, _text(owner, name, value, record.old_names, plan), None, rich=rich, key=key
            )


def match(
    before: list[Any], after: list[Any], keys: tuple[Any, ...]
) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """Pair the items of two versions of a list by identity: (pairs in the new order, removed, added).

    Each key function is tried in turn on the items left unpaired; an item whose key is
    None is not paired by that key. Items with equal keys pair in their lists' order.
    """
    old_left = list(enumerate(before))
    new_left = list(enumerate(after))
    pairs: list[tuple[int, Any, Any]] = []
    for key in keys:
        waiting: dict[object, deque[tuple[int, Any]]] = {}
        unpaired_old = []
        for index, item in old_left:
            identity = key(item)
            if identity is None:
                unpaired_old.append((index, item))
            else:
                waiting.setdefault(identity, deque()).append((index, item))
        unpaired_new = []
        for index, item in new_left:
            identity = key(item)
            queue = waiting.get(identity) if identity is not None else None
            if queue:
                pairs.append((index, queue.popleft()[1], item))
            else:
                unpaired_new.append((index, item))
        old_left = sorted(unpaired_old + [pair for queue in waiting.values() for pair in queue], key=lambda p: p[0])
        new_left = unpaired_new
    pairs.sort(key=lambda triple: triple[0])
    return [(old, new) for _, old, new in pairs], [item for _, item in old_left], [item for _, item in new_left]


def _record_list(record: _Record, before: list[Record], after: list[Record], label: str, key: str) -> Iterator[Change]:
    """A list of records: items paired by identity are compared field by field; the rest were added or removed."""
    plan = record.key[0]
    pairs, removed, added = match(before, after, identities(type((after or before)[0])))
    for old, new in pairs:
        if same(old, new):
            continue
        name = item_name(new, record.new_names, plan)
        yield from _fields(record, old, new, frozenset(), f"{label} {name}", f"{key}[{name}]")
    for new in added:
        yield record.change(label, ADDED, None, summary(new, record.new_names, plan), key=key)
    for old in removed:
        yield record.change(label, REMOVED, summary(old, record.old_names, plan), None, key=key)


def _short(text: object, length: int = 60) -> str:
    """Text on one line, cut with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def _who(item: Any, names: Names, plan: str | None) -> str:
    """The person, role or unit a party or row names."""
    if getattr(item, "person", None):
        return names.name("person", item.person, plan)
    if getattr(item, "role", None):
        return names.name("roll", item.role, plan)
    if getattr(item, "unit", None):
        return names.name("enhet", item.unit, plan)
    return ""


def item_name(item: Any, names: Names, plan: str | None) -> str:
    """How an item of a list is named after the list's label: "b)", "Sara Holst", "Licenser"."""
    kind = type(item).__name__
    if kind == "Step":
        return f"{item.letter})" if item.letter else f"”{_short(item.text, 40)}”"
    if kind in ("Party", "TeamMember"):
        return _who(item, names, plan)
    if kind in ("Budget", "ReferenceMember", "ListItem"):
        return f"”{_short(item.text, 40)}”"
    if kind in ("CouncilGoalLink", "NationalGoalLink"):
        target = "fullmäktigemål" if kind == "CouncilGoalLink" else "nationellt mål"
        return names.name(target, item.goal, plan)
    if kind == "Contribution":
        return _target_name(item, names, plan)
    if kind == "LeadTime":
        return names.name("underkategori", item.subcategory, plan)
    if kind == "RoleTerm":
        return names.name("roll", item.role, plan)
    if kind == "CellAssessment":
        return f"{item.step} × {item.perspective}"
    if kind == "ChecklistAnswer":
        return f"fråga {item.question}"
    if kind == "DocumentCitation":
        return names.name("styrdokument", item.document, plan)
    return _short(summary(item, names, plan), 50)


def _target_name(item: Any, names: Names, plan: str | None) -> str:
    """The strategi or effektmål a contribution links to."""
    if item.strategy:
        return "strategi " + names.name("strategi", item.strategy, plan)
    return "effektmål " + names.name("effektmål", item.effect_goal, plan)


def summary(item: Any, names: Names, plan: str | None) -> str:
    """An item of a list (or a nested record) in a few words, for "added" and "removed"."""
    kind = type(item).__name__
    if kind == "Step":
        subs = "".join(f" ({index}) {sub}" for index, sub in enumerate(item.sub_items, 1))
        return (f"{item.letter}) " if item.letter else "") + str(item.text) + subs
    if kind == "Party":
        note = f", {item.note}" if item.note else ""
        return f"{_who(item, names, plan)} ({item.kind}{note})"
    if kind == "Budget":
        return f"{item.text}: {scalar_text(item.amount_kr, kronor=True)}"
    if kind == "Contribution":
        return f"{_target_name(item, names, plan)} ({item.basis})"
    if kind == "NationalGoalLink":
        return f"{names.name('nationellt mål', item.goal, plan)} ({item.basis})"
    if kind == "CouncilGoalLink":
        return names.name("fullmäktigemål", item.goal, plan)
    if kind == "LeadTime":
        return f"{names.name('underkategori', item.subcategory, plan)}: {item.months} månader"
    if kind == "DocumentCitation":
        return f"{names.name('styrdokument', item.document, plan)}: avsnitt {', '.join(item.sections)}"
    if kind == "TeamMember":
        return f"{_who(item, names, plan)} ({item.administration_label})"
    if kind == "RoleTerm":
        parts = [names.name("roll", item.role, plan)]
        if item.plan:
            parts.append(f"i {names.name('plan', item.plan, None)}")
        if item.start:
            parts.append(f"från {item.start.label}")
        if item.end:
            parts.append(f"till {item.end.label}")
        return " ".join(parts)
    return _generic_summary(item, names, plan)


def _generic_summary(item: Record, names: Names, plan: str | None) -> str:
    """Every filled-in field of a record as "label: value", joined with semicolons."""
    owner = type(item)
    parts = []
    for name in owner.model_fields:
        value = getattr(item, name)
        if value is None or value == [] or value is False:
            continue
        label = label_of(owner, name)
        if isinstance(value, list):
            shown = ", ".join(
                summary(v, names, plan) if isinstance(v, Record) else _text(owner, name, v, names, plan) or ""
                for v in value
            )
        elif isinstance(value, Record) and not isinstance(value, Amount):
            shown = summary(value, names, plan)
        else:
            shown = _text(owner, name, value, names, plan) or ""
        parts.append(f"{label}: {shown}" if label else shown)
    return "; ".join(parts)
