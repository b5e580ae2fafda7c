"""What a quarter allows (the action mask) and the check that refuses decisions breaking it.

The limits depend only on the state and the quarter: a strategy (or the UI) reads them
before deciding, and `refused_mask` refuses any row that breaks one, naming the field and
the limit. Each limit comes from the mechanic that owns it (the GPU market from compute,
term sheets from funding, the credit line from finance, IPO and acquihire rules from
outcome); this module only gathers them. A refused row is left exactly as it was by `step`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.decisions import _DECISION_FIELDS, NO_ROUND, SOVEREIGN, TERM_SHEETS, Decisions
from game.engine.kernel.arrays import pick, row_any, row_sum
from game.engine.mechanics import compute, finance, funding, outcome
from game.engine.params import Params
from game.engine.state import State
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


def limits(state: State, params: Params, quarter: int) -> Limits:
    playing = outcome.playing(state.outcome)
    market = compute.gpu_market(squeeze=state.compute.gpu_squeeze, quarter=quarter, params=params.compute)
    sizes, pre_money = funding.term_sheets(sentiment=state.sentiment.sentiment, valuation_usd=state.finance.valuation_usd,
                                           params=params.funding)
    raised = state.funding.equity_raised_total_usd
    line = finance.credit_limit(equity_raised_total_usd=raised, quarter=quarter, params=params.finance)
    return Limits(
        term_sheet_max_usd=sizes * playing[:, None],
        term_sheet_pre_money_usd=pre_money,
        acquihire_offer_usd=playing * outcome.acquihire_offer(runway_quarters=state.finance.runway_quarters,
                                                              equity_raised_total_usd=raised, params=params.outcome),
        max_credit_draw_usd=playing * np.maximum(line - state.finance.debt_usd, 0.0),
        max_gpu_purchase_a100e=market.max_gpu_purchase_a100e,
        gpu_price_usd_per_a100e=market.gpu_price_usd_per_a100e,
        max_gpu_rent_a100e=market.max_gpu_rent_a100e,
        rent_price_usd_per_a100e_hour=market.rent_price_usd_per_a100e_hour,
        max_hires=np.full(state.batch, float(params.talent.max_hires_per_quarter)),
        hiring_cost_usd_per_hire=params.talent.hiring_cost_usd_per_hire,
        ipo_allowed=playing & outcome.ipo_allowed(last_quarter_revenue_usd=state.finance.revenue_history_usd[:, -1],
                                                  quarter=quarter, params=params.outcome),
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
         lambda i: f"accept_acquisition: there is no acquihire offer (offers come when runway is under {params.outcome.acquihire_when_runway_below_quarters:g} quarters)")
    rule("convert_to_for_profit", d.convert_to_for_profit & state.funding.for_profit,
         lambda i: "convert_to_for_profit: the lab is already for-profit")
    rule("credit_draw_usd", d.credit_draw_usd > lim.max_credit_draw_usd + 0.5,
         lambda i: f"credit_draw_usd: {fmt_usd(d.credit_draw_usd[i])} is more than the undrawn credit line (allowed up to {fmt_usd(lim.max_credit_draw_usd[i])})")
    rule("credit_repay_usd", d.credit_repay_usd > state.finance.debt_usd + 0.5,
         lambda i: f"credit_repay_usd: {fmt_usd(d.credit_repay_usd[i])} is more than the debt (allowed up to {fmt_usd(state.finance.debt_usd[i])})")
    rule("gpu_purchase_a100e", d.gpu_purchase_a100e > lim.max_gpu_purchase_a100e + 0.5,
         lambda i: f"gpu_purchase_a100e: {fmt_count(d.gpu_purchase_a100e[i])} is more than the market can supply this quarter (allowed up to {fmt_count(lim.max_gpu_purchase_a100e[i])})")
    rule("gpu_rent_a100e", d.gpu_rent_a100e > lim.max_gpu_rent_a100e + 0.5,
         lambda i: f"gpu_rent_a100e: {fmt_count(d.gpu_rent_a100e[i])} is more than the cloud can rent you (allowed up to {fmt_count(lim.max_gpu_rent_a100e[i])})")
    hires = row_sum(d.hires)
    rule("hires", hires > lim.max_hires + 0.5,
         lambda i: f"hires: {fmt_count(hires[i])} people is more than the job market supplies in a quarter (allowed up to {fmt_count(lim.max_hires[i])})")
    over_layoff = row_any(d.layoffs > state.talent.headcount + 0.5)
    rule("layoffs", over_layoff, lambda i: "layoffs: more people than the function has (allowed up to its headcount)")
    rule("ipo", d.ipo & ~lim.ipo_allowed,
         lambda i: f"ipo: not allowed yet (needs {fmt_usd(params.outcome.ipo_min_revenue_usd_per_year)} a year of revenue and {params.outcome.ipo_min_age_years:g} years since founding)")

    available = state.finance.cash_usd + d.equity_raise_usd + d.credit_draw_usd - d.credit_repay_usd
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
