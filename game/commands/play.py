"""`burnrate play`: the game itself, in the terminal UI.

Textual is imported only here, inside `main`, so every other command starts without it
(tests/test_import_hygiene.py holds that line).
"""

from __future__ import annotations

import os
from pathlib import Path

from game.commands.common import add_saves_dir_argument, add_scenario_argument, saves_dir_from, scenario_from, seed_type


def add_parser(sub) -> None:
    p = sub.add_parser("play", help="play a scenario in the terminal UI (or resume a save with --load)",
                       description="Play a scenario, one quarter at a time. Without --scenario, pick one on the first screen. "
                                   "The game is saved after every quarter to saves/<scenario>-seed<seed>.json "
                                   "(in the folder --saves-dir names, if given).",
                       epilog="exit codes: 0 ok; 2 a scenario or save file that cannot be read or trusted")
    add_scenario_argument(p, required=False)
    p.add_argument("--seed", type=seed_type, default=0, help="the game's seed (default 0)")
    p.add_argument("--load", metavar="FILE",
                   help="resume a saved game where it stopped; it keeps saving to FILE (not with --scenario/--seed)")
    add_saves_dir_argument(p)
    p.set_defaults(func=main)


def main(args) -> int:
    from game.errors import SaveError, UsageError

    options: dict = {"autosave": True, "saves_dir": saves_dir_from("play", args)}
    loaded = None
    if args.load:
        if args.scenario:
            raise UsageError("burnrate play: --load FILE resumes a saved game; it takes no --scenario")
        from game.play.saves import load_save, restore_game

        try:
            game = restore_game(load_save(args.load))
        except SaveError as e:
            message = str(e)
            raise SaveError(message if message.startswith(str(args.load)) else f"{args.load}: {message}") from None
        options.update(game=game, save_path=Path(args.load))
    elif args.scenario:
        loaded = scenario_from(args)
    from game.tui.app import make_app
    from game.play.settings import settings_path

    app = make_app(loaded, args.seed, settings_file=settings_path(), **options)
    if os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver"):  # a browser tab's game
        from game.commands.serve import end_with_the_server

        end_with_the_server(app)
    app.run()
    return 0
