"""Footnotes keep the source's numbers.

Python-Markdown's footnote extension numbers the footnotes of each page 1, 2, 3 … in the
order it meets them, whatever their labels. The plan's footnotes are written with the source
document's own numbers (`[^55]`), and the editors' notes cite those numbers. This tree
processor, run after the footnote extension, shows a numeric label instead of the running
number: in the reference, in the list (`<li value="55">`) and in the back link's title.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

BACKLINK_TITLE = "Tillbaka till fotnot {label} i texten"
"""The back link's title (Python-Markdown's default is English)."""

_NUMERIC = re.compile(r"^\d{1,6}$")


class SourceFootnoteNumbers(Treeprocessor):
    """Replace running footnote numbers with the source's numeric labels."""

    def run(self, root: etree.Element) -> None:
        """Rewrite references, list items and back links of footnotes whose label is a number."""
        for link in root.iter("a"):
            classes = link.get("class", "")
            label = _label(link.get("href", ""))
            if label is None:
                continue
            if "footnote-ref" in classes:
                link.text = label
            elif "footnote-backref" in classes:
                link.set("title", BACKLINK_TITLE.format(label=label))
        for item in root.iter("li"):
            label = _label(item.get("id", ""), prefix="fn:")
            if label is not None:
                item.set("value", label)


def _label(target: str, prefix: str = "#fn") -> str | None:
    """The numeric label in a footnote link (`#fn:55`, `#fnref:55`, `#fnref2:55`) or id, else None."""
    if not target.startswith(prefix) or ":" not in target:
        return None
    label = target.rsplit(":", 1)[1]
    return label if _NUMERIC.match(label) else None


class SourceFootnotesExtension(Extension):
    """Registers the tree processor after the inline patterns (20) and the footnotes (50, 19, 15) have run."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the processor to `md`."""
        md.treeprocessors.register(SourceFootnoteNumbers(md), "kallans_fotnotsnummer", 12)
