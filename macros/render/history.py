"""The auditors' views of the history: what changed in the plan, record by record, when,
by whom and why; each record's own history; and the commits that changed only pages.

Everything comes from `site.history` (read from git by the adapter at build time): the
commits, and for each commit that touched the data the changes found by comparing the
data before and after it (`macros.comparison`). Old and new values reach the page through
`plain` and `rich`, like every other text from the data.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from macros.comparison import ADDED, CHANGED, KINDS, MOVED, REMOVED, RENUMBERED, Change
from macros.comparison.records import Key, entries
from macros.comparison.records import Snapshot as DataSnapshot
from macros.exports.dataset import Dataset, Value, dataset, date, text
from macros.model.history import Commit, History
from macros.render.context import Site, activity_page, archive_root, history_page, person_page
from macros.render.downloads import offer
from macros.render.html import finished_heading, finished_html, href, slug, swedish_key, url_to
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.sortable import Cell, Column, Filter, Row, Table, cell
from macros.render.text import admonition, bullets

FILES_SHOWN_OPEN = 3
"""A commit with more files than this lists them in a collapsed "N filer" block."""

PAGE_COLUMNS = [
    Column("Tidpunkt", "text", row_header=True, css="historik-tid"),
    Column("Ändring och filer"),
    Column("Gjord av"),
    Column("Id", None, css="historik-id"),
]

CHANGE_WORDS = {
    ADDED: "tillagd",
    REMOVED: "borttagen",
    CHANGED: "ändrad",
    RENUMBERED: "omnumrerad",
    MOVED: "flyttad",
}
RECORD_WORDS = {
    ADDED: "posten lades till",
    REMOVED: "posten togs bort",
    RENUMBERED: "posten numrerades om",
    MOVED: "posten flyttades till en annan plan",
    CHANGED: "posten ändrades",
}

KIND_HEADINGS = {
    "förvaltning": "Förvaltningar",
    "nämnd": "Nämnder",
    "enhet": "Enheter",
    "roll": "Roller",
    "person": "Personer",
    "målområde": "Målområden",
    "fullmäktigemål": "Fullmäktigemål",
    "nationellt mål": "Nationella inriktningsmål",
    "styrdokument": "Styrdokument",
    "plan": "Planens uppgifter",
    "beslutad version": "Beslutade versioner",
    "underkategori": "Underkategorier",
    "effektmål": "Effektmål",
    "strategi": "Strategier",
    "nyckeltal": "Nyckeltal",
    "avsnitt": "Avsnittens egna texter",
    "aktivitet": "Aktiviteter",
    "upphandlingsbehov": "Upphandlingsbehov",
    "redaktionell not": "Redaktionella anmärkningar",
    "statusrapport": "Statusrapporter",
    "mätvärde": "Mätvärden",
    "självskattning": "Självskattningar mot Dalamodellen",
    "ifylld checklista": "Ifyllda checklistor",
}
"""Headings of the record kinds on the history pages, in the order of `KINDS`."""

ARCHIVED = (
    "Det här är en arkiverad kopia av en beslutad version av planen. Ändringshistoriken och "
    "de beslutade versionerna visas på den gällande webbplatsen."
)


# --------------------------------------------------------------------------- shared pieces


def when(commit: Commit) -> str:
    """A commit's time with its offset from UTC: "2024-03-01 09:30 (UTC+01:00)"."""
    return _written_time(commit.made, commit.made.utcoffset())


@lru_cache(maxsize=4096)
def _written_time(made: dt.datetime, offset: dt.timedelta | None) -> str:
    """`when` for a time and its offset (the offset is part of the key: equal instants in two zones
    are equal datetimes, but not written alike)."""
    written_offset = made.strftime("%z")
    zone = f" (UTC{written_offset[:3]}:{written_offset[3:]})" if written_offset else ""
    return made.strftime("%Y-%m-%d %H:%M") + zone


def record_anchor(kind: str, record: str) -> str:
    """The id of a record's section on a history page."""
    return slug(f"{kind}-{record}")


RECORD_HISTORY_ID = "historik"
"""The id of the heading over a record's history on its own page (an activity's, a person's)."""


def record_href(site: Site, key: Key) -> str:
    """Where a record's history is shown: its own page (activities, people), else its section on a history page."""
    plan, kind, record = key
    if kind == "aktivitet" and plan and plan in site.model.plans and site.model.plan(plan).has("aktivitet", record):
        return href(site, activity_page(plan, record), RECORD_HISTORY_ID)
    if kind == "person" and plan is None and site.model.has("person", record):
        return href(site, person_page(record), RECORD_HISTORY_ID)
    if plan is not None and plan not in site.model.plans:
        plan = None
    return href(site, history_page(plan), record_anchor(kind, record))


def value_html(text: str | None, *, is_rich: bool) -> str:
    """An old or new value: the plan's formatted text through `rich`, anything else through `plain`."""
    if text is None:
        return '<span class="historik-tomt">–</span>'
    return rich(text, inline=True) if is_rich else plain(text)


def what_changed(change: Change) -> str:
    """The field and what happened to it, as plain text: "Tidplan (ändrad)", "posten lades till"."""
    if change.field is None:
        return RECORD_WORDS.get(change.change, change.change)
    return f"{change.field} ({CHANGE_WORDS.get(change.change, change.change)})"


NO_VERSION_IN_FORCE = "ingen beslutad version"

CHANGE_LOG = "andringslogg"
"""The class of tables that list changes with their old and new values: many columns of long
values, which the print style lays out in equal columns that wrap long words (tillganglighet.css)."""


def version_in_force(site: Site, plan_id: str, day: dt.date) -> str:
    """The decided version in force on a day, as the words the table and its filter use: "version 1.0"."""
    state = site.versions.in_force(plan_id, day)
    return NO_VERSION_IN_FORCE if state is None else f"version {state.version.version}"


def version_link(site: Site, plan_id: str, day: dt.date) -> Cell:
    """The decided version in force on a day, linked to its read-only copy."""
    state = site.versions.in_force(plan_id, day)
    if state is None:
        return cell(NO_VERSION_IN_FORCE, "")
    text = version_in_force(site, plan_id, day)
    if not state.usable:
        return cell(text, state.version.date.isoformat())
    target = url_to(site, archive_root(plan_id, state.slug) + f"{plan_id}/")
    return Cell(f'<a href="{plain(target)}">{plain(text)}</a>', state.version.date.isoformat())


def warnings(history: History) -> list[str]:
    """What the history cannot show: uncommitted files, and older commits missing from a shallow copy."""
    found = []
    if history.uncommitted:
        files = bullets([f"<code>{plain(history.shown_path(path))}</code>" for path in history.uncommitted])
        found.append(
            admonition(
                "warning",
                "Ändringar som inte är incheckade",
                "Webbplatsen byggdes med ändringar som ännu inte är incheckade i git. De syns på "
                "sidorna men inte i historiken:\n\n" + files,
            )
        )
    if history.shallow:
        found.append(
            admonition(
                "warning",
                "Historiken är ofullständig",
                "Webbplatsen byggdes från en kopia av git-förrådet utan de äldre incheckningarna, så "
                "historiken börjar inte från början, och vad den äldsta incheckningen ändrade kan inte visas. "
                "Den publicerade webbplatsen ska byggas med hela historiken.",
            )
        )
    return found


def unavailable(site: Site) -> str | None:
    """The sentence shown instead of a history, or None when there is one to show."""
    if site.archive is not None:
        return ARCHIVED + "\n"
    if site.history.unavailable:
        return (
            f"Historiken kan inte visas här: {plain(site.history.unavailable)}. "
            "Historiken finns i git-förrådet där planen förvaltas.\n"
        )
    return None


# --------------------------------------------------------------------------- one record


def last_changed(site: Site, key: Key, *, link: bool = True, inline: bool = False) -> str:
    """The line "Senast ändrad 2024-03-01 av Åsa Ek" with a link to the record's history, or nothing without a history.

    A paragraph, or with `inline` a span to end a list item with.
    """
    if unavailable(site) is not None:
        return ""
    commit = site.history.last_change(*key)
    more = f' (<a href="{plain(record_href(site, key))}">historik</a>)' if link else ""
    if commit is None:
        text = f"Ingen incheckad ändring av posten finns i historiken{more}."
    else:
        text = f"Senast ändrad {commit.made.strftime('%Y-%m-%d')} av {plain(commit.author)}{more}."
    if inline:
        return f' <span class="senast-andrad">{text}</span>'
    return f'<p class="senast-andrad">{text}</p>\n'


def change_log_block(table_html: str) -> str:
    """A table of changes (old and new values, commits) as a finished block, left out of the search
    index: the search finds the plan as it is now, and an old value must not lead a reader to a page
    as if the plan still said it. The block stays sealed until the search has read the page (its
    `data-search-exclude` alone would not do: Material's parser lets go of it at a nested end tag)."""
    return finished_html(f'<div class="vy historik" data-search-exclude>{table_html}</div>', searched=False)


def record_history(site: Site, key: Key, *, heading: str | None = f"## Historik {{ #{RECORD_HISTORY_ID} }}") -> str:
    """A record's history: every change with time, author, the commit's message as the reason, and old → new."""
    if site.archive is not None:
        return ""  # a decided version's copy: the history is on the published site
    top = f"{heading}\n\n" if heading else ""
    if (reason := unavailable(site)) is not None:
        return top + reason
    changes = site.history.of_record(*key)
    if not changes:
        return top + "<p>Historiken visar ingen incheckad ändring av posten.</p>\n"
    if (commit := only_added(changes)) is not None:
        return top + added_unchanged(commit)
    columns = [
        Column("Tidpunkt", row_header=True, css="historik-tid"),
        Column("Gjord av"),
        Column("Beskrivning"),
        Column("Ändring"),
        Column("Före"),
        Column("Efter"),
    ]
    rows = [
        Row(
            [
                cell(when(commit)),
                cell(commit.author),
                _reason(commit),
                cell(what_changed(change)),
                Cell(value_html(change.old, is_rich=change.rich)),
                Cell(value_html(change.new, is_rich=change.rich)),
            ]
        )
        for commit, change in changes
    ]
    table = Table(
        f"historik-{record_anchor(key[1], key[2])}",
        "Ändringar av posten, nyast först",
        columns,
        rows,
        sortable=False,
        download=_scope_download(site, key[0]),
        css=CHANGE_LOG,
    )
    return top + change_log_block(table.html())


def only_added(changes: list[tuple[Commit, Change]]) -> Commit | None:
    """The commit that added the record, when that is all its history holds."""
    if len(changes) == 1 and changes[0][1].change == ADDED:
        return changes[0][0]
    return None


def added_unchanged(commit: Commit) -> str:
    """A record's whole history when it was added and never changed: one sentence with the row's
    time, author and reason, instead of a table of one row without old or new values."""
    return (
        f'<p class="senast-andrad">Posten lades till {plain(when(commit))} av {plain(commit.author)} '
        f'(”{plain(commit.subject)}”, <code class="historik-id">{plain(commit.short_id)}</code>) '
        "och har inte ändrats sedan dess.</p>\n"
    )


def _scope_download(site: Site, plan_id: str | None) -> str:
    """Below a record's history: the download of every change in its plan (or in the shared data), one row per field.

    One file per plan and one for the shared data, rather than one per record: the rows of a
    record are those whose "Postens id" and "Slag av post" are the record's.
    """
    if plan_id is not None and plan_id in site.model.plans:
        name = site.model.plan(plan_id).meta.name
        export = site.once(
            f"changes_dataset:{plan_id}", lambda: _changes_dataset(site, plan_id, _ordered(site, plan_id))
        )
        return offer(site, export, wider=f"alla ändringar i poster i {name}, en rad per ändrat fält")
    export = site.once("changes_dataset:kommun", lambda: _shared_changes_dataset(site))
    return offer(site, export, wider="alla ändringar i kommunens gemensamma uppgifter, en rad per ändrat fält")


def _reason(commit: Commit) -> Cell:
    """The commit's message, the reason an editor gave, with its short id."""
    return Cell(f'{plain(commit.subject)} <code class="historik-id">{plain(commit.short_id)}</code>', commit.subject)


# --------------------------------------------------------------------------- the plan's changes


@macro("andringshistorik", 'andringshistorik(plan="it-och-telekom")')
def change_history(site: Site, *, plan: str) -> str:
    """Ändringshistoriken: planens ändringar post för post (före → efter), och ändringar som bara rörde sidorna.

    Byggs ur git när webbplatsen byggs. Omfattar planens data i `data/planer/`, dess sidor i
    `content/` och kommunens gemensamma data i `data/kommun/`. Innehållsändringarna kan
    filtreras på post, slag av post, vem som gjorde ändringen, år och den beslutade version som
    gällde (perioden mellan två beslut); varje post länkar till
    sin historik och varje rad till den beslutade version som gällde när ändringen gjordes.
    """
    p = site.plan(plan)
    if (reason := unavailable(site)) is not None:
        return reason
    history = site.history
    parts = warnings(history)
    parts.append("## Ändringar i planens innehåll { #innehall }\n")
    changes = history.content_changes(p.id)
    if changes:
        parts.append(
            "En rad per ändrat fält, grupperade per post och nyast först inom varje post. "
            "Före och Efter visar värdena som de stod i datat.\n"
        )
        parts.append(change_log_block(_changes_table(site, p.id, changes).html()))
    else:
        parts.append(f"Historiken visar ännu inga ändringar av poster i {plain(p.meta.name)}.\n")
    parts.append(_gaps(history, p.id))
    parts.append("## Ändringar i sidornas text och utseende { #sidor }\n")
    parts.append(
        "Incheckningar som inte ändrade någon av planens poster: löptext och rubriker på sidorna, "
        "webbplatsens utseende, eller data som inte hör till någon post.\n"
    )
    commits = history.without_record_changes(p.id)
    if commits:
        parts.append(change_log_block(_commits_table(site, p.id, commits).html()))
    else:
        parts.append("Det finns inga sådana incheckningar.\n")
    return "\n".join(part for part in parts if part)


def _by_record(changes: list[tuple[Commit, Change]]) -> list[tuple[Commit, Change]]:
    """Changes grouped by record (the plan's first, then the shared data's, each in label order), newest first within a record."""
    ordered = sorted(
        enumerate(changes), key=lambda pair: (pair[1][1].plan is None, swedish_key(pair[1][1].label), pair[0])
    )
    return [pair for _, pair in ordered]


def _ordered(site: Site, plan_id: str) -> list[tuple[Commit, Change]]:
    """A plan's content changes in the order of its Ändringshistorik."""
    return _by_record(site.history.content_changes(plan_id))


def change_cells(site: Site, change: Change) -> list[Cell]:
    """A change's first four cells in a table: the record (linked to its history), what changed, before, after."""
    shared = " (gemensam data)" if change.plan is None else ""
    post = Cell(
        f'<a href="{plain(record_href(site, change.record_key))}">{plain(change.label)}</a>{shared}', change.label
    )
    return [
        post,
        cell(what_changed(change)),
        Cell(value_html(change.old, is_rich=change.rich)),
        Cell(value_html(change.new, is_rich=change.rich)),
    ]


def _changes_table(site: Site, plan_id: str, changes: list[tuple[Commit, Change]]) -> Table:
    """Every content change as a row, grouped by record (label order), newest first within a record."""
    ordered = _by_record(changes)
    rows = []
    for commit, change in ordered:
        kind = KINDS[change.kind].title if change.kind in KINDS else change.kind
        rows.append(
            Row(
                [
                    *change_cells(site, change),
                    cell(when(commit), commit.made.isoformat()),
                    cell(commit.author),
                    _reason(commit),
                    version_link(site, plan_id, commit.made.date()),
                ],
                {
                    "post": [change.label],
                    "slag": [kind],
                    "vem": [commit.author],
                    "ar": [str(commit.made.year)],
                    "version": [version_in_force(site, plan_id, commit.made.date())],
                },
            )
        )
    columns = [
        Column("Post", row_header=True),
        Column("Ändring"),
        Column("Före", None),
        Column("Efter", None),
        Column("Tidpunkt", css="historik-tid"),
        Column("Gjord av"),
        Column("Beskrivning"),
        Column("Gällande version"),
    ]
    years = sorted({str(commit.made.year) for commit, _ in changes}, reverse=True)
    versions = [f"version {state.version.version}" for state in reversed(site.versions.of(plan_id))]
    filters = [
        Filter("post", "Post"),
        Filter("slag", "Slag av post", [KINDS[k].title for k in KINDS]),
        Filter("vem", "Gjord av"),
        Filter("ar", "År", years),
        Filter("version", "Gällande version", [*versions, NO_VERSION_IN_FORCE]),
    ]
    return Table(
        f"innehall-{plan_id}",
        "Ändringar i planens poster, per post och nyast först",
        columns,
        rows,
        filters,
        noun=("ändring", "ändringar"),
        download=offer(site, site.once(f"changes_dataset:{plan_id}", lambda: _changes_dataset(site, plan_id, ordered))),
        css=CHANGE_LOG,
    )


RECORD_CHANGE_COLUMNS = [
    text("Post"),
    text("Slag av post"),
    text("Postens id"),
    text("Gemensam data"),
    text("Ändring"),
    text("Fält i datat"),
    text("Före"),
    text("Efter"),
]
"""A change's own columns in a download: the record, the field, before and after."""

CHANGE_COLUMNS = [
    *RECORD_CHANGE_COLUMNS,
    date("Datum"),
    text("Tidpunkt"),
    text("Gjord av"),
    text("Beskrivning"),
    text("Incheckning"),
]
"""The columns of every export of changes; a plan's exports add the decided version in force."""


def record_change_values(change: Change) -> list[Value]:
    """One change as the values of `RECORD_CHANGE_COLUMNS`."""
    return [
        change.label,
        KINDS[change.kind].title if change.kind in KINDS else change.kind,
        change.record,
        "ja" if change.plan is None else "nej",
        what_changed(change),
        change.key,
        change.old,
        change.new,
    ]


def _change_values(commit: Commit, change: Change) -> list[Value]:
    """One change as the values of `CHANGE_COLUMNS`."""
    return [
        *record_change_values(change),
        commit.made.date(),
        when(commit),
        commit.author,
        commit.subject,
        commit.id,
    ]


def _changes_dataset(site: Site, plan_id: str, changes: list[tuple[Commit, Change]]) -> Dataset:
    """The content changes as rows, in the table's order: the record, the field, old and new, when, who, why, the version."""
    rows = [
        [*_change_values(commit, change), version_in_force(site, plan_id, commit.made.date())]
        for commit, change in changes
    ]
    name = site.model.plan(plan_id).meta.name
    return dataset(
        f"{plan_id}/andringar", f"Ändringar i poster i {name}", [*CHANGE_COLUMNS, text("Gällande version")], rows
    )


def _shared_changes_dataset(site: Site) -> Dataset:
    """Every change to the shared data (organisation, people, governance), grouped by record, newest first within one."""
    changes = [
        (data_change.commit, change)
        for data_change in site.history.data_changes
        for change in data_change.changes
        if change.plan is None
    ]
    rows = [_change_values(commit, change) for commit, change in _by_record(changes)]
    return dataset("kommun/andringar", "Ändringar i kommunens gemensamma uppgifter", CHANGE_COLUMNS, rows)


def _gaps(history: History, plan_id: str) -> str:
    """Commits whose changes cannot be shown: data written for an older model, or a shallow clone's boundary."""
    items = []
    for data_change in history.unreadable_of(plan_id):
        files = ", ".join(
            f"<code>{plain(history.shown_path(history.data_prefix + path))}</code>" for path in data_change.unreadable
        )
        items.append(f"{plain(when(data_change.commit))}, {plain(data_change.commit.subject)}: {files}")
    boundary = [item for item in history.data_changes if item.boundary]
    items += [
        f"{plain(when(item.commit))}, {plain(item.commit.subject)}: den föregående incheckningen finns inte i kopian"
        for item in boundary
    ]
    if not items:
        return ""
    body = (
        "Datat i de här filerna följde vid incheckningen en äldre datamodell som dagens inte kan läsa, "
        "så vad incheckningen ändrade i dem visas inte ovan:\n\n" + bullets(items)
    )
    return admonition("note", "Ändringar som inte kan visas post för post", body)


def _commits_table(site: Site, plan_id: str, commits: list[Commit]) -> Table:
    """The commits that changed no record, with their files."""
    history = site.history
    rows = [
        Row(
            [
                cell(when(commit), commit.made.isoformat()),
                Cell(
                    f'<p class="historik-rubrik">{plain(commit.subject)}</p>{_files(history, commit)}', commit.subject
                ),
                cell(commit.author),
                Cell(f"<code>{plain(commit.short_id)}</code>"),
            ],
            {"vem": [commit.author], "ar": [str(commit.made.year)]},
        )
        for commit in commits
    ]
    years = sorted({str(c.made.year) for c in commits}, reverse=True)
    return Table(
        f"sidandringar-{plan_id}",
        "Ändringar av sidorna och webbplatsen, nyast först",
        PAGE_COLUMNS,
        rows,
        [Filter("vem", "Gjord av"), Filter("ar", "År", years)],
        noun=("ändring", "ändringar"),
        download=offer(site, _commits_dataset(history, plan_id, commits)),
    )


def _commits_dataset(history: History, plan_id: str, commits: list[Commit]) -> Dataset:
    """The commits that changed no record as rows: day, time, who, the message, the id and the files with what happened to each."""
    rows: list[list[Value]] = [
        [
            commit.made.date(),
            when(commit),
            commit.author,
            commit.subject,
            commit.id,
            "; ".join(f"{f.kind}: {history.shown_path(f.path)}" for f in commit.files),
        ]
        for commit in commits
    ]
    columns = [date("Datum"), text("Tidpunkt"), text("Gjord av"), text("Ändring"), text("Incheckning"), text("Filer")]
    return dataset(f"{plan_id}/sidandringar", "Ändringar av sidorna och webbplatsen", columns, rows)


def _files(history: History, commit: Commit) -> str:
    """The commit's data and page files as a list, collapsed when there are many."""
    items = "".join(f"<li>{plain(f.kind)}: <code>{plain(history.shown_path(f.path))}</code></li>" for f in commit.files)
    listing = f'<ul class="andrade-filer">{items}</ul>'
    if len(commit.files) <= FILES_SHOWN_OPEN:
        return listing
    return f"<details><summary>{len(commit.files)} filer</summary>{listing}</details>"


# --------------------------------------------------------------------------- history pages


def _current(site: Site) -> dict[Key, str]:
    """Every record of the published data and its label, in the data's order (computed once per build)."""

    def compute() -> dict[Key, str]:
        snapshot = DataSnapshot.of(site.model)
        return {key: snapshot.names.label(entry) for key, entry in entries(snapshot).items()}

    return site.once("history_records", compute)


GONE = " (borttagen)"
MOVED_AWAY = " (flyttad till en annan plan)"


def _records_of(site: Site, plan_id: str | None) -> dict[str, list[tuple[Key, str, str]]]:
    """For each kind: (key, label, what became of it) of every record of the plan (or shared data), those
    no longer in it last ("" for a record still there, else why it is gone: removed or moved away)."""
    grouped: dict[str, list[tuple[Key, str, str]]] = {}
    current = _current(site)
    for key, label in current.items():
        if key[0] == plan_id:
            grouped.setdefault(key[1], []).append((key, label, ""))
    gone: dict[Key, str] = {}
    moved_away: set[Key] = set()
    for data_change in site.history.data_changes:
        for change in data_change.changes:
            if change.plan == plan_id and change.record_key not in current:
                gone.setdefault(change.record_key, change.label)
            if (origin := change.moved_from) is not None and origin not in moved_away and origin not in gone:
                moved_away.add(origin)  # the newest thing that happened to it there was the move
    for key, label in gone.items():
        grouped.setdefault(key[1], []).append((key, label, MOVED_AWAY if key in moved_away else GONE))
    return {kind: grouped[kind] for kind in KINDS if kind in grouped}


def _history_sections(site: Site, plan_id: str | None) -> str:
    """A section per kind of record and a sub-section per record with its history.

    A kind's records are one finished block, headings included: a history page holds hundreds of
    records, and Markdown would spend more time reading their headings than the engine making them.
    """
    parts = []
    for kind, records in _records_of(site, plan_id).items():
        parts.append(f"## {KIND_HEADINGS.get(kind, kind)} {{ #{slug(kind)} }}\n")
        sections = []
        for key, label, suffix in records:
            sections.append(finished_heading(3, plain(label) + suffix, record_anchor(kind, key[2])))
            if only_added(site.history.of_record(*key)) is None:
                sections.append(last_changed(site, key, link=False))
            sections.append(record_history(site, key, heading=None))
        parts.append(finished_html("\n".join(sections)))
    return "\n".join(parts)


@macro("posthistorik", 'posthistorik(plan="it-och-telekom")')
def record_histories(site: Site, *, plan: str) -> str:
    """Sidan "Historik per post": varje post i planen, också borttagna, med alla incheckade ändringar."""
    p = site.plan(plan)
    parts = [f"# Historik per post: {plain(p.meta.name)}\n"]
    if (reason := unavailable(site)) is not None:
        return parts[0] + "\n" + reason
    parts.append(
        "Varje post i planen (effektmål, strategier, nyckeltal, aktiviteter, upphandlingsbehov, anmärkningar, "
        "uppföljning och planens egna uppgifter) med varje incheckad ändring: när, av vem, med vilken "
        "beskrivning och vad som stod före och efter. Poster som har tagits bort finns kvar här. Ändringar "
        f"i kommunens gemensamma data står på [historiken för den gemensamma datan]({site.link(history_page(None))}).\n"
    )
    parts += warnings(site.history)
    parts.append(_history_sections(site, p.id))
    return "\n".join(parts)


@macro("gemensam_historik", "gemensam_historik()")
def shared_histories(site: Site) -> str:
    """Sidan med historiken för kommunens gemensamma data: organisation, personer, mål och styrdokument."""
    parts = ["# Historik för kommunens gemensamma data\n"]
    if (reason := unavailable(site)) is not None:
        return parts[0] + "\n" + reason
    parts.append(
        "Förvaltningar, nämnder, enheter, roller, personer, målområden, fullmäktigemål, nationella mål, "
        "organisationens självskattningar och styrdokument delas av alla planer; en ändring här påverkar "
        "varje plan som hänvisar till posten. Vägledningarnas egna texter (Dalamodellen, SKR:s vägledning, "
        "marknadsanalyserna) är publicerade dokument och inte kommunens poster; av dem följs bara de "
        "nationella inriktningsmålen, som planerna kopplar till. "
        "Varje post med varje incheckad ändring, också poster som har tagits bort.\n"
    )
    parts += warnings(site.history)
    parts.append(_history_sections(site, None))
    return "\n".join(parts)
