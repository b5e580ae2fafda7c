"""Grid search over a posture's knobs: is the best policy inside the grid, or on its edge?

    python benchmarks/grid.py [GAMES]      (default 100 seeds per cell)

For each bundled scenario, the `safety-first` posture (the middle one of the three) is
played with every pair of (subscription price, a second knob: the free tier's generosity,
then the share of the free tier on the small model) on the same seeds. A sound economy puts the best cell inside the grid, not on its
edges: a knob pushed to its end must not be what wins. Prints each scenario's grid of
mean scores (relative to the best cell) and whether the best cell is interior; then the
skilled hand-written policy (game.strategies.skilled) against `historical` on openai-2024.
"""

from __future__ import annotations

import sys
from dataclasses import replace

import numpy as np

from game.engine import build_params
from game.play.pool import map_in_workers
from game.play.runner import run, score
from game.scenarios import bundled_scenarios, load_scenario
from game.strategies import STRATEGIES
from game.strategies.postures import safety_first
from game.strategies.skilled import skilled

PRICES_USD_PER_MONTH = (8.0, 14.0, 20.0, 30.0, 45.0, 70.0)
# The second knob: (posture field, its values across the grid, how to print a value).
SECOND_KNOBS = {
    "free tier generosity": ("free_tier_generosity", (0.25, 0.5, 0.75, 1.0, 1.5, 2.0), "{:>6g}"),
    "free tier on the small model": ("free_tier_small_model_share", (0.0, 0.25, 0.5, 0.75, 1.0), "{:>6.0%}"),
}


def scenario_grid(name: str, knob: str, games: int) -> np.ndarray:
    """(prices, knob values) mean scores of safety-first with those two knobs, on seeds 0..games-1."""
    params = build_params(load_scenario(name).scenario)
    seeds = np.arange(games, dtype=np.uint64)
    field, values, _ = SECOND_KNOBS[knob]
    grid = np.zeros((len(PRICES_USD_PER_MONTH), len(values)))
    for i, price in enumerate(PRICES_USD_PER_MONTH):
        for j, value in enumerate(values):
            posture = replace(safety_first, subscription_price_usd_per_month=price, **{field: value})
            grid[i, j] = score(run(params, posture, seeds).final).mean()
    return grid


def _grid_for(games: int, job: tuple[str, str]) -> np.ndarray:  # (map_in_workers passes the shared arguments first)
    return scenario_grid(job[0], job[1], games)


def interior(grid: np.ndarray) -> bool:
    i, j = np.unravel_index(np.argmax(grid), grid.shape)
    return 0 < i < grid.shape[0] - 1 and 0 < j < grid.shape[1] - 1


if __name__ == "__main__":
    games = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    names = [p.stem for p in bundled_scenarios()]
    jobs = [(name, knob) for knob in SECOND_KNOBS for name in names]
    grids = dict(zip(jobs, map_in_workers(_grid_for, (games,), jobs)))
    for knob, (_, values, shown) in SECOND_KNOBS.items():
        print(f"\nsafety-first, {games} seeds per cell: mean score / the best cell's "
              f"(rows: subscription $/month; columns: {knob})")
        inside = 0
        for name in names:
            grid = grids[(name, knob)]
            best = grid.max()
            i, j = np.unravel_index(np.argmax(grid), grid.shape)
            ok = interior(grid)
            inside += ok
            print(f"\n{name}: best {best / 1e9:.2f} B at {PRICES_USD_PER_MONTH[i]:g} $/month, {knob} "
                  f"{shown.format(values[j]).strip()} ({'interior' if ok else 'ON THE EDGE'})")
            print("  $/month " + " ".join(shown.format(v) for v in values))
            for price, row in zip(PRICES_USD_PER_MONTH, grid):
                print(f"  {price:7g} " + " ".join(f"{v / best:6.2f}" for v in row))
        print(f"\n{knob}: best cell interior in {inside} of {len(names)} scenarios")

    params = build_params(load_scenario("openai-2024").scenario)
    seeds = np.arange(games, dtype=np.uint64)
    script = score(run(params, STRATEGIES["historical"], seeds).final).mean()
    better = score(run(params, skilled, seeds).final).mean()
    print(f"openai-2024, {games} seeds: skilled {better / 1e9:.1f} B against historical {script / 1e9:.1f} B "
          f"({better / script - 1:+.1%})")
