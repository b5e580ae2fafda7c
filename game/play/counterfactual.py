"""Counterfactual replay: a saved game's decisions up to a quarter, then another strategy.

"What if the lab had turned frugal in 2025?" asked of a real game: the save's decisions are
re-played (and checked against its snapshots) up to the quarter named, then the strategy
decides the rest, on the save's own seed (the same luck the player had still to come) and
across N seeds (game k uses seed save.seed + k, so game 0 is the save's own luck) for the
spread of what the luck still to come could have done. Every game shares the save's past,
bit for bit: only the quarters from the one named on are played anew.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import numpy as np

from game import MAX_SEED
from game.engine.kernel import tree
from game.engine.mechanics.outcome import BANKRUPT, OUTCOME_NAMES
from game.engine.view import quarter_view
from game.errors import SaveError, UsageError
from game.models.quarters import QUARTER_PATTERN, quarter_offset
from game.models.save import SaveFile
from game.models.view import QuarterView
from game.play.runner import run_from, score
from game.play.saves import branch_game
from game.play.saves.load import scenario_of
from game.strategies.base import Strategy

FIGURES = ("cash_usd", "revenue_usd", "market_share")
_RECORD = (*FIGURES, "founders_stake", "equity_value_usd", "outcome")


def view_score(view: QuarterView) -> float:
    """The score as of a quarter: the founders' stake of the equity value (0 once bankrupt)."""
    return 0.0 if view.outcome == OUTCOME_NAMES[BANKRUPT] else view.founders_stake * view.equity_value_usd


@dataclass
class Counterfactual:
    from_index: int  # the first quarter the strategy decides (0 = the scenario's first)
    labels: list[str]  # every quarter of the scenario
    original: list[QuarterView]  # the save's quarters
    own_seed: list[QuarterView]  # the save's past, then the strategy on the save's seed
    seeds: np.ndarray
    paths: dict[str, np.ndarray]  # figure (and "score") -> (games, quarters): the past, then each seed's
    final_score_usd: np.ndarray  # each seed's game, at its end
    outcomes: np.ndarray

    @property
    def original_score_usd(self) -> float:
        return view_score(self.original[-1]) if self.original else 0.0

    def original_percentile(self) -> float:
        """Where the original's final score falls among the counterfactual games (share below it, ties halved)."""
        s, x = self.final_score_usd, self.original_score_usd
        return float(((s < x).sum() + 0.5 * (s == x).sum()) / max(len(s), 1))


def from_index(save: SaveFile, label: str) -> int:
    sc = scenario_of(save).scenario
    if not re.fullmatch(QUARTER_PATTERN, label):
        raise UsageError(f"--from {label!r}: write a quarter like 2025Q3")
    index = quarter_offset(sc.start, label)
    if not 0 <= index <= len(save.turns) or index >= sc.quarters:
        last = save.turns[-1].quarter if save.turns else sc.start
        raise UsageError(f"--from {label}: the save's quarters run from {sc.start} to {last} "
                         f"(allowed {sc.start} to the quarter after the last one played)")
    return index


def counterfactual(save: SaveFile, strategy: Strategy, from_label: str, games: int = 200) -> Counterfactual:
    index = from_index(save, from_label)
    if save.seed + games - 1 > MAX_SEED:
        raise UsageError(f"--games {games}: seeds from the save's {save.seed} would pass {MAX_SEED:,}")
    try:
        game = branch_game(save, index)  # the save's decisions up to `index`, each quarter checked
    except SaveError as e:
        raise SaveError(f"--from {from_label}: {e}") from None
    params = game.params
    past = game.views
    # The save's own seed: the whole game, as views.
    own = run_from(params, strategy, game.state, index, keep_history=True)
    own_views = past + [quarter_view(params, q, state, report) for q, _, state, report in own.history]
    # N seeds: the position at `index` repeated, each row with its own luck for the rest.
    seeds = np.arange(save.seed, save.seed + games, dtype=np.uint64)
    start = dataclasses.replace(tree.rows(game.state, np.zeros(games, dtype=np.int64)), seed=seeds)
    many = run_from(params, strategy, start, index, record=_RECORD)
    rec = many.recorded
    paths: dict[str, np.ndarray] = {}
    for name in FIGURES:
        values = rec[name]
        values[:, :index] = [getattr(v, name) for v in past]
        paths[name] = values
    stake_value = rec["founders_stake"] * rec["equity_value_usd"]
    score_path = np.where(rec["outcome"] == BANKRUPT, 0.0, stake_value)
    score_path[:, :index] = [view_score(v) for v in past]
    paths["score"] = _carried(score_path)
    paths["cash_usd"] = _carried(paths["cash_usd"])
    return Counterfactual(index, [params.label(q) for q in range(params.quarters)], views_of_save(save), own_views, seeds,
                          paths, score(many.final), many.final.outcome.outcome)


def _carried(paths: np.ndarray) -> np.ndarray:
    """A stock's last value carried past a game's end (a lab that was sold keeps its price)."""
    out = paths.copy()
    for q in range(1, out.shape[1]):
        gone = np.isnan(out[:, q])
        out[gone, q] = out[gone, q - 1]
    return out


def views_of_save(save: SaveFile) -> list[QuarterView]:
    from game.play.saves import views_of

    return views_of(save)
