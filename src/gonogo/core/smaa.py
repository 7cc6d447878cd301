"""SMAA-2: stochastic multicriteria acceptability analysis, vectorised with numpy.

Randomness is drawn once (``draw``) and then consumed by ``smaa``, so that a plain reference
implementation can be checked against the vectorised one on the very same draws.

Values of a criterion are drawn with one uniform number per draw shared by all options: the uncertainty
is about the evidence (how large the reach really is), which is the same whichever option is taken.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


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
    weights: FloatArray  # (n, m), rows sum to 1
    u: FloatArray  # (n, m), uniform in [0, 1): where in its interval each criterion's value falls


@dataclass(frozen=True)
class SmaaOutcome:
    acceptability: FloatArray  # (k,) first-rank acceptability
    rank_acceptability: FloatArray  # (k, k): [option, rank]
    central_weights: FloatArray  # (k, m); zeros for an option that never ranks first
    confidence: FloatArray  # (k,)


def _simplex(rng: np.random.Generator, n: int, m: int) -> FloatArray:
    e = rng.exponential(1.0, size=(n, m))
    out: FloatArray = e / e.sum(axis=1, keepdims=True)
    return out


def draw(rng: np.random.Generator, n: int, m: int, spec: WeightSpec) -> Draws:
    if spec.mode == "unknown":
        w = _simplex(rng, n, m)
    elif spec.mode == "ranking":
        s = -np.sort(-_simplex(rng, n, m), axis=1)
        w = np.empty_like(s)
        w[:, list(spec.order)] = s
    elif spec.mode == "ranges":
        lo, hi = np.asarray(spec.low, dtype=float), np.asarray(spec.high, dtype=float)
        w = lo + (hi - lo) * rng.random((n, m))
        total = w.sum(axis=1, keepdims=True)
        w = np.divide(w, total, out=np.full_like(w, 1.0 / m), where=total > 0)
    else:
        raise ValueError(f"unknown weight mode {spec.mode!r}")
    return Draws(weights=w, u=rng.random((n, m)))


def _utilities(low: FloatArray, span: FloatArray, weights: FloatArray, u: FloatArray) -> FloatArray:
    """Utility of each option in each draw: sum_j w_j * (low_ij + span_ij * u_j), without building the
    (draws x options x criteria) value array: W @ low.T + (W * u) @ span.T."""
    out: FloatArray = weights @ low.T + (weights * u) @ span.T
    return out


def _ranks(utility: FloatArray) -> IntArray:
    """Rank of each option in each draw (0 = first). Ties go to the option listed first, as a loop
    keeping the first strict maximum would decide. Pairwise comparisons beat a sort for a few options."""
    n, k = utility.shape
    ranks = np.zeros((n, k), dtype=np.int64)
    for i in range(k):
        ui = utility[:, i]
        for j in range(k):
            if j < i:
                ranks[:, i] += utility[:, j] >= ui
            elif j > i:
                ranks[:, i] += utility[:, j] > ui
    return ranks


def _first(utility: FloatArray, i: int) -> npt.NDArray[np.bool_]:
    """Draws in which option ``i`` ranks first, with the same tie rule as ``_ranks``."""
    ui = utility[:, i]
    first = np.ones(utility.shape[0], dtype=bool)
    for j in range(utility.shape[1]):
        if j < i:
            first &= utility[:, j] < ui
        elif j > i:
            first &= utility[:, j] <= ui
    return first


def smaa(low: FloatArray, high: FloatArray, draws: Draws) -> SmaaOutcome:
    """Run SMAA-2 over ``k`` options and ``m`` criteria given value intervals ``low``/``high`` (k, m).

    The confidence factor of an option is estimated on the same value draws, with its central weights.
    """
    k, m = low.shape
    n = draws.weights.shape[0]
    span = high - low
    ranks = _ranks(_utilities(low, span, draws.weights, draws.u))
    rank = np.zeros((k, k))
    central = np.zeros((k, m))
    confidence = np.zeros(k)
    for i in range(k):
        rank[i] = np.bincount(ranks[:, i], minlength=k)[:k] / n
        wins = ranks[:, i] == 0
        if not wins.any():
            continue
        central[i] = draws.weights[wins].mean(axis=0)
        utility_c = low @ central[i] + (draws.u * central[i]) @ span.T
        confidence[i] = float(np.mean(_first(utility_c, i)))
    return SmaaOutcome(rank[:, 0].copy(), rank, central, confidence)


def smaa_reference(low: FloatArray, high: FloatArray, draws: Draws) -> FloatArray:
    """First-rank acceptability with a plain loop over draws: the yardstick for ``smaa``."""
    k, m = low.shape
    n = draws.weights.shape[0]
    counts = [0] * k
    lo, hi = low.tolist(), high.tolist()
    weights, u = draws.weights.tolist(), draws.u.tolist()
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
