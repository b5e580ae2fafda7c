"""The quarter's decisions as arrays, their limits, and the check that refuses bad ones.

The limits are the game's action mask: a strategy (or the UI) can read them before
deciding, and `check` refuses any row that breaks one, naming the field and the limit.
A refused row is left exactly as it was by `step`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from game.engine.arrays import row_any, row_sum
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
}


@dataclass(frozen=True)
class Decisions:
    """One row per game. Money in US dollars, GPUs in A100-equivalents."""

    equity_raise_usd: np.ndarray  # new money taken from this quarter's term sheet
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
    ipo: np.ndarray  # bool: list the company this quarter

    @property
    def batch(self) -> int:
        return int(self.equity_raise_usd.shape[0])

    def evolve(self, **changes) -> "Decisions":
        return Decisions(**{f.name: changes.get(f.name, getattr(self, f.name)) for f in fields(self)})


def hold(state: State) -> Decisions:
    """Do nothing new: keep last quarter's rented fleet, prices and pay; buy, train and hire nothing."""
    b = state.batch
    zero = np.zeros(b)
    return Decisions(
        equity_raise_usd=zero,
        credit_draw_usd=zero,
        credit_repay_usd=zero,
        gpu_purchase_a100e=zero,
        gpu_rent_a100e=state.gpus_rented_a100e.copy(),
        training_share=zero,
        training_budget_usd=zero,
        subscription_price_usd_per_month=state.subscription_price_usd_per_month.copy(),
        api_price_usd_per_mtok=state.api_price_usd_per_mtok.copy(),
        free_tier_generosity=np.ones(b),
        hires=np.zeros((b, N_FUNCTIONS)),
        layoffs=np.zeros((b, N_FUNCTIONS)),
        pay_level=np.ones(b),
        ipo=np.zeros(b, dtype=bool),
    )


@dataclass(frozen=True)
class Limits:
    """What this quarter allows, per game: the action mask."""

    max_equity_raise_usd: np.ndarray  # size of this quarter's term sheet
    pre_money_valuation_usd: np.ndarray
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
    gpu = params.purchase_price_usd_per_a100e * (1 + params.purchase_price_change_per_quarter) ** quarter
    rent = params.rent_price_usd_per_a100e_hour * (1 + params.rent_price_change_per_quarter) ** quarter
    return gpu, rent


def limits(state: State, params: Params, quarter: int) -> Limits:
    from game.engine import finance  # finance imports this module's Decisions

    b = state.batch
    gpu_price, rent_price = quarter_prices(params, quarter)
    playing = state.outcome == PLAYING
    credit_open = quarter >= params.credit_line_opens_index
    line = params.credit_line_usd if credit_open else 0.0
    age_years = params.start_year_fraction + quarter / 4.0 - params.scenario.company.founded_year
    run_rate = 4.0 * state.revenue_history_usd[:, -1]
    return Limits(
        max_equity_raise_usd=np.where(playing, finance.term_sheet_size(state, params), 0.0),
        pre_money_valuation_usd=state.valuation_usd,
        max_credit_draw_usd=np.where(playing, np.maximum(line - state.debt_usd, 0.0), 0.0),
        max_gpu_purchase_a100e=np.full(
            b, params.purchase_supply_a100e_per_quarter * (1 + params.purchase_supply_growth_per_quarter) ** quarter
        ),
        gpu_price_usd_per_a100e=np.full(b, gpu_price),
        max_gpu_rent_a100e=np.full(b, params.rent_supply_a100e * (1 + params.rent_supply_growth_per_quarter) ** quarter),
        rent_price_usd_per_a100e_hour=np.full(b, rent_price),
        max_hires=np.full(b, float(params.max_hires_per_quarter)),
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

    def rule(field, mask, describe):
        if mask.any():
            out.append(Violation(field, mask, describe))

    for f in fields(d):
        arr = getattr(d, f.name)
        if arr.dtype == bool:
            continue
        bad = ~np.isfinite(arr)
        if bad.ndim > 1:
            bad = row_any(bad)
        rule(f.name, bad, lambda i, n=f.name: f"{n}: not a finite number")

    for name, (lo, hi) in PRICE_RANGES.items():
        v = getattr(d, name)
        rule(name, (v < lo) | (v > hi), lambda i, n=name, v=v, lo=lo, hi=hi: f"{n}: {v[i]:g} is out of range (allowed {lo:g} to {hi:g})")

    for name in ("equity_raise_usd", "credit_draw_usd", "credit_repay_usd", "gpu_purchase_a100e", "gpu_rent_a100e", "training_budget_usd"):
        v = getattr(d, name)
        rule(name, v < 0, lambda i, n=name, v=v: f"{n}: {v[i]:g} is negative (allowed 0 or more)")
    for name in ("hires", "layoffs"):
        v = getattr(d, name)
        rule(name, row_any(v < 0), lambda i, n=name: f"{n}: a negative count (allowed 0 or more)")

    rule("equity_raise_usd", d.equity_raise_usd > lim.max_equity_raise_usd + 0.5,
         lambda i: f"equity_raise_usd: {fmt_usd(d.equity_raise_usd[i])} is more than this quarter's term sheet offers (allowed up to {fmt_usd(lim.max_equity_raise_usd[i])})")
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
         lambda i: f"spending: {fmt_usd(spend[i])} on GPUs, training and hiring is more than the cash available (allowed up to {fmt_usd(max(available[i], 0.0))} = cash + equity raised + credit drawn - repaid)")
    return out


def refused_mask(state: State, d: Decisions, params: Params, quarter: int, lim: Limits | None = None) -> np.ndarray:
    mask = np.zeros(state.batch, dtype=bool)
    for v in violations(state, d, params, quarter, lim):
        mask |= v.mask
    return mask


def messages_for_row(state: State, d: Decisions, params: Params, quarter: int, row: int = 0) -> list[str]:
    """The refusal messages for one game (the UI and the CLI show these)."""
    return [v.describe(row) for v in violations(state, d, params, quarter) if v.mask[row]]
