"""`historical`: what the leading lab did and planned, read from the scenario's `historical`.

Scripted rounds (6.6 B in Q4 2024), the 4 B credit line drawn when cash runs short,
20 $ rising toward 44 $, staff toward ~1,700 and beyond, a training budget that doubles,
and rented GPUs sized to last quarter's demand. Everything else follows the state.
"""

from __future__ import annotations

import numpy as np

from game.engine.arrays import row_sum
from game.engine.decisions import VENTURE, Decisions, Limits, hold
from game.engine.params import HOURS_PER_QUARTER, Params
from game.engine.state import State
from game.models.quarters import quarter_offset
from game.strategies.base import best_term_sheet, path_value, rent_for_demand, within_limits


def historical(state: State, lim: Limits, params: Params, quarter: int) -> Decisions:
    plan = params.scenario.historical
    start = params.start
    d = hold(state)
    b = state.batch

    sub_price = np.full(b, path_value(plan.subscription_price_path, start, quarter))
    api_price = np.full(
        b, params.scenario.company.api_price_usd_per_mtok * (1.0 + plan.api_price_change_per_quarter) ** quarter
    )
    # GPUs: rent for last quarter's demand grown at the market's pace; where the cloud
    # cannot rent that much, order GPUs to arrive when the gap will be there.
    # Serving hours grow with the market but shrink with each quarter's efficiency gain.
    growth = (1.0 + params.consumer_growth_per_quarter) / (1.0 + params.serving_efficiency_gain_per_quarter) - 1.0
    wanted = rent_for_demand(state, params, plan.rent_headroom, growth)
    rent = np.minimum(wanted, lim.max_gpu_rent_a100e)
    ahead = (1.0 + growth) ** params.lead_time_quarters
    future_gap = wanted * ahead - lim.max_gpu_rent_a100e * (1.0 + params.rent_supply_growth_per_quarter) ** params.lead_time_quarters
    on_order = row_sum(state.gpus_on_order_a100e)
    purchase = np.maximum(future_gap - on_order, 0.0)
    # The plan's budget includes compute already contracted (billed anyway).
    planned = path_value(plan.training_budget_path_usd_per_year, start, quarter) / 4.0
    training = np.full(b, max(planned - params.committed_usd_per_quarter[quarter], 0.0))

    # Staff: hire toward the plan's headcount, in the plan's mix, allowing for attrition.
    target_total = path_value(plan.headcount_path, start, quarter + 1)
    mix = np.asarray(plan.function_mix.as_tuple(), dtype=np.float64)
    desired = target_total * mix / mix.sum()
    expected_stay = state.headcount * (1.0 - params.base_attrition_per_quarter)
    hires = np.floor(np.maximum(desired[None, :] - expected_stay, 0.0))

    # Money: scripted rounds on their dates; otherwise raise when runway is short, from
    # whichever term sheet offers the most (the round shrinks to what is on offer).
    scripted = sum(amount for q, amount in plan.rounds if quarter_offset(start, q) == quarter)
    burn = np.maximum(-state.last_net_cash_flow_usd, 0.0)
    spend_now = rent * lim.rent_price_usd_per_a100e_hour * HOURS_PER_QUARTER + training + purchase * lim.gpu_price_usd_per_a100e
    short = state.runway_quarters < plan.raise_when_runway_below_quarters
    unscripted = np.where(short & (scripted == 0), plan.raise_quarters_of_burn * np.maximum(burn, spend_now), 0.0)
    equity = np.full(b, float(scripted)) + unscripted
    # Venture money when it covers the round (the 6.6 B round was venture-led), else the biggest.
    biggest, _ = best_term_sheet(lim)
    sheet = np.where(lim.term_sheet_max_usd[:, VENTURE] >= equity, VENTURE, biggest)
    # Repay the credit line out of profits; draw it when cash would not cover the quarter.
    repay = np.where(state.last_net_cash_flow_usd > 0, np.minimum(state.debt_usd, state.last_net_cash_flow_usd), 0.0)
    draw = np.where(state.cash_usd + equity < spend_now + burn, lim.max_credit_draw_usd, 0.0)
    repay = np.where(draw > 0, 0.0, repay)

    d = d.evolve(
        equity_raise_usd=equity,
        credit_draw_usd=draw,
        credit_repay_usd=repay,
        gpu_rent_a100e=rent,
        gpu_purchase_a100e=purchase,
        training_budget_usd=training,
        subscription_price_usd_per_month=sub_price,
        api_price_usd_per_mtok=np.maximum(api_price, 0.05),
        hires=hires,
        pay_level=np.full(b, plan.pay_level),
        term_sheet=sheet,
        safety_testing_weeks=np.full(b, plan.safety_testing_weeks),
        convert_to_for_profit=np.full(b, quarter == params.historical_convert_index),
    )
    return within_limits(d, state, lim)
