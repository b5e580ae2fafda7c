"""Sentiment: the market-wide hype index that sets valuations and whether rounds close.

Facts rows: §6 'bubble talk' (if the next flagship disappoints, the sector could be
revalued), §4 'investor doubt' (investors leave a round), §4 'round, Oct 2024' (a hot
round at 150 B). 1 is normal; above 1 is euphoria; below ~0.6 the funding window shuts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.arrays import row_sum
from game.engine.kernel.rng import QuarterDraws
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import leaf
from game.models.scenario import Scenario


@dataclass(frozen=True)
class Params:
    sentiment_reversion_per_quarter: float
    sentiment_per_our_launch: float
    sentiment_per_rival_exit: float
    sentiment_noise_sd: float
    launch_disappointment_below: float
    disappointment_multiple: float
    sentiment_floor: float
    sentiment_ceiling: float

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        return from_sections(cls, sc.world)


@dataclass(frozen=True)
class State:
    sentiment: np.ndarray = leaf("index", "Market sentiment (1 normal, 2 euphoria)", "§6 'bubble talk'")


def initial(sc: Scenario, batch: int) -> State:
    return State(sentiment=np.full(batch, float(sc.world.sentiment_start)))


def advance(*, state: State, launched: np.ndarray, launch_gain: np.ndarray, rival_exited: np.ndarray,
            event_shift: np.ndarray, incident_shift: np.ndarray, draws: QuarterDraws, params: Params) -> State:
    """Mean reversion toward 1, plus launches (a disappointing one hurts), rivals' failures,
    the quarter's events and a little noise."""
    launch_effect = np.where(launch_gain >= params.launch_disappointment_below, params.sentiment_per_our_launch,
                             -params.disappointment_multiple * params.sentiment_per_our_launch)
    shift = event_shift + incident_shift
    moved = (
        1.0
        + (1.0 - params.sentiment_reversion_per_quarter) * (state.sentiment - 1.0)
        + launched * launch_effect
        + params.sentiment_per_rival_exit * row_sum(rival_exited.astype(np.float64))
        + shift
        + params.sentiment_noise_sd * draws.centered("sentiment")
    )
    return State(sentiment=np.clip(moved, params.sentiment_floor, params.sentiment_ceiling))
