"""The Monte Carlo lab: many games of one strategy at once, and what they add up to.

Game i uses seed S0 + i and is bit-for-bit the game `simulate --seed S0+i` plays, because
both go through runner.run and every draw depends only on (seed, quarter, name).
`serial=True` plays the same games one at a time as batches of one, to compare speeds.

A big batch is cut into chunks of about CHUNK_GAMES rows, played on one worker per core
(game.play.pool). Every mechanic is row by row, so a game's numbers do not depend on which
chunk or process played it; ~10,000 rows a chunk is fastest on the build machine (shorter
arrays pay the fixed cost of each numpy call more often).

Playing time is counted as for one batch: each chunk's games from their first quarter to
their last (runner.run), timed around the call by the worker that played it; workers
play side by side, so the lab's playing time is the longest worker's. Starting the pool,
sending chunks out and results back are set-up, like loading the scenario (the whole
call's time is `seconds_total`, and the benchmark compares that too).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from game.engine import Params
from game.engine.mechanics.outcome import OUTCOME_NAMES, PLAYING
from game.play.pool import map_in_workers
from game.play.runner import run, score
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
    seconds_playing: float
    seconds_total: float
    refused_rows: int

    @property
    def game_quarters_per_second(self) -> float:
        return self.game_quarters / max(self.seconds_playing, 1e-9)

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
            on_progress: Callable[[int, int], None] | None = None, chunk_games: int = CHUNK_GAMES) -> LabResult:
    t0 = time.perf_counter()
    seeds = np.arange(seed0, seed0 + games, dtype=np.uint64)
    if serial:
        parts = []
        playing = 0.0
        game_quarters = refused = 0
        for i, seed in enumerate(seeds):
            t = time.perf_counter()
            r = run(params, strategy, [seed])
            playing += time.perf_counter() - t
            parts.append(r.final)
            game_quarters += r.game_quarters
            refused += r.refused_rows
            if on_progress:
                on_progress(i + 1, games)
        outcome = np.concatenate([s.outcome.outcome for s in parts])
        oq = np.concatenate([s.outcome.outcome_quarter for s in parts])
        cash = np.concatenate([s.finance.cash_usd for s in parts])
        scores = np.concatenate([score(s) for s in parts])
    else:
        chunks = np.array_split(seeds, max(1, round(games / chunk_games)))
        played = 0

        def done(i: int, _) -> None:
            nonlocal played
            played += len(chunks[i])
            if on_progress:
                on_progress(played, games)

        results = map_in_workers(play_chunk, (params, strategy), chunks, done)
        playing = playing_seconds(results)
        cat = lambda name: np.concatenate([getattr(r, name) for r in results])  # noqa: E731
        outcome, oq, cash, scores = cat("outcome"), cat("outcome_quarter"), cat("final_cash_usd"), cat("score_usd")
        game_quarters = sum(r.game_quarters for r in results)
        refused = sum(r.refused_rows for r in results)
    return LabResult(
        seeds=seeds, outcome=outcome, outcome_quarter=oq, final_cash_usd=cash, score_usd=scores,
        game_quarters=game_quarters, seconds_playing=playing, seconds_total=time.perf_counter() - t0,
        refused_rows=refused,
    )


@dataclass
class ChunkResult:
    """What the lab keeps of one chunk: small enough to send back from a worker."""
    outcome: np.ndarray
    outcome_quarter: np.ndarray
    final_cash_usd: np.ndarray
    score_usd: np.ndarray
    game_quarters: int
    refused_rows: int
    seconds_playing: float
    worker: tuple[int, int]  # (process, thread) that played it


def play_chunk(params: Params, strategy: Strategy, seeds: np.ndarray) -> ChunkResult:
    t0 = time.perf_counter()
    r = run(params, strategy, seeds)
    seconds = time.perf_counter() - t0
    final = r.final
    return ChunkResult(final.outcome.outcome, final.outcome.outcome_quarter, final.finance.cash_usd, score(final),
                       r.game_quarters, r.refused_rows, seconds, (os.getpid(), threading.get_ident()))


def playing_seconds(results: list[ChunkResult]) -> float:
    """The longest any worker spent playing: workers play side by side, each its chunks in turn."""
    per_worker: dict[tuple[int, int], float] = {}
    for r in results:
        per_worker[r.worker] = per_worker.get(r.worker, 0.0) + r.seconds_playing
    return max(per_worker.values(), default=0.0)
