"""Load `data/` once: read every YAML file, validate it against the model, bind every
record to its file and line, build the `Municipality` and run the cross-checks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from macros.loading.data_tree import FOLDER_AS_FILE, LINK_REFUSED, NOT_REGULAR, OUTSIDE, DataTree, Kind, walk
from macros.loading.files import (
    GUIDANCE_DIR,
    GUIDANCE_FILES,
    PLAN_FILES,
    PLANS_DIR,
    SHARED_DIR,
    SHARED_FILES,
    FileKind,
)
from macros.loading.yaml_source import SourceFile, read_yaml
from macros.model.activities import ActivitiesFile
from macros.model.base import SLUG_MAX_LENGTH, SLUG_PATTERN, Path, Record
from macros.model.catalog import GuidanceLibrary, Municipality, Plan
from macros.model.goals import KeyIndicatorsFile
from macros.model.market_analysis import MarketAnalysesFile
from macros.model.maturity import AssessmentsFile
from macros.model.procurement_guide import ChecklistsFile, ProcurementGuidesFile
from macros.model.reports import FollowUpFile
from macros.validation.findings import Finding, Severity, error, swedish_count
from macros.validation.messages import swedish_message
from macros.validation.suggest import Candidate, activity_candidates, hint, indicator_candidates

REFERENCE_KINDS = {"aktivitet": "aktiviteterna", "nyckeltal": "nyckeltalen"}
"""Keys of `uppfoljning.yml` that name a record of the same plan, and what the records are called."""


@dataclass
class LoadResult:
    """The model (None when any error stops it from being built) and every finding."""

    model: Municipality | None
    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    files: dict[str, FsPath] = field(default_factory=dict)
    """Each file read, by the path findings show (for links to the file in the repository)."""

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings are allowed)."""
        return self.model is not None and not any(f.severity is Severity.ERROR for f in self.findings)


def _all_keys(model: type[BaseModel]) -> set[str]:
    """Every YAML key of `model` and of the models below it."""
    keys: set[str] = set()
    for sub in [model, *model.__subclasses__()]:
        keys.update(info.alias or name for name, info in sub.model_fields.items())
        if sub is not model:
            keys |= _all_keys(sub)
    return keys


KNOWN_KEYS = frozenset(_all_keys(Record))

MAX_SCHEMA_ERRORS = 100
"""Schema errors reported one by one per file (each suggests a spelling, which takes time); the rest are counted."""


class Loader:
    """Reads one data folder; `load()` returns a `LoadResult`."""

    def __init__(self, data_dir: FsPath, *, display_root: FsPath | None = None) -> None:
        self.data_dir = data_dir
        self.display_root = display_root or _default_display_root(data_dir)
        self.result = LoadResult(model=None)
        self.tree = DataTree()

    def _display(self, file: FsPath) -> str:
        """The path shown in findings, relative to the project when possible (a link itself, not its target)."""
        try:
            return (file.parent.resolve() / file.name).relative_to(self.display_root.resolve()).as_posix()
        except ValueError:
            return file.as_posix()

    def load(self, *, today: dt.date) -> LoadResult:
        """Load and validate everything under the data folder."""
        from macros.validation.crosscheck import cross_check

        if not self.data_dir.is_dir():
            self.result.findings.append(error(self._display(self.data_dir), 0, "datamappen finns inte"))
            return self.result
        self._check_unexpected_entries()
        shared = self._load_folder(self.data_dir / SHARED_DIR, SHARED_FILES)
        guidance = self._load_folder(self.data_dir / GUIDANCE_DIR, GUIDANCE_FILES)
        plans = {folder.name: self._load_folder(folder, PLAN_FILES) for folder in self._plan_folders()}
        if any(f.severity is Severity.ERROR for f in self.result.findings):
            self.result.findings.sort()
            return self.result
        model = Municipality(
            organisation=shared["organisation.yml"],  # type: ignore[arg-type]
            people_file=shared["personer.yml"],  # type: ignore[arg-type]
            governance=shared["styrning.yml"],  # type: ignore[arg-type]
            documents_file=shared["styrdokument.yml"],  # type: ignore[arg-type]
            plans={plan_id: _plan(plan_id, files) for plan_id, files in plans.items()},
            guidance=_guidance(guidance),
            assessments=shared["sjalvskattning.yml"] or AssessmentsFile(),  # type: ignore[arg-type]
        )
        self.result.model = model
        self.result.findings.extend(cross_check(model, self.result.sources, today=today))
        self.result.findings.sort()
        return self.result

    def _plan_folders(self) -> list[FsPath]:
        """One folder per plan under `planer/` (a link to a folder is not one)."""
        root = self.data_dir / PLANS_DIR
        folders = sorted(
            entry.path
            for entry in self.tree.entries.values()
            if len(entry.parts) == 2 and entry.parts[0] == PLANS_DIR and entry.kind is Kind.FOLDER
        )
        if not folders:
            self.result.findings.append(error(self._display(root), 0, "det finns ingen plan i mappen planer/"))
        for folder in folders:
            if not re.fullmatch(SLUG_PATTERN, folder.name) or len(folder.name) > SLUG_MAX_LENGTH:
                message = (
                    f"mappens namn '{folder.name}' blir planens id och ska bestå av små bokstäver a–z, siffror och "
                    f"bindestreck (högst {SLUG_MAX_LENGTH} tecken), t.ex. it-och-telekom"
                )
                self.result.findings.append(error(self._display(folder), 0, message))
        return folders

    def _check_unexpected_entries(self) -> None:
        """Every entry under data/ must be a plain file or folder we know; nothing is silently ignored.

        The folder is walked without following symbolic links: a link is reported, never read.
        """
        self.tree = walk(self.data_dir)
        for folder, reason in self.tree.unreadable:
            self.result.findings.append(error(self._display(folder), 0, reason))
        expected_shared = {kind.name for kind in SHARED_FILES}
        expected_plan = {kind.name for kind in PLAN_FILES}
        expected_guidance = {kind.name for kind in GUIDANCE_FILES}
        for parts, entry in sorted(self.tree.entries.items()):
            if entry.kind is Kind.FOLDER or parts[-1].startswith("."):
                continue  # hidden files (and links, such as editors' lock files) are never read
            if entry.kind is Kind.LINK:
                self.result.findings.append(error(self._display(entry.path), 0, LINK_REFUSED))
                continue
            known = (
                (len(parts) == 2 and parts[0] == SHARED_DIR and parts[1] in expected_shared)
                or (len(parts) == 2 and parts[0] == GUIDANCE_DIR and parts[1] in expected_guidance)
                or (len(parts) == 3 and parts[0] == PLANS_DIR and parts[2] in expected_plan)
            )
            if entry.kind is Kind.OTHER:
                self.result.findings.append(error(self._display(entry.path), 0, NOT_REGULAR))
            elif not known:
                self.result.findings.append(error(self._display(entry.path), 0, _unexpected_reason(entry.path)))

    def _load_folder(self, folder: FsPath, kinds: tuple[FileKind, ...]) -> dict[str, Record | None]:
        """Load the known files of one folder; a missing required file is an error."""
        loaded: dict[str, Record | None] = dict.fromkeys((kind.name for kind in kinds), None)
        folder_parts = folder.relative_to(self.data_dir).parts
        if self.tree.kind(folder_parts) in (Kind.LINK, Kind.OTHER) or folder in dict(self.tree.unreadable):
            return loaded  # already reported: a link, something else or an unreadable folder
        for kind in kinds:
            path = folder / kind.name
            found = self.tree.kind((*folder_parts, kind.name))
            if found is Kind.FILE:
                references = _references(loaded) if kind.model is FollowUpFile else None
                loaded[kind.name] = self._load_file(path, kind, references)
            elif found is Kind.FOLDER:
                self.result.findings.append(error(self._display(path), 0, FOLDER_AS_FILE))
            elif found is None and kind.required:
                self.result.findings.append(error(self._display(path), 0, "filen saknas"))
        return loaded

    def _load_file(
        self, path: FsPath, kind: FileKind, references: dict[str, list[Candidate]] | None = None
    ) -> Record | None:
        """Read, validate and bind one file; `references` are the plan's records a wrong reference may mean."""
        if not path.resolve().is_relative_to(self.data_dir.resolve()):
            self.result.findings.append(error(self._display(path), 0, OUTSIDE))
            return None
        source = read_yaml(path, self._display(path))
        self.result.sources[source.display_path] = source
        self.result.files[source.display_path] = path
        self.result.findings.extend(source.findings)
        if source.findings:
            return None
        if not isinstance(source.value, dict):
            self.result.findings.append(error(source.display_path, 1, "filen ska bestå av nycklar med värden"))
            return None
        try:
            record = kind.model.model_validate(source.value)
        except ValidationError as exc:
            self._schema_errors(source, exc, references or {})
            return None
        _bind(record, source.display_path, ())
        return record

    def _schema_errors(self, source: SourceFile, exc: ValidationError, references: dict[str, list[Candidate]]) -> None:
        """One finding per schema error, the first `MAX_SCHEMA_ERRORS` of them, then one that counts the rest."""
        details = exc.errors()
        for detail in details[:MAX_SCHEMA_ERRORS]:
            path = _value_path(source.value, detail["loc"])
            line = source.line_of(path)
            record = _record_at(source.value, path)
            message = swedish_message(detail, KNOWN_KEYS, record)
            key = detail["loc"][-1] if detail["loc"] else None
            if isinstance(key, str) and key in references and detail["type"] != "missing":
                message += hint(detail["input"], references[key], REFERENCE_KINDS[key])
            self.result.findings.append(error(source.display_path, line, message))
        if len(details) > MAX_SCHEMA_ERRORS:
            line = source.line_of(_value_path(source.value, details[MAX_SCHEMA_ERRORS]["loc"]))
            rest = swedish_count(len(details) - MAX_SCHEMA_ERRORS)
            message = (
                f"{rest} fel till i filen från och med den här raden visas inte; rätta felen ovan och kontrollera igen"
            )
            self.result.findings.append(error(source.display_path, line, message))


def _default_display_root(data_dir: FsPath) -> FsPath:
    """Show paths relative to the working directory when the data lies below it."""
    cwd = FsPath.cwd()
    return cwd if data_dir.resolve().is_relative_to(cwd) else data_dir.parent


def _unexpected_reason(path: FsPath) -> str:
    """Why a file under data/ is not read, in Swedish."""
    if path.suffix == ".yaml":
        return "filändelsen ska vara .yml, inte .yaml"
    return "okänd fil: datamappen får bara innehålla de filer som beskrivs i README (den här läses inte)"


def _value_path(value: Any, loc: tuple[int | str, ...]) -> Path:
    """Follow a pydantic error location through the value tree, skipping union tags."""
    path: list[str | int] = []
    current = value
    for part in loc:
        child = _child(current, part)
        if child is not _MISSING:
            current = child
            path.append(part)
        elif (
            isinstance(current, dict)
            and isinstance(part, str)
            and not part.startswith(("function", "literal", "union"))
        ):
            path.append(part)  # a missing key: point at the record that lacks it
            break
    return tuple(path)


_MISSING = object()


def _record_at(value: Any, path: Path) -> dict[str, Any] | None:
    """The mapping an error lies in: the value at `path` if it is one, else its parent's."""
    current, parent = value, None
    for part in path:
        child = _child(current, part)
        if child is _MISSING:
            break
        parent, current = current, child
    if isinstance(current, dict):
        return current
    return parent if isinstance(parent, dict) else None


def _references(loaded: dict[str, Record | None]) -> dict[str, list[Candidate]]:
    """The activities and nyckeltal of a plan folder loaded so far, for suggestions in `uppfoljning.yml`."""
    found: dict[str, list[Candidate]] = {}
    activities, indicators = loaded.get("aktiviteter.yml"), loaded.get("nyckeltal.yml")
    if isinstance(activities, ActivitiesFile):
        found["aktivitet"] = activity_candidates(activities.activities)
    if isinstance(indicators, KeyIndicatorsFile):
        found["nyckeltal"] = indicator_candidates(indicators.indicators)
    return found


def _child(container: Any, part: int | str) -> Any:
    """`container[part]` for a dict key or list index that exists, else `_MISSING`."""
    if isinstance(container, dict) and part in container:
        return container[part]
    if isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container):
        return container[part]
    return _MISSING


def _bind(value: Any, file: str, path: Path) -> None:
    """Tell every record below `value` which file and key path it came from."""
    if isinstance(value, Record):
        value.bind_origin(file, path)
        for name, info in type(value).model_fields.items():
            _bind(getattr(value, name), file, (*path, info.alias or name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _bind(item, file, (*path, index))


def _plan(plan_id: str, files: dict[str, Record | None]) -> Plan:
    """Assemble a Plan from its validated files."""
    return Plan(
        id=plan_id,
        meta=files["plan.yml"],  # type: ignore[arg-type]
        subcategories_file=files["underkategorier.yml"],  # type: ignore[arg-type]
        effect_goals_file=files["effektmal.yml"],  # type: ignore[arg-type]
        strategies_file=files["strategier.yml"],  # type: ignore[arg-type]
        indicators_file=files["nyckeltal.yml"],  # type: ignore[arg-type]
        activities_file=files["aktiviteter.yml"],  # type: ignore[arg-type]
        procurement_file=files["upphandlingsbehov.yml"],  # type: ignore[arg-type]
        organisation=files["organisation.yml"],  # type: ignore[arg-type]
        analysis=files["nulage.yml"],  # type: ignore[arg-type]
        follow_up=files["uppfoljning.yml"] or FollowUpFile(),  # type: ignore[arg-type]
        assessments=files["sjalvskattning.yml"] or AssessmentsFile(),  # type: ignore[arg-type]
        checklists_file=files["checklistor.yml"] or ChecklistsFile(),  # type: ignore[arg-type]
    )


def _guidance(files: dict[str, Record | None]) -> GuidanceLibrary:
    """Assemble the guidance library from its validated files (each may be absent)."""
    return GuidanceLibrary(
        national=files["nationella-upphandlingsstrategin.yml"],  # type: ignore[arg-type]
        maturity=files["dalamodellen.yml"],  # type: ignore[arg-type]
        guides_file=files["upphandlingsvagledningar.yml"] or ProcurementGuidesFile(),  # type: ignore[arg-type]
        analyses_file=files["marknadsanalyser.yml"] or MarketAnalysesFile(),  # type: ignore[arg-type]
    )


def load(data_dir: FsPath, *, today: dt.date) -> LoadResult:
    """Load and validate the data folder (the single entry point of the data engine)."""
    return Loader(data_dir).load(today=today)
