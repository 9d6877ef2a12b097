"""How model values become export columns: figures with their unit and precision, time points
with their first and last day, truth values as words."""

from __future__ import annotations

from macros.exports.dataset import Column, Value, date, number, text
from macros.model.base import Amount
from macros.model.time import TimePoint

YES, NO = "ja", "nej"
"""How yes and no are written in the exports."""

COMPUTED = "räknad av webbplatsen"
"""What a column header adds when the site computed the column's values (a day from "Q4 2023", a sum)."""


def yes_no(value: bool) -> str:
    """A truth value as "ja" or "nej"."""
    return YES if value else NO


def amount_columns(label: str) -> list[Column]:
    """A figure as three columns: the number, its unit and how exact the source is."""
    return [number(label), text(f"{label}, enhet"), text(f"{label}, precision")]


def amount_values(amount: Amount | None) -> list[Value]:
    """The three values of a figure (empty when the source gives none)."""
    if amount is None:
        return [None, None, None]
    return [amount.value, amount.unit, amount.qualifier]


def point_columns(label: str) -> list[Column]:
    """A time point as four columns: as the plan says it, its precision, and its first and last day,
    which the site computes from the precision (their headers say so)."""
    return [
        text(label),
        text(f"{label}, precision"),
        date(f"{label}, första dag ({COMPUTED})"),
        date(f"{label}, sista dag ({COMPUTED})"),
    ]


def point_values(point: TimePoint | None, words: str | None = None) -> list[Value]:
    """The four values of a time point (empty when the plan gives none); `words` is how the source
    says it when that is not the point's own label ("före november 2024" for 2024-10)."""
    if point is None:
        return [None, None, None, None]
    return [words or point.label, point.precision.value, point.first_day, point.last_day]
