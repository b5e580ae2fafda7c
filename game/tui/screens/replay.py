"""A saved game, read-only: left/right step through the quarters, `b` branches from the one shown."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.engine.decisions import TERM_SHEETS
from game.errors import SaveError
from game.models.decisions import QuarterDecisions
from game.models.save import SaveFile
from game.text.format import fmt_count, fmt_usd, pretty_quarter
from game.tui.screens.report import report_widgets, show_report


def decisions_table(d: QuarterDecisions) -> Table:
    """Every decision of a quarter, two to a line."""
    staff = lambda s: f"{fmt_count(sum(s.as_list()))} (R {s.research} · E {s.engineering} · S {s.safety} · G {s.go_to_market})"  # noqa: E731
    pairs = [
        ("Term sheet", TERM_SHEETS.get(d.term_sheet, "none")), ("Equity raised", fmt_usd(d.equity_raise_usd)),
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

    def __init__(self, save: SaveFile, file: Path, opening: dict) -> None:
        super().__init__()
        self.save, self.file, self.opening = save, file, opening
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
        index = min(max(self.index + delta, 0), max(len(self.save.turns) - 1, 0))
        if index != self.index:
            self.index = index
            self.show_quarter()

    def show_quarter(self) -> None:
        turns, i = self.save.turns, self.index
        body = self.query_one("#replay", VerticalScroll)
        if not turns:
            self.query_one("#topbar", Static).update(f"[b]Replay[/b] {self.file.name} · no quarter played yet · b: play it")
            body.display = False
            return
        turn = turns[i]
        self.query_one("#topbar", Static).update(
            f"[b]Replay {pretty_quarter(turn.quarter)}[/b] ({i + 1} of {len(turns)}) · {self.file.name} · read-only")
        decided = self.query_one("#replay-decisions", Static)
        decided.update(decisions_table(turn.decisions))
        decided.border_title = f"Decisions taken in {pretty_quarter(turn.quarter)}"
        show_report(self, turns[i - 1].snapshot if i > 0 else self.opening, turn.snapshot, turn.decisions)
        body.scroll_home(animate=False)

    def action_branch(self) -> None:
        from game.play.saves import branch_game, branch_path

        try:
            game = branch_game(self.save, self.index)
        except SaveError as e:
            self.notify(str(e), title="Cannot branch here", severity="error")
            return
        self.app.begin(game, branch_path(game), announce=f"Branched from {pretty_quarter(game.quarter_label)}", save_first=True)
