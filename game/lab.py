"""The Monte Carlo lab: many games of one strategy at once, and what they add up to.

Game i uses seed S0 + i and is bit-for-bit the game `simulate --seed S0+i` plays, because
both go through runner.run and every draw depends only on (seed, quarter, name).
`serial=True` plays the same games one at a time as batches of one, to compare speeds.

A big batch is cut into chunks of about CHUNK_GAMES rows, played on a thread pool (one
thread per core): numpy releases the GIL inside its loops, and every mechanic is row by
row, so a game's numbers do not depend on which chunk or thread played it. Measured on
the 2-core build machine: ~10,000 rows is fastest; 2,500 rows is half as fast (each numpy
call too short), 40,000 rows a third slower (the arrays fall out of cache).
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

import numpy as np

from game.engine import Params
from game.engine.state import OUTCOME_NAMES, PLAYING
from game.runner import run, score
from game.strategies.base import Strategy

PERCENTILES = (5, 25, 50, 75, 95)
CHUNK_GAMES = 10_000


@dataclass
class LabResult:
    seeds: np.ndarray
    outcome: np.ndarray
    outcome_quarter: np.ndarray
    final_cash_usd: np.ndarray
    score_usd: np.ndarray
    game_quarters: int
    seconds_stepping: float
    seconds_total: float
    refused_rows: int

    @property
    def game_quarters_per_second(self) -> float:
        return self.game_quarters / max(self.seconds_stepping, 1e-9)

    def per_game(self, params: Params) -> list[dict]:
        return [
            {
                "seed": int(self.seeds[i]),
                "outcome": OUTCOME_NAMES[int(self.outcome[i])],
                "final_quarter": params.label(int(self.outcome_quarter[i])),
                "final_cash_usd": float(self.final_cash_usd[i]),
                "score": float(self.score_usd[i]),
            }
            for i in range(len(self.seeds))
        ]

    def summary(self) -> dict:
        n = len(self.seeds)
        shares = {name: float((self.outcome == code).sum()) / n for code, name in OUTCOME_NAMES.items() if code != PLAYING}
        pct = lambda a: {f"p{p}": float(np.percentile(a, p)) for p in PERCENTILES}  # noqa: E731
        return {
            "outcome_shares": shares,
            "final_cash_usd": pct(self.final_cash_usd),
            "score": {"mean": float(self.score_usd.mean()), **pct(self.score_usd)},
            "refused_decisions": self.refused_rows,
        }


def run_lab(params: Params, strategy: Strategy, games: int, seed0: int, serial: bool = False,
            on_progress: Callable[[int, int], None] | None = None) -> LabResult:
    t0 = time.perf_counter()
    seeds = np.arange(seed0, seed0 + games, dtype=np.uint64)
    if serial:
        parts = []
        stepping = 0.0
        game_quarters = refused = 0
        for i, seed in enumerate(seeds):
            r = run(params, strategy, [seed])
            parts.append(r.final)
            stepping += r.seconds_stepping
            game_quarters += r.game_quarters
            refused += r.refused_rows
            if on_progress:
                on_progress(i + 1, games)
        cat = lambda name: np.concatenate([getattr(s, name) for s in parts])  # noqa: E731
        outcome, oq, cash = cat("outcome"), cat("outcome_quarter"), cat("cash_usd")
        scores = np.concatenate([score(s) for s in parts])
    else:
        chunks = np.array_split(seeds, max(1, round(games / CHUNK_GAMES)))
        workers = min(len(chunks), os.cpu_count() or 1)
        done = []

        def play(chunk):
            r = run(params, strategy, chunk)
            done.append(len(chunk))
            if on_progress:
                on_progress(sum(done), games)
            return r

        t_play = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(play, chunks))
        stepping = time.perf_counter() - t_play
        cat = lambda name: np.concatenate([getattr(r.final, name) for r in results])  # noqa: E731
        outcome, oq, cash = cat("outcome"), cat("outcome_quarter"), cat("cash_usd")
        scores = np.concatenate([score(r.final) for r in results])
        game_quarters = sum(r.game_quarters for r in results)
        refused = sum(r.refused_rows for r in results)
    return LabResult(
        seeds=seeds, outcome=outcome, outcome_quarter=oq, final_cash_usd=cash, score_usd=scores,
        game_quarters=game_quarters, seconds_stepping=stepping, seconds_total=time.perf_counter() - t0,
        refused_rows=refused,
    )
