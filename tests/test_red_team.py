"""The red team: no degenerate policy beats good play (game.play.red_team).

Each of the pushes in game.play.red_team.PUSHES (a decision at an end of its range for one
quarter or the whole game, alone or in pairs) is played on top of the best built-in
strategy of each bundled scenario, over the same 200 seeds. None may beat that strategy's
mean score by more than 10%. Corners the economy still rewards are marked
xfail(strict=True) with what was measured, so that the mark fails the run once fixed.
"""

from __future__ import annotations

import pytest

from game.play.red_team import PUSHES, red_team_tables
from game.scenarios import bundled_scenarios

SCENARIOS = [p.stem for p in bundled_scenarios()]
GAMES = 200
MARGIN = 1.10

# Corners the economy still rewards, as (scenario, push) -> what was measured. Engine 4.0.0
# (2026-12-03, 200 seeds): none; engine 3.0.0 left seven (raising as much as investors
# allow every quarter, gpu-crunch-2023's API sold below its cost, ...).
STILL_WINS: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def tables():
    return red_team_tables(SCENARIOS, GAMES)


def _cases():
    for scenario in SCENARIOS:
        for push in PUSHES:
            known = STILL_WINS.get((scenario, push.name))
            marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
            yield pytest.param(scenario, push.name, id=f"{scenario}: {push.name}", marks=marks)


def test_there_are_at_least_25_pushes():
    assert len(PUSHES) >= 25 and len({p.name for p in PUSHES}) == len(PUSHES)


@pytest.mark.parametrize("scenario,push", list(_cases()))
def test_no_push_beats_the_best_strategy(tables, scenario, push):
    best, best_mean, pushed = tables[scenario]
    assert pushed[push] <= MARGIN * best_mean, (
        f"{scenario}: '{push}' on {best} scores {pushed[push] / 1e9:.2f} B, "
        f"{pushed[push] / best_mean:.2f}x the best strategy's {best_mean / 1e9:.2f} B")


def test_the_pushes_played_in_one_batch_score_as_each_played_alone():
    """red_team plays every push in one batch (rows k*games.. play push k); rows are independent,
    so each push's scores equal its own run's, bit for bit. Checked on pushes of every timing."""
    import numpy as np

    from game.engine import build_params
    from game.play.red_team import every_push, policies
    from game.play.runner import run, score
    from game.scenarios import load_scenario
    from game.strategies import STRATEGIES

    games, base = 6, STRATEGIES["historical"]
    params = build_params(load_scenario("openai-2024").scenario)
    seeds = np.arange(games, dtype=np.uint64)
    together = score(run(params, every_push(base, games), np.tile(seeds, len(PUSHES)), compact=False).final)
    alone = policies(base)
    by_timing = {}
    for k, push in enumerate(PUSHES):
        by_timing.setdefault(push.when, k)  # the first push of each timing (every quarter, first, last, ...)
    for k in by_timing.values():
        own = score(run(params, alone[PUSHES[k].name], seeds).final)
        assert np.array_equal(together[k * games:(k + 1) * games], own), PUSHES[k].name
