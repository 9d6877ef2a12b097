"""The plans' decided versions as git holds them: each reference resolved to a commit, the
data there checked with today's model, and what changed between versions and since the
latest one.

`read_versions` never fails: without git, in a shallow clone or for a reference that does
not exist, the version's `problem` (or the whole `unavailable`) says why in Swedish.
`version_findings` turns that into the check's findings, at the line of the version in
plan.yml: a reference that does not exist, one that can move (a branch, a short commit id,
a tag that is not annotated) or data that is not valid is an error; a
reference that cannot be checked (no git, shallow clone) and a plan changed since its
latest decision are warnings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from macros.comparison import FOLLOW_UP_KINDS, Change, Snapshot, compare_snapshots, describe
from macros.comparison.records import entries
from macros.loading.cache import NO_CACHE, Cache, content_hash
from macros.loading.git import Git, GitUnavailable
from macros.loading.loader import LoadResult
from macros.loading.revisions import SnapshotReader, changes_between, load_tree
from macros.loading.yaml_source import SourceFile
from macros.model.catalog import Municipality
from macros.model.history import Versions, VersionState
from macros.model.plan import DecidedVersion, version_slug
from macros.validation.findings import Finding, Severity, error, warning

ERRORS_SHOWN = 3
"""How many of the errors in a version's data a finding quotes."""

NOT_PLAN_CONTENT = FOLLOW_UP_KINDS | {"beslutad version"}
"""Kinds of records that change without changing the decided plan: follow-up, and the versions themselves."""


def plan_content(changes: tuple[Change, ...] | list[Change], plan_id: str) -> tuple[Change, ...]:
    """The changes to a plan's own decided content: its records, without follow-up and the version list."""
    return tuple(c for c in changes if c.plan == plan_id and c.kind not in NOT_PLAN_CONTENT)


def decided_content(changes: tuple[Change, ...] | list[Change], plan_id: str) -> tuple[Change, ...]:
    """The changes between two decided versions worth showing: the plan's content and the shared data."""
    return tuple(c for c in changes if c.plan in (plan_id, None) and c.kind not in NOT_PLAN_CONTENT)


def read_versions(data_dir: Path, model: Municipality, cache: Cache = NO_CACHE) -> Versions:
    """Every plan's decided versions resolved in git, checked and compared (see the module's docstring)."""
    if not any(plan.meta.versions for plan in model.plans.values()):
        return Versions()
    git = Git(data_dir)
    try:
        prefix = git.prefix(data_dir)
        shallow = git.shallow()
    except GitUnavailable as reason:
        return Versions(unavailable=str(reason))
    reader = SnapshotReader(git)
    plans: dict[str, tuple[VersionState, ...]] = {}
    since: dict[str, tuple[Change, ...]] = {}
    current = Snapshot.of(model)
    current_key = None
    for plan in model.plans.values():
        states = _resolve(git, prefix, plan.id, plan.meta.versions, shallow)
        states = [_checked(git, reader, state, cache) for state in states]
        states = _compared(reader, cache, states)
        plans[plan.id] = tuple(states)
        latest = states[-1] if states else None
        if latest is not None and latest.usable:
            current_key = current_key or content_hash(data_dir)
            since[plan.id] = plan_content(_since(reader, cache, latest, current, current_key), plan.id)
    unavailable = "git-kopian saknar äldre incheckningar (grund kopia)" if shallow else ""
    return Versions(plans, since, unavailable)


FULL_COMMIT = re.compile(r"[0-9a-f]{40}")
"""A commit's full id: the only reference besides an annotated tag that names one commit for good."""


def _lookup_names(ref: str) -> list[str]:
    """The object names that tell what a version's reference is: for a full commit id, the commit;
    for a name, the tag `refs/tags/<name>` itself (its type says whether it is annotated), the
    commit it points to, and what git finds under the bare name (a branch, a short commit id)."""
    if FULL_COMMIT.fullmatch(ref):
        return [f"{ref}^{{commit}}"]
    return [f"refs/tags/{ref}", f"refs/tags/{ref}^{{commit}}", f"{ref}^{{commit}}"]


def _not_immutable(ref: str, found: list[tuple[str, str] | None]) -> str:
    """Why a reference that git knows is not an immutable one ("" when it is an annotated tag or a full commit id)."""
    if FULL_COMMIT.fullmatch(ref):
        return ""
    tag = found[0]
    if tag is None:
        return (
            f"referensen '{ref}' är ingen tagg utan en gren eller en förkortad incheckning, som kan flyttas eller "
            "bli tvetydig; skapa en annoterad tagg (git tag -a) eller skriv incheckningens hela id (40 tecken)"
        )
    if tag[1] != "tag":
        return (
            f"taggen '{ref}' är inte annoterad: den säger inte vem som satte den eller när; "
            f"ersätt den med en annoterad tagg (git tag -a -f {ref} {ref}) eller skriv incheckningens hela id"
        )
    return ""


def _resolve(git: Git, prefix: str, plan_id: str, versions: list[DecidedVersion], shallow: bool) -> list[VersionState]:
    """Each version's reference resolved to a commit and the data folder's tree there.

    Only an annotated tag or a full commit id ties a version to one commit for good: a branch
    moves, a short id can become ambiguous and a lightweight tag records nobody. Another
    reference that git knows is an error that says so; the version is not shown from it.
    """
    lookups = [_lookup_names(version.ref) for version in versions]
    try:
        answers = git.objects([name for names in lookups for name in names])
    except GitUnavailable as failure:
        return [VersionState(plan_id, v, version_slug(v), problem=str(failure)) for v in versions]
    states = []
    position = 0
    for version, names in zip(versions, lookups, strict=True):
        found = answers[position : position + len(names)]
        position += len(names)
        slug = version_slug(version)
        commit = found[-1] if len(found) == 1 else found[1] or found[2]
        if commit is None:
            missing = (
                f"referensen '{version.ref}' finns inte i den här kopian av git-förrådet (den är grund)"
                if shallow
                else f"referensen '{version.ref}' finns inte i git-förrådet; skapa taggen eller rätta namnet"
            )
            states.append(VersionState(plan_id, version, slug, problem=missing, problem_is_error=not shallow))
            continue
        if reason := _not_immutable(version.ref, found):
            states.append(VersionState(plan_id, version, slug, problem=reason, problem_is_error=True))
            continue
        tree = git.tree_of(commit[0], prefix)
        problem = "" if tree else f"incheckningen {commit[0][:7]} har ingen datamapp"
        states.append(
            VersionState(plan_id, version, slug, commit=commit[0], tree=tree, problem=problem, problem_is_error=True)
        )
    return states


def _checked(git: Git, reader: SnapshotReader, state: VersionState, cache: Cache) -> VersionState:
    """The version with the errors today's check finds in its data and the records it holds (cached by tree)."""
    if state.tree is None or state.problem:
        return state
    cached = cache.get("beslutade", state.tree)
    try:
        errors = tuple(str(item) for item in cached["errors"])
        records = frozenset((plan, str(kind), str(record)) for plan, kind, record in cached["records"])
    except (KeyError, TypeError, ValueError):
        errors = tuple(_errors_at(git, state.tree, state.version.date))
        records = frozenset(entries(reader.at(state.tree)))
        cache.put(
            "beslutade",
            state.tree,
            {"errors": list(errors), "records": [list(key) for key in sorted(records, key=str)]},
        )
    return replace(state, errors=errors, records=records)


def _errors_at(git: Git, tree: str, day: dt.date) -> list[str]:
    """The errors the check finds in the data of a tree."""
    result = load_tree(git, tree, today=day)
    found = [f.format() for f in result.findings if f.severity is Severity.ERROR]
    return found or ([] if result.ok else ["datat kan inte läsas"])


def _compared(reader: SnapshotReader, cache: Cache, states: list[VersionState]) -> list[VersionState]:
    """Each usable version with the changes since the usable version before it."""
    result = []
    previous: VersionState | None = None
    for state in states:
        if state.usable and previous is not None:
            changes, _ = changes_between(reader, cache, previous.tree, state.tree)
            state = replace(state, changes=decided_content(changes, state.plan), previous=previous.version)
        result.append(state)
        if state.usable:
            previous = state
    return result


def _since(
    reader: SnapshotReader, cache: Cache, latest: VersionState, current: Snapshot, key: str
) -> tuple[Change, ...]:
    """The changes from the latest decided version to the published data (cached by both contents)."""
    cache_key = f"{latest.tree}-{key}"
    cached = cache.get("sedan-beslut", cache_key)
    if isinstance(cached, list):
        try:
            return tuple(Change.from_json(item) for item in cached)
        except (KeyError, TypeError):
            pass
    changes = tuple(compare_snapshots(reader.at(latest.tree), current))
    cache.put("sedan-beslut", cache_key, [c.to_json() for c in changes])
    return changes


def version_findings(versions: Versions, result: LoadResult) -> list[Finding]:
    """The check's findings on the decided versions, at the line of each version in plan.yml."""
    findings: list[Finding] = []
    model = result.model
    if model is None:
        return findings
    for plan in model.plans.values():
        for index, version in enumerate(plan.meta.versions):
            file, line = _where(result.sources, version, "git")
            if versions.unavailable and not versions.of(plan.id):
                message = f"git-referensen för version {version.version} kan inte kontrolleras: {versions.unavailable}"
                findings.append(warning(file, line, message))
                continue
            state = versions.of(plan.id)[index] if index < len(versions.of(plan.id)) else None
            if state is None:
                continue
            findings += _state_findings(state, file, line)
        changes = versions.since_latest.get(plan.id, ())
        latest = versions.latest(plan.id)
        if changes and latest is not None:
            file, line = _where(result.sources, latest.version, "version")
            count = len(changes)
            message = (
                f"planen har ändrats sedan version {latest.version.version} beslutades {latest.version.date.isoformat()}: "
                f"{count} {'ändring' if count == 1 else 'ändringar'}, t.ex. {describe(changes[0])}; "
                "lägg till en ny beslutad version när ändringarna har beslutats"
            )
            findings.append(warning(file, line, message))
    return findings


def _state_findings(state: VersionState, file: str, line: int) -> list[Finding]:
    """What is wrong with one version: a reference or data that is missing or invalid (an error), or that
    cannot be checked here (a warning: no git, a shallow clone)."""
    label = f"version {state.version.version}"
    if state.problem:
        make = error if state.problem_is_error else warning
        return [make(file, line, f"{label}: {state.problem}")]
    if state.errors:
        shown = "; ".join(state.errors[:ERRORS_SHOWN])
        more = f" (och {len(state.errors) - ERRORS_SHOWN} fel till)" if len(state.errors) > ERRORS_SHOWN else ""
        message = f"{label}: datat vid '{state.version.ref}' klarar inte dagens kontroll: {shown}{more}"
        return [error(file, line, message)]
    return []


def _where(sources: dict[str, SourceFile], record: DecidedVersion, key: str) -> tuple[str, int]:
    """The file and line of a version's key."""
    file, path = record.origin
    source = sources.get(file)
    return file, source.line_of((*path, key)) if source else 0
