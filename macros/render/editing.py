"""Links named "Redigera": from a record on the site to the file and line that hold it in the repository.

The repository host and its URL pattern are configuration (`extra.redigeringslank` in
mkdocs.yml, with `{fil}` for the file's path in the repository and `{rad}` for the line); the
adapter reads it and gives the views an `EditLinks`. Without the setting there are no links.
The line of a record is where the loader read it (the line of `- id: …`), so a link opens the
file at the record an editor wants to change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from macros.loading.yaml_source import SourceFile
from macros.model.base import Record
from macros.render.safe import plain

FILE_PLACEHOLDER = "{fil}"
LINE_PLACEHOLDER = "{rad}"
_SCHEME = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)


def pattern_problem(pattern: object) -> str | None:
    """Why a configured URL pattern cannot be used, in Swedish, or None when it can."""
    if not isinstance(pattern, str):
        return "ska vara en text, t.ex. https://github.com/ORG/REPO/blob/main/{fil}#L{rad}"
    if not _SCHEME.match(pattern):
        return f"ska börja med https:// och en värd, inte {pattern[:40]!r}"
    if FILE_PLACEHOLDER not in pattern:
        return "saknar {fil}, där filens sökväg i förrådet ska stå"
    if re.search(r"[\s\"'<>`]", pattern):
        return "får inte innehålla mellanslag, citattecken eller < >"
    return None


@dataclass(frozen=True)
class EditLinks:
    """Where each record and page can be edited: the pattern, the data files' paths in the repository
    (by the path findings show) and the files as read (for each record's line)."""

    pattern: str | None = None
    files: Mapping[str, str] = field(default_factory=dict)
    """The path a finding shows (`data/…/aktiviteter.yml`) → the file's path in the repository."""
    sources: Mapping[str, SourceFile] = field(default_factory=dict, compare=False, repr=False)

    def url(self, repository_path: str, line: int = 1) -> str | None:
        """The link to a file of the repository at a line, or None without a pattern."""
        if not self.pattern:
            return None
        return self.pattern.replace(FILE_PLACEHOLDER, quote(repository_path, safe="/")).replace(
            LINE_PLACEHOLDER, str(max(line, 1))
        )

    def line_of(self, record: Record) -> tuple[str, int] | None:
        """The repository path and line where a record was read, or None when it was not read from a file."""
        file, path = record.origin
        source, repository_path = self.sources.get(file), self.files.get(file)
        if source is None or repository_path is None:
            return None
        return repository_path, source.line_of(path)

    def of(self, record: Record) -> str | None:
        """The link to the line where a record starts, or None."""
        found = self.line_of(record) if self.pattern else None
        return self.url(*found) if found else None


NO_EDIT_LINKS = EditLinks()


def edit_link(links: EditLinks, record: Record, what: str) -> str:
    """A small "Redigera" link to the record's file and line (`what` names the record for screen
    readers, e.g. "aktivitet 9.2.1"), or nothing when links are not configured."""
    url = links.of(record)
    if url is None:
        return ""
    return f'<a class="redigera" href="{plain(url)}">Redigera<span class="visuellt-dold"> {plain(what)}</span></a>'


def edit_paragraph(links: EditLinks, record: Record, what: str) -> str:
    """The "Redigera" link as a paragraph of its own (under a record's heading), or nothing."""
    link = edit_link(links, record, what)
    return f'<p class="redigera-rad">{link}</p>\n' if link else ""
