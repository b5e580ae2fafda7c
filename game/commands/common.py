"""Arguments and look-ups several commands share.

Light to import (no numpy, pydantic or YAML until a look-up runs): `burnrate play` imports
only this and its own module before the terminal UI starts.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from game import MAX_SEED
from game.errors import UsageError

if TYPE_CHECKING:
    from game.scenarios import LoadedScenario
    from game.strategies.base import Strategy


def bounded_int(noun: str, low: int, high: int):
    """An argparse type: a whole number from `low` to `high`, or one clear line naming the limit."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid {noun} {text!r} (allowed: a whole number {low:,} to {high:,})") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{noun} {value:,} is out of range (allowed {low:,} to {high:,})")
        return value

    return parse


seed_type = bounded_int("seed", 0, MAX_SEED)


def check_seed_range(command: str, first_seed: int, games: int) -> None:
    """Game i of a batch is `simulate --seed S0+i`: the last game's seed must be one simulate accepts."""
    last = first_seed + games - 1
    if last > MAX_SEED:
        raise UsageError(f"burnrate {command}: --seed {first_seed:,} with --games {games:,} would play seeds up to "
                         f"{last:,} (allowed up to {MAX_SEED:,}); start at {MAX_SEED - games + 1:,} at most")


def add_scenario_argument(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "--scenario", required=required, metavar="NAME|FILE",
        help="a bundled scenario (see `burnrate scenario list`) or a path to a YAML file",
    )


def add_saves_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--saves-dir", metavar="DIR",
                        help="the folder autosaves and branches go to (created if missing; default saves/ here)")


def saves_dir_from(command: str, args) -> Path | None:
    """The --saves-dir folder, checked before the UI starts: an existing path that is not a
    folder is one clear line, not a failed save after the first quarter."""
    if args.saves_dir is None:
        return None
    if not args.saves_dir.strip():
        raise UsageError(f"burnrate {command}: --saves-dir needs a folder (got an empty name)")
    folder = Path(args.saves_dir).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"burnrate {command}: --saves-dir {args.saves_dir} is not a folder")
    return folder


STRATEGY_FILE_HELP = ("A strategy file runs your own Python code with your permissions, as `python FILE.py` would: "
                      "use only files you trust. `burnrate strategy new NAME` writes a template.")


def add_strategy_argument(parser: argparse.ArgumentParser, required: bool = True, default: str | None = None) -> None:
    from game.strategies import STRATEGIES

    parser.add_argument(
        "--strategy", required=required, default=default, metavar="NAME|FILE.py[:FUNC]",
        help=f"a built-in strategy ({', '.join(STRATEGIES)}) or a Python file defining decide(seen, limits, quarter) "
             f"(or FUNC) - {STRATEGY_FILE_HELP}",
    )


def scenario_from(args) -> LoadedScenario:
    from game.scenarios import load_scenario

    return load_scenario(args.scenario)


def strategy_from(name: str) -> Strategy:
    """A built-in strategy's name, or PATH.py[:FUNC] (game.strategies.files): one clear line when neither."""
    from game.strategies.files import load_strategy

    return load_strategy(name)[1]
