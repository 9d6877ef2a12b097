"""The headings of the engine's finished blocks in MkDocs' table of contents.

A finished block (`macros.render.html.finished_html`) passes Markdown unread, so the `toc`
extension neither lists its headings nor MkDocs records their ids for checking links. Before the
blocks are put back, the page's table of contents gets them, in the page's order and nested by
level, and their ids join the anchors other pages may link to.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.toc import AnchorLink, TableOfContents

from macros.render.html import FinishedHeading, finished_headings


def add_finished_headings(page: Any, html: str) -> None:
    """Give `page` (rendered, its finished blocks still sealed in `html`) the headings those blocks hold."""
    headings = finished_headings(html)
    if not headings:
        return
    page.toc = _merged(page.toc, headings, html)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= {heading.anchor for heading in headings}


def _flat(links: list[AnchorLink]) -> list[AnchorLink]:
    """Every entry of a table of contents, in order, as a flat list."""
    return [entry for link in links for entry in (link, *_flat(link.children))]


def _merged(toc: TableOfContents, headings: list[FinishedHeading], html: str) -> TableOfContents:
    """A new table of contents: `toc`'s entries and one for each of `headings`, placed where its block
    stands among Markdown's headings (`toc` itself is left as it is: the preview reuses it)."""
    placed: list[tuple[int, int, AnchorLink]] = []
    for order, link in enumerate(_flat(list(toc))):
        position = html.find(f' id="{_attribute(link.id)}"')
        placed.append((len(html) if position < 0 else position, order, AnchorLink(link.title, link.id, link.level)))
    first = len(placed)
    for order, heading in enumerate(headings, start=first):
        placed.append((heading.offset, order, AnchorLink(heading.title, heading.anchor, heading.level)))
    return TableOfContents(_nested([link for _, _, link in sorted(placed, key=lambda item: item[:2])]))


def _attribute(value: str) -> str:
    """A value as Python-Markdown writes it in an attribute."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _nested(links: list[AnchorLink]) -> list[AnchorLink]:
    """Entries in page order as a tree: each under the nearest earlier entry of a higher level."""
    top: list[AnchorLink] = []
    ancestors: list[AnchorLink] = []
    for link in links:
        while ancestors and ancestors[-1].level >= link.level:
            ancestors.pop()
        (ancestors[-1].children if ancestors else top).append(link)
        ancestors.append(link)
    if top:
        top[0].active = True  # type: ignore[attr-defined]  # as MkDocs marks the first entry
    return top
