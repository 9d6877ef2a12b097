"""Shared building blocks of the data model: the base record, identifiers, dates and amounts.

The model is plain Python (pydantic) and is the single source of truth for the data
schema: YAML keys are the Swedish field aliases, Python attributes are English.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    Strict,
    StringConstraints,
    WithJsonSchema,
    model_validator,
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

SLUG_MAX_LENGTH = 120
"""Ids become file names of generated pages; this keeps them well inside every file system's limit."""

RESERVED_IDS = frozenset({"index"})
"""Ids that would take the place of a written page (`index.md` of a folder) and are refused."""


def _not_reserved(value: str) -> str:
    """Refuse ids that name a page the site already has."""
    if value in RESERVED_IDS:
        raise ValueError(f"id:t '{value}' är reserverat för en sida på webbplatsen; välj ett annat")
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH),
    AfterValidator(_not_reserved),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "maxLength": SLUG_MAX_LENGTH,
            "not": {"enum": sorted(RESERVED_IDS)},
            "description": "Identifierare: små bokstäver a–z, siffror och bindestreck.",
        }
    ),
]
"""A stable identifier: lower-case ASCII letters, digits and single hyphens."""

SectionNumber = Annotated[
    str,
    StringConstraints(pattern=r"^\d{1,5}(\.\d{1,5}){0,5}$"),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,5}(\.\d{1,5}){0,5}$"}),
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

NUMBER_WORDS = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]
"""Numbers the way Swedish prose writes them in words, zero first."""

ORDINALS = ["nollte", "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde"]
"""Ordinal numbers in Swedish words, zero first."""


FIRST_YEAR = 1900
"""The earliest year a date in the data may have (the plans and their history are recent)."""

LAST_YEAR = 2200
"""The latest year a date in the data may have (far beyond any plan period, well inside what dates can hold)."""


def check_year(year: int, text: object) -> None:
    """Refuse a year outside FIRST_YEAR–LAST_YEAR, in Swedish."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"året i {text} ligger utanför {FIRST_YEAR}–{LAST_YEAR}")


def parse_iso_date(value: object) -> dt.date:
    """Parse `YYYY-MM-DD` within FIRST_YEAR–LAST_YEAR, explaining impossible dates in Swedish."""
    if isinstance(value, dt.date):
        check_year(value.year, value.isoformat())
        return value
    if not isinstance(value, str) or not (match := _ISO_DATE.match(value)):
        raise ValueError(f"ska vara ett datum på formen ÅÅÅÅ-MM-DD, inte {value!r}")
    year, month, day = (int(part) for part in match.groups())
    check_year(year, value)
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

Year = Annotated[int, Strict(), Field(ge=FIRST_YEAR, le=LAST_YEAR)]
"""A calendar year written as a whole number."""

Count = Annotated[int, Strict(), Field(ge=0, le=10_000_000)]
"""A count of things (suppliers, contracts): a whole number, never text, true or 2.0."""

MAX_FIGURE = 1e12
"""The largest figure the data may state (a thousand billion, far above any municipal amount)."""

MAX_DECIMALS = 3
"""Figures are stated with at most this many decimals (the source uses one or two)."""


def _sensible_figure(value: float) -> float:
    """A finite figure within ±MAX_FIGURE with at most MAX_DECIMALS decimals."""
    if not math.isfinite(value):
        raise ValueError("talet ska vara ett vanligt tal, inte oändligt eller ogiltigt")
    if abs(value) > MAX_FIGURE:
        raise ValueError(f"talet {value:g} är orimligt stort (högst {MAX_FIGURE:.0e})")
    if round(value, MAX_DECIMALS) != value:
        raise ValueError(f"talet {value!r} har fler än {MAX_DECIMALS} decimaler")
    return value


Figure = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_sensible_figure)]
"""A figure as the source states it: finite, at most a thousand billion, at most three decimals."""


class Amount(Record):
    """A figure as the source states it: a value, its unit and how exact the source is."""

    value: Figure = field("värde", "Talet som källan anger.")
    unit: Literal["kr", "mnkr", "procent", "st", "procentenheter"] = field("enhet", "Enhet.")
    qualifier: Literal["exakt", "ca", "knappt", "över", "minst"] = field(
        "precision",
        "Hur källan uttrycker talet: exakt, ca, knappt (strax under), över, minst.",
        default="exakt",
    )
    spaced_unit: bool = field(
        "mellanslag_före_enhet", "Falskt när källans löptext skriver enheten tätt efter talet (70%).", default=True
    )

    @model_validator(mode="after")
    def _sensible_for_unit(self) -> Amount:
        """Amounts, counts and shares are not negative; a share is at most 100 %."""
        if self.unit != "procentenheter" and self.value < 0:
            raise ValueError(f"värdet {self.value:g} {self.unit} kan inte vara negativt")
        if self.unit == "procent" and self.value > 100:
            raise ValueError(f"en andel kan vara högst 100 procent, inte {self.value:g}")
        return self
