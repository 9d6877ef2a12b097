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
from benchmarks.weight import Weight
from macros.model.catalog import Municipality

CHECK_TARGET = 2.0
"""Validation may take at most twice the bare parse of the same files."""
BUILD_TARGET = 1.25
"""Our build may take at most 1.25 times a plain MkDocs build of the same pages."""
EXPORT_TARGET = 1.10
"""The export step may add at most 10 % to our build (our build against the same build without exports)."""
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

    @property
    def parse_seconds(self) -> float:
        """Median bare parse, in process."""
        return statistics.median(self.parse)

    @property
    def check_seconds(self) -> float:
        """Median load and validation, in process."""
        return statistics.median(self.check)

    @property
    def ratio(self) -> float:
        """Median of the per-round ratios check/parse, in process."""
        return statistics.median(c / p for c, p in zip(self.check, self.parse, strict=True))


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
    """Rebuild times of `mkdocs serve`."""

    changed_file: str
    ours: Rebuilds
    plain: Rebuilds


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
    check: CheckResult | None = None
    build: BuildResult | None = None
    failures: list[str] = field(default_factory=list)


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
    serve: ServeResult | None = None
    serve_case: str = ""
    weight: WeightResult | None = None
    weight_case: str = ""
    history: HistoryResult | None = None
