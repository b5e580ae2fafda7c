"""What each dashboard panel says about a quarter's view, as Rich renderables (no widgets here)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from game.models.scenario import Scenario
from game.models.view import QuarterView
from game.text.format import fmt_count, fmt_usd, pct, pretty_quarter
from game.text.news import quarter_news
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


def market(row: QuarterView, rival_names: dict[str, str]) -> Table:
    table = _grid(3, 0, 2, bars=True)
    table.add_row(Text("You", style="bold"), pct(row.market_share), Text(bar(row.market_share), style="green"))
    # Only the labs in the market: a rival not founded yet (the splinter lab key people may start)
    # or one that left has no users, and a 0.0% line reads as a rival that is there.
    rivals = sorted(((rid, share) for rid, share in row.rival_market_share.items() if row.rival_active.get(rid, True)),
                    key=lambda kv: -kv[1])
    for rid, share in rivals:
        table.add_row(Text(rival_names.get(rid, rid)), pct(share), Text(bar(share), style="red"))
    table.add_row(Text("Users", style="dim"), fmt_count(row.monthly_active_users), "")
    table.add_row(Text("  daily", style="dim"), fmt_count(row.daily_active_users), "")
    table.add_row(Text("Paying", style="dim"), fmt_count(row.subscribers), "")
    table.add_row(Text("Business seats", style="dim"), fmt_count(row.enterprise_seats), "")
    table.add_row(Text("API share", style="dim"), pct(row.api_share), "")
    return table


def talent(row: QuarterView, key_people: list[tuple[str, str, str]]) -> Group:
    """Headcount by function, morale, departures, then who of the key people is still here.

    `key_people` is the scenario's (id, role, name) list; the row says who is present.
    """
    table = _grid(3, 0)
    for key, n in row.headcount_by_function.items():
        table.add_row(FUNCTION_LABELS.get(key, key), fmt_count(n))
    table.add_row(Text("Headcount", style="bold"), Text(fmt_count(row.headcount), style="bold"))
    morale = row.morale
    table.add_row("Morale", Text(pct(morale), style="green" if morale >= 0.65 else "yellow" if morale >= 0.5 else "red"))
    table.add_row("Left last quarter", fmt_count(row.departures))
    present = row.key_people
    if not key_people:
        return Group(table)
    # Roles and names in their own grid: a long name must never squeeze the figures above.
    people = Table.grid(padding=(0, 1), expand=True)
    people.add_column(no_wrap=True)
    people.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    for kid, role, name in key_people:
        here = present.get(kid, True)
        people.add_row(Text("✓" if here else "✗", style="green" if here else "red"),
                       Text(f"{role} · {name}" + ("" if here else " (left)"), style="" if here else "dim"))
    gone = sum(not present.get(kid, True) for kid, _, _ in key_people)
    heading = Text(f"Key people: {len(key_people) - gone} of {len(key_people)} here", style="bold")
    return Group(table, heading, people)


def income(row: QuarterView, played: bool) -> Table | Text:
    if not played:
        return Text("No quarter played yet: the first income statement comes with the first report (ctrl+n).", style="dim")
    table = _grid(3, 0)
    table.add_row(Text("Revenue", style="bold"), Text(fmt_usd(row.revenue_usd), style="bold green"))
    table.add_row("  subscriptions", fmt_usd(row.subscription_revenue_usd))
    table.add_row("  business seats", fmt_usd(row.enterprise_revenue_usd))
    table.add_row("  API", fmt_usd(row.api_revenue_usd))
    for key, label in (("inference_cost_usd", "Inference"), ("idle_capacity_cost_usd", "Idle GPUs"),
                       ("training_cost_usd", "Training"), ("staff_cost_usd", "Staff")):
        table.add_row(label, fmt_usd(-getattr(row, key)))
    net = row.net_income_usd
    table.add_row(Text("Net income", style="bold"), Text(fmt_usd(net), style="bold " + ("green" if net >= 0 else "red")))
    return table


def compute(row: QuarterView) -> Table:
    table = _grid(3, 0)
    table.add_row("GPUs owned", fmt_count(row.gpus_owned_a100e))
    table.add_row("GPUs rented", fmt_count(row.gpus_rented_a100e))
    table.add_row("Utilisation", pct(row.utilisation))
    quality = row.service_quality
    table.add_row("Service", Text(pct(quality), style="green" if quality >= 0.98 else "yellow" if quality >= 0.9 else "red"))
    table.add_row("Model", f"gen {row.generation} · cap {row.capability:.2f}")
    table.add_row("Small model", f"{row.small_model_capability_behind:.2f} behind · cost {pct(row.small_model_cost_ratio)}")
    table.add_row("Free tier", f"{pct(row.free_tier_small_model_routed)} on small")
    return table


def finance(row: QuarterView, acquihire_offer_usd: float, over: bool) -> Table:
    """Valuation, stake, debt and sentiment; the for-profit turn and the strings of past rounds."""
    table = _grid(3, 0)
    if acquihire_offer_usd > 0:
        table.add_row(Text("Acquihire offer", style="bold reverse red"), Text(fmt_usd(acquihire_offer_usd), style="bold red"))
    table.add_row("Valuation", fmt_usd(row.valuation_usd) if row.valuation_usd else "not priced yet")
    table.add_row("Your stake", pct(row.founders_stake))
    table.add_row("Equity value", fmt_usd(row.equity_value_usd))
    table.add_row("Debt", fmt_usd(row.debt_usd))
    if row.investor_claim_usd > 0:
        table.add_row(Text("Investors' claim", style="bold yellow"), Text(fmt_usd(row.investor_claim_usd), style="bold yellow"))
    table.add_row("Sentiment", f"{row.sentiment:.2f}")
    if row.for_profit:
        table.add_row("Structure", "for-profit")
    else:
        table.add_row("Structure", Text("not yet for-profit", style="yellow"))
    if row.conversion_due_quarter and not over:
        due = pretty_quarter(row.conversion_due_quarter)
        table.add_row(Text("Convert by", style="bold yellow"), Text(due, style="bold yellow"))
    if row.revenue_share > 0:
        table.add_row("Revenue share owed", pct(row.revenue_share))
    if row.compute_credits_usd > 0:
        table.add_row("Compute credits", fmt_usd(row.compute_credits_usd))
    table.add_row("Subscription", f"${row.subscription_price_usd_per_month:.2f}/mo")
    table.add_row("API price", f"${row.api_price_usd_per_mtok:.2f}/M tok")
    return table


def news_text(scenario: Scenario, row: QuarterView) -> Text:
    items = quarter_news(scenario, row)
    if not items:
        return Text("No news this quarter", style="dim")
    out = Text()
    for i, item in enumerate(items):
        out.append(("\n" if i else "") + "• " + item["headline"])
        if item.get("fact"):
            out.append(f"  {item['fact']}", style="dim")
    return out
