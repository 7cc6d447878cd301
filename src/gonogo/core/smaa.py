"""SMAA-2: stochastic multicriteria acceptability analysis, vectorised with numpy.

Randomness is drawn once (``draw``) and then consumed by ``smaa``, so that a plain reference
implementation can be checked against the vectorised one on the very same draws.

Values of a criterion are drawn with one uniform number per draw shared by all options: the uncertainty
is about the evidence (how large the reach really is), which is the same whichever option is taken.

Arrays are criteria-major: one row per criterion (or option) and one column per draw. A few options and
criteria against thousands of draws makes every product a short, wide one, which numpy and BLAS do
several times faster than the tall, narrow transpose, and every row an option's contiguous series.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class WeightSpec:
    """How weights are drawn: ``unknown`` (uniform on the simplex), ``ranges`` (uniform in a box,
    then normalised; equal ends give point weights), or ``ranking`` (uniform on the simplex, sorted so
    that ``order[0]`` gets the largest weight)."""

    mode: str
    low: tuple[float, ...] = ()
    high: tuple[float, ...] = ()
    order: tuple[int, ...] = ()


@dataclass(frozen=True)
class Draws:
    weights: FloatArray  # (m, n): one column per draw, each column sums to 1
    u: FloatArray  # (m, n), uniform in [0, 1): where in its interval each criterion's value falls

    @property
    def n(self) -> int:
        return int(self.weights.shape[1])

    def head(self, n: int) -> Draws:
        """The first ``n`` draws."""
        return Draws(np.ascontiguousarray(self.weights[:, :n]), np.ascontiguousarray(self.u[:, :n]))


@dataclass(frozen=True)
class SmaaOutcome:
    acceptability: FloatArray  # (k,) first-rank acceptability
    rank_acceptability: FloatArray  # (k, k): [option, rank]
    central_weights: FloatArray  # (k, m); zeros for an option that never ranks first
    confidence: FloatArray  # (k,)


def _uniforms(rng: np.random.Generator, rows: int, n: int) -> FloatArray:
    """``rows`` x ``n`` uniform numbers in [0, 1) with 32-bit resolution, two from each raw 64-bit output
    of the generator: half the generator's work of ``rng.random`` and ample resolution for ranking. The
    halves are split arithmetically, so the numbers are the same on every platform."""
    size = rows * n
    raw = rng.bit_generator.random_raw((size + 1) // 2).astype("<u8", copy=False)
    out: FloatArray = raw.view("<u4")[:size].reshape(rows, n) * (1.0 / 4294967296.0)
    return out


def _simplex(rng: np.random.Generator, n: int, m: int) -> FloatArray:
    e = rng.standard_exponential((m, n))
    e /= e.sum(axis=0)
    return e


def draw(rng: np.random.Generator, n: int, m: int, spec: WeightSpec) -> Draws:
    """``n`` draws of weights for ``m`` criteria following ``spec``, and of where each value falls."""
    if spec.mode == "unknown":
        w = _simplex(rng, n, m)
    elif spec.mode == "ranking":
        s = -np.sort(-_simplex(rng, n, m), axis=0)
        w = np.empty_like(s)
        w[list(spec.order), :] = s
    elif spec.mode == "ranges":
        lo, hi = np.asarray(spec.low, dtype=float)[:, None], np.asarray(spec.high, dtype=float)[:, None]
        w = _uniforms(rng, m, n)
        w *= hi - lo
        w += lo
        total = w.sum(axis=0)
        if total.min() > 0:
            w /= total
        else:  # every weight may be zero in some draw: such a draw weighs the criteria equally
            w = np.divide(w, total, out=np.full_like(w, 1.0 / m), where=total > 0)
    else:
        raise ValueError(f"unknown weight mode {spec.mode!r}")
    return Draws(weights=w, u=_uniforms(rng, m, n))


def _utilities(low: FloatArray, span: FloatArray, weights: FloatArray, u: FloatArray) -> FloatArray:
    """Utility of each option (row) in each draw (column): sum_j w_j * (low_ij + span_ij * u_j), without
    building the options x criteria x draws value array: low @ W + span @ (W * u)."""
    out: FloatArray = low @ weights + span @ (weights * u)
    return out


def _ranks(utility: FloatArray) -> IntArray:
    """Rank of each option (row) in each draw (0 = first). Ties go to the option listed first, as a loop
    keeping the first strict maximum would decide. Pairwise comparisons beat a sort for a few options."""
    k, n = utility.shape
    ranks = np.zeros((k, n), dtype=np.int64)
    for i in range(k):
        ui = utility[i]
        for j in range(k):
            if j < i:
                ranks[i] += utility[j] >= ui
            elif j > i:
                ranks[i] += utility[j] > ui
    return ranks


def _first(utility: FloatArray, i: int) -> BoolArray:
    """Draws in which option ``i`` ranks first, with the same tie rule as ``_ranks``."""
    ui = utility[i]
    first = np.ones(utility.shape[1], dtype=bool)
    for j in range(utility.shape[0]):
        if j < i:
            first &= utility[j] < ui
        elif j > i:
            first &= utility[j] <= ui
    return first


def acceptability(low: FloatArray, high: FloatArray, draws: Draws) -> FloatArray:
    """First-rank acceptability only: what a search for the value that flips a decision needs."""
    k = low.shape[0]
    utility = _utilities(low, high - low, draws.weights, draws.u)
    out: FloatArray = np.array([np.count_nonzero(_first(utility, i)) for i in range(k)], dtype=float) / draws.n
    return out


def smaa(low: FloatArray, high: FloatArray, draws: Draws) -> SmaaOutcome:
    """Run SMAA-2 over ``k`` options and ``m`` criteria given value intervals ``low``/``high`` (k, m).

    The confidence factor of an option is estimated on the same value draws, with its central weights.
    Every step works on whole arrays: one bincount for the rank acceptabilities, one product for the
    central weights and one for the utilities under every option's central weights.
    """
    k, m = low.shape
    n = draws.n
    span = high - low
    ranks = _ranks(_utilities(low, span, draws.weights, draws.u))
    counts = np.bincount((ranks + (np.arange(k) * k)[:, None]).ravel(), minlength=k * k).reshape(k, k)
    rank: FloatArray = counts / n
    wins = counts[:, 0]
    winning = wins > 0
    central = np.zeros((k, m))
    central[winning] = ((ranks == 0).astype(float) @ draws.weights.T)[winning] / wins[winning, None]
    # Utilities of every option j under option i's central weights, for the options that ever win.
    winners = np.flatnonzero(winning)
    w = len(winners)
    scaled = (central[winners][:, None, :] * span[None, :, :]).reshape(w * k, m)
    utility_c = (scaled @ draws.u).reshape(w, k, n) + (central[winners] @ low.T)[:, :, None]
    confidence = np.zeros(k)
    for row, i in enumerate(winners):
        confidence[i] = np.count_nonzero(_first(utility_c[row], int(i))) / n
    return SmaaOutcome(rank[:, 0].copy(), rank, central, confidence)


def smaa_reference(low: FloatArray, high: FloatArray, draws: Draws) -> FloatArray:
    """First-rank acceptability with a plain loop over draws: the yardstick for ``smaa``."""
    k, m = low.shape
    n = draws.n
    counts = [0] * k
    lo, hi = low.tolist(), high.tolist()
    weights, u = draws.weights.T.tolist(), draws.u.T.tolist()
    for d in range(n):
        best_i, best_u = 0, float("-inf")
        for i in range(k):
            total = 0.0
            for j in range(m):
                total += weights[d][j] * (lo[i][j] + (hi[i][j] - lo[i][j]) * u[d][j])
            if total > best_u:
                best_i, best_u = i, total
        counts[best_i] += 1
    out: FloatArray = np.asarray(counts, dtype=float) / n
    return out
