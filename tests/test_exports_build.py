"""The exports of the real site, built once with `mkdocs build --strict`, read back with the
library a user's tool would use and compared with the model: every table as Excel (openpyxl)
and CSV (pandas), the plan and the shared data as JSON (jsonschema against the published
schema), the calendars (icalendar) and the OCDS package (the OCDS validator, in
test_exports_ocds.py). Every table on every page offers its downloads, every link has its file
and every file is linked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import icalendar
import jsonschema
import openpyxl
import pandas as pd
import pytest

from macros.exports.catalog import person_calendar_path, plan_calendar_path, plan_json_path, plan_ocds_path
from macros.exports.dataset import DOWNLOAD_DIR, Dataset
from macros.exports.plan_json import FORMAT_VERSION, PlanExport, SharedExport, activities_as_shown
from macros.exports.tabular import csv_guarded
from macros.loading.cache import Cache, cache_root
from macros.loading.git import Git
from macros.loading.history import read_history
from macros.loading.loader import load
from macros.loading.revisions import safe_data_changes
from macros.loading.sections import written_sections
from macros.loading.versions import read_versions
from macros.model.catalog import Municipality
from macros.model.deadlines import deadlines
from macros.model.raci import matrix
from macros.model.status import planned_span
from macros.render import render_call
from macros.render.calendar import LATEST_START_COLUMN
from macros.render.context import Site, generated_pages
from macros.render.export_values import COMPUTED
from macros.schema_export import SCHEMA_DIR
from macros.validation.findings import Severity
from macros.validation.pages import check_content
from tests.ocds_validation import problems, review, standard_zip
from tests.sitebuild import ROOT

pytestmark = pytest.mark.build

TODAY = "2026-11-29"
PLAN = "it-och-telekom"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly from mkdocs.yml into a temporary folder."""
    target = tmp_path_factory.mktemp("exporter") / "site"
    environment = {**os.environ, "KATEGORIPLAN_IDAG": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Exporter:" in done.stderr
    return target


@pytest.fixture(scope="module")
def model() -> Municipality:
    """The real data, as the build loads it."""
    result = load(ROOT / "data", today=dt.date.fromisoformat(TODAY))
    assert result.model is not None
    return result.model


@pytest.fixture(scope="module")
def offered(model: Municipality) -> list[Dataset]:
    """Every table the pages offer, rendered in this process exactly as the build renders them."""
    result = load(ROOT / "data", today=dt.date.fromisoformat(TODAY))
    cache = Cache(cache_root(ROOT))
    history = read_history(ROOT / "data", ROOT / "content")
    if not history.unavailable:
        changes, reason = safe_data_changes(Git(ROOT / "data"), history.data_prefix, history.commits, cache)
        history = replace(history, data_changes=changes, unavailable=reason)
    site = Site(
        model=model,
        today=dt.date.fromisoformat(TODAY),
        findings=tuple(result.findings),
        history=history,
        versions=read_versions(ROOT / "data", model, cache),
        sections=written_sections(ROOT / "content"),
    )
    findings = check_content(ROOT / "content", site=site)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    for page in generated_pages(model):
        render_call(site, page.path, page.macro, page.arguments)
    return site.downloads.datasets


def _excel_rows(path: Path) -> tuple[list[object], list[list[object]]]:
    """Header and rows of a workbook's first sheet, dates as dates."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = [[v.date() if isinstance(v, dt.datetime) else v for v in row] for row in sheet.iter_rows(values_only=True)]
    return rows[0], rows[1:]


def test_the_pages_offer_many_tables(offered: list[Dataset]) -> None:
    """The real site offers its tables: the plan's activities, needs, matrix and far more."""
    paths = {item.path for item in offered}
    for name in ("aktiviteter", "upphandlingsbehov", "ansvarsmatris", "nyckeltal", "plan", "kategoriteam", "spend-ar"):
        assert f"{PLAN}/{name}" in paths
    assert len(offered) > 100


def test_every_offered_table_is_written_as_excel_and_csv(built: Path, offered: list[Dataset]) -> None:
    """Each table a page offers has its .xlsx and .csv file in the built site."""
    missing = [file for item in offered for file in item.files if not (built / file).is_file()]
    assert missing == []


def test_excel_files_hold_every_row_and_value(built: Path, offered: list[Dataset]) -> None:
    """Read with openpyxl, each workbook has the Swedish headers and every row, number and date of its table."""
    for item in offered:
        header, rows = _excel_rows(built / item.file("xlsx"))
        assert list(header) == [c.label for c in item.columns], item.path
        assert rows == [list(row) for row in item.rows], item.path


def _csv_text(value: object, kind: str) -> str:
    """A value as the CSV writes it for Swedish Excel."""
    if value is None:
        return ""
    if kind == "tal":
        return repr(float(value)).replace(".", ",")  # type: ignore[arg-type]
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(csv_guarded(value))


def test_csv_files_hold_every_row_and_value(built: Path, offered: list[Dataset]) -> None:
    """Read with pandas as Swedish Excel reads them (;, decimal comma, UTF-8 BOM), each CSV has every row and value."""
    for item in offered:
        path = built / item.file("csv")
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), item.path
        data = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(data.columns) == [c.label for c in item.columns], item.path
        kinds = [c.kind for c in item.columns]
        assert data.values.tolist() == [
            [_csv_text(v, k) for v, k in zip(row, kinds, strict=True)] for row in item.rows
        ], item.path


def test_every_workbook_has_a_frozen_filtered_header(built: Path, offered: list[Dataset]) -> None:
    """Every workbook freezes its header row and filters all its columns."""
    for item in offered:
        sheet = openpyxl.load_workbook(built / item.file("xlsx")).worksheets[0]
        assert sheet.freeze_panes == "A2", item.path
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), item.path


# --- Every table offers its files, every link has its file, every file is linked ------------


class _Links(HTMLParser):
    """The hrefs of a page, and for each table whether a download paragraph follows it."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _pages(site: Path) -> Iterator[tuple[str, str]]:
    """Every built page: its URL path and its HTML."""
    for file in sorted(site.rglob("index.html")):
        yield "/" + file.parent.relative_to(site).as_posix() + "/", file.read_text(encoding="utf-8")


NOT_FROM_DATA = ("/redaktorer/", "/granskning/")
"""Pages whose tables describe the site itself (the editors' help, the macro reference, the auditors' guide)."""


def _article(html: str) -> str:
    """The page's article, without navigation."""
    return html.split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]


def test_every_table_on_every_page_offers_excel_and_csv(built: Path) -> None:
    """Right below every table from the data stands "Ladda ner: Excel · CSV" (before the next table)."""
    lacking = []
    for path, html in _pages(built):
        if path.startswith(NOT_FROM_DATA) or path.endswith("/oppna-data/"):
            continue
        article = _article(html)
        pieces = article.split("<table")[1:]
        for number, piece in enumerate(pieces, 1):
            after = piece.split("</table>", 1)[1][:400]
            if 'class="nedladdning" data-search-exclude>Ladda ner:' not in after:
                lacking.append(f"{path} tabell {number}")
    assert lacking == []


def _download_targets(built: Path) -> dict[str, set[str]]:
    """Each file under the download folder that a page links to, with the pages linking it."""
    found: dict[str, set[str]] = {}
    for path, html in _pages(built):
        parser = _Links()
        parser.feed(html)
        for href in parser.hrefs:
            absolute = unquote(urljoin(f"http://x{path}", href).removeprefix("http://x/").split("#")[0])
            if absolute.startswith(f"{DOWNLOAD_DIR}/"):
                found.setdefault(absolute, set()).add(path)
    return found


def test_every_download_link_leads_to_a_file(built: Path) -> None:
    """Every link into the download folder, relative to its page, finds its file."""
    broken = sorted(
        f"{target} (på {sorted(pages)[0]})"
        for target, pages in _download_targets(built).items()
        if not (built / target).is_file()
    )
    assert broken == []


def test_every_written_file_is_linked_from_a_page(built: Path) -> None:
    """No export is written that no page links to."""
    linked = set(_download_targets(built))
    written = {p.relative_to(built).as_posix() for p in (built / DOWNLOAD_DIR).rglob("*") if p.is_file()}
    assert written - linked == set()


def test_the_list_of_files_names_every_file_with_its_format(built: Path) -> None:
    """filforteckning.csv lists every exported file, itself included, with its format and what it holds."""
    listed = pd.read_csv(
        built / DOWNLOAD_DIR / "filforteckning.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    written = {p.relative_to(built / DOWNLOAD_DIR).as_posix() for p in (built / DOWNLOAD_DIR).rglob("*") if p.is_file()}
    assert set(listed["Fil"]) == written
    formats = dict(zip(listed["Fil"], listed["Format"], strict=True))
    assert formats[f"{PLAN}/aktiviteter.xlsx"] == "Excel" and formats[f"{PLAN}/kalender.ics"] == "iCalendar"
    assert formats[f"{PLAN}/plan.schema.json"] == "JSON Schema" and formats[f"{PLAN}/plan.json"] == "JSON"
    assert all(listed["Innehåll"])


def test_download_links_are_relative(built: Path) -> None:
    """Download links never start with / or a host, so they work offline and under any base path."""
    for _, html in _pages(built):
        for href in re.findall(r'href="([^"]*nedladdning/[^"]*)"', html):
            assert not href.startswith(("/", "http")), href


# --- The main tables against the model ----------------------------------------------------


def _by_header(built: Path, name: str) -> list[dict[str, object]]:
    header, rows = _excel_rows(built / f"{DOWNLOAD_DIR}/{PLAN}/{name}.xlsx")
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_activities_export_has_every_activity_with_its_dates(built: Path, model: Municipality) -> None:
    """aktiviteter.xlsx has one row per activity in the plan's order, with priority and each date at its precision."""
    plan = model.plan(PLAN)
    rows = _by_header(built, "aktiviteter")
    assert [r["Id"] for r in rows] == [a.id for a in plan.activities]
    for row, activity in zip(rows, plan.activities, strict=True):
        schedule = activity.schedule
        assert row["Nr"] == activity.number and row["Aktivitet"] == activity.name
        assert row["Prioritet"] == activity.priority
        for label, point in (
            ("Start", schedule.start),
            ("Slut", schedule.end),
            ("Påbörjas senast", schedule.latest_start),
        ):
            assert row[f"{label}, första dag ({COMPUTED})"] == (point.first_day if point else None)
            assert row[f"{label}, sista dag ({COMPUTED})"] == (point.last_day if point else None)
        assert row["Slut"] == schedule.end_said
        budget = sum(b.amount_kr for b in activity.budget) if activity.budget else None
        assert row[f"Budget, kr (summan av budgetposterna, {COMPUTED})"] == budget
        assert row["Planerad period"] == planned_span(activity).label()


DERIVED_COLUMN = re.compile(
    r"första dag|sista dag|Ritas (?:från|till)|Senaste start|löpt ut|Budget, kr|Underkategorier|Genomförs efter"
    r"|Väntar på denna|Innehas (?:i dag|enligt)"
)
"""Headers of columns whose values the site computes or the editors read into the plan (days from a
quarter, a latest start, a sum, a role's holders, an activity's subcategories or predecessor)."""

SAYS_WHERE_FROM = re.compile(r"räkna|redaktionens|uppfoljning\.yml")


def test_every_derived_column_says_so_in_its_header(built: Path) -> None:
    """No download presents a computed or interpreted column as the plan's own: its header says where it comes from."""
    unlabelled = set()
    for path in (built / DOWNLOAD_DIR).rglob("*.csv"):
        header = next(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
        unlabelled |= {label for label in header if DERIVED_COLUMN.search(label) and not SAYS_WHERE_FROM.search(label)}
    assert unlabelled == set()


def test_needs_export_has_every_need_with_its_derived_latest_start(built: Path, model: Municipality) -> None:
    """upphandlingsbehov.xlsx has every need with contract end, lead time and latest start as the model derives them."""
    plan = model.plan(PLAN)
    rows = _by_header(built, "upphandlingsbehov")
    items = deadlines(plan, dt.date.fromisoformat(TODAY))
    assert [r["Id"] for r in rows] == [item.need.id for item in items]
    for row, item in zip(rows, items, strict=True):
        assert row["Lista"] == item.need.list_year
        assert row["Förlängning nuvarande avtal möjlig t.o.m."] == item.contract_end
        assert row["Ledtid, månader"] == item.lead_time_months
        assert row[LATEST_START_COLUMN] == item.latest_start
        assert row["Snarast"] == ("ja" if item.is_snarast else "nej")


def test_matrix_export_has_every_letter(built: Path, model: Municipality) -> None:
    """ansvarsmatris.xlsx has a row per party and the responsibility letters (A, G, D, I) of every cell of the matrix."""
    raci = matrix(model.plan(PLAN))
    rows = _by_header(built, "ansvarsmatris")
    assert [(r["Typ"], r["Id"]) for r in rows] == [
        ({"person": "person", "roll": "roll", "enhet": "enhet eller grupp"}[p.kind], p.id) for p in raci.parties
    ]
    for row, party in zip(rows, raci.parties, strict=True):
        for activity in raci.activities:
            assert (row[f"{activity.number} {activity.name}"] or "") == raci.letters(activity.id, party)


def _guidance_rows(built: Path, path: str) -> list[dict[str, object]]:
    """A guidance table's workbook read back with openpyxl: one dict per row, by header."""
    header, rows = _excel_rows(built / f"{DOWNLOAD_DIR}/vagledning/{path}.xlsx")
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_maturity_matrix_exports_have_every_recommendation(built: Path, model: Municipality) -> None:
    """Each step of Dalamodellen's matrix has a workbook with every row of every perspective, its text per level."""
    maturity = model.guidance.maturity
    assert maturity is not None
    for step in maturity.steps:
        rows = _guidance_rows(built, f"dalamodellen/steg-{step.id}")
        expected = []
        for perspective in maturity.perspectives:
            cell = maturity.cell(step.id, perspective.id)
            for row in cell.rows if cell else []:
                texts = [row.text_of(level.id) for level in maturity.levels]
                expected.append((perspective.name, [text.text if text else None for text in texts]))
        assert [(r["Perspektiv"], [r[level.name] for level in maturity.levels]) for r in rows] == expected
        assert {r["Steg nr"] for r in rows} == {step.number}


def test_time_plan_exports_have_every_phase_with_its_estimate_as_numbers(built: Path, model: Municipality) -> None:
    """Each procedure's time plan has a workbook with its phases in order, the estimates as whole numbers."""
    for guide in model.guidance.guides:
        for procedure in (p for p in guide.procedures if p.phases):
            rows = _guidance_rows(built, f"{guide.id}/tidplan-{procedure.id}")
            assert [r["Aktivitet"] for r in rows] == [phase.name for phase in procedure.phases]
            for row, phase in zip(rows, procedure.phases, strict=True):
                assert row["Uppskattad tid (som i vägledningen)"] == phase.duration_text
                expected = (phase.duration.low, phase.duration.high) if phase.duration else (None, None)
                assert (row["Kortast"], row["Längst"]) == expected


def test_spend_export_has_every_figure(built: Path, model: Municipality) -> None:
    """spend-ar.xlsx has every year's spend with its unit and precision, as the analysis states it."""
    analysis = model.plan(PLAN).analysis
    assert analysis is not None
    rows = _by_header(built, "spend-ar")
    entries = sorted(analysis.spend_per_year, key=lambda e: e.year)
    assert [(r["År"], r["Spend"], r["Spend, enhet"], r["Spend, precision"]) for r in rows] == [
        (e.year, e.amount.value, e.amount.unit, e.amount.qualifier) for e in entries
    ]


# --- JSON ---------------------------------------------------------------------------------


def _json(built: Path, path: str) -> dict[str, object]:
    return json.loads((built / DOWNLOAD_DIR / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("path", "schema"),
    [(plan_json_path(PLAN), f"{PLAN}/plan.schema.json"), ("kommun/kommun.json", "kommun/kommun.schema.json")],
)
def test_json_exports_validate_against_their_published_schema(built: Path, path: str, schema: str) -> None:
    """Each JSON export is valid against the JSON Schema published beside it (draft 2020-12, formats checked)."""
    published = _json(built, schema)
    validator = jsonschema.Draft202012Validator(
        published, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(_json(built, path))]
    assert errors == []


@pytest.mark.parametrize(
    ("published", "committed"),
    [
        (f"{PLAN}/plan.schema.json", "export-plan.schema.json"),
        ("kommun/kommun.schema.json", "export-kommun.schema.json"),
    ],
)
def test_published_schemas_are_the_committed_ones(built: Path, published: str, committed: str) -> None:
    """The schema beside each JSON export is the one in schemas/ (versioned with the code)."""
    assert _json(built, published) == json.loads((SCHEMA_DIR / committed).read_text(encoding="utf-8"))


def _same(read: object, record: object) -> bool:
    """Two records hold the same values in every field (where they were read from aside)."""
    if read is None or record is None:
        return read is record
    return read.model_dump() == record.model_dump()  # type: ignore[attr-defined]


def test_plan_json_reads_back_into_the_same_model(built: Path, model: Municipality) -> None:
    """Read through its own model, plan.json gives back every record of the plan, field by field (amounts written in)."""
    document = PlanExport.model_validate(_json(built, plan_json_path(PLAN)))
    plan = model.plan(PLAN)
    assert document.plan_id == PLAN and document.format_version == FORMAT_VERSION
    pairs = [
        (document.plan, plan.meta),
        (document.activities, activities_as_shown(plan.activities_file)),
        (document.procurement, plan.procurement_file),
        (document.subcategories, plan.subcategories_file),
        (document.effect_goals, plan.effect_goals_file),
        (document.strategies, plan.strategies_file),
        (document.indicators, plan.indicators_file),
        (document.organisation, plan.organisation),
        (document.analysis, plan.analysis),
        (document.follow_up, plan.follow_up),
    ]
    assert all(_same(read, record) for read, record in pairs)


def test_shared_json_reads_back_into_the_same_model(built: Path, model: Municipality) -> None:
    """kommun.json gives back the organisation, people, goals and documents the plans share."""
    document = SharedExport.model_validate(_json(built, "kommun/kommun.json"))
    assert _same(document.organisation, model.organisation)
    assert _same(document.people, model.people_file)
    assert _same(document.governance, model.governance)
    assert _same(document.documents, model.documents_file)


def test_json_says_its_version_date_and_licence(built: Path) -> None:
    """The JSON export carries its format version, the data's date and version and the licence."""
    document = _json(built, plan_json_path(PLAN))
    assert document["formatversion"] == FORMAT_VERSION
    dt.date.fromisoformat(str(document["datadatum"]))
    assert document["dataversion"] and document["licens"]


# --- Calendars ----------------------------------------------------------------------------


def _calendar(built: Path, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((built / DOWNLOAD_DIR / path).read_bytes())


def _expected_plan_events(model: Municipality) -> dict[str, tuple[dt.date, dt.date]]:
    """UID → (first day, last day) of every event the plan's calendar must have, from the model."""
    plan = model.plan(PLAN)
    events: dict[str, tuple[dt.date, dt.date]] = {}
    for item in deadlines(plan, dt.date.fromisoformat(TODAY)):
        if item.contract_end:
            events[f"upphandlingsbehov.{item.need.id}.forlangning-tom.{PLAN}@kategoriplaner.invalid"] = (
                item.contract_end,
                item.contract_end,
            )
        if item.latest_start:
            events[f"upphandlingsbehov.{item.need.id}.senaste-start.{PLAN}@kategoriplaner.invalid"] = (
                item.latest_start,
                item.latest_start,
            )
    for activity in plan.activities:
        for part, point in (
            ("start", activity.schedule.start),
            ("slut", activity.schedule.end),
            ("senast-start", activity.schedule.latest_start),
        ):
            if point:
                events[f"aktivitet.{activity.id}.{part}.{PLAN}@kategoriplaner.invalid"] = (
                    point.first_day,
                    point.last_day,
                )
    return events


def test_plan_calendar_has_every_deadline_and_activity_date(built: Path, model: Municipality) -> None:
    """Read with icalendar, the plan's feed has exactly the model's dated deadlines and activity dates, all-day, DTEND exclusive."""
    calendar = _calendar(built, plan_calendar_path(PLAN))
    found = {
        str(event["UID"]): (event.decoded("DTSTART"), event.decoded("DTEND") - dt.timedelta(days=1))
        for event in calendar.walk("VEVENT")
    }
    assert found == _expected_plan_events(model)


def test_calendar_events_are_all_day_with_stamp_and_sequence(built: Path) -> None:
    """Every event is all-day (VALUE=DATE, a date, not a time) and has DTSTAMP and SEQUENCE."""
    for event in _calendar(built, plan_calendar_path(PLAN)).walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert isinstance(event.decoded("DTSTAMP"), dt.datetime) and int(event["SEQUENCE"]) >= 0


def test_a_quarter_is_described_as_a_quarter(built: Path, model: Municipality) -> None:
    """An activity date given as a quarter spans the quarter and says "kvartal" in its text."""
    calendar = _calendar(built, plan_calendar_path(PLAN))
    quarters = [e for e in calendar.walk("VEVENT") if "kvartal" in str(e["SUMMARY"])]
    assert quarters
    for event in quarters:
        first, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert first.day == 1 and first.month in (1, 4, 7, 10) and (end - first).days in range(90, 93)
        assert "kvartal" in str(event["DESCRIPTION"])


def test_calendar_says_who_made_it_and_how_to_refresh(built: Path) -> None:
    """The feed has VERSION 2.0, a PRODID, METHOD:PUBLISH, a name and a refresh interval."""
    calendar = _calendar(built, plan_calendar_path(PLAN))
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    assert str(calendar["METHOD"]) == "PUBLISH" and str(calendar["X-WR-CALNAME"])
    assert "REFRESH-INTERVAL" in calendar


def test_calendar_lines_are_folded_and_end_with_crlf(built: Path) -> None:
    """No line is longer than 75 octets and every line ends with CRLF (RFC 5545, 3.1)."""
    raw = (built / DOWNLOAD_DIR / plan_calendar_path(PLAN)).read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75


def test_every_person_has_a_calendar_of_their_activities(built: Path, model: Municipality) -> None:
    """Each person's feed holds the dates of exactly the activities the person takes part in."""
    plan_events = _expected_plan_events(model)
    for person in model.people:
        calendar = _calendar(built, person_calendar_path(person.id))
        uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
        assert uids <= set(plan_events), person.id
    sara = {str(e["UID"]) for e in _calendar(built, person_calendar_path("sara-holst")).walk("VEVENT")}
    assert sara


def test_ocds_package_is_valid_with_a_release_per_need(built: Path, model: Municipality, tmp_path: Path) -> None:
    """The built OCDS package passes the OCDS validator and has one planning release per procurement need."""
    package = _json(built, plan_ocds_path(PLAN))
    assert problems(review(package, standard_zip(tmp_path))) == []
    assert len(package["releases"]) == len(model.plan(PLAN).procurement_needs)  # type: ignore[arg-type]
