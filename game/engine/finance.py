"""Money: the cash identity, the credit line, equity and dilution, valuation, bankruptcy.

Facts rows: §4 "round, Oct 2024" and "valuation, early 2024" (valuation ~40x run-rate
revenue while growing ~3x a year), §4 "valuation-to-sales", §4 "credit line",
§4 "cost of staying alive", §4 "IPO rule of thumb".

Every quarter, for every game:
    cash' = cash + revenue - operating cost - capex + equity + debt drawn - debt repaid - interest
When cash' < 0 the undrawn credit line is drawn automatically; if that is not enough the
lab is bankrupt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.params import Params


def valuation(revenue_usd, revenue_year_ago_usd, params: Params):
    """Run-rate revenue times a multiple that rises with year-on-year growth."""
    growth = revenue_usd / np.maximum(revenue_year_ago_usd, 1.0) - 1.0
    multiple = params.valuation_multiple_floor + params.valuation_growth_premium * np.clip(growth, 0.0, params.valuation_growth_cap)
    return 4.0 * revenue_usd * multiple


def term_sheet_size(state, params: Params):
    """The largest round investors offer this quarter, at the current valuation."""
    return params.max_round_fraction_of_valuation * state.valuation_usd


@dataclass(frozen=True)
class Books:
    cash_usd: np.ndarray
    debt_usd: np.ndarray
    debt_drawn_usd: np.ndarray  # chosen plus automatic draws
    automatic_draw_usd: np.ndarray
    interest_usd: np.ndarray
    net_income_usd: np.ndarray
    operating_cash_flow_usd: np.ndarray
    founders_stake: np.ndarray
    bankrupt: np.ndarray


def settle(cash, debt, stake, pre_money, revenue, operating_cost, capex, depreciation, equity, draw, repay,
           credit_limit, params: Params) -> Books:
    interest = debt * params.interest_rate_per_year / 4.0
    cash_after = cash + revenue - operating_cost - capex + equity + draw - repay - interest
    debt_after = debt + draw - repay
    automatic = np.clip(-cash_after, 0.0, np.maximum(credit_limit - debt_after, 0.0))
    cash_after = cash_after + automatic
    debt_after = debt_after + automatic
    return Books(
        cash_usd=cash_after,
        debt_usd=debt_after,
        debt_drawn_usd=draw + automatic,
        automatic_draw_usd=automatic,
        interest_usd=interest,
        net_income_usd=revenue - operating_cost - depreciation - interest,
        operating_cash_flow_usd=revenue - operating_cost - capex - interest,
        founders_stake=np.where(equity > 0, stake * pre_money / np.maximum(pre_money + equity, 1.0), stake),
        bankrupt=cash_after < 0.0,
    )
