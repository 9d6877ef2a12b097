"""Upphandlingsbehov (9.1): the needs on each year's list and when current contracts end."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from macros.model.base import (
    Date,
    Record,
    Slug,
    field,
    parse_iso_date,
)
from macros.model.text import PlainText, RichText

SNARAST = "Snarast"


def _parse_contract_end(value: object) -> object:
    """Accept "Snarast" as is; anything else must be a date."""
    return value if value == SNARAST else parse_iso_date(value)


ContractEnd = Annotated[
    Literal["Snarast"] | Date,
    BeforeValidator(_parse_contract_end),
    PlainSerializer(lambda v: v if isinstance(v, str) else v.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "anyOf": [{"const": "Snarast"}, {"type": "string", "format": "date"}],
            "description": "Datum ÅÅÅÅ-MM-DD eller Snarast.",
        }
    ),
]


class ProcurementNeed(Record):
    """An upphandlingsbehov of 9.1, on the list of one year."""

    id: Slug = field("id", "Identifierare.")
    list_year: int = field("lista", "Året vars lista behovet står på (9.1.1–9.1.4).", ge=2000, le=2100, strict=True)
    subcategory: Slug = field("underkategori", "Underkategori (id).")
    subcategory_label: PlainText = field("underkategori_text", "Underkategorin som källan skriver den.")
    need: PlainText = field("behov", "Behovet ordagrant.")
    contract_end: ContractEnd | None = field(
        "förlängning_tom", "Förlängning av nuvarande avtal möjlig t.o.m.: datum eller Snarast.", default=None
    )


class ProcurementFile(Record):
    """`upphandlingsbehov.yml`."""

    intro: RichText | None = field("inledning", "Inledande text i 9.1 (Markdown).", default=None)
    needs: list[ProcurementNeed] = field("upphandlingsbehov", "Upphandlingsbehov.")
