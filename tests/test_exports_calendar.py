"""The calendar feed on the real plan, written and read back with the `icalendar` package: UIDs
stay the same from build to build, and a changed date gives the same UID a higher SEQUENCE
(the sequence comes from an injected function, which the build connects to the history)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import icalendar
import pytest

from macros.exports.calendar import Feed, plan_feed
from macros.exports.ical import feed_bytes
from macros.loading.loader import load
from macros.model.catalog import Municipality, Plan
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
