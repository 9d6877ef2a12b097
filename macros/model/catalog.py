"""The whole validated model: the municipality's shared data and its plans, with the
named queries pages and views use. Built once by the loader; never mutated."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from macros.model.activities import ActivitiesFile, Activity
from macros.model.analysis import AnalysisFile
from macros.model.goals import (
    EffectGoal,
    EffectGoalsFile,
    KeyIndicator,
    KeyIndicatorsFile,
    StrategiesFile,
    Strategy,
    SubcategoriesFile,
    Subcategory,
)
from macros.model.governance import CouncilGoal, DocumentsFile, GoalsFile, GoverningDocument
from macros.model.guidance import GuidanceSource
from macros.model.market_analysis import MarketAnalysesFile, MarketAnalysis
from macros.model.maturity import AssessmentsFile, MaturityModelFile
from macros.model.national_strategy import FocusArea, NationalGoal, NationalStrategyFile
from macros.model.organisation import (
    Administration,
    Committee,
    OrganisationFile,
    PeopleFile,
    Person,
    Role,
    Unit,
)
from macros.model.plan import EditorialNote, PlanFile
from macros.model.procurement import ProcurementFile, ProcurementNeed
from macros.model.procurement_guide import ChecklistsFile, FilledChecklist, ProcurementGuide, ProcurementGuidesFile
from macros.model.reads import RememberedTable, derived_property, unrecorded
from macros.model.reports import FollowUpFile, FollowUpPeriod, Measurement, StatusReport, yearly_periods
from macros.model.team import PlanOrganisationFile, TeamMember
from macros.model.time import add_months


@dataclass(frozen=True)
class Plan:
    """One category plan with everything it states and its follow-up."""

    id: str
    meta: PlanFile
    subcategories_file: SubcategoriesFile
    effect_goals_file: EffectGoalsFile
    strategies_file: StrategiesFile
    indicators_file: KeyIndicatorsFile
    activities_file: ActivitiesFile
    procurement_file: ProcurementFile
    organisation: PlanOrganisationFile
    analysis: AnalysisFile | None
    follow_up: FollowUpFile
    assessments: AssessmentsFile = field(default_factory=AssessmentsFile)
    """The plan's self-assessments against Dalamodellen (`sjalvskattning.yml`), none when the plan has recorded none."""
    checklists_file: ChecklistsFile = field(default_factory=ChecklistsFile)
    """The checklists the plan has filled in for its procurement needs (`checklistor.yml`)."""

    @property
    def checklists(self) -> list[FilledChecklist]:
        """The filled checklists in the data's order."""
        return self.checklists_file.checklists

    @derived_property
    def _checklists_by_need(self) -> dict[str, list[FilledChecklist]]:
        """Each procurement need's filled checklists, in the data's order."""
        grouped: dict[str, list[FilledChecklist]] = {}
        for checklist in self.checklists:
            grouped.setdefault(checklist.need, []).append(checklist)
        return grouped

    def checklists_of(self, need_id: str) -> list[FilledChecklist]:
        """The checklists filled in for a procurement need."""
        return list(self._checklists_by_need.get(need_id, []))

    @property
    def subcategories(self) -> list[Subcategory]:
        """Underkategorier in the plan's order."""
        return self.subcategories_file.subcategories

    @property
    def effect_goals(self) -> list[EffectGoal]:
        """Effektmål in the plan's order."""
        return self.effect_goals_file.effect_goals

    @property
    def strategies(self) -> list[Strategy]:
        """Strategier in the plan's order."""
        return self.strategies_file.strategies

    @property
    def indicators(self) -> list[KeyIndicator]:
        """Nyckeltal in the plan's order."""
        return self.indicators_file.indicators

    @property
    def activities(self) -> list[Activity]:
        """Aktiviteter in the plan's order."""
        return self.activities_file.activities

    @property
    def procurement_needs(self) -> list[ProcurementNeed]:
        """Upphandlingsbehov in the plan's order."""
        return self.procurement_file.needs

    @property
    def notes(self) -> list[EditorialNote]:
        """Every editorial note on the source, from the plan, activity, organisation and analysis files."""
        analysis_notes = self.analysis.notes if self.analysis else []
        return [*self.meta.notes, *self.organisation.notes, *self.activities_file.notes, *analysis_notes]

    def linked_documents(self) -> dict[str, list[str]]:
        """The sections whose records already name a governing document, by document id: an
        effektmål's "Koppling till övriga styrdokument" (4.1.x) and a styrsignal of 10.4."""
        found: dict[str, list[str]] = {}
        for goal in self.effect_goals:
            for doc in goal.documents:
                found.setdefault(doc, []).append(goal.number)
        for signal in self.analysis.governing_signals if self.analysis else []:
            found.setdefault(signal.document, []).append(signal.number)
        return found

    def cited_sections(self) -> dict[str, list[str]]:
        """Every section that names each governing document (linked records and the editors' list
        of citations in plan.yml), in the plan's order of sections."""
        found = self.linked_documents()
        for citation in self.meta.citations:
            found.setdefault(citation.document, []).extend(citation.sections)
        return {doc: sorted(set(sections), key=section_order) for doc, sections in found.items()}

    @property
    def period_start(self) -> dt.date:
        """First day of the plan period."""
        return self.meta.period.start.first_day

    @property
    def period_end(self) -> dt.date:
        """Last day of the plan period."""
        return add_months(self.period_start, 12 * self.meta.period.years) - dt.timedelta(days=1)

    @derived_property
    def _index(self) -> RememberedTable[str, dict[str, object]]:
        """Lookup tables by kind and id, each made when first asked for."""
        return RememberedTable(
            {
                "underkategori": lambda: {item.id: item for item in self.subcategories},
                "effektmål": lambda: {item.id: item for item in self.effect_goals},
                "strategi": lambda: {item.id: item for item in self.strategies},
                "nyckeltal": lambda: {item.id: item for item in self.indicators},
                "aktivitet": lambda: {item.id: item for item in self.activities},
                "upphandlingsbehov": lambda: {item.id: item for item in self.procurement_needs},
            }
        )

    @derived_property
    def _reports_by_activity(self) -> dict[str, list[StatusReport]]:
        """Each activity's follow-up reports, oldest first (same day: the data's order)."""
        grouped: dict[str, list[StatusReport]] = {}
        for report in sorted(self.follow_up.reports, key=lambda report: report.date):
            grouped.setdefault(report.activity, []).append(report)
        return grouped

    def reports_of(self, activity_id: str) -> list[StatusReport]:
        """An activity's follow-up reports, oldest first."""
        return list(self._reports_by_activity.get(activity_id, []))

    def report_on(self, activity_id: str, day: dt.date) -> StatusReport | None:
        """An activity's latest report on or before `day` (same day: the data's last), or None."""
        reports = self._reports_by_activity.get(activity_id, [])
        index = bisect.bisect_right(reports, day, key=lambda report: report.date)
        return reports[index - 1] if index else None

    @derived_property
    def follow_up_periods(self) -> list[FollowUpPeriod]:
        """The follow-up periods in time order: declared in `uppfoljning.yml`, else one per year of the plan period.

        The plan says its results are reported yearly (6.0); a year is counted from the plan period's start.
        """
        if self.follow_up.periods:
            return list(self.follow_up.periods)
        start, years = self.period_start, self.meta.period.years
        with unrecorded():  # the new periods' validator reads their own dates, which no data file holds
            derived = yearly_periods(start, years)
        for item in derived:
            item.bind_origin(*self.meta.period.origin)  # a page address taken by a derived period points at `period`
        return derived

    def has(self, kind: str, identifier: str) -> bool:
        """Whether the plan has a `kind` (Swedish name) with this id."""
        return identifier in self._index[kind]

    def subcategory(self, identifier: str) -> Subcategory:
        """The underkategori with this id."""
        return self._index["underkategori"][identifier]  # type: ignore[return-value]

    def effect_goal(self, identifier: str) -> EffectGoal:
        """The effektmål with this id."""
        return self._index["effektmål"][identifier]  # type: ignore[return-value]

    def strategy(self, identifier: str) -> Strategy:
        """The strategi with this id."""
        return self._index["strategi"][identifier]  # type: ignore[return-value]

    def activity(self, identifier: str) -> Activity:
        """The aktivitet with this id."""
        return self._index["aktivitet"][identifier]  # type: ignore[return-value]

    def procurement_need(self, identifier: str) -> ProcurementNeed:
        """The upphandlingsbehov with this id."""
        return self._index["upphandlingsbehov"][identifier]  # type: ignore[return-value]

    def indicator(self, identifier: str) -> KeyIndicator:
        """The nyckeltal with this id."""
        return self._index["nyckeltal"][identifier]  # type: ignore[return-value]

    @derived_property
    def _by_goal(self) -> tuple[dict[str, list[Strategy]], dict[str, list[KeyIndicator]]]:
        """Strategier and nyckeltal grouped by their effektmål, in the data's order."""
        strategies: dict[str, list[Strategy]] = {}
        for strategy in self.strategies:
            strategies.setdefault(strategy.effect_goal, []).append(strategy)
        indicators: dict[str, list[KeyIndicator]] = {}
        for indicator in self.indicators:
            indicators.setdefault(indicator.effect_goal, []).append(indicator)
        return strategies, indicators

    def strategies_of(self, goal_id: str) -> list[Strategy]:
        """Strategier under one effektmål."""
        return list(self._by_goal[0].get(goal_id, []))

    def indicators_of(self, goal_id: str) -> list[KeyIndicator]:
        """Nyckeltal of one effektmål."""
        return list(self._by_goal[1].get(goal_id, []))

    @derived_property
    def _by_activity(self) -> tuple[dict[str, list[Activity]], dict[str, list[KeyIndicator]]]:
        """For each activity id: the activities waiting for it (`efter`) and the nyckeltal naming it, in the data's order."""
        waiting: dict[str, list[Activity]] = {}
        for activity in self.activities:
            for ref in dict.fromkeys(activity.schedule.after):
                waiting.setdefault(ref, []).append(activity)
        naming: dict[str, list[KeyIndicator]] = {}
        for indicator in self.indicators:
            for ref in dict.fromkeys(indicator.activities):
                naming.setdefault(ref, []).append(indicator)
        return waiting, naming

    def dependents_of(self, activity_id: str) -> list[Activity]:
        """The activities that wait for this one (name it in `efter`)."""
        return list(self._by_activity[0].get(activity_id, []))

    def indicators_naming(self, activity_id: str) -> list[KeyIndicator]:
        """The nyckeltal that name this activity as what they follow up."""
        return list(self._by_activity[1].get(activity_id, []))

    @derived_property
    def _by_person(self) -> tuple[dict[str, list[TeamMember]], frozenset[str]]:
        """The category team's entries by person (in the data's order) and the people named in the reference group."""
        team: dict[str, list[TeamMember]] = {}
        for member in self.organisation.team:
            team.setdefault(member.person, []).append(member)
        reference = frozenset(person for ref in self.organisation.reference_group for person in ref.people)
        return team, reference

    def team_entries(self, person_id: str) -> list[TeamMember]:
        """The person's entries in the category team (usually none or one)."""
        return list(self._by_person[0].get(person_id, []))

    def in_reference_group(self, person_id: str) -> bool:
        """Whether a row of the reference group names the person (`person`, or one of `personer`)."""
        return person_id in self._by_person[1]

    @derived_property
    def _measurements_by_indicator(self) -> dict[str, list[Measurement]]:
        """Each nyckeltal's measured values, oldest first (same day: the data's order)."""
        grouped: dict[str, list[Measurement]] = {}
        for item in sorted(self.follow_up.measurements, key=lambda item: item.date):
            grouped.setdefault(item.indicator, []).append(item)
        return grouped

    def measurements_of(self, indicator_id: str) -> list[Measurement]:
        """The measured values of a nyckeltal, oldest first."""
        return list(self._measurements_by_indicator.get(indicator_id, []))

    def lead_time_months(self, subcategory_id: str) -> int | None:
        """The plan's procurement lead time for an underkategori, or None if it gives none."""
        return next((lt.months for lt in self.meta.lead_times if lt.subcategory == subcategory_id), None)


NATIONAL_STRATEGY_ID = "nationella-upphandlingsstrategin"
"""The id plans use to refer to the national procurement strategy as a document."""

MATURITY_MODEL_ID = "dalamodellen"
"""The id plans use to refer to Dalamodellen as a document."""


@dataclass(frozen=True)
class GuidanceLibrary:
    """The guidance shared by every plan (`data/vagledning/`); each part may be absent."""

    national: NationalStrategyFile | None = None
    maturity: MaturityModelFile | None = None
    guides_file: ProcurementGuidesFile = field(default_factory=ProcurementGuidesFile)
    analyses_file: MarketAnalysesFile = field(default_factory=MarketAnalysesFile)

    @property
    def national_goals(self) -> list[NationalGoal]:
        """The national inriktningsmål in the data's order (none without the strategy)."""
        return self.national.goals if self.national else []

    @property
    def focus_areas(self) -> list[FocusArea]:
        """The national strategy's fokusområden."""
        return self.national.focus_areas if self.national else []

    @property
    def guides(self) -> list[ProcurementGuide]:
        """The procurement guides."""
        return self.guides_file.guides

    @property
    def analyses(self) -> list[MarketAnalysis]:
        """The market analyses."""
        return self.analyses_file.analyses

    @derived_property
    def documents(self) -> dict[str, GuidanceSource]:
        """Every document of the library by the id plans refer to it with, in the library's order."""
        found: dict[str, GuidanceSource] = {}
        if self.national:
            found[NATIONAL_STRATEGY_ID] = self.national.source
        if self.maturity:
            found[MATURITY_MODEL_ID] = self.maturity.source
        for guide in self.guides:
            found.setdefault(guide.id, guide.source)
        for analysis in self.analyses:
            found.setdefault(analysis.id, analysis.source)
        return found


@dataclass(frozen=True)
class Municipality:
    """Everything in `data/`: shared organisation and governance, the guidance library and every plan."""

    organisation: OrganisationFile
    people_file: PeopleFile
    governance: GoalsFile
    documents_file: DocumentsFile
    plans: dict[str, Plan]
    guidance: GuidanceLibrary = field(default_factory=GuidanceLibrary)
    assessments: AssessmentsFile = field(default_factory=AssessmentsFile)
    """The organisation's own self-assessments against Dalamodellen (`kommun/sjalvskattning.yml`)."""

    @derived_property
    def _index(self) -> RememberedTable[str, dict[str, object]]:
        """Lookup tables of shared things by kind and id, each made when first asked for."""
        return RememberedTable(
            {
                "förvaltning": lambda: {item.id: item for item in self.organisation.administrations},
                "nämnd": lambda: {item.id: item for item in self.organisation.committees},
                "enhet": lambda: {item.id: item for item in self.organisation.units},
                "roll": lambda: {item.id: item for item in self.organisation.roles},
                "person": lambda: {item.id: item for item in self.people_file.people},
                "fullmäktigemål": lambda: {goal.id: goal for area in self.governance.goal_areas for goal in area.goals},
                "målområde": lambda: {item.id: item for item in self.governance.goal_areas},
                "styrdokument": lambda: {item.id: item for item in self.documents_file.documents},
                "nationellt mål": lambda: {item.id: item for item in self.guidance.national_goals},
                "vägledning": lambda: dict(self.guidance.documents),
                "upphandlingsvägledning": lambda: {item.id: item for item in self.guidance.guides},
                "marknadsanalys": lambda: {item.id: item for item in self.guidance.analyses},
                "plan": lambda: dict(self.plans),
            }
        )

    @derived_property
    def _people_by_role(self) -> dict[str, list[Person]]:
        """For each role, the people with at least one term in it, in the data's order."""
        grouped: dict[str, list[Person]] = {}
        for person in self.people_file.people:
            for role_id in dict.fromkeys(term.role for term in person.roles):
                grouped.setdefault(role_id, []).append(person)
        return grouped

    def people_with_role(self, role_id: str) -> list[Person]:
        """Everyone who holds or has held `role_id` at some time, for some plan."""
        return list(self._people_by_role.get(role_id, []))

    def has(self, kind: str, identifier: str) -> bool:
        """Whether a shared thing of `kind` (Swedish name) has this id."""
        return identifier in self._index[kind]

    @property
    def people(self) -> list[Person]:
        """Every person."""
        return self.people_file.people

    def person(self, identifier: str) -> Person:
        """The person with this id."""
        return self._index["person"][identifier]  # type: ignore[return-value]

    def other_spellings(self, identifier: str) -> list[Person]:
        """The other entries that are probably the same person (`troligen_samma_som`, either way round)."""
        me = self.person(identifier)
        return [p for p in self.people if p.id != me.id and (p.id == me.same_as or p.same_as == me.id)]

    def role(self, identifier: str) -> Role:
        """The role with this id."""
        return self._index["roll"][identifier]  # type: ignore[return-value]

    def unit(self, identifier: str) -> Unit:
        """The unit with this id."""
        return self._index["enhet"][identifier]  # type: ignore[return-value]

    def administration(self, identifier: str) -> Administration:
        """The förvaltning with this id."""
        return self._index["förvaltning"][identifier]  # type: ignore[return-value]

    def committee(self, identifier: str) -> Committee:
        """The nämnd with this id."""
        return self._index["nämnd"][identifier]  # type: ignore[return-value]

    def council_goal(self, identifier: str) -> CouncilGoal:
        """The fullmäktigemål with this id."""
        return self._index["fullmäktigemål"][identifier]  # type: ignore[return-value]

    def document(self, identifier: str) -> GoverningDocument:
        """The styrdokument with this id."""
        return self._index["styrdokument"][identifier]  # type: ignore[return-value]

    def national_goal(self, identifier: str) -> NationalGoal:
        """The national goal with this id."""
        return self._index["nationellt mål"][identifier]  # type: ignore[return-value]

    def guide(self, identifier: str) -> ProcurementGuide:
        """The procurement guide with this id."""
        return self._index["upphandlingsvägledning"][identifier]  # type: ignore[return-value]

    def analysis(self, identifier: str) -> MarketAnalysis:
        """The market analysis with this id."""
        return self._index["marknadsanalys"][identifier]  # type: ignore[return-value]

    def plan(self, identifier: str) -> Plan:
        """The plan with this id."""
        return self.plans[identifier]


def section_order(number: str) -> tuple[int, ...]:
    """A section number as a sort key: 9.2.2 before 9.2.10, 10.1 after 9.2."""
    return tuple(int(part) for part in number.split("."))
