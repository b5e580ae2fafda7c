"""`burnrate play`: the game itself, in the terminal UI.

Textual is imported only here, inside `main`, so every other command starts without it
(tests/test_import_hygiene.py holds that line).
"""

from __future__ import annotations

from game.commands.common import add_scenario_argument, scenario_from, seed_type


def add_parser(sub) -> None:
    p = sub.add_parser("play", help="play a scenario in the terminal UI",
                       description="Play a scenario, one quarter at a time. Without --scenario, pick one on the first screen.")
    add_scenario_argument(p, required=False)
    p.add_argument("--seed", type=seed_type, default=0, help="the game's seed (default 0)")
    p.set_defaults(func=main)


def main(args) -> int:
    loaded = scenario_from(args) if args.scenario else None
    from game.tui.app import make_app

    make_app(loaded, args.seed).run()
    return 0
