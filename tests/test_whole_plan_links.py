"""The whole plan rewrites each chapter's ids and links so that every anchor it points to exists."""

from __future__ import annotations

from macros.adapter.whole_plan import Chapter, assemble
from macros.render.whole_plan import PLACEHOLDER

PAGE = f"<article>{PLACEHOLDER.format(plan='p')}</article>"


def _whole(html: str) -> str:
    """The whole-plan page of one chapter at p/kapitel/ with `html` as its content."""
    return assemble(PAGE, "p", "p/hela-planen/", [Chapter("p/kapitel.md", "p/kapitel/", html)])


def test_an_anchor_link_follows_its_prefixed_id() -> None:
    """A link to an id of the same chapter points to that id under the chapter's prefix."""
    whole = _whole('<h2 id="mal">Mål</h2><a href="&#35;mal">till målet</a>')
    assert 'id="k1-mal"' in whole and 'href="#k1-mal"' in whole


def test_a_link_to_the_top_of_the_page_stays_whole() -> None:
    """A bare "#" (the source's link whose target was lost) is not turned into an anchor that does not exist."""
    whole = _whole('<a href="&#35;">Upphandling av IT - Huddinge</a>')
    assert 'href="&#35;"' in whole and "#k1-" not in whole
