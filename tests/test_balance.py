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
