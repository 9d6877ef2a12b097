"""Shared building blocks of the data model: the base record, identifiers, dates and amounts.

The model is plain Python (pydantic) and is the single source of truth for the data
schema: YAML keys are the Swedish field aliases, Python attributes are English.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
)

Path = tuple[str | int, ...]


class Record(BaseModel):
    """Base of every data record: unknown keys are errors and records are immutable.

    Each record remembers the data file and the key path it was read from, so that
    cross-checks can point at the line an editor must change.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
        str_strip_whitespace=False,
        use_attribute_docstrings=False,
    )

    _file: str = PrivateAttr(default="")
    _path: Path = PrivateAttr(default=())

    def bind_origin(self, file: str, path: Path) -> None:
        """Record where this record was read from (set once by the loader)."""
        object.__setattr__(self, "__pydantic_private__", {"_file": file, "_path": path})

    @property
    def origin(self) -> tuple[str, Path]:
        """The data file and key path this record came from."""
        return self._file, self._path


def field(alias: str, description: str, **kwargs: Any) -> Any:
    """A model field whose YAML key is the Swedish `alias`, documented for editors."""
    return Field(alias=alias, description=description, **kwargs)


SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "description": "Identifierare: små bokstäver a–z, siffror och bindestreck.",
        }
    ),
]
"""A stable identifier: lower-case ASCII letters, digits and single hyphens."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Non-empty text as written in the source (Markdown allowed where the field says so)."""

SectionNumber = Annotated[
    str,
    StringConstraints(pattern=r"^\d+(\.\d+)*$"),
    WithJsonSchema({"type": "string", "pattern": r"^\d+(\.\d+)*$"}),
]
"""A section number of the plan document, e.g. "9.2.13"."""

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTH_NAMES = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
"""Swedish month names, January first."""


def parse_iso_date(value: object) -> dt.date:
    """Parse `YYYY-MM-DD`, explaining impossible dates in Swedish."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not (match := _ISO_DATE.match(value)):
        raise ValueError(f"ska vara ett datum på formen ÅÅÅÅ-MM-DD, inte {value!r}")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"omöjligt datum {value}: månad {month} finns inte")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"omöjligt datum {value}: {MONTH_NAMES[month - 1]} {year} har inte {day} dagar") from None


Date = Annotated[
    dt.date,
    BeforeValidator(parse_iso_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "description": "Datum ÅÅÅÅ-MM-DD."}),
]


class Amount(Record):
    """A figure as the source states it: a value, its unit and how exact the source is."""

    value: float = field("värde", "Talet som källan anger.")
    unit: Literal["kr", "mnkr", "procent", "st", "procentenheter"] = field("enhet", "Enhet.")
    qualifier: Literal["exakt", "ca", "knappt", "över", "minst"] = field(
        "precision",
        "Hur källan uttrycker talet: exakt, ca, knappt (strax under), över, minst.",
        default="exakt",
    )
