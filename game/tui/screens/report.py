"""The quarter report: what happened and why — the biggest drivers of cash, users and staff."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from game import explain
from game.models.decisions import QuarterDecisions
from game.session import Game
from game.tui import panels
from game.tui.format import fmt_count, pretty_quarter, runway, signed_count, signed_usd


def drivers_table(drivers: list[explain.Driver], fmt) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1)
    for d in drivers:
        table.add_row(d.why.label, Text(fmt(d.amount), style="green" if d.amount > 0 else "red"),
                      Text.assemble(d.why.formula, ("  " + d.why.fact, "dim italic")))
    return table


def _panel(content, title: str) -> Static:
    section = Static(content, classes="panel")
    section.border_title = title
    return section


def report_sections(before: dict, after: dict, decided: QuarterDecisions) -> list[Static]:
    """The report of one quarter from two consecutive rows: shared by the live report and the replay."""
    cash = after["cash_usd"] - before["cash_usd"]
    sections = [Static(
        f"[b]Cash[/b] {signed_usd(cash)} to [b]{panels.fmt_usd(after['cash_usd'])}[/b], runway "
        f"[b]{runway(after['runway_quarters'])}[/b] · [b]Users[/b] "
        f"{signed_count(after['monthly_active_users'] - before['monthly_active_users'])} to "
        f"{fmt_count(after['monthly_active_users'])} · [b]Staff[/b] "
        f"{signed_count(after['headcount'] - before['headcount'])} to {fmt_count(after['headcount'])}",
        classes="headline")]
    if after["outcome"] != "playing":
        sections.append(Static(f"[b reverse] Game over: {after['outcome']} [/]", classes="gameover"))
    sections.append(_panel(drivers_table(explain.cash_drivers(after), signed_usd), "Cash: biggest drivers"))
    notes = explain.money_notes(after)
    if notes:
        sections.append(_panel(Text("\n").join(Text.assemble("• " + text, ("  " + fact, "dim italic")) for text, fact in notes),
                               "Also this quarter"))
    users = explain.user_drivers(before, after)
    lost = explain.subscribers_lost(after)
    sections.append(_panel(drivers_table(users + ([lost] if lost.amount < -0.5 else []), signed_count),
                           "Users and subscribers"))
    staff = explain.staff_drivers(after, sum(decided.hires.as_list()), sum(decided.layoffs.as_list()))
    sections.append(_panel(drivers_table(staff, signed_count), f"Staff (morale {panels.pct(after['morale'])})"))
    sections.append(_panel(panels.news_text(after), "News"))
    return sections


class ReportScreen(Screen):
    BINDINGS = [
        Binding("enter,escape,space", "continue", "Continue", id="continue", tooltip="Back to the dashboard"),
    ]

    def __init__(self, game: Game, opening: dict, index: int) -> None:
        super().__init__()
        self.game, self.index = game, index
        self.turn = game.turns[index]
        self.before = game.turns[index - 1].snapshot if index > 0 else opening

    def compose(self) -> ComposeResult:
        after = self.turn.snapshot
        yield Static(f"[b]Quarter report {pretty_quarter(after['quarter'])}[/b] · what happened and why", id="topbar")
        with VerticalScroll(id="report"):
            yield from report_sections(self.before, after, self.turn.decisions)
            if after["outcome"] != "playing":
                yield Static("Press enter for the debrief.", classes="gameover")
        yield Footer()

    def action_continue(self) -> None:
        self.dismiss()
