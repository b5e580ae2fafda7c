"""A plain-text table of a game's quarters, for the terminal and the README."""

from __future__ import annotations

from game.text.format import fmt_count, fmt_usd

COLUMNS = (
    ("Quarter", lambda r: r["quarter"]),
    ("Cash", lambda r: fmt_usd(r["cash_usd"])),
    ("Revenue", lambda r: fmt_usd(r["revenue_usd"])),
    ("Net income", lambda r: fmt_usd(r["net_income_usd"])),
    ("Users", lambda r: fmt_count(r["monthly_active_users"])),
    ("Subscribers", lambda r: fmt_count(r["subscribers"])),
    ("Share", lambda r: f"{100 * r['market_share']:.0f}%"),
    ("Headcount", lambda r: fmt_count(r["headcount"])),
)


def game_table(rows: list[dict], columns=COLUMNS) -> str:
    """Rows as aligned text: `columns` are (heading, row -> cell text) pairs."""
    cells = [[name for name, _ in columns]] + [[fn(r) for _, fn in columns] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
