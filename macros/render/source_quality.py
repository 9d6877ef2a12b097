"""The page "Kända brister i källdokumentet": every note the editors made on the source, each
linked to the section it concerns; and the editors' page of the data check's warnings, which
point at file and line (staff pages never show a file name)."""

from __future__ import annotations

from macros.exports.dataset import dataset, text, whole
from macros.model.catalog import Plan
from macros.render.context import Site, chapter_page, due_page
from macros.render.downloads import offer
from macros.render.html import computed
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.sections import section_link
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
    """Redaktionens noter om källdokumentet, var och en med länk till avsnittet den gäller."""
    p = site.plan(plan)
    notes = sorted(p.notes, key=lambda note: [int(part) for part in (note.section or "0").split(".")])
    rows = [[_where(site, p, note.section), NOTE_KINDS[note.kind], rich(note.text, inline=True)] for note in notes]
    warnings = _warnings(site, p)
    notes_export = dataset(
        f"{p.id}/noter",
        f"Redaktionens noter om källan till {p.meta.name}",
        [text("Id"), text("Avsnitt"), text("Typ"), text("Vad")],
        [[note.id, note.section, NOTE_KINDS[note.kind], note.text] for note in notes],
    )
    parts = [
        f"## Redaktionens noter ({len(rows)})\n",
        table(["Avsnitt", "Typ", "Vad"], rows, download=offer(site, notes_export)) if rows else "Inga noter.\n",
    ]
    if warnings:
        page = site.link(EDITORS_CHECK_PAGE)
        parts.append(
            f"Datakontrollen har dessutom {len(warnings)} varningar om planens data, till exempel uppföljning "
            f"som ännu inte är inrapporterad. Redaktörerna ser dem på sidan [Datakontrollens varningar]({page}).\n"
        )
    return "\n".join(parts)


EDITORS_CHECK_PAGE = "redaktorer/varningar.md"
"""The editors' page that lists the data check's warnings with file and line."""


def _where(site: Site, plan: Plan, section: str | None) -> str:
    """The note's section as a link to where the site shows it; the title page for a note without one."""
    if section is None:
        return f"[Titelsidan]({site.link(chapter_page(plan.id, 'index.md'))})"
    return section_link(site, plan, section)


def _warnings(site: Site, plan: Plan) -> list[Finding]:
    """The data check's warnings about files of one plan."""
    folder = f"/planer/{plan.id}/"
    return [f for f in site.findings if f.severity is Severity.WARNING and folder in f"/{f.file}"]


@macro("datakontrollens_varningar", "datakontrollens_varningar()")
def check_warnings(site: Site) -> str:
    """Datakontrollens varningar för varje plan och för de gemensamma uppgifterna, med fil och rad."""
    parts = [_plan_warnings(site, plan) for plan in site.model.plans.values()]
    plan_folders = tuple(f"/planer/{plan_id}/" for plan_id in site.model.plans)
    shared = [
        f
        for f in site.findings
        if f.severity is Severity.WARNING and not any(folder in f"/{f.file}" for folder in plan_folders)
    ]
    shared_table = _warning_table(
        site, shared, "data/", "kommun/varningar", "Datakontrollens varningar om de gemensamma uppgifterna"
    )
    parts += [f"## Gemensamma uppgifter ({len(shared)})\n", shared_table]
    return "\n".join(parts)


def _plan_warnings(site: Site, plan: Plan) -> str:
    """One plan's warnings: about its data, and the follow-up that is due, per today."""
    folder = f"/planer/{plan.id}/"
    warnings = _warnings(site, plan)
    source = [f for f in warnings if not f.follow_up]
    follow_up = [f for f in warnings if f.follow_up]
    return "\n".join(
        [
            f"## {plain(plan.meta.name)}\n",
            f"### Om datat ({len(source)})\n",
            _warning_table(
                site, source, folder, f"{plan.id}/varningar", f"Datakontrollens varningar för {plan.meta.name}"
            ),
            f"### Uppföljning som saknas ({len(follow_up)})\n",
            "Allt som ska rapporteras för perioden, med ansvarig, står på sidan "
            f"[Att rapportera]({site.link(due_page(plan.id))}).\n",
            computed(site),
            _warning_table(
                site, follow_up, folder, f"{plan.id}/uppfoljning-saknas", f"Uppföljning som saknas i {plan.meta.name}"
            ),
        ]
    )


def _warning_table(site: Site, findings: list[Finding], folder: str, path: str, title: str) -> str:
    """Warnings as a table of file:line and message, or a sentence when there are none."""
    rows = [[f"<code>{plain(f.file.split(folder)[-1])}:{f.line}</code>", plain(f.message)] for f in findings]
    if not rows:
        return "Inga.\n"
    export = dataset(
        path,
        title,
        [text("Fil"), whole("Rad"), text("Varning")],
        [[f.file.split(folder)[-1], f.line or None, f.message] for f in findings],
    )
    return table(["Fil och rad", "Varning"], rows, download=offer(site, export))
