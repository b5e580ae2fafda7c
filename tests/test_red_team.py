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

# Measured 2026-12-03, engine 3.0.0, 200 seeds: the ratio to the best built-in strategy.
# Most are "raise whenever you can": with rounds at 10% of valuation each quarter, cash
# raised early is cheap where the built-in planners raise late (issue 12 left these open).
STILL_WINS = {
    ("bubble-2024", "draw the whole credit line, never repay"): "1.12x safety-first: cash against the crash",
    ("bubble-2024", "the biggest sovereign cheque every quarter"): "1.15x safety-first: raising before the window shuts",
    ("bubble-2024", "no safety testing, whole game"): "1.19x safety-first: earlier launches lift the mood",
    ("challenger-2024", "raise the most venture money every quarter, never convert"): "1.25x blitzscale",
    ("gpu-crunch-2023", "API price at the cap, whole game"): "3.95x historical: API tokens cost more to serve than "
                                                          "they sell for, and the cap frees a starved fleet for subscribers",
    ("gpu-crunch-2023", "raise the most venture money every quarter, never convert"): "1.24x historical",
    ("sandbox", "subscription price at the cap, middle quarter"): "1.11x blitzscale",
}


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
