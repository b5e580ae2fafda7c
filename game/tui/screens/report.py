"""The quarter report: what happened and why — the biggest drivers of cash, users and staff."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.models.decisions import QuarterDecisions
from game.models.scenario import Scenario
from game.models.view import QuarterView
from game.text import explain
from game.text.format import fmt_count, fmt_usd, pct, pretty_quarter, runway, signed_count, signed_usd
from game.tui import panels
from game.tui.screens.kept import KeptScreen
from game.tui.widgets.rendered import Rendered


def drivers_table(drivers: list[explain.Driver], fmt) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1)
    for d in drivers:
        table.add_row(d.why.label, Text(fmt(d.amount), style="green" if d.amount > 0 else "red"),
                      Text.assemble(d.why.formula, ("  " + d.why.fact, "dim italic")))
    return table


SECTIONS = ("variance", "cash", "notes", "users", "staff", "news")


def variance_table(variances: list[explain.Variance]) -> Table:
    """Each headline figure: last quarter, projected (when the quarter was decided here), actual, and why."""
    projected = any(v.projected is not None for v in variances)
    table = Table(box=None, padding=(0, 1), expand=True, show_edge=False, header_style="dim")
    table.add_column("", no_wrap=True)
    table.add_column("last", justify="right", no_wrap=True)
    if projected:
        table.add_column("projected", justify="right", no_wrap=True)
    table.add_column("actual", justify="right", no_wrap=True)
    table.add_column("why it differs from the projection" if projected else "", ratio=1)
    for v in variances:
        why = "; ".join(v.causes) if v.causes else ("ordinary luck: demand and rivals' quarter" if v.off_projection else "")
        actual = Text(v.actual, style="bold yellow" if v.off_projection else "bold")
        cells = [v.label, v.last, *([v.projected or "—"] if projected else []), actual, Text(why, style="dim")]
        table.add_row(*cells)
    return table


def report_content(scenario: Scenario, before: QuarterView, after: QuarterView,
                   decided: QuarterDecisions, projected: QuarterView | None = None) -> dict[str, tuple[str, object]]:
    """The report of one quarter from two consecutive rows, as (title, renderable) per section
    (a missing section is left out): shared by the live report and the replay."""
    cash = after.cash_usd - before.cash_usd
    content: dict[str, tuple[str, object]] = {"headline": ("", Text.from_markup(
        f"[b]Cash[/b] {signed_usd(cash)} to [b]{fmt_usd(after.cash_usd)}[/b], runway "
        f"[b]{runway(after.runway_quarters)}[/b] · [b]Users[/b] "
        f"{signed_count(after.monthly_active_users - before.monthly_active_users)} to "
        f"{fmt_count(after.monthly_active_users)} · [b]Staff[/b] "
        f"{signed_count(after.headcount - before.headcount)} to {fmt_count(after.headcount)}"))}
    title = ("Against last quarter and the projection (no luck) shown when you decided" if projected is not None
             else "Against last quarter")
    content["variance"] = (title, variance_table(explain.variances(scenario, before, projected, after)))
    content["cash"] = ("Cash: biggest drivers", drivers_table(explain.cash_drivers(after), signed_usd))
    notes = explain.money_notes(after)
    factors = explain.valuation_factors(before, after)
    if factors and abs(after.valuation_usd / before.valuation_usd - 1) > 0.02:
        moved = ", ".join(f"{name} {ratio - 1:+.0%}" for name, ratio in factors if abs(ratio - 1) >= 0.005)
        notes = [*notes, (f"Valuation {fmt_usd(before.valuation_usd)} → {fmt_usd(after.valuation_usd)}: {moved} "
                          "(valuation = sentiment x trailing-year revenue x the multiple)", "§4 'round, Oct 2024'")]
    if notes:
        content["notes"] = ("Also this quarter", Text("\n").join(
            Text.assemble("• " + text, ("  " + fact, "dim italic")) for text, fact in notes))
    users = explain.user_drivers(before, after)
    lost = explain.subscribers_lost(after)
    content["users"] = ("Users and subscribers", drivers_table(users + ([lost] if lost.amount < -0.5 else []), signed_count))
    staff = explain.staff_drivers(after, decided.hires.total, decided.layoffs.total)
    morale = explain.morale_inputs(scenario, after, decided)
    moved = after.morale - before.morale
    staff_body = drivers_table(staff, signed_count)
    if abs(moved) >= 0.02 and morale:
        staff_body = Group(staff_body, Text.assemble((f"Morale {pct(before.morale)} → {pct(after.morale)}: ", "bold"),
                                                     "; ".join(morale), ("  §5 'why they leave'", "dim italic")))
    content["staff"] = (f"Staff (morale {pct(after.morale)})", staff_body)
    content["news"] = ("News", panels.news_text(scenario, after))
    return content


def report_widgets() -> ComposeResult:
    """The report's widgets, empty: `show_report` fills them (built once, then updated: fast)."""
    yield Static(classes="headline", id="report-headline")
    yield Static(classes="gameover", id="report-gameover")
    for name in SECTIONS:
        yield Static(classes="panel", id=f"report-{name}")


def show_report(screen: Screen, scenario: Scenario, before: QuarterView, after: QuarterView, decided: QuarterDecisions,
                game_over_hint: str = "", projected: QuarterView | None = None) -> None:
    content = report_content(scenario, before, after, decided, projected)
    screen.query_one("#report-headline", Static).update(content["headline"][1])
    over = screen.query_one("#report-gameover", Static)
    over.display = after.outcome != "playing"
    over.update(f"[b reverse] Game over: {after.outcome} [/] {game_over_hint}")
    for name in SECTIONS:
        widget = screen.query_one(f"#report-{name}", Static)
        widget.display = name in content
        if name in content:
            widget.border_title, body = content[name]
            widget.update(Rendered.of(body))


class ReportScreen(KeptScreen):
    """Installed once per app and refreshed for each quarter (`show`): building a screen per
    quarter costs far more styling than refreshing one."""

    BINDINGS = [
        Binding("enter,escape,space", "continue", "Continue", id="continue", tooltip="Back to the dashboard"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with VerticalScroll(id="report"):
            yield from report_widgets()
            yield Static(id="report-notices", classes="notices")  # what a toast would have covered the report with
        # A one-line key bar instead of a Footer: a Footer rebuilds its keys on every push.
        yield Static("[@click=screen.continue][b] ⏎ [/b]Continue[/]  [@click=app.help][b] ? [/b]Help[/]  "
                     "[@click=app.request_quit][b] ^q [/b]Quit[/]", classes="keybar")

    def __init__(self) -> None:
        super().__init__()
        self.shown: tuple | None = None  # (scenario, before, after, decisions), set by the app before each push
        self.filled: tuple | None = None

    def on_screen_resume(self) -> None:
        if self.shown is not None and self.shown != self.filled:
            self.show(*self.shown)

    def show(self, scenario: Scenario, before: QuarterView, after: QuarterView, decided: QuarterDecisions,
             notices: tuple[str, ...] = (), projected: QuarterView | None = None) -> None:
        self.filled = (scenario, before, after, decided, notices, projected)
        self.query_one("#topbar", Static).update(f"[b]Quarter report {pretty_quarter(after.quarter)}[/b] · what happened and why")
        show_report(self, scenario, before, after, decided, "press enter for the debrief", projected)
        shown = self.query_one("#report-notices", Static)
        shown.display = bool(notices)
        shown.update("\n".join(notices))
        self.query_one("#report", VerticalScroll).scroll_home(animate=False)

    def action_continue(self) -> None:
        self.dismiss()
