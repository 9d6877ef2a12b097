"""Dates in tables stay whole: the engine marks every ISO date in a table's text so that the
style sheet keeps it on one line, and changes nothing else of the page."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from macros.render.html import WHOLE_DATE_CLASS, keep_dates_whole

START = f'<span class="{WHOLE_DATE_CLASS}">'

pieces = st.sampled_from(
    [
        "2023-12-12",
        " – ",
        "2024-08-12",
        "Förstudie ",
        "<td>",
        "</td>",
        "<tr>",
        "</tr>",
        '<td data-sort="2023-10-01">',
        "<svg><text>2023-01-01</text></svg>",
        "x2023-01-01",
        "2023-01-011",
        "&amp;",
        "<p>2025-06-01</p>",
        "Q4 2024",
        "ht 2023",
        "juni 2024",
        "xvt 2024",
    ]
)


def _unmarked(html: str) -> str:
    """The HTML without the marks the function adds."""
    return html.replace(START, "").replace("</span>\u00a0– ", "</span> – ").replace("</span>", "")


@given(st.lists(pieces, max_size=30), st.lists(pieces, max_size=10))
@example(["2023-12-12", "<svg><text>2023-01-01</text></svg>"], [])  # text right before a drawing
@example(["<svg><text>2023-01-01</text></svg>", "2023-12-12"], [])  # text right after a drawing
def test_only_dates_in_table_text_are_marked(inside: list[str], outside: list[str]) -> None:
    """Marking adds spans around dates in a table's text and nothing else; it is idempotent; outside tables nothing changes."""
    page = "".join(outside) + "<table>" + "".join(inside) + "</table>" + "".join(outside)
    marked = keep_dates_whole(page)
    assert keep_dates_whole(marked) == marked
    assert _unmarked(marked) == page.replace("</span>", "") or _unmarked(marked).replace("</span>", "") == page.replace(
        "</span>", ""
    )
    table = marked[marked.index("<table>") : marked.rindex("</table>")]
    assert marked.startswith("".join(outside) + "<table>") and marked.endswith("</table>" + "".join(outside))
    text_outside_svg = re.sub(r"<svg>.*?</svg>|<[^>]*>", "\n", table.replace(START, "").replace("</span>", ""))
    dates = re.findall(r"(?<![\w-])(?:\d{4}-\d{2}-\d{2}|(?:Q[1-4]|[vh]t|juni) \d{4})(?![\w-])", text_outside_svg)
    assert table.count(START) == len(dates)
    for tag in re.findall(r"<[^>]*>", table):
        assert tag in (START, "</span>") or tag in page, tag
    assert marked.count("<svg><text>2023-01-01</text></svg>") == page.count("<svg><text>2023-01-01</text></svg>")


def test_a_period_breaks_after_its_dash() -> None:
    """A period "2023-10-01 – 2024-09-30" in a cell becomes two whole dates joined so that the dash stays with the first."""
    marked = keep_dates_whole("<table><tr><td>2023-10-01 – 2024-09-30</td></tr></table>")
    assert marked == (f"<table><tr><td>{START}2023-10-01</span>\u00a0– {START}2024-09-30</span></td></tr></table>")


def test_attributes_and_longer_numbers_are_left_alone() -> None:
    """A date in an attribute, or digits that only look like a date inside a longer string, are not marked."""
    page = '<table><tr><td data-sort="2023-10-01">nr 12023-10-01x och 2023-10-011</td></tr></table>'
    assert keep_dates_whole(page) == page
