"""Talent: headcount by function, pay against the market, morale, attrition, staff cost.

Facts rows: §1 "2024 staff cost" (~1.5 B for ~1,500 people: ~1 M $ per head-year),
§1 "headcount" (770 -> 1,700), §5 "departures" and "the core team" (16 of 51 left in
about four years: ~2.3% a quarter), §5 "why they leave" and "cost of talent" (pay and
morale drive attrition; the talent war raises market pay).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.arrays import row_sum
from game.engine.rng import QuarterDraws
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


def resolve(headcount, morale, market_pay, hires, layoffs, pay_level, draws: QuarterDraws, params: Params) -> TalentResult:
    total_before = row_sum(headcount)
    layoff_fraction = row_sum(layoffs) / np.maximum(total_before, 1.0)
    pay_pull = params.morale_pay_weight * (pay_level - 1.0)
    morale_target = 0.7 + 0.3 * pay_pull / (1.0 + np.abs(pay_pull))  # saturates toward 0.4 and 1.0
    morale = np.clip(
        morale + params.morale_adjustment_per_quarter * (morale_target - morale) - params.layoff_morale_hit * layoff_fraction,
        0.0,
        1.0,
    )
    sd = params.attrition_noise_sd
    luck = 1.0 + sd * draws.centered("talent/attrition")
    attrition = np.clip(
        params.base_attrition_per_quarter
        * np.exp(-params.attrition_pay_sensitivity * (pay_level - 1.0))
        * (1.0 + params.attrition_morale_sensitivity * (1.0 - morale))
        * luck,
        0.0,
        0.5,
    )
    staying = np.maximum(headcount - layoffs, 0.0)
    departures = staying * attrition[:, None]
    after = staying - departures + hires
    average = 0.5 * (total_before + row_sum(after))
    staff_cost = average * market_pay * pay_level / 4.0
    hiring_cost = row_sum(hires) * params.hiring_cost_usd_per_hire
    research = after[:, RESEARCH]
    return TalentResult(
        headcount=after,
        morale=morale,
        market_pay_usd_per_year=market_pay * (1.0 + params.market_pay_growth_per_quarter),
        staff_cost_usd=staff_cost + hiring_cost,
        hiring_cost_usd=hiring_cost,
        departures=row_sum(departures),
        attrition_rate=attrition,
        research_multiplier=(np.maximum(research, 1.0) / params.research_reference_headcount) ** params.research_elasticity,
    )
