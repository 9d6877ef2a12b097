"""Pages the data generates must not take the place of a written page or of each other.

An activity or person page is generated at a path made from the record's id; a page in
`content/` at the same address would be silently replaced (or replace it). The check and the
build both refuse that, naming the record's file and line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from macros.loading.data_tree import Kind, walk
from macros.loading.yaml_source import SourceFile
from macros.render.context import GeneratedPage
from macros.render.html import page_url
from macros.validation.findings import Finding, error


def page_collisions(
    pages: list[GeneratedPage], written: Iterable[str], sources: dict[str, SourceFile]
) -> list[Finding]:
    """Findings for every generated page whose address a written page, or another generated page, already has."""
    taken = {page_url(path): path for path in written}
    findings = []
    for page in pages:
        address = page_url(page.path)
        if address in taken:
            file, key_path = page.record.origin
            source = sources.get(file)
            line = source.line_of((*key_path, "id")) if source else 0
            message = (
                f"id:t ger sidan {page.path}, men den adressen har redan sidan {taken[address]}; "
                "välj ett annat id (sidan skulle annars ersättas)"
            )
            findings.append(error(file, line, message))
        else:
            taken[address] = page.path
    return findings


def links_under(folder: Path, shown: str) -> list[Finding]:
    """Every symbolic link below `folder` (pages, theme files), which the build would follow out of the project.

    `shown` is the folder as editors know it (`content`, `overrides`). Links are listed, never followed.
    """
    if not folder.is_dir():
        return []
    message = (
        "är en symbolisk länk; webbplatsen skulle läsa och publicera det länken pekar på, kanske utanför "
        "projektet – lägg filen eller mappen här i stället för länken"
    )
    return [
        error(f"{shown}/{'/'.join(parts)}", 0, message)
        for parts, entry in sorted(walk(folder).entries.items())
        if entry.kind is Kind.LINK
    ]
