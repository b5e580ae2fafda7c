"""One quarter of one game as a flat record: the rows of `simulate --json`, saves and exports."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.engine.params import Params
from game.engine.state import OUTCOME_NAMES, State
from game.models.scenario import FUNCTIONS
from game.text.news import quarter_news


def _f(x) -> float:
    return float(x)


def quarter_row(params: Params, quarter: int, state: State, report: dict[str, np.ndarray], i: int = 0) -> dict[str, Any]:
    """The state after `quarter` and that quarter's flows, for game row `i`."""
    hc = state.headcount[i]
    rival_shares = {rid: _f(state.rival_consumer_share[i, k]) for k, rid in enumerate(params.rival_ids)}
    key_people = {kid: bool(state.key_people_present[i, k]) for k, kid in enumerate(params.key_people_ids)}
    return {
        "quarter": params.label(quarter),
        "revenue_usd": _f(report["revenue_usd"][i]),
        "subscription_revenue_usd": _f(report["subscription_revenue_usd"][i]),
        "api_revenue_usd": _f(report["api_revenue_usd"][i]),
        "inference_cost_usd": _f(report["inference_cost_usd"][i]),
        "idle_capacity_cost_usd": _f(report["idle_capacity_cost_usd"][i]),
        "training_cost_usd": _f(report["training_cost_usd"][i]),
        "staff_cost_usd": _f(report["staff_cost_usd"][i]),
        "operating_cost_usd": _f(report["operating_cost_usd"][i]),
        "depreciation_usd": _f(report["depreciation_usd"][i]),
        "interest_usd": _f(report["interest_usd"][i]),
        "net_income_usd": _f(report["net_income_usd"][i]),
        "capex_usd": _f(report["capex_usd"][i]),
        "one_off_usd": _f(report["one_off_usd"][i]),
        "equity_raised_usd": _f(report["equity_raised_usd"][i]),
        "equity_cash_usd": _f(report["equity_cash_usd"][i]),
        "compute_credits_used_usd": _f(report["compute_credits_used_usd"][i]),
        "turned_to_debt_usd": _f(report["turned_to_debt_usd"][i]),
        "debt_drawn_usd": _f(report["debt_drawn_usd"][i]),
        "debt_repaid_usd": _f(report["debt_repaid_usd"][i]),
        "cash_usd": _f(state.cash_usd[i]),
        "debt_usd": _f(state.debt_usd[i]),
        "runway_quarters": _f(state.runway_quarters[i]),
        "valuation_usd": _f(state.valuation_usd[i]),
        "founders_stake": _f(state.founders_stake[i]),
        "sentiment": _f(state.sentiment[i]),
        "for_profit": bool(state.for_profit[i]),
        "revenue_share": _f(state.revenue_share[i]),
        "compute_credits_usd": _f(state.compute_credits_usd[i]),
        "monthly_active_users": _f(state.monthly_active_users[i]),
        "subscribers": _f(state.subscribers[i]),
        "market_share": _f(state.consumer_share[i]),
        "api_share": _f(state.api_share[i]),
        "rival_market_share": rival_shares,
        "api_tokens_served": _f(report["api_tokens_served"][i]),
        "subscription_price_usd_per_month": _f(state.subscription_price_usd_per_month[i]),
        "api_price_usd_per_mtok": _f(state.api_price_usd_per_mtok[i]),
        "headcount": int(round(float(hc.sum()))),
        "headcount_by_function": {name: int(round(float(hc[k]))) for k, name in enumerate(FUNCTIONS)},
        "departures": _f(report["departures"][i]),
        "key_people": key_people,
        "morale": _f(state.morale[i]),
        "gpus_owned_a100e": _f(state.gpus_owned_a100e[i]),
        "gpus_rented_a100e": _f(state.gpus_rented_a100e[i]),
        "service_quality": _f(state.service_quality[i]),
        "utilisation": _f(report["utilisation"][i]),
        "capability": _f(state.capability[i]),
        "generation": int(state.generation[i]),
        "launched": bool(report["launched"][i]),
        "safety_incident": bool(report["safety_incident"][i]),
        "outcome": OUTCOME_NAMES[int(state.outcome[i])],
        "news": quarter_news(params, quarter, report, i),
    }


SNAPSHOT_KEYS = (
    "quarter", "revenue_usd", "inference_cost_usd", "training_cost_usd", "staff_cost_usd",
    "operating_cost_usd", "net_income_usd", "cash_usd", "monthly_active_users", "subscribers",
    "market_share", "headcount",
)
"""The keys the issue fixes for every quarter row; the rest are extra detail."""
