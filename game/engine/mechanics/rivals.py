"""Rivals: each lab's capability path, launches, API price, exit and founding.

Facts rows: §3 'capability race' (rivals close the gap within a year), §3 'launch timing'
(launches on each other's big days), §3 'newer flagship / small model API price' and §6
'open models' (prices fall; free models set a floor), §4 'a lab that could not raise' and
'a lab bought for its people' (rivals leave the market), §5 'the core team' (11 people
left to found a rival).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.arrays import outer, repeat_row
from game.engine.kernel.rng import QuarterDraws
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import leaf
from game.engine.mechanics.events import EffectTotals
from game.engine.mechanics.training import capability_of
from game.models.scenario import Scenario


@dataclass(frozen=True)
class Params:
    rival_ids: tuple[str, ...]
    capability_gain: np.ndarray  # (R,) per quarter, on average
    api_price_change: np.ndarray  # (R,) per quarter
    launch_probability: np.ndarray  # (R,)
    launch_jump: np.ndarray  # (R,)
    exit_probability: np.ndarray  # (R,)
    rival_counter_launch_multiplier: float
    rival_exit_sentiment_pivot: float
    spin_out_capability_behind: float
    spin_out_rival: int  # index of the rival our departing key people found, -1 if none

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        rivals = sc.rivals
        arr = lambda name: np.asarray([getattr(r, name) for r in rivals], dtype=np.float64)  # noqa: E731
        spin = [i for i, r in enumerate(rivals) if r.enters == "on-spin-out"]
        return from_sections(
            cls, sc.world,
            rival_ids=tuple(r.id for r in rivals),
            capability_gain=arr("capability_gain_per_quarter"),
            api_price_change=arr("api_price_change_per_quarter"),
            launch_probability=arr("launch_probability_per_quarter"),
            launch_jump=arr("launch_capability_jump"),
            exit_probability=arr("exit_probability_per_quarter"),
            spin_out_rival=spin[0] if spin else -1,
        )


@dataclass(frozen=True)
class State:
    rival_capability: np.ndarray = leaf("log10_a100e_hours", "Rivals' capability", "§3 'capability race'", table="rivals")
    rival_api_price_usd_per_mtok: np.ndarray = leaf("usd_per_mtok", "Rivals' API prices", "§6 'open models'", table="rivals")
    rival_active: np.ndarray = leaf("flag", "Rivals in the market", "§4 'a lab that could not raise'", table="rivals", kind="bool")


@dataclass(frozen=True)
class Flows:
    rival_launched: np.ndarray = leaf("flag", "Rivals that launched", "§3 'launch timing'", table="rivals", kind="bool")
    rival_exited: np.ndarray = leaf("flag", "Rivals that left the market", "§4 'a lab bought for its people'", table="rivals", kind="bool")


@dataclass(frozen=True)
class Moves:
    state: State
    flows: Flows


def initial(sc: Scenario, batch: int) -> State:
    price = sc.compute.training_price_usd_per_a100e_hour
    return State(
        rival_capability=repeat_row(capability_of([r.flagship_training_cost_usd for r in sc.rivals], price), batch),
        rival_api_price_usd_per_mtok=repeat_row([r.api_price_usd_per_mtok for r in sc.rivals], batch),
        rival_active=repeat_row([r.enters == "at-start" for r in sc.rivals], batch, bool),
    )


def advance(*, state: State, we_launched: np.ndarray, sentiment: np.ndarray, hit: EffectTotals, spin_out_now: np.ndarray,
            our_capability: np.ndarray, draws: QuarterDraws, params: Params) -> Moves:
    """Each rival's quarter: progress, launches (more often on our big day), price cuts,
    failures (more when money is scarce), the quarter's events, and a spin-out founded.

    One draw per rival sets its quarter: its progress runs from nothing to twice the usual
    (mean 1); its best quarters (the top `launch probability` of draws) bring a launch, and
    its worst (the bottom `exit probability`, more when money is scarce) its exit.
    """
    active = state.rival_active
    luck = draws.uniform_parts("rivals/quarter", len(params.rival_ids))
    counter = 1.0 + (params.rival_counter_launch_multiplier - 1.0) * we_launched
    launch_odds = outer(counter, params.launch_probability)
    launched = active & (luck > 1.0 - launch_odds)
    capability = state.rival_capability + params.capability_gain * 2.0 * luck + launched * params.launch_jump
    # Labs that cannot raise fail, and small ones get bought, more often when money is scarce.
    exit_odds = outer(np.maximum(params.rival_exit_sentiment_pivot - sentiment, 0.0), params.exit_probability)
    exited = active & (luck < exit_odds)
    price = state.rival_api_price_usd_per_mtok * (1.0 + params.api_price_change)
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
        capability[founded, k] = our_capability[founded] - params.spin_out_capability_behind
    return Moves(state=State(rival_capability=capability, rival_api_price_usd_per_mtok=price, rival_active=active),
                 flows=Flows(rival_launched=launched, rival_exited=exited))
