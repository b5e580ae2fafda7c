"""What a quarter allows (the action mask) and the check that refuses decisions breaking it.

The limits depend only on the state and the quarter: a strategy (or the UI) reads them
before deciding, and `refused_mask` refuses any row that breaks one, naming the field and
the limit. Each limit comes from the mechanic that owns it (the GPU market from compute,
term sheets from funding, the credit line from finance, IPO and acquihire rules from
outcome); this module only gathers them. A refused row is left exactly as it was by `step`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from game.engine.decisions import _DECISION_FIELDS, Decisions
from game.engine.kernel.arrays import pick, row_any, row_sum
from game.engine.kernel.tree import leaf
from game.engine.mechanics import compute, finance, funding, outcome
from game.engine.params import Params
from game.engine.state import State
from game.models.decisions import Refusal, TermSheet, decision_bounds


@dataclass(frozen=True)
class Limits:
    """What this quarter allows, per game: the action mask."""

    term_sheet_max_usd: np.ndarray = leaf("usd", "Largest round on offer, by term sheet", "§4 'round, Oct 2024'", table="sheets")
    term_sheet_pre_money_usd: np.ndarray = leaf("usd", "Pre-money valuation, by term sheet", "§4 'earlier rounds'", table="sheets")
    acquihire_offer_usd: np.ndarray = leaf("usd", "Acquihire offer (0: none)", "§4 'a lab bought for its people'")
    max_credit_draw_usd: np.ndarray = leaf("usd", "Undrawn credit line", "§4 'credit line'")
    max_gpu_purchase_a100e: np.ndarray = leaf("a100e", "Most GPUs the market sells you", "§2 'big buyers'")
    gpu_price_usd_per_a100e: np.ndarray = leaf("usd_per_a100e", "GPU price", "§2 '3.5 B buys'")
    max_gpu_rent_a100e: np.ndarray = leaf("a100e", "Most GPUs the cloud rents you", "§2 'inference cluster'")
    rent_price_usd_per_a100e_hour: np.ndarray = leaf("usd_per_a100e_hour", "Rent price", "§2 \"partner's price for that cluster\"")
    max_hires: np.ndarray = leaf("people", "Most hires this quarter, all functions", "§1 'headcount'", kind="int")
    hiring_cost_usd_per_hire: float = leaf("usd", "Recruiting cost per hire", "§5 'talent flows both ways'")
    ipo_allowed: np.ndarray = leaf("flag", "Listing allowed", "§4 'IPO rule of thumb'", kind="bool")


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
        ipo_allowed=playing & outcome.ipo_allowed(trailing_revenue_usd=state.finance.trailing_revenue_usd,
                                                  quarter=quarter, params=params.outcome),
    )


def committed_spend_usd(d: Decisions, lim: Limits) -> np.ndarray:
    """Cash the decisions spend up front: GPUs bought, training and distillation, recruiting.

    Rent and salaries are operating costs billed over the quarter: when they sink the
    cash, the credit line is drawn and then the lab is bankrupt; they are not refused.
    """
    return sum(spend_by_decision(d, lim).values())


def spend_by_decision(d: Decisions, lim: Limits) -> dict[str, np.ndarray]:
    """The up-front spend of each decision that spends cash, by decision field."""
    return {
        "gpu_purchase_a100e": d.gpu_purchase_a100e * lim.gpu_price_usd_per_a100e,
        "training_budget_usd": d.training_budget_usd,
        "distillation_budget_usd": d.distillation_budget_usd,
        "hires": row_sum(d.hires) * lim.hiring_cost_usd_per_hire,
        "retention_grants_usd": d.retention_grants_usd,
    }


@dataclass(frozen=True)
class Violation:
    field: str
    mask: np.ndarray  # (B,) the rows that break the rule
    refusal: Callable[[int], Refusal]  # row -> what is wrong there


# Fixed ranges, read once from the decisions' declarations (game.models.decisions): (name,
# lowest, highest). The term sheet is a choice with its own rule below.
_RANGES = tuple((name, lo, hi) for name, (lo, hi) in decision_bounds().items() if name != "term_sheet")


def violations(state: State, d: Decisions, params: Params, quarter: int, lim: Limits | None = None) -> list[Violation]:
    """Every rule the decisions break, each with the rows that break it."""
    lim = lim or limits(state, params, quarter)
    out: list[Violation] = []
    if d.batch == 0:
        return out

    def rule(field, mask, refusal):
        if mask.any():
            out.append(Violation(field, mask, refusal))

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
            rule(name, bad, lambda i, n=name: Refusal(n, "not_finite"))

    for name, lo, hi in _RANGES:
        lowest, highest = span(name)
        if lowest >= lo and highest <= hi:  # (NaN compares false: looked at, and refused above)
            continue
        v = getattr(d, name)
        outside = (v < lo) | (v > hi)
        if v.ndim > 1:  # people by function: the row's worst function
            rule(name, row_any(outside), lambda i, n=name, v=v, lo=lo, hi=hi: Refusal(
                n, "out_of_range", float(v[i][(v[i] < lo) | (v[i] > hi)][0]), hi, lo, {"per": "function"}))
        else:
            rule(name, outside, lambda i, n=name, v=v, lo=lo, hi=hi: Refusal(n, "out_of_range", float(v[i]), hi, lo))

    sheet = d.term_sheet
    bad_sheet = (sheet < TermSheet.NONE) | (sheet > TermSheet.SOVEREIGN)
    rule("term_sheet", bad_sheet, lambda i: Refusal("term_sheet", "not_a_term_sheet", float(sheet[i])))
    offered = pick(lim.term_sheet_max_usd, np.clip(sheet, 0, TermSheet.SOVEREIGN))
    rule("equity_raise_usd", ~bad_sheet & (d.equity_raise_usd > offered + 0.5),
         lambda i: (Refusal("equity_raise_usd", "over_offer", float(d.equity_raise_usd[i]), float(offered[i]),
                            detail={"term_sheet": TermSheet(int(sheet[i])).label})
                    if sheet[i] else Refusal("equity_raise_usd", "needs_term_sheet", float(d.equity_raise_usd[i]))))
    rule("accept_acquisition", d.accept_acquisition & (lim.acquihire_offer_usd <= 0),
         lambda i: Refusal("accept_acquisition", "no_offer",
                           detail={"runway_below_quarters": params.outcome.acquihire_when_runway_below_quarters}))
    rule("convert_to_for_profit", d.convert_to_for_profit & state.funding.for_profit,
         lambda i: Refusal("convert_to_for_profit", "already_for_profit"))
    rule("credit_draw_usd", d.credit_draw_usd > lim.max_credit_draw_usd + 0.5,
         lambda i: Refusal("credit_draw_usd", "over_credit_line", float(d.credit_draw_usd[i]), float(lim.max_credit_draw_usd[i])))
    rule("credit_repay_usd", d.credit_repay_usd > state.finance.debt_usd + 0.5,
         lambda i: Refusal("credit_repay_usd", "over_debt", float(d.credit_repay_usd[i]), float(state.finance.debt_usd[i])))
    rule("gpu_purchase_a100e", d.gpu_purchase_a100e > lim.max_gpu_purchase_a100e + 0.5,
         lambda i: Refusal("gpu_purchase_a100e", "over_supply", float(d.gpu_purchase_a100e[i]), float(lim.max_gpu_purchase_a100e[i])))
    rule("gpu_rent_a100e", d.gpu_rent_a100e > lim.max_gpu_rent_a100e + 0.5,
         lambda i: Refusal("gpu_rent_a100e", "over_rent_supply", float(d.gpu_rent_a100e[i]), float(lim.max_gpu_rent_a100e[i])))
    hires = row_sum(d.hires)
    rule("hires", hires > lim.max_hires + 0.5,
         lambda i: Refusal("hires", "over_job_market", float(hires[i]), float(lim.max_hires[i])))
    over_layoff = row_any(d.layoffs > state.talent.headcount + 0.5)
    rule("layoffs", over_layoff, lambda i: Refusal("layoffs", "over_headcount"))
    rule("ipo", d.ipo & ~lim.ipo_allowed,
         lambda i: Refusal("ipo", "ipo_not_allowed", detail={"revenue_usd_per_year": params.outcome.ipo_min_revenue_usd_per_year,
                                                              "age_years": params.outcome.ipo_min_age_years}))

    available = state.finance.cash_usd + d.equity_raise_usd + d.credit_draw_usd - d.credit_repay_usd
    parts = spend_by_decision(d, lim)
    spend = sum(parts.values())

    def over_cash(i: int) -> Refusal:
        # Named after the decision that spends the most, so the form marks that field.
        biggest = max(parts, key=lambda name: float(parts[name][i]))
        spending = [name for name in parts if float(parts[name][i]) > 0]  # every field the form marks
        return Refusal(biggest, "over_cash", float(spend[i]), max(float(available[i]), 0.0),
                       detail={"biggest_usd": float(parts[biggest][i]), "fields": spending})

    rule("spending", (spend > available + 0.5) & (spend > 0), over_cash)
    return out


def refused_mask(state: State, d: Decisions, params: Params, quarter: int, lim: Limits | None = None) -> np.ndarray:
    mask = np.zeros(state.batch, dtype=bool)
    for v in violations(state, d, params, quarter, lim):
        mask |= v.mask
    return mask


def refusals_for_row(state: State, d: Decisions, params: Params, quarter: int, row: int = 0) -> list[Refusal]:
    """Why one game's decisions are refused (empty when they are allowed)."""
    return [v.refusal(row) for v in violations(state, d, params, quarter) if v.mask[row]]
