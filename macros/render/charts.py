"""Analysis charts of 10.1–10.3 and follow-up: spend per underkategori, per köpare and
per year, the share bought outside contracts, the Kraljic matrix, and nyckeltal with
targets and measured values.

Only figures in the data are drawn; what the plan does not give is listed as missing,
never drawn as zero. Each chart is a build-time SVG with its data table beside it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from macros.exports import dataset as export
from macros.model.analysis import AnalysisFile, KraljicQuadrant, SpendPerSubcategory
from macros.model.base import Amount
from macros.model.catalog import Plan
from macros.model.followup import measurements_of
from macros.render.context import MacroError, Site
from macros.render.downloads import offer
from macros.render.export_values import amount_columns, amount_values, yes_no
from macros.render.html import slug
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.sortable import Cell, Column, Row, Table, cell, data_table
from macros.render.svg import (
    Diagram,
    figure,
    group,
    line,
    lines_of_text,
    pattern_defs,
    pattern_fill,
    rect,
    text,
    text_width,
    tooltip,
    wrap,
)
from macros.render.text import amount_sv, number_sv

WIDTH = 760
FONT = 13
LABEL_WIDTH = 250
BAR_X0 = 266
BAR_X1 = WIDTH - 150
ROW = 34
TOP = 30


@dataclass(frozen=True)
class Bar:
    """One bar: label, value, the value in words, and a fill pattern."""

    label: str
    value: float
    value_text: str
    pattern: str = "fylld"


def nice_step(maximum: float) -> float:
    """A round grid step (1, 2 or 5 times a power of ten) giving at most six lines."""
    if maximum <= 0:
        return 1
    power = 10.0 ** math.floor(math.log10(maximum / 5))
    return float(next(step * power for step in (1, 2, 5, 10) if maximum / (step * power) <= 6))


def bar_chart(
    chart_id: str, title: str, description: str, bars: list[Bar], *, unit: str, maximum: float | None = None
) -> Diagram:
    """A horizontal bar chart with a value label after each bar and a grid with unit."""
    top_value = maximum or max((bar.value for bar in bars), default=1)
    step = nice_step(top_value)
    top_value = math.ceil(top_value / step) * step
    bottom = TOP + len(bars) * ROW

    def x(value: float) -> float:
        return BAR_X0 + value / top_value * (BAR_X1 - BAR_X0)

    parts = [pattern_defs(chart_id)]
    ticks = [i * step for i in range(round(top_value / step) + 1)]
    for tick in ticks:
        parts += [
            line(x(tick), TOP - 6, x(tick), bottom, "d-grid"),
            text(x(tick), TOP - 10, number_sv(tick), "d-axis-small", anchor="middle", size=FONT * 0.8),
        ]
    parts.append(text(BAR_X0 - 8, TOP - 10, unit, "d-axis-small", anchor="end", size=FONT * 0.8))
    for index, bar in enumerate(bars):
        y = TOP + index * ROW
        lines = wrap(bar.label, LABEL_WIDTH - 8, FONT)
        baseline = y + ROW / 2 - (len(lines) - 1) * FONT * 0.6 + FONT * 0.35
        shapes = [
            lines_of_text(8, baseline, lines, FONT),
            rect(BAR_X0, y + 8, x(bar.value) - BAR_X0, ROW - 16, "d-bar", fill=pattern_fill(chart_id, bar.pattern)),
            text(x(bar.value) + 6, y + ROW / 2 + FONT * 0.35, bar.value_text, size=FONT * 0.9),
        ]
        parts.append(group(tooltip(f"{bar.label}: {bar.value_text}") + "".join(shapes), "d-rad"))
    parts.append(line(BAR_X0, TOP - 6, BAR_X0, bottom, "d-grid-year"))
    return Diagram(chart_id, WIDTH, bottom + 12, title, description, "".join(parts), 560)


def _analysis(plan: Plan) -> AnalysisFile:
    """The plan's nulägesanalys, or a Swedish error."""
    if plan.analysis is None:
        raise MacroError(f"planen '{plan.id}' har ingen nulägesanalys (nulage.yml)")
    return plan.analysis


def _latest_year(years: list[int], wanted: int | None) -> int:
    """The requested year, or the latest one with data."""
    if wanted is not None:
        if wanted not in years:
            raise MacroError(
                f"det finns inga uppgifter för år {wanted} (finns: {', '.join(map(str, sorted(set(years))))})"
            )
        return wanted
    if not years:
        raise MacroError("det finns inga uppgifter att visa")
    return max(years)


def _share_text(amount: Amount | None, share: Amount | None) -> str:
    """An amount with its share: "50 mnkr (30 %)"."""
    parts = [amount_sv(amount)] if amount else []
    if share:
        parts.append(f"({amount_sv(share)})" if parts else amount_sv(share))
    return " ".join(parts)


def _missing(names: list[str], what: str) -> str:
    """A sentence listing what the plan gives no figure for."""
    if not names:
        return ""
    return f"<p>Planen anger ingen {plain(what)} för: {plain(', '.join(names))}.</p>"


def _spend_subcategories(site: Site, plan: Plan, year: int | None) -> str:
    """Spend per underkategori in one year."""
    analysis = _analysis(plan)
    chosen = _latest_year([e.year for e in analysis.spend_per_subcategory], year)
    entries = [e for e in analysis.spend_per_subcategory if e.year == chosen]
    use_amount = all(e.amount for e in entries)

    def size(entry: SpendPerSubcategory) -> float:
        figure_ = entry.amount if use_amount else entry.share
        return figure_.value if figure_ else 0.0

    bars = [
        Bar(plan.subcategory(e.subcategory).name, size(e), _share_text(e.amount, e.share))
        for e in sorted(entries, key=lambda e: -size(e))
    ]
    unit = "mnkr" if use_amount else "%"
    chart_id = f"spend-underkategori-{slug(plan.id)}-{chosen}"
    title = f"Spend per underkategori {chosen}"
    description = "; ".join(f"{b.label}: {b.value_text}" for b in bars) + "."
    rows = [
        [
            cell(plan.subcategory(e.subcategory).name),
            cell(amount_sv(e.amount) if e.amount else "–", e.amount.value if e.amount else -1),
            cell(amount_sv(e.share) if e.share else "–", e.share.value if e.share else -1),
            cell(e.section),
        ]
        for e in entries
    ]
    values = [
        [
            plan.subcategory(e.subcategory).name,
            e.subcategory,
            e.year,
            *amount_values(e.amount),
            *amount_values(e.share),
            e.section,
        ]
        for e in entries
    ]
    columns = [
        export.text("Underkategori"),
        export.text("Id"),
        export.whole("År"),
        *amount_columns("Spend"),
        *amount_columns("Andel av kategorins spend"),
        export.text("Avsnitt"),
    ]
    download = offer(site, export.dataset(f"{plan.id}/spend-underkategori-{chosen}", title, columns, values))
    table = data_table(
        f"{chart_id}-data",
        title,
        ["Underkategori", "Spend", "Andel av kategorins spend", "Avsnitt"],
        rows,
        numeric={1, 2},
        download=download,
    )
    named = {e.subcategory for e in entries}
    missing = _missing([s.name for s in plan.subcategories if s.id not in named], f"spend {chosen}")
    caption = plain(f"Spend per underkategori {chosen} enligt nulägesanalysen (avsnitt 10.1).")
    return figure(bar_chart(chart_id, title, description, bars, unit=unit), caption, table, after=missing)


def _spend_buyers(site: Site, plan: Plan, year: int | None, subcategory: str | None) -> str:
    """Shares of spend per köpare (nämnd or förvaltning as the source names them)."""
    analysis = _analysis(plan)
    pool = [e for e in analysis.spend_per_buyer if e.subcategory == subcategory]
    chosen = _latest_year([e.year for e in pool], year)
    entries = sorted((e for e in pool if e.year == chosen), key=lambda e: -e.share.value)
    within = f" inom {plan.subcategory(subcategory).name}" if subcategory else ""
    bars = [Bar(e.buyer_label, e.share.value, amount_sv(e.share)) for e in entries]
    chart_id = f"spend-kopare-{slug(plan.id)}-{chosen}{'-' + subcategory if subcategory else ''}"
    title = f"Andel av spenden per nämnd och förvaltning{within} {chosen}"
    description = "; ".join(f"{b.label}: {b.value_text}" for b in bars) + ". Övriga köpare anges inte i planen."
    rows = [[cell(e.buyer_label), cell(amount_sv(e.share), e.share.value), cell(e.section)] for e in entries]
    model = site.model
    values = [
        [
            e.buyer_label,
            model.committee(e.committee).name if e.committee else None,
            model.administration(e.administration).name if e.administration else None,
            plan.subcategory(e.subcategory).name if e.subcategory else "hela kategorin",
            e.year,
            *amount_values(e.share),
            e.section,
        ]
        for e in entries
    ]
    columns = [
        export.text("Köpare (som källan skriver)"),
        export.text("Nämnd"),
        export.text("Förvaltning"),
        export.text("Omfattning"),
        export.whole("År"),
        *amount_columns("Andel"),
        export.text("Avsnitt"),
    ]
    path = f"{plan.id}/spend-kopare-{chosen}{'-' + subcategory if subcategory else ''}"
    table = data_table(
        f"{chart_id}-data",
        title,
        ["Köpare (som källan skriver)", "Andel", "Avsnitt"],
        rows,
        numeric={1},
        download=offer(site, export.dataset(path, title, columns, values)),
    )
    total = sum(e.share.value for e in entries)
    rest = f"<p>De angivna köparna står tillsammans för {plain(number_sv(round(total, 1)))} %; planen redovisar inte resten.</p>"
    caption = plain(f"{title} enligt nulägesanalysen (avsnitt 10.1).")
    return figure(bar_chart(chart_id, title, description, bars, unit="%", maximum=100), caption, table, after=rest)


def _spend_years(site: Site, plan: Plan) -> str:
    """The category's total spend per year."""
    entries = sorted(_analysis(plan).spend_per_year, key=lambda e: e.year)
    bars = [Bar(str(e.year), e.amount.value, amount_sv(e.amount)) for e in entries]
    chart_id = f"spend-ar-{slug(plan.id)}"
    title = f"Kategorins totala spend per år, {plan.meta.category}"
    rows = [
        [
            cell(str(e.year), e.year),
            cell(amount_sv(e.amount), e.amount.value),
            cell(amount_sv(e.share_of_municipality) if e.share_of_municipality else "–"),
            cell(e.section),
        ]
        for e in entries
    ]
    values = [[e.year, *amount_values(e.amount), *amount_values(e.share_of_municipality), e.section] for e in entries]
    columns = [
        export.whole("År"),
        *amount_columns("Spend"),
        *amount_columns("Andel av kommunens inköp"),
        export.text("Avsnitt"),
    ]
    table = data_table(
        f"{chart_id}-data",
        title,
        ["År", "Spend", "Andel av kommunens inköp", "Avsnitt"],
        rows,
        numeric={0, 1},
        download=offer(site, export.dataset(f"{plan.id}/spend-ar", title, columns, values)),
    )
    description = "; ".join(f"{b.label}: {b.value_text}" for b in bars) + "."
    return figure(bar_chart(chart_id, title, description, bars, unit="mnkr"), plain(f"{title} (avsnitt 10.1)."), table)


@macro("spenddiagram", 'spenddiagram(plan="it-och-telekom", per="underkategori")')
def spend_chart(
    site: Site, *, plan: str, per: str = "underkategori", ar: int | None = None, underkategori: str | None = None
) -> str:
    """Diagram över spend: `per` = "underkategori", "köpare" (nämnd/förvaltning) eller "år".

    `ar` väljer år (standard: senaste år med uppgifter); `underkategori` visar köparna inom en underkategori.
    Underkategorier som planen inte anger spend för listas, de ritas inte som noll.
    """
    p = site.plan(plan)
    if per == "underkategori":
        return _spend_subcategories(site, p, ar)
    if per == "köpare":
        return _spend_buyers(site, p, ar, underkategori)
    if per == "år":
        return _spend_years(site, p)
    raise MacroError(f"per ska vara underkategori, köpare eller år, inte {per!r}")


@macro("avtalstrohetsdiagram", 'avtalstrohetsdiagram(plan="it-och-telekom")')
def loyalty_chart(site: Site, *, plan: str) -> str:
    """Andel av spenden köpt utanför avtal per år, för hela kategorin och för underkategorier (10.2).

    Lägre andel betyder högre avtalstrohet. År som planen inte anger visas inte.
    """
    p = site.plan(plan)
    entries = sorted(_analysis(p).loyalty, key=lambda e: (e.subcategory is not None, e.year))
    bars = []
    rows = []
    for e in entries:
        scope = p.subcategory(e.subcategory).name if e.subcategory else "hela kategorin"
        value = amount_sv(e.outside_share) + (f" ({amount_sv(e.outside_amount)})" if e.outside_amount else "")
        bars.append(Bar(f"{e.year} – {scope}", e.outside_share.value, value, "streckad" if e.subcategory else "fylld"))
        rows.append(
            [
                cell(str(e.year), e.year),
                cell(scope),
                cell(amount_sv(e.outside_share), e.outside_share.value),
                cell(
                    amount_sv(e.outside_amount) if e.outside_amount else "–",
                    e.outside_amount.value if e.outside_amount else -1,
                ),
                cell(e.section),
            ]
        )
    chart_id = f"avtalstrohet-{slug(p.id)}"
    title = "Andel köpt utanför avtal"
    description = "; ".join(f"{b.label}: {b.value_text}" for b in bars) + ". Streckade staplar gäller en underkategori."
    values = [
        [
            e.year,
            p.subcategory(e.subcategory).name if e.subcategory else "hela kategorin",
            *amount_values(e.outside_share),
            *amount_values(e.outside_amount),
            e.section,
        ]
        for e in entries
    ]
    columns = [
        export.whole("År"),
        export.text("Omfattning"),
        *amount_columns("Andel utanför avtal"),
        *amount_columns("Belopp utanför avtal"),
        export.text("Avsnitt"),
    ]
    table = data_table(
        f"{chart_id}-data",
        title,
        ["År", "Omfattning", "Andel utanför avtal", "Belopp utanför avtal", "Avsnitt"],
        rows,
        numeric={0, 2, 3},
        download=offer(site, export.dataset(f"{p.id}/avtalstrohet", title, columns, values)),
    )
    years = sorted({e.year for e in entries if e.subcategory is None})
    gap = [str(y) for y in range(years[0], years[-1] + 1) if y not in years] if years else []
    note = f"<p>Planen anger ingen siffra för hela kategorin {plain(', '.join(gap))}.</p>" if gap else ""
    caption = plain(
        "Andel av spenden köpt från ej avtalad och/eller registrerad leverantör (avsnitt 10.2). Lägre andel = högre avtalstrohet; streckade staplar gäller en underkategori."
    )
    return figure(bar_chart(chart_id, title, description, bars, unit="%", maximum=100), caption, table, after=note)


QUADRANTS: dict[KraljicQuadrant, tuple[int, int, str]] = {
    "hävstång": (0, 0, "Hävstångsavtal"),
    "strategisk": (1, 0, "Strategiska avtal"),
    "standard": (0, 1, "Standardavtal"),
    "flaskhals": (1, 1, "Flaskhalsavtal"),
}
"""Column (0 = low, 1 = high supply-market complexity), row (0 = high, 1 = low importance) and name."""

KX, KY, KW, KH = 90, 20, 320, 150


def _kraljic_labels(plan: Plan) -> str:
    """Underkategorier placed in their quadrant, or on the border when the plan names two."""
    parts: list[str] = []
    slots: dict[tuple[float, float], int] = {}
    for placement in _analysis(plan).kraljic:
        cells = [QUADRANTS[q] for q in placement.quadrants]
        column = sum(c[0] for c in cells) / len(cells)
        row = sum(c[1] for c in cells) / len(cells)
        key = (column, row)
        slot = slots.get(key, 0)
        slots[key] = slot + 1
        cx = KX + (column + 0.5) * KW
        cy = KY + (row + 0.5) * KH + (slot - 0.5) * 30
        name = plan.subcategory(placement.subcategory).name
        width = text_width(name, FONT) + 16
        css = "d-bar d-bar-ingen d-grans" if len(cells) > 1 else "d-bar d-bar-ingen"
        parts.append(
            group(
                tooltip(f"{name}: {placement.scope} – {' eller '.join(placement.quadrants)}")
                + rect(cx - width / 2, cy - 12, width, 22, css, rx=11)
                + text(cx, cy + 4, name, anchor="middle", size=FONT),
                "d-rad",
            )
        )
    return "".join(parts)


@macro("kraljicmatris", 'kraljicmatris(plan="it-och-telekom")')
def kraljic_matrix(site: Site, *, plan: str) -> str:
    """Kraljics matris med underkategorierna placerade som planen klassar dem (10.3.1).

    När planen säger "strategiska eller flaskhals-avtal" placeras underkategorin på gränsen mellan
    de två rutorna. Underkategorier som planen inte klassar listas under matrisen.
    """
    p = site.plan(plan)
    placements = _analysis(p).kraljic
    parts = []
    for column, row, name in QUADRANTS.values():
        x, y = KX + column * KW, KY + row * KH
        title_y = y + 20 if row == 0 else y + KH - 10
        parts += [rect(x, y, KW, KH, "d-kvadrant"), text(x + 10, title_y, name, "d-text d-prio", size=FONT)]
    parts += [
        text(
            KX + KW, KY + 2 * KH + 28, "Leverantörsmarknadens risk/komplexitet →", "d-axis", anchor="middle", size=FONT
        ),
        text(KX + 10, KY + 2 * KH + 16, "låg", "d-axis-small", size=FONT * 0.85),
        text(KX + 2 * KW - 10, KY + 2 * KH + 16, "hög", "d-axis-small", anchor="end", size=FONT * 0.85),
        f'<text class="d-axis" font-size="{FONT}" text-anchor="middle" transform="translate(30 {KY + KH}) rotate(-90)">Betydelse/pris för kommunen →</text>',
        text(KX - 6, KY + 14, "hög", "d-axis-small", anchor="end", size=FONT * 0.85),
        text(KX - 6, KY + 2 * KH - 4, "låg", "d-axis-small", anchor="end", size=FONT * 0.85),
        _kraljic_labels(p),
        rect(KX, KY + 2 * KH + 44, 34, 18, "d-bar d-bar-ingen d-grans", rx=9),
        text(
            KX + 42,
            KY + 2 * KH + 57,
            "streckad etikett på gränsen: planen säger ”det ena eller det andra”",
            size=FONT * 0.85,
        ),
    ]
    chart_id = f"kraljic-{slug(p.id)}"
    described = "; ".join(
        f"{p.subcategory(k.subcategory).name}: {' eller '.join(k.quadrants)} ({k.scope})" for k in placements
    )
    diagram = Diagram(
        chart_id,
        KX + 2 * KW + 20,
        KY + 2 * KH + 70,
        f"Kraljics matris för {p.meta.category}",
        described + ".",
        "".join(parts),
        520,
    )
    rows = [
        [cell(p.subcategory(k.subcategory).name), cell(" eller ".join(k.quadrants)), cell(k.scope), cell(k.section)]
        for k in placements
    ]
    placed_rows = [
        [p.subcategory(k.subcategory).name, k.subcategory, " eller ".join(k.quadrants), k.scope, k.section]
        for k in placements
    ]
    kraljic_columns = [
        export.text("Underkategori"),
        export.text("Id"),
        export.text("Kvadrant"),
        export.text("Omfattning (som i källan)"),
        export.text("Avsnitt"),
    ]
    kraljic_title = "Underkategoriernas placering i Kraljics matris"
    table = data_table(
        f"{chart_id}-data",
        kraljic_title,
        ["Underkategori", "Kvadrant", "Omfattning (som i källan)", "Avsnitt"],
        rows,
        download=offer(site, export.dataset(f"{p.id}/kraljic", kraljic_title, kraljic_columns, placed_rows)),
    )
    placed = {k.subcategory for k in placements}
    missing = _missing([s.name for s in p.subcategories if s.id not in placed], "klassning i Kraljics matris")
    caption = plain(
        "Kraljics matris: betydelse/pris för kommunen (lodrätt) mot leverantörsmarknadens risk/komplexitet (vågrätt), med underkategorierna som planen klassar dem (avsnitt 10.3.1)."
    )
    return figure(diagram, caption, table, after=missing)


_REPORTED_NUMBER = re.compile(r"^[-\u2212]?\d{1,12}(?:[ \u00a0\u202f]\d{3})*(?:,\d{1,6})?")
"""A number as Swedish reports write it: "72", "1 234,5", "−3"."""


def _number(value: str) -> float | None:
    """The number at the start of a reported value ("72 %", "1 234,5"), if there is one."""
    match = _REPORTED_NUMBER.match(value.strip())
    if not match:
        return None
    digits = re.sub(r"[ \u00a0\u202f]", "", match.group(0)).replace(",", ".").replace("\u2212", "-")
    return float(digits)


@macro("uppfoljningsdiagram", 'uppfoljningsdiagram(plan="it-och-telekom")')
def follow_up_chart(site: Site, *, plan: str) -> str:
    """Nyckeltalen med målvärde och uppmätta värden, och styrdokumentens indikatorer med mål per år.

    Ett diagram ritas för nyckeltal som har uppmätta värden i procent; övriga står i tabellen.
    """
    p = site.plan(plan)
    parts = [_indicator_table(site, p)]
    for indicator in p.indicators:
        values = [(m, _number(m.value)) for m in measurements_of(p, indicator.id)]
        numeric = [(m, v) for m, v in values if v is not None and "%" in m.value]
        if numeric:
            bars = [Bar(m.date.isoformat(), v, m.value) for m, v in numeric]
            chart_id = f"nyckeltal-{slug(p.id)}-{indicator.id}"
            title = f"Uppmätta värden: {indicator.text.strip().rstrip('.')}"
            target = f" Målvärde: {indicator.target}." if indicator.target else ""
            rows = [
                [cell(m.date.isoformat()), cell(m.value, v), Cell(rich(m.comment, inline=True) if m.comment else "")]
                for m, v in numeric
            ]
            measured = export.dataset(
                f"{p.id}/nyckeltal/{indicator.id}",
                title,
                [
                    export.date("Datum"),
                    export.text("Värde (som rapporterat)"),
                    export.number("Värde"),
                    export.text("Rapporterad av"),
                    export.text("Kommentar"),
                ],
                [[m.date, m.value, v, site.model.person(m.reported_by).name, m.comment] for m, v in numeric],
            )
            table = data_table(
                f"{chart_id}-data",
                title,
                ["Datum", "Värde", "Kommentar"],
                rows,
                numeric={1},
                download=offer(site, measured),
            )
            description = "; ".join(f"{b.label}: {b.value_text}" for b in bars) + "." + target
            top = max(100.0, *(bar.value for bar in bars))
            parts.append(
                figure(
                    bar_chart(chart_id, title, description, bars, unit="%", maximum=top),
                    plain(title + "." + target),
                    table,
                )
            )
    parts.append(_signal_indicators(site, p))
    return f'<div class="vy">{"".join(parts)}</div>\n'


def _indicator_table(site: Site, plan: Plan) -> str:
    """Every nyckeltal with effektmål, målvärde and its latest measured value."""
    columns = [
        Column("Avsnitt", "text"),
        Column("Nyckeltal", "text", row_header=True),
        Column("Effektmål", "text"),
        Column("Målvärde", "text"),
        Column("Senast uppmätt", "text"),
    ]
    rows = []
    for indicator in plan.indicators:
        values = measurements_of(plan, indicator.id)
        latest = f"{values[-1].value} ({values[-1].date.isoformat()})" if values else "ej uppmätt"
        goal = plan.effect_goal(indicator.effect_goal)
        rows.append(
            Row(
                [
                    cell(indicator.section),
                    cell(indicator.text.strip()),
                    cell(f"{goal.number} {goal.name}"),
                    cell(indicator.target or "anges inte"),
                    cell(latest),
                ]
            )
        )
    title = f"Nyckeltal i {plan.meta.name}"
    download = offer(site, indicators_dataset(site, plan))
    return Table(f"nyckeltal-{plan.id}", title, columns, rows, sorted_by=0, download=download).html()


def indicators_dataset(site: Site, plan: Plan) -> export.Dataset:
    """Every nyckeltal with effektmål, målvärde, the activities it names and its latest measured value."""
    rows = []
    for indicator in plan.indicators:
        measured = measurements_of(plan, indicator.id)
        goal = plan.effect_goal(indicator.effect_goal)
        latest = measured[-1] if measured else None
        rows.append(
            [
                indicator.id,
                indicator.section,
                indicator.text.strip(),
                f"{goal.number} {goal.name}",
                indicator.target,
                ", ".join(plan.activity(a).number for a in indicator.activities) or None,
                latest.value if latest else None,
                _number(latest.value) if latest else None,
                latest.date if latest else None,
                len(measured),
            ]
        )
    columns = [
        export.text("Id"),
        export.text("Avsnitt"),
        export.text("Nyckeltal"),
        export.text("Effektmål"),
        export.text("Målvärde"),
        export.text("Aktiviteter"),
        export.text("Senast uppmätt (som rapporterat)"),
        export.number("Senast uppmätt, tal"),
        export.date("Senast uppmätt, datum"),
        export.whole("Antal mätvärden"),
    ]
    return export.dataset(f"{plan.id}/nyckeltal", f"Nyckeltal i {plan.meta.name}", columns, rows)


def _signal_indicators(site: Site, plan: Plan) -> str:
    """Indicators that governing documents set (10.4), with targets per year and whether they were reached."""
    if plan.analysis is None:
        return ""
    found = [s for s in plan.analysis.governing_signals if s.indicator]
    html = []
    for signal in found:
        indicator = signal.indicator
        assert indicator is not None
        facts = []
        if indicator.annual_increase:
            facts.append(f"Ökning per år: {amount_sv(indicator.annual_increase)}.")
        if indicator.target and indicator.target_year:
            facts.append(f"Slutmål: {amount_sv(indicator.target)} år {indicator.target_year}.")
        reached = {True: "uppnått", False: "inte uppnått", None: "uppgift saknas"}
        rows = [
            Row(
                [
                    cell(str(y.year), y.year),
                    cell(amount_sv(y.target), y.target.value),
                    cell(reached[y.reached] + (f" – {y.comment}" if y.comment else "")),
                ]
            )
            for y in indicator.years
        ]
        columns = [Column("År", "nummer", css="tal"), Column("Mål", "nummer", css="tal"), Column("Utfall", "text")]
        title = f"{signal.number} {signal.heading}: {indicator.name}"
        html.append(f"<p>{plain(' '.join(facts))}</p>" if facts else "")
        constant = [
            indicator.name,
            *amount_values(indicator.annual_increase),
            *amount_values(indicator.target),
            indicator.target_year,
        ]
        values = [
            [
                y.year,
                *amount_values(y.target),
                yes_no(y.reached) if y.reached is not None else None,
                y.comment,
                *constant,
            ]
            for y in indicator.years
        ]
        export_columns = [
            export.whole("År"),
            *amount_columns("Mål"),
            export.text("Uppnått"),
            export.text("Kommentar"),
            export.text("Indikator"),
            *amount_columns("Ökning per år"),
            *amount_columns("Slutmål"),
            export.whole("Målår"),
        ]
        download = offer(
            site, export.dataset(f"{plan.id}/indikator-{slug(signal.number)}", title, export_columns, values)
        )
        html.append(Table(f"indikator-{slug(signal.number)}", title, columns, rows, download=download).html())
    return "".join(html)
