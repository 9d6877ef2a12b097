"""The benchmark's verdicts: a missed target is reported as missed, never as met."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

from benchmarks.measure import Pair, Run
from benchmarks.report import Verdict, markdown, summary, verdicts
from benchmarks.results import BuildResult, Case, CheckResult, Results, ServeResult
from benchmarks.serve import Rebuilds
from macros.loading.loader import load
from tests.sitebuild import ROOT


def _pair(subject: float, baseline: float) -> Pair:
    """Three identical rounds of a subject against a baseline, in seconds."""
    pair = Pair()
    for _ in range(3):
        pair.subject.append(Run(subject, 1000, 0, "", cpu_seconds=subject))
        pair.baseline.append(Run(baseline, 1000, 0, "", cpu_seconds=baseline))
    return pair


def _case(name: str, factor: int, *, check: float = 1.2, build: float | None = 1.1) -> Case:
    """A measured case whose check and build ratios are `check` and `build` (None: build timed out)."""
    case = Case(name, factor, Path("."), Path("."), Path("."), None, strict=False, model=None)  # type: ignore[arg-type]
    case.check = CheckResult(files=1, megabytes=0.1, parse=[1.0], check=[check], command=_pair(check, 1.0))
    if build is None:
        case.build = BuildResult(10, 600.0, None, timed_out=True, limit=600.0)
    else:
        case.build = BuildResult(10, 1.0, _pair(build, 1.0))
    return case


def _results(*cases: Case) -> Results:
    """A run that measured `cases` (no serve or page weight)."""
    return Results(command="make bench", started=dt.datetime(2026, 1, 1), load_before=(0, 0, 0), cases=list(cases))


def _met(rows: list[Verdict]) -> dict[tuple[str, str], bool]:
    """(target, case) → met."""
    return {(row.target, row.case): row.met for row in rows}


def test_all_targets_met_is_said_once_in_the_last_line() -> None:
    """When every ratio is within its target, the summary says so and names each ratio."""
    line = summary(_results(_case("Riktig plan", 0), _case("1×", 1), _case("50×", 50)))
    assert line.startswith("Sammanfattning (alla mål uppfyllda): ")
    assert "\n" not in line and "MISSAT" not in line


def test_a_slow_build_misses_its_target() -> None:
    """A build 1.22 × the plain build misses the 1.20 × target and is counted in the summary."""
    results = _results(_case("Riktig plan", 0, build=1.22))
    assert _met(verdicts(results))[("Bygge ≤ 1,20 × ren MkDocs", "Riktig plan")] is False
    assert summary(results).startswith("Sammanfattning (1 mål missade)")


def test_every_scale_is_judged_against_the_build_target() -> None:
    """The build target applies at 1×, 10× and 50×, not only at the real plan's size."""
    results = _results(_case("1×", 1), _case("10×", 10, build=1.25), _case("50×", 50))
    met = _met(verdicts(results))
    assert met[("Bygge ≤ 1,20 × ren MkDocs", "10×")] is False
    assert met[("Bygge ≤ 1,20 × ren MkDocs", "1×")] and met[("Bygge ≤ 1,20 × ren MkDocs", "50×")]


def test_a_build_that_does_not_finish_misses_scaling() -> None:
    """A 50× build stopped at the time limit misses the scaling target instead of being left out."""
    rows = verdicts(_results(_case("1×", 1), _case("50×", 50, build=None)))
    scaling = [row for row in rows if row.target == "Byggets kvot växer inte med datat"]
    assert scaling and scaling[0].measured.endswith("inte klart inom 600 s") and scaling[0].met is False


def test_a_ratio_growing_with_the_data_misses_scaling() -> None:
    """A ratio that grows from 1.1 at 1× to 1.3 at 50× (beyond the noise allowance) is a miss."""
    met = _met(verdicts(_results(_case("1×", 1), _case("50×", 50, build=1.3))))
    assert met[("Byggets kvot växer inte med datat", "50× mot 1×")] is False
    assert met[("Kontrollens kvot växer inte med datat", "50× mot 1×")] is True


def test_nothing_measured_claims_nothing() -> None:
    """A run where nothing could be measured does not claim that the targets are met."""
    assert summary(_results()).startswith("Sammanfattning (inget mål kunde mätas)")


def test_history_over_its_allowance_misses_its_target() -> None:
    """Warm history and versions adding 15 % to the build miss the 10 % target; 5 % meets it."""
    from benchmarks.history import HistoryResult

    target = "Historik och versioner med varm cache ≤ 1,10 × bygget utan"
    for ratio, met in ((1.15, False), (1.05, True)):
        results = _results(_case("Riktig plan", 0))
        results.history = HistoryResult(300, 5, warm=_pair(ratio, 1.0))
        assert _met(verdicts(results))[(target, "300 incheckningar, 5 versioner")] is met


def test_a_failed_history_measurement_misses_its_target() -> None:
    """A history measurement that failed is reported as not finished, not as met."""
    from benchmarks.history import HistoryResult

    results = _results(_case("Riktig plan", 0))
    results.history = HistoryResult(300, 5, failure="git saknas")
    row = next(row for row in verdicts(results) if row[0].startswith("Historik"))
    assert row[1] == "inte klart" and row[3] is False


def test_a_saved_run_gives_the_same_report(tmp_path: Path) -> None:
    """`--behall` saves a run whose report can be written again (`--bara-rapport`), the real plan's size included."""
    model = load(ROOT / "data", today=dt.date(2025, 6, 1)).model
    real = _case("Riktig plan", 0)
    real.model = model
    results = _results(real, _case("1×", 1))
    saved = pickle.loads(pickle.dumps(results))
    assert markdown(saved) == markdown(results) and "plan × 22 aktiviteter" in markdown(saved)


def test_the_first_save_of_the_preview_is_shown_apart_and_judged_with_the_others() -> None:
    """The preview's first round (the first save after start) has a column of its own, and still counts."""
    rounds = [5.0, 2.5, 2.5, 2.5, 2.5]
    results = _results(_case("Riktig plan", 0))
    results.serve = [
        ServeResult(
            edit="En aktivitets planerade slut",
            changed_file="data/a.yml",
            page="/a/",
            ours=Rebuilds(seconds=rounds, cpu_seconds=rounds),
            plain=Rebuilds(seconds=[8.0] * 5, cpu_seconds=[8.0] * 5),
        )
    ]
    results.serve_case = "Riktig plan"
    row = next(line for line in markdown(results).splitlines() if line.startswith("| En aktivitets planerade slut"))
    assert "| 5,00 / 8,00 s (0,62 ×) |" in row
    preview = next(v for v in verdicts(results) if v.target.startswith("Förhandsvisning"))
    assert preview.met and "0,31 × (0,31–0,62)" in preview.measured
