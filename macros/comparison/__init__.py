"""The comparison engine: what changed between two states of the data, record by record.

A stable, small API for every view that compares (the auditors' history and decided
versions, the editors' pull-request comparison, calendar sequence numbers):

- `compare(old, new) -> list[Change]`: `old` and `new` are loaded `Municipality` models
  (or `Snapshot`s, or None for "no data"). Records are matched by their stable ids, so a
  renumbered activity is the same activity (`RENUMBERED`), and a record that moved to
  another plan is `MOVED` (a plan whose folder was renamed is itself `MOVED`, from the old
  folder to the new, with all its records). Lists inside a record (delmoment, ansvar, budget …) are matched
  by the identity of their items, never by position; `macros.comparison.fields` says what
  identifies each kind of item.
- `Change`: a frozen dataclass with the plan (None for shared data), the kind of record
  in Swedish, the record's id and label, the field's Swedish label, the kind of change
  (`ADDED`, `REMOVED`, `CHANGED`, `RENUMBERED`, `MOVED`) and the old and new values as text.
- `describe(change)`: the change as one Swedish sentence;
  `as_text(changes)` and `as_markdown(changes)`: a whole list, grouped by plan and record.

The engine knows neither git nor MkDocs. Loading the data at a git reference is
`macros.loading.revisions`: `load_at(data_dir, ref, today=…)` gives the same validated
`Municipality` (and findings) the loader gives for a folder; `SnapshotReader(Git(data_dir)).at(tree)`
reads a tree file by file, leniently (files an older model wrote are named, not fatal), with
each file version validated once. Showing changes on the site is `macros.render.history`.

Example (what a pull request changes)::

    old = load_at(data_dir, "origin/main", today=day).model
    new = load(data_dir, today=day).model
    print(as_markdown(compare(old, new)))
"""

from macros.comparison.changes import ADDED, CHANGE_KINDS, CHANGED, MOVED, REMOVED, RENUMBERED, Change
from macros.comparison.diff import EMPTY, compare, compare_snapshots
from macros.comparison.formats import as_markdown, as_text, describe, field_sentence, grouped
from macros.comparison.records import FOLLOW_UP_KINDS, KINDS, Snapshot

__all__ = [
    "ADDED",
    "CHANGED",
    "CHANGE_KINDS",
    "EMPTY",
    "FOLLOW_UP_KINDS",
    "KINDS",
    "MOVED",
    "REMOVED",
    "RENUMBERED",
    "Change",
    "Snapshot",
    "as_markdown",
    "as_text",
    "compare",
    "compare_snapshots",
    "describe",
    "field_sentence",
    "grouped",
]
