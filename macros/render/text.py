"""Swedish formatting of numbers, amounts and dates, and small Markdown/HTML helpers."""

from __future__ import annotations

import datetime as dt

from macros.model.base import Amount

_QUALIFIER_WORDS = {"exakt": "", "ca": "ca ", "knappt": "knappt ", "över": "över ", "minst": "minst "}
_UNITS = {"kr": "kr", "mnkr": "mnkr", "procent": "%", "st": "st", "procentenheter": "procentenheter"}


def number_sv(value: float, decimals: int | None = None) -> str:
    """A number the Swedish way: decimal comma, narrow no-break space between thousands."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else len(f"{value:.6f}".rstrip("0").split(".")[1])
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",").replace("-", "\u2212")


def amount_sv(amount: Amount) -> str:
    """A figure with the source's qualifier and unit: "ca 163 mnkr", "14,2 %"."""
    unit = _UNITS[amount.unit]
    return f"{_QUALIFIER_WORDS[amount.qualifier]}{number_sv(amount.value)}\u00a0{unit}"


def kronor_sv(value: int) -> str:
    """An amount in kronor: "200 000 kr"."""
    return f"{number_sv(value)}\u00a0kr"


def date_sv(day: dt.date) -> str:
    """A date as ISO 8601, which is the Swedish standard form (2024-06-30)."""
    return day.isoformat()


def cell(text: str) -> str:
    """Text made safe for one cell of a Markdown table (no pipes, no line breaks)."""
    return text.replace("|", "\\|").replace("\n", " ").strip()


def table(headers: list[str], rows: list[list[str]], *, caption: str | None = None, download: str = "") -> str:
    """A Markdown table; `caption` becomes a paragraph right above it, `download` (the table's
    download links, `macros.render.downloads.offer`) a paragraph right below it."""
    lines = []
    if caption:
        lines += [f"*{caption}*", ""]
    lines.append("| " + " | ".join(headers) + " |")
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    if download:
        lines += ["", download]
    return "\n".join(lines) + "\n"


def bullets(items: list[str]) -> str:
    """A Markdown bullet list."""
    return "\n".join(f"- {item}" for item in items) + "\n"


def admonition(kind: str, title: str, body: str) -> str:
    """A Material admonition block (`!!! note "Titel"`)."""
    indented = "\n".join(f"    {line}" if line else "" for line in body.strip().splitlines())
    return f'!!! {kind} "{title}"\n\n{indented}\n'


def indented(markdown: str, spaces: int) -> str:
    """Every line of `markdown` indented by `spaces`, so that a list nests under the item above it.

    No newline at the end: the call stands on a line of a list in the page, and a blank line
    after it would end the nested list (and nest the next chapter under this one).
    """
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in markdown.splitlines(keepends=True)).rstrip("\n")
