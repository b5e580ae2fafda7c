"""`burnrate simulate`: play one whole game headless with a built-in strategy."""

from __future__ import annotations

import json
import sys

from game import ENGINE_VERSION
from game.commands.common import add_scenario_argument, add_strategy_argument, scenario_from, seed_type, strategy_from
from game.engine import build_params
from game.engine import OUTCOME_NAMES
from game.engine.view import quarter_view
from game.text.news import quarter_news
from game.engine.convert import decisions_from_arrays
from game.play.runner import run, score
from game.play.saves import save_game
from game.play.session import Game
from game.text.format import fmt_usd, stake_pct
from game.text.table import game_table


def add_parser(sub) -> None:
    p = sub.add_parser(
        "simulate", help="play a whole game headless with a strategy",
        description="Play a whole game headless with a built-in strategy and print every quarter.",
    )
    add_scenario_argument(p)
    add_strategy_argument(p)
    p.add_argument("--seed", type=seed_type, default=0, help="the game's seed (default 0)")
    p.add_argument("--json", action="store_true", help="print the game as JSON (same arguments, same bytes)")
    p.add_argument("--save", metavar="FILE", help="also write the game as a save file (see `burnrate replay`)")
    p.set_defaults(func=main)


def simulate(loaded, strategy_name: str, seed: int) -> dict:
    """The whole game as the JSON document `simulate --json` prints."""
    params = build_params(loaded.scenario)
    result = run(params, strategy_from(strategy_name), [seed], keep_history=True)
    return _document(loaded, strategy_name, seed, params, result)


def _document(loaded, strategy_name: str, seed: int, params, result) -> dict:
    quarters = [_row(params, quarter_view(params, q, state, report)) for q, _, state, report in result.history]
    final = result.final
    return {
        "scenario": loaded.scenario.id,
        "strategy": strategy_name,
        "seed": seed,
        "engine_version": ENGINE_VERSION,
        "quarters": quarters,
        "outcome": {"kind": OUTCOME_NAMES[int(final.outcome.outcome[0])], "quarter": params.label(int(final.outcome.outcome_quarter[0])),
                    "score_usd": float(score(final)[0]), "founders_stake": float(final.funding.founders_stake[0]),
                    "equity_value_usd": float(final.finance.equity_value_usd[0])},
    }


def _row(params, view) -> dict:
    """A quarter row of `simulate --json`: the quarter's view and its news."""
    return {**view.model_dump(), "news": quarter_news(params.scenario, view)}


def saved_game(loaded, seed: int, history) -> Game:
    """The runner's game re-played through `Game`, which keeps what a save holds.

    The decisions are the ones actually played (a refused proposal already replaced by
    `hold`), so the save re-runs to the same quarters as the runner's.
    """
    game = Game(loaded, seed)
    for _, decisions, _, _ in history:
        game.end_quarter(decisions_from_arrays(decisions))
    return game


def main(args) -> int:
    loaded = scenario_from(args)
    params = build_params(loaded.scenario)
    result = run(params, strategy_from(args.strategy), [args.seed], keep_history=True)
    game = _document(loaded, args.strategy, args.seed, params, result)
    if args.save is not None:
        path = save_game(saved_game(loaded, args.seed, result.history), args.save)
        print(f"saved {len(result.history)} quarters to {path}", file=sys.stderr)
    if args.json:
        json.dump(game, sys.stdout, separators=(",", ":"))
        sys.stdout.write("\n")
    else:
        print(f"{loaded.scenario.title} - strategy {args.strategy}, seed {args.seed}")
        print(game_table(game["quarters"]))
        end = game["outcome"]
        why = ("a bankrupt lab's stake is worth nothing" if end["kind"] == "bankrupt" else
               f"the founders' stake {stake_pct(end['founders_stake'])} of the equity {fmt_usd(end['equity_value_usd'])}")
        print(f"Outcome: {end['kind']} in {end['quarter']} · score {fmt_usd(end['score_usd'])}: {why}")
    return 0
