"""The books: the cash identity, the credit line, interest, valuation and the runway.

Facts rows: §1 '2024 total operating cost', §4 'credit line' (4 B revolving credit beside
the Oct 2024 round), §4 'round, Oct 2024' and 'valuation, early 2024' (valuation ~40x
run-rate revenue while growing ~3x a year), §4 'valuation-to-sales', §4 'runway, Jul 2024'.

Every quarter, for every game:
    cash' = cash + revenue - operating cost - capex + equity (cash part) + compute credits used
            + debt drawn - debt repaid - interest + one-off events
    operating cost = inference + idle GPUs + training + staff (pay, hiring, retention grants)
When cash' < 0 the undrawn credit line is drawn automatically; if that is not enough the
lab is bankrupt (game.engine.mechanics.outcome ends the game).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.arrays import repeat_row
from game.engine.kernel.periods import QUARTERS_PER_YEAR
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import derived, hidden, leaf
from game.models.quarters import NO_BURN_RUNWAY_QUARTERS, quarter_offset
from game.models.scenario import Scenario



@dataclass(frozen=True)
class Params:
    interest_rate_per_year: float
    credit_line_usd: float
    credit_line_opens_index: int  # the quarter the line opens
    credit_line_needs_round: bool
    equity_raised_before_usd: float  # a round in the game is equity beyond this
    valuation_multiple_floor: float
    valuation_growth_premium: float
    valuation_growth_cap: float

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        return from_sections(cls, sc.finance, sc.company,
                             credit_line_opens_index=quarter_offset(sc.start, sc.finance.credit_line_opens))


@dataclass(frozen=True)
class State:
    cash_usd: np.ndarray = leaf("usd", "Cash", "§4 'runway, Jul 2024'")
    debt_usd: np.ndarray = leaf("usd", "Debt on the credit line", "§4 'credit line'")
    valuation_usd: np.ndarray = leaf("usd", "Valuation", "§4 'round, Oct 2024'")
    compute_credits_usd: np.ndarray = leaf("usd", "Compute credits left on the partner's cloud", "§4 'earlier rounds'")
    revenue_history_usd: np.ndarray = hidden("usd", "The last four quarters' revenue, oldest first (valuation's growth)")
    last_net_cash_flow_usd: np.ndarray = hidden("usd", "Operating cash flow of the last quarter (negative = burn)")

    @derived("quarters", "Runway: quarters of cash left at last quarter's burn", "§4 'runway, Jul 2024'")
    def runway_quarters(self) -> np.ndarray:  # (cached: limits, events and strategies read it in the same quarter)
        """Quarters of cash left at last quarter's burn (99 when not burning)."""
        burn = np.maximum(-self.last_net_cash_flow_usd, 1.0)
        return np.where(self.last_net_cash_flow_usd < 0, np.minimum(self.cash_usd / burn, NO_BURN_RUNWAY_QUARTERS), NO_BURN_RUNWAY_QUARTERS)


@dataclass(frozen=True)
class Flows:
    training_cost_usd: np.ndarray = leaf("usd", "Training", "§1 '2024 training cost, data included'")
    operating_cost_usd: np.ndarray = leaf("usd", "Operating cost", "§1 '2024 total operating cost'")
    interest_usd: np.ndarray = leaf("usd", "Interest", "§4 'credit line'")
    one_off_usd: np.ndarray = leaf("usd", "One-off events (fines, settlements)", "§6 'lawsuits'")
    net_income_usd: np.ndarray = leaf("usd", "Net income", "§1 '2024 net loss (expected)'")
    compute_credits_used_usd: np.ndarray = leaf("usd", "Compute credits used", "§4 'earlier rounds'")
    debt_drawn_usd: np.ndarray = leaf("usd", "Credit drawn (chosen and automatic)", "§4 'credit line'")
    automatic_draw_usd: np.ndarray = leaf("usd", "Credit drawn automatically when cash ran short", "§4 'credit line'")
    debt_repaid_usd: np.ndarray = leaf("usd", "Credit repaid", "§4 'credit line'")


@dataclass(frozen=True)
class Books:
    flows: Flows
    cash_usd: np.ndarray
    debt_usd: np.ndarray
    compute_credits_usd: np.ndarray  # left after this quarter's rent
    operating_cash_flow_usd: np.ndarray
    bankrupt: np.ndarray


def valuation(revenue_usd, revenue_year_ago_usd, params: Params):
    """Run-rate revenue times a multiple that rises with year-on-year growth (before sentiment)."""
    growth = revenue_usd / np.maximum(revenue_year_ago_usd, 1.0) - 1.0
    multiple = params.valuation_multiple_floor + params.valuation_growth_premium * np.clip(growth, 0.0, params.valuation_growth_cap)
    return QUARTERS_PER_YEAR * revenue_usd * multiple


def initial(sc: Scenario, batch: int, params: Params) -> State:
    c, full = sc.company, lambda v: np.full(batch, float(v))  # noqa: E731
    history = c.revenue_last_four_quarters_usd
    return State(
        cash_usd=full(c.cash_usd),
        debt_usd=full(0.0),
        valuation_usd=full(sc.world.sentiment_start * valuation(history[-1], history[0], params)),
        compute_credits_usd=full(c.compute_credits_usd),
        revenue_history_usd=repeat_row(history, batch),
        last_net_cash_flow_usd=full(0.0),
    )


def credit_limit(*, equity_raised_total_usd: np.ndarray, quarter: int, params: Params) -> np.ndarray:
    """The revolving line on offer: from its opening quarter, and (if the scenario says so)
    only once the lab has raised equity in the game, since banks lend beside a round."""
    opened = quarter >= params.credit_line_opens_index
    raised = equity_raised_total_usd > params.equity_raised_before_usd
    eligible = raised | (not params.credit_line_needs_round)
    return (eligible & opened) * params.credit_line_usd


def settle(*, state: State, revenue_usd, inference_cost_usd, idle_capacity_cost_usd, training_budget_usd, committed_usd,
           owned_training_cost_usd, payroll_usd, retention_grants_usd, capex_usd, depreciation_usd, equity_cash_usd,
           new_credits_usd, rent_bill_usd, credit_draw_usd, credit_repay_usd, turned_to_debt_usd, event_cash_usd,
           incident_cash_usd, credit_limit_usd, params: Params) -> Books:
    """The quarter's income statement and the cash identity; compute credits pay rent first."""
    training_cost = training_budget_usd + committed_usd + owned_training_cost_usd
    operating_cost = inference_cost_usd + idle_capacity_cost_usd + training_cost + payroll_usd + retention_grants_usd
    credits = state.compute_credits_usd + new_credits_usd
    credits_used = np.minimum(credits, rent_bill_usd)
    one_off = event_cash_usd + incident_cash_usd
    debt = state.debt_usd + turned_to_debt_usd
    interest = debt * params.interest_rate_per_year / QUARTERS_PER_YEAR
    cash = (state.cash_usd + revenue_usd - operating_cost - capex_usd + equity_cash_usd + credits_used + credit_draw_usd
            - credit_repay_usd - interest + one_off)
    debt = debt + credit_draw_usd - credit_repay_usd
    automatic = np.clip(-cash, 0.0, np.maximum(credit_limit_usd - debt, 0.0))
    cash = cash + automatic
    return Books(
        flows=Flows(
            training_cost_usd=training_cost,
            operating_cost_usd=operating_cost,
            interest_usd=interest,
            one_off_usd=one_off,
            net_income_usd=revenue_usd - operating_cost - depreciation_usd - interest + one_off,
            compute_credits_used_usd=credits_used,
            debt_drawn_usd=credit_draw_usd + automatic,
            automatic_draw_usd=automatic,
            debt_repaid_usd=credit_repay_usd,
        ),
        cash_usd=cash,
        debt_usd=debt + automatic,
        compute_credits_usd=credits - credits_used,
        operating_cash_flow_usd=revenue_usd - operating_cost + credits_used - capex_usd - interest + one_off,
        bankrupt=cash < 0.0,
    )


def close(*, state: State, books: Books, revenue_usd: np.ndarray, sentiment: np.ndarray, acquired: np.ndarray,
          acquihire_offer_usd: np.ndarray, params: Params) -> State:
    """The books at the quarter's end: valuation from revenue and its growth over a year,
    scaled by sentiment (an acquisition values the lab at the offer), and the new history."""
    value = sentiment * valuation(revenue_usd, state.revenue_history_usd[:, 0], params)
    return State(
        cash_usd=books.cash_usd,
        debt_usd=books.debt_usd,
        valuation_usd=np.where(acquired, acquihire_offer_usd, value),
        compute_credits_usd=books.compute_credits_usd,
        revenue_history_usd=np.concatenate([state.revenue_history_usd[:, 1:], revenue_usd[:, None]], axis=1),
        last_net_cash_flow_usd=books.operating_cash_flow_usd,
    )
