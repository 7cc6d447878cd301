"""SMAA-2 on known inputs: the vectorised analysis agrees with a plain loop and with hand-worked cases."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gonogo.core.smaa import Draws, WeightSpec, acceptability, draw, smaa, smaa_reference

M = 7


def intervals(k: int):
    unit = st.floats(0, 1, allow_nan=False, width=32)
    return st.tuples(arrays(np.float64, (k, M), elements=unit), arrays(np.float64, (k, M), elements=unit)).map(
        lambda lh: (np.minimum(*lh), np.maximum(*lh))
    )


specs = st.sampled_from(
    [
        WeightSpec("unknown"),
        WeightSpec("ranking", order=(3, 0, 1, 2, 6, 5, 4)),
        WeightSpec("ranges", low=(0.1,) * M, high=(0.3,) * M),
        WeightSpec("ranges", low=(0.2, 0.2, 0, 0, 0.1, 0.1, 0.4), high=(0.2, 0.2, 0, 0, 0.1, 0.1, 0.4)),
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4).flatmap(intervals), specs, st.integers(0, 2**32 - 1))
def test_the_vectorised_analysis_counts_exactly_what_a_plain_loop_counts(lh, spec, seed):
    low, high = lh
    draws = draw(np.random.default_rng(seed), 500, M, spec)
    expected = smaa_reference(low, high, draws)
    out = smaa(low, high, draws)
    assert np.array_equal(out.acceptability, expected)
    assert np.array_equal(acceptability(low, high, draws), expected)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4).flatmap(intervals), specs, st.integers(0, 2**32 - 1))
def test_ranks_central_weights_and_confidence_are_well_formed(lh, spec, seed):
    low, high = lh
    k = low.shape[0]
    draws = draw(np.random.default_rng(seed), 400, M, spec)
    out = smaa(low, high, draws)
    assert np.allclose(out.rank_acceptability.sum(axis=0), 1.0)  # each rank is taken by one option per draw
    assert np.allclose(out.rank_acceptability.sum(axis=1), 1.0)  # each option takes one rank per draw
    for i in range(k):
        if out.acceptability[i] > 0:
            assert out.central_weights[i].sum() == pytest.approx(1.0)
            assert 0.0 <= out.confidence[i] <= 1.0
        else:
            assert not out.central_weights[i].any()
            assert out.confidence[i] == 0.0


@settings(max_examples=40, deadline=None)
@given(specs, st.integers(0, 2**32 - 1), st.integers(1, 300))
def test_every_draw_of_weights_is_a_point_on_the_simplex(spec, seed, n):
    d = draw(np.random.default_rng(seed), n, M, spec)
    assert d.weights.shape == d.u.shape == (M, n)
    assert np.allclose(d.weights.sum(axis=0), 1.0)
    assert (d.weights >= 0).all()
    assert ((d.u >= 0) & (d.u < 1)).all()


def test_a_ranking_of_criteria_gives_the_first_the_largest_weight_in_every_draw():
    order = (4, 2, 0, 1, 3, 5, 6)
    d = draw(np.random.default_rng(3), 1000, M, WeightSpec("ranking", order=order))
    ranked = d.weights[list(order), :]
    assert (np.diff(ranked, axis=0) <= 0).all()


def test_ranges_that_allow_all_weights_to_be_zero_fall_back_to_equal_weights():
    d = draw(np.random.default_rng(0), 2000, 2, WeightSpec("ranges", low=(0.0, 0.0), high=(0.0, 0.0)))
    assert np.allclose(d.weights, 0.5)


def test_an_option_better_on_every_criterion_always_ranks_first_with_full_confidence():
    low = np.array([[0.6] * M, [0.1] * M])
    high = np.array([[0.9] * M, [0.5] * M])
    out = smaa(low, high, draw(np.random.default_rng(1), 1000, M, WeightSpec("unknown")))
    assert out.acceptability.tolist() == [1.0, 0.0]
    assert out.rank_acceptability.tolist() == [[1.0, 0.0], [0.0, 1.0]]
    assert out.confidence.tolist() == [1.0, 0.0]


def test_ties_go_to_the_option_listed_first():
    same = np.full((3, M), 0.5)
    out = smaa(same, same, draw(np.random.default_rng(1), 100, M, WeightSpec("unknown")))
    assert out.acceptability.tolist() == [1.0, 0.0, 0.0]
    assert out.rank_acceptability[2].tolist() == [0.0, 0.0, 1.0]


def test_two_options_each_best_on_half_the_criteria_share_acceptability_by_the_weights():
    # Option 0 is best on criterion 0, option 1 on criterion 1; with point weights 0.7/0.3 option 0 wins.
    low = np.array([[1.0, 0.0], [0.0, 1.0]])
    point = draw(np.random.default_rng(1), 100, 2, WeightSpec("ranges", low=(0.7, 0.3), high=(0.7, 0.3)))
    assert smaa(low, low, point).acceptability.tolist() == [1.0, 0.0]
    # Unknown weights: each wins when its criterion weighs more, half of the time.
    unknown = draw(np.random.default_rng(1), 20000, 2, WeightSpec("unknown"))
    assert smaa(low, low, unknown).acceptability[0] == pytest.approx(0.5, abs=0.02)


def test_the_first_draws_are_the_head_of_the_same_sequence():
    d = draw(np.random.default_rng(5), 50, M, WeightSpec("unknown"))
    head = d.head(20)
    assert head.n == 20
    assert np.array_equal(head.weights, d.weights[:, :20])
    assert isinstance(head, Draws)
