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
from game.models.decisions import TermSheet
from game.models.save import SaveFile, save_json_schema
from game.play.saves import EXPORT_FORMATS, atomic_write_text, describe_save, export_rows, load_save, verify_save
from game.text.table import game_table

import numpy as np


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
    what_if = p.add_argument_group(
        "counterfactual", "keep the save's decisions up to a quarter, then play the rest with another strategy, on the "
                          "save's seed and across N seeds (game k: the save's seed + k), beside the original. A strategy "
                          "file runs your own Python code with your permissions: use only files you trust.")
    what_if.add_argument("--from", dest="from_quarter", metavar="QUARTER",
                         help="the first quarter the strategy decides, e.g. 2025Q3 (needs --strategy)")
    what_if.add_argument("--strategy", metavar="NAME|FILE.py[:FUNC]", help="a built-in strategy or a strategy file")
    what_if.add_argument("--games", type=int, default=200, metavar="N",
                         help="seeds for the luck still to come (default 200; 1 to 100,000)")
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
    if args.from_quarter or args.strategy:
        return what_if(args)
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
    from game.play.settings import settings_path

    make_app(replay=(save, Path(args.file)), saves_dir=saves_dir, settings_file=settings_path()).run()
    return 0


def verify(file: str, save: SaveFile) -> int:
    result = verify_save(save)
    if result.ok:
        print(f"{file}: {result.summary()} ({describe_save(save)})")
        return 0
    print(f"{file}: {result.summary()}")
    for line in result.details:
        print(f"  {line}")
    return 3 if result.other_engine else 1


def _staff(people) -> str:
    total = people.research + people.engineering + people.safety + people.go_to_market
    return fmt_count(total) if total else "-"


def _usd_or_dash(x: float) -> str:
    return fmt_usd(x) if x else "-"


def _raise(d) -> str:
    """The round: how much, from whom (the term sheet)."""
    return f"{fmt_usd(d.equity_raise_usd)} {TermSheet(d.term_sheet).label.split()[0]}" if d.equity_raise_usd else "-"


def _moves(d) -> str:
    """The one-off moves and yes/no decisions taken that quarter, in a word each."""
    moves = [("convert", d.convert_to_for_profit), ("accept offer", d.accept_offer),
             ("acquihire", d.accept_acquisition), ("IPO", d.ipo)]
    return ", ".join(name for name, taken in moves if taken)


# Every decision of the quarter has a column (issue 16: conversion, safety weeks, the free tier
# and the term sheet were missing), so the table can be read as the game was played.
DECISION_COLUMNS = (
    ("Quarter", lambda t: t.quarter),
    ("Raise", lambda t: _raise(t.decisions)),
    ("Draw", lambda t: _usd_or_dash(t.decisions.credit_draw_usd)),
    ("Repay", lambda t: _usd_or_dash(t.decisions.credit_repay_usd)),
    ("GPUs bought", lambda t: fmt_count(t.decisions.gpu_purchase_a100e)),
    ("GPUs rented", lambda t: fmt_count(t.decisions.gpu_rent_a100e)),
    ("Training", lambda t: f"{100 * t.decisions.training_share:.0f}% + {fmt_usd(t.decisions.training_budget_usd)}"),
    ("Distil", lambda t: _usd_or_dash(t.decisions.distillation_budget_usd)),
    ("Sub/mo", lambda t: fmt_usd(t.decisions.subscription_price_usd_per_month)),
    ("API/Mtok", lambda t: fmt_usd(t.decisions.api_price_usd_per_mtok)),
    ("Free tier", lambda t: f"{t.decisions.free_tier_generosity:.2f}x, {100 * t.decisions.free_tier_small_model_share:.0f}% small"),
    ("Hires", lambda t: _staff(t.decisions.hires)),
    ("Layoffs", lambda t: _staff(t.decisions.layoffs)),
    ("Pay", lambda t: f"{t.decisions.pay_level:.2f}x"),
    ("Grants", lambda t: _usd_or_dash(t.decisions.retention_grants_usd)),
    ("Safety wk", lambda t: f"{t.decisions.safety_testing_weeks:g}"),
    ("Moves", lambda t: _moves(t.decisions)),
)


def show(file: str, save: SaveFile) -> None:
    print(f"{file}: {describe_save(save)} - engine {save.engine_version}, saved {save.created_at}")
    print("\nDecisions")
    print(game_table(save.turns, DECISION_COLUMNS))
    print("\nResults")
    print(game_table([t.snapshot.model_dump(exclude_unset=True) for t in save.turns]))
    print(f"\nStep through it in the terminal UI (left/right, b to branch): `burnrate replay {file}` in a terminal.")
    print(f"Check the game with `burnrate replay --verify {file}`; export it with `--export csv|json`.")


def what_if(args) -> int:
    """`replay FILE --from QUARTER --strategy S [--games N]`: the counterfactual beside the original."""
    from game.play.counterfactual import counterfactual
    from game.strategies.files import load_strategy

    if not (args.from_quarter and args.strategy):
        raise UsageError("burnrate replay: --from QUARTER and --strategy go together (e.g. --from 2025Q3 --strategy frugal)")
    if args.verify or args.export or args.schema or args.output:
        raise UsageError("burnrate replay: --from/--strategy is a counterfactual; it does not go with --verify, --export or -o")
    if not 1 <= args.games <= 100_000:
        raise UsageError(f"burnrate replay: --games {args.games} is out of range (allowed 1 to 100,000)")
    save = load_save(args.file)
    label, strategy = load_strategy(args.strategy)
    cf = counterfactual(save, strategy, args.from_quarter, args.games)
    print(f"{args.file}: {describe_save(save)}")
    print(f"What if: the save's decisions to {cf.labels[cf.from_index - 1] if cf.from_index else 'the start'}, then "
          f"{label} from {cf.labels[cf.from_index]}; 'what-if' is the save's seed {save.seed}, p10-p90 the spread over "
          f"{args.games} seeds ({save.seed}..{save.seed + args.games - 1})")
    from game.play.counterfactual import view_score

    money = lambda x: fmt_usd(x) if x is not None and x == x else "-"  # noqa: E731
    share = lambda x: f"{100 * x:.0f}%" if x is not None and x == x else "-"  # noqa: E731
    spread = lambda name, q, fmt: f"{fmt(np.nanpercentile(cf.paths[name][:, q], 10))}..{fmt(np.nanpercentile(cf.paths[name][:, q], 90))}"  # noqa: E731
    rows = []
    for q, quarter in enumerate(cf.labels):
        orig = cf.original[q] if q < len(cf.original) else None
        own = cf.own_seed[q] if q < len(cf.own_seed) else None
        if orig is None and own is None:
            break
        rows.append({
            "q": ("> " if q == cf.from_index else "  ") + quarter,
            "cash": money(orig and orig.cash_usd), "cash_cf": money(own and own.cash_usd), "cash_band": spread("cash_usd", q, money),
            "rev": money(orig and orig.revenue_usd), "rev_cf": money(own and own.revenue_usd),
            "share": share(orig and orig.market_share), "share_cf": share(own and own.market_share),
            "score": money(orig and view_score(orig)), "score_cf": money(own and view_score(own)),
            "score_band": spread("score", q, money),
        })
    columns = [("Quarter", lambda r: r["q"]), ("Cash", lambda r: r["cash"]), ("what-if", lambda r: r["cash_cf"]),
               ("p10..p90", lambda r: r["cash_band"]), ("Revenue", lambda r: r["rev"]), ("what-if", lambda r: r["rev_cf"]),
               ("Share", lambda r: r["share"]), ("what-if", lambda r: r["share_cf"]), ("Score", lambda r: r["score"]),
               ("what-if", lambda r: r["score_cf"]), ("p10..p90", lambda r: r["score_band"])]
    print(game_table(rows, columns))
    from game.engine.mechanics.outcome import OUTCOME_NAMES

    shares = "  ".join(f"{name} {100 * float((cf.outcomes == code).mean()):.0f}%" for code, name in OUTCOME_NAMES.items() if code)
    print(f"\nWhat-if outcomes over {args.games} seeds: {shares}")
    print(f"The original's final score, {fmt_usd(cf.original_score_usd)}, is above {100 * cf.original_percentile():.0f}% of "
          f"the what-if games (their median {fmt_usd(float(np.median(cf.final_score_usd)))}); "
          f"on the save's own seed the what-if ends {cf.own_seed[-1].outcome} in {cf.own_seed[-1].quarter} "
          f"at {fmt_usd(view_score(cf.own_seed[-1]))}.")
    return 0
