"""The procurement needs as OCDS planning releases (Open Contracting Data Standard 1.1).

One release package per plan; one release per procurement need, tagged `planning`. The
mapping is listed in `MAPPING` (shown on the plan's "Öppna data" page) and every field of a
procurement need that has no place in OCDS in `UNMAPPED`; a test keeps both complete.

The package is validated in the tests against the OCDS 1.1.5 schema (vendored in
`macros/exports/ocds_schema/`) with the OCDS validator; the build only writes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from macros.model.catalog import Plan
from macros.model.deadlines import ProcurementDeadline, deadlines
from macros.model.procurement import SNARAST

OCDS_VERSION = "1.1"
SCHEMA_RELEASE = "1.1.5"
"""The schema release the packages are validated against."""

MAPPING: tuple[tuple[str, str], ...] = (
    ("ocid", "OCDS-prefixet, planens id och behovets id (id): en kontraktsprocess per upphandlingsbehov."),
    ("id", "ocid och datats datum: en ny release när datat ändras."),
    ("date", "Datats tidpunkt (den senaste incheckningen av planens data)."),
    ("tag", "Alltid planning: behoven är planering, ingen upphandling har annonserats."),
    ("initiationType", "Alltid tender."),
    ("buyer, parties", "Kommunen som planen anger (plan.yml, kommun), med rollen buyer."),
    (
        "planning.rationale",
        "Behovet (behov), underkategorin som källan skriver den (underkategori_text), årets lista (lista) och Snarast när källan säger det.",
    ),
    (
        "planning.milestones",
        "Två milstolpar av typen preProcurement: dagen nuvarande avtal kan förlängas till (förlängning_tom) och den härledda senaste starten (förlängning t.o.m. minus underkategorins ledtid i plan.yml).",
    ),
    ("tender.id, tender.title", "Behovets id och behovet (behov)."),
    ("tender.status", "Alltid planning."),
    ("tender.description", "Underkategorin i planen (underkategori) och årets lista."),
)
"""Where each part of a release comes from, in Swedish (shown on the "Öppna data" page)."""

UNMAPPED: tuple[tuple[str, str], ...] = (
    (
        "budget",
        "Planen anger ingen budget för upphandlingsbehoven (bara för aktiviteter i 9.2, som inte är upphandlingar), så planning.budget utelämnas.",
    ),
    (
        "läge (senaste start passerad, inom sex månader …)",
        "Beror på dagen bygget görs och hör inte till releasen; det visas i upphandlingskalendern.",
    ),
    ("Snarast", "Har inget datum, så ingen milstolpe; står i planning.rationale."),
    ("ledtiden i månader", "Har inget eget OCDS-fält; står i beskrivningen av milstolpen senaste start."),
    ("avtalets löptid och avtalsslut utan förlängning", "Finns inte i planen: källans kolumn är förlängning t.o.m."),
)
"""What the plan says about a need that the releases do not carry as an OCDS field, and why."""

NEED_FIELDS_USED = ("id", "list_year", "subcategory", "subcategory_label", "need", "contract_end")
"""Every field of `ProcurementNeed`; each is mapped above (a test keeps this list equal to the model's)."""


def _when(day: dt.date) -> str:
    """A date as OCDS date-time: midnight UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def ocid(prefix: str, plan: Plan, need_id: str) -> str:
    """The need's Open Contracting ID."""
    return f"{prefix}-{plan.id}-{need_id}"


def release(
    plan: Plan, item: ProcurementDeadline, *, prefix: str, stamp: dt.datetime, buyer: dict[str, str]
) -> dict[str, Any]:
    """One procurement need as an OCDS planning release."""
    need = item.need
    subcategory = plan.subcategory(need.subcategory).name
    snarast = need.contract_end == SNARAST
    rationale = f"{need.need}. Underkategori i källan: {need.subcategory_label}. Står på listan för {need.list_year} i {plan.meta.name} (9.1)."
    if snarast:
        rationale += " Enligt planen ska upphandlingen göras snarast."
    milestones = []
    if item.contract_end is not None:
        milestones.append(
            {
                "id": "forlangning-tom",
                "title": "Nuvarande avtal kan förlängas t.o.m.",
                "type": "preProcurement",
                "dueDate": _when(item.contract_end),
                "description": "Dagen nuvarande avtal kan förlängas till enligt planen.",
            }
        )
    if item.latest_start is not None and item.contract_end is not None:
        milestones.append(
            {
                "id": "senaste-start",
                "title": "Senaste start för upphandlingen",
                "type": "preProcurement",
                "dueDate": _when(item.latest_start),
                "description": (
                    f"Härledd: förlängning t.o.m. {item.contract_end.isoformat()} minus planens ledtid för "
                    f"{subcategory}, {item.lead_time_months} månader."
                ),
            }
        )
    planning: dict[str, Any] = {"rationale": rationale}
    if milestones:
        planning["milestones"] = milestones
    identifier = ocid(prefix, plan, need.id)
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "ocid": identifier,
        "id": f"{identifier}-planering-{stamp.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}",
        "date": stamp_text,
        "tag": ["planning"],
        "initiationType": "tender",
        "language": "sv",
        "parties": [{**buyer, "roles": ["buyer"]}],
        "buyer": dict(buyer),
        "planning": planning,
        "tender": {
            "id": need.id,
            "title": need.need,
            "description": f"Underkategori: {subcategory}. Listan för {need.list_year}.",
            "status": "planning",
        },
    }


def release_package(
    plan: Plan,
    today: dt.date,
    *,
    prefix: str,
    stamp: dt.datetime,
    uri: str,
    publisher: str,
    licence_url: str | None,
) -> dict[str, Any]:
    """The plan's release package: one planning release per procurement need, in the plan's order."""
    buyer = {"id": _party_id(plan.meta.municipality), "name": plan.meta.municipality}
    package: dict[str, Any] = {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "publisher": {"name": publisher},
        "releases": [release(plan, item, prefix=prefix, stamp=stamp, buyer=buyer) for item in deadlines(plan, today)],
    }
    if licence_url:
        package["license"] = licence_url
    return package


def _party_id(name: str) -> str:
    """An organisation's id within the package: its name in lower case with hyphens."""
    return "-".join(name.lower().split()) or "kopare"
