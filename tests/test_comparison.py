"""The comparison engine on two loaded states of the fixture data: records matched by id,
lists matched by identity, and the Swedish wording of every kind of change."""

from __future__ import annotations

import typing
from collections.abc import Callable

from pydantic.fields import FieldInfo

from macros.comparison import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    RENUMBERED,
    Change,
    Snapshot,
    as_markdown,
    as_text,
    compare,
    describe,
)
from macros.comparison.fields import canonical, identities, reference_kind
from macros.comparison.records import PLAN_LISTS
from macros.loading.files import PLAN_FILES, SHARED_FILES
from macros.model.base import SLUG_PATTERN, Record
from macros.model.catalog import Municipality
from tests.conftest import DataCopy

ACTIVITIES = "planer/exempel/aktiviteter.yml"


def record_types() -> list[type[Record]]:
    """Every record type the data files hold, nested ones included."""
    found: list[type[Record]] = []

    def walk(annotation: object) -> None:
        if isinstance(annotation, type) and issubclass(annotation, Record) and annotation not in found:
            found.append(annotation)
            for info in annotation.model_fields.values():
                walk(info.annotation)
        for argument in typing.get_args(annotation):
            walk(argument)

    for kind in (*PLAN_FILES, *SHARED_FILES):
        walk(kind.model)
    return found


def holds_slug(info: FieldInfo) -> bool:
    """Whether a field holds an id (a `Slug`, alone, optional or in a list)."""

    def is_slug(metadata: typing.Iterable[object]) -> bool:
        return any(getattr(item, "pattern", None) == SLUG_PATTERN for item in metadata)

    def walk(annotation: object) -> bool:
        if typing.get_origin(annotation) is typing.Annotated and is_slug(typing.get_args(annotation)[1:]):
            return True
        return any(walk(argument) for argument in typing.get_args(annotation))

    return is_slug(info.metadata) or walk(info.annotation)


def _model(data: DataCopy) -> Municipality:
    result = data.load()
    assert result.ok and result.model is not None, [f.format() for f in result.findings]
    return result.model


def _after(data: DataCopy, edit: Callable[[DataCopy], None]) -> list[Change]:
    """The changes an edit of the fixture data makes."""
    before = _model(data)
    edit(data)
    return compare(before, _model(data))


def test_identical_data_has_no_changes(data: DataCopy) -> None:
    """Two loads of the same data compare equal, although their records are different objects."""
    assert compare(_model(data), _model(data)) == []


def test_a_changed_field_is_described_with_old_and_new_value(data: DataCopy) -> None:
    """A changed timeline text gives one change, worded as the auditors read it."""
    changes = _after(data, lambda d: d.replace(ACTIVITIES, "text: påbörjas 2023-Q4 – 2024 Q4", "text: under 2025"))
    assert [describe(c) for c in changes] == [
        "Aktivitet 9.2.1 Inför e-tjänster – Tidplan: 'påbörjas 2023-Q4 – 2024 Q4' → 'under 2025'"
    ]
    change = changes[0]
    assert (change.plan, change.kind, change.record, change.field, change.change) == (
        "exempel",
        "aktivitet",
        "e-tjanster",
        "Tidplan",
        CHANGED,
    )
    assert change.rich and change.key == "tidplan.text"


def test_nested_fields_are_labelled_under_their_parent(data: DataCopy) -> None:
    """A timeline's end is "Tidplan, slut", shown as the period in words."""
    changes = _after(data, lambda d: d.replace(ACTIVITIES, "slut: 2024-Q4", "slut: 2025-06"))
    assert [describe(c) for c in changes] == [
        "Aktivitet 9.2.1 Inför e-tjänster – Tidplan, slut: 'Q4 2024' → 'juni 2025'"
    ]


def test_renumbering_keeps_the_record(data: DataCopy) -> None:
    """A renumbered activity is the same activity: one renumbering, no removal or addition."""
    changes = _after(data, lambda d: d.replace(ACTIVITIES, 'nummer: "9.2.2"', 'nummer: "9.2.5"'))
    assert [(c.change, c.old, c.new) for c in changes] == [(RENUMBERED, "9.2.2", "9.2.5")]
    assert describe(changes[0]) == "Aktivitet 9.2.5 Utbilda beställare numrerades om: 9.2.2 → 9.2.5"


def test_reordered_steps_and_parties_are_no_change(data: DataCopy) -> None:
    """Moving delmoment and responsibility parties within their lists changes nothing."""

    def reorder(d: DataCopy) -> None:
        d.replace(
            ACTIVITIES,
            "      - bokstav: a\n        text: Inventera\n      - bokstav: b\n        text: Upphandla\n",
            "      - bokstav: b\n        text: Upphandla\n      - bokstav: a\n        text: Inventera\n",
        )
        d.replace(
            ACTIVITIES,
            "      - roll: kategoriledare\n        typ: ansvarig\n      - enhet: upphandlingssektionen\n        typ: genomför\n",
            "      - enhet: upphandlingssektionen\n        typ: genomför\n      - roll: kategoriledare\n        typ: ansvarig\n",
        )

    assert _after(data, reorder) == []


def test_list_items_are_matched_by_identity(data: DataCopy) -> None:
    """A step added in the middle is one addition; the steps after it are not reported as changed."""
    changes = _after(
        data,
        lambda d: d.replace(
            ACTIVITIES,
            "      - bokstav: a\n        text: Inventera\n",
            "      - bokstav: a\n        text: Inventera\n      - bokstav: aa\n        text: Analysera\n",
        ),
    )
    assert [describe(c) for c in changes] == [
        "Aktivitet 9.2.1 Inför e-tjänster – Delmoment lades till: 'aa) Analysera'"
    ]


def test_a_reworded_step_keeps_its_letter(data: DataCopy) -> None:
    """A step whose text changes is matched by its letter and shown as changed."""
    changes = _after(data, lambda d: d.replace(ACTIVITIES, "text: Upphandla\n", "text: Upphandla med dialog\n"))
    assert [describe(c) for c in changes] == [
        "Aktivitet 9.2.1 Inför e-tjänster – Delmoment b): 'Upphandla' → 'Upphandla med dialog'"
    ]


def test_a_party_changing_kind_is_one_change(data: DataCopy) -> None:
    """A unit that goes from carrying out to taking part is matched by who it is."""
    changes = _after(data, lambda d: d.replace(ACTIVITIES, "typ: genomför", "typ: deltar"))
    assert [describe(c) for c in changes] == [
        "Aktivitet 9.2.1 Inför e-tjänster – Ansvar Upphandlingssektionen, typ: 'genomför' → 'deltar'"
    ]


def test_references_are_shown_by_name(data: DataCopy) -> None:
    """A dependency added to a timeline is named by the activity's number and name, not its id."""
    changes = _after(data, lambda d: d.replace(ACTIVITIES, "      efter: [e-tjanster]\n", "      efter: []\n"))
    assert [describe(c) for c in changes] == [
        "Aktivitet 9.2.2 Utbilda beställare – Tidplan, genomförs efter togs bort: '9.2.1 Inför e-tjänster'"
    ]


def test_a_documents_citations_are_one_item(data: DataCopy) -> None:
    """The sections citing a governing document are matched by the document, which is shown by its name."""
    plan = "planer/exempel/plan.yml"
    data.edit(
        plan,
        lambda text: (
            text + "hänvisningar_till_styrdokument:\n  - styrdokument: upphandlingspolicy\n    avsnitt: ['2.3']\n"
        ),
    )
    changes = _after(data, lambda d: d.replace(plan, "avsnitt: ['2.3']", "avsnitt: ['2.3', '9.2.1']"))
    assert [describe(c) for c in changes] == [
        "Planen Kategoriplan Exempel – Hänvisningar till styrdokument Upphandlings- och inköpspolicy, "
        "avsnitt lades till: '9.2.1'"
    ]
    removed = _after(data, lambda d: d.edit(plan, lambda text: text.split("hänvisningar_till_styrdokument:")[0]))
    assert [describe(c) for c in removed] == [
        "Planen Kategoriplan Exempel – Hänvisningar till styrdokument togs bort: "
        "'Upphandlings- och inköpspolicy: avsnitt 2.3, 9.2.1'"
    ]


def test_every_field_holding_an_id_is_shown_by_name() -> None:
    """Each field of the model that holds another record's id (not its own) is a reference the comparison
    resolves to the record's name: a new field of ids cannot reach the history as a bare id unnoticed."""
    unresolved = [
        f"{owner.__name__}.{name}"
        for owner in record_types()
        for name, info in owner.model_fields.items()
        if name != "id" and holds_slug(info) and reference_kind(owner, name) is None
    ]
    assert unresolved == []


def test_every_list_of_records_is_matched_by_identity() -> None:
    """Each list of records in the model is matched item by item by an identity (an `id`, or one named in
    `IDENTITY`), or its items are records of their own: no list falls back to matching whole items, which
    would show one changed item as one removed and one added."""
    own = {(kind.model.__name__, name) for kind in PLAN_FILES for name, _ in PLAN_LISTS.get(kind.name, ())}
    by_content = [
        f"{owner.__name__}.{name}"
        for owner in record_types()
        for name, info in owner.model_fields.items()
        if typing.get_origin(info.annotation) is list
        and (item := typing.get_args(info.annotation)[0])
        and isinstance(item, type)
        and issubclass(item, Record)
        and (owner.__name__, name) not in own
        and identities(item)[0] is canonical
    ]
    assert by_content == []


def test_a_removed_and_an_added_record(data: DataCopy) -> None:
    """Removing one need and adding another are one removal and one addition of whole records."""
    before = _model(data)
    text = data.path("planer/exempel/upphandlingsbehov.yml").read_text(encoding="utf-8")
    first = text.index("  - id:")
    second = text.index("  - id:", first + 1)
    removed = text[first:second]
    data.path("planer/exempel/upphandlingsbehov.yml").write_text(text.replace(removed, ""), encoding="utf-8")
    after = _model(data)
    changes = compare(before, after)
    assert [(c.kind, c.change, c.field) for c in changes] == [("upphandlingsbehov", REMOVED, None)]
    assert describe(changes[0]).endswith(" togs bort")
    assert [(c.kind, c.change) for c in compare(after, before)] == [("upphandlingsbehov", ADDED)]


def test_a_shared_change_has_no_plan(data: DataCopy) -> None:
    """A person's new name is a change of shared data (plan None), described by the new name."""
    changes = _after(data, lambda d: d.replace("kommun/personer.yml", "namn: Bo Lind", "namn: Bo Lindberg"))
    assert [(c.plan, c.kind, c.record) for c in changes] == [(None, "person", "bo-lind")]
    assert describe(changes[0]) == "Person Bo Lindberg – Namn: 'Bo Lind' → 'Bo Lindberg'"


def test_a_record_moved_to_another_plan(data: DataCopy) -> None:
    """An activity moved to another plan with the same id is moved, not removed and added."""
    before = _model(data)
    snapshot = Snapshot.of(before)
    exempel = dict(snapshot.plans["exempel"])
    liten = dict(snapshot.plans["liten"])
    activities = exempel["aktiviteter.yml"]
    moved = activities.activities[1]  # type: ignore[attr-defined]
    exempel["aktiviteter.yml"] = activities.model_copy(update={"activities": activities.activities[:1]})  # type: ignore[attr-defined]
    small = liten["aktiviteter.yml"]
    liten["aktiviteter.yml"] = small.model_copy(update={"activities": [*small.activities, moved]})  # type: ignore[attr-defined]
    after = Snapshot(snapshot.shared, {"exempel": exempel, "liten": liten})
    changes = compare(snapshot, after)
    assert [(c.plan, c.change) for c in changes] == [("liten", MOVED)]
    assert describe(changes[0]) == (
        "Aktivitet 9.2.2 Utbilda beställare flyttades från Kategoriplan Exempel till Kategoriplan Liten"
    )


def test_comparing_with_nothing_adds_every_record(data: DataCopy) -> None:
    """Against no data, every record is added once, and nothing else is reported."""
    changes = compare(None, _model(data))
    assert changes and {c.change for c in changes} == {ADDED} and all(c.field is None for c in changes)
    assert len({c.record_key for c in changes}) == len(changes)


def test_text_and_markdown_group_by_plan_and_record(data: DataCopy) -> None:
    """The text and Markdown formats head each plan and record once and escape Markdown in values."""
    changes = _after(data, lambda d: d.replace(ACTIVITIES, "namn: Inför e-tjänster", "namn: Inför *alla* e-tjänster"))
    text = as_text(changes, plan_names={"exempel": "Kategoriplan Exempel"})
    assert text.splitlines()[:5] == [
        "Kategoriplan Exempel",
        "====================",
        "",
        "Aktivitet 9.2.1 Inför *alla* e-tjänster",
        "  Rubrik: 'Inför e-tjänster' → 'Inför *alla* e-tjänster'",
    ]
    markdown = as_markdown(changes, plan_names={"exempel": "Kategoriplan Exempel"})
    assert "## Kategoriplan Exempel" in markdown
    assert "- **Rubrik**: ”Inför e-tjänster” → ”Inför \\*alla\\* e-tjänster”" in markdown


def test_no_changes_reads_as_such() -> None:
    """An empty list of changes says so in both formats."""
    assert as_text([]) == "Inga ändringar.\n" and as_markdown([]) == "Inga ändringar.\n"


def test_change_survives_json(data: DataCopy) -> None:
    """A change written to the cache reads back equal."""
    changes = _after(data, lambda d: d.replace(ACTIVITIES, "prioritet: 2", "prioritet: 3"))
    assert [Change.from_json(c.to_json()) for c in changes] == changes
