"""`burnrate`: the one entry point. Headless commands never import the terminal UI.

Every command has --help. A user's mistake (a bad file, an unknown name, a value out of
range) prints one clear line per problem to stderr and exits 2; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from game.errors import BurnRateError

# (name, module): each module defines add_parser(subparsers) and run(args) -> exit code.
COMMANDS = (
    ("play", "game.commands.play"),
    ("serve", "game.commands.serve"),
    ("simulate", "game.commands.simulate"),
    ("replay", "game.commands.replay"),
    ("compare", "game.commands.compare"),
    ("lab", "game.commands.lab"),
    ("scenario", "game.commands.scenario"),
    ("balance", "game.commands.balance"),
    ("sweep", "game.commands.sweep"),
    ("strategy", "game.commands.strategy"),
    ("class", "game.commands.classroom"),
)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line naming the command and its --help."""

    def error(self, message: str):  # noqa: D401 - argparse's signature
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` just that command (its module alone is
    imported: `burnrate play` then starts without numpy, pydantic or the lab)."""
    parser = Parser(
        prog="burnrate",
        description="Burn Rate: run a frontier AI lab one quarter at a time.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, module in COMMANDS:
        if only is None or name == only:
            importlib.import_module(module).add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Burn Rate uses no pydantic plugins: skip pydantic's scan of every installed
    # package's entry points when the first model is built. A user's own
    # setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    argv = sys.argv[1:] if argv is None else argv
    # A known command first: build only its parser. Anything else (--help, a typo) gets
    # the whole parser, so help and "invalid choice" list every command.
    parser = build_parser(only=argv[0] if argv and argv[0] in dict(COMMANDS) else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except BurnRateError as e:
        print(str(e), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
