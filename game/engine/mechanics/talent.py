"""Talent: headcount by function, pay against the market, morale, attrition, staff cost.

Facts rows: §1 "2024 staff cost" (~1.5 B for ~1,500 people: ~1 M $ per head-year),
§1 "headcount" (770 -> 1,700), §5 "departures" and "the core team" (16 of 51 left in
about four years: ~2.3% a quarter), §5 "why they leave" and "cost of talent" (pay and
morale drive attrition; the talent war raises market pay), §5 'leadership exits, Sep 2024'
and 'a lab that came apart' (named key people leave, cutting research speed), §5 'the
core team' (a group that leaves founds a rival), §5 'why they leave' (rivals' offers,
the turn to profit, neglected safety).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.arrays import row_any, row_sum
from game.engine.kernel import portable_math as pm
from game.engine.kernel.rng import QuarterDraws
from game.engine.params import RESEARCH, Params


@dataclass(frozen=True)
class TalentResult:
    headcount: np.ndarray  # (B, 4)
    morale: np.ndarray
    market_pay_usd_per_year: np.ndarray
    staff_cost_usd: np.ndarray
    hiring_cost_usd: np.ndarray
    departures: np.ndarray  # people who left of their own accord
    attrition_rate: np.ndarray
    research_multiplier: np.ndarray
    key_people_present: np.ndarray  # (B, K)
    key_people_left: np.ndarray  # (B, K) bool: left this quarter
    key_people_departed: np.ndarray


def resolve(headcount, morale, market_pay, hires, layoffs, pay_level, grants_usd, key_present, key_departed,
            pressure: np.ndarray, morale_shock: np.ndarray, event_key_departure: np.ndarray,
            draws: QuarterDraws, params: Params) -> TalentResult:
    """`pressure` is extra attrition this quarter (poaching, neglected safety, events);
    `morale_shock` is morale lost or gained to events and the for-profit turn."""
    total_before = row_sum(headcount)
    layoff_fraction = row_sum(layoffs) / np.maximum(total_before, 1.0)
    pay_pull = params.morale_pay_weight * (pay_level - 1.0)
    morale_target = 0.7 + 0.3 * pay_pull / (1.0 + np.abs(pay_pull))  # saturates toward 0.4 and 1.0
    morale = np.clip(
        morale + params.morale_adjustment_per_quarter * (morale_target - morale)
        - params.layoff_morale_hit * layoff_fraction + morale_shock,
        0.0,
        1.0,
    )
    sd = params.attrition_noise_sd
    luck = 1.0 + sd * draws.centered("talent/attrition")
    grant_per_head_year = 4.0 * grants_usd / np.maximum(total_before, 1.0)
    keep = pm.exp(-params.attrition_pay_sensitivity * (pay_level - 1.0)
                  - params.world.retention_grant_effect * grant_per_head_year / market_pay)
    # How much likelier than usual anyone is to leave: pay, grants, morale, luck, pressure.
    leave_factor = keep * (1.0 + params.attrition_morale_sensitivity * (1.0 - morale)) * luck
    attrition = np.clip(params.base_attrition_per_quarter * leave_factor + pressure, 0.0, 0.5)
    relative = attrition / params.base_attrition_per_quarter

    # Key people: at most one leaves of their own accord in a quarter. The quarter's draw
    # is laid against each present person's odds (moved like everyone's) end to end.
    key_left = np.zeros_like(key_present)
    draw = draws.uniform("talent/key-people")
    reach = np.zeros_like(draw)
    for k, base in enumerate(params.key_departure_probability):
        odds = key_present[:, k] * (base * relative)
        key_left[:, k] = (draw >= reach) & (draw < reach + odds)
        reach = reach + odds
    # An event's departure takes the most senior key person still here (the first listed).
    forced = np.flatnonzero(event_key_departure & row_any(key_present))
    key_left[forced, np.argmax(key_present[forced], axis=1)] = True
    key_present = key_present & ~key_left
    key_left_now = row_sum(key_left.astype(np.float64))
    morale = np.clip(morale - 0.05 * key_left_now, 0.0, 1.0)  # each exit shakes the rest
    staying = np.maximum(headcount - layoffs, 0.0)
    departures = staying * attrition[:, None]
    after = staying - departures + hires
    average = 0.5 * (total_before + row_sum(after))
    staff_cost = average * market_pay * pay_level / 4.0
    hiring_cost = row_sum(hires) * params.hiring_cost_usd_per_hire
    research = after[:, RESEARCH]
    missing_weight = row_sum(~key_present * params.key_research_weight)
    return TalentResult(
        headcount=after,
        morale=morale,
        market_pay_usd_per_year=market_pay * (1.0 + params.market_pay_growth_per_quarter),
        staff_cost_usd=staff_cost + hiring_cost,
        hiring_cost_usd=hiring_cost,
        departures=row_sum(departures),
        attrition_rate=attrition,
        research_multiplier=pm.power(np.maximum(research, 1.0) / params.research_reference_headcount, params.research_elasticity)
        * np.maximum(1.0 - missing_weight, 0.1),
        key_people_present=key_present,
        key_people_left=key_left,
        key_people_departed=key_departed + key_left_now.astype(np.int64),
    )
