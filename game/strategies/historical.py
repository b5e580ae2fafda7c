"""`historical`: what the leading lab did and planned, read from the scenario's `historical`.

Scripted rounds (6.6 B in Q4 2024), the 4 B credit line drawn when cash runs short,
20 $ rising toward 44 $, staff toward ~1,700 and beyond, a training budget that doubles,
the for-profit turn before the deadline, short safety testing, and GPUs rented (or
bought when the cloud runs short) for the demand. Everything else follows the state.
"""

from __future__ import annotations

import numpy as np

from game.engine.decisions import STRATEGIC, SOVEREIGN, VENTURE, Decisions, hold
from game.engine.rules import Limits
from game.engine.kernel import portable_math as pm
from game.engine.kernel.arrays import pick
from game.engine.params import Params
from game.engine.state import State
from game.models.quarters import quarter_offset
from game.strategies.base import (
    credit_moves, gpus_for_demand, hires_toward, path_value, raise_if_short, spend_this_quarter, within_limits,
)


def cards_taken(params: Params) -> list[int]:
    """The deck indices of the cards that ask whose offer the lab took (the plan's `accept_offers`)."""
    return [k for k, card in enumerate(params.scenario.world.deck) if card.id in params.scenario.historical.accept_offers]


def historical(state: State, lim: Limits, params: Params, quarter: int) -> Decisions:
    plan = params.scenario.historical
    start = params.start
    b = state.batch

    rent, purchase = gpus_for_demand(state, lim, params, quarter, plan.rent_headroom)
    # The plan's budget includes compute already contracted (billed anyway).
    planned = path_value(plan.training_budget_path_usd_per_year, start, quarter) / 4.0
    training = np.full(b, max(planned - params.training.committed_usd_per_quarter[quarter], 0.0))
    hires = hires_toward(state, params, path_value(plan.headcount_path, start, quarter + 1), plan.function_mix.as_tuple())
    distillation = np.full(b, path_value(plan.distillation_budget_path_usd_per_year, start, quarter) / 4.0
                           if plan.distillation_budget_path_usd_per_year else 0.0)
    small_share = (path_value(plan.free_tier_small_model_share_path, start, quarter)
                   if plan.free_tier_small_model_share_path else 0.0)

    # Money: scripted rounds on their dates (venture-led, as the 6.6 B round was);
    # otherwise raise when runway is short from whichever investor offers the most. A
    # strategic partner's money comes with a share of revenue for good (§4 "a rival's
    # economics, 2024": up to about half), so it is the last resort, taken only when no
    # venture fund or sovereign fund offers anything.
    spend = spend_this_quarter(rent, purchase, training + distillation, lim)
    sheet, equity = raise_if_short(state, lim, spend, plan.raise_when_runway_below_quarters,
                                   plan.raise_quarters_of_burn, (VENTURE, SOVEREIGN))
    sheet = np.where(pick(lim.term_sheet_max_usd, sheet) > 0, sheet, STRATEGIC)
    scripted = sum(amount for q, amount in plan.rounds if quarter_offset(start, q) == quarter)
    if scripted:
        sheet, equity = np.full(b, VENTURE), np.full(b, float(scripted))
    draw, repay = credit_moves(state, lim, equity, spend)

    d = hold(state).evolve(
        term_sheet=sheet,
        equity_raise_usd=equity,
        credit_draw_usd=draw,
        credit_repay_usd=repay,
        gpu_rent_a100e=rent,
        gpu_purchase_a100e=purchase,
        training_budget_usd=training,
        distillation_budget_usd=distillation,
        free_tier_small_model_share=np.full(b, small_share),
        subscription_price_usd_per_month=np.full(b, path_value(plan.subscription_price_path, start, quarter)),
        api_price_usd_per_mtok=np.full(
            b, max(params.scenario.company.api_price_usd_per_mtok * pm.compound(plan.api_price_change_per_quarter, quarter), 0.05)
        ),
        hires=hires,
        pay_level=np.full(b, plan.pay_level),
        safety_testing_weeks=np.full(b, plan.safety_testing_weeks),
        convert_to_for_profit=np.full(b, plan.convert_in is not None and quarter == quarter_offset(start, plan.convert_in)),
        accept_offer=np.isin(state.questions.asked, cards_taken(params)),
    )
    return within_limits(d, state, lim)
