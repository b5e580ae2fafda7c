"""Sensitivity sweeps from Python: one strategy over a grid of scenario values, as tidy tables.

    import game.sweep
    games = game.sweep.run("openai-2024", "historical",
                           vary={"company.cash_usd": [5e9, 1e10], "market.subscription_price_scale_usd_per_month": [5, 10]},
                           games=500, seed=0)
    games.rows[0]   # {'company.cash_usd': 5e9, 'market.subscription_price_scale_usd_per_month': 5, 'scenario': ...,
                    #  'strategy': 'historical', 'seed': 0, 'outcome': ..., 'score': ..., 'revenue_usd_2024': ..., ...}
    cells = game.sweep.cells(games)   # one row per cell: outcome shares, score percentiles, runway

`vary` maps dotted paths into the scenario file to lists of values (or a "lo:hi:n" text).
Game i of every cell uses seed `seed`+i (common random numbers). See game.play.sweep.
"""

from __future__ import annotations

from game.play.table import Table

__all__ = ["run", "cells", "Table"]


def _varies(vary):
    from game.play.sweep import Vary, parse_vary

    out = []
    for path, values in dict(vary).items():
        if isinstance(values, str):
            out.append(parse_vary(f"{path}={values}"))
        else:
            out.append(Vary(path, tuple(values)))
    return out


def run(scenario="openai-2024", strategy="historical", vary=None, games: int = 500, seed: int = 0, *, cluster=None,
        progress=None) -> Table:
    """Every cell's games, one row each; `table.meta["cells"]` holds the per-cell rows."""
    from game.lab import scenario_arg, strategy_arg
    from game.play.lab import RECORDED
    from game.play.sweep import cell_rows, run_sweep

    loaded = scenario_arg(scenario)
    label, play = strategy_arg(strategy)
    sweep = run_sweep(loaded, play, _varies(vary or {}), games, seed, cluster=cluster, on_progress=progress,
                      record=RECORDED)
    rows = [row for cell, params, r in zip(sweep.cells, sweep.params, sweep.results)
            for row in r.tidy_rows(params, label, cell.values)]
    meta = {"scenario": loaded.scenario.id, "strategy": label, "games": games, "seed": seed,
            "vary": {v.path: list(v.values) for v in sweep.varies}, "cells": cell_rows(sweep, label)}
    return Table(rows, meta=meta)


def cells(games: Table) -> Table:
    """The per-cell summary of a sweep's table of games."""
    return Table(games.meta["cells"], meta={k: v for k, v in games.meta.items() if k != "cells"})
