"""Quit, after asking when quarters were played since the last save."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class QuitScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Quit", id="confirm_quit", tooltip="Quit without saving"),
        Binding("n,escape", "answer(False)", "Stay", id="cancel_quit", tooltip="Back to the game"),
    ]

    def __init__(self, unsaved_quarters: int) -> None:
        super().__init__()
        self.unsaved_quarters = unsaved_quarters

    def compose(self) -> ComposeResult:
        with Grid(id="quit-dialog"):
            plural = "s" if self.unsaved_quarters != 1 else ""
            yield Label(f"{self.unsaved_quarters} quarter{plural} played since the last save. Quit anyway?", id="quit-question")
            yield Button("Quit (y)", variant="error", id="quit-yes")
            yield Button("Stay (n)", variant="primary", id="quit-no")

    def on_mount(self) -> None:
        self.query_one("#quit-no", Button).focus()  # enter keeps the game: the safe answer is the default

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit-yes")

    def action_answer(self, quit_: bool) -> None:
        self.dismiss(quit_)
