"""Playing whole games: a strategy and the engine, quarter after quarter, for a batch of seeds.

`simulate` runs a batch of one, `lab` a batch of thousands, through this same loop. A row
whose strategy proposes a refused decision plays `hold` instead, so a buggy strategy
cannot freeze a game; the number of such rows is counted and reported.

Without a history to keep, games that end are moved out of the batch as they end, so the
engine never steps rows that only have to stay as they are (every mechanic is row by
row, so this changes no game's numbers, only how much work a quarter is).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.engine import Decisions, Params, Report, State, hold, initial_state, limits, step
from game.engine.kernel import tree
from game.engine.mechanics import outcome
from game.strategies.base import Strategy, within_limits


@dataclass
class RunResult:
    final: State
    history: list[tuple[int, Decisions, State, Report]] = field(default_factory=list)
    game_quarters: int = 0
    refused_rows: int = 0


def run(params: Params, strategy: Strategy, seeds, keep_history: bool = False) -> RunResult:
    state = initial_state(params, seeds)
    result = RunResult(final=state)
    store = tree.rows(state, slice(None))  # where ended games are kept while the rest play on
    in_play = np.arange(state.batch)  # rows of `store` that `state` holds
    for quarter in range(params.quarters):
        playing = outcome.playing(state.outcome)
        if not playing.any():
            break
        lim = limits(state, params, quarter)
        decisions = strategy(state, lim, params, quarter)
        after, report = step(state, decisions, params, quarter, lim)
        refused = report.refused & playing
        if refused.any():
            # Refused rows came out unchanged: play them again holding steady instead.
            result.refused_rows += int(refused.sum())
            decisions = tree.where(refused, within_limits(hold(state), state, lim), decisions)
            after, report = step(state, decisions, params, quarter, lim)
        state = after
        result.game_quarters += int(playing.sum())
        if keep_history:
            result.history.append((quarter, decisions, state, report))
        else:
            ended = ~outcome.playing(state.outcome)
            if ended.any():
                tree.assign_rows(store, in_play[ended], tree.rows(state, ended))
                state, in_play = tree.rows(state, ~ended), in_play[~ended]
    if keep_history:
        result.final = state
    else:
        tree.assign_rows(store, in_play, state)
        result.final = store
    return result


def score(state: State) -> np.ndarray:
    """The scenario's score: the founders' stake of the equity at the end (0 when bankrupt)."""
    return outcome.score(state=state.outcome, founders_stake=state.funding.founders_stake,
                         equity_value_usd=state.finance.equity_value_usd)
