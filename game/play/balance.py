"""The balance table: every strategy in every scenario, many seeds each.

Used by `burnrate balance` and by tests/test_balance.py, which holds the balance rules:
`idle` goes bankrupt in at least 95% of openai-2024 games; no single strategy has the best
mean score in every scenario; and in each scenario the spread between seeds (the largest
standard deviation of score among its strategies) is smaller than the gap between the best
and the worst strategy's mean score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from game.engine import build_params
from game.engine.mechanics.outcome import OUTCOME_NAMES, PLAYING
from game.play.lab import run_lab
from game.scenarios import bundled_scenarios, load_scenario
from game.strategies import STRATEGIES
from game.strategies.base import Strategy


@dataclass(frozen=True)
class Cell:
    scenario: str
    strategy: str
    mean_score_usd: float
    sd_score_usd: float
    outcome_shares: dict[str, float]


def balance_table(games: int = 300, seed: int = 0, scenarios: list[str] | None = None,
                  extra: dict[str, Strategy] | None = None,
                  on_progress: Callable[[int, int], None] | None = None) -> list[Cell]:
    """Every built-in strategy (and the `extra` ones, e.g. an analyst's file) in every scenario."""
    names = scenarios or [p.stem for p in bundled_scenarios()]
    strategies = {**STRATEGIES, **(extra or {})}
    total = len(names) * len(strategies) * games
    cells = []
    for name in names:
        params = build_params(load_scenario(name).scenario)
        for strategy, play in strategies.items():
            before = len(cells) * games
            r = run_lab(params, play, games, seed,
                        on_progress=(lambda done, _, before=before: on_progress(before + done, total)) if on_progress else None)
            cells.append(Cell(
                scenario=name, strategy=strategy,
                mean_score_usd=float(r.score_usd.mean()), sd_score_usd=float(r.score_usd.std()),
                outcome_shares={k: float((r.outcome == c).mean()) for c, k in OUTCOME_NAMES.items() if c != PLAYING},
            ))
    return cells


def best_by_scenario(cells: list[Cell]) -> dict[str, str]:
    best: dict[str, Cell] = {}
    for c in cells:
        if c.scenario not in best or c.mean_score_usd > best[c.scenario].mean_score_usd:
            best[c.scenario] = c
    return {s: c.strategy for s, c in best.items()}


def spread_and_gap(cells: list[Cell], scenario: str) -> tuple[float, float]:
    """(largest seed-to-seed sd of score, best mean minus worst mean) in one scenario."""
    mine = [c for c in cells if c.scenario == scenario]
    means = [c.mean_score_usd for c in mine]
    return max(c.sd_score_usd for c in mine), max(means) - min(means)
