"""The follow-up views on fixture data: the period report, the activity page's timeline and
measure series, "Att rapportera", and the date every date-dependent view was computed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from macros.comparison import Change
from macros.model.catalog import Municipality
from macros.model.history import Commit, DataChange, History
from macros.render import MACROS
from macros.render.context import MacroError, activity_page, due_page, follow_up_period_page
from tests.followup_data import PLAN, TODAY, load_model, site_for


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Municipality:
    """The follow-up fixture, loaded once."""
    return load_model(tmp_path_factory.mktemp("followup-render") / "data")


def render(model: Municipality, name: str, page: str, **arguments: object) -> str:
    """One macro's output on `page`, seen from the fixture's today."""
    return MACROS[name].bind(site_for(model, page))(**arguments)


def period_page(model: Municipality, period: str) -> str:
    """The period page "Uppföljning <period>"."""
    return render(model, "uppfoljningsperiod", follow_up_period_page(PLAN, period), plan=PLAN, period=period)


def activity(model: Municipality, activity_id: str) -> str:
    """An activity's generated page."""
    return render(model, "aktivitetssida", activity_page(PLAN, activity_id), plan=PLAN, aktivitet=activity_id)


def test_period_page_is_titled_and_stamped(model: Municipality) -> None:
    """The period page names the period, the plan, its version, the data's date and the day it was computed."""
    page = period_page(model, "2024-25")
    assert page.startswith("# Uppföljning 2024/25\n")
    assert "| Kategoriplan | Kategoriplan Årsrapport |" in page
    assert "| Period | 2024/25: 2024-10-01 – 2025-09-30 (avslutad) |" in page
    assert "| Planens version | 1.1 (2024-10-01) |" in page
    assert "| Beräknat | 2026-02-15 |" in page


def test_print_frame_names_plan_period_version_and_data_date(model: Municipality) -> None:
    """The running header and footer printed on every page carry plan, period, version and data date."""
    frame = period_page(model, "2024-25").split('<div class="utskrift-ram"')[1].split("\n\n")[0]
    assert frame.startswith(' aria-hidden="true">')
    for text in ("Kategoriplan Årsrapport", "Uppföljning 2024/25", "Version: 1.1 (2024-10-01)", "Data ändrat:"):
        assert text in frame


def test_summary_counts_every_status(model: Municipality) -> None:
    """The summary gives the count of each status and of the late activities, in words a board member reads."""
    page = period_page(model, "2024-25")
    assert (
        "Genomförd: 1 · Pågår: 1 · Ej påbörjad: 0 · Uppskjuten: 1 · Avbruten: 0 · Ej rapporterad: 5 · Försenade: 2."
        in page
    )


def test_summary_chart_follows_the_diagram_conventions(model: Municipality) -> None:
    """The summary is an accessible SVG with title and description, a caption and its data table."""
    page = period_page(model, "2024-25")
    figure = page.split('<figure class="diagram" id="uppfoljning-arsrapport-2024-25-status">')[1].split("</figure>")[0]
    assert 'role="img"' in figure and "<title " in figure and "<desc " in figure and "<figcaption>" in figure
    assert '<table class="sorterbar" id="uppfoljning-arsrapport-2024-25-status-data">' in figure
    assert figure.count("uppfoljning-arsrapport-2024-25-status-streckad") == 2  # the pattern and the late bar


def test_changes_since_previous_period(model: Municipality) -> None:
    """The comparison lists each changed activity with its status before and after."""
    page = period_page(model, "2025-26")
    section = page.split("### Aktiviteternas status")[1].split("\n### ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| [9.2.")]
    assert len(rows) == 4
    assert any("9.2.3 Inventera webbplatserna" in row and "uppskjuten" in row and "avbruten" in row for row in rows)


def test_first_period_has_nothing_to_compare(model: Municipality) -> None:
    """The first period says that there is no earlier period."""
    assert "ingen tidigare period att jämföra med" in period_page(model, "2023-24")


def test_future_period_reports_nothing(model: Municipality) -> None:
    """A period that has not begun says so and shows no status."""
    page = period_page(model, "2026-27")
    assert "Perioden har inte börjat; den börjar 2026-10-01." in page and "## Sammanfattning" not in page


def test_activities_per_effect_goal_with_report(model: Municipality) -> None:
    """Each effektmål lists its activities with status, report date, reporter and comment."""
    page = period_page(model, "2024-25")
    goal = page.split("### 4.1.1 Ökad service")[1].split("### ")[0]
    row = next(line for line in goal.splitlines() if "9.2.3 Inventera webbplatserna" in line)
    assert "uppskjuten, **försenad**" in row and "2024-10-15" in row and "Gustav Öberg" in row
    assert "Flyttad till 2025 på grund av resursbrist." in row
    assert "9.2.7 Kompetenslyft" in goal and "(koppling föreslagen av redaktionen)" in goal


def test_stale_status_on_the_period_page(model: Municipality) -> None:
    """An activity not reported in the period shows since when, and what the old report said."""
    page = period_page(model, "2024-25")
    assert "ej rapporterad sedan 2024-01-10 (då: pågår)" in page


def test_measures_with_values_and_targets(model: Municipality) -> None:
    """Each effektmål's nyckeltal show the target and the values measured in the period."""
    page = period_page(model, "2024-25")
    row = next(line for line in page.splitlines() if "Nöjdheten med e-tjänsterna" in line)
    assert "80 %" in row and "71 % (2025-03-31)" in row and "Frida Ahl" in row
    assert "ej uppmätt under perioden" in period_page(model, "2025-26")


def test_unknown_period_is_a_swedish_error(model: Municipality) -> None:
    """A period the plan does not have is refused, naming the ones it has."""
    with pytest.raises(MacroError, match="perioden '2030' finns inte"):
        period_page(model, "2030")


def test_overview_lists_every_period_with_counts(model: Municipality) -> None:
    """The overview links every period and gives its counts."""
    page = render(model, "uppfoljning", f"{PLAN}/uppfoljning/index.md", plan=PLAN)
    assert "| [2024/25](2024-25.md)<br>2024-10-01 – 2025-09-30 | avslutad | 1 | 1 | 0 | 1 | 0 | 5 | 2 |" in page
    assert "| [2026/27](2026-27.md)<br>2026-10-01 – 2027-09-30 | har inte börjat |" in page


def test_activity_page_shows_every_report_as_a_timeline(model: Municipality) -> None:
    """Every report is an entry with date, status, reporter, period and comment, oldest first."""
    page = activity(model, "webbinventering")
    entries = re.findall(r"^1\. \*\*(\d{4}-\d\d-\d\d)\*\* · ([a-zåäö ]+) · ", page, re.MULTILINE)
    assert entries == [("2024-02-01", "pågår"), ("2024-10-15", "uppskjuten"), ("2025-11-01", "avbruten")]
    assert "Gustav Öberg · perioden 2024/25<br>Flyttad till 2025" in page


def test_activity_page_current_status_with_date_and_reporter(model: Municipality) -> None:
    """The current status is given with its date and who reported it."""
    page = activity(model, "samordnade-inkop")
    assert "Aktuell status: **pågår**, rapporterad 2025-12-01 av Örjan Åberg." in page


def test_activity_page_not_reported_since(model: Municipality) -> None:
    """A latest report older than the period gives "ej rapporterad sedan …", and late work says so."""
    page = activity(model, "upphandling-e-arkiv")
    assert "Aktuell status: **ej rapporterad sedan 2025-06-01**" in page and "**försenad**" in page
    assert "| Status | ej rapporterad sedan 2025-06-01, försenad |" in page


def test_activity_page_never_invents_a_status(model: Municipality) -> None:
    """An activity without reports is "ej rapporterad" and has no timeline."""
    page = activity(model, "avtalsuppfoljning")
    assert "Aktuell status: **ej rapporterad**. Ingen uppföljning har rapporterats" in page
    assert "### Rapporter" not in page


def test_measure_series_chart_on_the_activity_page(model: Municipality) -> None:
    """A nyckeltal with numbers is drawn as a small chart with its table on the activity it follows up."""
    page = activity(model, "forstudie")
    figure = page.split('<figure class="diagram" id="matserie-arsrapport-nojdhet">')[1].split("</figure>")[0]
    assert 'role="img"' in figure and "Målvärde: 80 %." in figure
    assert figure.count("<tr") == 4  # a header row and one row per value


def test_measure_in_words_is_a_table_only(model: Municipality) -> None:
    """Values that are not numbers are listed, not drawn."""
    page = activity(model, "upphandling-e-arkiv")
    assert "Rutinen är framtagen" in page and 'id="matserie-arsrapport-arkivrutin"' not in page
    assert "Värdena ritas inte" in page


def test_due_list_with_reasons_and_responsible(model: Municipality) -> None:
    """The page "Att rapportera" lists what is due, why, and who is responsible (roles resolved)."""
    page = render(model, "att_rapportera", due_page(PLAN), plan=PLAN)
    assert "## Aktiviteter (4 av 8)" in page and "## Nyckeltal (2 av 3)" in page
    row = next(line for line in page.splitlines() if "9.2.2 Upphandla e-arkiv" in line)
    assert "planerat slut passerat utan slutrapport; ingen rapport under perioden" in row
    assert "Kategoriledare" in row.split("|")[-2] and "Frida Ahl" in row.split("|")[-2]
    assert "Kategoriledaren, som återrapporterar enligt avsnitt 8.2: Frida Ahl" in page
    assert "Perioden som rapporteras nu: [2025/26](2025-26.md)" in page


@pytest.mark.parametrize(
    ("name", "arguments", "page"),
    [
        ("aktivitetslista", {"plan": PLAN}, f"{PLAN}/aktiviteter/index.md"),
        ("aktivitetstabell", {"plan": PLAN}, f"{PLAN}/oversikter/aktiviteter.md"),
        ("tidslinje", {"plan": PLAN}, f"{PLAN}/oversikter/tidslinje.md"),
        ("upphandlingskalender", {"plan": PLAN}, f"{PLAN}/oversikter/upphandlingskalender.md"),
        ("ansvarsmatris", {"plan": PLAN}, f"{PLAN}/oversikter/ansvarsmatris.md"),
        ("rollinnehavare", {"plan": PLAN}, f"{PLAN}/kategoriorganisation.md"),
        ("datakontrollens_varningar", {}, "redaktorer/varningar.md"),
        ("aktivitetssida", {"plan": PLAN, "aktivitet": "forstudie"}, activity_page(PLAN, "forstudie")),
        ("aktivitetsansvar", {"plan": PLAN, "aktivitet": "forstudie"}, f"{PLAN}/oversikter/ansvarsmatris.md"),
        ("personansvar", {"person": "frida-ahl"}, "ansvar/frida-ahl.md"),
        ("roller", {}, "kommunen.md"),
        ("uppfoljning", {"plan": PLAN}, f"{PLAN}/uppfoljning/index.md"),
        ("uppfoljningsperiod", {"plan": PLAN, "period": "2025-26"}, follow_up_period_page(PLAN, "2025-26")),
        ("att_rapportera", {"plan": PLAN}, due_page(PLAN)),
    ],
)
def test_date_dependent_views_say_when_they_were_computed(
    model: Municipality, name: str, arguments: dict[str, object], page: str
) -> None:
    """Every view that depends on today's date shows "Beräknat <datum>"."""
    assert f"Beräknat {TODAY.isoformat()}" in render(model, name, page, **arguments)


def test_guide_tables_list_statuses_and_ids(model: Municipality) -> None:
    """The guide's tables give every status with its meaning and every id beside its number."""
    statuses = render(model, "statusvarden", "redaktorer/rapportera.md")
    assert all(f"`{s}`" in statuses for s in ("ej påbörjad", "pågår", "genomförd", "uppskjuten", "avbruten"))
    ids = render(model, "rapportera_id", "redaktorer/rapportera.md", plan=PLAN)
    assert "| 9.2.2 | Upphandla e-arkiv | `upphandling-e-arkiv` |" in ids and "| 6.2 | Antalet" in ids


def _history_with(*changes: tuple[str, Change]) -> History:
    """A history with one commit per (day, change), as the comparison engine records them."""
    data_changes = tuple(
        DataChange(
            Commit(f"{n:040x}", dt.datetime.fromisoformat(f"{day}T10:00:00+01:00"), "Åsa Ek", "Ändring", ()),
            (change,),
        )
        for n, (day, change) in enumerate(changes, 1)
    )
    return History(commits=tuple(item.commit for item in data_changes), data_changes=data_changes)


def _schedule_change(plan: str = PLAN) -> Change:
    """The schedule of 9.2.3 changed, as the comparison engine says it."""
    label = "Aktivitet 9.2.3 Webbinventering"
    return Change(plan, "aktivitet", "webbinventering", label, "Tidplan", "ändrad", "2024", "2025")


def _period_with_history(model: Municipality, history: History, period: str = "2024-25") -> str:
    """The period page rendered with a git history."""
    site = replace(site_for(model, follow_up_period_page(PLAN, period)), history=history)
    return MACROS["uppfoljningsperiod"].bind(site)(plan=PLAN, period=period)


def test_period_page_lists_the_plans_content_changed_during_the_period(model: Municipality) -> None:
    """A record of the plan changed during the period is named, with what changed and a link to its history."""
    page = _period_with_history(model, _history_with(("2025-03-01", _schedule_change())))
    section = page.split("### Planens innehåll")[1].split("\n## ")[0]
    assert "Aktivitet 9.2.3 Webbinventering" in section and "Tidplan (ändrad)" in section
    assert 'href="../../aktiviteter/webbinventering/&#35;historik"' in section


def test_content_changes_outside_the_period_or_plan_and_reports_are_left_out(model: Municipality) -> None:
    """Changes before the period, to another plan, or to reports are not the period's changes to the plan."""
    report = Change(PLAN, "statusrapport", "webbinventering/2025-03-01", "Statusrapport", None, "tillagd")
    history = _history_with(
        ("2024-09-30", _schedule_change()), ("2025-03-01", _schedule_change("vyer")), ("2025-03-01", report)
    )
    section = _period_with_history(model, history).split("### Planens innehåll")[1].split("\n## ")[0]
    assert "Historiken visar ingen ändring av planens innehåll under perioden." in section


def test_content_changes_without_git_say_why(model: Municipality) -> None:
    """Without a history the section says that the changes cannot be shown, and why."""
    section = period_page(model, "2024-25").split("### Planens innehåll")[1]
    assert "räknas ur git-historiken" in section and "webbplatsen byggdes utan git-historik" in section


def test_report_names_the_version_in_force_at_the_periods_end(model: Municipality) -> None:
    """A past period's report names the decided version in force when it ended, not a later one."""
    assert "| Planens version | 1.0 (2023-09-15) |" in period_page(model, "2023-24")


def test_warnings_page_gives_each_plan_its_own_due_list(model: Municipality) -> None:
    """The editors' warnings page has a section per plan whose missing follow-up links that plan's Att rapportera."""
    page = render(model, "datakontrollens_varningar", "redaktorer/varningar.md")
    for plan in model.plans.values():
        section = page.split(f"## {plan.meta.name}\n")[1].split("\n## ")[0]
        assert f"](../{plan.id}/uppfoljning/att-rapportera.md)" in section.split("### Uppföljning som saknas")[1]


def test_a_record_added_during_the_period_is_said_to_be_added(model: Municipality) -> None:
    """A record added and then edited in the period is shown as added, not as a list of its edits."""
    added = Change(PLAN, "aktivitet", "webbinventering", "Aktivitet 9.2.3 Webbinventering", None, "tillagd")
    history = _history_with(("2024-11-01", added), ("2025-03-01", _schedule_change()))
    section = _period_with_history(model, history).split("### Planens innehåll")[1].split("\n## ")[0]
    assert "1 post ändrades under perioden." in section
    assert "<td>posten lades till under perioden</td>" in section and "Tidplan" not in section
