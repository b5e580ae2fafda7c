"""`burnrate lab`: run many games of one strategy at once and summarise them."""

from __future__ import annotations

import json
import sys

from game.commands.common import (
    add_scenario_argument, add_strategy_argument, bounded_int, check_seed_range, scenario_from, seed_type, strategy_from,
)
from game.engine import build_params
from game.text.format import fmt_usd
from game.play.lab import PERCENTILES, run_lab

MAX_GAMES = 1_000_000


games_type = bounded_int("number of games", 1, MAX_GAMES)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "lab", help="run many games at once (Monte Carlo)",
        description="Run N games of one strategy; game i uses seed S0+i and equals `simulate --seed S0+i`.",
    )
    add_scenario_argument(p)
    add_strategy_argument(p)
    p.add_argument("--games", type=games_type, default=1000, help="number of games (default 1000)")
    p.add_argument("--seed", type=seed_type, default=0, help="seed of the first game, S0 (default 0)")
    p.add_argument("--serial", action="store_true", help="play the games one at a time (to compare speed)")
    p.add_argument("--json", action="store_true", help="print per-game results and the summary as JSON")
    p.set_defaults(func=main)


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, label: str):
        self.label = label
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\r" + " " * (width + len(self.label) + 30) + "\r")
        sys.stderr.flush()


def main(args) -> int:
    check_seed_range("lab", args.seed, args.games)
    loaded = scenario_from(args)
    strategy = strategy_from(args.strategy)
    params = build_params(loaded.scenario)
    result = run_lab(params, strategy, args.games, args.seed, serial=args.serial, on_progress=Progress("lab (games)"))
    summary = result.summary()
    if args.json:
        doc = {
            "scenario": loaded.scenario.id,
            "strategy": args.strategy,
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
    print(f"{args.games:,} games of {loaded.scenario.id} with {args.strategy}, seeds {args.seed}..{args.seed + args.games - 1}"
          f"{' (serial)' if args.serial else ''}")
    print("Outcomes:  " + "   ".join(f"{k} {100 * v:.1f}%" for k, v in summary["outcome_shares"].items()))
    cash = summary["final_cash_usd"]
    print("Final cash: " + "  ".join(f"p{p} {fmt_usd(cash[f'p{p}'])}" for p in PERCENTILES))
    score = summary["score"]
    print(f"Score (founders' stake value): mean {fmt_usd(score['mean'])}  "
          + "  ".join(f"p{p} {fmt_usd(score[f'p{p}'])}" for p in PERCENTILES))
    print(f"Speed: {result.game_quarters:,} game-quarters in {result.seconds_playing:.3f} s playing = "
          f"{result.game_quarters_per_second:,.0f} game-quarters/s ({result.seconds_total:.2f} s in all)")
    if result.refused_rows:
        print(f"Note: {result.refused_rows} refused decisions were replaced by 'hold'")
    return 0
