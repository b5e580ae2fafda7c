"""`burnrate class watch DIR`: the teacher's live screen (game/tui/screens/watch.py) as an app."""

from __future__ import annotations

from textual.app import App

from game.play.classroom import Classroom
from game.tui.screens.watch import WatchScreen


class WatchApp(App):
    CSS_PATH = ["app.tcss", "classroom.tcss"]
    TITLE = "Burn Rate - class"

    def __init__(self, room: Classroom) -> None:
        super().__init__()
        self.room = room

    def on_mount(self) -> None:
        self.push_screen(WatchScreen(self.room))


def make_watch_app(room: Classroom) -> WatchApp:
    return WatchApp(room)
