"""Helpers strategies share: reading the scenario's plan paths and fitting spend to cash."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from game.engine.decisions import Decisions
from game.engine.kernel import portable_math as pm
from game.engine.kernel.arrays import outer, pick, row_argmax, row_sum
from game.engine.kernel.periods import HOURS_PER_QUARTER
from game.engine.params import Params
from game.engine.rules import Limits, committed_spend_usd
from game.engine.state import State
from game.models.quarters import quarter_offset


class Strategy(Protocol):
    """A policy: the observed state and this quarter's limits in, decisions out (whole batch)."""

    def __call__(self, state: State, lim: Limits, params: Params, quarter: int) -> Decisions: ...


def path_value(path: list[tuple[str, float]], start: str, quarter: int) -> float:
    """Linear interpolation along a plan path of (quarter label, value) pairs."""
    xs = [quarter_offset(start, q) for q, _ in path]
    ys = [float(v) for _, v in path]
    return float(np.interp(quarter, xs, ys))


def gpus_for_demand(state: State, lim: Limits, params: Params, quarter: int, headroom: float) -> tuple[np.ndarray, np.ndarray]:
    """(GPUs to rent now, GPUs to order) to serve demand as it grows.

    Rent for last quarter's demand grown at each market's pace (the chatbot's and the
    API's, weighed by their share of the tokens, each slowing toward its ceiling), moved by
    the scenario's scheduled events of this quarter (a lab knows its own launches), less
    each quarter's efficiency gain; where the cloud cannot rent that much, order GPUs to
    arrive when the gap will be there.
    """
    m, market = params.demand, state.demand
    api_tokens = market.api_market_tokens_per_quarter * market.api_share
    all_tokens = state.compute.serving_hours_needed * state.compute.serving_tokens_per_a100e_hour
    api_part = np.clip(api_tokens / np.maximum(all_tokens, 1.0), 0.0, 1.0)
    consumer_growth = m.consumer_growth_per_quarter * (1.0 - market.consumer_market_users / m.consumer_users_ceiling)
    api_growth = m.api_growth_per_quarter * (1.0 - market.api_market_tokens_per_quarter / m.api_tokens_ceiling_per_quarter)
    consumer_jump, api_jump = scheduled_market_moves(params, quarter)
    tokens_growth = ((1.0 - api_part) * (1.0 + consumer_growth) * (1.0 + consumer_jump)
                     + api_part * (1.0 + api_growth) * (1.0 + api_jump))
    efficiency = 1.0 + params.compute.serving_efficiency_gain_per_quarter
    need_hours = state.compute.serving_hours_needed * tokens_growth / efficiency * (1.0 + headroom)
    wanted = np.maximum(need_hours / (HOURS_PER_QUARTER * params.compute.max_utilisation) - state.compute.gpus_owned_a100e, 0.0)
    rent = np.minimum(wanted, lim.max_gpu_rent_a100e)
    lead = params.compute.lead_time_quarters
    growth = (1.0 - api_part) * consumer_growth + api_part * api_growth
    ahead = pm.power((1.0 + growth) / efficiency, lead)
    future_gap = wanted * ahead - lim.max_gpu_rent_a100e * pm.compound(params.compute.rent_supply_growth_per_quarter, lead)
    purchase = np.maximum(future_gap - row_sum(state.compute.gpus_on_order_a100e), 0.0)
    return rent, purchase


def scheduled_market_moves(params: Params, quarter: int) -> tuple[float, float]:
    """(chatbot market, API market) relative moves the scenario's timeline schedules for
    `quarter`: written in the file, so a plan may count on them (a lab knows its launches)."""
    # (the quarter's effects add up, as events.timeline adds them; an effect of 0 is not listed)
    effects = [dict(spec.numeric) for _, spec in params.events.timeline.get(quarter, ())]
    return sum(e.get("consumer_market", 0.0) for e in effects), sum(e.get("api_market", 0.0) for e in effects)


def hires_toward(state: State, params: Params, target_total, mix) -> np.ndarray:
    """Hires per function to reach `target_total` people in proportions `mix`, allowing for attrition."""
    mix = np.asarray(mix, dtype=np.float64)
    desired = outer(np.asarray(target_total, dtype=np.float64).reshape(-1), mix) / mix.sum()
    expected_stay = state.talent.headcount * (1.0 - params.talent.base_attrition_per_quarter)
    return np.floor(np.maximum(desired - expected_stay, 0.0))


def spend_this_quarter(rent, purchase, training, lim: Limits) -> np.ndarray:
    return rent * lim.rent_price_usd_per_a100e_hour * HOURS_PER_QUARTER + training + purchase * lim.gpu_price_usd_per_a100e


def raise_if_short(state: State, lim: Limits, spend, below_runway: float, quarters_of_burn: float,
                   sheets: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(term sheet, amount): when runway is short, raise `quarters_of_burn` of burn from the
    largest of the allowed term sheets (the amount is cut to the offer by within_limits)."""
    burn = np.maximum(-state.finance.last_net_cash_flow_usd, 0.0)
    short = state.finance.runway_quarters < below_runway
    amount = short * (quarters_of_burn * np.maximum(burn, spend))
    sheet = row_argmax(lim.term_sheet_max_usd, sorted(sheets))
    return (amount > 0) * sheet, amount


def credit_moves(state: State, lim: Limits, equity, spend) -> tuple[np.ndarray, np.ndarray]:
    """(draw, repay): draw the line when cash would not cover the next two quarters (a round
    may not close in the next one: the line is there for the gap); repay from profits."""
    money = state.finance
    burn = np.maximum(-money.last_net_cash_flow_usd, 0.0)
    draw = (money.cash_usd + equity < CREDIT_COVER_QUARTERS * (spend + burn)) * lim.max_credit_draw_usd
    repay = (money.last_net_cash_flow_usd > 0) * np.minimum(money.debt_usd, money.last_net_cash_flow_usd)
    return draw, repay * (draw <= 0)


CREDIT_COVER_QUARTERS = 2.0  # quarters of spend and burn the cash (with this quarter's round) should cover


def fit_to_cash(d: Decisions, state: State, lim: Limits) -> Decisions:
    """Scale every up-front spend (the items `spend_by_decision` lists, retention grants included)
    down so together they never exceed the cash at hand (keeps rows legal)."""
    available = np.maximum(state.finance.cash_usd + d.equity_raise_usd + d.credit_draw_usd - d.credit_repay_usd, 0.0)
    spend = committed_spend_usd(d, lim)
    scale = np.where(spend > available, available / np.maximum(spend, 1.0) * 0.999, 1.0)
    return d.evolve(
        gpu_purchase_a100e=d.gpu_purchase_a100e * scale,
        training_budget_usd=d.training_budget_usd * scale,
        distillation_budget_usd=d.distillation_budget_usd * scale,
        hires=np.floor(d.hires * scale[:, None]),
        retention_grants_usd=d.retention_grants_usd * scale,
    )


def within_limits(d: Decisions, state: State, lim: Limits) -> Decisions:
    """Clip every quantity to this quarter's limits, then fit spend to cash."""
    hires_total = row_sum(d.hires)
    hire_scale = np.where(hires_total > lim.max_hires, lim.max_hires / np.maximum(hires_total, 1.0), 1.0)
    offered = pick(lim.term_sheet_max_usd, d.term_sheet)
    equity = np.clip(d.equity_raise_usd, 0.0, offered)
    d = d.evolve(
        term_sheet=(equity > 0) * d.term_sheet,
        equity_raise_usd=equity,
        accept_acquisition=d.accept_acquisition & (lim.acquihire_offer_usd > 0),
        convert_to_for_profit=d.convert_to_for_profit & ~state.funding.for_profit,
        credit_draw_usd=np.clip(d.credit_draw_usd, 0.0, lim.max_credit_draw_usd),
        credit_repay_usd=np.clip(d.credit_repay_usd, 0.0, state.finance.debt_usd),
        gpu_purchase_a100e=np.clip(d.gpu_purchase_a100e, 0.0, lim.max_gpu_purchase_a100e),
        gpu_rent_a100e=np.clip(d.gpu_rent_a100e, 0.0, lim.max_gpu_rent_a100e),
        hires=np.floor(np.maximum(d.hires, 0.0) * hire_scale[:, None]),
        layoffs=np.clip(d.layoffs, 0.0, state.talent.headcount),
        ipo=d.ipo & lim.ipo_allowed,
    )
    return fit_to_cash(d, state, lim)
