"""What a sweep and a cluster cost (prints figures; not a pass/fail test).

    .venv/bin/python benchmarks/bench_sweep.py [--games 2000] [--repeat 3]

The same 18,000 openai-2024 games played by `historical` three ways, each timed whole
(wall clock, in this process, the scenario already loaded):

1. one `lab` call of 9 x N games (seeds 0..9N-1): chunks of 10,000 on one worker per core;
2. a 3 x 3 sweep of N games per cell (company.cash_usd x
   market.subscription_price_scale_usd_per_month), locally: nine scenarios written and
   checked, then nine chunks of N games (validating a new cell's scenario the first time
   plays it once with every built-in strategy, ~0.3 s: printed apart, as a second sweep
   of the same cells finds them checked);
3. the same sweep on a two-worker Dask LocalCluster (worker processes, one thread each),
   the cluster already started (its start-up is printed apart).

The ratios are the overhead of the sweep (2 / 1) and of the cluster (3 / 2). The cluster's
results are checked equal to the local sweep's, bit for bit.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

VARY = ["company.cash_usd=5e9,1e10,2e10", "market.subscription_price_scale_usd_per_month=20,30,40"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=2000, help="games per cell (default 2000)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from dask.distributed import LocalCluster

    from game.engine import build_params
    from game.play.lab import run_lab
    from game.play.sweep import parse_vary, run_sweep
    from game.scenarios import load_scenario
    from game.strategies import STRATEGIES

    loaded = load_scenario("openai-2024")
    params = build_params(loaded.scenario)
    strategy = STRATEGIES["historical"]
    varies = [parse_vary(v) for v in VARY]
    n = args.games
    from game.play.sweep import grid

    t0 = time.perf_counter()
    grid(loaded, varies)  # the nine scenarios, validated (then cached by their text, as a second sweep finds them)
    validating = time.perf_counter() - t0
    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    started = time.perf_counter() - t0
    times: dict[str, list[float]] = {"lab": [], "sweep": [], "cluster": []}
    try:
        for _ in range(args.repeat):
            t = time.perf_counter()
            run_lab(params, strategy, 9 * n, 0)
            times["lab"].append(time.perf_counter() - t)
            t = time.perf_counter()
            local = run_sweep(loaded, strategy, varies, n, 0)
            times["sweep"].append(time.perf_counter() - t)
            t = time.perf_counter()
            remote = run_sweep(loaded, strategy, varies, n, 0, cluster=cluster)
            times["cluster"].append(time.perf_counter() - t)
            assert all(np.array_equal(a.score_usd, b.score_usd) and np.array_equal(a.final_cash_usd, b.final_cash_usd)
                       for a, b in zip(local.results, remote.results)), "the cluster's games differ from the local ones"
    finally:
        cluster.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    gq = sum(r.game_quarters for r in local.results)
    print(f"3 x 3 sweep, {n:,} games per cell ({9 * n:,} games, {gq:,} game-quarters), openai-2024 / historical, "
          f"{args.repeat} runs (medians; every run in brackets)")
    for key, what in (("lab", f"one lab call of {9 * n:,} games"), ("sweep", "sweep, local workers"),
                      ("cluster", "sweep, 2-worker LocalCluster")):
        runs = ", ".join(f"{t:.2f}" for t in times[key])
        print(f"  {what:<34} {med[key]:6.2f} s  [{runs}]  {gq / med[key]:,.0f} game-quarters/s")
    print(f"  sweep / lab      {med['sweep'] / med['lab']:.2f}x  (validating the 9 cells' scenarios the first time, "
          f"not counted: {validating:.2f} s; cached after)")
    print(f"  cluster / local  {med['cluster'] / med['sweep']:.2f}x  (cluster start-up, not counted: {started:.2f} s)")
    print(f"  cluster / lab    {med['cluster'] / med['lab']:.2f}x")
    print("  cluster results equal the local sweep's, bit for bit")


if __name__ == "__main__":
    main()
