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
