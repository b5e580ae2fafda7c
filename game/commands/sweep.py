"""`burnrate sweep`: one strategy over a grid of scenario values, with common random numbers."""

from __future__ import annotations

import json
import sys

from game.commands.common import add_scenario_argument, add_strategy_argument, check_seed_range, scenario_from, seed_type
from game.commands.lab import add_cluster_argument, bounded_int
from game.commands.progress import Progress
from game.play.lab import PERCENTILES

MAX_GAMES_PER_CELL = 100_000
games_type = bounded_int("number of games per cell", 1, MAX_GAMES_PER_CELL)


def add_parser(sub) -> None:
    from game.commands.common import STRATEGY_FILE_HELP

    p = sub.add_parser(
        "sweep", help="how the outcome moves with a scenario value (a sensitivity sweep)",
        description="Play N games of one strategy in every cell of a grid of scenario values. PATH is a dotted path "
                    "into the scenario file (company.cash_usd, market.subscription_price_scale_usd_per_month, "
                    "rivals.openweights.api_price_usd_per_mtok: list entries by id or index); each cell is the scenario "
                    "with those values, validated whole. Game i of every cell uses seed S0+i (common random numbers), "
                    "so cells differ by the values, not by luck.",
        epilog=STRATEGY_FILE_HELP,
    )
    add_scenario_argument(p)
    add_strategy_argument(p)
    p.add_argument("--vary", action="append", required=True, metavar="PATH=V1,V2,...|PATH=lo:hi:n",
                   help="a scenario value and the values it takes (repeat for a grid: every combination is a cell)")
    p.add_argument("--games", type=games_type, default=500, help="games per cell (default 500)")
    p.add_argument("--seed", type=seed_type, default=0, help="seed of game 0 in every cell, S0 (default 0)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", action="store_true", help="print one row per cell as CSV (with --per-game: one per game)")
    out.add_argument("--json", action="store_true", help="print the cells and every game as JSON")
    p.add_argument("--per-game", action="store_true", help="with --csv: one row per game of every cell")
    p.add_argument("--plot", metavar="FILE.svg|png",
                   help="draw the score (with percentile bands) and the share bankrupt against the first --vary")
    add_cluster_argument(p)
    p.set_defaults(func=main)


def _value(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def main(args) -> int:
    from game.errors import UsageError
    from game.play.lab import RECORDED
    from game.play.sweep import cell_rows, parse_vary, run_sweep
    from game.play.table import Table
    from game.strategies.files import load_strategy

    if args.per_game and not args.csv:
        raise UsageError("burnrate sweep: --per-game goes with --csv")
    check_seed_range("sweep", args.seed, args.games)
    varies = [parse_vary(v) for v in args.vary]
    plot = None
    if args.plot:
        from game.plots import check_plot_path

        plot = check_plot_path(args.plot)
    loaded = scenario_from(args)
    label, strategy = load_strategy(args.strategy)
    record = RECORDED if (args.json or args.per_game) else ()
    with Progress("sweep") as progress:
        sweep = run_sweep(loaded, strategy, varies, args.games, args.seed, cluster=args.cluster, on_progress=progress,
                          record=record)
    cells = cell_rows(sweep, label)
    if plot:
        _plot(plot, sweep, label)
        print(f"plotted to {plot}", file=sys.stderr)
    if args.json:
        doc = {"scenario": sweep.scenario, "strategy": label, "games": args.games, "seed": args.seed,
               "vary": {v.path: list(v.values) for v in varies}, "cells": cells,
               "per_game": [row for cell, params, r in zip(sweep.cells, sweep.params, sweep.results)
                            for row in r.tidy_rows(params, label, cell.values)]}
        json.dump(doc, sys.stdout, separators=(",", ":"))
        sys.stdout.write("\n")
        return 0
    if args.csv:
        if args.per_game:
            rows = [row for cell, params, r in zip(sweep.cells, sweep.params, sweep.results)
                    for row in r.tidy_rows(params, label, cell.values)]
        else:
            rows = cells
        sys.stdout.write(Table(rows).to_csv())
        return 0
    _print(sweep, cells, label)
    return 0


def _print(sweep, cells: list[dict], label: str) -> None:
    from game.commands.charts import band
    from game.text.format import fmt_usd

    paths = [v.path for v in sweep.varies]
    print(f"{len(cells)} cells x {sweep.games:,} games of {sweep.scenario} with {label}; game i of every cell uses "
          f"seed {sweep.seed}+i")
    lo = min(c["score_p5"] for c in cells)
    hi = max(c["score_p95"] for c in cells)
    widths = [max(len(p), *(len(_value(c[p])) for c in cells)) for p in paths]
    head = "  ".join(p.ljust(w) for p, w in zip(paths, widths))
    print(f"{head}  bankrupt  acquired   ipo  survived  runway p50   score p50   {'score p5 - p95':<36}")
    for c in cells:
        values = "  ".join(_value(c[p]).ljust(w) for p, w in zip(paths, widths))
        runway = c["runway_p50_quarter"] or "beyond end"
        chart = band(*(c[f"score_p{p}"] for p in PERCENTILES), lo, hi)
        print(f"{values}  {100 * c['bankrupt']:7.1f}%  {100 * c['acquired']:7.1f}%  {100 * c['ipo']:4.0f}%  "
              f"{100 * c['survived']:7.1f}%  {runway:>10}  {fmt_usd(c['score_p50']):>10}  [{chart}]")
    print(f"score axis {fmt_usd(lo)} .. {fmt_usd(hi)}: '-' p5-p95, '=' p25-p75, '|' median; runway p50: the quarter the "
          "median game's cash runs out")
    print(f"Speed: {sum(r.game_quarters for r in sweep.results):,} game-quarters in {sweep.seconds_playing:.2f} s playing "
          f"({sweep.seconds_total:.2f} s in all, validating the cells included)")
    refused = sum(r.refused_rows for r in sweep.results)
    if refused:
        from game.commands.lab import refused_line

        by_field: dict[str, int] = {}
        for r in sweep.results:
            for k, n in r.refused_by_field.items():
                by_field[k] = by_field.get(k, 0) + n
        print(refused_line(refused, by_field))


def _plot(path, sweep, label: str) -> None:
    from game.engine.mechanics.outcome import BANKRUPT
    from game.plots import sweep_plot

    first, rest = sweep.varies[0], sweep.varies[1:]
    groups: dict[str, dict] = {}
    for cell, r in zip(sweep.cells, sweep.results):
        key = ", ".join(f"{v.path}={_value(cell.values[v.path])}" for v in rest)
        groups.setdefault(key, {})[cell.values[first.path]] = r
    series = [(key, [g[x].score_usd for x in first.values]) for key, g in groups.items()]
    bankrupt = [(key, [float((g[x].outcome == BANKRUPT).mean()) for x in first.values]) for key, g in groups.items()]
    sweep_plot(path, f"{sweep.scenario} with {label}: {sweep.games:,} games a cell, common seeds", first.path,
               list(first.values), series, bankrupt)
