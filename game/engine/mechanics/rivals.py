"""Rivals: each lab's capability path, launches, API price, exit and founding.

Facts rows: §3 'capability race' (rivals close the gap within a year), §3 'launch timing'
(launches on each other's big days), §3 'newer flagship / small model API price' and §6
'open models' (prices fall; free models set a floor), §4 'a lab that could not raise' and
'a lab bought for its people' (rivals leave the market), §5 'the core team' (11 people
left to found a rival).
"""

from __future__ import annotations

import numpy as np

from game.engine.kernel.arrays import outer
from game.engine.events import EffectTotals
from game.engine.kernel.rng import QuarterDraws
from game.engine.params import Params


def advance(capability, api_price, active, we_launched, sentiment, hit: EffectTotals, spin_out_now,
            our_capability, draws: QuarterDraws, params: Params):
    """(capability, API price, active, launched, exited) after this quarter.

    One draw per rival sets its quarter: its progress runs from nothing to twice the usual
    (mean 1); its best quarters (the top `launch probability` of draws) bring a launch, and
    its worst (the bottom `exit probability`, more when money is scarce) its exit.
    """
    n = len(params.rival_ids)
    luck = draws.uniform_parts("rivals/quarter", n)
    counter = 1.0 + (params.world.rival_counter_launch_multiplier - 1.0) * we_launched
    launch_odds = outer(counter, params.rival_launch_probability)
    launched = active & (luck > 1.0 - launch_odds)
    capability = capability + params.rival_capability_gain * 2.0 * luck + launched * params.rival_launch_jump
    # Labs that cannot raise fail, and small ones get bought, more often when money is scarce.
    exit_odds = outer(np.maximum(2.0 - sentiment, 0.0), params.rival_exit_probability)
    exited = active & (luck < exit_odds)
    price = api_price * (1.0 + params.rival_api_price_change)
    if hit.rival_capability is not None:  # the timeline moved a rival: (B, R) tables
        capability = capability + hit.rival_capability
        exited = exited | (active & hit.rival_exits)
        price = price * hit.rival_price_factor
    elif hit.rival_moves is not None:  # only deck cards did, in a few games: change just those
        m = hit.rival_moves
        at = (m.rows, m.rival)
        capability[at] += m.capability
        exited[at] |= active[at] & m.exits
        price[at] *= m.price_factor
    active = active & ~exited
    if params.spin_out_rival >= 0:
        # Our departing key people found a lab a step behind our current model.
        k = params.spin_out_rival
        founded = np.flatnonzero(spin_out_now)
        active[founded, k] = True
        capability[founded, k] = our_capability[founded] - 0.3
    return capability, price, active, launched, exited
