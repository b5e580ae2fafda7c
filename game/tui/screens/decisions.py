"""The quarter's decisions: one tab per kind, checked as you type, with a preview of next quarter."""

from __future__ import annotations

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, Label, RadioButton, RadioSet, Static, TabbedContent, TabPane

from game.models.decisions import QuarterDecisions
from game.text.messages import messages
from game.play.session import Game
from game.tui import fields
from game.text.format import fmt_count, fmt_usd, pct, pretty_quarter, runway, signed_usd


def _input_id(path: str) -> str:
    return "f-" + path.replace(".", "--")


class DecisionsScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Dashboard", id="back", tooltip="Back to the dashboard (the decisions are kept)"),
        Binding("ctrl+n", "app.end_quarter", "End quarter", id="end_quarter", tooltip="Play the quarter with these decisions"),
        Binding("ctrl+r", "reset", "Reset", id="reset", tooltip="Back to what the historical strategy would do"),
        *(Binding(f"f{i + 2}", f"show_tab('{tab}')", tab, id=f"tab_{tab.lower()}", show=False,
                  tooltip=f"The {tab} decisions") for i, tab in enumerate(fields.TABS)),
    ]

    class DraftEdited(Message):
        """The player changed a decision: the new draft (None when unusable) and what is wrong."""

        def __init__(self, decisions: QuarterDecisions | None, problems: list[str]) -> None:
            super().__init__()
            self.decisions, self.problems = decisions, problems

    def __init__(self, game: Game, draft: QuarterDecisions) -> None:
        super().__init__()
        self.game = game
        self.base = draft
        self.specs = [*fields.FIELDS, *fields.extra_fields()]
        self.switches = fields.switches()

    def compose(self) -> ComposeResult:
        yield Static(f"[b]{pretty_quarter(self.game.quarter_label)}[/b] decisions · f2-f6 tabs · amounts like 6.6 B, 500 M, 1,700",
                     id="topbar")
        with TabbedContent(id="tabs"):
            for tab in fields.TABS:
                with TabPane(tab, id=f"pane-{tab.lower()}"), VerticalScroll():
                    if tab == "Funding":
                        yield Label("[b]Term sheet[/b]: this quarter's offers (the raise below comes from the one chosen)")
                        with RadioSet(id=_input_id("term_sheet"), compact=True):
                            for k, (label, offered) in enumerate(fields.term_sheet_options(self.game)):
                                yield RadioButton(label, k == self.base.term_sheet, disabled=not offered and k != self.base.term_sheet)
                        yield Static(fields.TERM_SHEET_STRINGS, classes="field-hint")
                    for spec in self.specs:
                        if spec.tab == tab:
                            with Horizontal(classes="field"):
                                yield Label(spec.label, classes="field-label")
                                yield Input(fields.editable(fields.value_of(self.base, spec.path), spec.kind),
                                            id=_input_id(spec.path), compact=True, select_on_focus=True)
                                yield Static(spec.hint(self.game), classes="field-hint")
                    for switch in self.switches:
                        if switch.tab == tab:
                            value = getattr(self.base, switch.path)
                            with Horizontal(classes="switch"):
                                yield Checkbox(switch.label, value, id=_input_id(switch.path), compact=True,
                                               disabled=not value and not switch.allowed(self.game))
                                yield Static(switch.hint(self.game), classes="field-hint")
        yield Static(id="problems")
        yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.recheck()
        self.query_one("#" + _input_id("term_sheet"), RadioSet).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.recheck()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.recheck()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.recheck()

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = f"pane-{tab.lower()}"
        first = next(spec for spec in self.specs if spec.tab == tab)
        self.query_one("#" + _input_id("term_sheet" if tab == "Funding" else first.path)).focus()

    def action_reset(self) -> None:
        self.base = self.game.suggested_decisions("historical")
        for spec in self.specs:
            self.query_one("#" + _input_id(spec.path), Input).value = fields.editable(fields.value_of(self.base, spec.path), spec.kind)
        for switch in self.switches:
            self.query_one("#" + _input_id(switch.path), Checkbox).value = getattr(self.base, switch.path)
        buttons = list(self.query_one("#" + _input_id("term_sheet"), RadioSet).query(RadioButton))
        buttons[self.base.term_sheet].value = True

    def read_form(self) -> tuple[QuarterDecisions | None, list[str]]:
        """The decisions the form says, or the problems with it (each naming field and range)."""
        data = self.base.model_dump()
        problems = []
        for spec in self.specs:
            text = self.query_one("#" + _input_id(spec.path), Input).value
            try:
                value = fields.parse_number(text)
            except ValueError as e:
                problems.append(f"{spec.path}: {e}; {spec.hint(self.game)}")
                continue
            *outer, last = spec.path.split(".")
            target = data
            for part in outer:
                target = target[part]
            target[last] = round(value) if spec.kind == "count" and "." in spec.path else value
        for switch in self.switches:
            data[switch.path] = self.query_one("#" + _input_id(switch.path), Checkbox).value
        data["term_sheet"] = max(self.query_one("#" + _input_id("term_sheet"), RadioSet).pressed_index, 0)
        if problems:
            return None, problems
        try:
            decisions = QuarterDecisions.model_validate(data)
        except ValidationError as e:
            return None, [f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()]
        return decisions, messages(self.game.check(decisions))

    def recheck(self) -> None:
        decisions, problems = self.read_form()
        bad = {fields.field_of(p) for p in problems}
        for spec in self.specs:
            field = self.query_one("#" + _input_id(spec.path), Input)
            field.set_class(spec.path in bad or spec.path.split(".")[0] in bad, "-invalid")
        self.query_one("#problems", Static).update("\n".join(f"[b red]✗[/] {p}" for p in problems))
        self.query_one("#problems").display = bool(problems)
        self.query_one("#preview", Static).update(self.preview_text(decisions) if not problems else
                                                  "[dim]Preview appears when every decision is allowed.[/dim]")
        self.post_message(self.DraftEdited(decisions if not problems else None, problems))

    def preview_text(self, decisions: QuarterDecisions) -> str:
        now, after = self.game.status(), self.game.preview(decisions)
        change = after["cash_usd"] - now["cash_usd"]
        return (f"[b]If you end the quarter:[/b] cash {fmt_usd(now['cash_usd'])} → [b]{fmt_usd(after['cash_usd'])}[/b] "
                f"({signed_usd(change)}), runway [b]{runway(after['runway_quarters'])}[/b], net income "
                f"{fmt_usd(after['net_income_usd'])}, users {fmt_count(after['monthly_active_users'])}, "
                f"share {pct(after['market_share'])}, staff {fmt_count(after['headcount'])}")
