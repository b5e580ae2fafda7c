"""Where one game's score stands: luck against skill.

A score alone says little: 90 B is a triumph on a seed that drew two bubble scares and a
poor result on one that drew none. So a finished game is set against the same strategy
(the autopilot, `historical`, by default) on the same seed, which met the same market
news, and against that strategy over many seeds, which shows how far luck alone moves it.
The debrief shows both; the classroom's debrief ranks students the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine import Params
from game.play.runner import run, score
from game.strategies import STRATEGIES

STANDING_GAMES = 1_000
"""Games of the strategy a score is set against: ~0.25 s for openai-2024 on one core."""


@dataclass(frozen=True)
class Standing:
    strategy: str
    seed: int
    same_seed_score_usd: float  # the strategy's score on the game's own seed
    games: int  # the strategy's games over seeds first_seed .. first_seed + games - 1
    first_seed: int
    beaten_share: float  # share of those games scoring less than the game did
    median_score_usd: float

    @property
    def seeds_label(self) -> str:
        return f"seeds {self.first_seed}-{self.first_seed + self.games - 1}"


def scores_of(params: Params, strategy: str, seeds) -> np.ndarray:
    """The final scores of `strategy` on each seed (one batch; the same games `simulate` plays)."""
    return score(run(params, STRATEGIES[strategy], np.asarray(seeds, dtype=np.int64)).final)


def standing(params: Params, seed: int, score_usd: float, strategy: str = "historical",
             games: int = STANDING_GAMES, first_seed: int = 0) -> Standing:
    """`score_usd` (a game on `seed`) against `strategy` on that seed and over `games` seeds."""
    same = float(scores_of(params, strategy, [seed])[0])
    many = scores_of(params, strategy, range(first_seed, first_seed + games))
    return Standing(strategy=strategy, seed=seed, same_seed_score_usd=same, games=games, first_seed=first_seed,
                    beaten_share=float(np.mean(many < score_usd)), median_score_usd=float(np.median(many)))
