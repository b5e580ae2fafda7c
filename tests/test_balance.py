"""Balance rules over every bundled scenario and strategy, 300 games per pair."""

from __future__ import annotations

import pytest

from game.play.balance import balance_table, best_by_scenario, spread_and_gap


@pytest.fixture(scope="module")
def cells():
    return balance_table(games=300, seed=0)


def test_idle_goes_bankrupt_in_openai_2024(cells):
    idle = next(c for c in cells if c.scenario == "openai-2024" and c.strategy == "idle")
    assert idle.outcome_shares["bankrupt"] >= 0.95, idle.outcome_shares


def test_no_strategy_is_best_everywhere(cells):
    best = best_by_scenario(cells)
    assert len(best) == 5
    assert len(set(best.values())) > 1, best


@pytest.mark.parametrize("scenario", ["openai-2024", "challenger-2024", "gpu-crunch-2023", "bubble-2024", "sandbox"])
def test_strategy_matters_more_than_luck(cells, scenario):
    spread, gap = spread_and_gap(cells, scenario)
    assert spread < gap, f"{scenario}: seed spread {spread:.3g} is not below the best-worst gap {gap:.3g}"


def test_a_skilled_policy_beats_the_script_on_openai_2024():
    """Thought beats the script: the lab's own plan, with the subscription at its revenue
    peak, a tenth of the free tier on a distilled small model (game.strategies.skilled),
    scores more than `historical` on the same 200 seeds, by over 3% (measured 8.3%, engine 5)."""
    import numpy as np

    from game.engine import build_params
    from game.play.runner import run, score
    from game.scenarios import load_scenario
    from game.strategies import STRATEGIES
    from game.strategies.skilled import skilled

    params = build_params(load_scenario("openai-2024").scenario)
    seeds = np.arange(200)
    script = score(run(params, STRATEGIES["historical"], seeds).final).mean()
    assert score(run(params, skilled, seeds).final).mean() > 1.03 * script
