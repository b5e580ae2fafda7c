"""`burnrate lab`: run many games of one strategy at once and summarise them."""

from __future__ import annotations

import json
import sys

from game.commands.common import (
    add_scenario_argument, add_strategy_argument, bounded_int, check_seed_range, scenario_from, seed_type,
)
from game.commands.progress import Progress
from game.engine import build_params
from game.text.format import fmt_usd
from game.play.lab import PERCENTILES, RECORDED, run_lab

MAX_GAMES = 1_000_000


games_type = bounded_int("number of games", 1, MAX_GAMES)


def add_cluster_argument(p) -> None:
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="play the chunks on a Dask distributed scheduler (e.g. tcp://10.0.0.5:8786); the results are "
                        "bit for bit a local run's (needs pip install 'burnrate[cluster]' here and on the workers)")


def add_parser(sub) -> None:
    from game.commands.common import STRATEGY_FILE_HELP

    p = sub.add_parser(
        "lab", help="run many games at once (Monte Carlo)",
        description="Run N games of one strategy; game i uses seed S0+i and equals `simulate --seed S0+i`.",
        epilog=STRATEGY_FILE_HELP,
    )
    add_scenario_argument(p)
    add_strategy_argument(p)
    p.add_argument("--games", type=games_type, default=1000, help="number of games (default 1000)")
    p.add_argument("--seed", type=seed_type, default=0, help="seed of the first game, S0 (default 0)")
    p.add_argument("--serial", action="store_true", help="play the games one at a time (to compare speed)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print per-game results and the summary as JSON")
    out.add_argument("--csv", action="store_true",
                     help="print one row per game (seed, outcome, final quarter, cash, score, refused quarters, "
                          "revenue, net income and cash by year) as CSV")
    p.add_argument("--plot", metavar="FILE.svg|png",
                   help="draw the distribution of final score and the fan chart of cash by quarter (needs matplotlib)")
    add_cluster_argument(p)
    p.set_defaults(func=main)


def refused_line(refused_rows: int, by_field: dict[str, int]) -> str:
    fields = ", ".join(f"{k} {n:,}" for k, n in sorted(by_field.items(), key=lambda kv: -kv[1]))
    return (f"Refused: {refused_rows:,} game-quarters proposed decisions this quarter's limits refuse ({fields}); "
            "those quarters were played as 'hold'")


def main(args) -> int:
    from game.commands.charts import histogram
    from game.strategies.files import load_strategy

    check_seed_range("lab", args.seed, args.games)
    if args.serial and args.cluster:
        from game.errors import UsageError

        raise UsageError("burnrate lab: --serial plays on this machine, one game at a time; it does not go with --cluster")
    plot = None
    if args.plot:
        from game.plots import check_plot_path

        plot = check_plot_path(args.plot)
    loaded = scenario_from(args)
    label, strategy = load_strategy(args.strategy)
    params = build_params(loaded.scenario)
    record = RECORDED if (args.csv or plot) else ()
    with Progress("lab") as progress:
        result = run_lab(params, strategy, args.games, args.seed, serial=args.serial, on_progress=progress,
                         record=record, cluster=args.cluster)
    summary = result.summary()
    if plot:
        from game.plots import lab_plot

        lab_plot(plot, f"{args.games:,} games of {loaded.scenario.id} with {label}", result.score_usd,
                 result.recorded["cash_usd"], [params.label(q) for q in range(params.quarters)])
        print(f"plotted to {plot}", file=sys.stderr)
    if args.json:
        doc = {
            "scenario": loaded.scenario.id,
            "strategy": label,
            "games": args.games,
            "seed": args.seed,
            "serial": args.serial,
            "game_quarters_per_second": result.game_quarters_per_second,
            "per_game": result.per_game(params),
            "summary": summary,
        }
        json.dump(doc, sys.stdout, separators=(",", ":"))
        sys.stdout.write("\n")
        return 0
    if args.csv:
        from game.play.table import Table

        sys.stdout.write(Table(result.tidy_rows(params, label)).to_csv())
        return 0
    print(f"{args.games:,} games of {loaded.scenario.id} with {label}, seeds {args.seed}..{args.seed + args.games - 1}"
          f"{' (serial)' if args.serial else ''}")
    print("Outcomes:  " + "   ".join(f"{k} {100 * v:.1f}%" for k, v in summary["outcome_shares"].items()))
    cash = summary["final_cash_usd"]
    print("Final cash: " + "  ".join(f"p{p} {fmt_usd(cash[f'p{p}'])}" for p in PERCENTILES))
    score = summary["score"]
    print(f"Score (founders' stake value): mean {fmt_usd(score['mean'])}  "
          + "  ".join(f"p{p} {fmt_usd(score[f'p{p}'])}" for p in PERCENTILES))
    if result.score_usd.max() > result.score_usd.min():
        print(f"Score spread:  {fmt_usd(float(result.score_usd.min()))} {histogram(result.score_usd)} "
              f"{fmt_usd(float(result.score_usd.max()))}")
    print(f"Speed: {result.game_quarters:,} game-quarters in {result.seconds_playing:.3f} s playing = "
          f"{result.game_quarters_per_second:,.0f} game-quarters/s ({result.seconds_total:.2f} s in all)")
    if result.refused_rows:
        print(refused_line(result.refused_rows, result.refused_by_field))
    return 0
