"""The calendar feed on the real plan, written and read back with the `icalendar` package: UIDs
stay the same from build to build, and a changed date gives the same UID a higher SEQUENCE
(the sequence comes from an injected function, which the build connects to the history)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import icalendar
import pytest

from macros.comparison import compare
from macros.exports.calendar import Feed, history_sequence, plan_feed
from macros.exports.ical import feed_bytes
from macros.loading.loader import load
from macros.model.catalog import Municipality, Plan
from macros.model.deadlines import deadlines
from macros.model.history import NO_HISTORY, Commit, DataChange, History
from macros.model.time import TimePoint
from tests.sitebuild import ROOT

PLAN = "it-och-telekom"
STAMP = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def model() -> Municipality:
    """The real data."""
    result = load(ROOT / "data", today=dt.date(2026, 11, 29))
    assert result.model is not None
    return result.model


def _events(feed: Feed) -> dict[str, icalendar.Event]:
    """The feed written as iCalendar and parsed again, by UID."""
    calendar = icalendar.Calendar.from_ical(feed_bytes(feed))
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _moved(plan: Plan, activity_id: str, start: str) -> Plan:
    """The plan with one activity's planned start moved."""
    activities = [
        a.model_copy(update={"schedule": a.schedule.model_copy(update={"start": TimePoint.parse(start)})})
        if a.id == activity_id
        else a
        for a in plan.activities
    ]
    changed = plan.activities_file.model_copy(update={"activities": activities})
    return dataclasses.replace(plan, activities_file=changed)


def test_uids_are_the_same_in_every_build(model: Municipality) -> None:
    """Two builds on different days, with different data versions, give the same UIDs."""
    plan = model.plan(PLAN)
    first = _events(plan_feed(plan, dt.date(2025, 1, 1), STAMP))
    second = _events(plan_feed(plan, dt.date(2026, 6, 1), STAMP + dt.timedelta(days=40)))
    assert first.keys() == second.keys() and len(first) > 20


def test_uids_are_unique(model: Municipality) -> None:
    """No two events of a feed share a UID."""
    feed = plan_feed(model.plan(PLAN), dt.date(2025, 1, 1), STAMP)
    assert len({event.uid for event in feed.events}) == len(feed.events)


def test_a_changed_date_keeps_its_uid_and_raises_the_sequence(model: Municipality) -> None:
    """When an activity's start moves, its event keeps the UID and gets a higher SEQUENCE and the new date."""
    plan = model.plan(PLAN)
    activity = next(a for a in plan.activities if a.schedule.start is not None)
    before = _events(plan_feed(plan, dt.date(2025, 1, 1), STAMP))
    moved = _moved(plan, activity.id, "2027-03-15")

    def history(plan_id: str, kind: str, record: str, field: str) -> int:
        """A history in which this one start changed once."""
        return 1 if (plan_id, kind, record, field) == (PLAN, "aktivitet", activity.id, "start") else 0

    after = _events(plan_feed(moved, dt.date(2025, 1, 1), STAMP, sequence=history))
    uid = f"aktivitet.{activity.id}.start.{PLAN}@kategoriplaner.invalid"
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    assert after[uid].decoded("DTSTART") == dt.date(2027, 3, 15)
    unchanged = [u for u in before if u != uid]
    assert all(int(after[u]["SEQUENCE"]) == 0 for u in unchanged)


def test_dtstamp_is_the_datas_moment_in_utc(model: Municipality) -> None:
    """DTSTAMP is the given moment of the data, in UTC, so that rebuilding unchanged data changes nothing."""
    events = _events(plan_feed(model.plan(PLAN), dt.date(2025, 1, 1), STAMP))
    assert {event.decoded("DTSTAMP") for event in events.values()} == {STAMP}


def test_the_feed_is_the_same_bytes_in_two_builds_of_the_same_data(model: Municipality) -> None:
    """Unchanged data gives the same file, whatever day it is built."""
    plan = model.plan(PLAN)
    assert feed_bytes(plan_feed(plan, dt.date(2025, 1, 1), STAMP)) == feed_bytes(
        plan_feed(plan, dt.date(2026, 1, 1), STAMP)
    )


def test_text_with_commas_and_semicolons_survives(tmp_path: Path, model: Municipality) -> None:
    """Summaries and descriptions read back exactly, whatever punctuation and line breaks they hold (escaping)."""
    feed = plan_feed(model.plan(PLAN), dt.date(2025, 1, 1), STAMP)
    parsed = _events(feed)
    for event in feed.events:
        assert str(parsed[event.uid]["SUMMARY"]) == event.summary
        assert str(parsed[event.uid]["DESCRIPTION"]) == event.description


def _changed_deadlines(plan: Plan) -> tuple[Plan, str, str]:
    """The plan with one need's förlängning t.o.m. a year later and another need's underkategori's lead time longer."""
    dated = [
        item
        for item in deadlines(plan, dt.date(2025, 1, 1))
        if item.contract_end is not None and item.latest_start is not None
    ]
    first, other = dated[0].need, next(i.need for i in dated if i.need.subcategory != dated[0].need.subcategory)
    assert first.contract_end is not None
    later = first.model_copy(update={"contract_end": first.contract_end.replace(year=first.contract_end.year + 1)})
    needs = [later if need.id == first.id else need for need in plan.procurement_file.needs]
    leads = [
        lead.model_copy(update={"months": lead.months + 6}) if lead.subcategory == other.subcategory else lead
        for lead in plan.meta.lead_times
    ]
    changed = dataclasses.replace(
        plan,
        procurement_file=plan.procurement_file.model_copy(update={"needs": needs}),
        meta=plan.meta.model_copy(update={"lead_times": leads}),
    )
    return changed, first.id, other.id


def test_the_history_raises_the_sequence_of_exactly_the_dates_that_changed(model: Municipality) -> None:
    """With the history of one commit that moved an activity's start, a contract end and a lead time (compared by
    the comparison engine), those events and the derived latest starts have SEQUENCE 1 and every other event 0."""
    plan = model.plan(PLAN)
    activity = next(a for a in plan.activities if a.schedule.start is not None)
    changed, need, other = _changed_deadlines(_moved(plan, activity.id, "2027-03-15"))
    new = dataclasses.replace(model, plans={**model.plans, PLAN: changed})
    commit = Commit("1" * 40, dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC), "Åsa Ek", "Nya datum", ())
    history = History(commits=(commit,), data_changes=(DataChange(commit, tuple(compare(model, new))),))
    after = _events(plan_feed(changed, dt.date(2025, 1, 1), STAMP, sequence=history_sequence(history, new)))
    raised = {uid for uid, event in after.items() if int(event["SEQUENCE"]) > 0}
    lead_time = next(n.subcategory for n in plan.procurement_file.needs if n.id == other)
    same_lead = {n.id for n in plan.procurement_file.needs if n.subcategory == lead_time}
    expected = {
        f"aktivitet.{activity.id}.start.{PLAN}@kategoriplaner.invalid",
        f"upphandlingsbehov.{need}.forlangning-tom.{PLAN}@kategoriplaner.invalid",
        *(f"upphandlingsbehov.{n}.senaste-start.{PLAN}@kategoriplaner.invalid" for n in {need} | same_lead),
    }
    assert raised == expected & after.keys()
    assert {int(after[uid]["SEQUENCE"]) for uid in raised} == {1}


def test_without_a_history_every_sequence_is_zero(model: Municipality) -> None:
    """A build without git gives every event SEQUENCE 0."""
    events = _events(
        plan_feed(model.plan(PLAN), dt.date(2025, 1, 1), STAMP, sequence=history_sequence(NO_HISTORY, model))
    )
    assert {int(event["SEQUENCE"]) for event in events.values()} == {0}
