"""Where each numbered section of a plan is on the site: the headings of the written pages.

A plan's chapters are written pages (`content/<plan>/…`) whose headings carry the source's
section numbers and an explicit anchor, e.g. `## 10.8.1 Molntjänster { #molntjanster }`. This
module reads those headings, without rendering anything, so that a note or a citation that
names a section ("avsnitt 10.8.1") can link to the place where the section is shown.
Sections rendered from data (effektmål, strategier, styrsignaler, aktiviteter) are placed by
the render layer (`macros.render.sections`), which knows their anchors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.loading.pages import page_files, read_page

_NUMBERED_HEADING = re.compile(
    r"^#{1,6}[ \t]+(?P<number>\d+(?:\.\d+)+)\.?[ \t]+.*?(?:\{[ \t]*#(?P<anchor>[A-Za-z0-9_-]+)[^}]*\})?[ \t]*$"
)
"""An ATX heading that starts with a section number (at least two parts, as in the source's "2.0" or
"10.8.8.1."; a step "1." of a list is not a section), with its `{ #anchor }` when it has one."""

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
"""The start or end of a fenced code block, inside which a `#` line is not a heading."""


@dataclass(frozen=True)
class SectionPlace:
    """Where a numbered section is shown: a source page and, below its title, the heading's anchor."""

    page: str
    """The page's path inside the content folder, e.g. `it-och-telekom/inledning.md`."""
    anchor: str | None
    """The heading's explicit anchor; None for the page's own title."""


SectionIndex = dict[tuple[str, str], SectionPlace]
"""(plan id, section number) → where the section is shown."""


def written_sections(content_dir: Path) -> SectionIndex:
    """Every numbered heading of every plan's written pages; the first heading of a number wins.

    A page belongs to the plan whose folder it is in (`content/<plan id>/…`); pages outside a
    plan's folder have no plan sections. A heading without an explicit anchor counts only when it
    is the page's title (the page itself is then the place).
    """
    found: SectionIndex = {}
    if not content_dir.is_dir():
        return found
    for path in page_files(content_dir):
        relative = path.relative_to(content_dir)
        if len(relative.parts) < 2:
            continue
        plan_id, page = relative.parts[0], relative.as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the page check reports a page that cannot be read
        for number, anchor, is_title in _numbered_headings(read_page(text).body):
            if anchor is None and not is_title:
                continue
            found.setdefault((plan_id, number), SectionPlace(page, anchor))
    return found


def _numbered_headings(body: str) -> list[tuple[str, str | None, bool]]:
    """The numbered headings of a page body outside code blocks: (number, anchor, is the first heading)."""
    headings = []
    fence: str | None = None
    first = True
    for line in body.splitlines():
        if opening := _FENCE.match(line):
            marker = opening.group(1)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is not None or not line.startswith("#"):
            continue
        if match := _NUMBERED_HEADING.match(line):
            headings.append((match.group("number"), match.group("anchor"), first and line.startswith("# ")))
        first = False
    return headings
