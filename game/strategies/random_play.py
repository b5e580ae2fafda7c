"""`random`: a different legal move every quarter, drawn from the game's own seed.

Each decision is a counter-based draw (seed, quarter, "strategy/random/...") inside this
quarter's limits, so a random game replays exactly and is the same alone or in a batch.
A baseline for the lab: any strategy worth the name should beat it.
"""

from __future__ import annotations

import numpy as np

from game.engine.kernel.arrays import by_column, pick
from game.engine.decisions import Decisions, hold
from game.engine.mechanics.talent import N_FUNCTIONS
from game.engine.params import Params
from game.engine.rules import Limits
from game.engine.kernel.rng import QuarterDraws
from game.engine.state import State
from game.strategies.base import gpus_for_demand, within_limits


def random_play(state: State, lim: Limits, params: Params, quarter: int) -> Decisions:
    draws = QuarterDraws(state.seed, quarter)
    u = lambda name: draws.uniform(f"strategy/random/{name}")  # noqa: E731
    rent, purchase = gpus_for_demand(state, lim, params, quarter, 0.0)
    sheet = np.floor(u("sheet") * 4).astype(np.int64)
    offered = pick(lim.term_sheet_max_usd, sheet)
    raising = u("raise") < 0.25
    d = hold(state).evolve(
        term_sheet=np.where(raising, sheet, 0),
        equity_raise_usd=np.where(raising, u("amount") * offered, 0.0),
        credit_draw_usd=u("draw") * lim.max_credit_draw_usd * (u("draws") < 0.2),
        gpu_rent_a100e=rent * (0.5 + u("rent")),
        gpu_purchase_a100e=purchase * u("buy"),
        training_budget_usd=state.finance.cash_usd * 0.3 * u("training"),
        subscription_price_usd_per_month=10.0 + 30.0 * u("sub-price"),
        api_price_usd_per_mtok=np.maximum(state.revenue.api_price_usd_per_mtok * (0.8 + 0.35 * u("api-price")), 0.05),
        free_tier_generosity=0.5 + u("generosity"),
        free_tier_small_model_share=u("small-model"),
        distillation_budget_usd=state.finance.cash_usd * 0.02 * u("distillation"),
        hires=np.floor(by_column(*(u(f"hire/{k}") for k in range(N_FUNCTIONS))) * lim.max_hires[:, None] / 4),
        pay_level=0.8 + 0.5 * u("pay"),
        safety_testing_weeks=1.0 + 20.0 * u("testing"),
        convert_to_for_profit=u("convert") < 0.1,
        ipo=u("ipo") < 0.3,
        accept_acquisition=u("acquihire") < 0.5,
        accept_offer=u("offer") < 0.5,  # a question asked, answered at random
    )
    return within_limits(d, state, lim)
