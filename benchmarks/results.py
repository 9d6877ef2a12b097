"""What one benchmark run measured, and the targets it is judged against."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.generator import Scale
from benchmarks.history import HistoryResult
from benchmarks.measure import Pair
from benchmarks.pages import PageReport
from benchmarks.serve import Rebuilds
from benchmarks.stats import Spread, median_interval, ratio_spread
from benchmarks.weight import Weight
from macros.model.catalog import Municipality

CHECK_TARGET = 2.0
"""Validation may take at most twice the bare parse of the same files."""
BUILD_TARGET = 1.20
"""Our build may take at most 1.20 times a plain MkDocs build of the same pages, at every scale."""
PREVIEW_TARGET = 0.5
"""After one data file is saved, `mkdocs serve` shows the change in at most half the time a plain
MkDocs server takes to rebuild the same site (an edit that a few pages show)."""
PREVIEW_EVERYWHERE_TARGET = 1.0
"""An edit that every page shows (the plan's name is in the menu of every page) leaves nothing to reuse
but the unchanged Markdown; the preview may then be at most as slow as a plain rebuild."""
EXPORT_TARGET = 1.10
"""The export step may add at most 10 % to our build's wall time (our build against the same build without
exports): it runs in its own process beside the page build, so its CPU time is not what the reader waits for."""
WEIGHT_TARGET = 1.5
"""A page of ours may weigh at most 1.5 times a plain Material page."""
SEARCH_INDEX = "search/search_index.json"
"""Material's search index: loaded by every page of both sites, and left out of the comparison."""
SCALING_TOLERANCE = 0.10
"""At 50× a ratio may exceed the 1× ratio by this much before it counts as worse (measurement noise)."""


@dataclass
class CheckResult:
    """`check` against a bare parse."""

    files: int
    megabytes: float
    parse: list[float]
    check: list[float]
    command: Pair
    parse_cpu: list[float] = field(default_factory=list)
    check_cpu: list[float] = field(default_factory=list)

    @property
    def parse_seconds(self) -> float:
        """Median bare parse, in process (CPU time)."""
        return statistics.median(self.parse_cpu or self.parse)

    @property
    def check_seconds(self) -> float:
        """Median load and validation, in process (CPU time)."""
        return statistics.median(self.check_cpu or self.check)

    @property
    def cpu(self) -> Spread:
        """Per-round ratios check/parse of CPU time, in process: the judged statistic."""
        return ratio_spread(self.check_cpu or self.check, self.parse_cpu or self.parse)

    @property
    def wall(self) -> Spread:
        """Per-round ratios check/parse of wall time, in process."""
        return ratio_spread(self.check, self.parse)

    @property
    def ratio(self) -> float:
        """The median of the per-round CPU-time ratios check/parse, in process."""
        return self.cpu.median


@dataclass
class MacroTime:
    """Time the macros took on one kind of page during the first (capture) build."""

    kind: str
    pages: int
    seconds: float
    slowest_page: str
    slowest_seconds: float


@dataclass
class BuildResult:
    """Our build against a plain one; `pair` is None when our build did not finish in time."""

    pages: int
    capture_seconds: float
    pair: Pair | None
    macro_times: list[MacroTime] = field(default_factory=list)
    timed_out: bool = False
    limit: float = 0.0
    exports: Pair | None = None
    """Our build with the export step against the same build without it (KATEGORIPLAN_EXPORT=av)."""
    export_timings: list[dict[str, Any]] = field(default_factory=list)
    """What the export step reported in each build with exports (files, its process's seconds, the wait)."""

    @property
    def export_files(self) -> int:
        """Files the export step wrote per build."""
        return max((int(t.get("filer", 0)) for t in self.export_timings), default=0)

    def export_median(self, key: str) -> float:
        """The median of one timing the export step reported (seconds)."""
        values = [float(t[key]) for t in self.export_timings if key in t]
        return statistics.median(values) if values else 0.0


@dataclass
class ServeResult:
    """Rebuilds of `mkdocs serve` after one edit: ours after a data file, plain after a page, round by round."""

    edit: str
    changed_file: str
    page: str
    ours: Rebuilds
    plain: Rebuilds
    everywhere: bool = False
    """The edit changes every page (judged against `PREVIEW_EVERYWHERE_TARGET`)."""

    @property
    def target(self) -> float:
        """The largest wait ratio that meets the edit's target."""
        return PREVIEW_EVERYWHERE_TARGET if self.everywhere else PREVIEW_TARGET

    @property
    def wait(self) -> Spread:
        """Per-round ratios of the wait (save to browser reload), ours over plain: the judged statistic."""
        return ratio_spread(self.ours.seconds, self.plain.seconds)

    @property
    def cpu(self) -> Spread:
        """Per-round ratios of the servers' CPU time for the rebuild, ours over plain."""
        return ratio_spread(self.ours.cpu_seconds, self.plain.cpu_seconds)

    @property
    def ratio(self) -> float:
        """The median of the per-round wait ratios."""
        return self.wait.median


def spread_of(values: list[float]) -> Spread:
    """Median and interval of some values (seconds)."""
    return median_interval(values)


@dataclass
class WeightResult:
    """Bytes of one activity page, ours and plain Material."""

    page: str
    has_diagram: bool
    ours: Weight
    plain: Weight

    @staticmethod
    def _counted(weight: Weight, drop: list[str]) -> int:
        return weight.total - sum(
            size for name, size in weight.files.items() if name in drop or name.endswith(SEARCH_INDEX)
        )

    @property
    def counted_ours(self) -> int:
        """Our bytes without the search index; a diagram library counts only when the page has no diagram."""
        return self._counted(self.ours, self.ours.diagram_files if self.has_diagram else [])

    @property
    def counted_plain(self) -> int:
        """The plain page's bytes without the search index."""
        return self._counted(self.plain, [])

    @property
    def ratio(self) -> float:
        """Our page's bytes over the plain page's bytes, both without the search index.

        The search index is the same for both (same pages) and is fetched by Material's
        search on every page; it would only hide what our page adds.
        """
        return self.counted_ours / self.counted_plain


@dataclass
class Case:
    """One data set and its pages: the real site or a synthetic scale."""

    name: str
    factor: int
    work: Path
    data: Path
    docs: Path
    nav: list[Any] | None
    strict: bool
    model: Municipality
    scale: Scale | None = None
    pages: PageReport | None = None
    plain_docs: Path | None = None
    plain_nav: list[Any] | None = None
    """The menu our hooks made (with the generated pages), for the plain baselines."""
    plain_extra: dict[str, Any] | None = None
    """The `extra` settings our hooks made (the footer), for the plain baselines."""
    check: CheckResult | None = None
    build: BuildResult | None = None
    failures: list[str] = field(default_factory=list)

    real_size: str = ""
    """The real plan's size, kept in a saved run (`--behall`), which does not keep the model."""

    @property
    def size(self) -> str:
        """The data's size in the report: the scale, or for the real plan its plans, activities and needs."""
        if self.scale is not None:
            return self.scale.label.replace("upphandlingsbehov", "behov")
        if self.model is None:
            return self.real_size
        plan = next(iter(self.model.plans.values()))
        activities, needs = len(plan.activities), len(plan.procurement_needs)
        return f"{len(self.model.plans)} plan × {activities} aktiviteter × {needs} behov"

    def __getstate__(self) -> dict[str, Any]:
        """What a saved run keeps: everything the report needs, not the model (its lookups cannot be pickled)."""
        return {**self.__dict__, "model": None, "real_size": self.size}


@dataclass
class Results:
    """Everything one run measured."""

    command: str
    started: dt.datetime
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    minutes: float = 0.0
    real_skipped: str = ""
    cases: list[Case] = field(default_factory=list)
    serve: list[ServeResult] = field(default_factory=list)
    serve_case: str = ""
    weight: WeightResult | None = None
    weight_case: str = ""
    history: HistoryResult | None = None
