"""Nothing the data holds is silently dropped: every field of the model is shown on the site.

The fixture is the real data with the fields it leaves empty filled in (`ADDITIONS`), so that
every field of every record has a value. The site is built from it with a marker after every
text. Then, field by field:

- every text value (plain or rich) is on some page, as text;
- every other value is on some page in the form a reader meets it (`SHOWN`): a number in
  Swedish form, a date, a period in words, a choice in words, the name of what a reference
  points at, a section number;
- fields that only shape how another value is shown, or only identify a record, are listed in
  `SHAPES` and `IDENTITIES` with the reason; a field in none of these lists fails the test, so
  a new field must be shown or its absence explained.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from macros.loading.files import GUIDANCE_FILES, PLAN_FILES, SHARED_FILES
from macros.loading.loader import LoadResult, load
from macros.model.base import Amount, Record
from macros.model.catalog import Municipality
from macros.model.text import field_kind
from macros.model.time import TimePoint
from macros.render.source_quality import NOTE_KINDS
from macros.render.text import number_sv
from tests.markers import LOOKUP_KEYS, TOKEN, Marked, build_in_process, mark_model, parse, visible_text
from tests.sitebuild import ROOT

pytestmark = pytest.mark.build

TODAY = "2026-11-29"
PLAN = "planer/it-och-telekom"

ADDITIONS: dict[str, Callable[[Any], None]] = {}
"""Edits of a copy of the real data that fill the fields the real plan leaves empty."""


def addition(file: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    """Register an edit of the parsed YAML of `file` (relative to data/)."""

    def register(edit: Callable[[Any], None]) -> Callable[[Any], None]:
        ADDITIONS[file] = edit
        return edit

    return register


@addition(f"{PLAN}/plan.yml")
def _decision_and_versions(plan: Any) -> None:
    """A decision date and a decided version (the source gives neither)."""
    plan["beslut"]["datum"] = "2023-09-19"
    plan["versioner"] = [
        {
            "version": "Fixtur 1.0",
            "datum": "2023-09-19",
            "beslutat_av": "kommunstyrelsen",
            "paragraf": "Fixtur: § 12",
            "diarienummer": "Fixtur: KS-2023/1",
            "beskrivning": "Fixtur: beslutad version",
            "git": "fixtur-1.0",
        }
    ]


@addition(f"{PLAN}/nyckeltal.yml")
def _target(indicators: Any) -> None:
    """A target value on the first nyckeltal."""
    indicators["nyckeltal"][0]["målvärde"] = "Fixtur: minst 80 procent"


@addition(f"{PLAN}/strategier.yml")
def _national_goal(strategies: Any) -> None:
    """A proposed link from the first strategy to a national goal."""
    link = {"mål": "strategiskt-verktyg", "grund": "förslag", "motivering": "Fixtur: motivering"}
    strategies["strategier"][0]["nationella_mål"] = [link]


@addition(f"{PLAN}/effektmal.yml")
def _effect_goal_national_goal(goals: Any) -> None:
    """A stated link from the first effektmål to a national goal (the plan states none)."""
    goals["effektmål"][0]["nationella_mål"] = [{"mål": "effektiva-inkop", "grund": "plan"}]


@addition(f"{PLAN}/nulage.yml")
def _sub_item(analysis: Any) -> None:
    """A sub-point under the first point of the first list."""
    analysis["listor"][0]["punkter"][0]["underpunkter"] = [{"text": "Fixtur: underpunkt"}]


@addition("kommun/personer.yml")
def _left_and_terms(people: Any) -> None:
    """A person who has left, and a role term with a start and an end."""
    person = people["personer"][-1]
    person["slutat"] = "2024-06"
    person.setdefault("uppdrag", []).append({"roll": "kategoriledare", "från": "2020-01", "till": "2021-12"})


def _follow_up() -> dict[str, Any]:
    """A status report and a measured value, each with a comment, and a declared follow-up period."""
    return {
        "rapporter": [
            {
                "aktivitet": "pub-avtal",
                "datum": "2024-03-01",
                "status": "pågår",
                "rapporterad_av": "sara-holst",
                "kommentar": "Fixtur: rapportkommentar",
            }
        ],
        "mätvärden": [
            {
                "nyckeltal": "sla-uppfoljning",
                "datum": "2024-03-01",
                "värde": "55 %",
                "rapporterad_av": "sara-holst",
                "kommentar": "Fixtur: mätkommentar",
            }
        ],
        "perioder": [{"id": "fixturperiod", "namn": "Fixtur: period", "start": "2023-10-02", "slut": "2027-09-29"}],
    }


def _assessment() -> dict[str, Any]:
    """A self-assessment with every field, at two dates (the real plan records none)."""
    cell = {"steg": "analys", "perspektiv": "styrning", "underlag": "Fixtur: underlag"}
    return {
        "självskattningar": [
            {
                "id": "fixtur-1",
                "datum": "2024-01-15",
                "bedömd_av": ["sara-holst"],
                "bedömningar": [{**cell, "nivå": "ingen"}],
            },
            {
                "id": "fixtur-2",
                "datum": "2024-06-15",
                "bedömd_av": ["sara-holst"],
                "bedömd_av_text": "Fixtur: kategoriteamet",
                "omfattning": "Fixtur: omfattning",
                "kommentar": "Fixtur: kommentar",
                "bedömningar": [{**cell, "nivå": "excellent"}],
            },
        ]
    }


def _checklist() -> dict[str, Any]:
    """A filled checklist with every field (the real plan fills in none)."""
    answer = {
        "fråga": "malgrupp",
        "svar": "ja",
        "ansvarig": "sara-holst",
        "ansvarig_text": "Fixtur: ansvarig",
        "kommentar": "Fixtur: svarskommentar",
    }
    return {
        "checklistor": [
            {
                "behov": "2023-upphandlingssystem",
                "vägledning": "skr-verksamhetssystem-socialtjansten",
                "datum": "2024-05-01",
                "svar": [answer],
            }
        ]
    }


def complete_data(target: Path) -> Path:
    """A copy of the real data in which every field of the model has a value."""
    shutil.copytree(ROOT / "data", target)
    for relative, edit in ADDITIONS.items():
        file = target / relative
        tree = yaml.safe_load(file.read_text(encoding="utf-8"))
        edit(tree)
        file.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    written = {"uppfoljning.yml": _follow_up(), "sjalvskattning.yml": _assessment(), "checklistor.yml": _checklist()}
    for name, content in written.items():
        (target / PLAN / name).write_text(
            yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return target


@pytest.fixture(scope="module")
def complete(tmp_path_factory: pytest.TempPathFactory) -> tuple[Municipality, str, set[int], Marked]:
    """The complete fixture's model, its site's text (all pages, markup removed) and the markers shown."""
    tmp = tmp_path_factory.mktemp("every-field")
    result = load(complete_data(tmp / "data"), today=dt.date.fromisoformat(TODAY))
    errors = [f.format() for f in result.findings if f.severity.value == "fel"]
    assert result.model is not None and not errors, errors
    marked = Marked()
    model = mark_model(result.model, marked, lambda where: where in LOOKUP_KEYS)
    with pytest.MonkeyPatch.context() as monkeypatch:
        site = build_in_process(tmp, LoadResult(model, result.findings, result.sources), monkeypatch, TODAY)
    texts, shown = [], set()
    for file in sorted(site.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        page = parse(html)
        texts.append(visible_text(page) + " " + unescape(html))
        shown |= {int(number) for number in TOKEN.findall(visible_text(page))}
    return result.model, "\n".join(texts), shown, marked


# --- How each field that is not text reaches a page ---------------------------------------

Show = Callable[[Municipality, Any], list[str]]
"""The forms a value may have on a page (any one of them must be found)."""


def number(_: Municipality, value: Any) -> list[str]:
    """A number as the site writes it."""
    forms = [number_sv(value), str(value)]
    return forms + ([str(int(value))] if float(value).is_integer() else [])


def date(_: Municipality, value: Any) -> list[str]:
    """A date, ISO 8601."""
    return [value.isoformat()] if isinstance(value, dt.date) else [str(value)]


def period(_: Municipality, value: TimePoint) -> list[str]:
    """A time point in words or as written."""
    return [value.label, value.code]


def word(_: Municipality, value: Any) -> list[str]:
    """A choice as its Swedish word."""
    return [str(value)]


def name_of(kind: str) -> Show:
    """A reference, shown as the name (or number) of the record it points at."""

    def shown(model: Municipality, value: Any) -> list[str]:
        if kind == "plan":
            return [model.plan(value).meta.name]
        if kind in ("strategi", "effektmål", "aktivitet", "underkategori", "nyckeltal"):
            plans = [plan for plan in model.plans.values() if plan.has(kind, value)]
            record = plans[0]._index[kind][value]
            return [
                getattr(record, "number", None) or getattr(record, "section", None) or "",
                record.name if hasattr(record, "name") else "",
            ]
        getter = {
            "person": model.person,
            "roll": model.role,
            "enhet": model.unit,
            "förvaltning": model.administration,
            "nämnd": model.committee,
            "fullmäktigemål": model.council_goal,
            "styrdokument": model.document,
            "nationellt mål": model.national_goal,
        }[kind]
        return [getter(value).name]

    return shown


def _step(model: Municipality, step_id: str) -> Any:
    """A step of Dalamodellen."""
    return next(step for step in model.guidance.maturity.steps if step.id == step_id)  # type: ignore[union-attr]


def _perspective(model: Municipality, perspective_id: str) -> Any:
    """A perspective of Dalamodellen."""
    return next(p for p in model.guidance.maturity.perspectives if p.id == perspective_id)  # type: ignore[union-attr]


SHOWN: dict[str, Show] = {
    "Unit.administration": name_of("förvaltning"),
    "Role.per_plan": lambda model, value: ["ja" if value else "nej"],
    "Person.administration": name_of("förvaltning"),
    "RoleTerm.role": name_of("roll"),
    "RoleTerm.plan": name_of("plan"),
    "RoleTerm.start": period,
    "RoleTerm.end": period,
    "Person.left": period,
    "Person.same_as": name_of("person"),
    "NationalGoal.number": number,
    "GoverningDocument.kind": lambda model, value: [{"eu": "EU"}.get(value, value.capitalize())],
    "GoverningDocument.part_of": name_of("styrdokument"),
    "GoverningDocument.replaces": name_of("styrdokument"),
    "Decision.body": name_of("nämnd"),
    "Decision.date": date,
    "PlanPeriod.start": lambda model, value: [value.first_day.isoformat()],
    "PlanPeriod.years": number,
    "LeadTime.subcategory": name_of("underkategori"),
    "LeadTime.months": lambda model, value: [f"{value} månader"],
    "DecidedVersion.date": date,
    "DecidedVersion.body": name_of("nämnd"),
    "DecidedVersion.ref": word,
    "EditorialNote.section": word,
    "DocumentCitation.document": name_of("styrdokument"),
    "DocumentCitation.sections": word,
    "EditorialNote.kind": lambda model, value: [NOTE_KINDS[value]],
    "EffectGoal.number": word,
    "CouncilGoalLink.goal": name_of("fullmäktigemål"),
    "EffectGoal.documents": name_of("styrdokument"),
    "Strategy.number": word,
    "Strategy.effect_goal": name_of("effektmål"),
    "NationalGoalLink.goal": name_of("nationellt mål"),
    "NationalGoal.added_in": lambda model, value: [{"2016": "från 2016", "färdplanen": "tre nya"}[value]],
    "FocusArea.number": number,
    "GuidanceSource.year": number,
    "GuidanceNote.kind": lambda model, value: [NOTE_KINDS[value]],
    "GuidanceLink.document": lambda model, value: [model.guidance.documents[value].title],
    "Step.number": number,
    "Level.number": number,
    "LevelText.level": lambda model, value: [model.guidance.maturity.level(value).name],
    "Cell.step": lambda model, value: [_step(model, value).name],
    "Cell.perspective": lambda model, value: [_perspective(model, value).name],
    "Annex.number": lambda model, value: [f"Bilaga {value}"],
    "Assessment.date": date,
    "Assessment.assessed_by": name_of("person"),
    "CellAssessment.step": lambda model, value: [_step(model, value).name],
    "CellAssessment.perspective": lambda model, value: [_perspective(model, value).name],
    "CellAssessment.level": lambda model, value: [
        model.guidance.maturity.level(value).name if model.guidance.maturity.level(value) else "Ingen nivå uppnådd"
    ],
    "Duration.low": number,
    "Duration.high": number,
    "Duration.unit": word,
    "FilledChecklist.need": lambda model, value: [model.plan("it-och-telekom").procurement_need(value).need],
    "FilledChecklist.guide": lambda model, value: [model.guide(value).source.title],
    "FilledChecklist.date": date,
    "ChecklistAnswer.question": lambda model, value: [
        q.question for g in model.guidance.guides if g.checklist for q in g.checklist.questions if q.id == value
    ],
    "ChecklistAnswer.answer": lambda model, value: [
        {"ja": "Ja", "nej": "Nej", "ej tillämpligt": "Ej tillämpligt"}[value]
    ],
    "ChecklistAnswer.responsible": name_of("person"),
    "KeyIndicator.section": word,
    "KeyIndicator.effect_goal": name_of("effektmål"),
    "KeyIndicator.activities": name_of("aktivitet"),
    "Activity.number": word,
    "Step.letter": lambda model, value: [f"{value})"],
    "Party.person": name_of("person"),
    "Party.role": name_of("roll"),
    "Party.unit": name_of("enhet"),
    "Party.kind": word,
    "Budget.amount_kr": lambda model, value: [f"{number_sv(value)}\u00a0kr"],
    "Schedule.start": period,
    "Schedule.end": period,
    "Schedule.latest_start": period,
    "Schedule.after": name_of("aktivitet"),
    "Activity.priority": number,
    "Activity.name_footnote_number": lambda model, value: [f"Fotnot {value} till rubriken i källan"],
    "Contribution.strategy": name_of("strategi"),
    "Contribution.effect_goal": name_of("effektmål"),
    "Contribution.section": word,
    "Activity.subcategories": name_of("underkategori"),
    "ProcurementNeed.list_year": number,
    "ProcurementNeed.subcategory": name_of("underkategori"),
    "ProcurementNeed.contract_end": date,
    "PlanOrganisationFile.category_lead": name_of("person"),
    "TeamMember.person": name_of("person"),
    "TeamMember.until": period,
    "PlanOrganisationFile.sponsor": name_of("person"),
    "ReferenceMember.person": name_of("person"),
    "ReferenceMember.more_people": name_of("person"),
    "ReferenceMember.unit": name_of("enhet"),
    "SpendPerYear.year": number,
    "Amount.value": number,
    "SpendPerYear.section": word,
    "SpendPerSubcategory.subcategory": name_of("underkategori"),
    "SpendPerSubcategory.year": number,
    "SpendPerSubcategory.section": word,
    "Supplier.subcategory": name_of("underkategori"),
    "Supplier.year": number,
    "Supplier.section": word,
    "SpendPerBuyer.committee": name_of("nämnd"),
    "SpendPerBuyer.administration": name_of("förvaltning"),
    "SpendPerBuyer.subcategory": name_of("underkategori"),
    "SpendPerBuyer.year": number,
    "SpendPerBuyer.section": word,
    "CountPerYear.year": number,
    "CountPerYear.count": number,
    "CountPerYear.section": word,
    "InvoiceVolume.year": number,
    "InvoiceVolume.section": word,
    "Loyalty.year": number,
    "Loyalty.subcategory": name_of("underkategori"),
    "Loyalty.section": word,
    "ContractCount.count": number,
    "ContractCount.section": word,
    "KraljicPlacement.subcategory": name_of("underkategori"),
    "KraljicPlacement.quadrants": word,
    "KraljicPlacement.section": word,
    "GoverningSignal.number": word,
    "GoverningSignal.document": name_of("styrdokument"),
    "Indicator.target_year": number,
    "IndicatorYear.year": number,
    "IndicatorYear.reached": lambda model, value: [
        {True: "uppnått", False: "inte uppnått", None: "uppgift saknas"}[value]
    ],
    "GoverningSignal.council_goals": name_of("fullmäktigemål"),
    "AnalysisGroup.subcategory": name_of("underkategori"),
    "FactorGroup.subcategory": name_of("underkategori"),
    "FactorGroup.section": word,
    "TextList.section": word,
    "TextFigure.section": word,
    "TextFigure.value": number,
    "TextFigure.to_value": number,
    "TextDate.section": word,
    "TextDate.when": lambda model, value: [str(value.first_day.year)],
    "Picture.number": lambda model, value: [f"Bild {value}"],
    "Picture.section": word,
    "StatusReport.activity": name_of("aktivitet"),
    "StatusReport.date": date,
    "StatusReport.status": word,
    "StatusReport.reported_by": name_of("person"),
    "Measurement.indicator": name_of("nyckeltal"),
    "Measurement.date": date,
    "Measurement.reported_by": name_of("person"),
    "FollowUpPeriod.start": date,
    "FollowUpPeriod.end": date,
}
"""Fields that are not text, and the forms in which a reader meets their values."""

SHAPES = {
    "Strategy.measures_inline": "gör att åtgärderna skrivs i löptext i stället för som punkter",
    "Activity.steps_under": "avgör under vilken rubrik delmomenten står",
    "Schedule.continuous": "visas som ”löpande” i tidplanen",
    "Supplier.largest": "visas som ”Ja” i kolumnen Störst i underkategorin",
    "Amount.unit": "enheten skrivs efter talet (kr, mnkr, %)",
    "Amount.qualifier": "skrivs före talet (ca, knappt, över …)",
    "Amount.spaced_unit": "avgör om löptexten skriver enheten med mellanslag",
    "Schedule.end_words": "visas i stället för ”senast …”",
    "GoverningSignal.text_missing": "ger markeringen ”Texten saknas i källdokumentet”",
    "FactorGroup.factor": "avgör i vilket avsnitt av 10.8 punkterna står",
    "TextFigure.unit": "enheten skrivs efter talet",
    "TextFigure.qualifier": "skrivs före talet",
    "TextFigure.in_words": "talet skrivs med bokstäver",
    "TextFigure.spaced_unit": "avgör om enheten står med mellanslag",
    "TextDate.abbreviated": "månaden skrivs förkortad",
    "Picture.missing": "ger markeringen ”Bilden finns inte i källdokumentet”",
    "Picture.note": "noten visas i bildens ruta",
    "NationalGoalLink.basis": "ett förslag visas som förslag",
    "GuidanceLink.basis": "en hänvisning från redaktionen visas som redaktionens",
    "Phase.eventual": "ger anmärkningen ”behövs bara ibland” i tidplanen",
    "Phase.after_award": "ger anmärkningen ”efter tilldelningen” och räknas inte bakåt från avtalsslutet",
    "Contribution.basis": "ett förslag visas som förslag",
}
"""Fields whose value decides how another value is shown, not a value of its own."""

IDENTITIES = {
    f"{name}.id"
    for name in (
        "Administration",
        "Committee",
        "Unit",
        "Role",
        "Person",
        "GoalArea",
        "CouncilGoal",
        "NationalGoal",
        "GoverningDocument",
        "EditorialNote",
        "Subcategory",
        "EffectGoal",
        "Strategy",
        "KeyIndicator",
        "Activity",
        "ProcurementNeed",
        "TextList",
        "TextFigure",
        "TextDate",
        "FocusArea",
        "GuidanceNote",
        "Step",
        "Perspective",
        "Level",
        "Annex",
        "Assessment",
        "ProcessStep",
        "Phase",
        "Procedure",
        "ChecklistQuestion",
        "ChecklistGroup",
        "ProcurementGuide",
        "MarketAnalysis",
        "AnalysisPart",
        "FollowUpPeriod",
    )
}
"""Stable ids: they name records for links, history and the pages' macro calls, and are not content."""


def model_fields() -> Iterator[tuple[str, Any]]:
    """Every field of every record type of the model, as ("Class.field", FieldInfo)."""
    seen: set[type] = set()
    pending: list[type[Record]] = [kind.model for kind in (*SHARED_FILES, *PLAN_FILES, *GUIDANCE_FILES)]
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            yield f"{model.__name__}.{name}", info
            pending += _records_in(info.annotation)


def _records_in(annotation: object) -> list[type[Record]]:
    """Record classes anywhere in a field's type."""
    found = [annotation] if isinstance(annotation, type) and issubclass(annotation, Record) else []
    for argument in get_args(annotation):
        found += _records_in(argument)
    return found  # type: ignore[return-value]


def values(model: Any) -> dict[str, list[Any]]:
    """Every value of every field in the model, by "Class.field" (list fields give each item)."""
    found: dict[str, list[Any]] = {}

    def walk(value: Any) -> None:
        if isinstance(value, Record):
            for name in type(value).model_fields:
                current = getattr(value, name)
                if not isinstance(current, Record) and not (
                    isinstance(current, list) and current and isinstance(current[0], Record)
                ):
                    items = current if isinstance(current, list) else [current]
                    found.setdefault(f"{type(value).__name__}.{name}", []).extend(items)
                walk(current)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                walk(getattr(value, item.name))

    walk(model)
    return found


def test_every_field_is_filled_in_the_fixture(complete: tuple[Municipality, str, set[int], Marked]) -> None:
    """The fixture gives every field of the model at least one value."""
    model, _, _, _ = complete
    found = values(model)
    empty = [name for name, info in model_fields() if not _records_in(info.annotation) and not found.get(name)]
    assert empty == []


def test_every_field_is_accounted_for() -> None:
    """Each field is text, or listed with how it is shown, what it shapes, or as an id."""
    listed = set(SHOWN) | set(SHAPES) | IDENTITIES
    unaccounted = [
        name
        for name, info in model_fields()
        if field_kind(info) is None and not _records_in(info.annotation) and name not in listed
    ]
    assert unaccounted == []


def test_every_text_value_is_shown(complete: tuple[Municipality, str, set[int], Marked]) -> None:
    """Every text of every field is on some page of the complete fixture's site."""
    model, text, shown, marked = complete
    missing = sorted({where for number, (where, _) in marked.fields.items() if number not in shown})
    found = values(model)
    missing += [f"{field}: {value}" for field in sorted(LOOKUP_KEYS) for value in found[field] if value not in text]
    assert missing == []


@pytest.mark.parametrize("field", sorted(SHOWN))
def test_every_other_value_is_shown(field: str, complete: tuple[Municipality, str, set[int], Marked]) -> None:
    """Every value of a field that is not text is on some page in a form a reader meets it."""
    model, text, _, _ = complete
    missing = []
    for value in values(model).get(field, []):
        if value is None or isinstance(value, Amount):
            continue
        forms = [form for form in SHOWN[field](model, value) if form]
        if not any(form in text for form in forms):
            missing.append(forms)
    assert missing == []
