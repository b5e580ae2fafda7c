"""The Monte Carlo lab: many games of one strategy at once, and what they add up to.

Game i uses seed S0 + i and is bit-for-bit the game `simulate --seed S0+i` plays, because
both go through runner.run and every draw depends only on (seed, quarter, name).
`serial=True` plays the same games one at a time as batches of one, to compare speeds.

A big batch is cut into chunks of about CHUNK_GAMES rows, played on one worker per core
(game.play.pool), or on a Dask cluster's workers when one is named (game.play.cluster).
Every mechanic is row by row, so a game's numbers do not depend on which chunk, process or
machine played it; ~10,000 rows a chunk is fastest on the build machine (shorter arrays pay
the fixed cost of each numpy call more often).

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
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from game.engine import Params
from game.engine.mechanics.outcome import BANKRUPT, OUTCOME_NAMES, PLAYING
from game.play.pool import map_in_workers
from game.play.runner import run, score
from game.strategies.base import Strategy

PERCENTILES = (5, 25, 50, 75, 95)
CHUNK_GAMES = 10_000
PER_YEAR = (("revenue_usd", "sum"), ("net_income_usd", "sum"), ("cash_usd", "last"))
"""The per-year figures of the tidy tables: a year's revenue and net income, its closing cash."""
RECORDED = tuple(name for name, _ in PER_YEAR)


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
    refused_by_field: dict[str, int] = field(default_factory=dict)
    refused_per_game: np.ndarray | None = None
    recorded: dict[str, np.ndarray] = field(default_factory=dict)  # figure -> (games, quarters), when asked for

    @property
    def game_quarters_per_second(self) -> float:
        return self.game_quarters / max(self.seconds_playing, 1e-9)

    def runway_quarters(self) -> np.ndarray:
        """Quarters each game's cash lasted: the quarter it went bankrupt, counted from 1; NaN if never."""
        return np.where(self.outcome == BANKRUPT, self.outcome_quarter + 1.0, np.nan)

    def per_year(self, params: Params) -> dict[str, np.ndarray]:
        """`revenue_usd_2024`, `net_income_usd_2024`, `cash_usd_2024`, ...: one array of games
        each (NaN for a year the game did not reach). Needs `record=RECORDED`."""
        if not self.recorded:
            return {}
        years = np.array([int(params.label(q)[:4]) for q in range(params.quarters)])
        out = {}
        for year in dict.fromkeys(years.tolist()):
            cols = np.nonzero(years == year)[0]
            for name, how in PER_YEAR:
                block = self.recorded[name][:, cols]
                reached = ~np.isnan(block)
                if how == "sum":
                    value = np.where(reached.any(axis=1), np.nansum(block, axis=1), np.nan)
                else:  # the last quarter of the year the game played
                    last = np.where(reached, np.arange(len(cols)), -1).max(axis=1)
                    value = np.where(last >= 0, block[np.arange(len(block)), np.maximum(last, 0)], np.nan)
                out[f"{name}_{year}"] = value
        return out

    def per_game(self, params: Params) -> list[dict]:
        """The rows of `lab --json`'s per_game (the tidy tables add per-year figures: game.play.table)."""
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

    def tidy_rows(self, params: Params, strategy: str, values: dict | None = None) -> list[dict]:
        """One row per game for the tidy tables: the cell's parameter values (a sweep's), the
        scenario, strategy, seed, outcome, final quarter, cash, score, quarters whose proposal
        was refused, and the per-year figures when they were recorded (None: a year not reached)."""
        from game.play.table import number

        years = self.per_year(params)
        refused = self.refused_per_game if self.refused_per_game is not None else np.zeros(len(self.seeds), dtype=np.int64)
        return [
            {
                **(values or {}),
                "scenario": params.scenario.id,
                "strategy": strategy,
                "seed": int(self.seeds[i]),
                "outcome": OUTCOME_NAMES[int(self.outcome[i])],
                "final_quarter": params.label(int(self.outcome_quarter[i])),
                "final_cash_usd": float(self.final_cash_usd[i]),
                "score": float(self.score_usd[i]),
                "refused_quarters": int(refused[i]),
                **{k: number(v[i]) for k, v in years.items()},
            }
            for i in range(len(self.seeds))
        ]

    def summary(self) -> dict:
        return {**summarise(self.outcome, self.final_cash_usd, self.score_usd),
                "refused_decisions": self.refused_rows, "refused_by_field": dict(self.refused_by_field)}


def summarise(outcome: np.ndarray, final_cash_usd: np.ndarray, score_usd: np.ndarray) -> dict:
    """Outcome shares and percentiles of final cash and score, over a set of games."""
    n = max(len(outcome), 1)
    shares = {name: float((outcome == code).sum()) / n for code, name in OUTCOME_NAMES.items() if code != PLAYING}
    pct = lambda a: {f"p{p}": float(np.percentile(a, p)) for p in PERCENTILES}  # noqa: E731
    return {
        "outcome_shares": shares,
        "final_cash_usd": pct(final_cash_usd),
        "score": {"mean": float(score_usd.mean()), **pct(score_usd)},
    }


def run_lab(params: Params, strategy: Strategy, games: int, seed0: int, serial: bool = False,
            on_progress: Callable[[int, int], None] | None = None, chunk_games: int = CHUNK_GAMES,
            record: tuple[str, ...] = (), cluster=None) -> LabResult:
    """`games` games from seed `seed0`, on this machine's cores or, given `cluster` (a Dask
    scheduler's address or client), on the cluster; `record` keeps figures per quarter."""
    t0 = time.perf_counter()
    seeds = np.arange(seed0, seed0 + games, dtype=np.uint64)
    if serial:
        results = []
        for i, seed in enumerate(seeds):
            results.append(play_chunk(strategy, record, (params, np.array([seed], dtype=np.uint64))))
            if on_progress:
                on_progress(i + 1, games)
        playing = sum(r.seconds_playing for r in results)
    else:
        chunks = np.array_split(seeds, max(1, round(games / chunk_games)))
        results = play_jobs(strategy, [(params, c) for c in chunks], record=record, cluster=cluster, on_progress=on_progress)
        playing = playing_seconds(results)
    return lab_result(seeds, results, playing, time.perf_counter() - t0)


def lab_result(seeds: np.ndarray, results: list[ChunkResult], playing: float, total: float) -> LabResult:
    """The chunks of one set of games, in order, as one result."""
    cat = lambda name: np.concatenate([getattr(r, name) for r in results])  # noqa: E731
    refused_by_field: dict[str, int] = {}
    for r in results:
        for k, n in r.refused_by_field.items():
            refused_by_field[k] = refused_by_field.get(k, 0) + n
    recorded = {name: np.concatenate([r.recorded[name] for r in results]) for name in results[0].recorded} if results else {}
    return LabResult(
        seeds=seeds, outcome=cat("outcome"), outcome_quarter=cat("outcome_quarter"), final_cash_usd=cat("final_cash_usd"),
        score_usd=cat("score_usd"), game_quarters=sum(r.game_quarters for r in results), seconds_playing=playing,
        seconds_total=total, refused_rows=sum(r.refused_rows for r in results), refused_by_field=refused_by_field,
        refused_per_game=cat("refused_per_game"), recorded=recorded,
    )


def play_jobs(strategy: Strategy, jobs: list[tuple[Params, np.ndarray]], record: tuple[str, ...] = (), cluster=None,
              on_progress: Callable[[int, int], None] | None = None) -> list[ChunkResult]:
    """Each (params, seeds) job played with `strategy`, on local workers or a cluster; in order."""
    total = sum(len(seeds) for _, seeds in jobs)
    played = 0

    def done(i: int, _) -> None:
        nonlocal played
        played += len(jobs[i][1])
        if on_progress:
            on_progress(played, total)

    if cluster is not None:
        from game.play.cluster import map_on_cluster

        return map_on_cluster(cluster, play_chunk, (strategy, record), jobs, done)
    return map_in_workers(play_chunk, (strategy, record), jobs, done)


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
    refused_per_game: np.ndarray | None = None
    refused_by_field: dict[str, int] = field(default_factory=dict)
    recorded: dict[str, np.ndarray] = field(default_factory=dict)


def play_chunk(strategy: Strategy, record: tuple[str, ...], job: tuple[Params, np.ndarray]) -> ChunkResult:
    params, seeds = job
    t0 = time.perf_counter()
    r = run(params, strategy, seeds, record=record)
    seconds = time.perf_counter() - t0
    final = r.final
    return ChunkResult(final.outcome.outcome, final.outcome.outcome_quarter, final.finance.cash_usd, score(final),
                       r.game_quarters, r.refused_rows, seconds, (os.getpid(), threading.get_ident()),
                       r.refused_per_game, r.refused_by_field, r.recorded)


def playing_seconds(results: list[ChunkResult]) -> float:
    """The longest any worker spent playing: workers play side by side, each its chunks in turn."""
    per_worker: dict[tuple[int, int], float] = {}
    for r in results:
        per_worker[r.worker] = per_worker.get(r.worker, 0.0) + r.seconds_playing
    return max(per_worker.values(), default=0.0)
