"""Changes as Swedish sentences, as plain text (for the terminal) and as Markdown (for pull
requests and pages).

`describe` gives one sentence per change:

- "Aktivitet 9.2.7 Direktupphandling anpassat IT – Tidplan: 'bör påbörjas senast 2024' → 'under 2025'"
- "Aktivitet 9.2.7 Direktupphandling anpassat IT – Delmoment lades till: 'c) Ta fram mallar'"
- "Aktivitet 9.2.7 Direktupphandling anpassat IT – Prioritet togs bort: '2'"
- "Aktivitet 9.2.8 Ny aktivitet lades till" / "… togs bort"
- "Aktivitet 9.2.8 Webbtillgänglighet numrerades om: 9.2.7 → 9.2.8"
- "Aktivitet 9.2.8 Webbtillgänglighet flyttades från Kategoriplan A till Kategoriplan B"

The passive forms (lades till, togs bort) fit every kind of record, whatever its gender.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from macros.comparison.changes import ADDED, CHANGED, MOVED, REMOVED, RENUMBERED, Change

SHARED_HEADING = "Kommunens gemensamma data"
"""The heading of changes to data that every plan shares (`plan` is None)."""


def _flat(text: str | None) -> str:
    """A value on one line: whitespace runs as one space."""
    return " ".join((text or "").split())


def _quoted(text: str | None) -> str:
    return f"'{_flat(text)}'"


def describe(change: Change) -> str:
    """The change as one Swedish sentence (see the module's docstring)."""
    return f"{change.label}{_what(change, _quoted)}"


def _what(change: Change, quote: Callable[[str | None], str]) -> str:
    """What happened to the record, after its label: " – Tidplan: 'a' → 'b'", " lades till"."""
    if change.field is None:
        if change.change == ADDED:
            return " lades till"
        if change.change == REMOVED:
            return " togs bort"
        if change.change == RENUMBERED:
            return f" numrerades om: {_flat(change.old)} → {_flat(change.new)}"
        if change.change == MOVED:
            return f" flyttades från {_flat(change.old)} till {_flat(change.new)}"
        return f" ändrades: {quote(change.old)} → {quote(change.new)}"
    if change.change == ADDED:
        return f" – {change.field} lades till: {quote(change.new)}"
    if change.change == REMOVED:
        return f" – {change.field} togs bort: {quote(change.old)}"
    if change.change == CHANGED:
        return f" – {change.field}: {quote(change.old)} → {quote(change.new)}"
    return f" – {change.field} ({change.change}): {quote(change.old)} → {quote(change.new)}"


def field_sentence(change: Change) -> str:
    """What happened, without the record's label: "Tidplan: 'a' → 'b'", "Aktiviteten lades till"."""
    return _what(change, _quoted).removeprefix(" – ").strip()


def grouped(changes: Iterable[Change]) -> list[tuple[str | None, list[tuple[str, list[Change]]]]]:
    """Changes by plan (None first: the shared data), then by record, keeping their order."""
    plans: dict[str | None, dict[tuple[str, str], tuple[str, list[Change]]]] = {}
    for change in changes:
        records = plans.setdefault(change.plan, {})
        records.setdefault((change.kind, change.record), (change.label, []))[1].append(change)
    return [(plan, list(records.values())) for plan, records in plans.items()]


def as_text(changes: list[Change], *, plan_names: dict[str, str] | None = None) -> str:
    """The changes as plain text: a heading per plan, the record's label, one indented line per change."""
    if not changes:
        return "Inga ändringar.\n"
    names = plan_names or {}
    lines: list[str] = []
    for plan, records in grouped(changes):
        heading = SHARED_HEADING if plan is None else names.get(plan, plan)
        lines += [heading, "=" * len(heading), ""]
        for label, items in records:
            lines.append(label)
            lines += [f"  {_what(item, _quoted).removeprefix(' – ').strip()}" for item in items]
            lines.append("")
    return "\n".join(lines)


def as_markdown(
    changes: list[Change], *, plan_names: dict[str, str] | None = None, escape: Callable[[str], str] | None = None
) -> str:
    """The changes as Markdown: a heading per plan, a sub-heading per record, a list item per change.

    `escape` makes text from the data inert (the site passes `macros.render.safe.plain`);
    by default Markdown's special characters are escaped with backslashes.
    """
    inert = escape or _backslashed
    if not changes:
        return "Inga ändringar.\n"
    names = plan_names or {}
    lines: list[str] = []
    for plan, records in grouped(changes):
        heading = SHARED_HEADING if plan is None else names.get(plan, plan)
        lines += [f"## {inert(heading)}", ""]
        for label, items in records:
            lines += [f"### {inert(label)}", ""]
            lines += [f"- {_markdown_line(item, inert)}" for item in items]
            lines.append("")
    return "\n".join(lines)


def _markdown_line(change: Change, inert: Callable[[str], str]) -> str:
    """One change as a list item under its record's heading: the field in bold, values as quoted text."""

    def quote(text: str | None) -> str:
        return f"”{inert(_flat(text))}”"

    if change.field is None:
        if change.change == ADDED:
            return "Posten lades till."
        if change.change == REMOVED:
            return "Posten togs bort."
        if change.change == RENUMBERED:
            return f"Numrerades om: {inert(_flat(change.old))} → {inert(_flat(change.new))}"
        if change.change == MOVED:
            return f"Flyttades från {inert(_flat(change.old))} till {inert(_flat(change.new))}"
        return f"Ändrades: {quote(change.old)} → {quote(change.new)}"
    field = f"**{inert(change.field)}**"
    if change.change == ADDED:
        return f"{field} lades till: {quote(change.new)}"
    if change.change == REMOVED:
        return f"{field} togs bort: {quote(change.old)}"
    return f"{field}: {quote(change.old)} → {quote(change.new)}"


_MARKDOWN_SPECIAL = "\\`*_{}[]#|<>&~"
"""Characters that are Markdown or HTML syntax inside a line (values never start a line here)."""


def _backslashed(text: str) -> str:
    """Text with Markdown's special characters escaped by backslashes."""
    return "".join(f"\\{char}" if char in _MARKDOWN_SPECIAL else char for char in text)


markdown_inert = _backslashed
"""Text made inert in Markdown outside the site (the pull request's summary), as `as_markdown` does by default."""
