"""Rivals: each lab's capability path and API price, as the scenario defines them.

Facts rows: §3 "capability race" (rivals close the gap within a year), §3 "newer
flagship / small model API price" and §6 "open models" (prices fall; free models set a
floor). Each rival's quarterly gain has its own luck, drawn by rival id.
"""

from __future__ import annotations

import numpy as np

from game.engine.rng import QuarterDraws
from game.engine.params import Params


def advance(capability, api_price, api_log_price, draws: QuarterDraws, params: Params):
    """(capability, API price, ln(price / reference)) after this quarter."""
    # A rival's quarter goes from nothing to twice its usual progress (uniform: mean 1).
    luck = 2.0 * draws.uniform_parts("rivals/progress", len(params.rival_ids))
    return (
        capability + params.rival_capability_gain * luck,
        api_price * (1.0 + params.rival_api_price_change),
        api_log_price + np.log1p(params.rival_api_price_change),
    )
