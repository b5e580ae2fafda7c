"""The quarter's decisions: one tab per kind, checked as you type, with a projection of next quarter.

The screen reads the form into decisions (or the problems with what was typed) and posts
them up (`DraftEdited`); the app asks the game what it makes of them and sends the answer
down (`show_feedback`): the engine's refusals, or a projection of the quarter (no luck: game.engine.step.project).
"""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Static, TabbedContent, TabPane

from game.models.decisions import TABS, QuarterDecisions, Refusal, validated
from game.models.view import QuarterView
from game.play.session import Forecast, Position
from game.text import explain
from game.text.format import fmt_count, fmt_usd, pct, pretty_quarter, runway, signed_usd, stake_pct
from game.text.messages import message
from game.tui import fields, planner
from game.tui.screens.kept import KeptScreen
from game.tui.widgets.footer import Footer
from game.tui.widgets.toggles import Choice, TickBox


def _input_id(path: str) -> str:
    return "f-" + path.replace(".", "--")


# The class Textual's Input gives itself when it validates its first value (it has no
# validators, so it is always valid): given at once, each field is styled once less.
VALID = "-valid"


class DecisionsScreen(KeptScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Dashboard", id="back", tooltip="Back to the dashboard (the decisions are kept)"),
        Binding("ctrl+n", "app.end_quarter", "End quarter", id="end_quarter", tooltip="Play the quarter with these decisions"),
        Binding("ctrl+r", "reset", "Autopilot", id="reset", tooltip="Take the autopilot's plan (what the historical strategy would do)"),
        *(Binding(f"f{i + 2}", f"show_tab('{tab}')", tab, id=f"tab_{tab.lower()}", show=False,
                  tooltip=f"The {tab} decisions") for i, tab in enumerate(TABS)),
    ]

    class DraftEdited(Message):
        """The player changed a decision: the form's decisions (None when some text is not a
        valid decision) and what is wrong with the text."""

        def __init__(self, decisions: QuarterDecisions | None, problems: list[Refusal], edited: bool) -> None:
            super().__init__()
            self.decisions, self.problems = decisions, problems
            self.edited = edited  # the form says something other than the draft it opened with

    class ResetRequested(Message):
        """The player asked for the autopilot's (the historical strategy's) plan."""

    def __init__(self, position: Position, draft: QuarterDecisions) -> None:
        super().__init__()
        self.position = position
        self.base = draft
        self._previewed: QuarterView | None = None  # the projection on show, redrawn on resize
        self.shown: dict[str, str] = {}  # each field's text as the form wrote it: untouched text keeps the exact value
        self.specs = fields.number_fields()
        self.switches = fields.switch_fields()
        self._recheck_pending = False  # a check is asked for after the next refresh (recheck_soon)

    def compose(self) -> ComposeResult:
        pos = self.position
        yield Static(self.topbar_text(), id="topbar")
        yield from self._inbox()
        with Container(id="decisions-body"):  # form above the projection; side by side when wide
            yield from self._form()
            with Vertical(id="decisions-side"):
                yield Static(id="problems")
                yield Static(id="preview")
        yield Footer()

    def _inbox(self) -> ComposeResult:
        """The question a card asked last quarter (shown only while one waits): tick to accept."""
        inbox = fields.inbox(self.position)
        with Vertical(id="inbox") as box:
            box.display = inbox is not None
            yield Static(inbox.text if inbox else "", id="inbox-question")
            # The answer's label is the card's own (up to 60 characters): on its own line, whole.
            yield TickBox(inbox.accept if inbox else "Accept the offer", self.base.accept_offer,
                          id=_input_id("accept_offer"), compact=True)
            yield Static(f"unticked: {inbox.decline}" if inbox else "", id="h-" + _input_id("accept_offer"), classes="field-hint")

    def _show_inbox(self) -> None:
        inbox = fields.inbox(self.position)
        self.query_one("#inbox").display = inbox is not None
        if inbox is not None:
            self.query_one("#inbox-question", Static).update(inbox.text)
            self.query_one("#" + _input_id("accept_offer"), Checkbox).label = inbox.accept
            self.query_one("#h-" + _input_id("accept_offer"), Static).update(f"unticked: {inbox.decline}")

    def _form(self) -> ComposeResult:
        pos = self.position
        with TabbedContent(id="tabs"):
            for tab in TABS:
                with TabPane(tab, id=f"pane-{tab.lower()}"), VerticalScroll():
                    if tab == "Talent":
                        yield Static(planner.talent_text(pos), id="plan-talent", classes="planner")
                    if tab == "Funding":
                        yield Label("[b]Term sheet[/b]: this quarter's offers (the raise below comes from the one chosen)")
                        with RadioSet(id=_input_id("term_sheet"), compact=True):
                            for k, (label, offered) in enumerate(fields.term_sheet_options(pos)):
                                yield Choice(label, k == self.base.term_sheet, disabled=not offered and k != self.base.term_sheet)
                        yield Static(fields.TERM_SHEET_STRINGS, classes="field-hint")
                    for spec in self.specs:
                        if spec.tab == tab:
                            text = fields.editable(fields.value_of(self.base, spec.path), fields.kind_of(spec))
                            self.shown[spec.path] = text
                            with Horizontal(classes="field"):
                                yield Label(spec.label, classes="field-label")
                                yield Input(text, id=_input_id(spec.path), compact=True, select_on_focus=True,
                                            classes=VALID)
                                yield Static(fields.hint(spec, pos), id="h-" + _input_id(spec.path), classes="field-hint")
                            if spec.path in planner.AFTER_FIELD:
                                yield Static(id=planner.AFTER_FIELD[spec.path], classes="planner")
                    for spec in self.switches:
                        if spec.tab == tab and spec.path != "accept_offer":  # the inbox's, above the tabs
                            value = getattr(self.base, spec.path)
                            hint, allowed = fields.switch_hint(spec, pos)
                            with Horizontal(classes="switch"):
                                yield TickBox(spec.label, value, id=_input_id(spec.path), compact=True,
                                               disabled=not value and not allowed)
                                yield Static(hint, id="h-" + _input_id(spec.path), classes="field-hint")

    def topbar_text(self) -> str:
        return (f"[b]{pretty_quarter(self.position.quarter_label)}[/b] decisions · f2-f6 tabs · "
                "amounts like 6.6 B, 500 M, 1,700")

    def show_position(self, position: Position, draft: QuarterDecisions) -> None:
        """A new quarter on the same form (it is built once a game): its offers, limits and
        hints, then `draft` in the fields. Rebuilding the form took about half a second."""
        self.position = position
        self.query_one("#topbar", Static).update(self.topbar_text())
        buttons = list(self.query_one("#" + _input_id("term_sheet"), RadioSet).query(RadioButton))
        for k, (button, (label, offered)) in enumerate(zip(buttons, fields.term_sheet_options(position))):
            button.label, button.disabled = label, not offered and k != draft.term_sheet
        for spec in self.specs:
            self.query_one("#h-" + _input_id(spec.path), Static).update(fields.hint(spec, position))
        for spec in self.switches:
            hint, allowed = fields.switch_hint(spec, position)
            self.query_one("#h-" + _input_id(spec.path), Static).update(hint)
            self.query_one("#" + _input_id(spec.path), Checkbox).disabled = not getattr(draft, spec.path) and not allowed
        self.query_one("#plan-talent", Static).update(planner.talent_text(position))
        self._show_inbox()
        self.reset_to(draft)
        self.query_one("#tabs", TabbedContent).active = "pane-funding"
        self.query_one("#" + _input_id("term_sheet"), RadioSet).focus()

    def on_mount(self) -> None:
        self.recheck()
        self.query_one("#" + _input_id("term_sheet"), RadioSet).focus()

    # Every field's first value, and a paste into several, arrive as a burst of Changed
    # events; each asks for one check after the screen has refreshed, so a burst costs one
    # projection of the quarter, not one a field (opening the form cost 25).
    def on_input_changed(self, event: Input.Changed) -> None:
        self.recheck_soon()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.recheck_soon()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.recheck_soon()

    def recheck_soon(self) -> None:
        if not self._recheck_pending:
            self._recheck_pending = True
            self.call_after_refresh(self._recheck_now)

    def _recheck_now(self) -> None:
        self._recheck_pending = False
        self.recheck()

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = f"pane-{tab.lower()}"
        first = next(spec for spec in self.specs if spec.tab == tab)
        self.query_one("#" + _input_id("term_sheet" if tab == "Funding" else first.path)).focus()

    def action_reset(self) -> None:
        self.post_message(self.ResetRequested())

    def reset_to(self, draft: QuarterDecisions) -> None:
        """Fill the form with `draft` (the app's answer to ResetRequested, or a new quarter),
        then check it once (not once for every field the fill changes)."""
        self.base = draft
        with self.prevent(Input.Changed, Checkbox.Changed, RadioSet.Changed):
            for spec in self.specs:
                text = fields.editable(fields.value_of(draft, spec.path), fields.kind_of(spec))
                self.shown[spec.path] = text
                self.query_one("#" + _input_id(spec.path), Input).value = text
            for spec in self.switches:
                self.query_one("#" + _input_id(spec.path), Checkbox).value = getattr(draft, spec.path)
            for k, button in enumerate(self.query_one("#" + _input_id("term_sheet"), RadioSet).query(RadioButton)):
                button.value = k == draft.term_sheet  # every button now: the set hears of it later
        self.recheck()

    def read_form(self) -> tuple[QuarterDecisions | None, list[Refusal]]:
        """The decisions the form says, or what is wrong with its text (each naming the field)."""
        data = self.base.model_dump()
        problems = []
        for spec in self.specs:
            text = self.query_one("#" + _input_id(spec.path), Input).value
            if text == self.shown.get(spec.path):
                continue  # untouched: the draft's exact value, not the rounding the form shows
            try:
                value = fields.parse_count(text) if spec.unit == "people" else fields.parse_number(text)
            except ValueError as e:
                detail = {"text": text.strip(), "too_large": isinstance(e, fields.NumberTooLarge),
                          "not_whole": isinstance(e, fields.NotWhole)}
                problems.append(Refusal(spec.path, "not_a_number", detail=detail))
                continue
            fields.set_value(data, spec.path, value)
        for spec in self.switches:
            data[spec.path] = self.query_one("#" + _input_id(spec.path), Checkbox).value
        buttons = self.query_one("#" + _input_id("term_sheet"), RadioSet).query(RadioButton)
        data["term_sheet"] = next((k for k, button in enumerate(buttons) if button.value), 0)
        if problems:
            return None, problems
        return validated(data)

    def recheck(self) -> None:
        decisions, problems = self.read_form()
        self.post_message(self.DraftEdited(decisions, problems, edited=decisions != self.base))
        if problems:  # the app has nothing to add: show them now
            self.show_feedback(problems, None)

    def show_feedback(self, problems: list[Refusal], forecast: Forecast | None) -> None:
        """What the game makes of the form: what is refused (each field involved turns red,
        and so does its tab's name), or the quarter it would give and the plans it implies."""
        bad = set()
        for p in problems:
            bad.add(p.field)
            bad.update(p.detail.get("fields", ()))  # a rule across fields (spending over cash) marks them all
        bad_tabs = set()
        for spec in self.specs:
            field = self.query_one("#" + _input_id(spec.path), Input)
            wrong = spec.path in bad or spec.path.split(".")[0] in bad
            field.set_class(wrong, "-invalid")
            if wrong:
                bad_tabs.add(spec.tab)
        tabs = self.query_one("#tabs", TabbedContent)
        for tab in TABS:
            tabs.get_tab(f"pane-{tab.lower()}").label = f"{tab} ✗" if tab in bad_tabs else tab
        shown = self.query_one("#problems", Static)
        shown.update("\n".join(f"[b red]✗[/] {escape(message(p))}" for p in problems))
        shown.display = bool(problems)
        ready = forecast is not None and not problems
        self.query_one("#preview", Static).update(
            self.preview_text(forecast.view) if ready
            else "[dim]The projection appears when every decision is allowed.[/dim]")
        for widget_id, text in planner.plan_texts(self.position, forecast if ready else None).items():
            self.query_one("#" + widget_id, Static).update(text)

    def on_resize(self) -> None:
        """Crossing the 120-column breakpoint moves the projection beside the form or under it."""
        if self._previewed is not None:
            self.query_one("#preview", Static).update(self.preview_text(self._previewed))

    def preview_text(self, after: QuarterView) -> str:
        self._previewed = after
        now = self.position.status
        change = after.cash_usd - now.cash_usd
        if self.has_class("-wide"):  # a column beside the form: one figure a line
            return "\n".join([
                "[b]Projection[/b]", "[dim]no luck: no surprise events, rivals' median quarter[/dim]", "",
                f"cash        {fmt_usd(now.cash_usd)} → [b]{fmt_usd(after.cash_usd)}[/b] ({signed_usd(change)})",
                f"runway      [b]{runway(after.runway_quarters)}[/b]",
                f"net income  {fmt_usd(after.net_income_usd)}",
                f"users       {fmt_count(after.monthly_active_users)}",
                f"share       {pct(after.market_share)}",
                f"staff       {fmt_count(after.headcount)}", "",
                f"[b]Score[/b] {self.score_change(now, after, sep=chr(10) + '  ')}"])
        return (f"[b]Projection[/b] [dim](no luck: no surprise events, rivals' median quarter)[/dim]: cash {fmt_usd(now.cash_usd)} → [b]{fmt_usd(after.cash_usd)}[/b] "
                f"({signed_usd(change)}), runway [b]{runway(after.runway_quarters)}[/b], net income "
                f"{fmt_usd(after.net_income_usd)}, users {fmt_count(after.monthly_active_users)}, "
                f"share {pct(after.market_share)}, staff {fmt_count(after.headcount)}\n"
                f"[b]Score[/b] {self.score_change(now, after)}")

    @staticmethod
    def score_change(now: QuarterView, after: QuarterView, sep: str = ", ") -> str:
        """The score before and after the projected quarter, with what moved it: a round's
        dilution of the stake and the valuation. `sep` joins the parts (a newline in a column)."""
        stake = (f"your stake {stake_pct(now.founders_stake)} → [b]{stake_pct(after.founders_stake)}[/b]"
                 + (" (the round dilutes it)" if after.founders_stake < now.founders_stake else ""))
        parts = [f"{fmt_usd(explain.stake_value_usd(now))} → [b]{fmt_usd(explain.stake_value_usd(after))}[/b]",
                 stake, f"valuation {fmt_usd(now.valuation_usd)} → [b]{fmt_usd(after.valuation_usd)}[/b]",
                 f"equity {fmt_usd(after.equity_value_usd)}"]
        listing = "listing ends the game here" if after.outcome == "ipo" else ""
        if sep == ", ":  # one line: the score, a colon, then what moved it
            return parts[0] + ": " + sep.join(parts[1:]) + (f" · {listing}" if listing else "")
        return sep.join(parts + ([listing] if listing else []))
