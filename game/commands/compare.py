"""`burnrate compare A B`: two saved games side by side, and where their decisions part."""

from __future__ import annotations

from game.text.format import fmt_count, fmt_usd
from game.models.save import SaveFile
from game.play.saves import export_table, load_save
from game.text.table import game_table


def add_parser(sub) -> None:
    p = sub.add_parser(
        "compare", help="two saved games side by side, quarter by quarter",
        description="Show two saved games side by side (cash, revenue, market share, headcount, outcome) "
                    "and the first quarter where their decisions differ.",
    )
    p.add_argument("a", metavar="A", help="a save file")
    p.add_argument("b", metavar="B", help="another save file")
    p.set_defaults(func=main)


def _cell(side: str, key: str, fmt):
    return lambda row: fmt(row[side][key]) if row[side] else "-"


METRICS = (
    ("Cash", "cash_usd", fmt_usd),
    ("Revenue", "revenue_usd", fmt_usd),
    ("Share", "market_share", lambda x: f"{100 * x:.1f}%"),
    ("Headcount", "headcount", fmt_count),
)
COLUMNS = (("Quarter", lambda row: row["quarter"]),) + tuple(
    (f"{name} {side}", _cell(side, key, fmt)) for name, key, fmt in METRICS for side in ("A", "B")
)


def first_decision_difference(a: SaveFile, b: SaveFile) -> tuple[str, list[str]] | None:
    """The first quarter both games played with different decisions, and the decision fields that differ."""
    rows_a, rows_b = export_table(a), export_table(b)
    for turn, ra, rb in zip(a.turns, rows_a, rows_b):
        fields = [k[len("decision."):] for k in ra if k.startswith("decision.") and ra[k] != rb.get(k)]
        if fields:
            return turn.quarter, fields
    return None


def outcome_line(save: SaveFile) -> str:
    if not save.outcome:
        return f"still playing after {save.turns[-1].quarter if save.turns else 'no quarters'}"
    return f"{save.outcome.kind} in {save.outcome.quarter}, score {fmt_usd(save.outcome.score_usd)}"


def main(args) -> int:
    a, b = load_save(args.a), load_save(args.b)
    for side, file, save in (("A", args.a, a), ("B", args.b, b)):
        print(f"{side}: {file} - {save.scenario.name}, seed {save.seed}, {len(save.turns)} quarters")
    by_quarter: dict[str, dict] = {}
    for side, save in (("A", a), ("B", b)):
        for turn in save.turns:
            by_quarter.setdefault(turn.quarter, {"quarter": turn.quarter, "A": None, "B": None})[side] = turn.snapshot.model_dump(exclude_unset=True)
    print()
    print(game_table([by_quarter[q] for q in sorted(by_quarter)], COLUMNS))
    print()
    print(f"Outcome A: {outcome_line(a)}")
    print(f"Outcome B: {outcome_line(b)}")
    if a.scenario.sha256 != b.scenario.sha256:
        print(f"Scenarios differ: {a.scenario.name} ({a.scenario.sha256[:12]}) vs {b.scenario.name} ({b.scenario.sha256[:12]})")
    if a.seed != b.seed:
        print(f"Seeds differ: {a.seed} vs {b.seed} (same decisions can give different luck)")
    diff = first_decision_difference(a, b)
    common = min(len(a.turns), len(b.turns))
    if diff:
        print(f"Decisions first differ in {diff[0]}: {', '.join(diff[1])}")
    else:
        print(f"Decisions are the same in all {common} quarters both games played")
    return 0
