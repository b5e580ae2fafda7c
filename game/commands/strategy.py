"""`burnrate strategy new NAME | fields | list`: write a strategy file, list what it can read."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from game.commands.common import STRATEGY_FILE_HELP
from game.errors import UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("strategy", help="write your own strategy file (new), list what it sees (fields)",
                       description="Strategies as Python files: `new NAME` writes a commented template that plays "
                                   "legally as it stands; `fields` lists every figure `seen` has and every limit, with "
                                   "its unit; `list` the built-in strategies.",
                       epilog=STRATEGY_FILE_HELP)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="write NAME.py, a commented template (decide(seen, limits, quarter))")
    new.add_argument("name", metavar="NAME", help="a name (NAME.py is written here) or a path ending in .py")
    new.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    new.set_defaults(func=new_file)
    fields = actions.add_parser("fields", help="every figure a strategy sees and every limit, with units")
    fields.set_defaults(func=list_fields)
    listing = actions.add_parser("list", help="the built-in strategies")
    listing.set_defaults(func=list_builtins)


def new_file(args) -> int:
    from game.strategies.template import template

    path = Path(args.name if args.name.endswith(".py") else f"{args.name}.py")
    name = path.stem
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name):
        raise UsageError(f"burnrate strategy new: {name!r} is not a usable name (letters, digits, _ and -)")
    if path.exists() and not args.force:
        raise UsageError(f"burnrate strategy new: {path} exists (use --force to overwrite it)")
    if not path.parent.is_dir():
        raise UsageError(f"burnrate strategy new: no folder {path.parent}")
    path.write_text(template(name, str(path)), encoding="utf-8")
    print(f"wrote {path}: edit decide(), then `burnrate simulate --scenario openai-2024 --strategy {path}`")
    return 0


def list_fields(args) -> int:
    from game.engine.view import limit_fields
    from game.strategies.protocol import DECISION_FIELDS, observed_fields

    print("seen.NAME: the state of each game before the quarter (arrays with one row per game)")
    for name, (_, _, unit, label) in observed_fields().items():
        print(f"  {name:<40} {unit:<22} {label}")
    print("  quarter_label, games, seed                                      the quarter ('2025Q1'), batch size, seeds")
    print("\nlimits.NAME: what this quarter allows each game")
    for f in limit_fields():
        by = " (columns: none, venture, strategic, sovereign)" if f.leaf.table == "sheets" else ""
        print(f"  {f.name:<40} {f.leaf.unit:<22} {f.leaf.label}{by}")
    print("\ndecisions (the keys of the dict decide() returns; one left out carries on from last quarter):")
    print("  " + ", ".join(DECISION_FIELDS))
    print("  (`burnrate play` help and game/models/decisions.py give each one's range and unit)")
    return 0


def list_builtins(args) -> int:
    from game.strategies import DESCRIPTIONS

    for name, text in DESCRIPTIONS.items():
        print(f"{name:<13} {text}")
    return 0
