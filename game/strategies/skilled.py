"""A skilled hand-written policy for openai-2024: the lab's own plan, played with the three
trade-offs the economy rewards (issue 12's proof that thought beats the script).

- Price the subscription where revenue peaks (30 $: conversion falls by e for each
  `subscription_price_scale_usd_per_month` above the reference, so revenue = price x
  conversion is highest one scale above it), not at the script's 20 $.
- Route a tenth of the free tier to the small model: routing costs users in proportion to
  the share squared and saves GPUs in proportion to the share, so the best share is inside
  the range, not at either end (under engine 5, where a user is worth more, close to the
  flagship end: 0.1 beat 0, 0.2 and 0.3 on 200 seeds).
- Keep a modest distillation budget, so the small model the free tier gets is close to
  the flagship and cheap to serve (the first dollars of distillation do the most).

It is not one of the built-in strategies (the balance tables and the red team compare
those); tests/test_balance.py and benchmarks/grid.py measure it against `historical`.
"""

from __future__ import annotations

import numpy as np

from game.engine.decisions import Decisions
from game.engine.params import Params
from game.engine.rules import Limits
from game.engine.state import State
from game.strategies.base import within_limits
from game.strategies.historical import historical

SUBSCRIPTION_PRICE_USD_PER_MONTH = 30.0
FREE_TIER_SMALL_MODEL_SHARE = 0.1
DISTILLATION_USD_PER_QUARTER = 1e8


def skilled(state: State, lim: Limits, params: Params, quarter: int) -> Decisions:
    d = historical(state, lim, params, quarter)
    b = state.batch
    return within_limits(d.evolve(
        subscription_price_usd_per_month=np.full(b, SUBSCRIPTION_PRICE_USD_PER_MONTH),
        free_tier_small_model_share=np.full(b, FREE_TIER_SMALL_MODEL_SHARE),
        distillation_budget_usd=np.full(b, DISTILLATION_USD_PER_QUARTER),
    ), state, lim)
