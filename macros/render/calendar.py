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
from macros.render.context import MacroError, Site
from macros.render.downloads import offer, plan_calendar
from macros.render.export_values import yes_no
from macros.render.html import computed, count, slug
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
    DeadlineFlag.NO_LEAD_TIME: "Ingen ledtid i planen",
    DeadlineFlag.NO_CONTRACT_END: "Inget avtalsslut angivet",
    DeadlineFlag.IN_TIME: "I god tid",
}
FLAG_SYMBOL = {
    DeadlineFlag.START_PASSED: "⚠",
    DeadlineFlag.START_SOON: "△",
    DeadlineFlag.SNARAST: "!",
    DeadlineFlag.NO_LEAD_TIME: "?",
    DeadlineFlag.NO_CONTRACT_END: "–",
    DeadlineFlag.IN_TIME: "✓",
}
FLAG_RANK = [
    DeadlineFlag.SNARAST,
    DeadlineFlag.START_PASSED,
    DeadlineFlag.START_SOON,
    DeadlineFlag.IN_TIME,
    DeadlineFlag.NO_LEAD_TIME,
    DeadlineFlag.NO_CONTRACT_END,
]
"""Flags from the most to the least urgent (how the Läge column sorts)."""
FLAG_ORDER = [FLAG_TEXT[flag] for flag in FLAG_RANK]


def flag_text(item: ProcurementDeadline) -> str:
    """The flag in words, with an expired contract said too."""
    words = FLAG_TEXT[item.flag]
    return f"{words}; avtalet har löpt ut" if item.contract_expired else words


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
    export.date("Senaste start"),
    export.text("Läge"),
    export.text("Avtalet har löpt ut"),
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


def calendar_table(site: Site, plan: Plan, items: list[ProcurementDeadline], *, table_id: str) -> str:
    """Every need with list year, contract end, lead time, latest start and flag; sortable and filterable."""
    columns = [
        Column("Upphandlingsbehov", "text", row_header=True, css="namn"),
        Column("Underkategori", "text"),
        Column("Lista", "nummer", css="tal"),
        Column("Förlängning nuvarande avtal möjlig t.o.m.", "text", css="datum"),
        Column("Ledtid", "nummer", css="tal"),
        Column("Senaste start", "text", css="datum"),
        Column("Läge", "nummer", css="bred"),
    ]
    rows = []
    for item in by_urgency(items):
        need = item.need
        end = "Snarast" if item.is_snarast else item.contract_end.isoformat() if item.contract_end else "–"
        sort_end = "0000" if item.is_snarast else item.contract_end.isoformat() if item.contract_end else "9999"
        start = item.latest_start.isoformat() if item.latest_start else "Snarast" if item.is_snarast else "–"
        flag_html = plain(FLAG_TEXT[item.flag])
        if item.is_urgent:
            flag_html = f'<strong class="sen">{flag_html}</strong>'
        if item.contract_expired:
            flag_html += "<br><small>avtalet har löpt ut</small>"
        cells = [
            cell(need.need),
            cell(_subcategory(plan, item)),
            cell(str(need.list_year), need.list_year),
            cell(end, sort_end),
            cell(
                f"{item.lead_time_months} mån" if item.lead_time_months is not None else "anges inte",
                item.lead_time_months if item.lead_time_months is not None else 9999,
            ),
            cell(start, "0000" if item.is_snarast else start if item.latest_start else "9999"),
            Cell(f"{FLAG_SYMBOL[item.flag]} {flag_html}", str(FLAG_RANK.index(item.flag))),
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
    intro = (
        computed(site, "Flaggorna räknas fram varje dag.").strip()
        + _counts(items)
        + plan_calendar(site, p.id, p.meta.name)
    )
    table = calendar_table(site, p, items, table_id=f"upphandlingskalender-tabell-{p.id}")
    if visa == "tabell":
        return f'<div class="vy">{intro}{table}{_lead_times(p)}</div>\n'
    diagram = calendar_diagram(site, p, items)
    narrow = calendar_diagram(site, p, items, NARROW)
    caption = plain(
        f"Upphandlingskalender för {p.meta.name} per {site.today.isoformat()}: senaste start för varje "
        "upphandlingsbehov med datum, det mest brådskande överst."
    )
    return f'<div class="vy">{intro}{figure(diagram, caption, table, narrow=narrow)}{_lead_times(p)}</div>\n'
