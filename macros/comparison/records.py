"""The data as records to compare: which records each data file holds, their kind, their
identity and how a reader names them.

A `Snapshot` is the data's files as validated file records. It is made from a loaded
`Municipality`, or file by file from git (where some files may be missing or no longer
readable with today's model). `entries` lists every record of a snapshot under its key
(plan, kind, id), in the data's order: shared data first, then each plan's files.

The guidance library (`data/vagledning/`) is the text of published documents, not the
plan's records: the comparison reads only its national inriktningsmål, which plans link
to (older data held them in `kommun/styrning.yml`; the ids are the same, so a goal's
history runs on across the move). Dalamodellen's and the guides' texts, and the market
analyses, are deliberately not compared. What a plan or the organisation records against
the guidance is: its self-assessments (`sjalvskattning.yml`) and filled checklists
(`checklistor.yml`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from macros.model.base import Record
from macros.model.catalog import Municipality

Key = tuple[str | None, str, str]
"""(plan id or None for shared data, kind of record in Swedish, record id)."""


@dataclass(frozen=True)
class Kind:
    """A kind of record: its Swedish name, the word its label starts with, and the field holding its number."""

    name: str
    title: str
    number_field: str | None = None
    """The field holding the record's section number, when renumbering it means something."""


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("förvaltning", "Förvaltning"),
        Kind("nämnd", "Nämnd"),
        Kind("enhet", "Enhet"),
        Kind("roll", "Roll"),
        Kind("person", "Person"),
        Kind("målområde", "Målområde"),
        Kind("fullmäktigemål", "Fullmäktigemål"),
        Kind("nationellt mål", "Nationellt mål", "number"),
        Kind("styrdokument", "Styrdokument"),
        Kind("plan", "Planen"),
        Kind("beslutad version", "Beslutad version"),
        Kind("underkategori", "Underkategori"),
        Kind("effektmål", "Effektmål", "number"),
        Kind("strategi", "Strategi", "number"),
        Kind("nyckeltal", "Nyckeltal", "section"),
        Kind("avsnitt", "Avsnitt"),
        Kind("aktivitet", "Aktivitet", "number"),
        Kind("upphandlingsbehov", "Upphandlingsbehov"),
        Kind("redaktionell not", "Redaktionell not"),
        Kind("statusrapport", "Statusrapport"),
        Kind("mätvärde", "Mätvärde"),
        Kind("självskattning", "Självskattning"),
        Kind("ifylld checklista", "Ifylld checklista"),
    )
}
"""Every kind of record the comparison knows, in the order changes are listed."""

SHARED_KINDS = (
    "förvaltning",
    "nämnd",
    "enhet",
    "roll",
    "person",
    "målområde",
    "fullmäktigemål",
    "nationellt mål",
    "självskattning",
)
"""Kinds of the data the plans share (`data/kommun/` and the national goals of `data/vagledning/`), plus styrdokument."""

NATIONAL_STRATEGY_FILE = "vagledning/nationella-upphandlingsstrategin.yml"
"""The guidance file whose records (the inriktningsmål) the comparison reads, relative to the data folder."""

FOLLOW_UP_KINDS = frozenset({"statusrapport", "mätvärde", "självskattning", "ifylld checklista"})
"""Kinds added over the plan period by the follow-up (status reports, measurements, self-assessments
against Dalamodellen and the checklists filled in while a need is prepared); they are not part of a
decided plan."""

SECTIONS = {
    "aktiviteter.yml": ("aktivitetslista", "9.2 Aktivitetslista"),
    "upphandlingsbehov.yml": ("upphandlingsbehov", "9.1 Upphandlingsbehov"),
    "organisation.yml": ("kategoriorganisation", "8.0 Kategoriorganisation"),
    "nulage.yml": ("nulagesanalys", "10.0 Nulägesanalys"),
}
"""A plan file's own fields (beside its lists of records) form one record of kind "avsnitt": id and name."""


@dataclass(frozen=True)
class Snapshot:
    """The data's files as validated file records: shared files and each plan's files, by file name.

    `unreadable` names the files (relative to the data folder) that exist but could not be
    read with today's model; their records are neither added nor removed by a comparison.
    """

    shared: Mapping[str, Record]
    plans: Mapping[str, Mapping[str, Record]]
    unreadable: tuple[str, ...] = ()
    guidance: Mapping[str, Record] = field(default_factory=dict)
    """The guidance files the comparison reads, by path relative to the data folder (`NATIONAL_STRATEGY_FILE`)."""

    @classmethod
    def of(cls, model: Municipality) -> Snapshot:
        """The snapshot of a loaded model."""
        shared: dict[str, Record] = {
            "organisation.yml": model.organisation,
            "personer.yml": model.people_file,
            "styrning.yml": model.governance,
            "styrdokument.yml": model.documents_file,
            "sjalvskattning.yml": model.assessments,
        }
        guidance: dict[str, Record] = {}
        if model.guidance.national is not None:
            guidance[NATIONAL_STRATEGY_FILE] = model.guidance.national
        plans: dict[str, dict[str, Record]] = {}
        for plan in model.plans.values():
            files: dict[str, Record] = {
                "plan.yml": plan.meta,
                "underkategorier.yml": plan.subcategories_file,
                "effektmal.yml": plan.effect_goals_file,
                "strategier.yml": plan.strategies_file,
                "nyckeltal.yml": plan.indicators_file,
                "aktiviteter.yml": plan.activities_file,
                "upphandlingsbehov.yml": plan.procurement_file,
                "organisation.yml": plan.organisation,
                "uppfoljning.yml": plan.follow_up,
                "sjalvskattning.yml": plan.assessments,
                "checklistor.yml": plan.checklists_file,
            }
            if plan.analysis is not None:
                files["nulage.yml"] = plan.analysis
            plans[plan.id] = files
        return cls(shared, plans, guidance=guidance)

    def unreadable_in(self, plan: str | None) -> bool:
        """Whether some file of the plan (or of the shared data, for None) could not be read."""
        prefixes = ("kommun/", "vagledning/") if plan is None else (f"planer/{plan}/",)
        return any(path.startswith(prefixes) for path in self.unreadable)

    @cached_property
    def names(self) -> Names:
        """How records of this snapshot are named, for labels and references."""
        return Names(self)


@dataclass(frozen=True, eq=False)
class Entry:
    """One record of a snapshot: its key, the record, the fields compared and its place in the data."""

    key: Key
    record: Record
    file: str
    skip: frozenset[str] = field(default_factory=frozenset)
    """Fields of `record` that are not compared here (lists whose items are records of their own)."""

    @property
    def plan(self) -> str | None:
        """The plan's id, or None for shared data."""
        return self.key[0]

    @property
    def kind(self) -> str:
        """The kind of record."""
        return self.key[1]


def _items(records: list[Any], kind: str, plan: str | None, file: str, ident: Callable[[Any], str]) -> Iterator[Entry]:
    """One entry per record of a list; a repeated identity gets "-2", "-3" … in the order of the list."""
    seen: dict[str, int] = {}
    for record in records:
        base = ident(record)
        seen[base] = seen.get(base, 0) + 1
        identity = base if seen[base] == 1 else f"{base}-{seen[base]}"
        yield Entry((plan, kind, identity), record, file)


def _by_id(record: Any) -> str:
    return str(record.id)


def shared_entries(files: Mapping[str, Record], guidance: Mapping[str, Record] | None = None) -> Iterator[Entry]:
    """The records of the shared data (with the national goals of the guidance library), in the order of `KINDS`."""
    organisation = files.get("organisation.yml")
    if organisation is not None:
        for attribute, kind in (
            ("administrations", "förvaltning"),
            ("committees", "nämnd"),
            ("units", "enhet"),
            ("roles", "roll"),
        ):
            yield from _items(getattr(organisation, attribute), kind, None, "organisation.yml", _by_id)
    people = files.get("personer.yml")
    if people is not None:
        yield from _items(people.people, "person", None, "personer.yml", _by_id)  # type: ignore[attr-defined]
    governance = files.get("styrning.yml")
    if governance is not None:
        areas = governance.goal_areas  # type: ignore[attr-defined]
        for area in areas:
            yield Entry((None, "målområde", area.id), area, "styrning.yml", frozenset({"goals"}))
        for area in areas:
            yield from _items(area.goals, "fullmäktigemål", None, "styrning.yml", _by_id)
    strategy = (guidance or {}).get(NATIONAL_STRATEGY_FILE)
    if strategy is not None:
        yield from _items(strategy.goals, "nationellt mål", None, NATIONAL_STRATEGY_FILE, _by_id)  # type: ignore[attr-defined]
    elif governance is not None:
        former = getattr(governance, "national_goals", [])
        yield from _items(former, "nationellt mål", None, "styrning.yml", _by_id)
    documents = files.get("styrdokument.yml")
    if documents is not None:
        yield from _items(documents.documents, "styrdokument", None, "styrdokument.yml", _by_id)  # type: ignore[attr-defined]
    assessments = files.get("sjalvskattning.yml")
    if assessments is not None:
        yield from _items(assessments.assessments, "självskattning", None, "sjalvskattning.yml", _by_id)  # type: ignore[attr-defined]


PLAN_LISTS: dict[str, tuple[tuple[str, str], ...]] = {
    "plan.yml": (("versions", "beslutad version"), ("notes", "redaktionell not")),
    "underkategorier.yml": (("subcategories", "underkategori"),),
    "effektmal.yml": (("effect_goals", "effektmål"),),
    "strategier.yml": (("strategies", "strategi"),),
    "nyckeltal.yml": (("indicators", "nyckeltal"),),
    "aktiviteter.yml": (("activities", "aktivitet"), ("notes", "redaktionell not")),
    "upphandlingsbehov.yml": (("needs", "upphandlingsbehov"),),
    "organisation.yml": (("notes", "redaktionell not"),),
    "nulage.yml": (("notes", "redaktionell not"),),
    "uppfoljning.yml": (("reports", "statusrapport"), ("measurements", "mätvärde")),
    "sjalvskattning.yml": (("assessments", "självskattning"),),
    "checklistor.yml": (("checklists", "ifylld checklista"),),
}
"""For each plan file, the lists whose items are records of their own, and their kind."""

IDENTITIES: dict[str, Callable[[Any], str]] = {
    "beslutad version": lambda version: str(version.version),
    "statusrapport": lambda report: f"{report.activity}/{report.date.isoformat()}",
    "mätvärde": lambda item: f"{item.indicator}/{item.date.isoformat()}",
    "ifylld checklista": lambda checklist: f"{checklist.need}/{checklist.guide}",
}
"""The identity of records without an `id`: a decided version's number, a report's activity and date."""


def plan_entries(plan: str, files: Mapping[str, Record]) -> Iterator[Entry]:
    """The records of one plan: the plan's metadata, each list's records and each file's own fields."""
    for file, lists in PLAN_LISTS.items():
        record = files.get(file)
        if record is None:
            continue
        skip = frozenset(attribute for attribute, _ in lists)
        if file == "plan.yml":
            yield Entry((plan, "plan", plan), record, file, skip)
        elif file in SECTIONS:
            yield Entry((plan, "avsnitt", SECTIONS[file][0]), record, file, skip)
        for attribute, kind in lists:
            yield from _items(getattr(record, attribute), kind, plan, file, IDENTITIES.get(kind, _by_id))


def entries(snapshot: Snapshot) -> dict[Key, Entry]:
    """Every record of the snapshot by key, in the data's order (shared data, then the plans by id)."""
    found: dict[Key, Entry] = {}
    for entry in shared_entries(snapshot.shared, snapshot.guidance):
        found.setdefault(entry.key, entry)
    for plan in sorted(snapshot.plans):
        for entry in plan_entries(plan, snapshot.plans[plan]):
            found.setdefault(entry.key, entry)
    return found


def _short(text: str, length: int = 80) -> str:
    """Text on one line, cut with an ellipsis after `length` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


class Names:
    """How a snapshot names its records: in labels of changes and where one record refers to another."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._shared: dict[str, dict[str, str]] = {}
        self._plans: dict[str, dict[str, dict[str, str]]] = {}

    def _shared_index(self) -> dict[str, dict[str, str]]:
        if not self._shared:
            index: dict[str, dict[str, str]] = {kind: {} for kind in (*SHARED_KINDS, "styrdokument")}
            for entry in shared_entries(self.snapshot.shared, self.snapshot.guidance):
                record: Any = entry.record
                if entry.kind == "självskattning":
                    name = record.date.isoformat()
                elif entry.kind == "nationellt mål":
                    name = f"{record.number} {record.name}"
                else:
                    name = str(record.name)
                index[entry.kind][entry.key[2]] = name
            index["plan"] = {
                plan: str(getattr(files.get("plan.yml"), "name", plan)) for plan, files in self.snapshot.plans.items()
            }
            self._shared = index
        return self._shared

    def _plan_index(self, plan: str) -> dict[str, dict[str, str]]:
        if plan not in self._plans:
            index: dict[str, dict[str, str]] = {}
            for entry in plan_entries(plan, self.snapshot.plans.get(plan, {})):
                record: Any = entry.record
                if entry.kind in ("aktivitet", "effektmål", "strategi"):
                    name = f"{record.number} {record.name}"
                elif entry.kind == "nyckeltal":
                    name = f"{record.section} {_short(record.text, 60)}"
                elif entry.kind == "underkategori":
                    name = str(record.name)
                elif entry.kind == "upphandlingsbehov":
                    name = _short(record.need, 70)
                else:
                    continue
                index.setdefault(entry.kind, {})[entry.key[2]] = name
            self._plans[plan] = index
        return self._plans[plan]

    def name(self, kind: str, identifier: str, plan: str | None) -> str:
        """The name a reader knows a referenced record by, or its id when this snapshot lacks it."""
        if kind in ("aktivitet", "effektmål", "strategi", "nyckeltal", "underkategori", "upphandlingsbehov"):
            return self._plan_index(plan).get(kind, {}).get(identifier, identifier) if plan else identifier
        if kind == "redaktionell not":
            return identifier
        return self._shared_index().get(kind, {}).get(identifier, identifier)

    def label(self, entry: Entry) -> str:
        """How a reader names a record: "Aktivitet 9.2.7 Direktupphandling anpassat IT"."""
        record: Any = entry.record
        kind = entry.kind
        title = KINDS[kind].title
        if kind in ("aktivitet", "effektmål", "strategi"):
            return f"{title} {record.number} {record.name}"
        if kind == "nyckeltal":
            return f"{title} {record.section} {_short(record.text, 60)}"
        if kind == "nationellt mål":
            return f"{title} {record.number} {record.name}"
        if kind == "upphandlingsbehov":
            return f"{title} {_short(record.need, 70)} (listan för {record.list_year})"
        if kind == "plan":
            return f"{title} {record.name}"
        if kind == "avsnitt":
            return f"{title} {dict(SECTIONS.values())[entry.key[2]]}"
        if kind == "beslutad version":
            return f"{title} {record.version}"
        if kind == "redaktionell not":
            where = f" (avsnitt {record.section})" if record.section else ""
            return f"{title} {record.id}{where}"
        if kind == "statusrapport":
            activity = self.name("aktivitet", record.activity, entry.plan)
            return f"{title} {record.date.isoformat()} för aktivitet {activity}"
        if kind == "mätvärde":
            indicator = self.name("nyckeltal", record.indicator, entry.plan)
            return f"{title} {record.date.isoformat()} för nyckeltal {indicator}"
        if kind == "självskattning":
            return f"{title} {record.date.isoformat()}"
        if kind == "ifylld checklista":
            need = self.name("upphandlingsbehov", record.need, entry.plan)
            return f"{title} för upphandlingsbehovet {need} ({record.guide})"
        return f"{title} {record.name}"
