"""The Monte Carlo lab: many games of one strategy at once, and what they add up to.

Game i uses seed S0 + i and is bit-for-bit the game `simulate --seed S0+i` plays, because
both go through runner.run and every draw depends only on (seed, quarter, name).
`serial=True` plays the same games one at a time as batches of one, to compare speeds.

A big batch is cut into chunks of about CHUNK_GAMES rows, played by a pool of worker
processes (one per core). Every mechanic is row by row, so a game's numbers do not depend
on which chunk or process played it. Processes, not threads: a quarter is about a
thousand numpy calls, and the Python between them holds the GIL: on the 2-core build
machine, against one process playing all 20,000 games, two threads play 1.13x as fast
and two processes 1.73x (medians of 6 interleaved runs). ~10,000 rows a chunk is fastest
there (medians of 10 runs: 5,000 rows 7% slower, 3,334 rows 28%): shorter arrays pay the
fixed cost of each numpy call more often.
Stepping time is measured as for one batch (runner.run times the quarters, not setting
up the games or gathering the results) by each worker, for its own chunks; workers step
side by side, so the lab's stepping time is the longest worker's. Starting the pool,
sending chunks out and results back are set-up, like loading the scenario (the whole
process's time is in `seconds_total`, and the benchmark compares that too).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Callable

import numpy as np

from game.engine import Params
from game.engine.mechanics.outcome import OUTCOME_NAMES, PLAYING
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
            on_progress: Callable[[int, int], None] | None = None, chunk_games: int = CHUNK_GAMES) -> LabResult:
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
        outcome = np.concatenate([s.outcome.outcome for s in parts])
        oq = np.concatenate([s.outcome.outcome_quarter for s in parts])
        cash = np.concatenate([s.finance.cash_usd for s in parts])
        scores = np.concatenate([score(s) for s in parts])
    else:
        chunks = np.array_split(seeds, max(1, round(games / chunk_games)))
        results = _play_chunks(params, strategy, chunks, games, on_progress)
        stepping = _stepping_seconds(results)
        cat = lambda name: np.concatenate([getattr(r, name) for r in results])  # noqa: E731
        outcome, oq, cash, scores = cat("outcome"), cat("outcome_quarter"), cat("final_cash_usd"), cat("score_usd")
        game_quarters = sum(r.game_quarters for r in results)
        refused = sum(r.refused_rows for r in results)
    return LabResult(
        seeds=seeds, outcome=outcome, outcome_quarter=oq, final_cash_usd=cash, score_usd=scores,
        game_quarters=game_quarters, seconds_stepping=stepping, seconds_total=time.perf_counter() - t0,
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
    seconds_stepping: float
    worker: tuple[int, int]  # (process, thread) that played it


def play_chunk(params: Params, strategy: Strategy, seeds: np.ndarray) -> ChunkResult:
    r = run(params, strategy, seeds)
    final = r.final
    return ChunkResult(final.outcome.outcome, final.outcome.outcome_quarter, final.finance.cash_usd, score(final),
                       r.game_quarters, r.refused_rows, r.seconds_stepping, (os.getpid(), threading.get_ident()))


def _stepping_seconds(results: list[ChunkResult]) -> float:
    """The longest any worker spent stepping: workers step side by side, each its chunks in turn."""
    per_worker: dict[tuple[int, int], float] = {}
    for r in results:
        per_worker[r.worker] = per_worker.get(r.worker, 0.0) + r.seconds_stepping
    return max(per_worker.values(), default=0.0)


def _ready() -> int:
    return os.getpid()


# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def _keep_freed_memory() -> None:
    """A worker's first act: keep freed memory for the next quarter instead of handing it back.

    A quarter allocates a few thousand arrays of 80-480 kB and frees them by its end. By
    default glibc then trims the heap back to the system and serves the next quarter's
    arrays from fresh pages, each of which faults in and is zeroed (about 300 page faults
    a quarter for 10,000 games). Holding up to 256 MB (a chunk needs ~50) and serving
    arrays below 32 MB (glibc's largest allowed threshold) from the heap removes that:
    1.03x on the 2-core build machine (medians of 10 interleaved 20,000-game labs).
    Elsewhere (no glibc) nothing changes.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_TRIM_THRESHOLD, 256 << 20)
        libc.mallopt(_M_MMAP_THRESHOLD, 32 << 20)
    except (OSError, AttributeError):
        pass


def _play_chunks(params: Params, strategy: Strategy, chunks: list[np.ndarray], games: int,
                 on_progress: Callable[[int, int], None] | None) -> list[ChunkResult]:
    """Play every chunk, in worker processes when there is more than one; return the
    chunks' results in order."""
    workers = min(len(chunks), os.cpu_count() or 1)
    results: list[ChunkResult | None] = [None] * len(chunks)
    done = 0

    def finished(i: int, r: ChunkResult) -> None:
        nonlocal done
        results[i] = r
        done += len(chunks[i])
        if on_progress:
            on_progress(done, games)

    if workers == 1:
        for i, chunk in enumerate(chunks):
            finished(i, play_chunk(params, strategy, chunk))
        return results
    try:
        _check_picklable(params, strategy)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_process_context(), initializer=_keep_freed_memory)
        for f in [pool.submit(_ready) for _ in range(workers)]:  # start every worker before the chunks
            f.result()
    except (OSError, NoWorkerProcesses):
        # No fork here, no semaphores (some sandboxes), or an analyst's strategy that
        # cannot be sent to another process (a lambda): threads still overlap the numpy
        # loops, which release the GIL.
        pool = ThreadPoolExecutor(max_workers=workers)
    with pool:
        futures = {pool.submit(play_chunk, params, strategy, chunk): i for i, chunk in enumerate(chunks)}
        for future in as_completed(futures):
            finished(futures[future], future.result())
        return results


class NoWorkerProcesses(Exception):
    """The chunks cannot go to worker processes here; the lab plays them on threads."""


def _check_picklable(params: Params, strategy: Strategy) -> None:
    try:
        pickle.dumps((params, strategy))
    except Exception as e:  # lambdas and closures raise AttributeError or PicklingError
        raise NoWorkerProcesses(f"cannot send the strategy to a worker process: {e}") from e


def _process_context():
    """Fork, where it is safe (Linux): a worker starts in milliseconds with the engine and
    the caller's modules already in memory, and an analyst's script or notebook is never
    re-imported (spawn and forkserver re-run a script that lacks an `if __name__ ==
    "__main__"` guard). Elsewhere (macOS, Windows) the chunks are played on threads."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        raise NoWorkerProcesses("no fork here")
    return multiprocessing.get_context("fork")
