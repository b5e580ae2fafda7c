"""The quarter's decisions as arrays, their limits, and the check that refuses bad ones.

The limits are the game's action mask: a strategy (or the UI) can read them before
deciding, and `check` refuses any row that breaks one, naming the field and the limit.
A refused row is left exactly as it was by `step`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from game.engine.kernel.arrays import pick, row_any, row_sum
from game.engine.kernel import portable_math as pm
from game.engine.params import N_FUNCTIONS, Params
from game.engine.state import PLAYING, State
from game.engine.units import fmt_count, fmt_usd

# Fixed ranges: (low, high) for fields whose limits do not depend on the state.
PRICE_RANGES = {
    "subscription_price_usd_per_month": (1.0, 1000.0),  # a paid tier at 0 $ is no paid tier
    "api_price_usd_per_mtok": (0.01, 1000.0),
    "free_tier_generosity": (0.25, 2.0),  # 1 = the 2024 free tier; 0.25 = a quarter of it
    "pay_level": (0.5, 3.0),  # pay / market pay
    "training_share": (0.0, 1.0),  # share of owned GPU-hours kept for training
    "safety_testing_weeks": (1.0, 26.0),  # facts §3 'rushed launch': 9 days (~1.3 weeks) was too short
}
# Term sheets on offer each quarter (decision `term_sheet`); 0 takes none.
NO_ROUND, VENTURE, STRATEGIC, SOVEREIGN = 0, 1, 2, 3
TERM_SHEETS = {VENTURE: "venture", STRATEGIC: "strategic cloud partner", SOVEREIGN: "sovereign fund"}


@dataclass(frozen=True)
class Decisions:
    """One row per game. Money in US dollars, GPUs in A100-equivalents."""

    term_sheet: np.ndarray  # int: 0 none, 1 venture, 2 strategic cloud partner, 3 sovereign fund
    equity_raise_usd: np.ndarray  # new money taken from the chosen term sheet
    credit_draw_usd: np.ndarray
    credit_repay_usd: np.ndarray
    gpu_purchase_a100e: np.ndarray  # bought now, delivered after the lead time
    gpu_rent_a100e: np.ndarray  # rented for this quarter
    training_share: np.ndarray
    training_budget_usd: np.ndarray  # cloud training compute, data and experiments
    subscription_price_usd_per_month: np.ndarray
    api_price_usd_per_mtok: np.ndarray
    free_tier_generosity: np.ndarray
    hires: np.ndarray  # (B, 4) by function
    layoffs: np.ndarray  # (B, 4) by function
    pay_level: np.ndarray
    retention_grants_usd: np.ndarray  # paid this quarter to keep people (cuts attrition and key departures)
    safety_testing_weeks: np.ndarray  # before launching a trained model; > 13 holds it to next quarter
    convert_to_for_profit: np.ndarray  # bool
    accept_acquisition: np.ndarray  # bool: take the acquihire offer (ends the game)
    ipo: np.ndarray  # bool: list the company this quarter

    @property
    def batch(self) -> int:
        return int(self.equity_raise_usd.shape[0])

    def evolve(self, **changes) -> "Decisions":
        return Decisions(**{name: changes.get(name, getattr(self, name)) for name in _DECISION_FIELDS})


_DECISION_FIELDS = tuple(f.name for f in fields(Decisions))


def hold(state: State) -> Decisions:
    """Decide nothing new: last quarter's rented fleet, training budget, prices and pay carry
    on; nothing is bought, raised, hired or converted. (It may spend cash the lab lacks:
    see strategies.base.within_limits for the legal version.)"""
    b = state.batch
    zero = np.zeros(b)
    no = np.zeros(b, dtype=bool)
    return Decisions(
        term_sheet=np.zeros(b, dtype=np.int64),
        equity_raise_usd=zero,
        credit_draw_usd=zero,
        credit_repay_usd=zero,
        gpu_purchase_a100e=zero,
        gpu_rent_a100e=state.gpus_rented_a100e.copy(),
        training_share=zero,
        training_budget_usd=state.training_budget_usd.copy(),
        subscription_price_usd_per_month=state.subscription_price_usd_per_month.copy(),
        api_price_usd_per_mtok=state.api_price_usd_per_mtok.copy(),
        free_tier_generosity=np.ones(b),
        hires=np.zeros((b, N_FUNCTIONS), order="F"),  # column-major, see engine.arrays
        layoffs=np.zeros((b, N_FUNCTIONS), order="F"),
        pay_level=np.ones(b),
        retention_grants_usd=zero,
        safety_testing_weeks=np.full(b, 8.0),
        convert_to_for_profit=no,
        accept_acquisition=no,
        ipo=no,
    )


@dataclass(frozen=True)
class Limits:
    """What this quarter allows, per game: the action mask."""

    term_sheet_max_usd: np.ndarray  # (B, 4): largest round per term sheet kind, column 0 unused (0)
    term_sheet_pre_money_usd: np.ndarray  # (B, 4)
    acquihire_offer_usd: np.ndarray  # 0 when no offer
    max_credit_draw_usd: np.ndarray
    max_gpu_purchase_a100e: np.ndarray
    gpu_price_usd_per_a100e: np.ndarray
    max_gpu_rent_a100e: np.ndarray
    rent_price_usd_per_a100e_hour: np.ndarray
    max_hires: np.ndarray  # all functions together
    hiring_cost_usd_per_hire: float
    ipo_allowed: np.ndarray


def quarter_prices(params: Params, quarter: int) -> tuple[float, float]:
    """(GPU purchase price per A100e, rent price per A100e-hour) in this quarter."""
    gpu = params.purchase_price_usd_per_a100e * pm.compound(params.purchase_price_change_per_quarter, quarter)
    rent = params.rent_price_usd_per_a100e_hour * pm.compound(params.rent_price_change_per_quarter, quarter)
    return gpu, rent


def limits(state: State, params: Params, quarter: int) -> Limits:
    from game.engine import finance  # finance imports this module's Decisions

    gpu_price, rent_price = quarter_prices(params, quarter)
    squeeze = state.gpu_squeeze  # a GPU shortage cuts supply and raises prices
    playing = state.outcome == PLAYING
    sizes, pre_money = finance.term_sheets(state, params)
    age_years = params.start_year_fraction + quarter / 4.0 - params.scenario.company.founded_year
    run_rate = 4.0 * state.revenue_history_usd[:, -1]
    return Limits(
        term_sheet_max_usd=sizes * playing[:, None],
        term_sheet_pre_money_usd=pre_money,
        acquihire_offer_usd=playing * finance.acquihire_offer(state, params),
        max_credit_draw_usd=playing * np.maximum(finance.credit_limit(state.equity_raised_total_usd, params, quarter) - state.debt_usd, 0.0),
        max_gpu_purchase_a100e=(1.0 - squeeze)
        * (params.purchase_supply_a100e_per_quarter * pm.compound(params.purchase_supply_growth_per_quarter, quarter)),
        gpu_price_usd_per_a100e=gpu_price * (1.0 + squeeze),
        max_gpu_rent_a100e=(1.0 - 0.5 * squeeze)
        * (params.rent_supply_a100e * pm.compound(params.rent_supply_growth_per_quarter, quarter)),
        rent_price_usd_per_a100e_hour=rent_price * (1.0 + 0.5 * squeeze),
        max_hires=np.full(state.batch, float(params.max_hires_per_quarter)),
        hiring_cost_usd_per_hire=params.hiring_cost_usd_per_hire,
        ipo_allowed=playing
        & (run_rate >= params.ipo_min_revenue_usd_per_year)
        & (age_years >= params.ipo_min_age_years),
    )


def committed_spend_usd(d: Decisions, lim: Limits) -> np.ndarray:
    """Cash the decisions spend up front: GPUs bought, training, recruiting.

    Rent and salaries are operating costs billed over the quarter: when they sink the
    cash, the credit line is drawn and then the lab is bankrupt; they are not refused.
    """
    return (
        d.gpu_purchase_a100e * lim.gpu_price_usd_per_a100e
        + d.training_budget_usd
        + row_sum(d.hires) * lim.hiring_cost_usd_per_hire
        + d.retention_grants_usd
    )


@dataclass(frozen=True)
class Violation:
    field: str
    mask: np.ndarray
    describe: object  # callable(row) -> str


def violations(state: State, d: Decisions, params: Params, quarter: int, lim: Limits | None = None) -> list[Violation]:
    """Every rule the decisions break, each with the rows that break it."""
    lim = lim or limits(state, params, quarter)
    out: list[Violation] = []
    if d.batch == 0:
        return out

    def rule(field, mask, describe):
        if mask.any():
            out.append(Violation(field, mask, describe))

    # The fixed rules are screened on each field's smallest and largest value: two
    # reductions, and the rows are looked at only when a value can break the rule.
    extent: dict[str, tuple] = {}

    def span(name: str) -> tuple:
        """The field's smallest and largest value (NaN if any value is NaN)."""
        if name not in extent:
            arr = getattr(d, name)
            extent[name] = (arr.min(), arr.max())
        return extent[name]

    for name in _DECISION_FIELDS:
        arr = getattr(d, name)
        if arr.dtype == bool:  # yes/no choices are always finite
            continue
        lowest, highest = span(name)
        if not (np.isfinite(lowest) and np.isfinite(highest)):
            bad = ~np.isfinite(arr)
            if bad.ndim > 1:
                bad = row_any(bad)
            rule(name, bad, lambda i, n=name: f"{n}: not a finite number")

    def beyond(name: str, lo: float, hi: float = np.inf) -> bool:
        """Whether some value of the field may lie outside [lo, hi] (NaN counts as may)."""
        lowest, highest = span(name)
        return not (lowest >= lo and highest <= hi)

    for name, (lo, hi) in PRICE_RANGES.items():
        if beyond(name, lo, hi):
            v = getattr(d, name)
            rule(name, (v < lo) | (v > hi), lambda i, n=name, v=v, lo=lo, hi=hi: f"{n}: {v[i]:g} is out of range (allowed {lo:g} to {hi:g})")

    for name in ("equity_raise_usd", "credit_draw_usd", "credit_repay_usd", "gpu_purchase_a100e", "gpu_rent_a100e",
                 "training_budget_usd", "retention_grants_usd"):
        if beyond(name, 0.0):
            v = getattr(d, name)
            rule(name, v < 0, lambda i, n=name, v=v: f"{n}: {v[i]:g} is negative (allowed 0 or more)")
    for name in ("hires", "layoffs"):
        if beyond(name, 0.0):
            rule(name, row_any(getattr(d, name) < 0), lambda i, n=name: f"{n}: a negative count (allowed 0 or more)")

    sheet = d.term_sheet
    bad_sheet = (sheet < NO_ROUND) | (sheet > SOVEREIGN)
    rule("term_sheet", bad_sheet, lambda i: f"term_sheet: {sheet[i]} is not a term sheet (allowed 0 none, 1 venture, 2 strategic, 3 sovereign)")
    offered = pick(lim.term_sheet_max_usd, np.clip(sheet, 0, SOVEREIGN))
    rule("equity_raise_usd", ~bad_sheet & (d.equity_raise_usd > offered + 0.5),
         lambda i: (f"equity_raise_usd: {fmt_usd(d.equity_raise_usd[i])} is more than the {TERM_SHEETS[int(sheet[i])]} term sheet offers (allowed up to {fmt_usd(offered[i])})"
                    if sheet[i] else f"equity_raise_usd: {fmt_usd(d.equity_raise_usd[i])} needs a term sheet (choose term_sheet 1, 2 or 3)"))
    rule("accept_acquisition", d.accept_acquisition & (lim.acquihire_offer_usd <= 0),
         lambda i: f"accept_acquisition: there is no acquihire offer (offers come when runway is under {params.acquihire_when_runway_below_quarters:g} quarters)")
    rule("convert_to_for_profit", d.convert_to_for_profit & state.for_profit,
         lambda i: "convert_to_for_profit: the lab is already for-profit")
    rule("credit_draw_usd", d.credit_draw_usd > lim.max_credit_draw_usd + 0.5,
         lambda i: f"credit_draw_usd: {fmt_usd(d.credit_draw_usd[i])} is more than the undrawn credit line (allowed up to {fmt_usd(lim.max_credit_draw_usd[i])})")
    rule("credit_repay_usd", d.credit_repay_usd > state.debt_usd + 0.5,
         lambda i: f"credit_repay_usd: {fmt_usd(d.credit_repay_usd[i])} is more than the debt (allowed up to {fmt_usd(state.debt_usd[i])})")
    rule("gpu_purchase_a100e", d.gpu_purchase_a100e > lim.max_gpu_purchase_a100e + 0.5,
         lambda i: f"gpu_purchase_a100e: {fmt_count(d.gpu_purchase_a100e[i])} is more than the market can supply this quarter (allowed up to {fmt_count(lim.max_gpu_purchase_a100e[i])})")
    rule("gpu_rent_a100e", d.gpu_rent_a100e > lim.max_gpu_rent_a100e + 0.5,
         lambda i: f"gpu_rent_a100e: {fmt_count(d.gpu_rent_a100e[i])} is more than the cloud can rent you (allowed up to {fmt_count(lim.max_gpu_rent_a100e[i])})")
    hires = row_sum(d.hires)
    rule("hires", hires > lim.max_hires + 0.5,
         lambda i: f"hires: {fmt_count(hires[i])} people is more than the job market supplies in a quarter (allowed up to {fmt_count(lim.max_hires[i])})")
    over_layoff = row_any(d.layoffs > state.headcount + 0.5)
    rule("layoffs", over_layoff, lambda i: "layoffs: more people than the function has (allowed up to its headcount)")
    rule("ipo", d.ipo & ~lim.ipo_allowed,
         lambda i: f"ipo: not allowed yet (needs {fmt_usd(params.ipo_min_revenue_usd_per_year)} a year of revenue and {params.ipo_min_age_years:g} years since founding)")

    available = state.cash_usd + d.equity_raise_usd + d.credit_draw_usd - d.credit_repay_usd
    spend = committed_spend_usd(d, lim)
    rule("spending", (spend > available + 0.5) & (spend > 0),
         lambda i: f"spending: {fmt_usd(spend[i])} on GPUs, training, hiring and retention grants is more than the cash available (allowed up to {fmt_usd(max(available[i], 0.0))} = cash + equity raised + credit drawn - repaid)")
    return out


def refused_mask(state: State, d: Decisions, params: Params, quarter: int, lim: Limits | None = None) -> np.ndarray:
    mask = np.zeros(state.batch, dtype=bool)
    for v in violations(state, d, params, quarter, lim):
        mask |= v.mask
    return mask


def messages_for_row(state: State, d: Decisions, params: Params, quarter: int, row: int = 0) -> list[str]:
    """The refusal messages for one game (the UI and the CLI show these)."""
    return [v.describe(row) for v in violations(state, d, params, quarter) if v.mask[row]]
