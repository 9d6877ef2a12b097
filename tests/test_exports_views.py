"""What the views offer for download, rendered in this process on the real data: each export
holds what its table shows (the register's cited sections, a record's history within its plan's
change export)."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.comparison import CHANGED, Change
from macros.exports.dataset import Dataset
from macros.loading.loader import load
from macros.model.catalog import Municipality
from macros.model.history import Commit, DataChange, FileChange, History
from macros.render import MACROS
from macros.render.context import Site
from macros.render.history import record_history
from macros.render.html import expand_finished
from tests.sitebuild import ROOT

PLAN = "it-och-telekom"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def model() -> Municipality:
    """The real data."""
    result = load(ROOT / "data", today=TODAY)
    assert result.model is not None
    return result.model


def _offered(site: Site, path: str) -> Dataset:
    """The dataset the rendered views offered under `path`."""
    return next(item for item in site.downloads.datasets if item.path == path)


def test_the_register_export_names_the_sections_the_page_links(model: Municipality) -> None:
    """Each document's "Avsnitt som hänvisar hit" in the export is the plan's cited sections, as on the page."""
    site = Site(model=model, today=TODAY, page="kommunen/styrdokument.md")
    MACROS["styrdokumentregister"].bind(site)()
    export = _offered(site, "kommun/styrdokument")
    column = [c.label for c in export.columns].index("Avsnitt som hänvisar hit")
    cited = model.plan(PLAN).cited_sections()
    assert {row[0]: row[column] for row in export.rows} == {
        doc.id: ", ".join(cited.get(doc.id, [])) or None for doc in model.documents_file.documents
    }


def _history(model: Municipality) -> History:
    """One commit that changed an activity's timeline and a person's name."""
    activity = model.plan(PLAN).activities[0]
    person = model.people[0]
    commit = Commit(
        "2" * 40,
        dt.datetime(2025, 5, 2, 10, tzinfo=dt.UTC),
        "Åsa Ek",
        "Ny tidplan",
        (FileChange("M", "data/planer/x.yml"),),
    )
    changes = (
        Change(PLAN, "aktivitet", activity.id, "Aktivitet", "Tidplan", CHANGED, "2024", "2025", key="tidplan.text"),
        Change(None, "person", person.id, "Person", "Namn", CHANGED, "A", "B", key="namn"),
    )
    return History(commits=(commit,), data_changes=(DataChange(commit, changes),))


def test_a_records_history_offers_its_plans_change_export_holding_its_rows(model: Municipality) -> None:
    """Below an activity's history: the plan's change export, with the activity's change and the day as a date."""
    activity = model.plan(PLAN).activities[0]
    site = Site(model=model, today=TODAY, page=f"{PLAN}/aktiviteter/{activity.id}.md", history=_history(model))
    html = expand_finished(record_history(site, (PLAN, "aktivitet", activity.id)))
    assert "Ladda ner:" in html and "alla ändringar i poster i" in html
    export = _offered(site, f"{PLAN}/andringar")
    labels = [c.label for c in export.columns]
    rows = [dict(zip(labels, row, strict=True)) for row in export.rows]
    mine = [row for row in rows if row["Postens id"] == activity.id]
    assert [(r["Före"], r["Efter"], r["Datum"], r["Fält i datat"]) for r in mine] == [
        ("2024", "2025", dt.date(2025, 5, 2), "tidplan.text")
    ]


def test_a_shared_records_history_offers_the_shared_change_export(model: Municipality) -> None:
    """Below a person's history: the shared data's change export, which holds only the shared data's changes."""
    person = model.people[0]
    site = Site(model=model, today=TODAY, page=f"ansvar/{person.id}.md", history=_history(model))
    record_history(site, (None, "person", person.id))
    export = _offered(site, "kommun/andringar")
    assert [(row[2], row[6], row[7]) for row in export.rows] == [(person.id, "A", "B")]
