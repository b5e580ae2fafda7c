"""Pick a scenario and a seed (when `burnrate play` is started without --scenario)."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game import MAX_SEED
from game.errors import ScenarioError
from game.scenarios import LoadedScenario, bundled_scenarios, load_scenario
from game.tui.widgets.footer import Footer

DEFAULT_SCENARIO = "openai-2024"


class PickerScreen(Screen):
    BINDINGS = [Binding("ctrl+s", "start", "Start", id="start", tooltip="Start the highlighted scenario")]

    class Chosen(Message):
        """The player picked a scenario and a seed: start that game."""

        def __init__(self, loaded: LoadedScenario, seed: int) -> None:
            super().__init__()
            self.loaded, self.seed = loaded, seed

    def __init__(self) -> None:
        super().__init__()
        self.scenarios: list[LoadedScenario] = []
        self.broken: list[str] = []
        for path in bundled_scenarios():
            try:
                self.scenarios.append(load_scenario(str(path)))
            except ScenarioError as e:
                self.broken.append(f"{path.name}: {len(e.problems)} problems (burnrate scenario validate {path})")

    def compose(self) -> ComposeResult:
        yield Static("[b]Burn Rate[/b] · run a frontier AI lab one quarter at a time", id="topbar")
        with Vertical(id="picker"):
            yield Label("Scenario (enter to start)")
            yield OptionList(*(Option(f"[b]{escape(s.scenario.id)}[/b]  {escape(s.scenario.description)}", id=s.scenario.id)
                               for s in self.scenarios), id="scenarios")
            with Horizontal(id="seed-row"):
                yield Label("Seed", id="seed-label")
                yield Input("0", id="seed", compact=True, type="integer")
                yield Button("Start", variant="primary", id="start-button")
                yield Static(self.seed_text("0"), id="seed-echo")
            yield Static("\n".join(self.broken), id="picker-problems")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#scenarios", OptionList)
        ids = [s.scenario.id for s in self.scenarios]
        options.highlighted = ids.index(DEFAULT_SCENARIO) if DEFAULT_SCENARIO in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()  # enter in the seed field starts the game

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#seed-echo", Static).update(self.seed_text(event.value))

    @staticmethod
    def seed_text(text: str) -> str:
        """The seed that will be played, echoed as typed (typed digits were once lost unseen)."""
        text = text.strip() or "0"
        if text.isdigit() and int(text) <= MAX_SEED:
            return f"[dim]plays seed[/dim] [b]{int(text)}[/b]"
        return f"[b $error]not a seed[/] [dim](0 to {MAX_SEED})[/dim]"

    def action_start(self) -> None:
        text = self.query_one("#seed", Input).value.strip() or "0"
        problems = self.query_one("#picker-problems", Static)
        try:
            seed = int(text)
            if not 0 <= seed <= MAX_SEED:
                raise ValueError
        except ValueError:
            problems.update(f"[b red]✗[/] seed: {text!r} is not allowed (allowed a whole number 0 to {MAX_SEED})")
            return
        index = self.query_one("#scenarios", OptionList).highlighted
        if index is None or not self.scenarios:
            problems.update("[b red]✗[/] scenario: pick one from the list")
            return
        self.post_message(self.Chosen(self.scenarios[index], seed))
