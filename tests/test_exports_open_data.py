"""The "Öppna data" page and the municipality's settings: the page names every file with its
format and schema, the licence (and that it is a default until set), the data's date and
version, and how to subscribe; mkdocs.yml's `extra.exporter` is read strictly."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.exports.catalog import plan_files, shared_files
from macros.exports.ocds import MAPPING, UNMAPPED
from macros.exports.settings import (
    DEFAULT_LICENCE,
    OpenDataSettings,
    SettingsError,
    data_version,
    settings_from,
    tables_created,
)
from macros.loading.loader import load
from macros.model.catalog import Municipality
from macros.model.history import NO_HISTORY, Commit, FileChange, History
from macros.render import MACROS
from macros.render.context import Site
from tests.sitebuild import ROOT

PLAN = "it-och-telekom"
TODAY = dt.date(2026, 11, 29)
PAGE = f"{PLAN}/oppna-data.md"


@pytest.fixture(scope="module")
def model() -> Municipality:
    """The real data."""
    result = load(ROOT / "data", today=TODAY)
    assert result.model is not None
    return result.model


def _page(model: Municipality, settings: OpenDataSettings | None = None, history: History = NO_HISTORY) -> str:
    site = Site(model=model, today=TODAY, page=PAGE, history=history, open_data=settings or OpenDataSettings())
    return MACROS["oppna_data"].bind(site)(plan=PLAN)


def test_the_page_links_every_file_with_format_and_schema(model: Municipality) -> None:
    """Every JSON, schema, calendar and OCDS file is linked (relative to the page) with its format."""
    page = _page(model)
    for item in [*plan_files(model.plan(PLAN)), *shared_files()]:
        assert f'href="../../nedladdning/{item.path}"' in page, item.path
        assert item.format in page


def test_the_page_offers_the_main_tables(model: Municipality) -> None:
    """The plan's main tables are offered as Excel and CSV on the page."""
    page = _page(model)
    for name in ("aktiviteter", "upphandlingsbehov", "nyckeltal", "kategoriteam", "plan"):
        assert (
            f'href="../../nedladdning/{PLAN}/{name}.xlsx"' in page
            and f'href="../../nedladdning/{PLAN}/{name}.csv"' in page
        )


def test_the_default_licence_is_named_and_said_to_be_a_default(model: Municipality) -> None:
    """Without a setting the page names the default licence and says the municipality must decide it."""
    page = _page(model)
    assert DEFAULT_LICENCE in page and "Licensen är ett förval" in page


def test_a_set_licence_is_shown_without_the_default_note(model: Municipality) -> None:
    """With `licens` set, the page names it and no longer calls it a default."""
    settings = settings_from({"exporter": {"licens": "CC BY 4.0", "licens_url": "https://example.org/by"}}, None)
    page = _page(model, settings)
    assert "CC BY 4.0" in page and "Licensen är ett förval" not in page


def test_the_page_says_the_data_date_and_version(model: Municipality) -> None:
    """The data's date and commit come from git's history of the plan's data."""
    made = dt.datetime(2026, 10, 1, 9, 30, tzinfo=dt.UTC)
    history = History(
        commits=(Commit("abcdef1234", made, "Redaktör", "Ändra", (FileChange("M", f"data/planer/{PLAN}/plan.yml"),)),)
    )
    page = _page(model, history=history)
    assert "Datadatum: 2026-10-01" in page and "Dataversion: abcdef1" in page


def test_the_page_explains_how_to_subscribe(model: Municipality) -> None:
    """The page links the calendar and tells Outlook and Google Calendar users how to subscribe."""
    page = _page(model)
    assert f'href="../../nedladdning/{PLAN}/kalender.ics"' in page
    assert "Outlook" in page and "Google Kalender" in page and "Från webbadress" in page


def test_the_page_documents_the_ocds_mapping_and_what_is_left_out(model: Municipality) -> None:
    """Every mapped OCDS field and every unmapped piece of a need is on the page."""
    page = _page(model)
    for field, _ in MAPPING:
        assert f"`{field}`" in page
    for item, _ in UNMAPPED:
        assert item in page


def test_settings_refuse_unknown_keys() -> None:
    """A misspelt key under extra.exporter is a Swedish error, not silently ignored."""
    with pytest.raises(SettingsError, match="okänd nyckel"):
        settings_from({"exporter": {"licence": "CC0"}}, None)


def test_settings_refuse_values_that_are_not_text() -> None:
    """A setting must be text."""
    with pytest.raises(SettingsError, match="ska vara en text"):
        settings_from({"exporter": {"licens": 3}}, None)


def test_settings_default_without_extra() -> None:
    """Without extra.exporter every setting is the default, and marked as not set."""
    settings = settings_from({}, "https://planer.example.org")
    assert not settings.licence_set and not settings.ocid_prefix_set
    assert settings.site_url == "https://planer.example.org/"


def test_data_version_without_git_says_so() -> None:
    """Without history the version says why and the date is the build's."""
    version = data_version(NO_HISTORY, PLAN, TODAY)
    assert version.day == TODAY and not version.committed and "okänd" in version.version


def test_data_version_sees_uncommitted_data() -> None:
    """Data changed after the last commit is not that commit's version."""
    made = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    history = History(
        commits=(Commit("abcdef1234", made, "R", "Ä", (FileChange("M", f"data/planer/{PLAN}/plan.yml"),)),),
        uncommitted=(f"data/planer/{PLAN}/aktiviteter.yml",),
    )
    version = data_version(history, PLAN, TODAY)
    assert not version.committed and "inte är incheckat" in version.version and version.day == TODAY


def test_tables_keep_the_last_commits_time_when_data_changes_after_it() -> None:
    """The tables' created time is the newest data commit's, with or without files changed since (their
    bytes stay the same until the next commit), and the build's day at midnight without git."""
    made = dt.datetime(2026, 10, 1, 9, 30, tzinfo=dt.UTC)
    files = (FileChange("M", f"data/planer/{PLAN}/plan.yml"), FileChange("M", "data/kommun/personer.yml"))
    clean = History(commits=(Commit("abcdef1234", made, "R", "Ä", files),))
    changed = History(commits=clean.commits, uncommitted=(f"data/planer/{PLAN}/aktiviteter.yml",))
    assert tables_created(clean, [None, PLAN], TODAY) == tables_created(changed, [None, PLAN], TODAY) == made
    midnight = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC)
    assert tables_created(NO_HISTORY, [None, PLAN], TODAY) == midnight


def test_data_version_ignores_other_plans_and_pages() -> None:
    """A commit that only changed another plan or a page is not this plan's data version."""
    old, new = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    history = History(
        commits=(
            Commit(
                "2222222222",
                new,
                "R",
                "annan plan",
                (FileChange("M", "data/planer/annan/plan.yml"), FileChange("M", f"content/{PLAN}/index.md")),
            ),
            Commit("1111111111", old, "R", "denna plan", (FileChange("M", f"data/planer/{PLAN}/plan.yml"),)),
        )
    )
    assert data_version(history, PLAN, TODAY).version == "1111111"
