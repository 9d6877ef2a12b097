"""How the comparison reads each field: its Swedish label, what a reference points at, what
identifies an item of a list, and how an item is summed up in a few words.

Lists inside a record are matched by identity, never by position. The identity of an
item is given by `IDENTITY` as a series of keys tried in turn: items with the same first
key are the same item; the items left over are matched by the second key, and so on;
what is still left over was added or removed. Items of a type not listed here are
identified by their `id` when they have one, else by their whole content (so that a
changed item is one removed and one added). Lists of texts or ids are compared as
collections: moving an item within a list is not a change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.model.base import Amount, Record
from macros.model.time import TimePoint

QUALIFIERS = {"exakt": "", "ca": "ca ", "knappt": "knappt ", "över": "över ", "minst": "minst "}
UNITS = {"kr": "kr", "mnkr": "mnkr", "procent": "%", "st": "st", "procentenheter": "procentenheter"}


def number_sv(value: float) -> str:
    """A number the Swedish way, as the site writes it: decimal comma, narrow space between thousands."""
    decimals = 0 if float(value).is_integer() else len(f"{value:.6f}".rstrip("0").split(".")[1])
    return f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",").replace("-", "\u2212")


def amount_sv(amount: Amount) -> str:
    """A figure with the source's qualifier and unit: "ca 163 mnkr"."""
    return f"{QUALIFIERS.get(amount.qualifier, '')}{number_sv(amount.value)}\u00a0{UNITS.get(amount.unit, amount.unit)}"


def kronor_sv(value: int) -> str:
    """An amount in kronor: "200 000 kr"."""
    return f"{number_sv(value)}\u00a0kr"


LABELS: dict[str, str] = {
    # The plan's metadata (plan.yml)
    "PlanFile.name": "Namn",
    "PlanFile.category": "Kategori",
    "PlanFile.municipality": "Kommun",
    "PlanFile.document_type": "Dokumenttyp",
    "PlanFile.decision": "Beslut",
    "PlanFile.period": "Planperiod",
    "PlanFile.prepared_by": "Tas fram av",
    "PlanFile.owned_by": "Ägs av",
    "PlanFile.decided_by_text": "Beslutas av",
    "PlanFile.updated_by": "Uppdateras av",
    "PlanFile.lead_times": "Framförhållning",
    "PlanFile.lead_time_text": "Regeln om framförhållning",
    "Decision.body": "beslutande nämnd",
    "Decision.date": "datum",
    "Decision.date_text": "datum som källan skriver det",
    "PlanPeriod.start": "start",
    "PlanPeriod.years": "antal år",
    "PlanPeriod.text": "",
    "LeadTime.months": "månader",
    "DecidedVersion.version": "Version",
    "DecidedVersion.date": "Beslutsdatum",
    "DecidedVersion.body": "Beslutande organ",
    "DecidedVersion.paragraph": "Paragraf",
    "DecidedVersion.case_number": "Diarienummer",
    "DecidedVersion.description": "Beskrivning",
    "DecidedVersion.ref": "Git-referens",
    "EditorialNote.section": "Avsnitt",
    "EditorialNote.kind": "Typ",
    "EditorialNote.text": "Text",
    # Goals, strategies and measures
    "Subcategory.name": "Namn",
    "Subcategory.definition": "Definition",
    "EffectGoal.number": "Nummer",
    "EffectGoal.name": "Namn",
    "EffectGoal.purpose": "Syfte",
    "EffectGoal.council_goals": "Fullmäktigemål",
    "EffectGoal.documents": "Styrdokument",
    "EffectGoal.documents_text": "Styrdokument som planen skriver dem",
    "CouncilGoalLink.wording": "lydelse",
    "CouncilGoalLink.area_wording": "målområdets lydelse",
    "Strategy.number": "Nummer",
    "Strategy.name": "Rubrik",
    "Strategy.effect_goal": "Effektmål",
    "Strategy.text": "Inledande text",
    "Strategy.measures_intro": "Inledning till åtgärderna",
    "Strategy.measures": "Åtgärder",
    "Strategy.measures_inline": "Åtgärder i löptext",
    "Strategy.national_goals": "Nationella mål",
    "NationalGoalLink.basis": "grund",
    "NationalGoalLink.motivation": "motivering",
    "KeyIndicator.section": "Avsnitt",
    "KeyIndicator.effect_goal": "Effektmål",
    "KeyIndicator.text": "Måttet",
    "KeyIndicator.activities": "Aktiviteter",
    "KeyIndicator.target": "Målvärde",
    # Activities
    "Activity.number": "Nummer",
    "Activity.name": "Rubrik",
    "Activity.name_footnote": "Fotnot till rubriken",
    "Activity.name_footnote_number": "Fotnotens nummer",
    "Activity.description": "Beskrivning",
    "Activity.steps_intro": "Text före delmomenten",
    "Activity.steps": "Delmoment",
    "Activity.steps_outro": "Text efter delmomenten",
    "Activity.steps_under": "Delmomenten står under",
    "Activity.potential": "Identifierad potential",
    "Activity.responsibility_text": "Ansvarig",
    "Activity.responsibility": "Ansvar",
    "Activity.goal": "Mål",
    "Activity.implementation": "Implementering",
    "Activity.budget": "Budget",
    "Activity.schedule": "Tidplan",
    "Activity.priority": "Prioritet",
    "Activity.effect": "Uppnådd effekt",
    "Activity.measures": "Mätetal",
    "Activity.contributions": "Bidrar till",
    "Activity.subcategories": "Underkategorier",
    "Schedule.heading": "rubrik",
    "Schedule.text": "",
    "Schedule.start": "start",
    "Schedule.end": "slut",
    "Schedule.latest_start": "påbörjas senast",
    "Schedule.continuous": "löpande",
    "Schedule.after": "genomförs efter",
    "Step.letter": "bokstav",
    "Step.text": "",
    "Step.sub_items": "underpunkter",
    "Party.kind": "typ",
    "Party.note": "not",
    "Budget.amount_kr": "belopp",
    "Budget.text": "text",
    "DocumentCitation.document": "styrdokument",
    "DocumentCitation.sections": "avsnitt",
    "Contribution.basis": "grund",
    "Contribution.section": "avsnitt",
    "Contribution.motivation": "motivering",
    "ActivitiesFile.intro": "Inledning",
    # Procurement needs
    "ProcurementNeed.list_year": "Lista",
    "ProcurementNeed.subcategory": "Underkategori",
    "ProcurementNeed.subcategory_label": "Underkategori som källan skriver den",
    "ProcurementNeed.need": "Behov",
    "ProcurementNeed.contract_end": "Förlängning möjlig t.o.m.",
    "ProcurementFile.intro": "Inledning",
    # The plan's organisation
    "PlanOrganisationFile.steering_group": "Styrgrupp",
    "PlanOrganisationFile.category_lead_text": "Kategoriledare (text)",
    "PlanOrganisationFile.category_lead": "Kategoriledare",
    "PlanOrganisationFile.team_text": "Kategoriteam (text)",
    "PlanOrganisationFile.team": "Kategoriteam",
    "PlanOrganisationFile.sponsor": "Sponsor",
    "PlanOrganisationFile.sponsor_text": "Sponsor (text)",
    "PlanOrganisationFile.reference_group": "Referensgrupp",
    "PlanOrganisationFile.stakeholders_text": "Intressenter (text)",
    "PlanOrganisationFile.stakeholders": "Intressenter",
    "TeamMember.administration_label": "förvaltning",
    "TeamMember.until": "deltog till",
    "TeamMember.until_text": "deltog, som källan skriver det",
    # Shared data
    "Administration.name": "Namn",
    "Administration.short_name": "Förkortning",
    "Committee.name": "Namn",
    "Unit.name": "Namn",
    "Unit.administration": "Förvaltning",
    "Role.name": "Namn",
    "Role.per_plan": "Innehas per plan",
    "Person.name": "Namn",
    "Person.title": "Befattning",
    "Person.administration": "Förvaltning",
    "Person.roles": "Uppdrag",
    "Person.left": "Slutade i kommunen",
    "Person.same_as": "Troligen samma person som",
    "RoleTerm.start": "från",
    "RoleTerm.end": "till",
    "RoleTerm.source_text": "källans formulering",
    "GoalArea.name": "Namn",
    "GoalArea.perspective": "Perspektiv",
    "CouncilGoal.name": "Namn",
    "NationalGoal.number": "Nummer",
    "NationalGoal.name": "Namn",
    "GoverningDocument.name": "Namn",
    "GoverningDocument.kind": "Typ",
    "GoverningDocument.short_name": "Förkortning",
    "GoverningDocument.designation": "Beteckning",
    "GoverningDocument.part_of": "Del av",
    "GoverningDocument.replaces": "Ersätter",
    "GoverningDocument.note": "Anmärkning",
    # Follow-up
    "StatusReport.status": "Status",
    "StatusReport.reported_by": "Rapporterad av",
    "StatusReport.comment": "Kommentar",
    "Measurement.value": "Värde",
    "Measurement.reported_by": "Rapporterad av",
    "Measurement.comment": "Kommentar",
}
"""Swedish labels of fields, by "Class.field". An empty label means "the same as the record or list
above it" (a timeline's own text is the "Tidplan"). Other fields are labelled from their YAML key."""

REFERENCES: dict[str, str] = {
    "Unit.administration": "förvaltning",
    "Person.administration": "förvaltning",
    "Person.same_as": "person",
    "RoleTerm.role": "roll",
    "RoleTerm.plan": "plan",
    "GoverningDocument.part_of": "styrdokument",
    "GoverningDocument.replaces": "styrdokument",
    "Decision.body": "nämnd",
    "DecidedVersion.body": "nämnd",
    "LeadTime.subcategory": "underkategori",
    "CouncilGoalLink.goal": "fullmäktigemål",
    "EffectGoal.documents": "styrdokument",
    "Strategy.effect_goal": "effektmål",
    "NationalGoalLink.goal": "nationellt mål",
    "Assessment.assessed_by": "person",
    "FilledChecklist.need": "upphandlingsbehov",
    "FilledChecklist.guide": "upphandlingsvägledning",
    "GuidanceLink.document": "vägledning",
    # Dalamodellen's cells and a checklist's questions have no index of their own yet: their ids are shown.
    "CellAssessment.step": "dalamodellens steg",
    "CellAssessment.perspective": "dalamodellens perspektiv",
    "CellAssessment.level": "dalamodellens nivå",
    "ChecklistAnswer.question": "checklistans fråga",
    "ChecklistAnswer.responsible": "person",
    "KeyIndicator.effect_goal": "effektmål",
    "KeyIndicator.activities": "aktivitet",
    "Party.person": "person",
    "Party.role": "roll",
    "Party.unit": "enhet",
    "Schedule.after": "aktivitet",
    "Contribution.strategy": "strategi",
    "Contribution.effect_goal": "effektmål",
    "Activity.subcategories": "underkategori",
    "ProcurementNeed.subcategory": "underkategori",
    "PlanOrganisationFile.category_lead": "person",
    "PlanOrganisationFile.sponsor": "person",
    "TeamMember.person": "person",
    "ReferenceMember.person": "person",
    "ReferenceMember.more_people": "person",
    "ReferenceMember.unit": "enhet",
    "StatusReport.activity": "aktivitet",
    "StatusReport.reported_by": "person",
    "Measurement.indicator": "nyckeltal",
    "Measurement.reported_by": "person",
    "SpendPerSubcategory.subcategory": "underkategori",
    "Supplier.subcategory": "underkategori",
    "SpendPerBuyer.committee": "nämnd",
    "SpendPerBuyer.administration": "förvaltning",
    "SpendPerBuyer.subcategory": "underkategori",
    "Loyalty.subcategory": "underkategori",
    "KraljicPlacement.subcategory": "underkategori",
    "GoverningSignal.document": "styrdokument",
    "DocumentCitation.document": "styrdokument",
    "Picture.note": "redaktionell not",
    "GoverningSignal.council_goals": "fullmäktigemål",
    "AnalysisGroup.subcategory": "underkategori",
    "FactorGroup.subcategory": "underkategori",
}
"""Fields holding the id of another record, and its kind: their values are shown by name."""

KRONOR = frozenset({"Budget.amount_kr"})
"""Whole numbers that are amounts in kronor."""


def _who(item: Any) -> str | None:
    """Whom a responsibility party names, as a key."""
    if item.person:
        return f"person:{item.person}"
    if item.role:
        return f"roll:{item.role}"
    return f"enhet:{item.unit}" if item.unit else None


def _target(item: Any) -> str:
    """What a contribution links to, as a key."""
    return f"strategi:{item.strategy}" if item.strategy else f"effektmål:{item.effect_goal}"


def _flat(text: object) -> str:
    """Text as one line with single spaces (for identities: re-wrapping a text is not a new item)."""
    return " ".join(str(text).split())


Identity = Callable[[Any], object]

IDENTITY: dict[str, tuple[Identity, ...]] = {
    "Step": (lambda s: _flat(s.text), lambda s: s.letter),
    "Party": (lambda p: (_who(p), p.kind), _who),
    "Budget": (lambda b: _flat(b.text), lambda b: b.amount_kr),
    "Contribution": (_target,),
    "CouncilGoalLink": (lambda link: link.goal,),
    "NationalGoalLink": (lambda link: link.goal,),
    "GuidanceLink": (lambda link: link.document,),
    "CellAssessment": (lambda cell: (cell.step, cell.perspective),),
    "ChecklistAnswer": (lambda answer: answer.question,),
    "LeadTime": (lambda lead: lead.subcategory,),
    "TeamMember": (lambda member: member.person,),
    "ReferenceMember": (
        lambda row: _flat(row.text),
        lambda row: row.person or row.unit or (tuple(row.more_people) if row.more_people else None),
    ),
    "RoleTerm": (lambda term: (term.role, term.plan, str(term.start)), lambda term: (term.role, term.plan)),
    "SpendPerYear": (lambda item: item.year,),
    "SpendPerSubcategory": (lambda item: (item.subcategory, item.year),),
    "Supplier": (
        lambda item: (_flat(item.name), item.year, item.subcategory),
        lambda item: (_flat(item.name), item.year),
    ),
    "SpendPerBuyer": (lambda item: (_flat(item.buyer_label), item.subcategory, item.year),),
    "CountPerYear": (lambda item: item.year,),
    "InvoiceVolume": (lambda item: (_flat(item.supplier), item.year),),
    "Loyalty": (lambda item: (item.year, item.subcategory),),
    "KraljicPlacement": (lambda item: item.subcategory,),
    "GoverningSignal": (lambda item: item.number, lambda item: item.document),
    "IndicatorYear": (lambda item: item.year,),
    "ListItem": (lambda item: _flat(item.text), lambda item: item.marker),
    "AnalysisGroup": (lambda group: (group.subcategory, group.heading),),
    "FactorGroup": (lambda group: (group.factor, group.section, group.subcategory, group.heading),),
    "Picture": (lambda picture: picture.number,),
    "DocumentCitation": (lambda citation: citation.document,),
}
"""What identifies an item of a list of records, by the item's class (see the module's docstring)."""


def label_of(owner: type[Record], name: str) -> str:
    """The Swedish label of a field: from `LABELS`, else its YAML key in words."""
    key = f"{owner.__name__}.{name}"
    if key in LABELS:
        return LABELS[key]
    for base in owner.__mro__[1:]:
        inherited = f"{base.__name__}.{name}"
        if inherited in LABELS:
            return LABELS[inherited]
    alias = owner.model_fields[name].alias or name
    words = alias.replace("_", " ")
    return words[:1].upper() + words[1:]


def reference_kind(owner: type[Record], name: str) -> str | None:
    """The kind of record a field refers to by id, if it is a reference."""
    for base in owner.__mro__:
        if f"{getattr(base, '__name__', '')}.{name}" in REFERENCES:
            return REFERENCES[f"{base.__name__}.{name}"]
    return None


def identities(item_type: type[Record]) -> tuple[Identity, ...]:
    """The keys tried in turn to match items of this type between two versions of a list."""
    for base in item_type.__mro__:
        if getattr(base, "__name__", "") in IDENTITY:
            return IDENTITY[base.__name__]
    if "id" in item_type.model_fields:
        return (lambda item: item.id,)
    return (canonical,)


def canonical(value: Any) -> object:
    """A hashable form of any value of the model, ignoring where a record was read from."""
    if isinstance(value, Record):
        return (type(value).__name__, tuple(canonical(getattr(value, name)) for name in type(value).model_fields))
    if isinstance(value, list | tuple):
        return tuple(canonical(item) for item in value)
    if isinstance(value, TimePoint):
        return ("tidpunkt", value.code)
    return value


def same(old: Any, new: Any) -> bool:
    """Whether two values of the model are equal, ignoring where their records were read from."""
    if old is new:
        return True
    if isinstance(old, Record) or isinstance(new, Record):
        if type(old) is not type(new):
            return False
        return all(same(getattr(old, name), getattr(new, name)) for name in type(old).model_fields)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def scalar_text(value: Any, *, kronor: bool = False) -> str:
    """A value that is not a record as a reader meets it: a date, a period in words, a Swedish number."""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int) and kronor:
        return kronor_sv(value)
    if isinstance(value, int) and abs(value) < 10_000:
        return str(value)  # years, priorities, months: no thousands separator
    if isinstance(value, int | float):
        return number_sv(value)
    if isinstance(value, TimePoint):
        return value.label
    if isinstance(value, Amount):
        return amount_sv(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
