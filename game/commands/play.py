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
                                   "(-2, -3, ... when that name holds another game's save; in the folder "
                                   "--saves-dir names, if given).",
                       epilog="exit codes: 0 ok; 2 a scenario or save file that cannot be read or trusted")
    add_scenario_argument(p, required=False)
    p.add_argument("--seed", type=seed_type, default=None, help="the game's seed (default 0)")
    p.add_argument("--load", metavar="FILE",
                   help="resume a saved game where it stopped; it keeps saving to FILE (not with --scenario/--seed)")
    add_saves_dir_argument(p)
    p.add_argument("--class", dest="class_dir", metavar="DIR",
                   help="play the class in DIR (`burnrate class new`): its scenario and seed, saved to "
                        "DIR/submissions/<name>.json after every quarter and resumed from there, as far as the "
                        "teacher has opened; the first screen asks the name unless --student gives it")
    p.add_argument("--student", metavar="NAME", help="with --class: the student's name, which names their save "
                   "(a name the rule refuses is refused with the rule)")
    p.set_defaults(func=main)


def main(args) -> int:
    from game.errors import SaveError, UsageError

    if args.class_dir is not None or args.student is not None:
        return play_class(args)
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

    app = make_app(loaded, args.seed or 0, settings_file=settings_path(), **options)
    _run(app)
    return 0


def _run(app) -> None:
    """Run the app; a browser tab's game (burnrate serve) also ends when its server does."""
    if os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver"):
        from game.commands.serve import end_with_the_server

        end_with_the_server(app)
    app.run()


def play_class(args) -> int:
    """`play --class DIR [--student NAME]`: the class decides the game; nothing else may."""
    from game.errors import UsageError

    if args.class_dir is None:
        raise UsageError("burnrate play: --student NAME needs --class DIR (the class the student plays in)")
    given = [flag for flag, value in (("--scenario", args.scenario), ("--seed", args.seed), ("--load", args.load),
                                      ("--saves-dir", args.saves_dir)) if value is not None]
    if given:
        raise UsageError(f"burnrate play: --class plays the class's own game; it takes no {' or '.join(given)}")
    from game.play.classroom import load_class

    room = load_class(args.class_dir)
    from game.play.settings import settings_path
    from game.tui.classroom import make_class_app

    app = make_class_app(room, args.student, settings_file=settings_path())
    try:
        _run(app)
    finally:
        app.release_seat()
    return 0
