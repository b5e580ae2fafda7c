"""The quarter's decisions as arrays, one row per game: what `step` takes besides the state.

`hold(state)` decides nothing new. The limits a row must keep, and the check that refuses
a row breaking one, are in game.engine.rules.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from game.engine.mechanics.funding import NO_ROUND, SOVEREIGN, STRATEGIC, TERM_SHEETS, VENTURE
from game.engine.mechanics.talent import N_FUNCTIONS
from game.engine.state import State


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
    free_tier_small_model_share: np.ndarray  # share of free users' tokens the small model serves
    distillation_budget_usd: np.ndarray  # makes the small model better and cheaper to serve
    hires: np.ndarray  # (B, 4) by function
    layoffs: np.ndarray  # (B, 4) by function
    pay_level: np.ndarray
    retention_grants_usd: np.ndarray  # paid this quarter to keep people (cuts attrition and key departures)
    safety_testing_weeks: np.ndarray  # before launching a trained model; > 13 holds it to next quarter
    convert_to_for_profit: np.ndarray  # bool
    accept_acquisition: np.ndarray  # bool: take the acquihire offer (ends the game)
    ipo: np.ndarray  # bool: list the company this quarter
    accept_offer: np.ndarray  # bool: take the offer of the card that asks (game.engine.mechanics.questions)

    @property
    def batch(self) -> int:
        return int(self.equity_raise_usd.shape[0])

    def in_engine_layout(self) -> "Decisions":
        """The same decisions with the (B, 4) tables column-major, as the engine keeps its
        tables (game.engine.kernel.arrays): a strategy may hand in either layout; this is the
        one place that decides. (No copy when they already are.)"""
        if self.hires.flags.f_contiguous and self.layoffs.flags.f_contiguous:
            return self
        return self.evolve(hires=np.asfortranarray(self.hires), layoffs=np.asfortranarray(self.layoffs))

    def evolve(self, **changes) -> "Decisions":
        return Decisions(**{name: changes.get(name, getattr(self, name)) for name in _DECISION_FIELDS})


_DECISION_FIELDS = tuple(f.name for f in fields(Decisions))


def hold(state: State) -> Decisions:
    """Decide nothing new: last quarter's rented fleet, training and distillation budgets,
    prices, the free tier's model and pay carry
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
        gpu_rent_a100e=state.compute.gpus_rented_a100e.copy(),
        training_share=zero,
        training_budget_usd=state.training.training_budget_usd.copy(),
        subscription_price_usd_per_month=state.revenue.subscription_price_usd_per_month.copy(),
        api_price_usd_per_mtok=state.revenue.api_price_usd_per_mtok.copy(),
        free_tier_generosity=np.ones(b),
        free_tier_small_model_share=state.small_model.free_tier_small_model_share.copy(),
        distillation_budget_usd=state.small_model.distillation_budget_usd.copy(),
        hires=np.zeros((b, N_FUNCTIONS), order="F"),  # column-major, see engine.arrays
        layoffs=np.zeros((b, N_FUNCTIONS), order="F"),
        pay_level=np.ones(b),
        retention_grants_usd=zero,
        safety_testing_weeks=np.full(b, 8.0),
        convert_to_for_profit=no,
        accept_acquisition=no,
        ipo=no,
        accept_offer=no,
    )



__all__ = ["Decisions", "NO_ROUND", "SOVEREIGN", "STRATEGIC", "TERM_SHEETS", "VENTURE", "hold"]
