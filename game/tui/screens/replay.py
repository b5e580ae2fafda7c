"""A saved game, read-only: left/right step through the quarters, `b` branches from the one shown.

The app gives it the save's quarters as views and decisions; branching is a message up
(`BranchRequested`): the app builds the new game.
"""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from textual.message import Message

from game.models.decisions import QuarterDecisions, TermSheet
from game.models.scenario import Scenario
from game.models.view import QuarterView
from game.text.format import fmt_count, fmt_usd, pretty_quarter
from game.tui.screens.report import report_widgets, show_report
from game.tui.widgets.footer import Footer


def decisions_table(d: QuarterDecisions) -> Table:
    """Every decision of a quarter, two to a line."""
    staff = lambda s: f"{fmt_count(sum(s.as_list()))} (R {s.research} · E {s.engineering} · S {s.safety} · G {s.go_to_market})"  # noqa: E731
    pairs = [
        ("Term sheet", TermSheet(d.term_sheet).label), ("Equity raised", fmt_usd(d.equity_raise_usd)),
        ("Credit drawn", fmt_usd(d.credit_draw_usd)), ("Credit repaid", fmt_usd(d.credit_repay_usd)),
        ("GPUs bought", fmt_count(d.gpu_purchase_a100e)), ("GPUs rented", fmt_count(d.gpu_rent_a100e)),
        ("Owned GPUs training", f"{d.training_share:.0%}"), ("Training budget", fmt_usd(d.training_budget_usd)),
        ("Subscription", f"${d.subscription_price_usd_per_month:.2f}/mo"), ("API", f"${d.api_price_usd_per_mtok:.2f}/M tok"),
        ("Free tier", f"{d.free_tier_generosity:g}"), ("Pay", f"{d.pay_level:g}x market"),
        ("Hires", staff(d.hires)), ("Layoffs", staff(d.layoffs)),
        ("Retention grants", fmt_usd(d.retention_grants_usd)), ("Safety testing", f"{d.safety_testing_weeks:g} weeks"),
    ]
    pairs += [(label, "yes") for label, on in (("Convert to for-profit", d.convert_to_for_profit),
                                               ("Accept acquihire", d.accept_acquisition), ("IPO", d.ipo)) if on]
    table = Table.grid(padding=(0, 1), expand=True)
    for _ in range(2):
        table.add_column(style="dim", no_wrap=True)
        table.add_column(ratio=1)
    for i in range(0, len(pairs), 2):
        table.add_row(*(cell for pair in pairs[i:i + 2] for cell in pair))
    return table


class ReplayScreen(Screen):
    BINDINGS = [
        Binding("left", "step(-1)", "Previous", id="replay_previous", key_display="←", priority=True, tooltip="The quarter before"),
        Binding("right", "step(1)", "Next", id="replay_next", key_display="→", priority=True, tooltip="The quarter after"),
        Binding("b", "branch", "Branch from here", id="replay_branch",
                tooltip="Play on from the start of the quarter shown, as a new game saved to a new file"),
    ]

    class BranchRequested(Message):
        """Play on, as a new game, from the start of quarter `index` of the save."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, scenario: Scenario, file: Path, opening: QuarterView, views: list[QuarterView],
                 decisions: list[QuarterDecisions]) -> None:
        super().__init__()
        self.scenario, self.file, self.opening = scenario, file, opening
        self.views, self.decisions = views, decisions
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with VerticalScroll(id="replay"):
            yield Static(id="replay-decisions", classes="panel")
            yield from report_widgets()
        yield Footer()

    def on_mount(self) -> None:
        self.show_quarter()

    def action_step(self, delta: int) -> None:
        index = min(max(self.index + delta, 0), max(len(self.views) - 1, 0))
        if index != self.index:
            self.index = index
            self.show_quarter()

    def show_quarter(self) -> None:
        views, i = self.views, self.index
        body = self.query_one("#replay", VerticalScroll)
        if not views:
            self.query_one("#topbar", Static).update(f"[b]Replay[/b] {escape(self.file.name)} · no quarter played yet · b: play it")
            body.display = False
            return
        view = views[i]
        self.query_one("#topbar", Static).update(
            f"[b]Replay {pretty_quarter(view.quarter)}[/b] ({i + 1} of {len(views)}) · {escape(self.file.name)} · read-only")
        decided = self.query_one("#replay-decisions", Static)
        decided.update(decisions_table(self.decisions[i]))
        decided.border_title = f"Decisions taken in {pretty_quarter(view.quarter)}"
        show_report(self, self.scenario, views[i - 1] if i > 0 else self.opening, view, self.decisions[i])
        body.scroll_home(animate=False)

    def action_branch(self) -> None:
        self.post_message(self.BranchRequested(self.index))
