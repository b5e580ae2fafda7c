"""Tables (B, k) stay column-major through whole games (see game.engine.arrays).

A layout slip changes no number, only the speed (a row-major (B, 6) table makes every
rival computation several times slower), so it is held here rather than left to a
benchmark to notice.
"""

import numpy as np
import pytest

from game.engine import build_params, initial_state, limits, step
from game.engine.kernel import tree
from game.engine.kernel.tree import by_name
from game.scenarios import load_scenario
from game.strategies import STRATEGIES


def _row_major_tables(obj) -> list[str]:
    return [name for name, a in by_name(obj).items() if a.ndim == 2 and not a.flags.f_contiguous]


@pytest.mark.parametrize("strategy", ["historical", "random", "blitzscale"])
def test_tables_stay_column_major(strategy):
    params = build_params(load_scenario("openai-2024").scenario)
    state = initial_state(params, np.arange(64, dtype=np.uint64))
    assert _row_major_tables(state) == []
    for quarter in range(8):
        lim = limits(state, params, quarter)
        decisions = STRATEGIES[strategy](state, lim, params, quarter)
        assert _row_major_tables(lim) == [] and _row_major_tables(decisions) == []
        state, report = step(state, decisions, params, quarter, lim)
        assert _row_major_tables(state) == [], f"quarter {quarter}"
    assert _row_major_tables(tree.rows(state, np.arange(0, 64, 3))) == []


def test_a_strategy_may_hand_in_row_major_tables(params):
    """The engine puts decisions in its layout itself: a strategy's author need not know it."""
    from game.engine import hold

    state = initial_state(params, np.arange(16, dtype=np.uint64))
    d = hold(state)
    row_major = d.evolve(hires=np.ascontiguousarray(np.full((16, 4), 5.0)), layoffs=np.zeros((16, 4)))
    after, _ = step(state, row_major, params, 0)
    expected, _ = step(state, d.evolve(hires=np.full((16, 4), 5.0, order="F")), params, 0)
    assert _row_major_tables(after) == []
    assert np.array_equal(after.talent.headcount, expected.talent.headcount)
