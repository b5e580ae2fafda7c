"""Who is playing: the first screen of a class game started without --student (as the web
server starts it, one per browser tab). The name is checked as it is typed, by the one name
rule (game.play.classroom.names), and enter starts or resumes that student's game."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from game.errors import ClassError
from game.play.classroom import NAME_RULE, student_stem
from game.tui.widgets.footer import Footer


class StudentScreen(Screen):
    class Named(Message):
        """The student gave a name the rule accepts: start (or resume) their game."""

        def __init__(self, student: str) -> None:
            super().__init__()
            self.student = student

    def __init__(self, title: str, scenario_title: str, limit: str) -> None:
        super().__init__()
        self.class_title, self.scenario_title, self.limit = title, scenario_title, limit

    def compose(self) -> ComposeResult:
        yield Static(f"[b]Burn Rate[/b] · {escape(self.class_title)}", id="topbar")
        with Vertical(id="student"):
            yield Static(f"Everyone in the class plays [b]{escape(self.scenario_title)}[/b] with the same luck, "
                         f"up to [b]{escape(self.limit)}[/b] for now.\n\nYour name (enter to start; your game is saved "
                         "under it, and the same name resumes it):", id="student-intro")
            yield Input(placeholder="e.g. Ann Lee", id="student-name", max_length=80, compact=True)
            yield Static(f"[dim]{escape(NAME_RULE)}[/dim]", id="student-echo")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#student-name", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(self.check(event.value) if event.value.strip() else f"[dim]{escape(NAME_RULE)}[/dim]")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            student_stem(event.value)
        except ClassError as e:
            self.show_problem(str(e))
            return
        self.post_message(self.Named(event.value))

    @staticmethod
    def check(text: str) -> str:
        try:
            return f"[dim]saved as[/dim] [b]{student_stem(text)}.json[/b]"
        except ClassError as e:
            return f"[b $error]✗[/] {escape(str(e))}"

    def show_problem(self, text: str) -> None:
        """Why the name (or the student's save) cannot be used; the screen stays for another try."""
        self.show(f"[b $error]✗[/] {escape(text)}")

    def show(self, markup: str) -> None:
        self.query_one("#student-echo", Static).update(markup)
