"""The editorial page "Kända brister i källdokumentet": every note the editors made on
the source and every validation warning about a plan's data, in one place."""

from __future__ import annotations

from macros.render.context import Site
from macros.render.html import computed
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.text import table
from macros.validation.findings import Finding, Severity

NOTE_KINDS = {
    "avskuret": "Texten är avskuren",
    "motsägelse": "Källan motsäger sig själv",
    "saknad bild": "Bild saknas i källan",
    "oklart": "Oklart i källan",
    "stavning": "Stavning i källan",
}


@macro("kanda_brister", 'kanda_brister(plan="it-och-telekom")')
def known_flaws(site: Site, *, plan: str) -> str:
    """Redaktionens noter om källdokumentet och datakontrollens varningar för en plan."""
    p = site.plan(plan)
    notes = sorted(p.notes, key=lambda note: [int(part) for part in (note.section or "0").split(".")])
    note_rows = [[plain(note.section or "–"), NOTE_KINDS[note.kind], rich(note.text, inline=True)] for note in notes]
    folder = f"/planer/{p.id}/"
    warnings = [f for f in site.findings if f.severity is Severity.WARNING and folder in f"/{f.file}"]
    source = [f for f in warnings if not f.follow_up]
    follow_up = [f for f in warnings if f.follow_up]
    parts = [
        f"## Redaktionens noter ({len(note_rows)})\n",
        table(["Avsnitt", "Typ", "Vad"], note_rows) if note_rows else "Inga noter.\n",
        f"## Varningar från datakontrollen ({len(source)})\n",
        "Varningarna kommer från samma kontroll som körs med `make check`. De pekar på fil och rad i datat.\n",
        _warning_table(source, folder),
        f"## Uppföljning som saknas ({len(follow_up)})\n",
        "Planen säger att resultaten rapporteras årligen.\n",
        computed(site),
        _warning_table(follow_up, folder),
    ]
    return "\n".join(parts)


def _warning_table(findings: list[Finding], folder: str) -> str:
    """Warnings as a table of file:line and message, or a sentence when there are none."""
    rows = [[f"<code>{plain(f.file.split(folder)[-1])}:{f.line}</code>", plain(f.message)] for f in findings]
    return table(["Fil och rad", "Varning"], rows) if rows else "Inga.\n"
