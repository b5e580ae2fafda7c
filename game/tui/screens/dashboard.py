"""The company at a glance: cash and runway, income, compute, market, talent, charts, news.

The app gives it the game's `Position` and the draft plan (attributes down); it asks for
the last report with a message (messages up). It never touches the game itself.
"""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from game.models.decisions import QuarterDecisions, TermSheet
from game.play.session import Position
from game.text import explain
from game.text.format import fmt_count, fmt_usd, pct, pretty_quarter, runway
from game.tui import fields, panels
from game.tui.screens.kept import KeptScreen
from game.tui.widgets.chart import TrendChart
from game.tui.widgets.footer import Footer
from game.tui.widgets.rendered import Rendered

# How the plan line names where the draft came from (game.tui.app's DRAFT_* values).
PLAN_SOURCES = {"standing": "your standing orders", "autopilot": "the autopilot's", "original": "the original game's",
                "edited": "as you set it"}


class DashboardScreen(KeptScreen):
    BINDINGS = [
        Binding("d", "app.push_decisions", "Decisions", id="decisions", tooltip="Set this quarter's decisions"),
        Binding("ctrl+n", "app.end_quarter", "End quarter", id="end_quarter", tooltip="Play the quarter with the current decisions"),
        Binding("r", "last_report", "Last report", id="last_report", tooltip="The report of the quarter just played"),
        Binding("ctrl+r", "app.take_autopilot", "Autopilot", id="autopilot",
                tooltip="Take the autopilot's plan for this quarter (what the historical strategy would do)"),
    ]

    class ReportRequested(Message):
        """The player asked to see the last quarter's report again."""

    def __init__(self, position: Position, plan: QuarterDecisions | None, source: str = "standing") -> None:
        super().__init__()
        self.position, self.plan, self.source = position, plan, source
        scenario = position.scenario
        self.rival_names = {r.id: r.name for r in scenario.rivals}
        self.key_people = [(k.id, k.role, k.name) for k in scenario.world.key_people]

    def show(self, position: Position, plan: QuarterDecisions | None, source: str = "standing") -> None:
        """The game as it stands now (after a quarter, a new draft)."""
        self.position, self.plan, self.source = position, plan, source
        if self.is_mounted:
            self.refresh_figures()
            self.query_one("#body", VerticalScroll).scroll_home(animate=False)  # a new quarter opens on the KPIs

    def show_plan(self, plan: QuarterDecisions | None, source: str) -> None:
        """A new draft for the same quarter (edited in the form, or the autopilot's)."""
        self.plan, self.source = plan, source
        if self.is_mounted:
            self.query_one("#plan", Static).update(self.plan_text())

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with VerticalScroll(id="body"):
            with Horizontal(id="kpis"):
                for kpi in ("cash", "runway", "net", "score"):
                    yield Static(id=f"kpi-{kpi}", classes="kpi")
            yield Static(id="plan")
            yield Static(id="alert")
            with Grid(id="panels"):
                for name, title in (("market", "Market share"), ("talent", "Talent"), ("income", "Income statement"),
                                    ("compute", "Compute"), ("finance", "Money & sentiment"), ("news", "News")):
                    panel = Static(id=f"panel-{name}", classes="panel")
                    panel.border_title = title
                    yield panel
            with Grid(id="charts"):
                for name, title, fmt in (("cash", "Cash", fmt_usd), ("money", "Revenue vs cost", fmt_usd),
                                         ("share", "Market share", pct)):
                    chart = TrendChart(fmt, id=f"chart-{name}", classes="panel")
                    chart.border_title = title
                    yield chart
        yield Footer()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: one refresh (and one layout) at start-up.
        self.refresh_figures()

    def refresh_figures(self) -> None:
        pos = self.position
        row = pos.status
        played = bool(pos.views)
        scenario = pos.scenario
        state = f"game over: {pos.outcome}" if pos.over else "deciding"
        self.query_one("#topbar", Static).update(
            f"[b]{pretty_quarter(pos.quarter_label)}[/b]  {escape(scenario.company.name)} · {escape(scenario.title)} · "
            f"turn {pos.turn} of {pos.quarters} · seed {pos.seed} · {state}")
        burning = row.runway_quarters < scenario.world.distress_runway_below_quarters  # the game's own distress line
        self._kpi("cash", "Cash", fmt_usd(row.cash_usd), "bad" if row.cash_usd <= 0 else "")
        self._kpi("runway", "Runway", runway(row.runway_quarters) if played else "—", "bad" if burning else "")
        self._kpi("net", "Profit", fmt_usd(row.net_income_usd) if played else "—",
                  "bad" if row.net_income_usd < 0 else "good" if played else "")
        self._kpi("score", "Your stake: the score", explain.stake_text(row), "bad" if row.outcome == "bankrupt" else "")
        self.query_one("#plan", Static).update(self.plan_text())
        self.query_one("#panel-market", Static).update(Rendered.of(panels.market(row, self.rival_names)))
        self.query_one("#panel-talent", Static).update(Rendered.of(panels.talent(row, self.key_people)))
        self.query_one("#panel-income", Static).update(Rendered.of(panels.income(row, played)))
        self.query_one("#panel-compute", Static).update(Rendered.of(panels.compute(row)))
        offer = pos.limits.acquihire_offer_usd if pos.limits else 0.0
        self.query_one("#panel-finance", Static).update(Rendered.of(panels.finance(row, offer, pos.over)))
        alert = self.query_one("#alert", Static)
        alert.display = offer > 0
        if offer > 0:
            alert.update(f"[b]Acquihire offer: {fmt_usd(offer)}[/b] for the lab and its people, with runway at "
                         f"{runway(row.runway_quarters)}. It ends the game with your stake paid out instead of a "
                         "bankruptcy: accept it on the Funding tab (d, f2).")
        self.query_one("#panel-news", Static).update(Rendered.of(panels.news_text(scenario, row)))
        self.query_one("#panel-income", Static).border_title = (
            f"Income statement {pretty_quarter(row.quarter)}" if played else "Income statement")
        views = pos.views
        for chart in self.query(TrendChart):
            chart.quarters = [v.quarter for v in views]
        self.query_one("#chart-cash", TrendChart).series = [("cash", [v.cash_usd for v in views], "cyan")]
        self.query_one("#chart-money", TrendChart).series = [
            ("revenue", [v.revenue_usd for v in views], "green"),
            ("cost", [v.operating_cost_usd for v in views], "red"),
        ]
        top_rival = max(row.rival_market_share.items(), key=lambda kv: kv[1], default=None)
        share = [("you", [v.market_share for v in views], "green")]
        if top_rival:
            rid = top_rival[0]
            share.append((self.rival_names.get(rid, rid), [v.rival_market_share.get(rid, 0.0) for v in views], "red"))
        self.query_one("#chart-share", TrendChart).series = share

    def plan_text(self) -> str:
        """This quarter's draft in one line, so the player sees what ctrl+n will do."""
        plan = self.plan
        if self.position.over:
            return "[b]The game is over.[/b] ctrl+p: new game"
        if plan is None:
            return "[b $error]Plan: some decisions are not allowed[/] (d to fix them)"
        hires = plan.hires.total - plan.layoffs.total
        parts = [f"rent {fmt_count(plan.gpu_rent_a100e)} GPUs", f"hire {hires:+,}", f"train {fmt_usd(plan.training_budget_usd)}",
                 f"${plan.subscription_price_usd_per_month:.0f}/mo", f"API ${plan.api_price_usd_per_mtok:.2f}"]
        sheet = TermSheet(plan.term_sheet).label
        extras = ((plan.equity_raise_usd, f"raise {{}} ({sheet})", fmt_usd), (plan.credit_draw_usd, "draw {}", fmt_usd),
                  (plan.credit_repay_usd, "repay {}", fmt_usd), (plan.gpu_purchase_a100e, "buy {} GPUs", fmt_count))
        parts += [text.format(fmt(value)) for value, text, fmt in extras if value > 0]
        parts += ["list the company"] if plan.ipo else []
        inbox = fields.inbox(self.position)
        if inbox is not None:  # a question waits: say so where the player looks before ctrl+n
            answer = inbox.accept if plan.accept_offer else inbox.decline
            parts.append(f"[b $warning]inbox: {escape(answer)}[/]")
        return f"[b]Plan[/b] ({PLAN_SOURCES.get(self.source, self.source)}): " + " · ".join(parts) + \
            " [dim](d: change · ctrl+r: autopilot)[/dim]"

    def _kpi(self, name: str, label: str, value: str, mood: str) -> None:
        widget = self.query_one(f"#kpi-{name}", Static)
        widget.border_title = label
        widget.update(f"[b]{value}[/b]")
        widget.set_class(mood == "bad", "-bad")
        widget.set_class(mood == "good", "-good")

    def action_last_report(self) -> None:
        if self.position.views:
            self.post_message(self.ReportRequested())
        else:
            self.notify("No quarter played yet: press ctrl+n to play the first one.")
