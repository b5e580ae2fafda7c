"""The books: the cash identity, the credit line, investors' claims, valuation and the runway.

Facts rows: §1 '2024 total operating cost', §4 'credit line' (4 B revolving credit beside
the Oct 2024 round), §4 'conversion deadline' (rounds turn into debt: investors claim their
money back), §4 'round, Oct 2024' and 'valuation, early 2024' (80 B, then above 150 B, on
revenue growing ~3x a year), §4 'valuation-to-sales', §4 'runway, Jul 2024'.

Every quarter, for every game:
    cash' = cash + revenue - operating cost - capex + equity (cash part) + compute credits used
            + debt drawn - debt repaid - interest - claim repaid + one-off events
    operating cost = inference + idle GPUs + training + staff (pay, hiring, severance, grants)
When cash' < 0 the undrawn credit line is drawn automatically; if that is not enough the
lab is bankrupt (game.engine.mechanics.outcome ends the game).

Valuation is built from sustained figures, so that no single quarter moves it much: the
trailing year's revenue, its growth quarter by quarter over the year before (the median
of four rates, which one odd quarter does not move), the trailing year's margin, the
brand's marks, and the market's mood. The founders' score is their stake of the equity:
valuation plus cash less debt and claims.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel import portable_math as pm
from game.engine.kernel.arrays import repeat_row, row_sum
from game.engine.kernel.periods import QUARTERS_PER_YEAR, TRAILING_YEAR
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
    valuation_min_base_usd_per_year: float  # growth counts a quarter below a quarter of this as that; margin is over at least this
    valuation_margin_weight: float
    valuation_brand_weight: float
    investor_claim_repay_quarters: int
    investor_claim_interest_rate_per_year: float

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        return from_sections(cls, sc.finance, sc.company,
                             credit_line_opens_index=quarter_offset(sc.start, sc.finance.credit_line_opens))


@dataclass(frozen=True)
class State:
    cash_usd: np.ndarray = leaf("usd", "Cash", "§4 'runway, Jul 2024'")
    debt_usd: np.ndarray = leaf("usd", "Debt on the credit line", "§4 'credit line'")
    investor_claim_usd: np.ndarray = leaf("usd", "Investors' claim: rounds turned into debt, falling due", "§4 'conversion deadline'")
    investor_claim_quarters_left: np.ndarray = hidden("quarters", "Quarters left to repay the investors' claim")
    valuation_usd: np.ndarray = leaf("usd", "Valuation", "§4 'round, Oct 2024'")
    compute_credits_usd: np.ndarray = leaf("usd", "Compute credits left on the partner's cloud", "§4 'earlier rounds'")
    revenue_history_usd: np.ndarray = hidden("usd", "The last eight quarters' revenue, oldest first (valuation)")
    net_income_history_usd: np.ndarray = hidden("usd", "The last four quarters' net income, oldest first (valuation's margin)")
    last_net_cash_flow_usd: np.ndarray = hidden("usd", "Operating cash flow of the last quarter (negative = burn)")

    @derived("quarters", "Runway: quarters of cash left at last quarter's burn", "§4 'runway, Jul 2024'")
    def runway_quarters(self) -> np.ndarray:  # (cached: limits, events and strategies read it in the same quarter)
        """Quarters of cash left at last quarter's burn (99 when not burning)."""
        burn = np.maximum(-self.last_net_cash_flow_usd, 1.0)
        return np.where(self.last_net_cash_flow_usd < 0, np.minimum(self.cash_usd / burn, NO_BURN_RUNWAY_QUARTERS), NO_BURN_RUNWAY_QUARTERS)

    @derived("usd", "Equity value: valuation plus cash, less debt and claims", "§4 'round, Oct 2024'")
    def equity_value_usd(self) -> np.ndarray:
        return equity_value(valuation_usd=self.valuation_usd, cash_usd=self.cash_usd,
                            debt_usd=self.debt_usd + self.investor_claim_usd)

    @derived("usd", "Revenue over the last four quarters", "§1 '2024 revenue (expected)'")
    def trailing_revenue_usd(self) -> np.ndarray:
        return row_sum(self.revenue_history_usd[:, -TRAILING_YEAR:])


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
    claim_repaid_usd: np.ndarray = leaf("usd", "Investors' claim repaid (its interest is in Interest)", "§4 'conversion deadline'")


@dataclass(frozen=True)
class Books:
    flows: Flows
    cash_usd: np.ndarray
    debt_usd: np.ndarray
    investor_claim_usd: np.ndarray
    investor_claim_quarters_left: np.ndarray
    compute_credits_usd: np.ndarray  # left after this quarter's rent
    operating_cash_flow_usd: np.ndarray
    bankrupt: np.ndarray


def trend_growth(*, revenue_history_usd, params: Params):
    """The yearly growth investors read in the last two years of revenue: each of the last
    four quarters against the same quarter a year before, and the middle two of those four
    rates averaged. One odd quarter, a spike or a dip, in either year, is an end of the
    four and is left out, so neither it nor the recovery after a dip counts as growth.
    A quarter below the floor's quarter counts as the floor (no growth from nothing)."""
    floor = params.valuation_min_base_usd_per_year / QUARTERS_PER_YEAR
    year_ago = np.maximum(revenue_history_usd[:, :TRAILING_YEAR], floor)
    rates = np.maximum(revenue_history_usd[:, TRAILING_YEAR:], floor) / year_ago
    middle_two = row_sum(rates) - rates.max(axis=1) - rates.min(axis=1)
    return 0.5 * middle_two - 1.0


def valuation(*, revenue_history_usd, net_income_history_usd, params: Params):
    """Trailing-year revenue times a multiple that rises with the revenue trend's growth
    and with the trailing margin (before sentiment). A quarter's spike moves the trailing
    year by a quarter of itself, not four times over, and the growth not at all (its rate
    is an end of the four and left out)."""
    trailing = row_sum(revenue_history_usd[:, -TRAILING_YEAR:])
    growth = np.clip(trend_growth(revenue_history_usd=revenue_history_usd, params=params), 0.0, params.valuation_growth_cap)
    margin = np.clip(row_sum(net_income_history_usd) / np.maximum(trailing, params.valuation_min_base_usd_per_year), -1.0, 1.0)
    multiple = (params.valuation_multiple_floor + params.valuation_growth_premium * growth) * (1.0 + params.valuation_margin_weight * margin)
    return trailing * multiple


def trust(*, brand_shift, params: Params):
    """Investors' mark-down while the brand carries a mark (an outage, an incident, a deal
    users dislike): exp(weight x the mark), 1 with a clean brand, back to 1 as the mark
    fades. Growth that only wins back the users a mark drove away is not new growth, and
    the discount keeps it from counting as such."""
    return pm.exp(params.valuation_brand_weight * np.minimum(brand_shift, 0.0))


def equity_value(*, valuation_usd, cash_usd, debt_usd):
    """What the shareholders own: the business, plus its cash, less what it owes (never below 0)."""
    return np.maximum(valuation_usd + cash_usd - debt_usd, 0.0)


def initial(sc: Scenario, batch: int, params: Params) -> State:
    c, full = sc.company, lambda v: np.full(batch, float(v))  # noqa: E731
    # The year before the four known quarters is known only as a total: spread it evenly.
    history = repeat_row([c.revenue_year_before_usd / TRAILING_YEAR] * TRAILING_YEAR
                         + list(c.revenue_last_four_quarters_usd), batch)
    # The trailing margin at the start: the last year's net income, known as a total too.
    net_income = repeat_row([c.net_income_last_year_usd / TRAILING_YEAR] * TRAILING_YEAR, batch)
    return State(
        cash_usd=full(c.cash_usd),
        debt_usd=full(0.0),
        investor_claim_usd=full(0.0),
        investor_claim_quarters_left=np.zeros(batch, dtype=np.int64),
        valuation_usd=sc.world.sentiment_start * valuation(revenue_history_usd=history, net_income_history_usd=net_income,
                                                           params=params),
        compute_credits_usd=full(c.compute_credits_usd),
        revenue_history_usd=history,
        net_income_history_usd=net_income,
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
           owned_training_cost_usd, distillation_usd, payroll_usd, retention_grants_usd, capex_usd, depreciation_usd, equity_cash_usd,
           new_credits_usd, rent_bill_usd, credit_draw_usd, credit_repay_usd, turned_to_debt_usd, event_cash_usd,
           incident_cash_usd, credit_limit_usd, params: Params) -> Books:
    """The quarter's income statement and the cash identity; compute credits pay rent first."""
    training_cost = training_budget_usd + committed_usd + owned_training_cost_usd + distillation_usd
    operating_cost = inference_cost_usd + idle_capacity_cost_usd + training_cost + payroll_usd + retention_grants_usd
    credits = state.compute_credits_usd + new_credits_usd
    credits_used = np.minimum(credits, rent_bill_usd)
    one_off = event_cash_usd + incident_cash_usd
    # Investors' claim (rounds turned into debt) falls due in equal parts, with interest;
    # a claim made this quarter starts next quarter.
    claim, left = state.investor_claim_usd, state.investor_claim_quarters_left
    claim_interest = claim * params.investor_claim_interest_rate_per_year / QUARTERS_PER_YEAR
    principal = claim / np.maximum(left, 1)  # (no claim: nothing; the last part: all that is left)
    interest = state.debt_usd * params.interest_rate_per_year / QUARTERS_PER_YEAR + claim_interest
    cash = (state.cash_usd + revenue_usd - operating_cost - capex_usd + equity_cash_usd + credits_used + credit_draw_usd
            - credit_repay_usd - interest - principal + one_off)
    debt = state.debt_usd + credit_draw_usd - credit_repay_usd
    automatic = np.clip(-cash, 0.0, np.maximum(credit_limit_usd - debt, 0.0))
    cash = cash + automatic
    claim_after = claim - principal + turned_to_debt_usd
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
            claim_repaid_usd=principal,
        ),
        cash_usd=cash,
        debt_usd=debt + automatic,
        investor_claim_usd=claim_after,
        investor_claim_quarters_left=np.where(turned_to_debt_usd > 0, params.investor_claim_repay_quarters,
                                              np.maximum(left - 1, 0)).astype(np.int64),
        compute_credits_usd=credits - credits_used,
        operating_cash_flow_usd=revenue_usd - operating_cost + credits_used - capex_usd - interest - principal + one_off,
        bankrupt=cash < 0.0,
    )


def close(*, state: State, books: Books, revenue_usd: np.ndarray, sentiment: np.ndarray, brand_shift: np.ndarray,
          acquired: np.ndarray, acquihire_offer_usd: np.ndarray, params: Params) -> State:
    """The books at the quarter's end: the histories move on a quarter, and valuation follows
    them, scaled by sentiment and marked down while the brand is marked (an acquisition
    values the lab at the offer)."""
    revenue_history = np.concatenate([state.revenue_history_usd[:, 1:], revenue_usd[:, None]], axis=1)
    net_income_history = np.concatenate([state.net_income_history_usd[:, 1:], books.flows.net_income_usd[:, None]], axis=1)
    value = sentiment * trust(brand_shift=brand_shift, params=params) * valuation(
        revenue_history_usd=revenue_history, net_income_history_usd=net_income_history, params=params)
    return State(
        cash_usd=books.cash_usd,
        debt_usd=books.debt_usd,
        investor_claim_usd=books.investor_claim_usd,
        investor_claim_quarters_left=books.investor_claim_quarters_left,
        valuation_usd=np.where(acquired, acquihire_offer_usd, value),
        compute_credits_usd=books.compute_credits_usd,
        revenue_history_usd=revenue_history,
        net_income_history_usd=net_income_history,
        last_net_cash_flow_usd=books.operating_cash_flow_usd,
    )
