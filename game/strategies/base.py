"""Helpers strategies share: reading the scenario's plan paths and fitting spend to cash."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from game.engine.arrays import row_sum
from game.engine.decisions import Decisions, Limits, committed_spend_usd
from game.engine.params import HOURS_PER_QUARTER, Params
from game.engine.state import State
from game.models.quarters import quarter_offset


class Strategy(Protocol):
    """A policy: the observed state and this quarter's limits in, decisions out (whole batch)."""

    def __call__(self, state: State, lim: Limits, params: Params, quarter: int) -> Decisions: ...


def path_value(path: list[tuple[str, float]], start: str, quarter: int) -> float:
    """Linear interpolation along a plan path of (quarter label, value) pairs."""
    xs = [quarter_offset(start, q) for q, _ in path]
    ys = [float(v) for _, v in path]
    return float(np.interp(quarter, xs, ys))


def rent_for_demand(state: State, params: Params, headroom: float, growth: float) -> np.ndarray:
    """Rented GPUs to serve last quarter's demand grown by `growth`, beyond owned capacity."""
    need_hours = state.serving_hours_needed * (1.0 + growth) * (1.0 + headroom)
    capacity_per_gpu = HOURS_PER_QUARTER * params.max_utilisation
    return np.maximum(need_hours / capacity_per_gpu - state.gpus_owned_a100e, 0.0)


def fit_to_cash(d: Decisions, state: State, lim: Limits) -> Decisions:
    """Scale discretionary spend down so it never exceeds the cash at hand (keeps rows legal)."""
    available = np.maximum(state.cash_usd + d.equity_raise_usd + d.credit_draw_usd - d.credit_repay_usd, 0.0)
    spend = committed_spend_usd(d, lim)
    scale = np.where(spend > available, available / np.maximum(spend, 1.0) * 0.999, 1.0)
    return d.evolve(
        gpu_purchase_a100e=d.gpu_purchase_a100e * scale,
        training_budget_usd=d.training_budget_usd * scale,
        hires=np.floor(d.hires * scale[:, None]),
    )


def best_term_sheet(lim: Limits) -> tuple[np.ndarray, np.ndarray]:
    """(kind, size) of the largest round on offer, preferring venture money on a tie."""
    kind = np.argmax(lim.term_sheet_max_usd, axis=1)
    return kind, np.take_along_axis(lim.term_sheet_max_usd, kind[:, None], axis=1)[:, 0]


def within_limits(d: Decisions, state: State, lim: Limits) -> Decisions:
    """Clip every quantity to this quarter's limits, then fit spend to cash."""
    hires_total = row_sum(d.hires)
    hire_scale = np.where(hires_total > lim.max_hires, lim.max_hires / np.maximum(hires_total, 1.0), 1.0)
    offered = np.take_along_axis(lim.term_sheet_max_usd, d.term_sheet[:, None], axis=1)[:, 0]
    equity = np.clip(d.equity_raise_usd, 0.0, offered)
    d = d.evolve(
        term_sheet=np.where(equity > 0, d.term_sheet, 0),
        equity_raise_usd=equity,
        accept_acquisition=d.accept_acquisition & (lim.acquihire_offer_usd > 0),
        convert_to_for_profit=d.convert_to_for_profit & ~state.for_profit,
        credit_draw_usd=np.clip(d.credit_draw_usd, 0.0, lim.max_credit_draw_usd),
        credit_repay_usd=np.clip(d.credit_repay_usd, 0.0, state.debt_usd),
        gpu_purchase_a100e=np.clip(d.gpu_purchase_a100e, 0.0, lim.max_gpu_purchase_a100e),
        gpu_rent_a100e=np.clip(d.gpu_rent_a100e, 0.0, lim.max_gpu_rent_a100e),
        hires=np.floor(np.maximum(d.hires, 0.0) * hire_scale[:, None]),
        layoffs=np.clip(d.layoffs, 0.0, state.headcount),
        ipo=d.ipo & lim.ipo_allowed,
    )
    return fit_to_cash(d, state, lim)
