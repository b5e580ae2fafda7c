"""Money: term sheets, the cash identity, the credit line, dilution, the for-profit deadline,
acquihire offers, valuation and bankruptcy.

Facts rows: §4 'round, Oct 2024' and 'valuation, early 2024' (valuation ~40x run-rate
revenue while growing ~3x a year), §4 'valuation-to-sales', §4 'credit line', §4 'earlier
rounds' (a cloud partner joined three rounds), §4 "a rival's economics, 2024" (revenue
shared with the cloud investor), §4 'investor doubt' (sovereign money joined), §4
'conversion deadline', §4 'a lab bought for its people' (650 M repaid 1.525 B raised),
§4 'IPO rule of thumb'.

Every quarter, for every game:
    cash' = cash + revenue - operating cost - capex + equity (cash part) + compute credits used
            + debt drawn - debt repaid - interest - one-off costs
When cash' < 0 the undrawn credit line is drawn automatically; if that is not enough the
lab is bankrupt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.arrays import by_column, pick
from game.engine.params import Params

N_SHEETS = 4  # columns: none, venture, strategic cloud partner, sovereign fund


def valuation(revenue_usd, revenue_year_ago_usd, params: Params):
    """Run-rate revenue times a multiple that rises with year-on-year growth (before sentiment)."""
    growth = revenue_usd / np.maximum(revenue_year_ago_usd, 1.0) - 1.0
    multiple = params.valuation_multiple_floor + params.valuation_growth_premium * np.clip(growth, 0.0, params.valuation_growth_cap)
    return 4.0 * revenue_usd * multiple


def term_sheets(state, params: Params) -> tuple[np.ndarray, np.ndarray]:
    """(largest round, pre-money) per kind of term sheet, (B, 4) each.

    Venture money follows sentiment and closes only above a threshold; the cloud partner
    pays more at a discount and in part in compute credits; a sovereign fund writes the
    biggest cheques and stays longest when others leave, at a cost to the lab's brand.
    """
    s = state.sentiment
    pre = state.valuation_usd  # already scaled by sentiment
    venture = (s >= params.rounds_close_above_sentiment) * (params.max_round_fraction_of_valuation * pre)
    strategic = params.strategic_size_multiple * params.max_round_fraction_of_valuation * pre
    sovereign = np.where(s >= params.sovereign_min_sentiment,
                         params.sovereign_size_multiple * params.max_round_fraction_of_valuation * pre, 0.0)
    zero = np.zeros_like(pre)
    sizes = by_column(zero, venture, strategic, sovereign)
    pre_money = by_column(pre, pre, (1.0 - params.strategic_discount) * pre, pre)
    return sizes, pre_money


def credit_limit(equity_raised_total_usd, params: Params, quarter: int) -> np.ndarray:
    """The revolving line on offer: from its opening quarter, and (if the scenario says so)
    only once the lab has raised equity in the game, since banks lend beside a round."""
    opened = quarter >= params.credit_line_opens_index
    raised = equity_raised_total_usd > params.scenario.company.equity_raised_before_usd
    eligible = raised | (not params.credit_line_needs_round)
    return (eligible & opened) * params.credit_line_usd


def acquihire_offer(state, params: Params) -> np.ndarray:
    """When the money is nearly gone, big tech offers to repay part of what investors put in."""
    distressed = state.runway_quarters < params.acquihire_when_runway_below_quarters
    return distressed * (params.acquihire_offer_share_of_raised * state.equity_raised_total_usd)


@dataclass(frozen=True)
class Round:
    """A round taken this quarter, split into what it does to the books."""

    cash_usd: np.ndarray
    credits_usd: np.ndarray
    founders_stake: np.ndarray
    dilution: np.ndarray  # pre / post
    revenue_share: np.ndarray


def take_round(stake, revenue_share, sheet, amount, pre_money_table, params: Params) -> Round:
    from game.engine.decisions import STRATEGIC

    pre = pick(pre_money_table, np.clip(sheet, 0, N_SHEETS - 1))
    dilution = np.where(amount > 0, pre / np.maximum(pre + amount, 1.0), 1.0)
    strategic = sheet == STRATEGIC
    credits = strategic * (params.strategic_compute_credit_share * amount)
    share_gain = np.where(strategic, params.strategic_revenue_share_per_valuation_share * amount / np.maximum(pre, 1.0), 0.0)
    return Round(
        cash_usd=amount - credits,
        credits_usd=credits,
        founders_stake=stake * dilution,
        dilution=dilution,
        revenue_share=np.minimum(revenue_share + share_gain, params.max_revenue_share),
    )


@dataclass(frozen=True)
class Conversion:
    for_profit: np.ndarray
    convertible_equity_usd: np.ndarray
    convertible_dilution: np.ndarray
    due_quarter: np.ndarray
    founders_stake: np.ndarray
    turned_to_debt_usd: np.ndarray
    converted_now: np.ndarray


def conversion(for_profit, convertible, dilution, due, stake, convert_now, new_equity, round_dilution, quarter,
               params: Params) -> Conversion:
    """Rounds raised before the for-profit turn must see it within the deadline, or turn into debt."""
    converted_now = convert_now & ~for_profit
    for_profit = for_profit | convert_now
    raising = (new_equity > 0) & ~for_profit
    convertible = np.where(for_profit, 0.0, convertible + np.where(raising, new_equity, 0.0))
    dilution = np.where(for_profit, 1.0, dilution * np.where(raising, round_dilution, 1.0))
    due = np.where(for_profit, -1, np.where(raising & (due < 0), quarter + params.conversion_deadline_quarters, due))
    missed = (due >= 0) & (quarter >= due)
    # Investors' equity becomes a claim on the lab: their shares go back to the founders.
    return Conversion(
        for_profit=for_profit,
        convertible_equity_usd=np.where(missed, 0.0, convertible),
        convertible_dilution=np.where(missed, 1.0, dilution),
        due_quarter=np.where(missed, -1, due).astype(np.int64),
        founders_stake=np.where(missed, np.minimum(stake / np.maximum(dilution, 1e-9), 1.0), stake),
        turned_to_debt_usd=np.where(missed, convertible, 0.0),
        converted_now=converted_now,
    )


@dataclass(frozen=True)
class Books:
    cash_usd: np.ndarray
    debt_usd: np.ndarray
    debt_drawn_usd: np.ndarray  # chosen plus automatic draws
    automatic_draw_usd: np.ndarray
    interest_usd: np.ndarray
    net_income_usd: np.ndarray
    operating_cash_flow_usd: np.ndarray
    bankrupt: np.ndarray


def settle(cash, debt, revenue, operating_cost, capex, depreciation, equity_cash, credits_used, draw, repay,
           one_off_usd, credit_limit, params: Params) -> Books:
    interest = debt * params.interest_rate_per_year / 4.0
    cash_after = cash + revenue - operating_cost - capex + equity_cash + credits_used + draw - repay - interest + one_off_usd
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
        net_income_usd=revenue - operating_cost - depreciation - interest + one_off_usd,
        operating_cash_flow_usd=revenue - operating_cost + credits_used - capex - interest + one_off_usd,
        bankrupt=cash_after < 0.0,
    )
