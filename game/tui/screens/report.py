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
        before, after = self.before, self.turn.snapshot
        yield Static(f"[b]Quarter report {pretty_quarter(after['quarter'])}[/b] · what happened and why", id="topbar")
        with VerticalScroll(id="report"):
            cash = after["cash_usd"] - before["cash_usd"]
            yield Static(
                f"[b]Cash[/b] {signed_usd(cash)} to [b]{panels.fmt_usd(after['cash_usd'])}[/b], runway "
                f"[b]{runway(after['runway_quarters'])}[/b] · [b]Users[/b] "
                f"{signed_count(after['monthly_active_users'] - before['monthly_active_users'])} to "
                f"{fmt_count(after['monthly_active_users'])} · [b]Staff[/b] "
                f"{signed_count(after['headcount'] - before['headcount'])} to {fmt_count(after['headcount'])}",
                id="headline")
            if after["outcome"] != "playing":
                yield Static(f"[b reverse] Game over: {after['outcome']} [/] press enter for the debrief", id="gameover")
            section = Static(drivers_table(explain.cash_drivers(after), signed_usd), classes="panel")
            section.border_title = "Cash: biggest drivers"
            yield section
            notes = explain.money_notes(after)
            if notes:
                section = Static(Text("\n").join(Text.assemble("• " + text, ("  " + fact, "dim italic")) for text, fact in notes),
                                 classes="panel")
                section.border_title = "Also this quarter"
                yield section
            users = explain.user_drivers(before, after)
            lost = explain.subscribers_lost(after)
            section = Static(drivers_table(users + ([lost] if lost.amount < -0.5 else []), signed_count), classes="panel")
            section.border_title = "Users and subscribers"
            yield section
            decided = self.turn.decisions
            staff = explain.staff_drivers(after, sum(decided.hires.as_list()), sum(decided.layoffs.as_list()))
            section = Static(drivers_table(staff, signed_count), classes="panel")
            section.border_title = f"Staff (morale {panels.pct(after['morale'])})"
            yield section
            section = Static(panels.news_text(after), classes="panel")
            section.border_title = "News"
            yield section
        yield Footer()

    def action_continue(self) -> None:
        self.dismiss()
