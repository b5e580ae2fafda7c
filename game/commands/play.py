"""`burnrate play`: the game itself.

Until the terminal UI lands this shows the scenario played by the `historical` strategy
as a readable table, so `make play` already shows what the game is about.
"""

from __future__ import annotations

from game.commands.common import add_scenario_argument, scenario_from, seed_type
from game.commands.simulate import simulate
from game.table import game_table


def add_parser(sub) -> None:
    p = sub.add_parser("play", help="play a scenario", description="Play a scenario, one quarter at a time.")
    add_scenario_argument(p, required=False)
    p.add_argument("--seed", type=seed_type, default=0, help="the game's seed (default 0)")
    p.set_defaults(func=main, scenario="openai-2024")


def main(args) -> int:
    loaded = scenario_from(args)
    game = simulate(loaded, "historical", args.seed)
    print(f"{loaded.scenario.title}: {loaded.scenario.description}")
    print("As the lab actually played it (strategy `historical`):\n")
    print(game_table(game["quarters"]))
    print(f"\nOutcome: {game['outcome']['kind']} in {game['outcome']['quarter']}")
    return 0
