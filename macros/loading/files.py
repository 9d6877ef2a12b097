"""Where data lives: the folders and file names under `data/` and the model of each."""

from __future__ import annotations

from dataclasses import dataclass

from macros.model.activities import ActivitiesFile
from macros.model.analysis import AnalysisFile
from macros.model.base import Record
from macros.model.goals import (
    EffectGoalsFile,
    KeyIndicatorsFile,
    StrategiesFile,
    SubcategoriesFile,
)
from macros.model.governance import DocumentsFile, GoalsFile
from macros.model.market_analysis import MarketAnalysesFile
from macros.model.maturity import AssessmentsFile, MaturityModelFile
from macros.model.national_strategy import NationalStrategyFile
from macros.model.organisation import OrganisationFile, PeopleFile
from macros.model.plan import PlanFile
from macros.model.procurement import ProcurementFile
from macros.model.procurement_guide import ChecklistsFile, ProcurementGuidesFile
from macros.model.reports import FollowUpFile
from macros.model.team import PlanOrganisationFile

SHARED_DIR = "kommun"
"""Folder of data shared by all plans."""

PLANS_DIR = "planer"
"""Folder holding one folder per plan."""

GUIDANCE_DIR = "vagledning"
"""Folder of the guidance library shared by all plans (national strategy, Dalamodellen, guides, analyses)."""


@dataclass(frozen=True)
class FileKind:
    """A data file name, the model of its content, and whether it must exist."""

    name: str
    model: type[Record]
    required: bool = True

    @property
    def schema_name(self) -> str:
        """File name of the exported JSON Schema for this kind of file."""
        return self.name.removesuffix(".yml") + ".schema.json"


SHARED_FILES: tuple[FileKind, ...] = (
    FileKind("organisation.yml", OrganisationFile),
    FileKind("personer.yml", PeopleFile),
    FileKind("styrning.yml", GoalsFile),
    FileKind("styrdokument.yml", DocumentsFile),
    FileKind("sjalvskattning.yml", AssessmentsFile, required=False),
)

PLAN_FILES: tuple[FileKind, ...] = (
    FileKind("plan.yml", PlanFile),
    FileKind("underkategorier.yml", SubcategoriesFile),
    FileKind("effektmal.yml", EffectGoalsFile),
    FileKind("strategier.yml", StrategiesFile),
    FileKind("nyckeltal.yml", KeyIndicatorsFile),
    FileKind("aktiviteter.yml", ActivitiesFile),
    FileKind("upphandlingsbehov.yml", ProcurementFile),
    FileKind("organisation.yml", PlanOrganisationFile),
    FileKind("nulage.yml", AnalysisFile, required=False),
    FileKind("uppfoljning.yml", FollowUpFile, required=False),
    FileKind("sjalvskattning.yml", AssessmentsFile, required=False),
    FileKind("checklistor.yml", ChecklistsFile, required=False),
)

GUIDANCE_FILES: tuple[FileKind, ...] = (
    FileKind("nationella-upphandlingsstrategin.yml", NationalStrategyFile, required=False),
    FileKind("dalamodellen.yml", MaturityModelFile, required=False),
    FileKind("upphandlingsvagledningar.yml", ProcurementGuidesFile, required=False),
    FileKind("marknadsanalyser.yml", MarketAnalysesFile, required=False),
)
"""The guidance library; every file is optional (a data folder without guidance has no national goals to link to)."""
