"""Every section number the data names must be a section the site shows.

A note on the source ("avsnitt 10.8.1") or a citation of a governing document links to where
the site shows that section; a number with no heading on the plan's pages and no record of that
number would be a link to nowhere, most often a typo. The check and the build refuse it, naming the file and line.
"""

from __future__ import annotations

from macros.loading.sections import SectionIndex
from macros.loading.yaml_source import SourceFile
from macros.model.base import Record
from macros.model.catalog import Municipality, Plan
from macros.render.sections import record_sections
from macros.validation.findings import Finding, error


def unplaced_sections(model: Municipality, sections: SectionIndex, sources: dict[str, SourceFile]) -> list[Finding]:
    """A finding for every section number of a note or a citation that no page heading and no record of its plan has."""
    findings = []
    for plan in model.plans.values():
        known = set(record_sections(plan)) | {number for plan_id, number in sections if plan_id == plan.id}
        for record, key_path, number in _named_sections(plan):
            if number in known:
                continue
            file, record_path = record.origin
            source = sources.get(file)
            line = source.line_of((*record_path, *key_path)) if source else 0
            message = (
                f"avsnitt {number} visas inte på webbplatsen: ingen rubrik på planens sidor i "
                f"content/{plan.id}/ och ingen post i datat har det numret – kontrollera numret mot källan"
            )
            findings.append(error(file, line, message))
    return findings


def _named_sections(plan: Plan) -> list[tuple[Record, tuple[str | int, ...], str]]:
    """Every section number the plan's notes and citations name: (record, key path in it, number)."""
    named: list[tuple[Record, tuple[str | int, ...], str]] = [
        (note, ("avsnitt",), note.section) for note in plan.notes if note.section is not None
    ]
    for citation in plan.meta.citations:
        named += [(citation, ("avsnitt", index), number) for index, number in enumerate(citation.sections)]
    return named
