"""The plan's decided versions: the table in 11.0, one page per version with what it changed,
the line on the plan's start page that says whether the plan has changed since its latest
decision, and links to the read-only copy of each version.

The copies themselves are built by the adapter (`macros.adapter.versions`) under
`arkiv/<plan>/<version>/`, outside MkDocs' own pages, so links to them are raw HTML.
"""

from __future__ import annotations

from macros.comparison import Change
from macros.exports.dataset import Dataset, Value, dataset, date, text
from macros.model.catalog import Plan
from macros.model.history import VersionState
from macros.model.plan import DecidedVersion, version_slug
from macros.render.context import MacroError, Site, archive_root, version_page
from macros.render.downloads import offer
from macros.render.history import (
    CHANGE_LOG,
    RECORD_CHANGE_COLUMNS,
    change_cells,
    change_log_block,
    record_change_values,
)
from macros.render.html import page_url, url_to
from macros.render.registry import macro
from macros.render.safe import plain
from macros.render.sortable import Column, Filter, Row, Table
from macros.render.text import table

NO_VERSIONS = (
    "Det finns inga beslutade versioner att visa: källdokumentet innehåller inga versionsuppgifter, "
    "och ingen beslutad version har registrerats i planens data."
)


def copy_href(site: Site, state: VersionState, page: str | None = None) -> str:
    """A relative URL to a page of a version's read-only copy (default: the plan's start page there)."""
    return url_to(site, archive_root(state.plan, state.slug) + (page if page is not None else f"{state.plan}/"))


def version_label(site: Site, state: VersionState) -> str:
    """The words "version 1.0, beslutad 2024-05-21 av Kommunstyrelsen" (plain text)."""
    version = state.version
    body = site.model.committee(version.body).name if site.model.has("nämnd", version.body) else version.body
    return f"version {version.version}, beslutad {version.date.isoformat()} av {body}"


def _read_link(site: Site, state: VersionState, text: str) -> str:
    """A link to the version's copy, or why there is none."""
    if state.usable:
        return f'<a href="{plain(copy_href(site, state))}">{plain(text)}</a>'
    reason = state.problem or "datat vid referensen klarar inte dagens kontroll"
    return f"{plain(text)} (kan inte visas: {plain(reason)})"


def _state(site: Site, plan: Plan, version: str) -> VersionState:
    """The state of one decided version of a plan, by its version label."""
    for state in site.versions.of(plan.id):
        if state.version.version == version:
            return state
    for decided in plan.meta.versions:
        if decided.version == version:  # no git here: the decision without its data
            reason = site.versions.unavailable or "webbplatsen byggdes utan git-historik"
            return VersionState(plan.id, decided, version_slug(decided), problem=reason)
    raise MacroError(f"planen '{plan.id}' har ingen beslutad version '{version}'")


@macro("versionshistorik", 'versionshistorik(plan="it-och-telekom")')
def version_history(site: Site, *, plan: str) -> str:
    """Planens beslutade versioner (11.0) med länk till varje version och vad den ändrade, eller varför det inte finns några."""
    p = site.plan(plan)
    history = f"[Ändringshistorik]({site.link(f'{p.id}/andringshistorik.md')})"
    if not p.meta.versions:
        return (
            f"{NO_VERSIONS} Varje ändring av planen sedan den publicerades finns i {history}, "
            "post för post med värdena före och efter.\n"
        )
    download = offer(site, versions_dataset(site, p))
    if site.archive is not None:
        rows = [[plain(v.version), v.date.isoformat(), plain(v.description)] for v in p.meta.versions]
        return table(["Version", "Beslutad", "Beskrivning"], rows, download=download)
    states = site.versions.of(p.id)
    if not states:
        rows = [[*_decision_cells(site, v), f"<code>{plain(v.ref)}</code>"] for v in p.meta.versions]
        reason = plain(site.versions.unavailable or "webbplatsen byggdes utan git-historik")
        headers = ["Version", "Beslutad", "Av", "Paragraf och diarienummer", "Beskrivning", "Git-referens"]
        return table(headers, rows, download=download) + f"\nVersionerna kan inte visas här: {reason}.\n"
    rows = [_version_row(site, state) for state in states]
    headers = ["Version", "Beslutad", "Av", "Paragraf och diarienummer", "Beskrivning", "Läs", "Ändringar"]
    parts = [table(headers, rows, download=download), decision_status(site, plan=plan)]
    parts.append(f"Alla ändringar mellan besluten, post för post och med vem som gjorde dem, finns i {history}.\n")
    return "\n".join(part for part in parts if part)


def versions_dataset(site: Site, plan: Plan) -> Dataset:
    """The plan's decided versions as rows: version, date, body, § and diarienummer, description and git reference."""
    columns = [
        text("Version"),
        date("Beslutad"),
        text("Beslutad av"),
        text("Paragraf"),
        text("Diarienummer"),
        text("Beskrivning"),
        text("Git-referens"),
    ]
    rows: list[list[Value]] = [
        [
            v.version,
            v.date,
            site.model.committee(v.body).name if site.model.has("nämnd", v.body) else v.body,
            v.paragraph,
            v.case_number,
            v.description,
            v.ref,
        ]
        for v in plan.meta.versions
    ]
    return dataset(f"{plan.id}/versioner", f"Beslutade versioner av {plan.meta.name}", columns, rows)


def _decision_cells(site: Site, version: DecidedVersion) -> list[str]:
    """Version, date, body, § and diarienummer, and description of a decision, as table cells."""
    body = site.model.committee(version.body).name if site.model.has("nämnd", version.body) else version.body
    where = ", ".join(plain(part) for part in (version.paragraph, version.case_number) if part) or "anges inte"
    return [plain(version.version), version.date.isoformat(), plain(body), where, plain(version.description)]


def _version_row(site: Site, state: VersionState) -> list[str]:
    """One decided version in the 11.0 table."""
    changes = f"[{_count(len(state.changes))}]({site.link(version_page(state.plan, state.slug))})"
    if state.previous is None:
        changes = f"[första beslutade versionen]({site.link(version_page(state.plan, state.slug))})"
    read = _read_link(site, state, f"Läs version {state.version.version}")
    return [*_decision_cells(site, state.version), read, changes]


def _count(number: int) -> str:
    return f"{number} {'ändring' if number == 1 else 'ändringar'}"


@macro("beslutsstatus", 'beslutsstatus(plan="it-och-telekom")')
def decision_status(site: Site, *, plan: str) -> str:
    """Gällande beslutad version och om planen har ändrats sedan dess ("ändrad sedan beslutet …"); tomt utan versioner."""
    p = site.plan(plan)
    latest = site.versions.latest(p.id)
    if latest is None or site.archive is not None:
        return ""
    label = plain(version_label(site, latest))
    read = f' (<a href="{plain(copy_href(site, latest))}">läs den</a>)' if latest.usable else ""
    changes = site.versions.since_latest.get(p.id, ())
    if not changes:
        return f'<p class="beslutsstatus">Gällande version: {label}{read}. Planen är oförändrad sedan beslutet.</p>\n'
    link = site.link(version_page(p.id, latest.slug), "sedan-beslutet")
    pending = (
        "ändring i planens poster är inte beslutad"
        if len(changes) == 1
        else "ändringar i planens poster är inte beslutade"
    )
    return (
        f'<p class="beslutsstatus"><strong>Ändrad sedan beslutet {latest.version.date.isoformat()}</strong>: '
        f"gällande version är {label}{read}, och {len(changes)} {pending} ännu.</p>\n\n"
        f"[Se ändringarna sedan beslutet]({link})\n"
    )


@macro("beslutad_version", 'beslutad_version(plan="it-och-telekom", version="1.0")')
def decided_version(site: Site, *, plan: str, version: str) -> str:
    """Sidan för en beslutad version: beslutet, länk till versionen och vad den ändrade jämfört med den föregående."""
    p = site.plan(plan)
    state = _state(site, p, version)
    v = state.version
    parts = [f"# Version {plain(v.version)} av {plain(p.meta.name)}\n"]
    body = site.model.committee(v.body).name if site.model.has("nämnd", v.body) else v.body
    rows = [
        ["Beslutad", v.date.isoformat()],
        ["Beslutad av", plain(body)],
        ["Paragraf", plain(v.paragraph or "anges inte")],
        ["Diarienummer", plain(v.case_number or "anges inte")],
        ["Beskrivning", plain(v.description)],
        [
            "Git-referens",
            f"<code>{plain(v.ref)}</code>"
            + (f" (incheckning <code>{state.commit[:10]}</code>)" if state.commit else ""),
        ],
        ["Läs versionen", _read_link(site, state, f"Planen som den såg ut i version {v.version}")],
    ]
    versions = offer(site, versions_dataset(site, p), wider="alla beslutade versioner av planen")
    parts.append(table(["Uppgift", "Värde"], rows, download=versions))
    parts.append("## Ändringar jämfört med föregående version { #andringar }\n")
    if not state.usable:
        reason = state.problem or "datat vid referensen klarar inte dagens kontroll"
        parts.append(f"Ändringarna jämfört med föregående version kan inte visas här: {plain(reason)}.\n")
    elif state.previous is None:
        parts.append("Det här är den första beslutade versionen; det finns ingen tidigare att jämföra med.\n")
    elif not state.changes:
        parts.append(f"Inga ändringar i planens poster sedan version {plain(state.previous.version)}.\n")
    else:
        parts.append(
            f"Jämfört med version {plain(state.previous.version)} (beslutad {state.previous.date.isoformat()}), "
            "post för post. Uppföljningen (statusrapporter och mätvärden) räknas inte: den är inte en del av beslutet.\n"
        )
        changed = changes_table(site, f"version-{state.slug}", state.changes, f"{p.id}/versioner/{state.slug}")
        parts.append(change_log_block(changed.html()))
    latest = site.versions.latest(p.id)
    if latest is state:
        parts.append("## Ändringar sedan beslutet { #sedan-beslutet }\n")
        since = site.versions.since_latest.get(p.id, ())
        if since:
            parts.append("Ändringar i planens poster i den publicerade planen som inte ingår i beslutet:\n")
            pending = changes_table(
                site, f"sedan-{state.slug}", list(since), f"{p.id}/versioner/{state.slug}-sedan-beslutet"
            )
            parts.append(change_log_block(pending.html()))
        else:
            parts.append("Den publicerade planen är densamma som den beslutade versionen.\n")
    return "\n".join(parts)


def changes_table(site: Site, table_id: str, changes: list[Change] | tuple[Change, ...], path: str) -> Table:
    """Changes between two states of the plan as a table: record, what changed, before and after; offered
    for download under `path` (in the download folder)."""
    rows = [Row(change_cells(site, change), {"post": [change.label]}) for change in changes]
    columns = [Column("Post", row_header=True), Column("Ändring"), Column("Före", None), Column("Efter", None)]
    export = dataset(path, "Ändringar per post", RECORD_CHANGE_COLUMNS, [record_change_values(c) for c in changes])
    return Table(
        table_id,
        "Ändringar per post",
        columns,
        rows,
        [Filter("post", "Post")],
        noun=("ändring", "ändringar"),
        download=offer(site, export),
        css=CHANGE_LOG,
    )


def version_links(site: Site, plan: Plan) -> str:
    """Links to the read-only copies of a plan's decided versions, newest first ("inga registrerade" without any)."""
    states = [state for state in site.versions.of(plan.id) if state.usable]
    if site.archive is not None or not plan.meta.versions:
        return "inga registrerade"
    if not states:
        return ", ".join(plain(v.version) for v in reversed(plan.meta.versions))
    return ", ".join(
        f'<a href="{plain(copy_href(site, state))}">{plain(state.version.version)}</a>' for state in reversed(states)
    )


def in_decided_versions(site: Site, plan_id: str, record: tuple[str, str], page: str) -> str:
    """A record's page in the read-only copy of each decided version that held it, newest first."""
    if site.archive is not None:
        return ""
    states = [state for state in reversed(site.versions.of(plan_id)) if state.usable]
    if not states:
        return ""
    items = []
    for state in states:
        label = plain(version_label(site, state))
        if (plan_id, *record) in state.records:
            target = copy_href(site, state, page_url(page))
            items.append(f'<li><a href="{plain(target)}">{label}</a></li>')
        else:
            items.append(f"<li>{label}: fanns inte i den versionen</li>")
    return (
        "## I beslutade versioner { #beslutade-versioner }\n\n"
        "Samma sida som den såg ut i varje beslutad version av planen (en arkiverad kopia):\n\n"
        f'<ul class="beslutade-versioner">{"".join(items)}</ul>\n'
    )
