"""A nyckeltal's measured values over time: a small bar chart (wide and narrow) with its data table.

Only values the data gives are drawn. A value is drawn when it starts with a number
("72 %", "1 234"); the chart is left out when any value is not a number or is negative, and
the table, which always shows every value as reported, stands alone.
"""

from __future__ import annotations

from macros.exports import dataset as export
from macros.model.catalog import Plan
from macros.model.goals import KeyIndicator
from macros.model.periods import period_of_day
from macros.model.reports import Measurement
from macros.render.charts import Bar, bar_figure, reported_number
from macros.render.context import Site
from macros.render.downloads import offer
from macros.render.html import slug
from macros.render.safe import plain, rich
from macros.render.sortable import Cell, cell, data_table

NOT_MEASURED = "ej uppmätt"
"""Shown for a nyckeltal without any measured value; never a value of zero."""


def _rows(site: Site, plan: Plan, values: list[Measurement]) -> list[list[Cell]]:
    """One row per measured value: date, period, value, who reported it and the comment."""
    rows = []
    for value in values:
        item = period_of_day(plan, value.date)
        number = reported_number(value.value)
        rows.append(
            [
                cell(value.date.isoformat()),
                cell(item.name if item else "utanför perioderna"),
                cell(value.value, number if number is not None else None),
                cell(site.model.person(value.reported_by).name),
                Cell(rich(value.comment, inline=True) if value.comment else ""),
            ]
        )
    return rows


def _series_dataset(site: Site, plan: Plan, indicator: KeyIndicator, title: str) -> export.Dataset:
    """The series as a download: the same rows as the table, the value both as reported and as a number."""
    rows: list[list[export.Value]] = []
    for value in plan.measurements_of(indicator.id):
        item = period_of_day(plan, value.date)
        rows.append(
            [
                value.date,
                item.name if item else "utanför perioderna",
                value.value,
                reported_number(value.value),
                site.model.person(value.reported_by).name,
                value.comment,
            ]
        )
    columns = [
        export.date("Datum"),
        export.text("Period"),
        export.text("Värde (som rapporterat)"),
        export.number("Värde"),
        export.text("Rapporterad av"),
        export.text("Kommentar"),
    ]
    return export.dataset(f"{plan.id}/matserier/{indicator.id}", f"Uppmätta värden: {title}", columns, rows)


def measure_series(site: Site, plan: Plan, indicator: KeyIndicator) -> str:
    """The nyckeltal's values over time as a chart with its table, or a sentence when it has none (HTML)."""
    values = plan.measurements_of(indicator.id)
    title = f"{indicator.section} {indicator.text.strip().rstrip('.')}"
    target = f"Målvärde: {indicator.target}." if indicator.target else "Planen anger inget målvärde."
    if not values:
        return f'<p class="matserie"><strong>{plain(title)}</strong>: {NOT_MEASURED}. {plain(target)}</p>\n'
    chart_id = f"matserie-{slug(plan.id)}-{indicator.id}"
    headers = ["Datum", "Period", "Värde", "Rapporterad av", "Kommentar"]
    download = offer(site, _series_dataset(site, plan, indicator, title))
    table = data_table(
        f"{chart_id}-data",
        f"Uppmätta värden: {title}",
        headers,
        _rows(site, plan, values),
        numeric={2},
        download=download,
    )
    numbers = [reported_number(value.value) for value in values]
    if any(number is None or number < 0 for number in numbers):
        note = "Värdena ritas inte: alla är inte tal. Tabellen visar dem som de rapporterats."
        return f'<div class="matserie"><p>{plain(title + ". " + target + " " + note)}</p>{table}</div>\n'
    percent = all("%" in value.value for value in values)
    bars = [
        Bar(value.date.isoformat(), float(number or 0), value.value)
        for value, number in zip(values, numbers, strict=True)
    ]
    description = "; ".join(f"{bar.label}: {bar.value_text}" for bar in bars) + ". " + target
    top = max(100.0, *(bar.value for bar in bars)) if percent else None
    caption = plain(f"Uppmätta värden för nyckeltalet {title}, en stapel per mätning. {target}")
    unit = "%" if percent else "värde"
    return bar_figure(chart_id, f"Uppmätta värden: {title}", description, bars, caption, table, unit=unit, maximum=top)
