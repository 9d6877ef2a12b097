"""The timeline (Gantt) of a plan's activities over the plan period, as build-time SVG.

Bars follow the precision the plan gives (a quarter covers the quarter); a start or end
the plan does not give is drawn as a dashed, open part up to the plan period's edge;
continuous work is marked "löpande"; activities without dates are listed as text with
what they wait for. Priority is shown by pattern and by the label P1–P3.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from macros.exports.dataset import Dataset, dataset
from macros.model.activities import Activity
from macros.model.catalog import Plan
from macros.model.status import SpanShape, is_late, planned_span, status_label
from macros.render.activity_export import ACTIVITY_COLUMNS, activities_dataset, activity_values
from macros.render.context import Site, activity_page
from macros.render.downloads import offer
from macros.render.html import computed, count, href, link, slug
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.sortable import Cell, cell, data_table
from macros.render.svg import (
    FONT,
    SMALL,
    Diagram,
    Hotspot,
    Swatch,
    TimeScale,
    figure,
    group,
    legend,
    line,
    lines_of_text,
    pattern_defs,
    pattern_fill,
    polygon,
    rect,
    text,
    text_width,
    tooltip,
    wrap,
)

HEADER = 62
AXIS_TOP = 16
BAR = 16
PRIORITY_PATTERNS = {1: "fylld", 2: "streckad", 3: "prickad", None: "ingen"}


@dataclass(frozen=True)
class Geometry:
    """Where the parts of a row go: side by side (wide) or the name above the bar (narrow)."""

    width: float
    label_x: float
    label_width: float
    priority_x: float
    chart_x0: float
    chart_x1: float
    row: float
    stacked: bool

    def bar_top(self, y: float) -> float:
        """The top of the bar in the row starting at `y`."""
        return y + (2 * FONT * 1.2 + 6 if self.stacked else (self.row - BAR) / 2)

    def bar_baseline(self, y: float) -> float:
        """The baseline of text beside the bar."""
        return self.bar_top(y) + BAR / 2 + SMALL * 0.35


WIDE = Geometry(
    width=680, label_x=8, label_width=214, priority_x=228, chart_x0=258, chart_x1=668, row=38, stacked=False
)
"""A laptop's content column (688 px beside both menus): the name, the priority and the bar on one line."""

NARROW = Geometry(width=350, label_x=4, label_width=316, priority_x=346, chart_x0=6, chart_x1=344, row=72, stacked=True)
"""A phone (358 px): the name and priority on top, the bar with its period below across the whole width."""


@dataclass(frozen=True)
class _Layout:
    """Where one activity's row is drawn."""

    scale: TimeScale
    prefix: str
    plan: Plan
    today: dt.date
    shape: Geometry


def _bar_fill(layout: _Layout, priority: int | None) -> tuple[str, str | None]:
    """CSS class and pattern fill of a bar for a priority."""
    pattern = PRIORITY_PATTERNS[priority]
    if pattern == "ingen":
        return "d-bar d-bar-ingen", None
    return f"d-bar d-bar-p{priority}", pattern_fill(layout.prefix, pattern)


def _bar(layout: _Layout, activity: Activity, y: float) -> tuple[str, float, float]:
    """The shapes of one scheduled activity and the x range they cover."""
    span = planned_span(activity)
    drawn = span.drawn(layout.plan.period_start, layout.plan.period_end)
    assert drawn is not None
    scale = layout.scale
    x_start, x_end = scale.x(drawn[0]), scale.x_end(drawn[1])
    css, fill = _bar_fill(layout, activity.priority)
    top = layout.shape.bar_top(y)
    shape = span.shape
    if shape is SpanShape.OPEN_END and span.start:
        solid_end = scale.x_end(span.start.last_day)
        parts = [
            rect(x_start, top, solid_end - x_start, BAR, css, fill=fill),
            _open_part(solid_end, x_end, top, "slut"),
        ]
    elif shape is SpanShape.OPEN_START and span.end:
        solid_start = scale.x(span.end.first_day)
        parts = [
            _open_part(x_start, solid_start, top, "start"),
            rect(solid_start, top, x_end - solid_start, BAR, css, fill=fill),
        ]
    elif shape is SpanShape.START_BY:
        parts = [_open_part(x_start, x_end, top, "start"), _deadline(x_end, top)]
    else:
        parts = [rect(x_start, top, x_end - x_start, BAR, css, fill=fill)]
        if shape is SpanShape.CONTINUOUS:
            parts.append(_arrow(x_end, top, BAR))
    return "".join(parts), x_start, x_end


def _open_part(x_from: float, x_to: float, top: float, missing: str) -> str:
    """A dashed outline for the part of a period the plan does not give, with an arrow at the open end."""
    if x_to - x_from < 1:
        return ""
    arrow = _arrow(x_to, top, BAR) if missing == "slut" else _arrow(x_from, top, BAR, left=True)
    return rect(x_from, top + 3, x_to - x_from, BAR - 6, "d-bar-oppen") + arrow


def _deadline(x: float, top: float) -> str:
    """A short upright bar at the latest start: the start must come before it."""
    return rect(x - 2, top - 2, 4, BAR + 4, "d-pil")


def _arrow(x: float, top: float, height: float, *, left: bool = False) -> str:
    """A small arrow head at `x` that says the bar continues."""
    mid, size = top + height / 2, 6
    if left:
        return polygon([(x, mid), (x + size, mid - size), (x + size, mid + size)], "d-pil")
    return polygon([(x, mid), (x - size, mid - size), (x - size, mid + size)], "d-pil")


def _period_label(layout: _Layout, activity: Activity, x_start: float, x_end: float, y: float) -> str:
    """The period in words next to the bar, with "försenad" when late; placed where it fits
    (after the bar, before it, or under it)."""
    label = planned_span(activity).label()
    late = is_late(layout.plan, activity, layout.today)
    if late:
        label += " – försenad"
    shape = layout.shape
    width = text_width(label, SMALL)
    baseline = shape.bar_baseline(y)
    css = "d-text d-sen" if late else "d-text d-period"
    if x_end + 6 + width <= shape.chart_x1:
        return text(x_end + 6, baseline, label, css, size=SMALL)
    if x_start - 6 - width >= shape.chart_x0:
        return text(x_start - 6, baseline, label, css, anchor="end", size=SMALL)
    under = shape.bar_top(y) + BAR + SMALL
    return text(max(min(x_start + 4, shape.chart_x1 - width), shape.chart_x0), under, label, css, size=SMALL)


def _unscheduled_text(plan: Plan, activity: Activity) -> str:
    """What an activity without dates waits for, or that the plan gives no dates."""
    if activity.schedule.after:
        names = ", ".join(plan.activity(a).number for a in activity.schedule.after if plan.has("aktivitet", a))
        return f"startar efter {names} (redaktionens tolkning)"
    return "ingen tidplan i planen"


def _row(layout: _Layout, activity: Activity, index: int) -> str:
    """One activity: label, priority, bar (or text) and period, with its details as hover text."""
    shape = layout.shape
    y = HEADER + index * shape.row
    lines = wrap(f"{activity.number} {activity.name}", shape.label_width - 8, FONT)
    if shape.stacked:
        first_baseline = priority_y = y + FONT
    else:
        first_baseline = y + shape.row / 2 - (len(lines) - 1) * FONT * 0.6 + FONT * 0.35
        priority_y = y + shape.row / 2 + FONT * 0.35
    parts = [
        lines_of_text(shape.label_x, first_baseline, lines, FONT),
        text(
            shape.priority_x,
            priority_y,
            f"P{activity.priority}" if activity.priority else "–",
            "d-text d-prio",
            anchor="end" if shape.stacked else "start",
            size=FONT,
        ),
    ]
    if planned_span(activity).is_scheduled:
        bar, x_start, x_end = _bar(layout, activity, y)
        parts += [bar, _period_label(layout, activity, x_start, x_end, y)]
    else:
        parts.append(
            text(
                shape.chart_x0 + 6,
                shape.bar_baseline(y),
                _unscheduled_text(layout.plan, activity),
                "d-text d-ej-schemalagd",
                size=SMALL,
            )
        )
    return group(tooltip(_spoken(layout, activity)) + "".join(parts), "d-rad")


def _spoken(layout: _Layout, activity: Activity) -> str:
    """An activity's row in words: number, name, period, priority and status."""
    period = planned_span(activity).label()
    status = status_label(layout.plan, activity, layout.today)
    return f"{activity.number} {activity.name}: {period}, prioritet {activity.priority or 'saknas'}, {status}"


def _hotspot(site: Site, layout: _Layout, activity: Activity, index: int) -> Hotspot:
    """The link over an activity's row, to the activity's page."""
    url = href(site, activity_page(layout.plan.id, activity.id))
    shape = layout.shape
    return Hotspot(url, _spoken(layout, activity), 0, HEADER + index * shape.row, shape.width, shape.row)


def _priority_swatch(prefix: str, priority: int, x: float, top: float) -> str:
    """The legend symbol of a priority: its bar pattern."""
    return rect(x, top, 28, BAR, f"d-bar d-bar-p{priority}", fill=pattern_fill(prefix, PRIORITY_PATTERNS[priority]))


def _legend(prefix: str, y: float, shape: Geometry) -> tuple[str, float]:
    """Patterns for the priorities, the open part, today's line and the plan period; and its height."""
    items: list[tuple[Swatch, str]] = [
        (partial(_priority_swatch, prefix, p), f"P{p}: prioritet {p}") for p in (1, 2, 3)
    ]
    items += [
        (lambda x, t: rect(x, t, 28, BAR, "d-bar d-bar-ingen"), "–: ingen prioritet"),
        (lambda x, t: rect(x, t + 3, 28, BAR - 6, "d-bar-oppen"), "start eller slut ej angivet"),
        (lambda x, t: _arrow(x + 28, t, BAR) + rect(x, t, 22, BAR, "d-bar d-bar-ingen"), "fortsätter (löpande)"),
        (lambda x, t: line(x + 14, t - 2, x + 14, t + BAR + 2, "d-idag"), "idag"),
        (lambda x, t: rect(x, t, 28, BAR, "d-planperiod"), "planperioden"),
    ]
    return legend(items, shape.label_x, y, shape.width - 2 * shape.label_x, SMALL)


def _period_band(layout: _Layout, bottom: float) -> str:
    """A light band behind the plan period, so work outside it stands out."""
    scale, plan = layout.scale, layout.plan
    x0, x1 = scale.x(plan.period_start), scale.x_end(plan.period_end)
    return rect(x0, HEADER - 6, x1 - x0, bottom - HEADER + 6, "d-planperiod")


def timeline_diagram(
    site: Site, plan: Plan, activities: list[Activity], *, suffix: str = "", shape: Geometry = WIDE
) -> Diagram:
    """The SVG timeline of `activities` over the plan period (and any date outside it)."""
    days = [plan.period_start, plan.period_end]
    for activity in activities:
        drawn = planned_span(activity).drawn(plan.period_start, plan.period_end)
        days += list(drawn) if drawn else []
    scale = TimeScale.covering(days, shape.chart_x0, shape.chart_x1)
    prefix = f"tidslinje-{slug(plan.id)}{suffix}" + ("-smal" if shape.stacked else "")
    layout = _Layout(scale, prefix, plan, site.today, shape)
    bottom = HEADER + len(activities) * shape.row
    body = [
        pattern_defs(prefix),
        _period_band(layout, bottom),
        scale.axis(AXIS_TOP, bottom, FONT),
        "".join(_row(layout, activity, index) for index, activity in enumerate(activities)),
        scale.today_marker(site.today, 0, bottom, SMALL),
    ]
    key, key_height = _legend(prefix, bottom + 16, shape)
    body.append(key)
    scheduled = sum(planned_span(a).is_scheduled for a in activities)
    description = (
        f"{count(len(activities), 'aktivitet', 'aktiviteter')} längs tiden {scale.first.isoformat()} – {scale.last.isoformat()}; "
        f"{scheduled} med tidpunkt i planen. Planperioden i datum, {plan.period_start.isoformat()} – "
        f"{plan.period_end.isoformat()}, är räknad av webbplatsen ur ”{plan.meta.period.text}”. Staplarna följer planens precision; streckade delar anger start eller slut "
        "som planen inte ger. Samma uppgifter finns i tabellen vid diagrammet."
    )
    title = f"Tidslinje för aktiviteterna i {plan.meta.name}"
    hotspots = tuple(_hotspot(site, layout, activity, index) for index, activity in enumerate(activities))
    return Diagram(prefix, shape.width, bottom + 20 + key_height, title, description, "".join(body), hotspots=hotspots)


def _timeline_figure(
    site: Site, plan: Plan, shown: list[Activity], caption: str, table_id: str, suffix: str, download: Dataset
) -> str:
    """The figure of a timeline: the wide and the narrow drawing, the caption, the table (with its
    download) and the undated."""
    wide = timeline_diagram(site, plan, shown, suffix=suffix)
    narrow = timeline_diagram(site, plan, shown, suffix=suffix, shape=NARROW)
    table = _table(site, plan, shown, table_id, download)
    return figure(wide, caption, table, after=_unscheduled_list(site, plan, shown), narrow=narrow)


def _table(site: Site, plan: Plan, activities: list[Activity], table_id: str, download: Dataset) -> str:
    """The timeline's data: every activity with its period in the plan's words."""
    rows = []
    for activity in activities:
        span = planned_span(activity)
        drawn = span.drawn(plan.period_start, plan.period_end)
        rows.append(
            [
                Cell(
                    link(site, activity_page(plan.id, activity.id), f"{activity.number} {activity.name}"),
                    activity.number,
                ),
                cell(str(activity.priority) if activity.priority else "–", activity.priority or 9),
                cell(span.label(), drawn[0].isoformat() if drawn else "9999"),
                cell(activity.schedule.text),
                cell(status_label(plan, activity, site.today)),
            ]
        )
    headers = ["Aktivitet", "Prioritet", "Planerad period", "Tidplan i planen (ordagrant)", "Status"]
    title = f"Aktiviteternas tidplan i {plan.meta.name}"
    return data_table(table_id, title, headers, rows, numeric={1}, download=offer(site, download))


def _unscheduled_list(site: Site, plan: Plan, activities: list[Activity]) -> str:
    """Activities the timeline cannot place, with what they wait for."""
    items = [a for a in activities if not planned_span(a).is_scheduled]
    if not items:
        return ""
    entries = "".join(
        f"<li>{link(site, activity_page(plan.id, a.id), f'{a.number} {a.name}')}: {plain(_unscheduled_text(plan, a))} "
        f"(källan: ”{rich(a.schedule.text, inline=True)}”)</li>"
        for a in items
    )
    return f'<div class="tidslinje-utan-datum"><p><strong>Utan tidpunkt i planen ({len(items)})</strong></p><ul>{entries}</ul></div>'


def _neighbours(plan: Plan, activity: Activity) -> list[Activity]:
    """The activity with those it waits for before it and those waiting for it after it."""
    before = [plan.activity(a) for a in activity.schedule.after if plan.has("aktivitet", a)]
    after = plan.dependents_of(activity.id)
    return [*before, activity, *after]


@macro("tidslinje", 'tidslinje(plan="it-och-telekom")')
def timeline(site: Site, *, plan: str, aktivitet: str | None = None) -> str:
    """Tidslinje (Gantt) över planens aktiviteter med prioritet, dagens datum och länk till varje aktivitet.

    Staplarna har den precision planen anger (kvartal, halvår, år, månad, datum). Start eller slut som
    planen inte anger visas streckat; löpande arbete får en pil; aktiviteter utan tidpunkt listas bredvid.
    Med `aktivitet` visas bara den aktiviteten och de den väntar på eller som väntar på den.
    """
    p = site.plan(plan)
    if aktivitet is not None:
        return activity_timeline(site, p, p.activity(aktivitet))
    if not p.activities:
        return "Planen har inga aktiviteter ännu, så det finns ingen tidslinje att rita.\n"
    late = [a for a in p.activities if is_late(p, a, site.today)]
    caption = (
        f"Tidslinje för {plain(p.meta.name)}, planperiod {p.period_start.isoformat()} – {p.period_end.isoformat()} "
        f"(räknad ur ”{plain(p.meta.period.text)}”), "
        f"per {site.today.isoformat()}. {count(len(late), 'aktivitet', 'aktiviteter')} har passerat planerat slut "
        "utan rapport om att de är genomförda eller avbrutna."
    )
    table_id = f"tidslinje-data-{p.id}"
    return computed(site) + _timeline_figure(site, p, p.activities, caption, table_id, "", activities_dataset(site, p))


def activity_timeline(site: Site, plan: Plan, activity: Activity) -> str:
    """One activity on the plan period, with the activities it waits for and that wait for it (HTML)."""
    shown = _neighbours(plan, activity)
    others = len(shown) - 1
    caption = plain(
        f"{activity.number} {activity.name} på planperioden per {site.today.isoformat()}"
        + (f", med {count(others, 'beroende aktivitet', 'beroende aktiviteter')}." if others else ".")
    )
    rows = dataset(
        f"{plan.id}/aktiviteter/{activity.id}/tidslinje",
        f"Tidslinje för {activity.number} {activity.name} och beroende aktiviteter",
        ACTIVITY_COLUMNS,
        [activity_values(site, plan, item) for item in shown],
    )
    table_id = f"tidslinje-data-{plan.id}-{activity.id}"
    return _timeline_figure(site, plan, shown, caption, table_id, f"-{activity.id}", rows)
