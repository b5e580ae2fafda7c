"""The red team: degenerate policies a clever student would try, to prove no corner wins.

Each policy takes a good strategy (the best built-in one for the scenario) and pushes one
decision, or a pair, to an end of its allowed range: for one quarter (the first, the
middle or the last) or for the whole game. What the policy plays is kept legal by the
same clipping every built-in strategy uses (strategies.base.within_limits), so the engine
plays it rather than refusing it. tests/test_red_team.py holds the rule: no policy here
beats the best built-in strategy's mean score by more than 10%, in any scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from game.engine import build_params
from game.engine.decisions import SOVEREIGN, Decisions
from game.engine.kernel import tree
from game.engine.params import Params
from game.engine.rules import Limits
from game.engine.state import State
from game.models.decisions import decision_bounds
from game.play.pool import map_in_workers
from game.play.runner import run, score
from game.scenarios import load_scenario
from game.strategies import STRATEGIES
from game.strategies.base import Strategy, within_limits

BOUNDS = decision_bounds()
LOW = {name: low for name, (low, _) in BOUNDS.items()}
HIGH = {name: high for name, (_, high) in BOUNDS.items()}

# When a push applies: a quarter's index -> bool, given the game's length.
When = Callable[[int, int], bool]
ALWAYS: When = lambda quarter, quarters: True  # noqa: E731
FIRST: When = lambda quarter, quarters: quarter == 0  # noqa: E731
MIDDLE: When = lambda quarter, quarters: quarter == quarters // 2  # noqa: E731
LAST: When = lambda quarter, quarters: quarter == quarters - 1  # noqa: E731
YEAR_BEFORE_END: When = lambda quarter, quarters: quarter == quarters - 5  # noqa: E731


def _fill(value, like: np.ndarray) -> np.ndarray:
    return np.full(like.shape, value, dtype=like.dtype)


@dataclass(frozen=True)
class Push:
    """Decisions pushed to an end: `changes(d, state, lim)` returns the fields to replace."""

    name: str
    when: When
    changes: Callable[[Decisions, State, Limits], dict]

    def on(self, base: Strategy) -> Strategy:
        def policy(state: State, lim: Limits, params: Params, quarter: int) -> Decisions:
            d = base(state, lim, params, quarter)
            if self.when(quarter, params.quarters):
                d = within_limits(d.evolve(**self.changes(d, state, lim)), state, lim)
            return d

        policy.__name__ = self.name
        return policy


def _set(**values) -> Callable:
    """Fields set to fixed values (numbers broadcast over the batch)."""
    def changes(d: Decisions, state: State, lim: Limits) -> dict:
        return {name: _fill(value, getattr(d, name)) for name, value in values.items()}
    return changes


def _all_credit(d, state, lim):
    return {"credit_draw_usd": lim.max_credit_draw_usd.copy(), "credit_repay_usd": np.zeros_like(d.credit_repay_usd)}


def _biggest_round(sheet: int) -> Callable:
    def changes(d, state, lim):
        return {"term_sheet": _fill(sheet, d.term_sheet), "equity_raise_usd": lim.term_sheet_max_usd[:, sheet].copy()}
    return changes


def _raise_never_convert(d, state, lim):
    return {**_biggest_round(1)(d, state, lim), "convert_to_for_profit": np.zeros_like(d.convert_to_for_profit)}


def _lay_everyone_off(d, state, lim):
    return {"layoffs": state.talent.headcount.astype(np.float64), "hires": np.zeros_like(d.hires)}


def _most_hires(d, state, lim):
    return {"hires": np.repeat(lim.max_hires[:, None] / d.hires.shape[1], d.hires.shape[1], axis=1)}


def _no_hires(d, state, lim):
    return {"hires": np.zeros_like(d.hires)}


def _no_gpus(d, state, lim):
    return {"gpu_rent_a100e": np.zeros_like(d.gpu_rent_a100e), "gpu_purchase_a100e": np.zeros_like(d.gpu_purchase_a100e),
            "training_share": np.zeros_like(d.training_share)}


def _buy_every_gpu(d, state, lim):
    return {"gpu_purchase_a100e": lim.max_gpu_purchase_a100e.copy()}


def _rent_every_gpu(d, state, lim):
    return {"gpu_rent_a100e": lim.max_gpu_rent_a100e.copy()}


def _all_cash_on_training(d, state, lim):
    return {"training_budget_usd": np.maximum(state.finance.cash_usd, 0.0)}


def _all_cash_on_distillation(d, state, lim):
    return {"distillation_budget_usd": np.maximum(state.finance.cash_usd, 0.0)}


def _grants_of_a_year_of_pay(d, state, lim):
    payroll = state.talent.headcount.sum(axis=1) * state.talent.market_pay_usd_per_year
    return {"retention_grants_usd": payroll}


def _combine(*parts: Callable) -> Callable:
    def changes(d, state, lim):
        out: dict = {}
        for part in parts:
            out.update(part(d, state, lim))
        return out
    return changes


PRICE = "subscription_price_usd_per_month"
API = "api_price_usd_per_mtok"
FREE = "free_tier_generosity"
SMALL = "free_tier_small_model_share"

PUSHES: tuple[Push, ...] = (
    Push("subscription price at the cap, first quarter", FIRST, _set(**{PRICE: HIGH[PRICE]})),
    Push("subscription price at the cap, middle quarter", MIDDLE, _set(**{PRICE: HIGH[PRICE]})),
    Push("subscription price at the cap, last quarter", LAST, _set(**{PRICE: HIGH[PRICE]})),
    Push("subscription price at the cap, whole game", ALWAYS, _set(**{PRICE: HIGH[PRICE]})),
    Push("subscription price at the floor, whole game", ALWAYS, _set(**{PRICE: LOW[PRICE]})),
    Push("subscription price at the floor, last quarter", LAST, _set(**{PRICE: LOW[PRICE]})),
    Push("API price at the cap, last quarter", LAST, _set(**{API: HIGH[API]})),
    Push("API price at the cap, whole game", ALWAYS, _set(**{API: HIGH[API]})),
    Push("API price at the floor, whole game", ALWAYS, _set(**{API: LOW[API]})),
    Push("API price at the floor, last quarter", LAST, _set(**{API: LOW[API]})),
    Push("stingiest free tier, whole game", ALWAYS, _set(**{FREE: LOW[FREE]})),
    Push("most generous free tier, whole game", ALWAYS, _set(**{FREE: HIGH[FREE]})),
    Push("stingiest free tier and top price, whole game", ALWAYS, _set(**{FREE: LOW[FREE], PRICE: HIGH[PRICE]})),
    Push("stingiest free tier and top price, last quarter", LAST, _set(**{FREE: LOW[FREE], PRICE: HIGH[PRICE]})),
    Push("top prices a year before the end", YEAR_BEFORE_END, _set(**{PRICE: HIGH[PRICE], API: HIGH[API]})),
    Push("no GPUs a year before the end", YEAR_BEFORE_END, _no_gpus),
    Push("no GPUs, middle quarter", MIDDLE, _no_gpus),
    Push("no GPUs, last quarter", LAST, _no_gpus),
    Push("everyone laid off in the first quarter", FIRST, _lay_everyone_off),
    Push("no hires, whole game", ALWAYS, _no_hires),
    Push("the most hires allowed, every quarter", ALWAYS, _most_hires),
    Push("everyone laid off, last quarter", LAST, _lay_everyone_off),
    Push("draw the whole credit line, never repay", ALWAYS, _all_credit),
    Push("raise the most venture money every quarter, never convert", ALWAYS, _raise_never_convert),
    Push("the biggest sovereign cheque every quarter", ALWAYS, _biggest_round(SOVEREIGN)),
    Push("list at the first chance", ALWAYS, _set(ipo=True)),
    Push("take the acquihire at the first offer", ALWAYS, _set(accept_acquisition=True)),
    Push("lowest pay, whole game", ALWAYS, _set(pay_level=LOW["pay_level"])),
    Push("highest pay, whole game", ALWAYS, _set(pay_level=HIGH["pay_level"])),
    Push("no training budget, whole game", ALWAYS, _set(training_budget_usd=0.0)),
    Push("no training budget, last year", lambda q, n: q >= n - 4, _set(training_budget_usd=0.0)),
    Push("all cash on training, every quarter", ALWAYS, _all_cash_on_training),
    Push("no safety testing, whole game", ALWAYS, _set(safety_testing_weeks=LOW["safety_testing_weeks"])),
    Push("safety testing at the cap, whole game", ALWAYS, _set(safety_testing_weeks=HIGH["safety_testing_weeks"])),
    Push("every GPU on sale bought, every quarter", ALWAYS, _buy_every_gpu),
    Push("every GPU for rent rented, every quarter", ALWAYS, _rent_every_gpu),
    Push("every owned GPU on training, whole game", ALWAYS, _set(training_share=HIGH["training_share"])),
    Push("a year's pay in retention grants, every quarter", ALWAYS, _grants_of_a_year_of_pay),
    Push("no GPUs and everyone laid off, last quarter", LAST, _combine(_no_gpus, _lay_everyone_off)),
    Push("whole free tier on the small model, whole game", ALWAYS, _set(**{SMALL: HIGH[SMALL]})),
    Push("whole free tier on the small model, last quarter", LAST, _set(**{SMALL: HIGH[SMALL]})),
    Push("free tier on the flagship only, whole game", ALWAYS, _set(**{SMALL: LOW[SMALL]})),
    Push("whole free tier on the small model, never distilled", ALWAYS, _set(**{SMALL: HIGH[SMALL], "distillation_budget_usd": 0.0})),
    Push("all cash on distillation, every quarter", ALWAYS, _all_cash_on_distillation),
    Push("small-model free tier, stingy, top price, whole game", ALWAYS,
         _set(**{SMALL: HIGH[SMALL], FREE: LOW[FREE], PRICE: HIGH[PRICE]})),
)


def policies(base: Strategy) -> dict[str, Strategy]:
    """Every push applied on top of `base`."""
    return {p.name: p.on(base) for p in PUSHES}


def every_push(base: Strategy, games: int) -> Strategy:
    """All the pushes in one batch: rows [k*games, (k+1)*games) play PUSHES[k] on top of `base`.

    One batch of 45 x 200 rows plays in about the time of three batches of 200 (the engine's cost
    is per quarter more than per row), and rows are independent, so each push's numbers are the
    same as when it plays alone (tests/test_red_team.py checks). Needs a runner that keeps rows in
    place (`run(..., compact=False)`).
    """
    policy_of_row = np.repeat(np.arange(len(PUSHES)), games)

    def policy(state: State, lim: Limits, params: Params, quarter: int) -> Decisions:
        d = base(state, lim, params, quarter)
        out = d
        for k, push in enumerate(PUSHES):
            if push.when(quarter, params.quarters):
                pushed = within_limits(d.evolve(**push.changes(d, state, lim)), state, lim)
                out = tree.where(policy_of_row == k, pushed, out)
        return out

    return policy


def scenario_table(name: str, games: int = 200, seed: int = 0) -> tuple[str, float, dict[str, float]]:
    """(best built-in strategy, its mean score, {push: mean score on top of it}) for a
    bundled scenario, over seeds seed..seed+games-1 (the same seeds for every policy)."""
    params = build_params(load_scenario(name).scenario)
    seeds = np.arange(seed, seed + games, dtype=np.uint64)
    built_in = {strategy: float(score(run(params, play, seeds).final).mean()) for strategy, play in STRATEGIES.items()}
    best = max(built_in, key=built_in.get)
    final = run(params, every_push(STRATEGIES[best], games), np.tile(seeds, len(PUSHES)), compact=False).final
    means = score(final).reshape(len(PUSHES), games).mean(axis=1)
    return best, built_in[best], {push.name: float(m) for push, m in zip(PUSHES, means)}


def red_team_tables(scenarios: list[str], games: int = 200, seed: int = 0) -> dict[str, tuple[str, float, dict[str, float]]]:
    """scenario_table for each scenario, one worker process per core."""
    return dict(zip(scenarios, map_in_workers(_table_for, (games, seed), scenarios)))


def _table_for(games: int, seed: int, name: str) -> tuple[str, float, dict[str, float]]:
    return scenario_table(name, games, seed)
