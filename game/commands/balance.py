"""`burnrate balance`: every strategy in every bundled scenario, as one table."""

from __future__ import annotations

import json
import sys

from game.play.balance import balance_table, best_by_scenario, spread_and_gap
from game.commands.common import STRATEGY_FILE_HELP, add_strategy_argument, check_seed_range, seed_type
from game.commands.progress import Progress
from game.commands.lab import games_type
from game.text.format import fmt_usd


def add_parser(sub) -> None:
    p = sub.add_parser(
        "balance", help="every strategy in every scenario: mean score and outcomes",
        description="Play every built-in strategy in every bundled scenario (N games each) and print the table.",
    )
    p.add_argument("--games", type=games_type, default=300, help="games per scenario and strategy (default 300)")
    p.add_argument("--seed", type=seed_type, default=0, help="seed of the first game (default 0)")
    p.add_argument("--json", action="store_true", help="print the cells as JSON")
    add_strategy_argument(p, required=False)
    p.epilog = "--strategy adds one strategy (yours, from a file) to the built-ins in every scenario. " + STRATEGY_FILE_HELP
    p.set_defaults(func=main)


def main(args) -> int:
    check_seed_range("balance", args.seed, args.games)
    extra = {}
    if args.strategy:
        from game.strategies.files import load_strategy

        label, strategy = load_strategy(args.strategy)
        extra[label] = strategy
    with Progress("balance") as progress:
        cells = balance_table(args.games, args.seed, extra=extra, on_progress=progress)
    if args.json:
        json.dump([c.__dict__ for c in cells], sys.stdout, separators=(",", ":"))
        sys.stdout.write("\n")
        return 0
    print(f"{args.games} games per cell, seeds {args.seed}..{args.seed + args.games - 1}; "
          "score = value of the founders' stake at the end (mean); outcomes bankrupt/acquired/ipo/survived %")
    best = best_by_scenario(cells)
    for scenario in dict.fromkeys(c.scenario for c in cells):
        spread, gap = spread_and_gap(cells, scenario)
        print(f"\n{scenario}  (best: {best[scenario]}; gap best-worst {fmt_usd(gap)}, largest seed sd {fmt_usd(spread)})")
        for c in (c for c in cells if c.scenario == scenario):
            o = c.outcome_shares
            print(f"  {c.strategy:<13.40} {fmt_usd(c.mean_score_usd):>9}  sd {fmt_usd(c.sd_score_usd):>9}   "
                  f"{100 * o['bankrupt']:5.1f} / {100 * o['acquired']:5.1f} / {100 * o['ipo']:5.1f} / {100 * o['survived']:5.1f}")
    return 0
