"""The procurement calendar (9.1): each need's contract end, the lead time of its
underkategori and the derived latest start, as a timeline and as a table.

Today is the site's `today` (fixed in tests and reproducible builds with
KATEGORIPLAN_IDAG). Flags: start passed, start within six months, Snarast, no lead time
in the plan, and no contract end given.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.exports import dataset as export
from macros.model.catalog import Plan
from macros.model.deadlines import DeadlineFlag, ProcurementDeadline, by_urgency, deadlines
from macros.model.procurement import SNARAST
from macros.model.procurement_guide import Procedure
from macros.render.context import GUIDES_PAGE, MacroError, Site
from macros.render.downloads import offer, plan_calendar
from macros.render.export_values import COMPUTED, yes_no
from macros.render.html import computed, count, href, scroll_region, slug
from macros.render.procurement_guide import Progress, backwards, guide_of
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.sortable import Cell, Column, Filter, Row, Table, cell
from macros.render.svg import (
    FONT,
    SMALL,
    Diagram,
    Swatch,
    TimeScale,
    figure,
    group,
    legend,
    line,
    polygon,
    rect,
    text,
    text_width,
    tooltip,
    wrap,
)

HEADER = 62
AXIS_TOP = 16


@dataclass(frozen=True)
class Geometry:
    """Where the parts of a need's row go: name and flag beside the bar (wide) or above it (narrow)."""

    width: float
    label_width: float
    chart_x0: float
    chart_x1: float
    row: float
    stacked: bool

    def mid(self, y: float) -> float:
        """The middle of the bar in the row starting at `y`."""
        return y + (2 * FONT * 1.25 + 12 if self.stacked else self.row / 2)


WIDE = Geometry(width=680, label_width=200, chart_x0=216, chart_x1=666, row=42, stacked=False)
"""A laptop's content column: the need and its flag on the left, the bar on the right."""

NARROW = Geometry(width=350, label_width=342, chart_x0=8, chart_x1=342, row=70, stacked=True)
"""A phone: the need and its flag on top, the bar across the whole width below."""

FLAG_TEXT = {
    DeadlineFlag.START_PASSED: "Senaste start passerad",
    DeadlineFlag.START_SOON: "Start inom 6 månader",
    DeadlineFlag.SNARAST: "Snarast",
    DeadlineFlag.CONTRACT_ENDED: "Avtalet har löpt ut",
    DeadlineFlag.NO_LEAD_TIME: "Ingen ledtid i planen",
    DeadlineFlag.NO_CONTRACT_END: "Inget avtalsslut angivet",
    DeadlineFlag.IN_TIME: "I god tid",
}
FLAG_SYMBOL = {
    DeadlineFlag.START_PASSED: "⚠",
    DeadlineFlag.START_SOON: "△",
    DeadlineFlag.SNARAST: "!",
    DeadlineFlag.CONTRACT_ENDED: "⚠",
    DeadlineFlag.NO_LEAD_TIME: "?",
    DeadlineFlag.NO_CONTRACT_END: "–",
    DeadlineFlag.IN_TIME: "✓",
}
FLAG_RANK = [
    DeadlineFlag.SNARAST,
    DeadlineFlag.START_PASSED,
    DeadlineFlag.CONTRACT_ENDED,
    DeadlineFlag.START_SOON,
    DeadlineFlag.IN_TIME,
    DeadlineFlag.NO_LEAD_TIME,
    DeadlineFlag.NO_CONTRACT_END,
]
"""Flags from the most to the least urgent (how the Läge column sorts)."""
FLAG_ORDER = [FLAG_TEXT[flag] for flag in FLAG_RANK]


def _flag_note(item: ProcurementDeadline) -> str | None:
    """What the flag adds: that the plan gives no lead time when the contract has ended without one,
    or that the contract has ended when another flag stands."""
    if item.flag is DeadlineFlag.CONTRACT_ENDED:
        return "ingen ledtid i planen"
    return "avtalet har löpt ut" if item.contract_expired else None


def flag_text(item: ProcurementDeadline) -> str:
    """The flag in words, with its note."""
    note = _flag_note(item)
    return f"{FLAG_TEXT[item.flag]}; {note}" if note else FLAG_TEXT[item.flag]


def _latest_start_cell(item: ProcurementDeadline) -> Cell:
    """The latest start as the table shows and sorts it; without a lead time in the plan, the
    contract's end bounds it ("senast 2024-12-13", with "(avtalets slut)" under it)."""
    if item.is_snarast:
        return Cell("Snarast", "0000")
    if item.latest_start is not None:
        return Cell(item.latest_start.isoformat(), item.latest_start.isoformat())
    if item.start_by is not None:
        day = item.start_by.isoformat()
        return Cell(f"senast {day}<br><small>(avtalets slut)</small>", day)
    return Cell("–", "9999")


def _months(months: int | None) -> str:
    """A lead time in words: "18 månader", "24 månader (2 år)", or that the plan gives none."""
    if months is None:
        return "anges inte i planen"
    years = f" ({months // 12} år)" if months % 12 == 0 else ""
    return f"{months} månader{years}"


def _dated(items: list[ProcurementDeadline]) -> list[ProcurementDeadline]:
    """Needs that can be placed on the timeline: a contract end or Snarast."""
    return [item for item in by_urgency(items) if item.contract_end or item.is_snarast]


def _row(scale: TimeScale, item: ProcurementDeadline, index: int, site: Site, shape: Geometry) -> str:
    """One need: label, flag, the window from latest start to contract end, markers."""
    y = HEADER + index * shape.row
    mid = shape.mid(y)
    (name,) = wrap(item.need.need, shape.label_width - 8, FONT, max_lines=1)
    parts = [
        text(8, y + FONT + 3, name, size=FONT),
        text(
            8,
            y + 2 * FONT * 1.25 + 1 if shape.stacked else y + shape.row - 6,
            f"{FLAG_SYMBOL[item.flag]} {FLAG_TEXT[item.flag]}",
            "d-text d-varning" if item.is_urgent else "d-text d-period",
            size=SMALL,
        ),
    ]
    if item.is_snarast:
        x = scale.x(site.today)
        label = "Snarast: starta nu"
        beside = x + 9 + text_width(label, SMALL) <= scale.x1
        parts += [
            _diamond(x, mid, "d-markor d-markor-sen"),
            text(
                x + 9 if beside else x - 9,
                mid + SMALL * 0.35,
                label,
                "d-text d-sen",
                size=SMALL,
                anchor="start" if beside else "end",
            ),
        ]
    else:
        parts += _window(scale, item, mid, stacked=shape.stacked)
    spoken = f"{item.need.need} ({item.need.subcategory_label}): {FLAG_TEXT[item.flag]}; {_summary(item)}"
    return group(tooltip(spoken) + "".join(parts), "d-rad")


def _window(scale: TimeScale, item: ProcurementDeadline, mid: float, *, stacked: bool) -> list[str]:
    """Shapes for a dated need: window bar, latest-start diamond, contract-end bar end."""
    assert item.contract_end is not None
    x_end = scale.x_end(item.contract_end)
    parts = [line(x_end, mid - 9, x_end, mid + 9, "d-grid-year")]
    label_x = x_end + 5
    if item.latest_start:
        x_start = scale.x(item.latest_start)
        css = "d-markor d-markor-sen" if item.flag is DeadlineFlag.START_PASSED else "d-markor"
        parts += [rect(x_start, mid - 4, x_end - x_start, 8, "d-bar d-bar-ingen"), _diamond(x_start, mid, css)]
    label = f"slut {item.contract_end.isoformat()}"
    width = text_width(label, SMALL)
    if label_x + width <= scale.x1:
        parts.append(text(label_x, mid + SMALL * 0.35, label, "d-text d-period", size=SMALL))
    else:
        # Above the bar's end (wide) or under it (narrow, where the flag stands above).
        y = mid + 7 + SMALL if stacked else mid - 9
        parts.append(text(max(x_end, scale.x0 + width), y, label, "d-text d-period", anchor="end", size=SMALL))
    return parts


def _diamond(x: float, y: float, css: str) -> str:
    """A diamond marker at (x, y): the latest start (or "now" for Snarast)."""
    return polygon([(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)], css)


def _summary(item: ProcurementDeadline) -> str:
    """One sentence on a need's deadline."""
    if item.is_snarast:
        return "Snarast enligt planen"
    if item.contract_end is None:
        return "inget avtalsslut angivet"
    end = f"avtalet kan förlängas t.o.m. {item.contract_end.isoformat()}"
    if item.latest_start is None:
        return f"{end}; planen anger ingen ledtid för underkategorin"
    return f"{end}; ledtid {_months(item.lead_time_months)}; senaste start {item.latest_start.isoformat()} ({flag_text(item).lower()})"


def _legend(y: float, shape: Geometry) -> tuple[str, float]:
    """Markers explained; and the height the legend takes."""
    items: list[tuple[Swatch, str]] = [
        (lambda x, t: _diamond(x + 14, t + 8, "d-markor"), "senaste start"),
        (lambda x, t: _diamond(x + 14, t + 8, "d-markor d-markor-sen"), "senaste start passerad / Snarast"),
        (
            lambda x, t: (
                rect(x, t + 4, 28, 8, "d-bar d-bar-ingen") + line(x + 28, t - 1, x + 28, t + 17, "d-grid-year")
            ),
            "ledtid fram till avtalsslut",
        ),
        (lambda x, t: line(x + 14, t - 2, x + 14, t + 18, "d-idag"), "idag"),
    ]
    return legend(items, 8, y, shape.width - 16, SMALL)


def calendar_diagram(site: Site, plan: Plan, items: list[ProcurementDeadline], shape: Geometry = WIDE) -> Diagram:
    """The SVG calendar of every dated or Snarast need, most urgent first."""
    shown = _dated(items)
    days = [site.today] + [d for item in shown for d in (item.latest_start, item.contract_end) if d]
    scale = TimeScale.covering(days, shape.chart_x0, shape.chart_x1)
    bottom = HEADER + len(shown) * shape.row
    body = [
        scale.axis(AXIS_TOP, bottom, FONT),
        "".join(_row(scale, item, index, site, shape) for index, item in enumerate(shown)),
        scale.today_marker(site.today, 0, bottom, SMALL),
    ]
    key, key_height = _legend(bottom + 16, shape)
    body.append(key)
    urgent = sum(item.is_urgent for item in shown)
    description = (
        f"{count(len(shown), 'upphandlingsbehov', 'upphandlingsbehov')} med avtalsslut eller Snarast, det mest brådskande först; "
        f"{urgent} kräver handling nu. Romben är senaste start, linjen slutar vid avtalets sista dag. "
        "Behov utan datum och alla uppgifter finns i tabellen."
    )
    prefix = f"upphandlingskalender-{slug(plan.id)}" + ("-smal" if shape.stacked else "")
    return Diagram(
        prefix,
        shape.width,
        bottom + 20 + key_height,
        f"Upphandlingskalender för {plan.meta.name}",
        description,
        "".join(body),
    )


def _subcategory(plan: Plan, item: ProcurementDeadline) -> str:
    """The plan's name of the need's underkategori, with the source's wording when it differs."""
    name = plan.subcategory(item.need.subcategory).name
    label = item.need.subcategory_label
    return name if label == name else f"{name} (i källan: {label})"


def checklist_progress(site: Site, plan: Plan) -> dict[str, tuple[str, float]]:
    """For each need with filled checklists: how far they have come in words and as a share (for sorting)."""
    found: dict[str, tuple[str, float]] = {}
    for need in plan.procurement_needs:
        words, shares = [], []
        for filled in plan.checklists_of(need.id):
            template = (
                site.model.guide(filled.guide).checklist
                if site.model.has("upphandlingsvägledning", filled.guide)
                else None
            )
            if template is None:
                continue
            progress = Progress.of(template, filled)
            words.append(f"{progress.answered} av {progress.total} besvarade")
            shares.append(progress.answered / progress.total if progress.total else 0.0)
        if words:
            found[need.id] = ("; ".join(words), min(shares))
    return found


LATEST_START_COLUMN = f"Senaste start ({COMPUTED}: förlängning t.o.m. minus ledtiden)"
"""The export's column of a need's latest start, which the plan does not give: the site computes it."""

NEED_COLUMNS = (
    export.text("Id"),
    export.whole("Lista"),
    export.text("Underkategori"),
    export.text("Underkategori (som i källan)"),
    export.text("Upphandlingsbehov"),
    export.text("Förlängning nuvarande avtal möjlig t.o.m. (som i källan)"),
    export.date("Förlängning nuvarande avtal möjlig t.o.m."),
    export.text("Snarast"),
    export.whole("Ledtid, månader"),
    export.date(LATEST_START_COLUMN),
    export.text("Läge (räknat av webbplatsen den dag filen skapades)"),
    export.text("Avtalet har löpt ut (räknat av webbplatsen den dag filen skapades)"),
)
"""The columns of the procurement needs export (9.1 and the procurement calendar)."""


def need_values(plan: Plan, item: ProcurementDeadline) -> tuple[export.Value, ...]:
    """One procurement need with its derived deadline, as a row of `NEED_COLUMNS`."""
    need = item.need
    written = need.contract_end
    return (
        need.id,
        need.list_year,
        plan.subcategory(need.subcategory).name,
        need.subcategory_label,
        need.need,
        None if written is None else written if isinstance(written, str) else written.isoformat(),
        item.contract_end,
        yes_no(written == SNARAST),
        item.lead_time_months,
        item.latest_start,
        flag_text(item),
        yes_no(item.contract_expired),
    )


def needs_dataset(site: Site, plan: Plan, year: int | None = None) -> export.Dataset:
    """The plan's procurement needs (or one year's list) in the plan's order, with contract end, lead time and latest start."""
    items = [item for item in deadlines(plan, site.today) if year is None or item.need.list_year == year]
    suffix = f"-{year}" if year is not None else ""
    title = f"Upphandlingsbehov i {plan.meta.name}" + (f", listan för {year}" if year is not None else "")
    return export.dataset(
        f"{plan.id}/upphandlingsbehov{suffix}", title, NEED_COLUMNS, [need_values(plan, item) for item in items]
    )


def calendar_table(
    site: Site,
    plan: Plan,
    items: list[ProcurementDeadline],
    *,
    table_id: str,
    checklists: dict[str, tuple[str, float]] | None = None,
) -> str:
    """Every need with list year, contract end, lead time, latest start, flag and checklist; sortable and filterable."""
    checklists = checklists or {}
    columns = [
        Column("Upphandlingsbehov", "text", row_header=True, css="namn"),
        Column("Underkategori", "text"),
        Column("Lista", "nummer", css="tal"),
        Column("Förlängning nuvarande avtal möjlig t.o.m.", "text", css="datum"),
        Column("Ledtid", "nummer", css="tal"),
        Column("Senaste start", "text", css="datum"),
        Column("Läge", "nummer", css="bred"),
        Column("Checklista", "nummer"),
    ]
    rows = []
    for item in by_urgency(items):
        need = item.need
        end = "Snarast" if item.is_snarast else item.contract_end.isoformat() if item.contract_end else "–"
        sort_end = "0000" if item.is_snarast else item.contract_end.isoformat() if item.contract_end else "9999"
        flag_html = plain(FLAG_TEXT[item.flag])
        if item.is_urgent:
            flag_html = f'<strong class="sen">{flag_html}</strong>'
        if note := _flag_note(item):
            flag_html += f"<br><small>{note}</small>"
        cells = [
            cell(need.need),
            cell(_subcategory(plan, item)),
            cell(str(need.list_year), need.list_year),
            cell(end, sort_end),
            cell(
                f"{item.lead_time_months} mån" if item.lead_time_months is not None else "anges inte",
                item.lead_time_months if item.lead_time_months is not None else 9999,
            ),
            _latest_start_cell(item),
            Cell(f"{FLAG_SYMBOL[item.flag]} {flag_html}", str(FLAG_RANK.index(item.flag))),
            cell(*checklists[need.id]) if need.id in checklists else cell("ingen", -1),
        ]
        row_filters = {
            "underkategori": [plan.subcategory(need.subcategory).name],
            "lista": [str(need.list_year)],
            "lage": [FLAG_TEXT[item.flag]],
        }
        rows.append(Row(cells, row_filters, css="markerad" if item.is_urgent else None))
    filters = [
        Filter("lage", "Läge", FLAG_ORDER),
        Filter("underkategori", "Underkategori", [s.name for s in plan.subcategories]),
        Filter("lista", "Årets lista", sorted({str(n.list_year) for n in plan.procurement_needs})),
    ]
    caption = f"Upphandlingsbehov i {plan.meta.name} med senaste start"
    download = offer(site, needs_dataset(site, plan))
    noun = ("upphandlingsbehov", "upphandlingsbehov")
    return Table(table_id, caption, columns, rows, filters, noun=noun, download=download).html()


def _counts(items: list[ProcurementDeadline]) -> str:
    """How many needs carry each flag, as a short list."""
    entries = []
    for flag in DeadlineFlag:
        number = sum(item.flag is flag for item in items)
        if number:
            entries.append(f"<li>{FLAG_SYMBOL[flag]} {plain(FLAG_TEXT[flag])}: {number}</li>")
    return f'<ul class="kalender-antal">{"".join(entries)}</ul>'


def _checklist_summary(plan: Plan, checklists: dict[str, tuple[str, float]]) -> str:
    """How many needs have a filled checklist (the table's last column says how far each has come)."""
    total = len(plan.procurement_needs)
    have = count(len(checklists), "upphandlingsbehov", "upphandlingsbehov")
    return f'<p class="kalender-checklistor">Checklistor: {have} av {total} har en ifylld checklista (kolumnen Checklista).</p>'


def _lead_times(plan: Plan) -> str:
    """The plan's lead times per underkategori, and those it gives none for."""
    rows = [f"<li>{plain(s.name)}: {plain(_months(plan.lead_time_months(s.id)))}</li>" for s in plan.subcategories]
    rule = f"<p>Planens regel: ”{rich(plan.meta.lead_time_text, inline=True)}”</p>" if plan.meta.lead_time_text else ""
    return f'<div class="kalender-ledtider"><p><strong>Ledtid (framförhållning) per underkategori</strong></p>{rule}<ul>{"".join(rows)}</ul></div>'


@macro("upphandlingskalender", 'upphandlingskalender(plan="it-och-telekom")')
def procurement_calendar(site: Site, *, plan: str, visa: str = "båda") -> str:
    """Upphandlingskalender: varje upphandlingsbehov med avtalsslut, ledtid och senaste start.

    Senaste start = förlängning t.o.m. minus underkategorins ledtid i planen. Flaggor: senaste start
    passerad, start inom 6 månader, Snarast och ingen ledtid i planen. `visa` = "båda" (tidslinje
    med tabellen direkt under) eller "tabell" (bara tabellen).
    """
    if visa not in ("båda", "tabell"):
        raise MacroError(f"visa ska vara båda eller tabell, inte {visa!r}")
    p = site.plan(plan)
    if not p.procurement_needs:
        return "Planen har inga upphandlingsbehov ännu, så det finns ingen kalender att rita.\n"
    items = deadlines(p, site.today)
    checklists = checklist_progress(site, p)
    intro = (
        computed(site, "Flaggorna räknas fram varje dag.").strip()
        + _counts(items)
        + _checklist_summary(p, checklists)
        + plan_calendar(site, p.id, p.meta.name)
    )
    table = calendar_table(site, p, items, table_id=f"upphandlingskalender-tabell-{p.id}", checklists=checklists)
    if visa == "tabell":
        return f'<div class="vy">{intro}{table}{_lead_times(p)}</div>\n'
    diagram = calendar_diagram(site, p, items)
    narrow = calendar_diagram(site, p, items, NARROW)
    caption = plain(
        f"Upphandlingskalender för {p.meta.name} per {site.today.isoformat()}: senaste start för varje "
        "upphandlingsbehov med datum, det mest brådskande överst."
    )
    return f'<div class="vy">{intro}{figure(diagram, caption, table, narrow=narrow)}{_lead_times(p)}</div>\n'


@macro(
    "vagledningens_tidplan",
    'vagledningens_tidplan(plan="it-och-telekom", vagledning="skr-verksamhetssystem-socialtjansten")',
)
def guidance_phases(site: Site, *, plan: str, vagledning: str) -> str:
    """Vägledningens faser räknade bakåt från avtalsslutet, för varje behov med beräknad senaste start – som vägledning, inte planens datum."""
    p = site.plan(plan)
    guide = guide_of(site, vagledning)
    procedures = [procedure for procedure in guide.procedures if procedure.phases]
    dated = [item for item in by_urgency(deadlines(p, site.today)) if item.latest_start and item.contract_end]
    title = plain(guide.source.title)
    link = f'<a href="{plain(href(site, GUIDES_PAGE, guide.id))}">{title}</a>'
    intro = (
        f'<p class="vy-vagledning-not"><strong>Vägledning, inte planens datum.</strong> Tabellen räknar '
        f"faserna i {link} ({plain(guide.source.subtitle or '')}) bakåt från dagen avtalet längst kan förlängas till. "
        "Den längsta uppskattningen räknar med de längsta tiderna och med de faser som bara behövs ibland; den "
        "kortaste med de kortaste tiderna och utan dem. Faser utan uppskattad tid räknas som noll dagar. "
        "Planens egen senaste start (avtalsslut minus planens ledtid) står bredvid.</p>"
    )
    if not procedures or not dated:
        return f'<div class="vy">{intro}<p>Inget upphandlingsbehov har en beräknad senaste start att räkna bakåt från.</p></div>\n'
    table = _guidance_table(p, procedures, dated) + offer(site, _guidance_dataset(p, guide.id, procedures, dated))
    phases = offer(
        site,
        _phases_dataset(p, guide.id, procedures, dated),
        wider="alla behovens faser i en fil",
    )
    details = "".join(_guidance_details(procedures, item, phases) for item in dated)
    return f'<div class="vy">{intro}{table}{details}</div>\n'


def _guidance_table(plan: Plan, procedures: list[Procedure], dated: list[ProcurementDeadline]) -> str:
    """One row per need: contract end, the plan's latest start and, per procedure, when the first phase must begin."""
    head = "".join(f'<th scope="col">{plain(procedure.name)}: första fasen börjar</th>' for procedure in procedures)
    rows = []
    for item in dated:
        assert item.contract_end and item.latest_start
        cells = []
        for procedure in procedures:
            _, longest = backwards(procedure, item.contract_end, longest=True)
            _, shortest = backwards(procedure, item.contract_end, longest=False)
            cells.append(f"<td>{longest.isoformat()} (längst) – {shortest.isoformat()} (kortast)</td>")
        rows.append(
            f'<tr><th scope="row">{plain(item.need.need)}</th><td class="datum">{item.contract_end.isoformat()}</td>'
            f'<td class="datum">{item.latest_start.isoformat()}</td>{"".join(cells)}</tr>'
        )
    caption = f"Vägledningens faser räknade bakåt från avtalsslutet, {plan.meta.name}"
    table = (
        f'<table class="vytabell"><caption>{plain(caption)}</caption><thead><tr><th scope="col">Upphandlingsbehov</th>'
        f'<th scope="col">Avtalsslut</th><th scope="col">Planens senaste start</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return scroll_region(table, caption, "tabell-rulla")


def _guidance_dataset(
    plan: Plan, guide_id: str, procedures: list[Procedure], dated: list[ProcurementDeadline]
) -> export.Dataset:
    """The table of needs with, per procedure, when the guide's first phase begins (longest and shortest estimates)."""
    columns = [
        export.text("Upphandlingsbehov (id)"),
        export.text("Upphandlingsbehov"),
        export.date("Avtalsslut"),
        export.date("Planens senaste start"),
    ]
    for procedure in procedures:
        columns += [
            export.date(f"{procedure.name}: första fasen börjar (längst)"),
            export.date(f"{procedure.name}: första fasen börjar (kortast)"),
        ]
    rows = []
    for item in dated:
        assert item.contract_end
        row: list[export.Value] = [item.need.id, item.need.need, item.contract_end, item.latest_start]
        for procedure in procedures:
            row += [
                backwards(procedure, item.contract_end, longest=True)[1],
                backwards(procedure, item.contract_end, longest=False)[1],
            ]
        rows.append(row)
    title = f"Vägledningens faser räknade bakåt från avtalsslutet, {plan.meta.name}"
    return export.dataset(f"{plan.id}/vagledningens-tidplan-{guide_id}", title, columns, rows)


def _phases_dataset(
    plan: Plan, guide_id: str, procedures: list[Procedure], dated: list[ProcurementDeadline]
) -> export.Dataset:
    """Every need's phases, per procedure, placed backwards from its contract end with the longest estimates."""
    rows: list[list[export.Value]] = []
    for item in dated:
        assert item.contract_end
        for procedure in procedures:
            placed, _ = backwards(procedure, item.contract_end, longest=True)
            for entry in placed:
                note = (
                    None
                    if entry.start and entry.end
                    else "efter tilldelningen"
                    if entry.phase.after_award
                    else "ingen uppskattad tid"
                )
                rows.append(
                    [
                        item.need.id,
                        item.need.need,
                        item.contract_end,
                        procedure.name,
                        entry.phase.name,
                        entry.phase.duration_text,
                        entry.start,
                        entry.end,
                        note,
                    ]
                )
    return export.dataset(
        f"{plan.id}/vagledningens-faser-{guide_id}",
        f"Vägledningens faser bakåt från avtalsslutet per behov, {plan.meta.name} (längsta uppskattningen)",
        [
            export.text("Upphandlingsbehov (id)"),
            export.text("Upphandlingsbehov"),
            export.date("Avtalsslut"),
            export.text("Förfarande"),
            export.text("Fas"),
            export.text("Uppskattad tid"),
            export.date("Vägledningens tid, början"),
            export.date("Vägledningens tid, slut"),
            export.text("Anmärkning"),
        ],
        rows,
    )


def _guidance_details(procedures: list[Procedure], item: ProcurementDeadline, download: str) -> str:
    """A need's phases, per procedure, placed backwards from its contract end with the longest estimates;
    each table followed by the download of every need's phases (`download`)."""
    assert item.contract_end
    tables = []
    for procedure in procedures:
        placed, _ = backwards(procedure, item.contract_end, longest=True)
        rows = []
        for entry in placed:
            when = (
                f"{entry.start.isoformat()} – {entry.end.isoformat()}"
                if entry.start and entry.end
                else "efter tilldelningen"
                if entry.phase.after_award
                else "ingen uppskattad tid"
            )
            rows.append(
                f'<tr><th scope="row">{plain(entry.phase.name)}</th><td>{plain(entry.phase.duration_text)}</td><td>{when}</td></tr>'
            )
        caption = f"{procedure.name}: faserna bakåt från {item.contract_end.isoformat()} (längsta uppskattningen)"
        table = (
            f'<table class="vytabell"><caption>{plain(caption)}</caption><thead><tr><th scope="col">Fas</th>'
            f'<th scope="col">Uppskattad tid</th><th scope="col">Vägledningens tid (bakåt)</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        tables.append(scroll_region(table, caption, "tabell-rulla") + download)
    summary = f"{plain(item.need.need)}: faserna bakåt från avtalsslut {item.contract_end.isoformat()}"
    return f'<details class="vy-faser"><summary>{summary}</summary>{"".join(tables)}</details>'
