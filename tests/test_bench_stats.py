"""The benchmark's statistic: per-round A/B ratios, their median and a distribution-free interval.

No test here times anything: the timings are synthetic, drawn as a shared machine gives them
(a load that changes from round to round and hits both runs of a round, plus jitter per run).
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.measure import Pair, Run
from benchmarks.stats import median_interval, ratio_spread, round_ratios, verdict


def _rounds(seed: int, rounds: int, subject_cost: float, baseline_cost: float) -> tuple[list[float], list[float]]:
    """Timings of `rounds` ABBA rounds on a machine whose load varies between rounds (up to 4×)."""
    rng = random.Random(seed)
    subject, baseline = [], []
    for _ in range(rounds):
        load = rng.uniform(1.0, 4.0)
        subject.append(subject_cost * load * rng.lognormvariate(0, 0.05))
        baseline.append(baseline_cost * load * rng.lognormvariate(0, 0.05))
    return subject, baseline


def test_identical_configurations_give_a_ratio_of_one_within_the_spread() -> None:
    """Two identical configurations measured side by side: the interval holds 1 in at least 95 % of runs."""
    held = 0
    for seed in range(400):
        subject, baseline = _rounds(seed, 9, 5.0, 5.0)
        held += ratio_spread(subject, baseline).holds(1.0)
    assert held >= 0.95 * 400


def test_identical_configurations_agree_on_a_verdict_near_one() -> None:
    """Two runs of the same (identical) pair agree that a target of 1.20 is met, whatever the load."""
    for seed in range(200):
        first = ratio_spread(*_rounds(seed, 9, 5.0, 5.0))
        second = ratio_spread(*_rounds(seed + 10_000, 9, 5.0, 5.0))
        assert verdict(first, 1.20)[0] and verdict(second, 1.20)[0]


def test_the_ratio_follows_the_work_not_the_load() -> None:
    """A subject doing 1.3 × the work: the interval holds 1.3 in at least 95 % of runs, and never 1,
    although the load swings fourfold between rounds."""
    spreads = [ratio_spread(*_rounds(seed, 9, 6.5, 5.0)) for seed in range(400)]
    assert sum(spread.holds(1.3) for spread in spreads) >= 0.95 * 400
    assert not any(spread.holds(1.0) for spread in spreads)


def test_mirrored_rounds_give_exactly_one() -> None:
    """Rounds in which subject and baseline swap their timings have a median ratio of exactly 1."""
    subject = [4.0, 6.0, 5.0, 5.5, 5.0]
    baseline = [6.0, 4.0, 5.0, 5.0, 5.5]
    spread = ratio_spread(subject, baseline)
    assert spread.median == 1.0 and spread.holds(1.0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=100), min_size=1, max_size=25))
def test_the_interval_holds_the_median(values: list[float]) -> None:
    """The interval lies within the values and holds their median."""
    spread = median_interval(values)
    assert min(values) <= spread.low <= spread.median <= spread.high <= max(values)
    assert spread.rounds == len(values)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(min_value=0.1, max_value=100), st.floats(min_value=0.1, max_value=100)),
        min_size=1,
        max_size=15,
    )
)
def test_swapping_subject_and_baseline_inverts_the_ratio(pairs: list[tuple[float, float]]) -> None:
    """A over B is the reciprocal of B over A, median and interval ends alike."""
    subject, baseline = [a for a, _ in pairs], [b for _, b in pairs]
    forward, backward = ratio_spread(subject, baseline), ratio_spread(baseline, subject)
    assert abs(forward.median * backward.median - 1) < 1e-9 or len(pairs) % 2 == 0
    assert abs(forward.low * backward.high - 1) < 1e-9
    assert abs(forward.high * backward.low - 1) < 1e-9


def test_the_interval_is_the_stated_order_statistics() -> None:
    """Nine rounds give the 2nd to the 8th value (96 %); seven give minimum to maximum (98 %)."""
    nine = median_interval([float(v) for v in range(1, 10)])
    assert (nine.low, nine.high, nine.order) == (2.0, 8.0, 2) and round(nine.confidence, 3) == 0.961
    seven = median_interval([float(v) for v in range(1, 8)])
    assert (seven.low, seven.high) == (1.0, 7.0) and seven.minimum_to_maximum


def test_a_single_round_claims_no_confidence() -> None:
    """One round is its own median with a confidence of 0: the report cannot call it certain."""
    spread = median_interval([1.1])
    assert (spread.median, spread.low, spread.high, spread.confidence) == (1.1, 1.1, 1.1, 0.0)


def test_a_verdict_is_certain_only_when_the_interval_is_on_one_side() -> None:
    """Met and certain below the target; met but uncertain when the interval reaches over it."""
    assert verdict(median_interval([1.10, 1.12, 1.14, 1.15, 1.16, 1.17]), 1.20) == (True, True)
    assert verdict(median_interval([1.10, 1.12, 1.14, 1.15, 1.16, 1.25]), 1.20) == (True, False)
    assert verdict(median_interval([1.30, 1.32, 1.35, 1.36, 1.37, 1.40]), 1.20) == (False, True)


def test_pairs_judge_on_cpu_and_report_wall_time() -> None:
    """A measured pair's ratio is the median of its rounds' CPU-time ratios; wall time is reported beside it."""
    pair = Pair()
    for wall, cpu in ((10.0, 1.1), (30.0, 1.2), (20.0, 1.15)):
        pair.subject.append(Run(wall, 1000, 0, "", cpu_seconds=cpu))
        pair.baseline.append(Run(wall / 2, 1000, 0, "", cpu_seconds=1.0))
    assert pair.ratio == pair.cpu.median == 1.15
    assert pair.wall.median == 2.0
    assert round_ratios([2.0], [1.0]) == [2.0]
