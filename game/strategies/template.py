"""The commented template `burnrate strategy new NAME` writes: a strategy file that plays
legally as it stands (it carries on as the built-in `idle` does) and shows each decision."""

from __future__ import annotations

TEMPLATE = '''\
"""{name}: a Burn Rate strategy.

    burnrate simulate --scenario openai-2024 --strategy {file}
    burnrate lab      --scenario openai-2024 --strategy {file} --games 2000
    burnrate sweep    --scenario openai-2024 --strategy {file} --vary company.cash_usd=5e9,1e10 --games 500

Burn Rate calls decide(seen, limits, quarter) once a quarter for a whole batch of games at
once: one game in `simulate`, thousands in `lab`. Every array has one row per game (the
batch axis first), so write arithmetic on arrays (np.where, np.minimum), not `if` on values.

  seen     the state of each game before this quarter, by the names of `simulate --json`:
           seen.cash_usd, seen.runway_quarters, seen.last_revenue_usd, seen.market_share,
           seen.headcount, seen.subscription_price_usd_per_month, seen.for_profit, ...
           plus seen.quarter_label ("2025Q1"), seen.games and seen.seed.
  limits   what this quarter allows each game: limits.term_sheet_max_usd[:, VENTURE],
           limits.max_credit_draw_usd, limits.max_gpu_rent_a100e, limits.max_hires, ...
  quarter  0 for the scenario's first quarter, 1 for the next, ...

`burnrate strategy fields` lists every figure and limit with its unit. Return a dict of
decisions (one number for all games, or an array with one per game); a decision left out
carries on from last quarter. legal() cuts the proposal to this quarter's limits and cash.

As written it decides nothing new, like the built-in `idle` (which goes bankrupt): edit the
lines below. Keep no state between calls: each game's decisions should depend on its own
row only, so that game i of a lab is the game `simulate --seed S0+i` plays.
"""

import numpy as np

from game.strategies.protocol import SOVEREIGN, STRATEGIC, VENTURE, legal  # noqa: F401


def decide(seen, limits, quarter):
    d = {{}}

    # -- Money -----------------------------------------------------------------
    # Raise a year of burn from the venture term sheet when less than 4 quarters are left:
    # short = seen.runway_quarters < 4
    # burn = np.maximum(-seen.last_net_cash_flow_usd, 0.0)
    # d["term_sheet"] = np.where(short, VENTURE, 0)
    # d["equity_raise_usd"] = np.where(short, np.minimum(4 * burn, limits.term_sheet_max_usd[:, VENTURE]), 0.0)
    # d["credit_draw_usd"] = 0.0                   # from the credit line (up to limits.max_credit_draw_usd)
    # d["convert_to_for_profit"] = False           # True once; rounds before it can turn into debt
    # d["ipo"] = limits.ipo_allowed                # list as soon as the rules allow

    # -- Compute ---------------------------------------------------------------
    # d["gpu_rent_a100e"] = np.minimum(seen.gpus_rented_a100e * 1.1, limits.max_gpu_rent_a100e)
    # d["gpu_purchase_a100e"] = 0.0                # delivered after the lead time

    # -- Prices ----------------------------------------------------------------
    # d["subscription_price_usd_per_month"] = 25.0
    # d["api_price_usd_per_mtok"] = seen.api_price_usd_per_mtok * 0.95
    # d["free_tier_generosity"] = 1.0              # 0.5 stingy .. 1.5 generous
    # d["free_tier_small_model_share"] = 0.5       # share of the free tier the small model serves

    # -- Talent ----------------------------------------------------------------
    # d["hires"] = {{"research": 20, "engineering": 20, "safety": 5, "go_to_market": 10}}
    # d["pay_level"] = 1.0                         # against market pay
    # d["retention_grants_usd"] = 0.0

    # -- Models ----------------------------------------------------------------
    # d["training_budget_usd"] = seen.training_budget_usd * 1.05
    # d["distillation_budget_usd"] = 0.0
    # d["safety_testing_weeks"] = 8.0

    return legal(d, seen, limits)
'''


def template(name: str, file: str) -> str:
    return TEMPLATE.format(name=name, file=file)
