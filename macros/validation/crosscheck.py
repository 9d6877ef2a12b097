"""Cross-checks on the whole model: unique ids, references, cycles, completeness of
the goal chain, and warnings for doubtful things an editor should look at."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from macros.loading.yaml_source import SourceFile
from macros.model.activities import Activity
from macros.model.base import Record
from macros.model.catalog import MATURITY_MODEL_ID, NATIONAL_STRATEGY_ID, Municipality, Plan
from macros.model.followup import FINISHED, NOT_REPORTED, current_status
from macros.model.market_analysis import MarketAnalysis
from macros.model.maturity import NO_LEVEL, AssessmentsFile, MaturityModelFile, Row
from macros.model.procurement_guide import ProcurementGuide
from macros.model.reports import Measurement, StatusReport
from macros.model.responsibility import left_on, role_holders
from macros.validation.findings import Finding, error, warning
from macros.validation.placeholders import data_placeholders
from macros.validation.suggest import activity_candidates, hint, indicator_candidates


@dataclass
class Checker:
    """Collects findings located at the file and line of a record's field."""

    sources: dict[str, SourceFile]
    findings: list[Finding] = field(default_factory=list)

    def where(self, record: Record, *sub: str | int) -> tuple[str, int]:
        """The file and line of `record` (or of one of its keys)."""
        file, path = record.origin
        source = self.sources.get(file)
        return file, source.line_of((*path, *sub)) if source else 0

    def error(self, record: Record, sub: tuple[str | int, ...], message: str) -> None:
        """Add an error at a record's key."""
        self.findings.append(error(*self.where(record, *sub), message))

    def warn(self, record: Record, sub: tuple[str | int, ...], message: str, *, follow_up: bool = False) -> None:
        """Add a warning at a record's key; `follow_up` for reporting that is due."""
        self.findings.append(warning(*self.where(record, *sub), message, follow_up=follow_up))

    def unique(self, kind: str, records: Iterable[Record], key: str = "id") -> None:
        """Each record's `key` occurs once among `records`."""
        seen: dict[str, Record] = {}
        for record in records:
            value = getattr(record, {"id": "id", "nummer": "number"}[key])
            if value in seen:
                first_file, first = self.where(seen[value], key)
                where = f"rad {first}" if first_file == record.origin[0] else f"{first_file}, rad {first}"
                self.error(record, (key,), f"{kind} med {key} '{value}' finns redan ({where})")
            else:
                seen[value] = record

    def exists(self, known: bool, kind: str, value: str | None, record: Record, *sub: str | int) -> None:
        """A reference resolves, or an error names what is missing."""
        if value is not None and not known:
            self.error(
                record, sub, f"hänvisningen till {kind} '{value}' leder ingenstans: det finns ingen {kind} med det id:t"
            )


def cross_check(model: Municipality, sources: dict[str, SourceFile], *, today: dt.date) -> list[Finding]:
    """Run every cross-check; return the findings."""
    check = Checker(sources)
    _shared(model, check)
    _guidance(model, check)
    _assessments(model, model.assessments, check)
    for plan in model.plans.values():
        _plan_ids(plan, check)
        _plan_references(model, plan, check)
        _assessments(model, plan.assessments, check)
        _checklists(model, plan, check)
        _follow_up_dates(plan, check, today)
        _goal_chain(plan, check)
        _dependency_cycles(plan, check)
        _doubtful(model, plan, check, today)
        _decided_versions(model, plan, check, today)
    return check.findings + data_placeholders(sources)


def _decided_versions(model: Municipality, plan: Plan, check: Checker, today: dt.date) -> None:
    """Decided versions name a body that exists, occur once, come oldest first and are not decided in the future.

    Whether each git reference exists and holds valid data is checked where git is read
    (`macros.loading.versions`).
    """
    seen: dict[str, Record] = {}
    previous = None
    for version in plan.meta.versions:
        check.exists(model.has("nämnd", version.body), "nämnd", version.body, version, "beslutat_av")
        if version.version in seen:
            line = check.where(seen[version.version], "version")[1]
            check.error(version, ("version",), f"version '{version.version}' finns redan (rad {line})")
        seen.setdefault(version.version, version)
        if previous is not None and version.date < previous.date:
            check.error(
                version,
                ("datum",),
                f"versionerna ska stå äldst först: {version.version} är beslutad {version.date.isoformat()}, "
                f"före {previous.version} ({previous.date.isoformat()})",
            )
        if version.date > today:
            check.warn(version, ("datum",), f"version {version.version} har ett beslutsdatum efter idag")
        previous = version


def _shared(model: Municipality, check: Checker) -> None:
    """Unique ids and references within the shared organisation and governance."""
    org, gov = model.organisation, model.governance
    check.unique("förvaltning", org.administrations)
    check.unique("nämnd", org.committees)
    check.unique("enhet", org.units)
    check.unique("roll", org.roles)
    check.unique("person", model.people)
    check.unique("målområde", gov.goal_areas)
    check.unique("fullmäktigemål", [goal for area in gov.goal_areas for goal in area.goals])
    check.unique("styrdokument", model.documents_file.documents)
    for unit in org.units:
        check.exists(
            model.has("förvaltning", unit.administration or ""), "förvaltning", unit.administration, unit, "förvaltning"
        )
    for person in model.people:
        check.exists(
            model.has("förvaltning", person.administration or ""),
            "förvaltning",
            person.administration,
            person,
            "förvaltning",
        )
        check.exists(model.has("person", person.same_as or ""), "person", person.same_as, person, "troligen_samma_som")
        if person.same_as == person.id:
            check.error(person, ("troligen_samma_som",), "en person kan inte hänvisa till sig själv som samma person")
        for term in person.roles:
            check.exists(model.has("roll", term.role), "roll", term.role, term, "roll")
            check.exists(model.has("plan", term.plan or ""), "plan", term.plan, term, "plan")


def _guidance(model: Municipality, check: Checker) -> None:
    """Unique ids and resolving references within the guidance library."""
    library = model.guidance
    if library.national:
        national = library.national
        check.unique("nationellt mål", national.goals)
        check.unique("nationellt mål", national.goals, "nummer")
        check.unique("fokusområde", national.focus_areas)
        check.unique("fokusområde", national.focus_areas, "nummer")
        check.unique("redaktionell not", national.notes)
    if library.maturity:
        _maturity_model(library.maturity, check)
    reserved = {NATIONAL_STRATEGY_ID, MATURITY_MODEL_ID}
    documents: list[ProcurementGuide | MarketAnalysis] = [*library.guides, *library.analyses]
    for record in documents:
        if record.id in reserved:
            check.error(record, ("id",), f"id:t '{record.id}' är vägledningsbibliotekets namn på ett annat dokument")
    check.unique("vägledning", documents)
    for guide in library.guides:
        check.unique("förfarande", guide.procedures)
        check.unique("steg i inköpsprocessen", guide.process)
        check.unique("redaktionell not", guide.notes)
        for procedure in guide.procedures:
            check.unique("fas", procedure.phases)
        if guide.checklist:
            check.unique("grupp i checklistan", guide.checklist.groups)
            check.unique("fråga i checklistan", guide.checklist.questions)
    for analysis in library.analyses:
        check.unique("del", [part for section in analysis.sections for part in section.parts if part.id])
        check.unique("redaktionell not", analysis.notes)


def _maturity_model(maturity: MaturityModelFile, check: Checker) -> None:
    """Dalamodellen: unique steps, perspectives and levels; each cell and row names them, once each."""
    check.unique("steg", maturity.steps)
    check.unique("perspektiv", maturity.perspectives)
    check.unique("nivå", maturity.levels)
    check.unique("nivå", maturity.levels, "nummer")
    check.unique("redaktionell not", maturity.notes)
    steps = {step.id for step in maturity.steps}
    perspectives = {perspective.id for perspective in maturity.perspectives}
    seen: dict[tuple[str, str], int] = {}
    for cell in maturity.cells:
        check.exists(cell.step in steps, "steg", cell.step, cell, "steg")
        check.exists(cell.perspective in perspectives, "perspektiv", cell.perspective, cell, "perspektiv")
        key = (cell.step, cell.perspective)
        if key in seen:
            check.error(
                cell, ("perspektiv",), f"steget '{cell.step}' och perspektivet '{cell.perspective}' finns redan"
            )
        seen[key] = 1
        for row in cell.rows:
            _row_levels(maturity, row, check)
    for row in maturity.crisis.rows:
        _row_levels(maturity, row, check)
    for step in maturity.steps:
        for perspective in maturity.perspectives:
            if (step.id, perspective.id) not in seen:
                check.warn(
                    step, ("id",), f"steget '{step.id}' har inga rekommendationer för perspektivet '{perspective.id}'"
                )


def _row_levels(maturity: MaturityModelFile, row: Row, check: Checker) -> None:
    """A row of recommendations has one text per level of the model, each level once."""
    levels = {level.id for level in maturity.levels}
    named = [text.level for text in row.texts]
    for index, text in enumerate(row.texts):
        check.exists(text.level in levels, "nivå", text.level, row, "texter", index, "nivå")
        if named.index(text.level) != index:
            check.error(row, ("texter", index, "nivå"), f"nivån '{text.level}' har redan en text på raden")
    missing = [level.name for level in maturity.levels if level.id not in named]
    if missing:
        check.warn(row, ("texter",), "raden saknar text för " + ", ".join(missing))


def _assessments(model: Municipality, assessments: AssessmentsFile, check: Checker) -> None:
    """Self-assessments name the model's steps, perspectives and levels (or ingen), and existing people."""
    check.unique("självskattning", assessments.assessments)
    maturity = model.guidance.maturity
    for assessment in assessments.assessments:
        if maturity is None:
            check.error(assessment, ("id",), "självskattningen kräver Dalamodellen i vagledning/dalamodellen.yml")
            continue
        steps = {step.id for step in maturity.steps}
        perspectives = {perspective.id for perspective in maturity.perspectives}
        for index, person in enumerate(assessment.assessed_by):
            check.exists(model.has("person", person), "person", person, assessment, "bedömd_av", index)
        seen: set[tuple[str, str]] = set()
        for cell in assessment.cells:
            check.exists(cell.step in steps, "steg", cell.step, cell, "steg")
            check.exists(cell.perspective in perspectives, "perspektiv", cell.perspective, cell, "perspektiv")
            if cell.level != NO_LEVEL and maturity.level(cell.level) is None:
                names = ", ".join([*(level.id for level in maturity.levels), NO_LEVEL])
                check.error(cell, ("nivå",), f"nivån '{cell.level}' finns inte i Dalamodellen (finns: {names})")
            if (cell.step, cell.perspective) in seen:
                check.error(
                    cell,
                    ("perspektiv",),
                    f"steget '{cell.step}' och perspektivet '{cell.perspective}' är redan bedömda",
                )
            seen.add((cell.step, cell.perspective))


def _checklists(model: Municipality, plan: Plan, check: Checker) -> None:
    """Filled checklists name the plan's needs, a guide with a checklist, its questions (once each) and people."""
    seen: set[tuple[str, str]] = set()
    for checklist in plan.checklists:
        check.exists(
            plan.has("upphandlingsbehov", checklist.need), "upphandlingsbehov", checklist.need, checklist, "behov"
        )
        if (checklist.need, checklist.guide) in seen:
            check.error(
                checklist, ("behov",), f"behovet '{checklist.need}' har redan en checklista ur '{checklist.guide}'"
            )
        seen.add((checklist.need, checklist.guide))
        if not model.has("upphandlingsvägledning", checklist.guide):
            check.exists(False, "upphandlingsvägledning", checklist.guide, checklist, "vägledning")
            continue
        template = model.guide(checklist.guide).checklist
        if template is None:
            check.error(checklist, ("vägledning",), f"vägledningen '{checklist.guide}' har ingen checklista")
            continue
        questions = {question.id for question in template.questions}
        answered: set[str] = set()
        for index, answer in enumerate(checklist.answers):
            check.exists(answer.question in questions, "fråga", answer.question, checklist, "svar", index, "fråga")
            if answer.question in answered:
                check.error(checklist, ("svar", index, "fråga"), f"frågan '{answer.question}' är redan besvarad")
            answered.add(answer.question)
            check.exists(
                model.has("person", answer.responsible or ""), "person", answer.responsible, answer, "ansvarig"
            )


def _plan_ids(plan: Plan, check: Checker) -> None:
    """Unique ids and section numbers within one plan."""
    check.unique("underkategori", plan.subcategories)
    check.unique("effektmål", plan.effect_goals)
    check.unique("strategi", plan.strategies)
    check.unique("nyckeltal", plan.indicators)
    check.unique("aktivitet", plan.activities)
    check.unique("upphandlingsbehov", plan.procurement_needs)
    check.unique("redaktionell not", plan.notes)
    check.unique("uppföljningsperiod", plan.follow_up.periods)
    check.unique("effektmål", plan.effect_goals, "nummer")
    check.unique("strategi", plan.strategies, "nummer")
    check.unique("aktivitet", plan.activities, "nummer")


def _plan_references(model: Municipality, plan: Plan, check: Checker) -> None:
    """Every reference in a plan resolves."""
    meta = plan.meta
    check.exists(model.has("nämnd", meta.decision.body), "nämnd", meta.decision.body, meta.decision, "beslutas_av")
    for lead in meta.lead_times:
        check.exists(
            plan.has("underkategori", lead.subcategory), "underkategori", lead.subcategory, lead, "underkategori"
        )
    for goal in plan.effect_goals:
        for link in goal.council_goals:
            check.exists(model.has("fullmäktigemål", link.goal), "fullmäktigemål", link.goal, link, "mål")
        for index, doc in enumerate(goal.documents):
            check.exists(model.has("styrdokument", doc), "styrdokument", doc, goal, "styrdokument", index)
        for national in goal.national_goals:
            check.exists(model.has("nationellt mål", national.goal), "nationellt mål", national.goal, national, "mål")
    for subcategory in plan.subcategories:
        for reference in subcategory.guidance:
            check.exists(
                model.has("vägledning", reference.document), "vägledning", reference.document, reference, "dokument"
            )
    _citations(model, plan, check)
    for strategy in plan.strategies:
        check.exists(
            plan.has("effektmål", strategy.effect_goal), "effektmål", strategy.effect_goal, strategy, "effektmål"
        )
        for national in strategy.national_goals:
            check.exists(model.has("nationellt mål", national.goal), "nationellt mål", national.goal, national, "mål")
    for indicator in plan.indicators:
        check.exists(
            plan.has("effektmål", indicator.effect_goal), "effektmål", indicator.effect_goal, indicator, "effektmål"
        )
        for index, ref in enumerate(indicator.activities):
            check.exists(plan.has("aktivitet", ref), "aktivitet", ref, indicator, "aktiviteter", index)
    for activity in plan.activities:
        _activity_references(model, plan, activity, check)
    for need in plan.procurement_needs:
        check.exists(
            plan.has("underkategori", need.subcategory), "underkategori", need.subcategory, need, "underkategori"
        )
    _organisation_references(model, plan, check)
    _follow_up_references(model, plan, check)
    _analysis_references(model, plan, check)


def _activity_references(model: Municipality, plan: Plan, activity: Activity, check: Checker) -> None:
    """An activity's parties, dependencies, links and underkategorier resolve."""
    for party in activity.responsibility:
        check.exists(model.has("person", party.person or ""), "person", party.person, party, "person")
        check.exists(model.has("roll", party.role or ""), "roll", party.role, party, "roll")
        check.exists(model.has("enhet", party.unit or ""), "enhet", party.unit, party, "enhet")
    for index, ref in enumerate(activity.schedule.after):
        check.exists(plan.has("aktivitet", ref), "aktivitet", ref, activity.schedule, "efter", index)
    for link in activity.contributions:
        check.exists(plan.has("strategi", link.strategy or ""), "strategi", link.strategy, link, "strategi")
        check.exists(plan.has("effektmål", link.effect_goal or ""), "effektmål", link.effect_goal, link, "effektmål")
    for index, ref in enumerate(activity.subcategories):
        check.exists(plan.has("underkategori", ref), "underkategori", ref, activity, "underkategorier", index)
    for reference in activity.guidance:
        check.exists(
            model.has("vägledning", reference.document), "vägledning", reference.document, reference, "dokument"
        )


def _organisation_references(model: Municipality, plan: Plan, check: Checker) -> None:
    """The plan's organisation names existing people and units."""
    org = plan.organisation
    check.exists(model.has("person", org.category_lead), "person", org.category_lead, org, "kategoriledare")
    check.exists(model.has("person", org.sponsor), "person", org.sponsor, org, "sponsor")
    for member in org.team:
        check.exists(model.has("person", member.person), "person", member.person, member, "person")
    for ref in org.reference_group:
        check.exists(model.has("person", ref.person or ""), "person", ref.person, ref, "person")
        for index, person in enumerate(ref.more_people):
            check.exists(model.has("person", person), "person", person, ref, "personer", index)
        check.exists(model.has("enhet", ref.unit or ""), "enhet", ref.unit, ref, "enhet")


def _follow_up_references(model: Municipality, plan: Plan, check: Checker) -> None:
    """Reports and measurements name existing activities, indicators and people; a wrong one gets the id to write."""
    activities, indicators = activity_candidates(plan.activities), indicator_candidates(plan.indicators)
    for report in plan.follow_up.reports:
        if not plan.has("aktivitet", report.activity):
            message = f"hänvisningen till aktivitet '{report.activity}' leder ingenstans: det finns ingen aktivitet med det id:t"
            check.error(report, ("aktivitet",), message + hint(report.activity, activities, "aktiviteterna"))
        check.exists(model.has("person", report.reported_by), "person", report.reported_by, report, "rapporterad_av")
    for value in plan.follow_up.measurements:
        if not plan.has("nyckeltal", value.indicator):
            message = f"hänvisningen till nyckeltal '{value.indicator}' leder ingenstans: det finns inget nyckeltal med det id:t"
            check.error(value, ("nyckeltal",), message + hint(value.indicator, indicators, "nyckeltalen"))
        check.exists(model.has("person", value.reported_by), "person", value.reported_by, value, "rapporterad_av")


def _follow_up_dates(plan: Plan, check: Checker, today: dt.date) -> None:
    """A report or measured value dated after today is probably a typing mistake (and counts only from that day)."""
    records: list[StatusReport | Measurement] = [*plan.follow_up.reports, *plan.follow_up.measurements]
    for record in records:
        if record.date > today:
            check.warn(
                record,
                ("datum",),
                f"datumet {record.date.isoformat()} ligger efter idag ({today.isoformat()}); "
                "rapporten räknas först från det datumet – stämmer det?",
            )


def _citations(model: Municipality, plan: Plan, check: Checker) -> None:
    """Each cited document exists, is listed once, and no section is typed where the data already says it."""
    already = plan.linked_documents()
    seen: set[str] = set()
    for citation in plan.meta.citations:
        doc = citation.document
        check.exists(model.has("styrdokument", doc), "styrdokument", doc, citation, "styrdokument")
        if doc in seen:
            check.error(
                citation, ("styrdokument",), f"styrdokumentet {doc} står redan i listan; samla dess avsnitt där"
            )
        seen.add(doc)
        for index, section in enumerate(citation.sections):
            if section in already.get(doc, ()):
                message = (
                    f"avsnitt {section} hänvisar redan till {doc} genom sin styrsignal eller sitt effektmål; "
                    "ta bort det här så att uppgiften bara står på ett ställe"
                )
                check.error(citation, ("avsnitt", index), message)
            elif section in citation.sections[:index]:
                check.error(citation, ("avsnitt", index), f"avsnitt {section} står två gånger")


def _analysis_references(model: Municipality, plan: Plan, check: Checker) -> None:
    """Figures of the analysis refer to existing underkategorier, nämnder and documents."""
    analysis = plan.analysis
    if analysis is None:
        return
    with_subcategory = [
        *analysis.spend_per_subcategory,
        *analysis.largest_suppliers,
        *analysis.spend_per_buyer,
        *analysis.loyalty,
        *analysis.kraljic,
        *analysis.strengths,
        *analysis.weaknesses,
        *analysis.opportunities,
        *analysis.threats,
        *analysis.external_factors,
    ]
    for item in with_subcategory:
        ref = getattr(item, "subcategory", None)
        check.exists(plan.has("underkategori", ref or ""), "underkategori", ref, item, "underkategori")
    for buyer in analysis.spend_per_buyer:
        check.exists(model.has("nämnd", buyer.committee or ""), "nämnd", buyer.committee, buyer, "nämnd")
        check.exists(
            model.has("förvaltning", buyer.administration or ""),
            "förvaltning",
            buyer.administration,
            buyer,
            "förvaltning",
        )
    for signal in analysis.governing_signals:
        check.exists(
            model.has("styrdokument", signal.document), "styrdokument", signal.document, signal, "styrdokument"
        )
        for index, goal in enumerate(signal.council_goals):
            check.exists(model.has("fullmäktigemål", goal), "fullmäktigemål", goal, signal, "fullmäktigemål", index)


def _goal_chain(plan: Plan, check: Checker) -> None:
    """Each effektmål has strategier and nyckeltal; each aktivitet serves something."""
    for goal in plan.effect_goals:
        if not plan.strategies_of(goal.id):
            check.error(goal, ("id",), f"effektmålet '{goal.id}' har ingen strategi")
        if not plan.indicators_of(goal.id):
            check.error(goal, ("id",), f"effektmålet '{goal.id}' har inget nyckeltal")
    for activity in plan.activities:
        if not activity.contributions:
            check.error(
                activity,
                ("id",),
                f"aktiviteten '{activity.id}' bidrar inte till någon strategi eller något effektmål (lägg till bidrar_till)",
            )


def _dependency_cycles(plan: Plan, check: Checker) -> None:
    """Activity dependencies (`efter`) must not form a cycle; each cycle is reported once.

    Activities that wait for each other, directly or through others, form one strongly
    connected group; each group is reported once, at its first activity, with the shortest
    cycle through that activity. Linear in activities and dependencies.
    """
    graph = {a.id: [d for d in a.schedule.after if plan.has("aktivitet", d)] for a in plan.activities}
    order = {activity_id: index for index, activity_id in enumerate(graph)}
    for group in strongly_connected(graph):
        start = min(group, key=order.__getitem__)
        if len(group) == 1 and start not in graph[start]:
            continue
        chain = " → ".join(_shortest_cycle(graph, start, set(group)))
        check.error(plan.activity(start).schedule, ("efter",), f"beroendena bildar en cirkel: {chain}")


def strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected groups of `graph` (Tarjan's algorithm with an explicit stack, no recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph[node]
            while position < len(targets) and targets[position] in index:
                if targets[position] in on_stack:
                    low[node] = min(low[node], index[targets[position]])
                position += 1
            if position < len(targets):
                work += [(node, position + 1), (targets[position], 0)]
                continue
            if low[node] == index[node]:
                group = []
                while (member := stack.pop()) != node:
                    on_stack.discard(member)
                    group.append(member)
                on_stack.discard(node)
                groups.append([*group, node])
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups


def _shortest_cycle(graph: dict[str, list[str]], start: str, group: set[str]) -> list[str]:
    """The shortest path from `start` back to itself within `group` (breadth first), as a list of ids."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in graph[node]:
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if target in group and target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    return [start, start]  # not reached: every member of a group lies on a cycle through `start`


def _doubtful(model: Municipality, plan: Plan, check: Checker, today: dt.date) -> None:
    """Warnings: things that may be right but that an editor should look at."""
    meta = plan.meta
    if meta.decision.date is None:
        check.warn(
            meta.decision, ("datum_text",), f"beslutsdatumet '{meta.decision.date_text}' är inte ett fullständigt datum"
        )
    elif meta.decision.date > plan.period_start:
        check.warn(meta.decision, ("datum",), "beslutet är fattat efter att planperioden börjat")
    for activity in plan.activities:
        _activity_warnings(model, plan, activity, check, today)


def _activity_warnings(
    model: Municipality,
    plan: Plan,
    activity: Activity,
    check: Checker,
    today: dt.date,
) -> None:
    """Doubtful things about one activity."""
    schedule = activity.schedule
    for key, point in (("start", schedule.start), ("slut", schedule.end)):
        if point and (point.last_day < plan.period_start or point.first_day > plan.period_end):
            check.warn(
                schedule, (key,), f"aktivitet {activity.number}: {key} {point.label} ligger utanför planperioden"
            )
    if activity.priority is None:
        check.warn(activity, ("id",), f"aktivitet {activity.number} har ingen prioritet i källan")
    _lettering(activity, check)
    status = current_status(plan, activity.id)
    if schedule.end and schedule.end.last_day < today and status == NOT_REPORTED:
        check.warn(
            schedule,
            ("slut",),
            f"aktivitet {activity.number} skulle vara klar {schedule.end_said} men har ingen uppföljningsrapport",
            follow_up=True,
        )
    if status in FINISHED:
        return
    for party in activity.responsibility:
        if party.kind not in ("ansvarig", "genomför"):
            continue
        people = [party.person] if party.person else []
        if party.role:
            people += [p.id for p in role_holders(model, party.role, plan.id, today)]
        for person_id in people:
            if model.has("person", person_id) and (left := left_on(model, plan, person_id)) and left < today:
                name = model.person(person_id).name
                check.warn(
                    party,
                    ("typ",),
                    f"{name} har lämnat ({left.isoformat()}) men står som {party.kind} för aktivitet {activity.number}, som inte är avslutad",
                    follow_up=True,
                )


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _lettering(activity: Activity, check: Checker) -> None:
    """Delmoment lettered a, b, c … in order; anything else is worth a look."""
    lettered = [(index, step.letter) for index, step in enumerate(activity.steps) if step.letter]
    if not lettered:
        return
    first_index, first = lettered[0]
    if first != "a":
        check.warn(
            activity,
            ("delmoment", first_index, "bokstav"),
            f"aktivitet {activity.number}: delmomenten börjar på {first}) i stället för a)",
        )
    for (_, before), (index, after) in itertools.pairwise(lettered):
        if re.fullmatch(r"[a-z]", before) and _LETTERS.find(after) != _LETTERS.find(before) + 1:
            check.warn(
                activity,
                ("delmoment", index, "bokstav"),
                f"aktivitet {activity.number}: delmoment {after}) följer på {before})",
            )
