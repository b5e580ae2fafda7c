"""A posture: a way of running the lab, written as data and played by one planner.

`frugal`, `blitzscale` and `safety-first` are postures. Unlike `historical` they read
nothing from the scenario's plan, so they play any scenario; everything they do follows
the observed state (revenue, runway, demand, the term sheets on offer).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from game.engine.kernel.arrays import row_sum
from game.engine.decisions import Decisions, hold
from game.engine.mechanics import training as training_model
from game.engine.rules import Limits
from game.engine.params import Params
from game.engine.state import State
from game.strategies.base import credit_moves, gpus_for_demand, hires_toward, raise_if_short, spend_this_quarter, within_limits


@dataclass(frozen=True)
class Posture:
    headcount_growth_per_quarter: float
    function_mix: tuple[float, float, float, float]  # research, engineering, safety, go-to-market
    pay_level: float
    retention_grant_share_of_payroll: float
    training_growth_per_quarter: float  # from last quarter's budget: scale-free, any size of lab
    training_share_of_revenue: float
    rent_headroom: float
    free_tier_generosity: float
    free_tier_small_model_share: float
    distillation_share_of_training: float  # the distillation budget, as a share of the training budget
    subscription_price_usd_per_month: float
    api_price_change_per_quarter: float
    raise_below_runway_quarters: float
    raise_quarters_of_burn: float
    term_sheets: tuple[int, ...]
    uses_credit: bool
    convert: Literal["early", "at-deadline", "never"]
    safety_testing_weeks: float
    list_when_allowed: bool
    accept_acquihire: bool

    def __call__(self, state: State, lim: Limits, params: Params, quarter: int) -> Decisions:
        b = state.batch
        revenue = state.finance.revenue_history_usd[:, -1]
        rent, purchase = gpus_for_demand(state, lim, params, quarter, self.rent_headroom)
        rent = rent * math.sqrt(self.free_tier_generosity)  # a stingier free tier needs fewer GPUs
        training = np.maximum(state.training.training_budget_usd * (1.0 + self.training_growth_per_quarter),
                              self.training_share_of_revenue * revenue)
        training = np.maximum(training - params.training.committed_usd_per_quarter[quarter], 0.0)
        training = self.no_run_past_the_end(training, state, params, quarter)
        distillation = self.distillation_share_of_training * training
        headcount = row_sum(state.talent.headcount)
        hires = hires_toward(state, params, headcount * (1.0 + self.headcount_growth_per_quarter), self.function_mix)
        payroll = headcount * state.talent.market_pay_usd_per_year * self.pay_level / 4.0

        spend = spend_this_quarter(rent, purchase, training + distillation, lim)
        sheet, equity = raise_if_short(state, lim, spend, self.raise_below_runway_quarters,
                                       self.raise_quarters_of_burn, self.term_sheets)
        draw, repay = credit_moves(state, lim, equity, spend)
        if not self.uses_credit:
            draw = np.zeros(b)

        due = state.funding.conversion_due_quarter
        due_soon = (due >= 0) & (due - quarter <= 1)
        convert = {"early": np.ones(b, dtype=bool), "at-deadline": due_soon, "never": np.zeros(b, dtype=bool)}[self.convert]
        profitable = state.finance.last_net_cash_flow_usd > 0

        d = hold(state).evolve(
            term_sheet=sheet,
            equity_raise_usd=equity,
            credit_draw_usd=draw,
            credit_repay_usd=repay,
            gpu_rent_a100e=rent,
            gpu_purchase_a100e=purchase,
            training_budget_usd=training,
            distillation_budget_usd=distillation,
            free_tier_small_model_share=np.full(b, self.free_tier_small_model_share),
            subscription_price_usd_per_month=np.full(b, self.subscription_price_usd_per_month),
            api_price_usd_per_mtok=np.maximum(state.revenue.api_price_usd_per_mtok * (1.0 + self.api_price_change_per_quarter), 0.05),
            free_tier_generosity=np.full(b, self.free_tier_generosity),
            hires=hires,
            pay_level=np.full(b, self.pay_level),
            retention_grants_usd=self.retention_grant_share_of_payroll * payroll,
            safety_testing_weeks=np.full(b, self.safety_testing_weeks),
            convert_to_for_profit=convert,
            accept_acquisition=np.full(b, self.accept_acquihire),
            ipo=np.full(b, self.list_when_allowed) & profitable,
        )
        return within_limits(d, state, lim)

    @staticmethod
    def no_run_past_the_end(training, state: State, params: Params, quarter: int):
        """A flagship that cannot launch while the game lasts earns nothing (the score is the
        stake at the end): when this pace would not finish the run a quarter before the end,
        train only what keeps post-training going (model work at full pace)."""
        t, flagship = params.training, state.training.flagship_compute_a100e_hours
        to_go = training_model.next_generation_compute(flagship, t) - state.training.run_compute_a100e_hours
        per_quarter = training_model.cloud_training_hours(training, quarter, t) * t.flagship_share_of_training
        finishes = to_go <= per_quarter * (params.quarters - quarter - 1)
        upkeep = training_model.cloud_training_usd(t.model_work_compute_share * flagship, quarter, t)
        return np.where(finishes, training, np.minimum(training, upkeep))
