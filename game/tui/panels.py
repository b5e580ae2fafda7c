"""What each dashboard panel says about a quarter row, as Rich renderables (no widgets here)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from game.explain import news
from game.tui.format import fmt_count, fmt_usd, pct

Row = dict[str, Any]
FUNCTION_LABELS = {"research": "Research", "engineering": "Engineering", "safety": "Safety", "go_to_market": "Go-to-market"}


def _grid(*widths: int, bars: bool = False) -> Table:
    """A label column, then right-aligned figures (and a left-aligned bar column when `bars`)."""
    table = Table.grid(padding=(0, 1), expand=True)
    for i, width in enumerate(widths):
        left = i == 0 or (bars and i == len(widths) - 1)
        table.add_column(justify="left" if left else "right", ratio=width or None, no_wrap=True)
    return table


def bar(share: float, width: int = 12) -> str:
    filled = share * width
    return "█" * int(filled) + ("▌" if filled - int(filled) >= 0.5 else "")


def market(row: Row, rival_names: dict[str, str]) -> Table:
    table = _grid(3, 0, 2, bars=True)
    table.add_row(Text("You", style="bold"), pct(row["market_share"]), Text(bar(row["market_share"]), style="green"))
    rivals = sorted(row.get("rival_market_share", {}).items(), key=lambda kv: -kv[1])
    for rid, share in rivals:
        table.add_row(rival_names.get(rid, rid), pct(share), Text(bar(share), style="red"))
    table.add_row(Text("Users", style="dim"), fmt_count(row["monthly_active_users"]), "")
    table.add_row(Text("Paying", style="dim"), fmt_count(row["subscribers"]), "")
    table.add_row(Text("API share", style="dim"), pct(row["api_share"]), "")
    return table


def talent(row: Row) -> Table:
    table = _grid(3, 0)
    for key, n in row.get("headcount_by_function", {}).items():
        table.add_row(FUNCTION_LABELS.get(key, key), fmt_count(n))
    table.add_row(Text("Headcount", style="bold"), Text(fmt_count(row["headcount"]), style="bold"))
    morale = row["morale"]
    table.add_row("Morale", Text(pct(morale), style="green" if morale >= 0.65 else "yellow" if morale >= 0.5 else "red"))
    table.add_row("Left last quarter", fmt_count(row.get("departures", 0.0)))
    people = row.get("key_people") or []
    if people:
        names = ", ".join(p.get("name", str(p)) if isinstance(p, dict) else str(p) for p in people)
        table.add_row("Key people", Text(names, overflow="fold"))
    return table


def income(row: Row, played: bool) -> Table | Text:
    if not played:
        return Text("No quarter played yet: the first income statement comes with the first report (ctrl+n).", style="dim")
    table = _grid(3, 0)
    table.add_row(Text("Revenue", style="bold"), Text(fmt_usd(row["revenue_usd"]), style="bold green"))
    table.add_row("  subscriptions", fmt_usd(row.get("subscription_revenue_usd", 0.0)))
    table.add_row("  API", fmt_usd(row.get("api_revenue_usd", 0.0)))
    for key, label in (("inference_cost_usd", "Inference"), ("idle_capacity_cost_usd", "Idle GPUs"),
                       ("training_cost_usd", "Training"), ("staff_cost_usd", "Staff")):
        table.add_row(label, fmt_usd(-row.get(key, 0.0)))
    net = row["net_income_usd"]
    table.add_row(Text("Net income", style="bold"), Text(fmt_usd(net), style="bold " + ("green" if net >= 0 else "red")))
    return table


def compute(row: Row) -> Table:
    table = _grid(3, 0)
    table.add_row("GPUs owned", fmt_count(row["gpus_owned_a100e"]))
    table.add_row("GPUs rented", fmt_count(row["gpus_rented_a100e"]))
    table.add_row("Utilisation", pct(row["utilisation"]))
    quality = row["service_quality"]
    table.add_row("Service", Text(pct(quality), style="green" if quality >= 0.98 else "yellow" if quality >= 0.9 else "red"))
    table.add_row("Model", f"gen {row['generation']} · cap {row['capability']:.2f}")
    return table


def finance(row: Row) -> Table:
    table = _grid(3, 0)
    table.add_row("Valuation", fmt_usd(row["valuation_usd"]) if row["valuation_usd"] else "not priced yet")
    table.add_row("Your stake", pct(row["founders_stake"]))
    table.add_row("Debt", fmt_usd(row.get("debt_usd", 0.0)))
    sentiment = row.get("sentiment")
    table.add_row("Sentiment", f"{sentiment:.2f}" if isinstance(sentiment, (int, float)) else (str(sentiment) if sentiment else "no reading"))
    table.add_row("Subscription", f"${row['subscription_price_usd_per_month']:.2f}/mo")
    table.add_row("API price", f"${row['api_price_usd_per_mtok']:.2f}/M tok")
    return table


def news_text(row: Row) -> Text:
    items = news(row)
    if not items:
        return Text("No news this quarter", style="dim")
    out = Text()
    for i, item in enumerate(items):
        out.append(("\n" if i else "") + "• " + item["headline"])
        if item.get("fact"):
            out.append(f"  {item['fact']}", style="dim")
    return out
