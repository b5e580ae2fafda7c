"""Game over: the outcome and score, the whole history in charts, and the turning points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from rich.markup import escape
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.play.session import Position
from game.text import explain
from game.text.format import fmt_count, fmt_usd, pct, pretty_quarter, signed_usd, stake_pct
from game.tui.widgets.chart import TrendChart
from game.tui.widgets.footer import Footer

if TYPE_CHECKING:  # the lab's runner is imported only when a game ends
    from game.play.standing import Standing

OUTCOMES = {
    "bankrupt": "Bankrupt: the cash ran out and nothing could be drawn. The founders' stake is worth nothing.",
    "acquired": "Acquired: a bigger company bought the lab.",
    "ipo": "Listed: the lab went public.",
    "survived": "Survived to the last quarter as an independent lab.",
}


class DebriefScreen(Screen):
    BINDINGS = [
        Binding("n", "app.new_game", "New game", id="new_game", tooltip="Pick a scenario and seed"),
        Binding("escape", "app.pop_screen", "Dashboard", id="back", tooltip="Back to the final dashboard"),
    ]

    def __init__(self, position: Position, standing: Callable[[], Standing] | None = None) -> None:
        super().__init__()
        self.position = position
        self.rows = list(position.views)
        self._standing = standing  # computed off the UI thread once the screen is up

    def compose(self) -> ComposeResult:
        pos, rows = self.position, self.rows
        last = pos.status
        first = rows[0].quarter if rows else last.quarter
        yield Static(f"[b]Debrief[/b] · {escape(pos.scenario.title)} · seed {pos.seed} · "
                     f"{pretty_quarter(first)} to {pretty_quarter(last.quarter)}", id="topbar")
        with VerticalScroll(id="debrief"):
            yield Static(
                f"[b]{OUTCOMES.get(pos.outcome, pos.outcome)}[/b]\n"
                f"Score [b]{fmt_usd(pos.score_usd)}[/b]: {self.score_formula(last)} · "
                f"cash {fmt_usd(last.cash_usd)} · "
                f"revenue {fmt_usd(last.revenue_usd)}/quarter · users {fmt_count(last.monthly_active_users)} · "
                f"share {pct(last.market_share)} · staff {fmt_count(last.headcount)}",
                id="outcome")
            if self._standing is not None:
                yield Static(Text("Setting the score against the autopilot's games...", style="dim"), id="standing")
            points = Static(self.turning_points(), classes="panel")
            points.border_title = "Turning points: the quarters that moved the score most"
            yield points
            with Grid(id="charts"):
                for name, title, fmt in (("cash", "Cash", fmt_usd), ("money", "Revenue vs cost", fmt_usd),
                                         ("share", "Market share", pct), ("users", "Monthly users", fmt_count),
                                         ("valuation", "Founders' stake value", fmt_usd),
                                         ("staff", "Headcount", fmt_count)):
                    chart = TrendChart(fmt, id=f"chart-{name}", classes="panel")
                    chart.border_title = title
                    yield chart
        yield Footer()

    def _measure_standing(self) -> None:
        st = self._standing()
        self.app.call_from_thread(self.query_one("#standing", Static).update,
                                  Text(explain.standing_sentence(st, self.position.score_usd)))

    @staticmethod
    def score_formula(last) -> str:
        if last.outcome == "bankrupt":
            return f"the founders' {stake_pct(last.founders_stake)} of a bankrupt lab is worth nothing"
        return (f"the founders' stake {stake_pct(last.founders_stake)} of the equity {fmt_usd(last.equity_value_usd)} "
                f"(valuation {fmt_usd(last.valuation_usd)} + cash - debt and claims)")

    def turning_points(self) -> Table | Text:
        decided = self.position.decisions
        moves = [explain.decision_moves(decided[i - 1] if i else None, d) for i, d in enumerate(decided)]
        points = explain.turning_points(self.position.scenario, self.position.opening, self.rows, moves)
        if not points:
            return Text("The game ended before any quarter moved the score.", style="dim")
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(ratio=1)
        for p in points:
            parts = sorted(p.parts, key=lambda part: -abs(part[1]))
            causes = Text.assemble(*(Text.assemble((f"{name} {signed_usd(amount)}", "green" if amount > 0 else "red"),
                                                   " · " if i < len(parts) - 1 else "")
                                     for i, (name, amount) in enumerate(parts)))
            said = "; ".join(p.moves) or "steady course: the market and the model did the work"
            table.add_row(pretty_quarter(p.quarter), Text(signed_usd(p.change_usd), style="green" if p.change_usd > 0 else "red"),
                          Text.assemble(causes, ("\nthat quarter: " + said, "dim")))
        return table

    def on_mount(self) -> None:
        if self._standing is not None:
            self.run_worker(self._measure_standing, thread=True, exclusive=True, group="standing")
        rows = self.rows
        series = {
            "cash": [("cash", [r.cash_usd for r in rows], "cyan")],
            "money": [("revenue", [r.revenue_usd for r in rows], "green"),
                      ("cost", [r.operating_cost_usd for r in rows], "red")],
            "share": [("you", [r.market_share for r in rows], "green"),
                      ("best rival", [max(r.rival_market_share.values(), default=0.0) for r in rows], "red")],
            "users": [("users", [r.monthly_active_users for r in rows], "cyan")],
            "valuation": [("stake", [explain.stake_value_usd(r) for r in rows], "yellow")],
            "staff": [("headcount", [float(r.headcount) for r in rows], "magenta")],
        }
        for name, data in series.items():
            chart = self.query_one(f"#chart-{name}", TrendChart)
            chart.quarters = [r.quarter for r in rows]
            chart.series = data
