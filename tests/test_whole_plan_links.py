"""The whole plan rewrites each chapter's ids and links so that every anchor it points to exists."""

from __future__ import annotations

from macros.adapter.whole_plan import Chapter, assemble, in_order
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


def test_a_link_to_an_anchor_the_document_lacks_goes_to_the_page_itself() -> None:
    """A link into a chapter whose target the document does not hold leads to the chapter's own page, not to a dead anchor."""
    whole = _whole('<p>Se <a href="./&#35;historik">historik</a> och <a href="&#35;borta">borta</a></p>')
    assert 'href="../kapitel/#historik"' in whole
    assert 'href="../kapitel/#borta"' in whole
    assert "#k1-" not in whole


def test_an_activitys_change_log_stays_on_its_own_page() -> None:
    """The whole plan holds an activity's chapter without its "Historik" section; what follows it is kept."""
    activity = Chapter(
        "p/aktiviteter/a.md",
        "p/aktiviteter/a/",
        '<h1 id="a">9.2.1 A</h1><p class="senast-andrad">Senast ändrad (<a href="./&#35;historik">historik</a>)</p>'
        '<h2 id="mal">Mål</h2><p>Målet.</p>'
        '<h2 data-search-exclude id="historik">Historik</h2>'
        '<div class="vy historik" data-search-exclude><table><tr><td>före</td></tr></table></div>'
        '<h2 id="beslutade-versioner">I beslutade versioner</h2><p>1.0</p>',
    )
    listing = Chapter("p/aktiviteter/index.md", "p/aktiviteter/", "<h1>9.2</h1>")
    rendered = {chapter.source: chapter for chapter in (activity, listing)}
    chapters = in_order("p", ["p/aktiviteter/index.md"], ["a"], rendered)
    assert [chapter.source for chapter in chapters] == ["p/aktiviteter/index.md", "p/aktiviteter/a.md"]
    whole = assemble(PAGE, "p", "p/hela-planen/", chapters)
    assert "Målet." in whole and "I beslutade versioner" in whole
    assert 'class="vy historik"' not in whole and "Historik</h2>" not in whole and "före" not in whole
    assert 'href="../aktiviteter/a/#historik"' in whole
