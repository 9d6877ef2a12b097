"""The follow-up pages of a plan: "Uppföljning" (every period), "Uppföljning <period>" (the
yearly report, printable as a document) and "Att rapportera" (the category leader's
checklist), and the tables the editors' guide shows.

Everything is computed from the reports in `uppfoljning.yml` (`macros.model.periods`); an
activity without a report in a period is "ej rapporterad", never given a status. Views that
depend on today say which day they were computed.
"""

from __future__ import annotations

import datetime as dt
from typing import get_args

from macros.comparison import ADDED, FOLLOW_UP_KINDS, KINDS, REMOVED
from macros.comparison import Change as DataChange
from macros.exports.dataset import Column as ExportColumn
from macros.exports.dataset import Dataset, Value, dataset, date, text, whole
from macros.model.activities import Activity
from macros.model.catalog import Plan
from macros.model.followup import NOT_REPORTED, NOT_REPORTED_MEANING, STATUS_MEANINGS
from macros.model.goalchain import effect_goals_of
from macros.model.goals import EffectGoal, KeyIndicator
from macros.model.periods import (
    STATUS_ORDER,
    Change,
    DueActivity,
    DueIndicator,
    DueReason,
    PeriodStatus,
    Phase,
    Summary,
    as_of,
    changes,
    declared,
    due_activities,
    due_indicators,
    periods,
    phase,
    previous,
    reporting_period,
    status_in,
    summary,
    values_in,
)
from macros.model.reports import FollowUpPeriod, Status
from macros.model.status import LATE
from macros.render.activities import accountable_cell, accountable_labels
from macros.render.activity_export import accountable_text, party_text
from macros.render.charts import Bar, bar_figure
from macros.render.context import (
    GUIDE_PAGE,
    MacroError,
    Site,
    activity_page,
    due_page,
    follow_up_period_page,
    history_page,
)
from macros.render.downloads import offer
from macros.render.export_values import COMPUTED, point_columns, point_values, yes_no
from macros.render.history import record_href, unavailable, what_changed
from macros.render.html import computed, slug, swedish_key
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.sortable import Cell, Column, Row, Table, cell, data_table
from macros.render.text import table

INDICATOR_ACTIVITY_REFERENCE = "redaktionens hänvisning från nyckeltalet, inte planens"
"""What the link from a nyckeltal to an activity is, where the activity's people are named for it."""

PERIOD_RULE = (
    "Planen säger att genomförda aktiviteter och deras effekter rapporteras årligen (avsnitt 6.0) men anger "
    "inga perioder. Webbplatsen delar därför planperioden i ett år i taget från planperiodens start: "
    "periodernas datum är räknade av webbplatsen, inte planens."
)
"""How the default periods come about, said where they are shown."""


def _periods_said(plan: Plan) -> str:
    """Where the plan's periods come from, in one sentence."""
    if declared(plan):
        return "Perioderna anges i planens uppfoljning.yml."
    return PERIOD_RULE


def _period_day_columns(plan: Plan, first: str, last: str) -> list[ExportColumn]:
    """A period's first and last day as download columns that say where the days come from."""
    basis = "enligt uppfoljning.yml" if declared(plan) else COMPUTED
    return [date(f"{first} ({basis})"), date(f"{last} ({basis})")]


def _period(site: Site, plan: Plan, period_id: str) -> FollowUpPeriod:
    """The plan's period with this id, or a Swedish error naming the ones that exist."""
    for item in periods(plan):
        if item.id == period_id:
            return item
    known = ", ".join(item.id for item in periods(plan))
    raise MacroError(f"perioden '{period_id}' finns inte i planen '{plan.id}' (finns: {known})")


def _statuses(site: Site, plan: Plan, item: FollowUpPeriod) -> list[PeriodStatus]:
    """Every activity's status at the end of a period, computed once per build and period."""
    key = f"period-status:{plan.id}:{item.id}"
    return site.once(key, lambda: [status_in(plan, activity, item, site.today) for activity in plan.activities])


def _dates(item: FollowUpPeriod) -> str:
    """A period's first and last day."""
    return f"{item.start.isoformat()} – {item.end.isoformat()}"


def _person(site: Site, person_id: str) -> str:
    """A person's name."""
    return plain(site.model.person(person_id).name)


def _activity_link(site: Site, plan: Plan, activity: Activity) -> str:
    """A Markdown link to the activity's page with its number and name."""
    return f"[{plain(activity.number)} {plain(activity.name)}]({site.link(activity_page(plan.id, activity.id))})"


def _status_cell(item: PeriodStatus) -> str:
    """A period status in words, with when it was last reported and "försenad"."""
    if item.report is None:
        shown = NOT_REPORTED
    elif item.since:
        shown = f"{NOT_REPORTED} sedan {item.since.isoformat()} (då: {item.report.status})"
    elif not item.in_period:
        shown = f"{item.status} (rapporterad {item.report.date.isoformat()}, tidigare period)"
    else:
        shown = item.status
    return f"{shown}, **{LATE}**" if item.late else shown


# --- The tables as data (downloads) ------------------------------------------------------
# Each period page's tables are exported per period, under `<plan>/uppfoljning/<period>/`;
# the tables per effektmål are parts of one file per period (activities, nyckeltal), offered
# under each of them the way a record's changes offer the whole history.


def _period_path(plan: Plan, item: FollowUpPeriod, name: str) -> str:
    """Where one of a period page's tables is exported: `<plan>/uppfoljning/<period>/<name>`."""
    return f"{plan.id}/uppfoljning/{item.id}/{name}"


def _period_title(plan: Plan, item: FollowUpPeriod, what: str) -> str:
    """The title of one of a period page's exports: "Uppföljning 2024/25 i <plan>: <what>"."""
    return f"Uppföljning {item.name} i {plan.meta.name}: {what}"


def _status_columns(label: str) -> list[ExportColumn]:
    """A status at the end of a period as columns: the status, late or not, and the report it comes from."""
    return [
        text(label),
        text(f"{label}: försenad"),
        text(f"{label}: rapporterad under perioden"),
        date(f"{label}: senaste rapportens datum"),
        text(f"{label}: senaste rapportens status"),
    ]


def _status_values(item: PeriodStatus) -> list[Value]:
    """The values of `_status_columns` for one activity's status."""
    report = item.report
    return [
        item.status,
        yes_no(item.late),
        yes_no(item.in_period),
        report.date if report else None,
        report.status if report else None,
    ]


ACTIVITY_KEY = [text("Aktivitet, id"), text("Nr"), text("Aktivitet")]
"""The columns that name an activity in the follow-up's exports."""


def _activity_key(activity: Activity) -> list[Value]:
    """The values of `ACTIVITY_KEY`."""
    return [activity.id, activity.number, activity.name]


# --- Stamp: plan, period, version and the date of the data -------------------------------


def plan_version(plan: Plan, day: dt.date) -> str:
    """The decided version in force on `day` (the latest decided by then), or that there was none."""
    if not plan.meta.versions:
        return "ingen version angiven i planen"
    decided = [v for v in plan.meta.versions if v.date <= day]
    if not decided:
        return f"ingen beslutad version före {day.isoformat()}"
    latest = max(decided, key=lambda v: v.date)
    return f"{latest.version} ({latest.date.isoformat()})"


def _version_day(site: Site, item: FollowUpPeriod) -> dt.date:
    """The day whose version a period's report names: the period's end, or today while it runs."""
    return min(item.end, site.today)


def data_date(site: Site, plan: Plan) -> str:
    """When the plan's data last changed, from git: "2026-11-20 (a1b2c3d)", or why that is not known."""
    history = site.history
    if history.unavailable:
        return f"okänt ({history.unavailable})"
    prefixes = (f"{history.data_prefix}planer/{plan.id}/", f"{history.data_prefix}kommun/")
    changed = next(
        (commit for commit in history.commits if any(f.path.startswith(prefixes) for f in commit.files)), None
    )
    shown = f"{changed.made.date().isoformat()} ({changed.short_id})" if changed else "inga incheckade ändringar"
    if any(path.startswith(prefixes) for path in history.uncommitted):
        shown += " och ändringar som inte är incheckade"
    return shown


def _stamp_rows(site: Site, plan: Plan, item: FollowUpPeriod) -> list[list[str]]:
    """The facts that identify the report: plan, period, version, data and computing date."""
    return [
        ["Kategoriplan", plain(plan.meta.name)],
        ["Period", f"{plain(item.name)}: {_dates(item)} ({phase(item, site.today).value})"],
        ["Planens version", plain(plan_version(plan, _version_day(site, item)))],
        ["Datat ändrat senast", plain(data_date(site, plan))],
        ["Beräknat", site.today.isoformat()],
    ]


def _stamp_dataset(site: Site, plan: Plan, item: FollowUpPeriod) -> Dataset:
    """The facts that identify the period's report, as one row."""
    columns = [
        text("Kategoriplan"),
        text("Period, id"),
        text("Period"),
        *_period_day_columns(plan, "Periodens första dag", "Periodens sista dag"),
        text("Läge"),
        text("Planens version"),
        text("Datat ändrat senast"),
        date("Beräknat"),
    ]
    row: list[Value] = [
        plan.meta.name,
        item.id,
        item.name,
        item.start,
        item.end,
        phase(item, site.today).value,
        plan_version(plan, _version_day(site, item)),
        data_date(site, plan),
        site.today,
    ]
    return dataset(
        _period_path(plan, item, "uppgifter"), _period_title(plan, item, "uppgifter om rapporten"), columns, [row]
    )


def _print_frame(site: Site, plan: Plan, item: FollowUpPeriod) -> str:
    """The running header and footer of the printed report (hidden on screen, on every printed page)."""
    head = f"{plan.meta.name} – Uppföljning {item.name} ({_dates(item)})"
    version = plan_version(plan, _version_day(site, item))
    foot = f"Version: {version} · Data ändrat: {data_date(site, plan)} · Beräknat {site.today.isoformat()}"
    return (
        f'<div class="utskrift-ram" aria-hidden="true"><div class="utskrift-huvud" data-search-exclude>{plain(head)}</div>'
        f'<div class="utskrift-fot" data-search-exclude>{plain(foot)}</div></div>\n\n'
    )


# --- The period page ------------------------------------------------------------------------


@macro("uppfoljningsperiod", 'uppfoljningsperiod(plan="it-och-telekom", period="2024-25")')
def period_report(site: Site, *, plan: str, period: str) -> str:
    """Uppföljningen för en period: sammanfattning, förändringar, status och värden per effektmål.

    Sammanfattningen ritas som diagram med datatabell; förändringarna räknas ur rapporterna.
    Sidan skrivs ut som ett dokument (A4) med plan, period, version och datadatum på varje sida.
    """
    p = site.plan(plan)
    item = _period(site, p, period)
    parts = [
        f"# Uppföljning {plain(item.name)}\n",
        _print_frame(site, p, item),
        table(["Uppgift", "Värde"], _stamp_rows(site, p, item), download=offer(site, _stamp_dataset(site, p, item))),
        f"{_periods_said(p)} En aktivitets status vid periodens slut är den senaste rapporten till och med "
        f"periodens sista dag. *{NOT_REPORTED}* betyder att {NOT_REPORTED_MEANING}\n",
        '<p class="utskrift-dold">Rapporten skrivs ut som ett dokument: skriv ut sidan eller spara den som PDF '
        "(Ctrl+P). Varje utskriven sida får planens namn, perioden, planens version och datum för datat.</p>\n",
    ]
    when = phase(item, site.today)
    if when is Phase.FUTURE:
        parts.append(f"Perioden har inte börjat; den börjar {item.start.isoformat()}. Inget är rapporterat för den.\n")
        return "\n".join(parts)
    statuses = _statuses(site, p, item)
    parts += [
        _summary_section(site, p, item, statuses),
        _changes_section(site, p, item, statuses),
        "## Effektmål, aktiviteter och nyckeltal\n",
        *(_goal_section(site, p, item, goal, statuses) for goal in p.effect_goals),
        _unlinked_section(site, p, item, statuses),
    ]
    return "\n".join(part for part in parts if part)


def _summary_section(site: Site, plan: Plan, item: FollowUpPeriod, statuses: list[PeriodStatus]) -> str:
    """How many activities have each status at the end of the period, as a sentence and a chart with its table."""
    counts = summary(statuses)
    ended = phase(item, site.today) is Phase.ENDED
    when = f"vid periodens slut ({item.end.isoformat()})" if ended else f"hittills ({site.today.isoformat()})"
    words = " · ".join(f"{status.capitalize()}: {counts.counts[status]}" for status in STATUS_ORDER)
    sentence = f"**{counts.total} aktiviteter {when}.** {words} · Försenade: {counts.late}.\n"
    bars = [
        Bar(status.capitalize(), counts.counts[status], f"{counts.counts[status]} av {counts.total}")
        for status in STATUS_ORDER
    ]
    bars.append(Bar("Försenade (ingår ovan)", counts.late, f"{counts.late} av {counts.total}", "streckad"))
    chart_id = f"uppfoljning-{slug(plan.id)}-{item.id}-status"
    title = f"Aktiviteternas status {when}, {item.name}"
    description = "; ".join(f"{bar.label}: {bar.value_text}" for bar in bars) + "."
    rows = [
        [cell(bar.label), cell(str(int(bar.value)), bar.value), cell(_share(bar.value, counts.total), bar.value)]
        for bar in bars
    ]
    download = offer(site, _summary_dataset(site, plan, item, counts, bars))
    data = data_table(f"{chart_id}-data", title, ["Status", "Antal", "Andel"], rows, numeric={1, 2}, download=download)
    caption = plain(
        f"{title}. Varje aktivitet räknas en gång efter sin status; försenade (planerat slut passerat utan att "
        "aktiviteten är genomförd eller avbruten) räknas också för sig, streckat."
    )
    chart = bar_figure(chart_id, title, description, bars, caption, data, unit="st", maximum=max(counts.total, 1))
    return "## Sammanfattning\n\n" + computed(site) + sentence + "\n" + chart


def _summary_dataset(site: Site, plan: Plan, item: FollowUpPeriod, counts: Summary, bars: list[Bar]) -> Dataset:
    """The chart's table: how many activities have each status (and how many are late), of how many, on which day."""
    columns = [
        text("Status"),
        whole("Antal"),
        whole("Antal aktiviteter"),
        whole("Andel, procent (avrundad)"),
        date("Räknat per"),
    ]
    day = as_of(item, site.today)
    rows: list[list[Value]] = [
        [
            bar.label,
            int(bar.value),
            counts.total,
            round(100 * bar.value / counts.total) if counts.total else None,
            day,
        ]
        for bar in bars
    ]
    return dataset(
        _period_path(plan, item, "status"), _period_title(plan, item, "antal aktiviteter per status"), columns, rows
    )


def _share(value: float, total: int) -> str:
    """A share in whole percent, Swedish style ("30 %"), or "–" of nothing."""
    return f"{round(100 * value / total)}\u00a0%" if total else "–"


def _changes_section(site: Site, plan: Plan, item: FollowUpPeriod, statuses: list[PeriodStatus]) -> str:
    """What changed since the previous period: the activities' status, and the plan's own content."""
    heading = "## Förändringar sedan föregående period\n\n"
    return heading + _status_changes(site, plan, item, statuses) + "\n" + _content_changes(site, plan, item)


def _status_changes(site: Site, plan: Plan, item: FollowUpPeriod, statuses: list[PeriodStatus]) -> str:
    """The activities whose status differs from the end of the previous period."""
    before = previous(plan, item)
    heading = "### Aktiviteternas status\n\n"
    if before is None:
        return (
            heading + "Det här är planens första uppföljningsperiod; det finns ingen tidigare period att jämföra med.\n"
        )
    found = changes(_statuses(site, plan, before), statuses)
    intro = (
        f"Status vid slutet av {plain(before.name)} ({before.end.isoformat()}) jämförd med statusen i "
        f"{plain(item.name)}, räknat ur rapporterna.\n\n"
    )
    if not found:
        return heading + intro + "Ingen aktivitet har ändrat status.\n"
    rows = [_change_row(site, plan, change) for change in found]
    headers = ["Aktivitet", f"Status {plain(before.name)}", f"Status {plain(item.name)}"]
    download = offer(site, _status_changes_dataset(plan, item, before, found))
    return heading + intro + table(headers, rows, download=download)


def _status_changes_dataset(plan: Plan, item: FollowUpPeriod, before: FollowUpPeriod, found: list[Change]) -> Dataset:
    """The activities whose status changed since the previous period, with both statuses."""
    columns = [
        *ACTIVITY_KEY,
        *_status_columns("Status vid föregående periods slut"),
        *_status_columns("Status vid periodens slut"),
    ]
    rows = [[*_activity_key(c.activity), *_status_values(c.before), *_status_values(c.after)] for c in found]
    title = _period_title(plan, item, f"aktiviteter vars status ändrats sedan {before.name}")
    return dataset(_period_path(plan, item, "statusandringar"), title, columns, rows)


def content_changes_in(
    site: Site, plan: Plan, first: dt.date, last: dt.date
) -> dict[tuple[str | None, str, str], list[DataChange]]:
    """The changes to the plan's own records committed from `first` to `last` (both included), per record.

    From the history the auditors' comparison engine computes commit by commit; reports and
    measured values are left out (they are the follow-up itself, shown above).
    """
    found: dict[tuple[str | None, str, str], list[DataChange]] = {}
    for commit, change in site.history.content_changes(plan.id):
        if change.plan == plan.id and change.kind not in FOLLOW_UP_KINDS and first <= commit.made.date() <= last:
            found.setdefault(change.record_key, []).append(change)
    return found


def _content_changes(site: Site, plan: Plan, item: FollowUpPeriod) -> str:
    """The plan's records changed during the period (activities, nyckeltal, versions …), from the git history."""
    heading = "### Planens innehåll\n\n"
    if site.archive is not None:
        return ""  # a decided version's copy has no history; the published site shows it
    if (reason := unavailable(site)) is not None:
        return heading + "Ändringar i planens innehåll under perioden räknas ur git-historiken. " + reason
    last = min(item.end, site.today)
    found = content_changes_in(site, plan, item.start, last)
    history = f"[Historik per post]({site.link(history_page(plan.id))})"
    intro = (
        f"Planens poster som ändrades {item.start.isoformat()} – {last.isoformat()}, räknat ur git-historiken "
        f"post för post (rapporterna och mätvärdena ovan räknas inte hit). Före och efter för varje ändring "
        f"står i {history}.\n\n"
    )
    if not found:
        return heading + intro + "Historiken visar ingen ändring av planens innehåll under perioden.\n"
    ordered = sorted(found.items(), key=lambda pair: swedish_key(pair[1][0].label))
    rows = [
        Row(
            [
                Cell(f'<a href="{plain(record_href(site, key))}">{plain(items[0].label)}</a>', items[0].label),
                cell(_net_change(items)),
            ]
        )
        for key, items in ordered
    ]
    count = f"{len(rows)} {'post' if len(rows) == 1 else 'poster'} ändrades under perioden.\n\n"
    changed = Table(
        "planens-innehall",
        f"Planens poster ändrade {item.start.isoformat()} – {last.isoformat()}",
        [Column("Post", row_header=True), Column("Vad som ändrades")],
        rows,
        download=offer(site, _content_changes_dataset(plan, item, last, ordered)),
    )
    return heading + intro + count + changed.html() + "\n"


def _content_changes_dataset(
    plan: Plan,
    item: FollowUpPeriod,
    last: dt.date,
    ordered: list[tuple[tuple[str | None, str, str], list[DataChange]]],
) -> Dataset:
    """The plan's records changed during the period: which record, and what happened to it over the period."""
    columns = [
        text("Post"),
        text("Slag av post"),
        text("Id"),
        text("Vad som ändrades"),
        whole("Antal ändringar (en per ändrat fält)"),
    ]
    rows: list[list[Value]] = [
        [
            items[0].label,
            KINDS[kind].title if kind in KINDS else kind,
            record,
            _net_change(items),
            len(items),
        ]
        for (_, kind, record), items in ordered
    ]
    title = _period_title(plan, item, f"planens poster ändrade {item.start.isoformat()} – {last.isoformat()}")
    return dataset(_period_path(plan, item, "innehall"), title, columns, rows)


def _net_change(items: list[DataChange]) -> str:
    """What happened to one record over the period: added or removed (whatever else was edited), else its fields."""
    whole = {change.change for change in items if change.field is None}
    if whole == {ADDED}:
        return "posten lades till under perioden"
    if whole == {REMOVED}:
        return "posten togs bort under perioden"
    return ", ".join(dict.fromkeys(what_changed(change) for change in items))


def _change_row(site: Site, plan: Plan, change: Change) -> list[str]:
    """One changed activity: its link and the two statuses."""
    return [_activity_link(site, plan, change.activity), _status_cell(change.before), _status_cell(change.after)]


def _goal_section(site: Site, plan: Plan, item: FollowUpPeriod, goal: EffectGoal, statuses: list[PeriodStatus]) -> str:
    """One effektmål: its activities with their status at the end of the period, and its nyckeltal's values."""
    serving = _serving(plan, goal, statuses)
    parts = [f"### {plain(goal.number)} {plain(goal.name)}\n"]
    if serving:
        rows = [_activity_row(site, plan, status, proposal) for status, proposal in serving]
        parts.append(table(ACTIVITY_HEADERS, rows, download=_activities_download(site, plan, item, statuses)))
    else:
        parts.append("Inga aktiviteter är kopplade till effektmålet.\n")
    indicators = plan.indicators_of(goal.id)
    if indicators:
        rows = [_indicator_row(site, plan, item, indicator) for indicator in indicators]
        headers = ["Nyckeltal", "Målvärde", "Värde under perioden", "Rapporterat av", "Kommentar"]
        parts.append(table(headers, rows, download=_indicators_download(site, plan, item)))
    return "\n".join(parts)


ACTIVITY_HEADERS = ["Aktivitet", "Status vid periodens slut", "Rapportdatum", "Rapporterad av", "Kommentar"]
"""The headers of the period page's tables of activities."""


def _serving(plan: Plan, goal: EffectGoal, statuses: list[PeriodStatus]) -> list[tuple[PeriodStatus, bool]]:
    """The activities serving an effektmål with their status, True when only the editors' proposals link them."""
    return [
        (status, proposal) for status in statuses for g, proposal in _goals(plan, status.activity) if g.id == goal.id
    ]


def _activities_download(site: Site, plan: Plan, item: FollowUpPeriod, statuses: list[PeriodStatus]) -> str:
    """The download of the period's activities, offered under each table of activities on the period page."""
    export = site.once(
        f"period-activities:{plan.id}:{item.id}", lambda: _activities_dataset(site, plan, item, statuses)
    )
    return offer(site, export, wider=f"alla aktiviteter i {item.name}, en rad per aktivitet och effektmål")


def _activities_dataset(site: Site, plan: Plan, item: FollowUpPeriod, statuses: list[PeriodStatus]) -> Dataset:
    """Every activity under each effektmål it serves (then those serving none), with its status at the end of the period."""
    columns = [
        text("Effektmål, nr"),
        text("Effektmål"),
        text("Kopplingen föreslagen av redaktionen"),
        *ACTIVITY_KEY,
        *_status_columns("Status vid periodens slut"),
        text("Rapporterad av"),
        text("Kommentar"),
    ]

    def row(goal: EffectGoal | None, status: PeriodStatus, proposal: bool) -> list[Value]:
        report = status.report
        return [
            goal.number if goal else None,
            goal.name if goal else None,
            yes_no(proposal) if goal else None,
            *_activity_key(status.activity),
            *_status_values(status),
            site.model.person(report.reported_by).name if report else None,
            report.comment if report else None,
        ]

    rows = [
        row(goal, status, proposal) for goal in plan.effect_goals for status, proposal in _serving(plan, goal, statuses)
    ]
    rows += [row(None, status, False) for status in statuses if not _goals(plan, status.activity)]
    return dataset(
        _period_path(plan, item, "aktiviteter"), _period_title(plan, item, "aktiviteternas status"), columns, rows
    )


def _indicators_download(site: Site, plan: Plan, item: FollowUpPeriod) -> str:
    """The download of the period's nyckeltal, offered under each table of nyckeltal on the period page."""
    export = site.once(f"period-indicators:{plan.id}:{item.id}", lambda: _indicators_dataset(site, plan, item))
    return offer(site, export, wider=f"alla nyckeltal i {item.name}, en rad per värde uppmätt under perioden")


def _indicators_dataset(site: Site, plan: Plan, item: FollowUpPeriod) -> Dataset:
    """Every nyckeltal under its effektmål with each value measured in the period (latest first), or none."""
    columns = [
        text("Effektmål, nr"),
        text("Effektmål"),
        text("Nyckeltal, id"),
        text("Avsnitt"),
        text("Nyckeltal"),
        text("Målvärde"),
        text("Uppmätt under perioden"),
        date("Datum"),
        text("Värde"),
        text("Rapporterat av"),
        text("Kommentar"),
    ]
    rows: list[list[Value]] = []
    for goal in plan.effect_goals:
        for indicator in plan.indicators_of(goal.id):
            named: list[Value] = [
                goal.number,
                goal.name,
                indicator.id,
                indicator.section,
                indicator.text,
                indicator.target,
            ]
            values = values_in(plan, indicator, item)
            if not values:
                rows.append([*named, yes_no(False), None, None, None, None])
            for value in reversed(values):
                person = site.model.person(value.reported_by).name
                rows.append([*named, yes_no(True), value.date, value.value, person, value.comment])
    return dataset(
        _period_path(plan, item, "nyckeltal"), _period_title(plan, item, "nyckeltalens värden"), columns, rows
    )


def _goals(plan: Plan, activity: Activity) -> list[tuple[EffectGoal, bool]]:
    """The effektmål an activity serves, with True when only the editors' proposals link them."""
    return effect_goals_of(plan, activity)


def _activity_row(site: Site, plan: Plan, status: PeriodStatus, proposal: bool) -> list[str]:
    """An activity's row: link, status at the end of the period, the report's date, reporter and comment."""
    link = _activity_link(site, plan, status.activity) + (" *(koppling föreslagen av redaktionen)*" if proposal else "")
    report = status.report
    if report is None:
        return [link, _status_cell(status), "–", "–", ""]
    comment = rich(report.comment, inline=True) if report.comment else ""
    return [link, _status_cell(status), report.date.isoformat(), _person(site, report.reported_by), comment]


def _indicator_row(site: Site, plan: Plan, item: FollowUpPeriod, indicator: KeyIndicator) -> list[str]:
    """A nyckeltal's row: text, target, the values measured in the period (latest first), reporter and comment."""
    values = values_in(plan, indicator, item)
    name = f"{plain(indicator.section)} {plain(indicator.text)}"
    target = plain(indicator.target) if indicator.target else "anges inte i planen"
    if not values:
        return [name, target, "ej uppmätt under perioden", "–", ""]
    latest = values[-1]
    shown = f"{plain(latest.value)} ({latest.date.isoformat()})"
    earlier = [f"{plain(v.value)} ({v.date.isoformat()})" for v in reversed(values[:-1])]
    if earlier:
        shown += "; tidigare under perioden: " + ", ".join(earlier)
    comment = rich(latest.comment, inline=True) if latest.comment else ""
    return [name, target, shown, _person(site, latest.reported_by), comment]


def _unlinked_section(site: Site, plan: Plan, item: FollowUpPeriod, statuses: list[PeriodStatus]) -> str:
    """Activities that serve no effektmål, so that every activity of the plan is in the report."""
    alone = [status for status in statuses if not _goals(plan, status.activity)]
    if not alone:
        return ""
    rows = [_activity_row(site, plan, status, False) for status in alone]
    download = _activities_download(site, plan, item, statuses)
    return "### Aktiviteter utan koppling till ett effektmål\n\n" + table(ACTIVITY_HEADERS, rows, download=download)


# --- Every period ---------------------------------------------------------------------------


@macro("uppfoljning", 'uppfoljning(plan="it-och-telekom")')
def follow_up_overview(site: Site, *, plan: str) -> str:
    """Planens uppföljningsperioder med antal aktiviteter per status och länkar till varje periods rapport."""
    p = site.plan(plan)
    rows = []
    values: list[list[Value]] = []
    for item in periods(p):
        link = f"[{plain(item.name)}]({site.link(follow_up_period_page(p.id, item.id))})<br>{_dates(item)}"
        when = phase(item, site.today)
        named: list[Value] = [item.id, item.name, item.start, item.end, when.value]
        if when is Phase.FUTURE:
            rows.append([link, when.value, *("–" for _ in STATUS_ORDER), "–"])
            values.append([*named, None, *(None for _ in STATUS_ORDER), None])
            continue
        counts = summary(_statuses(site, p, item))
        rows.append([link, when.value, *(str(counts.counts[s]) for s in STATUS_ORDER), str(counts.late)])
        values.append([*named, as_of(item, site.today), *(counts.counts[s] for s in STATUS_ORDER), counts.late])
    headers = ["Period och datum", "Läge", *(s.capitalize() for s in STATUS_ORDER), "Försenade"]
    due = f"[Att rapportera]({site.link(due_page(p.id))})"
    guide = f"[Så rapporterar du status och mätvärden]({site.link(GUIDE_PAGE)})"
    return (
        f"# Uppföljning\n\n{computed(site)}"
        f"{_periods_said(p)} Varje periods sida är rapporten för perioden och kan skrivas ut som ett dokument. "
        f"Vad som behöver rapporteras nu står på sidan {due}; hur man rapporterar står i {guide}.\n\n"
        + table(headers, rows, download=offer(site, _overview_dataset(p, values)))
        + f"\nAntalen gäller aktiviteternas status vid periodens slut (för perioden som pågår: idag). "
        f"*{NOT_REPORTED}* betyder att {NOT_REPORTED_MEANING}\n"
    )


def _overview_dataset(plan: Plan, values: list[list[Value]]) -> Dataset:
    """The plan's periods with how many activities have each status at the end of each (for the running one: today)."""
    columns = [
        text("Period, id"),
        text("Period"),
        *_period_day_columns(plan, "Första dag", "Sista dag"),
        text("Läge"),
        date("Räknat per"),
        *(whole(status.capitalize()) for status in STATUS_ORDER),
        whole("Försenade"),
    ]
    return dataset(f"{plan.id}/uppfoljning", f"Uppföljningsperioder i {plan.meta.name}", columns, values)


# --- Att rapportera -------------------------------------------------------------------------


@macro("att_rapportera", 'att_rapportera(plan="it-och-telekom")')
def due_list(site: Site, *, plan: str) -> str:
    """Det som ska rapporteras nu, med ansvarig: kategoriledarens checklista inför årsrapporten.

    Aktiviteter vars planerade slut passerats utan slutrapport, som aldrig rapporterats eller inte
    rapporterats under perioden, och nyckeltal utan värde för perioden.
    """
    p = site.plan(plan)
    item = reporting_period(p, site.today)
    when = phase(item, site.today)
    ends = {
        Phase.FUTURE: f"börjar {item.start.isoformat()}",
        Phase.CURRENT: f"slutar {item.end.isoformat()}",
        Phase.ENDED: f"slutade {item.end.isoformat()}; planperioden är slut",
    }[when]
    period_link = f"[{plain(item.name)}]({site.link(follow_up_period_page(p.id, item.id))})"
    guide = f"[Så rapporterar du status och mätvärden]({site.link(GUIDE_PAGE)})"
    activities = due_activities(p, site.today)
    indicators = due_indicators(p, site.today)
    parts = [
        "# Att rapportera\n",
        computed(site, "Listan räknas fram varje dag ur planens tidplan och uppföljningsrapporterna."),
        f"Perioden som rapporteras nu: {period_link} ({_dates(item)}; {ends}). {_periods_said(p)} "
        "Listan är kategoriledarens checklista "
        f"inför årsrapporten: det som saknas för perioden och vem som svarar för det. Hur man rapporterar "
        f"står i {guide}.\n",
        f"## Aktiviteter ({len(activities)} av {len(p.activities)})\n",
        _due_activity_table(site, p, item, activities)
        if activities
        else "Alla aktiviteter är rapporterade för perioden.\n",
        f"## Nyckeltal ({len(indicators)} av {len(p.indicators)})\n",
        _due_indicator_table(site, p, item, indicators)
        if indicators
        else "Alla nyckeltal har ett värde för perioden.\n",
    ]
    return "\n".join(parts)


def _due_activity_table(site: Site, plan: Plan, period: FollowUpPeriod, items: list[DueActivity]) -> str:
    """Due activities: what is missing, the latest report, the planned end and who is accountable."""
    rows = []
    for due in items:
        activity = due.activity
        latest = due.latest
        reported = f"{latest.status}, {latest.date.isoformat()}, {_person(site, latest.reported_by)}" if latest else "–"
        end = (
            plain(activity.schedule.end_said)
            if activity.schedule.end_said
            else ("löpande" if activity.schedule.continuous else "anges inte")
        )
        rows.append(
            [
                _activity_link(site, plan, activity),
                "; ".join(reason.value for reason in due.reasons),
                reported,
                end,
                accountable_cell(site, plan, activity),
            ]
        )
    headers = ["Aktivitet", "Vad som saknas", "Senaste rapport", "Planerat slut", "Ansvarig"]
    return table(headers, rows, download=offer(site, _due_activities_dataset(site, plan, period, items)))


def _due_title(site: Site, plan: Plan, period: FollowUpPeriod, what: str) -> str:
    """The title of an export of Att rapportera: the plan, the day it was computed and the period."""
    return f"Att rapportera i {plan.meta.name} per {site.today.isoformat()} (perioden {period.name}): {what}"


def _due_activities_dataset(site: Site, plan: Plan, period: FollowUpPeriod, items: list[DueActivity]) -> Dataset:
    """The activities to report on: what is missing, the latest report, the planned end and who is accountable."""
    columns = [
        *ACTIVITY_KEY,
        text("Vad som saknas"),
        date("Senaste rapport, datum"),
        text("Senaste rapport, status"),
        text("Senaste rapport, rapporterad av"),
        *point_columns("Planerat slut"),
        text("Löpande"),
        text("Ansvarig"),
    ]
    rows: list[list[Value]] = []
    for due in items:
        activity = due.activity
        latest = due.latest
        rows.append(
            [
                *_activity_key(activity),
                "; ".join(reason.value for reason in due.reasons),
                latest.date if latest else None,
                latest.status if latest else None,
                site.model.person(latest.reported_by).name if latest else None,
                *point_values(activity.schedule.end, activity.schedule.end_words),
                yes_no(activity.schedule.continuous),
                accountable_text(site, plan, activity),
            ]
        )
    title = _due_title(site, plan, period, "aktiviteter")
    return dataset(f"{plan.id}/att-rapportera-aktiviteter", title, columns, rows)


def _due_indicator_table(site: Site, plan: Plan, period: FollowUpPeriod, items: list[DueIndicator]) -> str:
    """Due nyckeltal: the latest value, and who reports it (the category leader, and the activities' accountable)."""
    lead = plan.organisation.category_lead
    leader = f"Kategoriledaren, som återrapporterar enligt avsnitt 8.2: {_person(site, lead)}"
    rows = []
    for due in items:
        indicator = due.indicator
        latest = due.latest
        value = f"{plain(latest.value)} ({latest.date.isoformat()})" if latest else "ej uppmätt"
        who = [leader]
        for activity_id in indicator.activities:
            activity = plan.activity(activity_id)
            names = ", ".join(accountable_labels(site, plan, activity))
            if names:
                who.append(f"ansvarig för {plain(activity.number)} ({INDICATOR_ACTIVITY_REFERENCE}): {names}")
        rows.append(
            [
                f"{plain(indicator.section)} {plain(indicator.text)}",
                DueReason.NO_VALUE.value,
                value,
                "; ".join(who),
            ]
        )
    download = offer(site, _due_indicators_dataset(site, plan, period, items))
    return table(["Nyckeltal", "Vad som saknas", "Senaste värde", "Ansvarig"], rows, download=download)


def _due_indicators_dataset(site: Site, plan: Plan, period: FollowUpPeriod, items: list[DueIndicator]) -> Dataset:
    """The nyckeltal without a value for the period: the latest value, and who reports it."""
    columns = [
        text("Nyckeltal, id"),
        text("Avsnitt"),
        text("Nyckeltal"),
        text("Vad som saknas"),
        date("Senaste värde, datum"),
        text("Senaste värde"),
        text("Kategoriledare (återrapporterar enligt avsnitt 8.2)"),
        text(f"Ansvariga för aktiviteter som nyckeltalet följer upp ({INDICATOR_ACTIVITY_REFERENCE})"),
    ]
    lead = site.model.person(plan.organisation.category_lead).name
    rows: list[list[Value]] = []
    for due in items:
        indicator = due.indicator
        latest = due.latest
        accountable = []
        for activity_id in indicator.activities:
            activity = plan.activity(activity_id)
            names = ", ".join(party_text(site, plan, p) for p in activity.responsibility if p.kind == "ansvarig")
            if names:
                accountable.append(f"{activity.number}: {names}")
        rows.append(
            [
                indicator.id,
                indicator.section,
                indicator.text,
                DueReason.NO_VALUE.value,
                latest.date if latest else None,
                latest.value if latest else None,
                lead,
                "; ".join(accountable),
            ]
        )
    title = _due_title(site, plan, period, "nyckeltal")
    return dataset(f"{plan.id}/att-rapportera-nyckeltal", title, columns, rows)


# --- For the editors' guide ------------------------------------------------------------------


@macro("statusvarden", "statusvarden()")
def status_table(site: Site) -> str:
    """De statusar en rapport kan ha och vad de betyder, och vad ”ej rapporterad” betyder."""
    rows = [[f"`{status}`", STATUS_MEANINGS[status]] for status in get_args(Status)]
    rows.append([f"*{NOT_REPORTED}* (skrivs aldrig)", f"Visas när {NOT_REPORTED_MEANING}"])
    return table(["Status", "Betydelse"], rows)


@macro("rapportera_id", 'rapportera_id(plan="it-och-telekom")')
def report_ids(site: Site, *, plan: str | None = None) -> str:
    """Aktiviteternas och nyckeltalens id, som en rapport ska ange, bredvid numren redaktörer känner dem under."""
    chosen = [site.plan(plan)] if plan else list(site.model.plans.values())
    parts = []
    for p in chosen:
        activities = [[plain(a.number), plain(a.name), f"`{a.id}`"] for a in p.activities]
        indicators = [[plain(i.section), plain(i.text), f"`{i.id}`"] for i in p.indicators]
        parts += [
            f"### {plain(p.meta.name)}\n",
            f"Mappen: `data/planer/{p.id}/`. Aktiviteterna:\n",
            table(["Nr", "Aktivitet", "id (skrivs i aktivitet:)"], activities),
            "Nyckeltalen:\n",
            table(["Avsnitt", "Nyckeltal", "id (skrivs i nyckeltal:)"], indicators),
        ]
    return "\n".join(parts)
