"""The statistic every verdict is judged on: per-round ratios of alternating A/B runs, with their spread.

Each round runs the subject and its baseline back to back (ABBA order), so a burst of load from
other processes hits both runs of a round alike; the ratio of one round cancels most of it. The
median of the rounds' ratios is the measured value, and the interval around it is a
distribution-free confidence interval for that median (order statistics of the binomial
distribution; no assumption about how the noise is distributed). With too few rounds for the
stated confidence the interval is the whole range (minimum to maximum) and says how sure it is.

CPU time (user + system of the measured process and the children it waited for) is measured
beside wall time. On a machine shared with other work, wall time includes the time the process
waited for a core; CPU time counts only the work, so its ratios move far less between runs.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

CONFIDENCE = 0.95
"""The coverage asked of the interval around the median, when there are rounds enough for it."""


@dataclass(frozen=True)
class Spread:
    """The median of some per-round values and an interval around it."""

    median: float
    low: float
    high: float
    rounds: int
    confidence: float
    """How likely the interval is to hold the true median (1 − the chance both ends miss it)."""
    order: int = 1
    """The interval runs from the `order`-th smallest to the `order`-th largest round."""

    def holds(self, value: float) -> bool:
        """Whether `value` lies within the interval."""
        return self.low <= value <= self.high

    @property
    def minimum_to_maximum(self) -> bool:
        """Whether the interval is simply the smallest to the largest round (too few rounds for more)."""
        return self.order == 1


def _binomial_tail(n: int, k: int) -> float:
    """P(B ≤ k) for B ~ Binomial(n, 1/2)."""
    return sum(math.comb(n, i) for i in range(k + 1)) / 2**n


def median_interval(values: Sequence[float], confidence: float = CONFIDENCE) -> Spread:
    """The median of `values` and a distribution-free interval for it.

    The interval [x₍ₖ₎, x₍ₙ₊₁₋ₖ₎] of the sorted values holds the median with probability
    1 − 2·P(B ≤ k−1), B ~ Binomial(n, ½); k is the largest order that still gives `confidence`.
    With fewer rounds than that needs (n < 6 for 95 %), k = 1: minimum to maximum.
    """
    if not values:
        raise ValueError("inga värden")
    ordered = sorted(values)
    n = len(ordered)
    k = 1
    while k + 1 <= (n + 1) // 2 and 1 - 2 * _binomial_tail(n, k) >= confidence:
        k += 1
    coverage = 1 - 2 * _binomial_tail(n, k - 1)
    return Spread(statistics.median(ordered), ordered[k - 1], ordered[n - k], n, coverage, k)


def round_ratios(subject: Sequence[float], baseline: Sequence[float]) -> list[float]:
    """Subject over baseline for each round (both lists in round order)."""
    if len(subject) != len(baseline):
        raise ValueError("lika många varv krävs")
    return [s / b for s, b in zip(subject, baseline, strict=True)]


def ratio_spread(subject: Sequence[float], baseline: Sequence[float]) -> Spread:
    """The median of the per-round ratios subject/baseline, with its interval."""
    return median_interval(round_ratios(subject, baseline))


def verdict(spread: Spread, target: float) -> tuple[bool, bool]:
    """(met, certain): the median is at most `target`; certain when the whole interval is on the same side."""
    met = spread.median <= target
    certain = spread.high <= target if met else spread.low > target
    return met, certain
