"""Sentiment: the market-wide hype index that sets valuations and whether rounds close.

Facts rows: §6 'bubble talk' (if the next flagship disappoints, the sector could be
revalued), §4 'investor doubt' (investors leave a round), §4 'round, Oct 2024' (a hot
round at 150 B). 1 is normal; above 1 is euphoria; below ~0.6 the funding window shuts.
"""

from __future__ import annotations

import numpy as np

from game.engine.kernel.rng import QuarterDraws

SENTIMENT_FLOOR, SENTIMENT_CEILING = 0.2, 3.0


def advance(sentiment, launched, launch_gain, rival_exits, event_shift, draws: QuarterDraws, world) -> np.ndarray:
    """Mean reversion toward 1, plus launches (a disappointing one hurts), rivals' failures,
    the quarter's events and a little noise."""
    launch_effect = np.where(
        launch_gain >= world.launch_disappointment_below, world.sentiment_per_our_launch, -2.0 * world.sentiment_per_our_launch
    )
    moved = (
        1.0
        + (1.0 - world.sentiment_reversion_per_quarter) * (sentiment - 1.0)
        + launched * launch_effect
        + world.sentiment_per_rival_exit * rival_exits
        + event_shift
        + world.sentiment_noise_sd * draws.centered("sentiment")
    )
    return np.clip(moved, SENTIMENT_FLOOR, SENTIMENT_CEILING)
