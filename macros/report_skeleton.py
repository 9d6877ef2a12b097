"""`python -m macros rapport`: add a status report or a measured value to a plan's `uppfoljning.yml`.

The entry is written as text at the end of the list it belongs to (`rapporter:` or
`mätvärden:`), so the rest of the file keeps its comments, order and formatting; a missing
file is created with the schema line the other data files have. Afterwards the data is
checked again, and if the new entry is not accepted the file is put back as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from macros.loading.files import PLANS_DIR
from macros.loading.loader import load
from macros.model.activities import Activity
from macros.model.catalog import Municipality, Plan
from macros.model.goals import KeyIndicator
from macros.model.periods import period_of_day
from macros.model.reports import Status
from macros.model.responsibility import role_holders
from macros.validation.findings import Finding, Severity
from macros.validation.suggest import activity_candidates, hint, indicator_candidates

FILE_NAME = "uppfoljning.yml"
HEADER = (
    "# yaml-language-server: $schema=../../../schemas/plan-uppfoljning.schema.json\n"
    "# Uppföljning: statusrapporter för aktiviteterna och mätvärden för nyckeltalen, med datum och vem som\n"
    "# rapporterade. Se sidan ”Så rapporterar du status och mätvärden” (content/redaktorer/rapportera.md).\n"
)
"""The first lines of a new `uppfoljning.yml`, as the other data files begin."""

STATUSES: tuple[str, ...] = get_args(Status)


class ReportError(Exception):
    """The report cannot be written; the message says why in Swedish."""


@dataclass(frozen=True)
class Written:
    """What was added: the file, the line the entry starts on, and a sentence for the editor."""

    file: Path
    line: int
    summary: str


def _target_plan(model: Municipality, plan_id: str | None, found_in: list[Plan], near: Callable[[Plan], str]) -> Plan:
    """The plan to report on: the one named, or the only plan that has (or nearly has) the activity or nyckeltal."""
    if plan_id is not None:
        if plan_id not in model.plans:
            raise ReportError(f"planen '{plan_id}' finns inte (finns: {', '.join(sorted(model.plans))})")
        return model.plan(plan_id)
    if len(found_in) == 1:
        return found_in[0]
    if not found_in:
        candidates = [plan for plan in model.plans.values() if near(plan)] or list(model.plans.values())
        if len(candidates) == 1:
            return candidates[0]
    names = ", ".join(plan.id for plan in (found_in or model.plans.values()))
    raise ReportError(f"ange vilken plan rapporten gäller med --plan (PLAN=…): {names}")


def find_activity(model: Municipality, reference: str, plan_id: str | None) -> tuple[Plan, Activity]:
    """The activity named by id or number (9.2.13), or a Swedish error suggesting the right one."""
    text = reference.strip()
    matches = [
        (plan, activity)
        for plan in model.plans.values()
        if plan_id in (None, plan.id)
        for activity in plan.activities
        if text in (activity.id, activity.number)
    ]

    def near(plan: Plan) -> str:
        return hint(text, activity_candidates(plan.activities), "aktiviteterna")

    plan = _target_plan(model, plan_id, list({plan.id: plan for plan, _ in matches}.values()), near)
    for found_plan, activity in matches:
        if found_plan is plan:
            return plan, activity
    raise ReportError(f"planen '{plan.id}' har ingen aktivitet med id eller nummer '{text}'{near(plan)}")


def find_indicator(model: Municipality, reference: str, plan_id: str | None) -> tuple[Plan, KeyIndicator]:
    """The nyckeltal named by id, or a Swedish error suggesting the right one (by section or text)."""
    text = reference.strip()
    matches = [
        (plan, indicator)
        for plan in model.plans.values()
        if plan_id in (None, plan.id)
        for indicator in plan.indicators
        if indicator.id == text
    ]

    def near(plan: Plan) -> str:
        return hint(text, indicator_candidates(plan.indicators), "nyckeltalen")

    plan = _target_plan(model, plan_id, list({plan.id: plan for plan, _ in matches}.values()), near)
    for found_plan, indicator in matches:
        if found_plan is plan:
            return plan, indicator
    raise ReportError(f"planen '{plan.id}' har inget nyckeltal med id '{text}'{near(plan)}")


def default_reporter(model: Municipality, plan: Plan, activity: Activity | None, today: dt.date) -> str:
    """Who reports by default: the first accountable person of the activity (a role's holder today), else the category leader."""
    if activity is not None:
        for party in activity.responsibility:
            if party.kind != "ansvarig":
                continue
            if party.person:
                return party.person
            if party.role and (holders := role_holders(model, party.role, plan.id, today)):
                return holders[0].id
    return plan.organisation.category_lead


def _reporter(model: Municipality, plan: Plan, activity: Activity | None, who: str | None, today: dt.date) -> str:
    """The person id to write: the one given (checked), or the default."""
    if who is None:
        return default_reporter(model, plan, activity, today)
    if model.has("person", who):
        return who
    by_name = [person.id for person in model.people if person.name.casefold() == who.strip().casefold()]
    if len(by_name) == 1:
        return by_name[0]
    raise ReportError(f"personen '{who}' finns inte i personer.yml; skriv personens id, t.ex. {model.people[0].id}")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def activity_entry(
    plan: Plan, activity: Activity, *, status: str, reporter: str, today: dt.date, comment: str | None
) -> list[str]:
    """The lines of a status report (without indentation), with a comment naming the activity and period."""
    lines = [
        f"# {_one_line(activity.number + ' ' + activity.name)}, {_period_words(plan, today)}",
        f"- aktivitet: {activity.id}",
        f"  datum: {today.isoformat()}",
        f"  status: {status}",
        f"  rapporterad_av: {reporter}",
    ]
    lines.append(
        f"  kommentar: {_quoted(comment)}" if comment else "  # kommentar: Vad har hänt sedan förra rapporten?"
    )
    return lines


def measurement_entry(
    plan: Plan, indicator: KeyIndicator, *, value: str, reporter: str, today: dt.date, comment: str | None
) -> list[str]:
    """The lines of a measured value (without indentation), with a comment naming the nyckeltal and period."""
    text = _one_line(indicator.text)
    short = text if len(text) <= 60 else text[:57].rstrip() + "…"
    lines = [
        f"# {indicator.section} {short}, {_period_words(plan, today)}",
        f"- nyckeltal: {indicator.id}",
        f"  datum: {today.isoformat()}",
        f"  värde: {_quoted(value)}",
        f"  rapporterad_av: {reporter}",
    ]
    lines.append(f"  kommentar: {_quoted(comment)}" if comment else "  # kommentar: Hur mättes värdet?")
    return lines


def _one_line(text: str) -> str:
    """Text on one line, for a YAML comment."""
    return " ".join(text.split())


def _period_words(plan: Plan, today: dt.date) -> str:
    """The follow-up period of `today` in words, for the comment above an entry."""
    item = period_of_day(plan, today)
    if item is None:
        return "utanför planens uppföljningsperioder"
    return f"perioden {item.name} ({item.start.isoformat()} – {item.end.isoformat()})"


_TOP_KEY = re.compile(r"^([^\s#-][^:]*):(.*)$")
_EMPTY_FLOW = re.compile(r"^\s*\[\s*\]\s*(#.*)?$")


def append_entry(text: str, key: str, entry: list[str]) -> tuple[str, int]:
    """`text` with `entry` added at the end of the top-level list `key`, and the line (1-based) of the new item.

    Lines are only added, never changed (except `key: []`, which becomes `key:`), so the rest of
    the file keeps its comments, order, formatting and line endings.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    item = next((index for index, line in enumerate(entry) if line.startswith("-")), 0)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    bare = [line.rstrip("\r\n") for line in lines]
    start = next((i for i, line in enumerate(bare) if (m := _TOP_KEY.match(line)) and m.group(1).strip() == key), None)
    if start is None:
        separator = [newline] if bare and bare[-1].strip() else []
        block = [f"{key}:{newline}", *(f"  {line}{newline}" for line in entry)]
        return "".join(lines + separator + block), len(lines) + len(separator) + 2 + item
    rest = _TOP_KEY.match(bare[start]).group(2)  # type: ignore[union-attr]
    if rest.strip() and not rest.strip().startswith("#"):
        if not _EMPTY_FLOW.match(rest):
            raise ReportError(
                f"listan {key} står på en rad (rad {start + 1}); skriv den med en punkt per rad (- …) och försök igen"
            )
        comment = rest[rest.index("#") :] if "#" in rest else ""
        lines[start] = f"{key}:" + (f" {comment}" if comment else "") + newline
    end = start + 1
    while end < len(bare) and not _TOP_KEY.match(bare[end]):
        end += 1
    last = end - 1
    while last > start and (not bare[last].strip() or bare[last].startswith("#")):
        last -= 1
    indent = next((m.group(1) for line in bare[start + 1 : end] if (m := re.match(r"^(\s*)- ", line))), "  ")
    block = [f"{indent}{line}{newline}" for line in entry]
    return "".join(lines[: last + 1] + block + lines[last + 1 :]), last + 2 + item


def write_report(
    data_dir: Path,
    *,
    activity: str | None,
    indicator: str | None,
    status: str | None,
    value: str | None,
    reporter: str | None,
    comment: str | None,
    plan_id: str | None,
    today: dt.date,
) -> Written:
    """Add one report to the plan's `uppfoljning.yml` and check the data again; a refused entry is undone."""
    if (activity is None) == (indicator is None):
        raise ReportError(
            "ange antingen en aktivitet (--aktivitet, AKTIVITET=…) eller ett nyckeltal (--nyckeltal, NYCKELTAL=…)"
        )
    before = load(data_dir, today=today)
    if not before.ok or before.model is None:
        raise DataError([f for f in before.findings if f.severity is Severity.ERROR])
    model = before.model
    if activity is not None:
        plan, record = find_activity(model, activity, plan_id)
        if status is None or status not in STATUSES:
            given = f" ('{status}' är ingen status)" if status else ""
            raise ReportError(
                f"ange status för {record.number} {record.name} med --status (STATUS=…){given}: " + ", ".join(STATUSES)
            )
        who = _reporter(model, plan, record, reporter, today)
        entry = activity_entry(plan, record, status=status, reporter=who, today=today, comment=comment)
        key, what = "rapporter", f"en statusrapport för {record.number} {record.name} ({status})"
    else:
        plan, found = find_indicator(model, indicator or "", plan_id)
        if not value or not value.strip():
            raise ReportError(
                f'ange det uppmätta värdet för {found.section} {found.id} med --varde (VARDE=…), t.ex. "72 %"'
            )
        who = _reporter(model, plan, None, reporter, today)
        entry = measurement_entry(plan, found, value=value.strip(), reporter=who, today=today, comment=comment)
        key, what = "mätvärden", f"ett mätvärde för {found.section} {found.id} ({value.strip()})"
    path = data_dir / PLANS_DIR / plan.id / FILE_NAME
    original = path.read_bytes() if path.exists() else None
    text = original.decode("utf-8") if original is not None else HEADER
    updated, line = append_entry(text, key, entry)
    path.write_bytes(updated.encode("utf-8"))
    after = load(data_dir, today=today)
    new_errors = [f for f in after.findings if f.severity is Severity.ERROR]
    if new_errors:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
        raise DataError(new_errors)
    name = model.person(who).name
    summary = f"lade till {what}, daterad {today.isoformat()} och rapporterad av {name} ({who})"
    return Written(path, line, summary)


class DataError(Exception):
    """The data has errors (before, or with the new entry, which was then removed again)."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("datat har fel")
        self.findings = findings
