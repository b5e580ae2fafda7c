"""Arguments and look-ups several commands share."""

from __future__ import annotations

import argparse

from game.errors import UsageError
from game.models.save import MAX_SEED
from game.scenarios import LoadedScenario, load_scenario
from game.strategies import STRATEGIES
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


def add_scenario_argument(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "--scenario", required=required, metavar="NAME|FILE",
        help="a bundled scenario (see `burnrate scenario list`) or a path to a YAML file",
    )


def add_strategy_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strategy", required=True, metavar="NAME", help=f"one of: {', '.join(STRATEGIES)}")


def scenario_from(args) -> LoadedScenario:
    return load_scenario(args.scenario)


def strategy_from(name: str) -> Strategy:
    if name not in STRATEGIES:
        raise UsageError(f"unknown strategy {name!r} (allowed: {', '.join(STRATEGIES)})")
    return STRATEGIES[name]
