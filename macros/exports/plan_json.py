"""The whole plan as JSON, in the data's own structure, with its JSON Schema.

One file per plan and one for what the plans share. Each carries the format's name and
version, the data's date and version and the licence, and then every data file of the plan
under the file's name (`plan`, `aktiviteter`, `upphandlingsbehov` …), with the same Swedish
keys as the YAML in `data/`, except that an activity's `implementering` has its budget amounts
written in as its page writes them ("200 000 kr"), not as `{budget:1}`. The schema is made from
the same models as the data's own schemas, so a program reads any plan the same way. `FORMAT_VERSION` changes when the
structure does (a new field raises the minor number; a removed or changed one the major).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from macros.exports.catalog import PLAN_SCHEMA_FILE, SHARED_SCHEMA_FILE
from macros.model.activities import ActivitiesFile
from macros.model.analysis import AnalysisFile
from macros.model.base import Date, Slug
from macros.model.catalog import Municipality, Plan
from macros.model.goals import EffectGoalsFile, KeyIndicatorsFile, StrategiesFile, SubcategoriesFile
from macros.model.governance import DocumentsFile, GoalsFile
from macros.model.organisation import OrganisationFile, PeopleFile
from macros.model.plan import PlanFile
from macros.model.procurement import ProcurementFile
from macros.model.reports import FollowUpFile
from macros.model.team import PlanOrganisationFile

FORMAT_VERSION = "1.0"
"""The version of the JSON exports' structure."""

PLAN_FORMAT = "kategoriplan"
SHARED_FORMAT = "kategoriplaner-kommun"

_CONFIG = ConfigDict(
    extra="forbid", frozen=True, serialize_by_alias=True, validate_by_alias=True, validate_by_name=False
)


class _Header(BaseModel):
    """What every JSON export says about itself."""

    model_config = _CONFIG

    schema_: str = Field(alias="$schema", description="Schemat som filen följer (relativ adress).")
    format_version: Literal["1.0"] = Field(alias="formatversion", description="Formatets version.")
    data_date: Date = Field(alias="datadatum", description="Dagen datat senast ändrades (eller bygget, utan git).")
    data_version: str = Field(
        alias="dataversion", description="Datats version: incheckningen i git som datat kommer från."
    )
    licence: str = Field(alias="licens", description="Licensen för datat.")
    licence_url: str | None = Field(alias="licens_url", description="Licensens adress.", default=None)


class PlanExport(_Header):
    """One category plan: every data file of the plan, as in `data/planer/<plan>/`."""

    format_: Literal["kategoriplan"] = Field(alias="format", description="Alltid kategoriplan.")
    plan_id: Slug = Field(alias="id", description="Planens id (mappens namn i data/planer/).")
    plan: PlanFile = Field(alias="plan", description="plan.yml")
    subcategories: SubcategoriesFile = Field(alias="underkategorier", description="underkategorier.yml")
    effect_goals: EffectGoalsFile = Field(alias="effektmal", description="effektmal.yml")
    strategies: StrategiesFile = Field(alias="strategier", description="strategier.yml")
    indicators: KeyIndicatorsFile = Field(alias="nyckeltal", description="nyckeltal.yml")
    activities: ActivitiesFile = Field(alias="aktiviteter", description="aktiviteter.yml")
    procurement: ProcurementFile = Field(alias="upphandlingsbehov", description="upphandlingsbehov.yml")
    organisation: PlanOrganisationFile = Field(alias="organisation", description="organisation.yml")
    analysis: AnalysisFile | None = Field(alias="nulage", description="nulage.yml, om planen har en.")
    follow_up: FollowUpFile = Field(alias="uppfoljning", description="uppfoljning.yml (tom utan uppföljning).")


class SharedExport(_Header):
    """What every plan of the municipality shares, as in `data/kommun/`."""

    format_: Literal["kategoriplaner-kommun"] = Field(alias="format", description="Alltid kategoriplaner-kommun.")
    organisation: OrganisationFile = Field(alias="organisation", description="organisation.yml")
    people: PeopleFile = Field(alias="personer", description="personer.yml")
    governance: GoalsFile = Field(alias="styrning", description="styrning.yml")
    documents: DocumentsFile = Field(alias="styrdokument", description="styrdokument.yml")


def _header(schema: str, data_date: Any, data_version: str, licence: str, licence_url: str | None) -> dict[str, Any]:
    """The header fields by their JSON names."""
    return {
        "$schema": schema,
        "formatversion": FORMAT_VERSION,
        "datadatum": data_date,
        "dataversion": data_version,
        "licens": licence,
        "licens_url": licence_url,
    }


def activities_as_shown(activities: ActivitiesFile) -> ActivitiesFile:
    """The activities with each implementering's budget amounts written in, as the pages show them."""
    from macros.render.activity_export import implementation_text  # the pages' wording; render imports exports

    filled = [
        activity.model_copy(update={"implementation": implementation_text(activity)})
        if activity.budget_in_text
        else activity
        for activity in activities.activities
    ]
    return activities.model_copy(update={"activities": filled})


def plan_document(
    plan: Plan, *, data_date: Any, data_version: str, licence: str, licence_url: str | None
) -> dict[str, Any]:
    """The plan as a JSON-ready dict (validated against `PlanExport`)."""
    document = PlanExport.model_validate(
        {
            **_header(PLAN_SCHEMA_FILE, data_date, data_version, licence, licence_url),
            "format": PLAN_FORMAT,
            "id": plan.id,
            "plan": plan.meta,
            "underkategorier": plan.subcategories_file,
            "effektmal": plan.effect_goals_file,
            "strategier": plan.strategies_file,
            "nyckeltal": plan.indicators_file,
            "aktiviteter": activities_as_shown(plan.activities_file),
            "upphandlingsbehov": plan.procurement_file,
            "organisation": plan.organisation,
            "nulage": plan.analysis,
            "uppfoljning": plan.follow_up,
        }
    )
    return document.model_dump(mode="json", by_alias=True)


def shared_document(
    model: Municipality, *, data_date: Any, data_version: str, licence: str, licence_url: str | None
) -> dict[str, Any]:
    """What the plans share as a JSON-ready dict (validated against `SharedExport`)."""
    document = SharedExport.model_validate(
        {
            **_header(SHARED_SCHEMA_FILE, data_date, data_version, licence, licence_url),
            "format": SHARED_FORMAT,
            "organisation": model.organisation,
            "personer": model.people_file,
            "styrning": model.governance,
            "styrdokument": model.documents_file,
        }
    )
    return document.model_dump(mode="json", by_alias=True)


def schema_of(export: type[BaseModel], title: str) -> dict[str, Any]:
    """The JSON Schema of an export, as the data's own schemas are made."""
    schema = export.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def schema_text(export: type[BaseModel], title: str) -> str:
    """The schema as stable, readable JSON."""
    return json.dumps(schema_of(export, title), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def json_text(document: dict[str, Any]) -> str:
    """A JSON export as readable UTF-8 text."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


SCHEMA_TITLES = {"plan": "Kategoriplan (JSON-export)", "kommun": "Kategoriplanernas gemensamma data (JSON-export)"}


def export_schema_text(kind: str) -> str:
    """The published schema of the plan export ("plan") or the shared export ("kommun")."""
    model = PlanExport if kind == "plan" else SharedExport
    return schema_text(model, SCHEMA_TITLES[kind])
