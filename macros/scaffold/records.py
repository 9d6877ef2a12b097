"""`python -m macros ny aktivitet|upphandlingsbehov|person`: a valid skeleton of a new record at
the end of its list, with the next free number and a stable id made from its name.

Texts the editor has to write are marked FYLL I (the check warns until they are replaced); the
record passes the check at once and has its place on the site, so the editor sees it in
`make serve` while writing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from macros.loading.files import PLANS_DIR, SHARED_DIR
from macros.loading.yaml_source import SourceFile, parse_yaml
from macros.model.activities import ActivitiesFile
from macros.model.base import RESERVED_IDS, SLUG_MAX_LENGTH, SLUG_PATTERN, Record
from macros.model.organisation import PeopleFile
from macros.model.procurement import SNARAST, ProcurementFile
from macros.render.context import activity_page, person_page
from macros.scaffold.text import Entry, ScaffoldError, append_entry, read_source
from macros.validation.placeholders import PLACEHOLDER

ID_LENGTH = 60
"""Ids made from a name are cut at a word boundary below this length (they become page addresses)."""

_FOLDED = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "ae", "ø": "o"})


def slug(name: str) -> str:
    """A stable id from a name: lower-case a–z, digits and single hyphens ("Inför e-arkiv" → "infor-e-arkiv")."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLDED))
    ascii_only = "".join(char for char in folded if char.isascii())
    words = [word for word in re.split(r"[^a-z0-9]+", ascii_only) if word]
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > ID_LENGTH and result:
            break
        result = candidate[:ID_LENGTH]
    return result


def free_id(wanted: str | None, name: str, taken: set[str], what: str) -> str:
    """The id to use: the one asked for (which must be free and valid), else one made from the name,
    with -2, -3 … when it is taken."""
    if wanted:
        if not re.fullmatch(SLUG_PATTERN, wanted) or len(wanted) > SLUG_MAX_LENGTH or wanted in RESERVED_IDS:
            raise ScaffoldError(f"id:t '{wanted}' ska bestå av små bokstäver a–z, siffror och bindestreck")
        if wanted in taken:
            raise ScaffoldError(f"det finns redan {what} med id '{wanted}'; välj ett annat")
        return wanted
    base = slug(name)
    if not base:
        raise ScaffoldError(f"namnet '{name}' ger inget id; ange ett med --id")
    candidate, number = base, 2
    while candidate in taken or candidate in RESERVED_IDS:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


@dataclass(frozen=True)
class Added:
    """What a scaffold wrote: the file (as findings show it), the line where the record starts,
    what it is, and the page the site shows it on (a source path, or None)."""

    file: str
    line: int
    what: str
    page: str | None


def _ids(items: list[object]) -> set[str]:
    """The ids of a list of records as read (entries without an id are skipped)."""
    return {str(item["id"]) for item in items if isinstance(item, dict) and "id" in item}


def _write(file: Path, shown: str, text: str, model: type[Record]) -> None:
    """Write the new text if it still reads as a valid file of its kind (it always should)."""
    source = parse_yaml(text.encode("utf-8"), SourceFile(shown))
    try:
        if source.findings:
            raise ValueError(source.findings[0].format())
        model.model_validate(source.value)
    except (ValueError, ValidationError) as exc:
        raise ScaffoldError(f"{shown}: den nya posten gick inte att läsa ({exc}); filen är oförändrad") from None
    file.write_text(text, encoding="utf-8")


def shown(file: Path) -> str:
    """The path of a file as the check shows it: relative to the working folder when it lies below it."""
    try:
        return file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def _plan_file(data_dir: Path, plan: str, name: str) -> tuple[Path, str]:
    """A plan's data file and the path findings show for it."""
    folder = data_dir / PLANS_DIR / plan
    if not folder.is_dir():
        plans = data_dir / PLANS_DIR
        known = sorted(p.name for p in plans.iterdir() if p.is_dir()) if plans.is_dir() else []
        raise ScaffoldError(f"planen '{plan}' finns inte (finns: {', '.join(known) or 'ingen'})")
    return folder / name, shown(folder / name)


def _strategies(data_dir: Path, plan: str) -> tuple[list[str], list[str]]:
    """The ids of the plan's strategies and effektmål, in the plan's order."""
    ids = []
    for name, key in (("strategier.yml", "strategier"), ("effektmal.yml", "effektmål")):
        _, source = read_source(*_plan_file(data_dir, plan, name))
        items = source.value.get(key) or []
        ids.append([str(item["id"]) for item in items if isinstance(item, dict) and "id" in item])
    return ids[0], ids[1]


def next_number(numbers: list[str], prefix: str) -> str:
    """The number after the highest `prefix`N in use (9.2.22 → 9.2.23; the first is `prefix`1)."""
    used = [int(n.removeprefix(prefix)) for n in numbers if n.startswith(prefix) and n.removeprefix(prefix).isdigit()]
    return f"{prefix}{max(used, default=0) + 1}"


def new_activity(
    data_dir: Path, plan: str, name: str, *, strategy: str | None = None, identifier: str | None = None
) -> Added:
    """Add an aktivitet to the end of the plan's 9.2 with the next number, serving `strategy` (or
    the plan's first strategy, or else its first effektmål) as the editors' proposal to be motivated."""
    file, path = _plan_file(data_dir, plan, "aktiviteter.yml")
    text, source = read_source(file, path)
    items = source.value.get("aktiviteter") or []
    strategies, goals = _strategies(data_dir, plan)
    if strategy is not None and strategy not in strategies:
        raise ScaffoldError(f"strategin '{strategy}' finns inte i planen (finns: {', '.join(strategies) or 'inga'})")
    if strategy is None and not strategies and not goals:
        raise ScaffoldError(
            "planen har varken strategier eller effektmål som aktiviteten kan bidra till; lägg till dem först"
        )
    target = ("strategi", strategy or strategies[0]) if strategy or strategies else ("effektmål", goals[0])
    new_id = free_id(identifier, name, _ids(items), "en aktivitet")
    number = next_number([str(item.get("nummer", "")) for item in items if isinstance(item, dict)], "9.2.")
    entry = Entry(
        [
            ("id", new_id),
            ("nummer", number),
            ("namn", name),
            ("beskrivning", f"{PLACEHOLDER}: vad aktiviteten går ut på, som planen beskriver den."),
            ("ansvar_text", f"{PLACEHOLDER}: vem som är ansvarig och vem som genomför aktiviteten."),
            ("tidplan", Entry([("text", f"{PLACEHOLDER}: tidplanen och prioriteringen som planen skriver dem.")])),
            (
                "bidrar_till",
                [
                    Entry(
                        [
                            target,
                            ("grund", "förslag"),
                            ("motivering", f"{PLACEHOLDER}: varför aktiviteten bidrar till det här."),
                        ]
                    )
                ],
            ),
        ]
    )
    new_text, line = append_entry(text, source, "aktiviteter", entry)
    _write(file, path, new_text, ActivitiesFile)
    return Added(path, line, f"aktivitet {number} ”{name}” (id {new_id})", activity_page(plan, new_id))


def new_need(
    data_dir: Path,
    plan: str,
    need: str,
    *,
    subcategory: str,
    year: int,
    contract_end: str | None = None,
    identifier: str | None = None,
) -> Added:
    """Add an upphandlingsbehov to a year's list (after the list's last need, or last)."""
    file, path = _plan_file(data_dir, plan, "upphandlingsbehov.yml")
    text, source = read_source(file, path)
    _, subcategories = read_source(*_plan_file(data_dir, plan, "underkategorier.yml"))
    names = {
        str(item["id"]): str(item.get("namn", item["id"]))
        for item in subcategories.value.get("underkategorier") or []
        if isinstance(item, dict) and "id" in item
    }
    if subcategory not in names:
        raise ScaffoldError(f"underkategorin '{subcategory}' finns inte i planen (finns: {', '.join(names) or 'inga'})")
    if contract_end is not None and contract_end != SNARAST:
        try:
            dt.date.fromisoformat(contract_end)
        except ValueError:
            raise ScaffoldError(f"förlängning t.o.m. ska vara ett datum ÅÅÅÅ-MM-DD eller {SNARAST}") from None
    items = source.value.get("upphandlingsbehov") or []
    new_id = free_id(identifier, need, _ids(items), "ett upphandlingsbehov")
    fields: list[tuple[str, object]] = [
        ("id", new_id),
        ("lista", year),
        ("underkategori", subcategory),
        ("underkategori_text", names[subcategory]),
        ("behov", need),
    ]
    if contract_end:
        fields.append(("förlängning_tom", contract_end))
    same_year = [index for index, item in enumerate(items) if isinstance(item, dict) and item.get("lista") == year]
    new_text, line = append_entry(
        text, source, "upphandlingsbehov", Entry(fields), after=same_year[-1] if same_year else None
    )
    _write(file, path, new_text, ProcurementFile)
    what = f"upphandlingsbehov ”{need}” på listan för {year} (id {new_id})"
    return Added(path, line, what, f"{plan}/upphandlingsbehov.md")


def new_person(
    data_dir: Path,
    name: str,
    *,
    title: str | None = None,
    administration: str | None = None,
    identifier: str | None = None,
) -> Added:
    """Add a person to the municipality's list of people."""
    file = data_dir / SHARED_DIR / "personer.yml"
    text, source = read_source(file, shown(file))
    if administration is not None:
        organisation_file = data_dir / SHARED_DIR / "organisation.yml"
        _, organisation = read_source(organisation_file, shown(organisation_file))
        known = _ids(organisation.value.get("förvaltningar") or [])
        if administration not in known:
            raise ScaffoldError(f"förvaltningen '{administration}' finns inte (finns: {', '.join(sorted(known))})")
    new_id = free_id(identifier, name, _ids(source.value.get("personer") or []), "en person")
    fields: list[tuple[str, object]] = [("id", new_id), ("namn", name)]
    if title:
        fields.append(("titel", title))
    if administration:
        fields.append(("förvaltning", administration))
    new_text, line = append_entry(text, source, "personer", Entry(fields))
    _write(file, shown(file), new_text, PeopleFile)
    return Added(shown(file), line, f"person ”{name}” (id {new_id})", person_page(new_id))
