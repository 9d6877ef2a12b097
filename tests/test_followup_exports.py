"""The follow-up pages' downloads on fixture data: every table of the periods overview, each
period's report and Att rapportera offers "Ladda ner: Excel · CSV", and each export holds what
its table shows. A period's tables are exported per period; the tables per effektmål offer one
file of the period's activities and one of its nyckeltal."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from macros.comparison import Change
from macros.exports.dataset import Dataset
from macros.model.catalog import Municipality
from macros.model.history import Commit, DataChange, History
from macros.model.periods import periods, status_in, summary
from macros.render import MACROS
from macros.render.context import Site, due_page, follow_up_index_page, follow_up_period_page
from tests.followup_data import PLAN, TODAY, load_model, site_for


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Municipality:
    """The follow-up fixture, loaded once."""
    return load_model(tmp_path_factory.mktemp("followup-exports") / "data")


def _history() -> History:
    """One commit in 2024/25 that changed the schedule of 9.2.3, so that the period lists a changed record."""
    commit = Commit("1" * 40, dt.datetime(2025, 3, 1, 10, tzinfo=dt.UTC), "Åsa Ek", "Ny tidplan", ())
    change = Change(
        PLAN, "aktivitet", "webbinventering", "Aktivitet 9.2.3 Webbinventering", "Tidplan", "ändrad", "2024", "2025"
    )
    return History(commits=(commit,), data_changes=(DataChange(commit, (change,)),))


def _rendered(model: Municipality, name: str, page: str, **arguments: object) -> tuple[str, Site]:
    """A macro's output on `page` with a git history, and the site that collected its downloads."""
    site = replace(site_for(model, page), history=_history())
    return MACROS[name].bind(site)(**arguments), site


def _period(model: Municipality, period: str) -> tuple[str, Site]:
    """The period page "Uppföljning <period>" and its site."""
    return _rendered(model, "uppfoljningsperiod", follow_up_period_page(PLAN, period), plan=PLAN, period=period)


def _offered(site: Site, path: str) -> Dataset:
    """The dataset the rendered view offered under `path`."""
    return next(item for item in site.downloads.datasets if item.path == path)


def _rows(export: Dataset) -> list[dict[str, object]]:
    """An export's rows by column header."""
    labels = [c.label for c in export.columns]
    return [dict(zip(labels, row, strict=True)) for row in export.rows]


def _tables_without_download(output: str) -> list[str]:
    """The first line of every table (Markdown or HTML) not followed by "Ladda ner:" before the next table."""
    lacking = []
    lines = output.splitlines()
    for number, line in enumerate(lines):
        starts = line.startswith("| ") and (number == 0 or not lines[number - 1].startswith("|"))
        if starts:
            rest = "\n".join(lines[number:]).split("\n\n", 2)
            if len(rest) < 2 or not rest[1].startswith('<p class="nedladdning" data-search-exclude>Ladda ner:'):
                lacking.append(line)
    for piece in output.split("<table")[1:]:
        if 'class="nedladdning" data-search-exclude>Ladda ner:' not in piece.split("</table>", 1)[1][:400]:
            lacking.append(piece[:80])
    return lacking


PAGES = [
    ("uppfoljning", follow_up_index_page(PLAN), {"plan": PLAN}),
    *(
        ("uppfoljningsperiod", follow_up_period_page(PLAN, period), {"plan": PLAN, "period": period})
        for period in ("2023-24", "2024-25", "2025-26", "2026-27")
    ),
    ("att_rapportera", due_page(PLAN), {"plan": PLAN}),
]


@pytest.mark.parametrize(("name", "page", "arguments"), PAGES, ids=[page for _, page, _ in PAGES])
def test_every_table_of_the_follow_up_pages_offers_excel_and_csv(
    model: Municipality, name: str, page: str, arguments: dict[str, object]
) -> None:
    """Right below every table of the follow-up pages (and before the next one) stands "Ladda ner: Excel · CSV"."""
    output, _ = _rendered(model, name, page, **arguments)
    assert "|---|" in output or "<table" in output
    assert _tables_without_download(output) == []


def test_each_period_page_exports_its_tables_into_its_own_folder(model: Municipality) -> None:
    """The same tables on two period pages are two sets of files, each under its period's folder."""
    found = {}
    for period in ("2024-25", "2025-26"):
        _, site = _period(model, period)
        found[period] = {item.path for item in site.downloads.datasets}
        assert all(path.startswith(f"{PLAN}/uppfoljning/{period}/") for path in found[period])
    names = {period: {path.rsplit("/", 1)[1] for path in paths} for period, paths in found.items()}
    assert names["2024-25"] >= {"uppgifter", "status", "innehall", "aktiviteter", "nyckeltal"}
    assert names["2025-26"] >= {"uppgifter", "status", "statusandringar", "aktiviteter", "nyckeltal"}


def test_the_goal_tables_offer_the_periods_whole_file_and_say_so(model: Municipality) -> None:
    """Under each effektmål's tables stands the link to the period's whole file, with what it holds."""
    output, _ = _period(model, "2024-25")
    goals = output.count("\n### 4.")
    assert output.count("(alla aktiviteter i 2024/25, en rad per aktivitet och effektmål)") >= goals
    assert "(alla nyckeltal i 2024/25, en rad per värde uppmätt under perioden)" in output


def test_the_activities_export_holds_each_goals_rows_as_on_the_page(model: Municipality) -> None:
    """The period's activities file has a row per activity and effektmål with the status, report and comment the page shows."""
    _, site = _period(model, "2024-25")
    rows = _rows(_offered(site, f"{PLAN}/uppfoljning/2024-25/aktiviteter"))
    row = next(r for r in rows if r["Nr"] == "9.2.3" and r["Effektmål, nr"] == "4.1.1")
    assert row["Status vid periodens slut"] == "uppskjuten"
    assert row["Status vid periodens slut: försenad"] == "ja"
    assert row["Status vid periodens slut: senaste rapportens datum"] == dt.date(2024, 10, 15)
    assert row["Rapporterad av"] == "Gustav Öberg" and row["Kommentar"] == "Flyttad till 2025 på grund av resursbrist."
    proposed = next(r for r in rows if r["Nr"] == "9.2.7")
    assert proposed["Kopplingen föreslagen av redaktionen"] == "ja"


def test_every_activity_is_in_the_activities_export(model: Municipality) -> None:
    """Every activity of the plan is in the period's file, those serving no effektmål without one."""
    _, site = _period(model, "2024-25")
    rows = _rows(_offered(site, f"{PLAN}/uppfoljning/2024-25/aktiviteter"))
    assert {r["Aktivitet, id"] for r in rows} == {a.id for a in model.plan(PLAN).activities}


def test_a_stale_status_keeps_its_old_report_in_the_export(model: Municipality) -> None:
    """An activity not reported in the period is "ej rapporterad" in the file, with the day and status of its last report."""
    _, site = _period(model, "2024-25")
    rows = _rows(_offered(site, f"{PLAN}/uppfoljning/2024-25/aktiviteter"))
    stale = next(r for r in rows if r["Status vid periodens slut: senaste rapportens datum"] == dt.date(2024, 1, 10))
    assert stale["Status vid periodens slut"] == "ej rapporterad"
    assert stale["Status vid periodens slut: senaste rapportens status"] == "pågår"
    assert stale["Status vid periodens slut: rapporterad under perioden"] == "nej"


def test_the_indicators_export_has_a_row_per_value_measured_in_the_period(model: Municipality) -> None:
    """Each nyckeltal's values measured in the period are rows with date, value and reporter; one unmeasured says so."""
    _, site = _period(model, "2024-25")
    rows = _rows(_offered(site, f"{PLAN}/uppfoljning/2024-25/nyckeltal"))
    measured = next(r for r in rows if r["Värde"] == "71 %")
    assert measured["Datum"] == dt.date(2025, 3, 31) and measured["Rapporterat av"] == "Frida Ahl"
    assert measured["Målvärde"] == "80 %" and measured["Uppmätt under perioden"] == "ja"
    _, later = _period(model, "2025-26")
    unmeasured = [r for r in _rows(_offered(later, f"{PLAN}/uppfoljning/2025-26/nyckeltal")) if r["Datum"] is None]
    assert unmeasured and all(r["Uppmätt under perioden"] == "nej" and r["Värde"] is None for r in unmeasured)


def test_the_summary_export_counts_as_the_chart(model: Municipality) -> None:
    """The summary's file has each status's count, the total and the day it was counted, as numbers and a date."""
    _, site = _period(model, "2024-25")
    rows = _rows(_offered(site, f"{PLAN}/uppfoljning/2024-25/status"))
    counts = {r["Status"]: r["Antal"] for r in rows}
    assert counts["Genomförd"] == 1 and counts["Ej rapporterad"] == 5 and counts["Försenade (ingår ovan)"] == 2
    assert {r["Antal aktiviteter"] for r in rows} == {8} and {r["Räknat per"] for r in rows} == {dt.date(2025, 9, 30)}


def test_the_status_changes_export_has_both_statuses(model: Municipality) -> None:
    """The file of changed statuses has each changed activity with its status before and after, as on the page."""
    _, site = _period(model, "2025-26")
    rows = _rows(_offered(site, f"{PLAN}/uppfoljning/2025-26/statusandringar"))
    assert len(rows) == 4
    row = next(r for r in rows if r["Nr"] == "9.2.3")
    assert row["Status vid föregående periods slut"] == "uppskjuten" and row["Status vid periodens slut"] == "avbruten"


def test_the_content_changes_export_names_the_changed_record(model: Municipality) -> None:
    """The file of the plan's changed records names each record, its kind, id and what changed."""
    _, site = _period(model, "2024-25")
    (row,) = _rows(_offered(site, f"{PLAN}/uppfoljning/2024-25/innehall"))
    assert row["Post"] == "Aktivitet 9.2.3 Webbinventering" and row["Id"] == "webbinventering"
    assert row["Vad som ändrades"] == "Tidplan (ändrad)" and row["Antal ändringar (en per ändrat fält)"] == 1


def test_the_stamp_export_names_plan_period_and_version(model: Municipality) -> None:
    """The report's facts are one row: plan, period with its days, the version in force and the day computed."""
    _, site = _period(model, "2023-24")
    (row,) = _rows(_offered(site, f"{PLAN}/uppfoljning/2023-24/uppgifter"))
    assert row["Kategoriplan"] == "Kategoriplan Årsrapport" and row["Period"] == "2023/24"
    first = next(label for label in row if label.startswith("Periodens första dag ("))
    assert "räknad av webbplatsen" in first or "uppfoljning.yml" in first  # where the days come from
    assert row[first] == dt.date(2023, 10, 1) and row["Planens version"] == "1.0 (2023-09-15)"
    assert row["Beräknat"] == TODAY


def test_the_overview_export_has_every_period_with_its_counts(model: Municipality) -> None:
    """The periods' file has every period with its days and counts; a period not begun has no counts."""
    _, site = _rendered(model, "uppfoljning", follow_up_index_page(PLAN), plan=PLAN)
    rows = _rows(_offered(site, f"{PLAN}/uppfoljning"))
    plan = model.plan(PLAN)
    assert [r["Period, id"] for r in rows] == [item.id for item in periods(plan)]
    ended = next(r for r in rows if r["Period, id"] == "2024-25")
    item = next(item for item in periods(plan) if item.id == "2024-25")
    counts = summary([status_in(plan, a, item, TODAY) for a in plan.activities])
    assert ended["Ej rapporterad"] == counts.counts["ej rapporterad"] and ended["Försenade"] == counts.late
    future = next(r for r in rows if r["Period, id"] == "2026-27")
    assert future["Läge"] == "har inte börjat" and future["Genomförd"] is None and future["Räknat per"] is None


def test_the_due_exports_list_what_the_page_lists(model: Municipality) -> None:
    """Att rapportera's files have the due activities with why and who is accountable, and the due nyckeltal."""
    output, site = _rendered(model, "att_rapportera", due_page(PLAN), plan=PLAN)
    activities = _rows(_offered(site, f"{PLAN}/att-rapportera-aktiviteter"))
    indicators = _rows(_offered(site, f"{PLAN}/att-rapportera-nyckeltal"))
    assert len(activities) == 4 and len(indicators) == 2
    row = next(r for r in activities if r["Nr"] == "9.2.2")
    assert row["Vad som saknas"] == "planerat slut passerat utan slutrapport; ingen rapport under perioden"
    assert "Frida Ahl" in str(row["Ansvarig"])
    assert {r["Kategoriledare (återrapporterar enligt avsnitt 8.2)"] for r in indicators} == {"Frida Ahl"}
    assert re.search(r"Ladda ner: .*Excel.* · .*CSV", output)
