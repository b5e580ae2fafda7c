"""Funding: term sheets, rounds and dilution, the cloud partner's strings, the for-profit turn.

Facts rows: §4 'round, Oct 2024' (6.6 B at above 150 B), §4 'earlier rounds' (a cloud
partner joined three rounds, one of 10 B), §4 "a rival's economics, 2024" (revenue shared
with the cloud investor), §4 'investor doubt' and 'mega-raise' (sovereign money joined, and
stays when others leave), §4 'conversion deadline' (rounds raised before the for-profit
turn become debt if it does not come within two years), §5 'why they leave' (the turn to
profit costs morale).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.arrays import by_column, pick
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import hidden, leaf
from game.models.scenario import Scenario

# Term sheets on offer each quarter (decision `term_sheet`); 0 takes none.
NO_ROUND, VENTURE, STRATEGIC, SOVEREIGN = 0, 1, 2, 3
N_SHEETS = 4
TERM_SHEETS = {VENTURE: "venture", STRATEGIC: "strategic cloud partner", SOVEREIGN: "sovereign fund"}


@dataclass(frozen=True)
class Params:
    rounds_close_above_sentiment: float
    max_round_fraction_of_valuation: float
    strategic_discount: float
    strategic_size_multiple: float
    strategic_compute_credit_share: float
    strategic_revenue_share_per_valuation_share: float
    max_revenue_share: float
    sovereign_size_multiple: float
    sovereign_min_sentiment: float
    sovereign_brand_cost: float
    conversion_deadline_quarters: int
    conversion_morale_hit: float

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        return from_sections(cls, sc.finance)


@dataclass(frozen=True)
class State:
    founders_stake: np.ndarray = leaf("share", "Founders' stake (your score is its value)", "§4 'round, Oct 2024'")
    equity_raised_total_usd: np.ndarray = leaf("usd", "Equity raised, all rounds", "§4 'earlier rounds'")
    revenue_share: np.ndarray = leaf("share", "Revenue share owed to the cloud partner", "§4 \"a rival's economics, 2024\"")
    for_profit: np.ndarray = leaf("flag", "For-profit", "§4 'conversion deadline'", kind="bool")
    convertible_equity_usd: np.ndarray = leaf("usd", "Equity that turns into debt if the deadline passes", "§4 'conversion deadline'")
    convertible_dilution: np.ndarray = hidden("ratio", "pre / post of the rounds raised before the for-profit turn (undone if they turn to debt)")
    conversion_due_quarter: np.ndarray = leaf("quarter", "Convert to for-profit by", "§4 'conversion deadline'", kind="quarter")


@dataclass(frozen=True)
class Flows:
    equity_raised_usd: np.ndarray = leaf("usd", "Equity raised this quarter", "§4 'round, Oct 2024'")
    equity_cash_usd: np.ndarray = leaf("usd", "Equity raised, the cash part", "§4 'earlier rounds'")
    turned_to_debt_usd: np.ndarray = leaf("usd", "Equity turned into debt at the missed deadline", "§4 'conversion deadline'")
    converted: np.ndarray = leaf("flag", "Turned for-profit this quarter", "§4 'conversion deadline'", kind="bool")


@dataclass(frozen=True)
class Deal:
    """The quarter's round and the for-profit turn, and what they do to the rest of the lab."""

    state: State
    flows: Flows
    credits_usd: np.ndarray  # the strategic partner's compute credits, usable only on its cloud
    brand_cost: np.ndarray  # consumer brand lost to a sovereign round
    morale_shock: np.ndarray  # morale lost to the for-profit turn


def initial(sc: Scenario, batch: int) -> State:
    c, full = sc.company, lambda v: np.full(batch, float(v))  # noqa: E731
    return State(
        founders_stake=full(c.founders_stake),
        equity_raised_total_usd=full(c.equity_raised_before_usd),
        revenue_share=full(c.revenue_share),
        for_profit=np.full(batch, c.for_profit),
        convertible_equity_usd=full(0.0),
        convertible_dilution=full(1.0),
        conversion_due_quarter=np.full(batch, -1, dtype=np.int64),
    )


def term_sheets(*, sentiment: np.ndarray, valuation_usd: np.ndarray, params: Params) -> tuple[np.ndarray, np.ndarray]:
    """(largest round, pre-money) per kind of term sheet, (B, 4) each.

    Venture money follows sentiment and closes only above a threshold; the cloud partner
    pays more at a discount and in part in compute credits; a sovereign fund writes the
    biggest cheques and stays longest when others leave, at a cost to the lab's brand.
    """
    s = sentiment
    pre = valuation_usd  # already scaled by sentiment
    venture = (s >= params.rounds_close_above_sentiment) * (params.max_round_fraction_of_valuation * pre)
    strategic = params.strategic_size_multiple * params.max_round_fraction_of_valuation * pre
    sovereign = np.where(s >= params.sovereign_min_sentiment,
                         params.sovereign_size_multiple * params.max_round_fraction_of_valuation * pre, 0.0)
    zero = np.zeros_like(pre)
    sizes = by_column(zero, venture, strategic, sovereign)
    pre_money = by_column(pre, pre, (1.0 - params.strategic_discount) * pre, pre)
    return sizes, pre_money


def advance(*, state: State, term_sheet: np.ndarray, equity_raise_usd: np.ndarray, convert_to_for_profit: np.ndarray,
            pre_money_usd: np.ndarray, quarter: int, params: Params) -> Deal:
    """A round from the chosen term sheet, then the for-profit turn and its deadline."""
    amount = equity_raise_usd
    pre = pick(pre_money_usd, np.clip(term_sheet, 0, N_SHEETS - 1))
    dilution = np.where(amount > 0, pre / np.maximum(pre + amount, 1.0), 1.0)
    strategic = term_sheet == STRATEGIC
    credits = strategic * (params.strategic_compute_credit_share * amount)
    share_gain = np.where(strategic, params.strategic_revenue_share_per_valuation_share * amount / np.maximum(pre, 1.0), 0.0)
    stake = state.founders_stake * dilution

    # Rounds raised before the for-profit turn must see it within the deadline, or turn into debt.
    converted_now = convert_to_for_profit & ~state.for_profit
    for_profit = state.for_profit | convert_to_for_profit
    raising = (amount > 0) & ~for_profit
    convertible = np.where(for_profit, 0.0, state.convertible_equity_usd + np.where(raising, amount, 0.0))
    convertible_dilution = np.where(for_profit, 1.0, state.convertible_dilution * np.where(raising, dilution, 1.0))
    due = state.conversion_due_quarter
    due = np.where(for_profit, -1, np.where(raising & (due < 0), quarter + params.conversion_deadline_quarters, due))
    missed = (due >= 0) & (quarter >= due)
    # Investors' equity becomes a claim on the lab: their shares go back to the founders.
    return Deal(
        state=State(
            founders_stake=np.where(missed, np.minimum(stake / np.maximum(convertible_dilution, 1e-9), 1.0), stake),
            equity_raised_total_usd=state.equity_raised_total_usd + equity_raise_usd,
            revenue_share=np.minimum(state.revenue_share + share_gain, params.max_revenue_share),
            for_profit=for_profit,
            convertible_equity_usd=np.where(missed, 0.0, convertible),
            convertible_dilution=np.where(missed, 1.0, convertible_dilution),
            conversion_due_quarter=np.where(missed, -1, due).astype(np.int64),
        ),
        flows=Flows(
            equity_raised_usd=equity_raise_usd,
            equity_cash_usd=amount - credits,
            turned_to_debt_usd=np.where(missed, convertible, 0.0),
            converted=converted_now,
        ),
        credits_usd=credits,
        brand_cost=((term_sheet == SOVEREIGN) & (amount > 0)) * params.sovereign_brand_cost,
        morale_shock=converted_now * params.conversion_morale_hit,
    )
