"""Playing whole games: a strategy and the engine, quarter after quarter, for a batch of seeds.

`simulate` runs a batch of one, `lab` a batch of thousands, through this same loop. A row
whose strategy proposes a refused decision plays `hold` instead, so a buggy strategy
cannot freeze a game; the number of such rows is counted and reported, by the field the
engine refused.

Without a history to keep, games that end are moved out of the batch as they end, so the
engine never steps rows that only have to stay as they are (every mechanic is row by
row, so this changes no game's numbers, only how much work a quarter is).

`record` names figures of the quarter view (`cash_usd`, `revenue_usd`, ...) to keep for
every game and quarter, as (games, quarters) arrays (NaN once a game is over): what the
lab's per-year figures and fan charts read, without keeping whole states.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.engine import Decisions, Params, Report, State, hold, initial_state, limits, step
from game.engine.kernel import tree
from game.engine.mechanics import outcome
from game.engine.rules import violations
from game.strategies.base import Strategy, within_limits


@dataclass
class RunResult:
    final: State
    history: list[tuple[int, Decisions, State, Report]] = field(default_factory=list)
    game_quarters: int = 0
    refused_rows: int = 0
    refused_by_field: dict[str, int] = field(default_factory=dict)
    refused_per_game: np.ndarray | None = None  # quarters each game's proposal was refused
    recorded: dict[str, np.ndarray] = field(default_factory=dict)  # figure -> (games, quarters)


def _where(name: str) -> tuple[str, str, str]:
    """(state|report, section, attribute) of a figure of the quarter view."""
    from game.engine.view import view_fields

    for f in view_fields():
        if f.name == name and not f.leaf.table:
            return f.source, f.section, f.attr
    raise KeyError(f"{name!r} is not a figure of the quarter view that can be recorded")


def run(params: Params, strategy: Strategy, seeds, keep_history: bool = False, record: tuple[str, ...] = (),
        compact: bool = True) -> RunResult:
    return run_from(params, strategy, initial_state(params, seeds), 0, keep_history=keep_history, record=record,
                    compact=compact)


def run_from(params: Params, strategy: Strategy, state: State, first_quarter: int, keep_history: bool = False,
             record: tuple[str, ...] = (), compact: bool = True) -> RunResult:
    """Play `state` (a batch at the start of quarter `first_quarter`) to the end with `strategy`.

    Ended games leave the batch (`compact`) so the rest play faster; `compact=False` keeps every
    row in place to the end (ended rows do not change), for a strategy that tells its rows apart
    by position, such as the red team's many policies in one batch. The numbers are the same.
    """
    result = RunResult(final=state, refused_per_game=np.zeros(state.batch, dtype=np.int64))
    sources = {name: _where(name) for name in record}
    result.recorded = {name: np.full((state.batch, params.quarters), np.nan) for name in record}
    store = tree.rows(state, slice(None))  # where ended games are kept while the rest play on
    in_play = np.arange(state.batch)  # rows of `store` that `state` holds
    for quarter in range(first_quarter, params.quarters):
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
            result.refused_per_game[in_play[refused]] += 1
            for v in violations(state, decisions, params, quarter, lim):
                n = int((v.mask & refused).sum())
                if n:
                    result.refused_by_field[v.field] = result.refused_by_field.get(v.field, 0) + n
            decisions = tree.where(refused, within_limits(hold(state), state, lim), decisions)
            after, report = step(state, decisions, params, quarter, lim)
        state = after
        result.game_quarters += int(playing.sum())
        for name, (source, section, attr) in sources.items():
            values = getattr(getattr(state if source == "state" else report, section), attr)
            result.recorded[name][in_play[playing], quarter] = values[playing]
        if keep_history:
            result.history.append((quarter, decisions, state, report))
        elif compact:
            ended = ~outcome.playing(state.outcome)
            if ended.any():
                tree.assign_rows(store, in_play[ended], tree.rows(state, ended))
                state, in_play = tree.rows(state, ~ended), in_play[~ended]
    if keep_history or not compact:
        result.final = state
    else:
        tree.assign_rows(store, in_play, state)
        result.final = store
    return result


def score(state: State) -> np.ndarray:
    """The scenario's score: the founders' stake of the equity at the end (0 when bankrupt)."""
    return outcome.score(state=state.outcome, founders_stake=state.funding.founders_stake,
                         equity_value_usd=state.finance.equity_value_usd)
