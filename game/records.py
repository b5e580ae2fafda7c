"""One quarter of one game as a flat record: the rows of `simulate --json`, saves and exports."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.engine import OUTCOME_NAMES, Params, Report, State
from game.models.scenario import FUNCTIONS
from game.text.news import quarter_news


def _f(x) -> float:
    return float(x)


def quarter_row(params: Params, quarter: int, state: State, report: Report, i: int = 0) -> dict[str, Any]:
    """The state after `quarter` and that quarter's flows, for game row `i`."""
    hc = state.talent.headcount[i]
    rival_shares = {rid: _f(state.demand.rival_consumer_share[i, k]) for k, rid in enumerate(params.rival_ids)}
    key_people = {person.id: bool(state.talent.key_people_present[i, k]) for k, person in enumerate(params.scenario.world.key_people)}
    return {
        "quarter": params.label(quarter),
        "revenue_usd": _f(report.revenue.revenue_usd[i]),
        "subscription_revenue_usd": _f(report.revenue.subscription_revenue_usd[i]),
        "api_revenue_usd": _f(report.revenue.api_revenue_usd[i]),
        "inference_cost_usd": _f(report.compute.inference_cost_usd[i]),
        "idle_capacity_cost_usd": _f(report.compute.idle_capacity_cost_usd[i]),
        "training_cost_usd": _f(report.finance.training_cost_usd[i]),
        "staff_cost_usd": _f(report.talent.staff_cost_usd[i]),
        "operating_cost_usd": _f(report.finance.operating_cost_usd[i]),
        "depreciation_usd": _f(report.compute.depreciation_usd[i]),
        "interest_usd": _f(report.finance.interest_usd[i]),
        "net_income_usd": _f(report.finance.net_income_usd[i]),
        "capex_usd": _f(report.compute.capex_usd[i]),
        "one_off_usd": _f(report.finance.one_off_usd[i]),
        "equity_raised_usd": _f(report.funding.equity_raised_usd[i]),
        "equity_cash_usd": _f(report.funding.equity_cash_usd[i]),
        "compute_credits_used_usd": _f(report.finance.compute_credits_used_usd[i]),
        "turned_to_debt_usd": _f(report.funding.turned_to_debt_usd[i]),
        "debt_drawn_usd": _f(report.finance.debt_drawn_usd[i]),
        "debt_repaid_usd": _f(report.finance.debt_repaid_usd[i]),
        "cash_usd": _f(state.finance.cash_usd[i]),
        "debt_usd": _f(state.finance.debt_usd[i]),
        "runway_quarters": _f(state.finance.runway_quarters[i]),
        "valuation_usd": _f(state.finance.valuation_usd[i]),
        "founders_stake": _f(state.funding.founders_stake[i]),
        "sentiment": _f(state.sentiment.sentiment[i]),
        "for_profit": bool(state.funding.for_profit[i]),
        "revenue_share": _f(state.funding.revenue_share[i]),
        "compute_credits_usd": _f(state.finance.compute_credits_usd[i]),
        "monthly_active_users": _f(state.demand.monthly_active_users[i]),
        "subscribers": _f(state.revenue.subscribers[i]),
        "market_share": _f(state.demand.consumer_share[i]),
        "api_share": _f(state.demand.api_share[i]),
        "rival_market_share": rival_shares,
        "api_tokens_served": _f(report.revenue.api_tokens_served[i]),
        "subscription_price_usd_per_month": _f(state.revenue.subscription_price_usd_per_month[i]),
        "api_price_usd_per_mtok": _f(state.revenue.api_price_usd_per_mtok[i]),
        "headcount": int(round(float(hc.sum()))),
        "headcount_by_function": {name: int(round(float(hc[k]))) for k, name in enumerate(FUNCTIONS)},
        "departures": _f(report.talent.departures[i]),
        "key_people": key_people,
        "morale": _f(state.talent.morale[i]),
        "gpus_owned_a100e": _f(state.compute.gpus_owned_a100e[i]),
        "gpus_rented_a100e": _f(state.compute.gpus_rented_a100e[i]),
        "service_quality": _f(state.compute.service_quality[i]),
        "utilisation": _f(report.compute.utilisation[i]),
        "capability": _f(state.training.capability[i]),
        "generation": int(state.training.generation[i]),
        "launched": bool(report.training.launched[i]),
        "safety_incident": bool(report.safety.safety_incident[i]),
        "outcome": OUTCOME_NAMES[int(state.outcome.outcome[i])],
        "news": quarter_news(params, quarter, report, i),
    }


SNAPSHOT_KEYS = (
    "quarter", "revenue_usd", "inference_cost_usd", "training_cost_usd", "staff_cost_usd",
    "operating_cost_usd", "net_income_usd", "cash_usd", "monthly_active_users", "subscribers",
    "market_share", "headcount",
)
"""The keys the issue fixes for every quarter row; the rest are extra detail."""
