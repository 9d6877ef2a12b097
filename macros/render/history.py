"""The auditors' view: every committed change of a plan's data and pages, from git."""

from __future__ import annotations

from macros.exports.dataset import Dataset, Value, dataset, date, text
from macros.model.history import Commit, History
from macros.render.context import Site
from macros.render.downloads import offer
from macros.render.registry import macro
from macros.render.safe import plain
from macros.render.sortable import Cell, Column, Filter, Row, Table, cell
from macros.render.text import admonition, bullets

FILES_SHOWN_OPEN = 3
"""A commit with more files than this lists them in a collapsed "N filer" block."""

COLUMNS = [
    Column("Tidpunkt", "text", row_header=True, css="historik-tid"),
    Column("Ändring och filer"),
    Column("Gjord av"),
    Column("Id", None, css="historik-id"),
]


@macro("andringshistorik", 'andringshistorik(plan="it-och-telekom")')
def change_history(site: Site, *, plan: str) -> str:
    """Ändringshistoriken: varje incheckad ändring av planens data och sidor, med tid, vem och filer.

    Läses ur git när webbplatsen byggs, nyast först; omfattar planens mapp i `data/planer/`,
    dess sidor i `content/` och kommunens gemensamma data i `data/kommun/`. Tabellen kan
    filtreras på vem som gjorde ändringen och år.
    """
    p = site.plan(plan)
    history = site.history
    if history.unavailable:
        return (
            f"Ändringshistoriken kan inte visas här: {plain(history.unavailable)}. "
            "Historiken finns i git-förrådet där planen förvaltas.\n"
        )
    parts = _warnings(history)
    commits = history.of_plan(p.id)
    if not commits:
        parts.append(f"Det finns ännu inga incheckade ändringar av {plain(p.meta.name)}.\n")
        return "\n".join(parts)
    table = Table(
        f"andringar-{p.id}",
        f"Ändringar av {p.meta.name}, nyast först",
        COLUMNS,
        [_row(history, commit) for commit in commits],
        [Filter("vem", "Gjord av"), Filter("ar", "År", sorted({str(c.made.year) for c in commits}, reverse=True))],
        noun=("ändring", "ändringar"),
        download=offer(site, _dataset(history, p.id, p.meta.name, commits)),
    )
    parts.append(f'<div class="vy">{table.html()}</div>\n')
    return "\n".join(parts)


def _dataset(history: History, plan_id: str, name: str, commits: list[Commit]) -> Dataset:
    """The changes as rows: day, time, who, id, message and the files with what happened to each."""
    rows: list[list[Value]] = [
        [
            commit.made.date(),
            commit.made.strftime("%H:%M:%S %z"),
            commit.author,
            commit.id,
            commit.subject,
            "; ".join(f"{f.kind}: {history.shown_path(f.path)}" for f in commit.files),
        ]
        for commit in commits
    ]
    columns = [date("Datum"), text("Tid"), text("Gjord av"), text("Id"), text("Ändring"), text("Filer")]
    return dataset(f"{plan_id}/andringar", f"Ändringar av {name}, nyast först", columns, rows)


def _warnings(history: History) -> list[str]:
    """What the list cannot show: uncommitted files, and older commits missing from a shallow copy."""
    warnings = []
    if history.uncommitted:
        files = bullets([f"<code>{plain(history.shown_path(path))}</code>" for path in history.uncommitted])
        warnings.append(
            admonition(
                "warning",
                "Ändringar som inte är incheckade",
                "Webbplatsen byggdes med ändringar som ännu inte är incheckade i git. De syns på "
                "sidorna men inte i listan nedan:\n\n" + files,
            )
        )
    if history.shallow:
        warnings.append(
            admonition(
                "warning",
                "Historiken är ofullständig",
                "Webbplatsen byggdes från en kopia av git-förrådet utan de äldre incheckningarna, så "
                "listan börjar inte från början. Den publicerade webbplatsen ska byggas med hela historiken.",
            )
        )
    return warnings


def _row(history: History, commit: Commit) -> Row:
    """One commit: when, what (with its files), who, and its id."""
    made = commit.made.strftime("%Y-%m-%d %H:%M")
    cells = [
        cell(made, commit.made.isoformat()),
        Cell(f'<p class="historik-rubrik">{plain(commit.subject)}</p>{_files(history, commit)}', commit.subject),
        cell(commit.author),
        Cell(f"<code>{plain(commit.short_id)}</code>"),
    ]
    return Row(cells, {"vem": [commit.author], "ar": [str(commit.made.year)]})


def _files(history: History, commit: Commit) -> str:
    """The commit's data and page files as a list, collapsed when there are many."""
    items = "".join(f"<li>{plain(f.kind)}: <code>{plain(history.shown_path(f.path))}</code></li>" for f in commit.files)
    listing = f'<ul class="andrade-filer">{items}</ul>'
    if len(commit.files) <= FILES_SHOWN_OPEN:
        return listing
    return f"<details><summary>{len(commit.files)} filer</summary>{listing}</details>"
