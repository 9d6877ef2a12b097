"""What the site derives looks derived in the downloads too, on the real data: a role's holders, who
reaches a person through a role, what stands instead of a missing ansvarig and the budget amounts
written into a text are exported as the pages show them, never as if the plan said them."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import icalendar
import pytest

from macros.exports.calendar import activity_events
from macros.exports.catalog import person_feeds
from macros.exports.dataset import Dataset
from macros.exports.ical import feed_bytes
from macros.exports.plan_json import json_text, plan_document
from macros.loading.loader import load
from macros.model.activities import Activity
from macros.model.catalog import Municipality, Plan
from macros.model.responsibility import role_holders
from macros.render import MACROS
from macros.render.activity_export import activities_dataset
from macros.render.context import Site, activity_page, due_page, person_page
from macros.render.followup import INDICATOR_ACTIVITY_REFERENCE
from macros.render.raci import RESOLVED, SAME_PERSON
from macros.render.text import kronor_sv
from tests.sitebuild import ROOT

PLAN = "it-och-telekom"
TODAY = dt.date(2026, 11, 29)
STAMP = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
PERSON = "sara-holst"
"""The category leader: named directly in some activities, reached through the role Kategoriledare in others."""


@pytest.fixture(scope="module")
def model() -> Municipality:
    """The real data."""
    result = load(ROOT / "data", today=TODAY)
    assert result.model is not None
    return result.model


def _site(model: Municipality, page: str) -> Site:
    """A site rendering `page` on the real data."""
    return Site(model=model, today=TODAY, page=page)


def _offered(site: Site, path: str) -> Dataset:
    """The dataset the rendered views offered under `path`."""
    return next(item for item in site.downloads.datasets if item.path == path)


def _rows(export: Dataset) -> list[dict[str, object]]:
    """An export's rows by column header."""
    labels = [c.label for c in export.columns]
    return [dict(zip(labels, row, strict=True)) for row in export.rows]


def _activity_rows(model: Municipality) -> dict[str, dict[str, object]]:
    """aktiviteter.csv's rows by activity number."""
    site = _site(model, f"{PLAN}/aktiviteter/index.md")
    return {str(row["Nr"]): row for row in _rows(activities_dataset(site, model.plan(PLAN)))}


def _role_accountable(model: Municipality, plan: Plan) -> list[tuple[Activity, str, list[str]]]:
    """Each activity whose ansvarig is a role with holders today: the role's name and its holders' names."""
    found = []
    for activity in plan.activities:
        for party in activity.responsibility:
            if party.kind == "ansvarig" and party.role:
                holders = [p.name for p in role_holders(model, party.role, plan.id, TODAY)]
                if holders:
                    found.append((activity, model.role(party.role).name, holders))
    return found


def test_a_role_as_ansvarig_is_exported_with_its_holders_as_the_editors_interpretation(model: Municipality) -> None:
    """aktiviteter.csv writes an ansvarig role as "Roll (innehas enligt redaktionens tolkning av …)", as the page does."""
    rows = _activity_rows(model)
    found = _role_accountable(model, model.plan(PLAN))
    assert len(found) > 5
    for activity, role, holders in found:
        value = str(rows[activity.number]["Ansvarig"])
        assert f"{role} ({RESOLVED} {', '.join(holders)}" in value, value
        assert f"{role}:" not in value


def test_the_due_exports_write_an_ansvarig_role_as_the_editors_interpretation(model: Municipality) -> None:
    """Att rapportera's two files name an ansvarig role's holders only as the editors' interpretation."""
    site = _site(model, due_page(PLAN))
    MACROS["att_rapportera"].bind(site)(plan=PLAN)
    activities = {r["Nr"]: str(r["Ansvarig"]) for r in _rows(_offered(site, f"{PLAN}/att-rapportera-aktiviteter"))}
    indicators = [
        str(r[f"Ansvariga för aktiviteter som nyckeltalet följer upp ({INDICATOR_ACTIVITY_REFERENCE})"])
        for r in _rows(_offered(site, f"{PLAN}/att-rapportera-nyckeltal"))
    ]
    found = _role_accountable(model, model.plan(PLAN))
    due = [(a, role, holders) for a, role, holders in found if a.number in activities]
    assert due
    for activity, role, holders in due:
        assert f"{role} ({RESOLVED} {', '.join(holders)}" in activities[activity.number]
    assert any(RESOLVED in value for value in indicators)
    assert not any(f"{role}:" in value for value in indicators for _, role, _ in found)


def test_the_matrix_export_names_a_roles_holders_as_the_editors_interpretation(model: Municipality) -> None:
    """ansvarsmatris.csv's column of a role's holders says in its header that they are the editors' interpretation."""
    site = _site(model, f"{PLAN}/oversikter/ansvarsmatris.md")
    MACROS["ansvarsmatris"].bind(site)(plan=PLAN)
    labels = [c.label for c in _offered(site, f"{PLAN}/ansvarsmatris").columns]
    assert "Innehas i dag av" not in labels
    assert any(RESOLVED in label.lower() for label in labels)


def test_an_activitys_responsibility_export_names_holders_as_the_editors_interpretation(model: Municipality) -> None:
    """An activity's ansvar.csv says in the holders' header that they are the editors' interpretation."""
    activity = _role_accountable(model, model.plan(PLAN))[0][0]
    site = _site(model, activity_page(PLAN, activity.id))
    MACROS["aktivitetsansvar"].bind(site)(plan=PLAN, aktivitet=activity.id)
    labels = [c.label for c in _offered(site, f"{PLAN}/aktiviteter/{activity.id}/ansvar").columns]
    assert "Innehas i dag av" not in labels
    assert any(RESOLVED in label.lower() for label in labels)


def test_a_persons_export_says_that_a_role_reaching_them_is_the_editors_interpretation(model: Municipality) -> None:
    """A person's ansvar CSV names the role through which an activity reaches them under a header saying it is interpreted."""
    site = _site(model, person_page(PERSON))
    MACROS["personansvar"].bind(site)(person=PERSON)
    export = _offered(site, f"ansvar/{PERSON}")
    (label,) = [c.label for c in export.columns if c.label.startswith("Genom roll")]
    assert RESOLVED in label
    assert "Kategoriledare" in {row[label] for row in _rows(export)}


def _person_events(model: Municipality) -> list[icalendar.Event]:
    """The person's calendar as written (iCalendar) and read back."""
    (feed,) = [f for f in person_feeds(model, TODAY, STAMP) if f.path == f"ansvar/{PERSON}.ics"]
    return list(icalendar.Calendar.from_ical(feed_bytes(feed)).walk("VEVENT"))


def _names_person(activity: Activity) -> bool:
    """Whether the activity names the person directly."""
    return any(party.person == PERSON for party in activity.responsibility)


def test_a_persons_calendar_marks_the_activities_that_reach_them_only_through_a_role(model: Municipality) -> None:
    """In ansvar/<person>.ics an activity that names only the role the person holds says so and that it is interpreted."""
    plan = model.plan(PLAN)
    by_number = {a.number: a for a in plan.activities}
    marked = 0
    for event in _person_events(model):
        number = re.search(r": (9\.2\.\d+) ", str(event["SUMMARY"]))
        assert number is not None
        activity, description = by_number[number.group(1)], str(event["DESCRIPTION"])
        through_role = f"Kategoriledare ({RESOLVED} Sara Holst)" in description
        assert through_role == (not _names_person(activity)), (activity.number, description)
        assert str(event["SUMMARY"]).endswith("(genom roll)") == through_role
        marked += through_role
    assert marked > 3


@pytest.mark.parametrize("number", ["9.2.5", "9.2.19"])
def test_an_activity_without_ansvarig_is_exported_as_its_page_says_it(model: Municipality, number: str) -> None:
    """Where the plan names no ansvarig, aktiviteter.csv says what the page's summary says ("anges inte i planen …")."""
    activity = next(a for a in model.plan(PLAN).activities if a.number == number)
    assert not any(party.kind == "ansvarig" for party in activity.responsibility)
    site = _site(model, activity_page(PLAN, activity.id))
    page = MACROS["aktivitetssida"].bind(site)(plan=PLAN, aktivitet=activity.id)
    (shown,) = re.findall(r"^\| Ansvarig \| (.*) \|$", page, re.MULTILINE)
    value = _activity_rows(model)[number]["Ansvarig"]
    assert value == html.unescape(shown) and str(value).startswith("anges inte i planen")


def test_budget_amounts_in_the_implementering_text_are_written_as_the_page_writes_them(model: Municipality) -> None:
    """9.2.1's Implementering in aktiviteter.csv has "200 000 kr + 500 000 kr" as on the page, no bare digits."""
    value = str(_activity_rows(model)["9.2.1"]["Implementering"])
    assert f"{kronor_sv(200_000)} + {kronor_sv(500_000)}" in value
    assert "200000" not in value and "{budget:" not in value


def test_the_plan_json_has_the_budget_amounts_written_into_the_text(model: Municipality) -> None:
    """plan.json's implementering texts have the amounts filled in as the pages show them, no {budget:n} left."""
    plan = model.plan(PLAN)
    document = plan_document(plan, data_date=TODAY, data_version="v", licence="CC0-1.0", licence_url=None)
    assert "{budget:" not in json_text(document)
    first = json.loads(json_text(document))["aktiviteter"]["aktiviteter"][0]
    assert first["nummer"] == "9.2.1"
    assert f"{kronor_sv(200_000)} + {kronor_sv(500_000)}" in first["implementering"]


def test_the_due_export_says_what_stands_instead_of_a_missing_ansvarig(model: Municipality) -> None:
    """Att rapportera's activity file writes "anges inte i planen …" for an activity without ansvarig, never nothing."""
    site = _site(model, due_page(PLAN))
    MACROS["att_rapportera"].bind(site)(plan=PLAN)
    rows = _rows(_offered(site, f"{PLAN}/att-rapportera-aktiviteter"))
    assert rows and all(str(row["Ansvarig"] or "").strip() for row in rows)
    without = [row for row in rows if row["Nr"] in ("9.2.5", "9.2.19")]
    assert without and all(str(row["Ansvarig"]).startswith("anges inte i planen") for row in without)


def test_the_plan_period_days_in_the_downloads_say_they_are_computed(model: Municipality) -> None:
    """plan.csv and planer.csv give the period's first and last day in columns that say the site computed them."""
    site = _site(model, f"{PLAN}/index.md")
    MACROS["planfakta"].bind(site)(plan=PLAN)
    plan_columns = [c.label for c in _offered(site, f"{PLAN}/plan").columns]
    site = _site(model, "index.md")
    MACROS["planlista"].bind(site)()
    list_columns = [c.label for c in _offered(site, "planer").columns]
    for columns in (plan_columns, list_columns):
        days = [label for label in columns if "första dag" in label or "sista dag" in label]
        assert len(days) == 2 and all("räknad av webbplatsen" in label for label in days), columns


def test_an_end_the_source_words_is_exported_in_those_words(model: Municipality) -> None:
    """9.2.9 "före november 2024" is the Slut of the activities export and of its calendar event, not "oktober 2024"."""
    plan = model.plan(PLAN)
    site = _site(model, f"{PLAN}/aktiviteter.md")
    (row,) = [r for r in _rows(activities_dataset(site, plan)) if r["Nr"] == "9.2.9"]
    assert row["Slut"] == "före november 2024" and row["Planerad period"] == "före november 2024"
    events = activity_events(plan, plan.activity("nis-direktiv"), lambda *_: 0, None)
    (end,) = [e for e in events if e.summary.startswith("Planerat slut")]
    assert end.summary.startswith("Planerat slut (före november 2024)")
    assert "före november 2024 (räknat av webbplatsen som oktober 2024" in end.description


def test_two_spellings_of_one_person_are_exported_as_probably_one(model: Municipality) -> None:
    """aktiviteter.csv names 9.2.18's two holders of one role with the note that they are probably one person."""
    value = str(_activity_rows(model)["9.2.18"]["Ansvarig"])
    assert value.endswith(f"Erik Lindståhl, Erik Lindström – {SAME_PERSON})"), value
