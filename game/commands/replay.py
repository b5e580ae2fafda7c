"""`burnrate replay`: show, verify or export a saved game; print the save format's schema.

Exit codes: 0 ok; 1 `--verify` found a quarter that does not re-run the same (the file was
edited); 2 a file that cannot be read or trusted (one line naming it); 3 the save was
played by another engine version whose numbers differ, so it cannot be checked here. `replay FILE` opens the game in the
terminal UI, read-only (left/right through the quarters, b to branch); with `--table`, or
when stdout is not a terminal, it prints the decisions and results as tables instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.text.format import fmt_count, fmt_usd
from game.commands.common import add_saves_dir_argument, saves_dir_from
from game.errors import UsageError
from game.models.save import SaveFile, save_json_schema
from game.play.saves import EXPORT_FORMATS, atomic_write_text, export_rows, load_save, verify_save
from game.text.table import game_table


def add_parser(sub) -> None:
    p = sub.add_parser(
        "replay", help="step through (TUI), verify (--verify) or export (--export) a saved game",
        description="Open a saved game in the terminal UI, read-only: left/right step through the quarters "
                    "(the decisions taken and their results), b branches from the quarter shown into a new game "
                    "saved to a new file. Or print it as tables (--table; also when stdout is not a terminal), "
                    "re-run it to check it (--verify), export it for a spreadsheet or pandas (--export), "
                    "or print the save format's JSON Schema (--schema).",
        epilog="exit codes: 0 ok; 1 --verify found a divergence (the file was edited); 2 the file cannot be read "
               "or trusted; 3 played by another engine version whose numbers differ, so it cannot be checked here",
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="a save file (e.g. from `burnrate simulate --save FILE`)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--verify", action="store_true",
                      help="re-run the decisions; exit 0 if every quarter matches, 1 naming the first that does not")
    mode.add_argument("--export", choices=EXPORT_FORMATS, metavar="csv|json",
                      help="one row per quarter: every snapshot field plus the decisions (decision.*)")
    mode.add_argument("--schema", action="store_true", help="print the JSON Schema of save files and exit")
    mode.add_argument("--table", action="store_true",
                      help="print the decisions and results as tables instead of opening the terminal UI")
    add_saves_dir_argument(p)
    p.add_argument("-o", "--output", metavar="OUT",
                   help="with --export: write to OUT (atomically; never over a save) instead of stdout; - is stdout")
    p.set_defaults(func=main)


def _is_a_save(path: str) -> bool:
    """Whether a file looks like a Burn Rate save (its opening bytes), so an export never replaces one."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and b'"format_version"' in head


def main(args) -> int:
    if args.schema:
        print(json.dumps(save_json_schema(), indent=2))
        return 0
    if not args.file:
        raise UsageError("burnrate replay: give a save FILE (see burnrate replay --help)")
    if args.output and not args.export:
        raise UsageError("burnrate replay: -o/--output goes with --export csv|json")
    saves_dir = saves_dir_from("replay", args)
    save = load_save(args.file)
    if args.verify:
        return verify(args.file, save)
    if args.export:
        text = export_rows(save, args.export)
        if args.output and args.output != "-":
            if _is_a_save(args.output):
                raise UsageError(f"burnrate replay: {args.output} is a save; export to another file (a save is not overwritten)")
            atomic_write_text(args.output, text)
            print(f"exported {len(save.turns)} quarters to {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    if args.table or not sys.stdout.isatty():
        show(args.file, save)
        return 0
    from game.tui.app import make_app

    make_app(replay=(save, Path(args.file)), saves_dir=saves_dir).run()
    return 0


def verify(file: str, save: SaveFile) -> int:
    result = verify_save(save)
    if result.ok:
        print(f"{file}: {result.summary()} ({describe(save)})")
        return 0
    print(f"{file}: {result.summary()}")
    for line in result.details:
        print(f"  {line}")
    return 3 if result.other_engine else 1


def describe(save: SaveFile) -> str:
    outcome = f"{save.outcome.kind} in {save.outcome.quarter}" if save.outcome else "still playing"
    return f"{save.scenario.name}, seed {save.seed}, {outcome}"


def _staff(people) -> str:
    total = people.research + people.engineering + people.safety + people.go_to_market
    return fmt_count(total) if total else "-"


def _usd_or_dash(x: float) -> str:
    return fmt_usd(x) if x else "-"


DECISION_COLUMNS = (
    ("Quarter", lambda t: t.quarter),
    ("Raise", lambda t: _usd_or_dash(t.decisions.equity_raise_usd)),
    ("Draw", lambda t: _usd_or_dash(t.decisions.credit_draw_usd)),
    ("Repay", lambda t: _usd_or_dash(t.decisions.credit_repay_usd)),
    ("GPUs bought", lambda t: fmt_count(t.decisions.gpu_purchase_a100e)),
    ("GPUs rented", lambda t: fmt_count(t.decisions.gpu_rent_a100e)),
    ("Training", lambda t: f"{100 * t.decisions.training_share:.0f}% + {fmt_usd(t.decisions.training_budget_usd)}"),
    ("Sub/mo", lambda t: fmt_usd(t.decisions.subscription_price_usd_per_month)),
    ("API/Mtok", lambda t: fmt_usd(t.decisions.api_price_usd_per_mtok)),
    ("Hires", lambda t: _staff(t.decisions.hires)),
    ("Layoffs", lambda t: _staff(t.decisions.layoffs)),
    ("Pay", lambda t: f"{t.decisions.pay_level:.2f}x"),
    ("IPO", lambda t: "yes" if t.decisions.ipo else ""),
)


def show(file: str, save: SaveFile) -> None:
    print(f"{file}: {describe(save)} - {len(save.turns)} quarters, engine {save.engine_version}, saved {save.created_at}")
    print("\nDecisions")
    print(game_table(save.turns, DECISION_COLUMNS))
    print("\nResults")
    print(game_table([t.snapshot.model_dump(exclude_unset=True) for t in save.turns]))
    print(f"\nStep through it in the terminal UI (left/right, b to branch): `burnrate replay {file}` in a terminal.")
    print(f"Check the game with `burnrate replay --verify {file}`; export it with `--export csv|json`.")
