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
    FONT,
    SMALL,
    Diagram,
    figure,
    group,
    line,
    lines_of_text,
    num,
    pattern_defs,
    pattern_fill,
    rect,
    text,
    text_width,
    tooltip,
    wrap,
)
from macros.render.text import amount_sv, number_sv

TOP = 30
BAR = 18


@dataclass(frozen=True)
class Geometry:
    """Where a bar chart's parts go: the label beside the bar (wide) or above it (narrow)."""

    width: float
    label_width: float
    bar_x0: float
    bar_x1: float
    row: float
    stacked: bool


WIDE = Geometry(width=680, label_width=200, bar_x0=212, bar_x1=560, row=34, stacked=False)
"""A laptop's content column: labels on the left, bars and their values on the right."""

NARROW = Geometry(width=350, label_width=342, bar_x0=8, bar_x1=226, row=62, stacked=True)
"""A phone: each label above its bar, the value after the bar."""


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
    chart_id: str,
    title: str,
    description: str,
    bars: list[Bar],
    *,
    unit: str,
    maximum: float | None = None,
    shape: Geometry = WIDE,
) -> Diagram:
    """A horizontal bar chart with a value label after each bar and a grid with unit."""
    top_value = maximum or max((bar.value for bar in bars), default=1)
    step = nice_step(top_value)
    top_value = math.ceil(top_value / step) * step
    bottom = TOP + len(bars) * shape.row

    def x(value: float) -> float:
        return shape.bar_x0 + value / top_value * (shape.bar_x1 - shape.bar_x0)

    prefix = chart_id + ("-smal" if shape.stacked else "")
    parts = [pattern_defs(prefix)]
    ticks = [i * step for i in range(round(top_value / step) + 1)]
    for tick in ticks:
        parts += [
            line(x(tick), TOP - 6, x(tick), bottom, "d-grid"),
            text(x(tick), TOP - 10, number_sv(tick), "d-axis-small", anchor="middle", size=SMALL),
        ]
    if shape.stacked:
        parts.append(text(shape.bar_x1 + 16, TOP - 10, unit, "d-axis-small", size=SMALL))
    else:
        parts.append(text(shape.bar_x0 - 8, TOP - 10, unit, "d-axis-small", anchor="end", size=SMALL))
    for index, bar in enumerate(bars):
        y = TOP + index * shape.row
        lines = wrap(bar.label, shape.label_width - 8, FONT)
        if shape.stacked:
            baseline = y + FONT + 2
            bar_top = y + 2 * FONT * 1.2 + 8
        else:
            baseline = y + shape.row / 2 - (len(lines) - 1) * FONT * 0.6 + FONT * 0.35
            bar_top = y + (shape.row - BAR) / 2
        fill = pattern_fill(prefix, bar.pattern)
        shapes = [
            lines_of_text(8, baseline, lines, FONT),
            rect(shape.bar_x0, bar_top, x(bar.value) - shape.bar_x0, BAR, "d-bar", fill=fill),
            text(x(bar.value) + 6, bar_top + BAR / 2 + SMALL * 0.35, bar.value_text, size=SMALL),
        ]
        parts.append(group(tooltip(f"{bar.label}: {bar.value_text}") + "".join(shapes), "d-rad"))
    parts.append(line(shape.bar_x0, TOP - 6, shape.bar_x0, bottom, "d-grid-year"))
    return Diagram(prefix, shape.width, bottom + 12, title, description, "".join(parts))


def bar_figure(
    chart_id: str,
    title: str,
    description: str,
    bars: list[Bar],
    caption: str,
    table: str,
    *,
    unit: str,
    maximum: float | None = None,
    after: str = "",
) -> str:
    """A bar chart's figure: the wide and the narrow drawing, the caption and the data table."""
    wide = bar_chart(chart_id, title, description, bars, unit=unit, maximum=maximum)
    narrow = bar_chart(chart_id, title, description, bars, unit=unit, maximum=maximum, shape=NARROW)
    return figure(wide, caption, table, after=after, narrow=narrow)


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
    return bar_figure(chart_id, title, description, bars, caption, table, unit=unit, after=missing)


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
    return bar_figure(chart_id, title, description, bars, caption, table, unit="%", maximum=100, after=rest)


SHARE_OF_MUNICIPALITY = "Andel av kommunens spend"
"""The column of the category's share: in the words of 10.1 ("knappt 10 % av kommunens spend"), whose figure it shows."""


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
        *amount_columns(SHARE_OF_MUNICIPALITY),
        export.text("Avsnitt"),
    ]
    table = data_table(
        f"{chart_id}-data",
        title,
        ["År", "Spend", SHARE_OF_MUNICIPALITY, "Avsnitt"],
        rows,
        numeric={0, 1},
        download=offer(site, export.dataset(f"{plan.id}/spend-ar", title, columns, values)),
    )
    description = "; ".join(f"{b.label}: {b.value_text}" for b in bars) + "."
    caption = plain(f"{title} (avsnitt 10.1).")
    return bar_figure(chart_id, title, description, bars, caption, table, unit="mnkr")


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
    return bar_figure(chart_id, title, description, bars, caption, table, unit="%", maximum=100, after=note)


QUADRANTS: dict[KraljicQuadrant, tuple[int, int, str]] = {
    "hävstång": (0, 0, "Hävstångsavtal"),
    "strategisk": (1, 0, "Strategiska avtal"),
    "standard": (0, 1, "Standardavtal"),
    "flaskhals": (1, 1, "Flaskhalsavtal"),
}
"""Column (0 = low, 1 = high supply-market complexity), row (0 = high, 1 = low importance) and name."""

MODELS_OWN = "(Kraljics term; planen placerar inga avtal här)"
"""Said under a quadrant's name when the plan places no contract there: the name is the model's, not the plan's."""

BORDER_LEGEND = "streckad etikett på gränsen: planen anger två kategorier utan att skilja avtalen åt"
"""The legend of a label drawn on a border (a placement in two quadrants)."""


@dataclass(frozen=True)
class Matrix:
    """The size of Kraljic's matrix: left edge, top, and the width and height of one quadrant."""

    x: float
    y: float
    quadrant_width: float
    quadrant_height: float
    width: float


MATRIX_WIDE = Matrix(x=90, y=20, quadrant_width=280, quadrant_height=150, width=664)
MATRIX_NARROW = Matrix(x=40, y=20, quadrant_width=151, quadrant_height=150, width=350)
LABEL_LINE = FONT * 1.2


def _kraljic_labels(plan: Plan, m: Matrix) -> str:
    """Underkategorier placed in their quadrant, or on the border when the plan names two;
    several in one place stand above each other, each name wrapped to the quadrant's width."""
    places: dict[tuple[float, float], list[tuple[str, bool, str]]] = {}
    for placement in _analysis(plan).kraljic:
        cells = [QUADRANTS[q] for q in placement.quadrants]
        key = (sum(c[0] for c in cells) / len(cells), sum(c[1] for c in cells) / len(cells))
        name = plan.subcategory(placement.subcategory).name
        spoken = f"{name}: {placement.scope} – {' eller '.join(placement.quadrants)}"
        places.setdefault(key, []).append((name, len(cells) > 1, spoken))
    parts: list[str] = []
    for (column, row), labels in places.items():
        wrapped = [(wrap(name, m.quadrant_width - 24, FONT), border, spoken) for name, border, spoken in labels]
        heights = [22 + (len(lines) - 1) * LABEL_LINE for lines, _, _ in wrapped]
        top = m.y + (row + 0.5) * m.quadrant_height - (sum(heights) + 8 * (len(heights) - 1)) / 2
        cx = m.x + (column + 0.5) * m.quadrant_width
        for (lines, border, spoken), height in zip(wrapped, heights, strict=True):
            width = max(text_width(line_, FONT) for line_ in lines) + 16
            css = "d-bar d-bar-ingen d-grans" if border else "d-bar d-bar-ingen"
            spans = "".join(
                f'<tspan x="{num(cx)}" dy="{num(0 if i == 0 else LABEL_LINE)}">{plain(part)}</tspan>'
                for i, part in enumerate(lines)
            )
            label = f'<text x="{num(cx)}" y="{num(top + 15)}" class="d-text" text-anchor="middle" font-size="{num(FONT)}">{spans}</text>'
            parts.append(group(tooltip(spoken) + rect(cx - width / 2, top, width, height, css, rx=11) + label, "d-rad"))
            top += height + 8
    return "".join(parts)


def _unplaced(plan: Plan) -> list[KraljicQuadrant]:
    """The quadrants where the plan places no underkategori, in drawing order."""
    placed = {q for k in _analysis(plan).kraljic for q in k.quadrants}
    return [q for q in QUADRANTS if q not in placed]


def _quadrant(quadrant: KraljicQuadrant, m: Matrix, *, unplaced: bool) -> str:
    """One quadrant with its name; a quadrant the plan places nothing in says the name is Kraljic's."""
    column, row, name = QUADRANTS[quadrant]
    x, y = m.x + column * m.quadrant_width, m.y + row * m.quadrant_height
    note = wrap(MODELS_OWN, m.quadrant_width - 16, SMALL, max_lines=3) if unplaced else []
    below = len(note) * SMALL * 1.2
    title_y = y + 20 if row == 0 else y + m.quadrant_height - 10 - below
    drawn = rect(x, y, m.quadrant_width, m.quadrant_height, "d-kvadrant")
    drawn += text(x + 8, title_y, name, "d-text d-prio", size=FONT)
    return drawn + (lines_of_text(x + 8, title_y + SMALL * 1.2, note, SMALL, "d-axis-small") if note else "")


def kraljic_diagram(plan: Plan, m: Matrix) -> Diagram:
    """Kraljic's matrix drawn at one size, with the underkategorier placed."""
    kx, ky, kw, kh = m.x, m.y, m.quadrant_width, m.quadrant_height
    unplaced = _unplaced(plan)
    parts = [_quadrant(q, m, unplaced=q in unplaced) for q in QUADRANTS]
    legend_lines = wrap(BORDER_LEGEND, m.width - kx - 46, SMALL, max_lines=3)
    parts += [
        text(
            kx + kw, ky + 2 * kh + 32, "Leverantörsmarknadens risk/komplexitet →", "d-axis", anchor="middle", size=FONT
        ),
        text(kx + 8, ky + 2 * kh + 16, "låg", "d-axis-small", size=SMALL),
        text(kx + 2 * kw - 8, ky + 2 * kh + 16, "hög", "d-axis-small", anchor="end", size=SMALL),
        f'<text class="d-axis" font-size="{num(FONT)}" text-anchor="middle" transform="translate({num(kx / 2 - 6)} {num(ky + kh)}) rotate(-90)">Betydelse/pris för kommunen →</text>',
        text(kx - 6, ky + 14, "hög", "d-axis-small", anchor="end", size=SMALL),
        text(kx - 6, ky + 2 * kh - 4, "låg", "d-axis-small", anchor="end", size=SMALL),
        _kraljic_labels(plan, m),
        rect(kx, ky + 2 * kh + 46, 34, 18, "d-bar d-bar-ingen d-grans", rx=9),
        lines_of_text(kx + 42, ky + 2 * kh + 59, legend_lines, SMALL),
    ]
    chart_id = f"kraljic-{slug(plan.id)}" + ("-smal" if m is MATRIX_NARROW else "")
    described = "; ".join(
        f"{plan.subcategory(k.subcategory).name}: {' eller '.join(k.quadrants)} ({k.scope})"
        for k in _analysis(plan).kraljic
    )
    models_own = "".join(f" {QUADRANTS[q][2]} {MODELS_OWN}." for q in unplaced)
    height = ky + 2 * kh + 70 + (len(legend_lines) - 1) * SMALL * 1.2
    title = f"Kraljics matris för {plan.meta.category}"
    return Diagram(chart_id, m.width, height, title, described + "." + models_own, "".join(parts))


@macro("kraljicmatris", 'kraljicmatris(plan="it-och-telekom")')
def kraljic_matrix(site: Site, *, plan: str) -> str:
    """Kraljics matris med underkategorierna placerade som planen klassar dem (10.3.1).

    När planen säger "strategiska eller flaskhals-avtal" placeras underkategorin på gränsen mellan
    de två rutorna. Underkategorier som planen inte klassar listas under matrisen.
    """
    p = site.plan(plan)
    placements = _analysis(p).kraljic
    chart_id = f"kraljic-{slug(p.id)}"
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
    diagram = kraljic_diagram(p, MATRIX_WIDE)
    return figure(diagram, caption, table, after=missing, narrow=kraljic_diagram(p, MATRIX_NARROW))


_REPORTED_NUMBER = re.compile(r"^[-\u2212]?\d{1,12}(?:[ \u00a0\u202f]\d{3})*(?:,\d{1,6})?")
"""A number as Swedish reports write it: "72", "1 234,5", "−3"."""


def reported_number(value: str) -> float | None:
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
        values = [(m, reported_number(m.value)) for m in measurements_of(p, indicator.id)]
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
            caption = plain(title + "." + target)
            parts.append(bar_figure(chart_id, title, description, bars, caption, table, unit="%", maximum=top))
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
                reported_number(latest.value) if latest else None,
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
        export.text("Aktiviteter (redaktionens hänvisning)"),
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
