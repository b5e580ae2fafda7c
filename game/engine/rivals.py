"""Rivals: each lab's capability path and API price, as the scenario defines them.

Facts rows: §3 "capability race" (rivals close the gap within a year), §3 "newer
flagship / small model API price" and §6 "open models" (prices fall; free models set a
floor). Each rival's quarterly gain has its own luck, drawn by rival id.
"""

from __future__ import annotations

import numpy as np

from game.engine import rng
from game.engine.params import Params

RIVAL_GAIN_NOISE = 0.5  # sd of a rival's quarterly gain, as a share of its mean gain


def advance(capability, api_price, seeds, params: Params, quarter: int):
    luck = np.stack(
        [rng.normal(seeds, quarter, f"rival/{rid}/progress") for rid in params.rival_ids], axis=1
    )
    gain = params.rival_capability_gain * np.maximum(1.0 + RIVAL_GAIN_NOISE * luck, 0.0)
    return capability + gain, api_price * (1.0 + params.rival_api_price_change)
