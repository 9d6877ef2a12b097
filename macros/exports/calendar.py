"""The calendar feeds: procurement deadlines and activities' planned dates as all-day events.

Per plan: for each procurement need, the day the current contract can be extended to
(förlängning t.o.m., which is the contract's last possible day: the plan gives no other
contract end) and the derived latest start of the procurement; for each activity, its
planned start, its planned end and its "påbörjas senast", each at the precision the plan
gives (a quarter is an event from its first to its last day, and the text says "kvartal").
Per person: the dates of the activities the person takes part in, directly or through a role
(the plan names no one responsible for a procurement need, so those are in the plan's feed only).
An activity that names only a role the person holds says so in its summary and description:
that the person holds the role is the editors' interpretation, not the plan's words.

Every event has a UID made from the plan, the record's id and the date's field, so that it is
the same in every build and a subscribed calendar updates the event instead of adding a copy.
`SEQUENCE` must rise when the date of an event changes; how often a date has changed is
history, which `EventSequence` answers. By default it answers 0; the build gives it
`history_sequence(site.history)`, which counts the commits that changed the date's field in
the record-by-record comparison of the history (`macros.comparison`):
`sequence(plan, kind, record, field)` for kind `aktivitet` with the tidplan's `start`, `slut`
or `senast_start`, kind `upphandlingsbehov` with `förlängning_tom`, and `senaste_start` for
the derived latest start (which changes when the need's `förlängning_tom` or `underkategori`
changes, or the plan's lead times in plan.yml).

This module only describes the feeds; `macros.exports.ical` writes them with `icalendar`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from macros.model.activities import Activity
from macros.model.catalog import Municipality, Plan
from macros.model.deadlines import ProcurementDeadline, deadlines
from macros.model.history import History
from macros.model.time import Precision, TimePoint

EventSequence = Callable[[str, str, str, str], int]
"""How many times a date changed: (plan id, kind of record, record id, field) → count."""


def no_changes(plan_id: str, kind: str, record_id: str, field: str) -> int:
    """The default sequence: every date counts as never changed."""
    return 0


ACTIVITY_DATE_KEYS = {"tidplan.start": "start", "tidplan.slut": "slut", "tidplan.senast_start": "senast_start"}
"""The fields of an activity's dates as the comparison names them (`Change.key`) → the sequence's field."""

LATEST_START_KEYS = ("förlängning_tom", "underkategori")
"""A need's fields from which its latest start is derived (with the plan's lead times)."""


def history_sequence(history: History, model: Municipality) -> EventSequence:
    """The sequence of each date: how many commits in the history changed it (see the module's text).

    A commit counts once per date however many of the date's sources it changed. Dates whose
    record was only added or removed count 0: the event is new, or gone. A change of a lead
    time (`ledtider[<underkategori>]`, named as the comparison names the underkategori) counts
    for the latest start of every need of that underkategori in `model`.
    """
    counts: dict[tuple[str, str, str, str], int] = {}

    def count(key: tuple[str, str, str, str]) -> None:
        counts[key] = counts.get(key, 0) + 1

    for data_change in history.data_changes:
        touched: set[tuple[str, str, str, str]] = set()
        for change in data_change.changes:
            if change.plan is None or not change.key:
                continue
            if change.kind == "aktivitet" and change.key in ACTIVITY_DATE_KEYS:
                touched.add((change.plan, "aktivitet", change.record, ACTIVITY_DATE_KEYS[change.key]))
            elif change.kind == "upphandlingsbehov" and change.key.startswith(LATEST_START_KEYS):
                if change.key.startswith("förlängning_tom"):
                    touched.add((change.plan, "upphandlingsbehov", change.record, "förlängning_tom"))
                touched.add((change.plan, "upphandlingsbehov", change.record, "senaste_start"))
            elif change.kind == "plan" and change.key.startswith("ledtider["):
                touched |= {
                    (change.plan, "upphandlingsbehov", need, "senaste_start")
                    for need in _needs_of_lead_time(model, change.plan, change.key[len("ledtider[") :].split("]")[0])
                }
        for key in touched:
            count(key)

    def sequence(plan_id: str, kind: str, record_id: str, field: str) -> int:
        return counts.get((plan_id, kind, record_id, field), 0)

    return sequence


def _needs_of_lead_time(model: Municipality, plan_id: str, label: str) -> list[str]:
    """The needs whose underkategori the comparison names `label` (its name, or its id when it has none)."""
    if plan_id not in model.plans:
        return []
    plan = model.plan(plan_id)
    names = {item.id: item.name for item in plan.subcategories}
    return [
        need.id
        for need in plan.procurement_file.needs
        if label in (need.subcategory, names.get(need.subcategory, need.subcategory))
    ]


PRODUCT_ID = "-//Kategoriplaner//Kategoriplan//SV"
"""The calendar's PRODID: who made it (RFC 5545, 3.7.3)."""

UID_DOMAIN = "kategoriplaner.invalid"
"""The right-hand side of every UID: makes them unique beside other calendars' events."""

PRECISION_WORDS = {
    Precision.YEAR: "år",
    Precision.HALF: "halvår",
    Precision.QUARTER: "kvartal",
    Precision.MONTH: "månad",
    Precision.DAY: "dag",
}


@dataclass(frozen=True)
class Event:
    """An all-day event from `first` to `last` (both included)."""

    uid: str
    summary: str
    description: str
    first: dt.date
    last: dt.date
    sequence: int
    categories: tuple[str, ...]
    url: str | None = None


@dataclass(frozen=True)
class Feed:
    """A calendar: its file, name, description, the moment it describes and its events."""

    path: str
    name: str
    description: str
    stamp: dt.datetime
    events: tuple[Event, ...]


def uid(plan_id: str, kind: str, record_id: str, field: str) -> str:
    """A stable UID: `aktivitet.pub-avtal.start.it-och-telekom@kategoriplaner.invalid`."""
    return f"{kind}.{record_id}.{field}.{plan_id}@{UID_DOMAIN}"


def span_text(point: TimePoint) -> str:
    """A time point in words with its precision and days: "Q4 2023 (kvartal, 2023-10-01 – 2023-12-31)"."""
    if point.precision is Precision.DAY:
        return point.first_day.isoformat()
    words = PRECISION_WORDS[point.precision]
    return f"{point.label} ({words}, {point.first_day.isoformat()} – {point.last_day.isoformat()})"


ACTIVITY_DATES: tuple[tuple[str, str, str, Callable[[Activity], TimePoint | None]], ...] = (
    ("start", "start", "Planerad start", lambda a: a.schedule.start),
    ("slut", "slut", "Planerat slut", lambda a: a.schedule.end),
    ("senast-start", "senast_start", "Påbörjas senast", lambda a: a.schedule.latest_start),
)
"""The dates of an activity that become events: UID part, field in tidplan (YAML), label, and how to read it."""


VIA_ROLE_MARK = " (genom roll)"
"""Added to the summary of an event in a person's feed that reaches the person only through a role."""


def activity_events(
    plan: Plan, activity: Activity, sequence: EventSequence, url: str | None, *, via_role: str | None = None
) -> list[Event]:
    """An activity's planned start, end and latest start, each at the plan's precision.

    `via_role`, in a person's feed, says how the activity reaches the person when it names only a role
    the person holds; it ends the description, and the summary is marked `VIA_ROLE_MARK`.
    """
    events = []
    for part, field, label, read in ACTIVITY_DATES:
        point = read(activity)
        if point is None:
            continue
        words = activity.schedule.end_words if field == "slut" else None
        when = words or (
            point.label if point.precision is Precision.DAY else f"{PRECISION_WORDS[point.precision]} {point.label}"
        )
        said = f"{words} (räknat av webbplatsen som {span_text(point)})" if words else span_text(point)
        description = "\n".join(
            [
                f"{label}: {said}.",
                f"Tidplan i planen: {activity.schedule.text}",
                f"Aktivitet {activity.number} i {plan.meta.name}.",
                *([via_role] if via_role else []),
            ]
        )
        events.append(
            Event(
                uid(plan.id, "aktivitet", activity.id, part),
                f"{label} ({when}): {activity.number} {activity.name}" + (VIA_ROLE_MARK if via_role else ""),
                description,
                point.first_day,
                point.last_day,
                sequence(plan.id, "aktivitet", activity.id, field),
                ("Aktivitet", plan.meta.name),
                url,
            )
        )
    return events


def need_events(plan: Plan, item: ProcurementDeadline, sequence: EventSequence, url: str | None) -> list[Event]:
    """A procurement need's contract end (förlängning t.o.m.) and derived latest start, when the plan gives a date."""
    need = item.need
    if item.contract_end is None:
        return []
    about = (
        f"Upphandlingsbehov i {plan.meta.name}: {need.need} ({need.subcategory_label}, listan för {need.list_year})."
    )
    end_text = f"Nuvarande avtal kan förlängas t.o.m. {item.contract_end.isoformat()} enligt planen (9.1)."
    events = [
        Event(
            uid(plan.id, "upphandlingsbehov", need.id, "forlangning-tom"),
            f"Avtalet kan förlängas t.o.m.: {need.need}",
            f"{end_text}\n{about}",
            item.contract_end,
            item.contract_end,
            sequence(plan.id, "upphandlingsbehov", need.id, "förlängning_tom"),
            ("Upphandling", plan.meta.name),
            url,
        )
    ]
    if item.latest_start is not None:
        derived = (
            f"Senaste start för upphandlingen: {item.latest_start.isoformat()}. Beräknad av webbplatsen: "
            f"förlängning t.o.m. {item.contract_end.isoformat()} minus planens ledtid för underkategorin, "
            f"{item.lead_time_months} månader."
        )
        events.append(
            Event(
                uid(plan.id, "upphandlingsbehov", need.id, "senaste-start"),
                f"Senaste start för upphandling: {need.need}",
                f"{derived}\n{about}",
                item.latest_start,
                item.latest_start,
                sequence(plan.id, "upphandlingsbehov", need.id, "senaste_start"),
                ("Upphandling", plan.meta.name),
                url,
            )
        )
    return events


def plan_feed(
    plan: Plan,
    today: dt.date,
    stamp: dt.datetime,
    *,
    sequence: EventSequence = no_changes,
    urls: Callable[[str], str | None] = lambda page: None,
) -> Feed:
    """The plan's feed: every dated procurement deadline and every activity date.

    `urls` turns a source page into an absolute address when the site's address is known.
    """
    events: list[Event] = []
    for item in deadlines(plan, today):
        events += need_events(plan, item, sequence, urls(f"{plan.id}/oversikter/upphandlingskalender.md"))
    for activity in plan.activities:
        events += activity_events(plan, activity, sequence, urls(f"{plan.id}/aktiviteter/{activity.id}.md"))
    return Feed(
        f"{plan.id}/kalender.ics",
        plan.meta.name,
        f"Upphandlingarnas sista dagar och aktiviteternas planerade datum i {plan.meta.name}.",
        stamp,
        tuple(events),
    )


def person_feed(
    name: str,
    person_id: str,
    activities: list[tuple[Plan, Activity, str | None]],
    stamp: dt.datetime,
    *,
    sequence: EventSequence = no_changes,
    urls: Callable[[str], str | None] = lambda page: None,
) -> Feed:
    """A person's feed: the planned dates of every activity the person takes part in (each activity once).

    Each activity comes with None when the plan names the person, or else the text saying through
    which role it reaches the person (see `activity_events`); its first mention counts.
    """
    events: list[Event] = []
    seen: set[tuple[str, str]] = set()
    for plan, activity, via_role in activities:
        if (plan.id, activity.id) in seen:
            continue
        seen.add((plan.id, activity.id))
        url = urls(f"{plan.id}/aktiviteter/{activity.id}.md")
        events += activity_events(plan, activity, sequence, url, via_role=via_role)
    return Feed(
        f"ansvar/{person_id}.ics",
        f"Ansvar: {name}",
        f"Planerade datum för aktiviteterna där {name} har ansvar eller deltar.",
        stamp,
        tuple(events),
    )
