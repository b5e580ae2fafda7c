"""The teacher's live view of a class: who has played how far, the leaderboard, and the
rejected saves with their reasons, refreshed as saves arrive.

The folder is polled every second: listing it and reading mtimes is cheap, and a save is
re-verified only when its (mtime, size) changed (game.play.classroom.Checker). Checking runs
in a thread, so a folder of 100 fresh saves never freezes the screen.
"""

from __future__ import annotations

import os
import time

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from game.errors import BurnRateError
from game.play.classroom import Checker, Classroom, Standing, Submission, leaderboard, load_class, shown_limit
from game.text.format import fmt_usd
from game.tui.widgets.footer import Footer

POLL_SECONDS = 1.0
SHOWN_REASONS = 5
COLUMNS = ("Rank", "Student", "Quarters", "Last", "Cash", "Grade", "Outcome", "Check")


def _usd(x: float | None) -> str:
    return "-" if x is None else fmt_usd(x)


class WatchScreen(Screen):
    BINDINGS = [Binding("q", "app.quit", "Quit", id="watch_quit", tooltip="Stop watching (the class is unchanged)"),
                Binding("r", "scan", "Refresh now", id="watch_refresh", tooltip="Check the folder again now")]

    def __init__(self, room: Classroom) -> None:
        super().__init__()
        self.room = room
        self.checker = Checker(room)
        self.class_stamp = self._stamp()
        self.problem: str | None = None  # class.yaml cannot be read right now (a teacher mid-edit)

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.room.class_file)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        table = DataTable(id="watch-table", cursor_type="row", zebra_stripes=True)
        table.add_columns(*COLUMNS)
        yield table
        yield Static(id="watch-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.action_scan()
        self.set_interval(POLL_SECONDS, self.action_scan)

    def action_scan(self) -> None:
        self.scan()

    @work(thread=True, exclusive=True, group="scan")
    def scan(self) -> None:
        """Read the folder (class.yaml again when it changed) and check what changed."""
        stamp = self._stamp()
        if stamp != self.class_stamp:  # the teacher opened more quarters, or edited the grading
            try:
                self.room = load_class(self.room.folder)
                self.checker = Checker(self.room)
                self.problem = None
            except BurnRateError as e:
                self.problem = str(e).splitlines()[0]
            self.class_stamp = stamp
        try:
            subs = self.checker.submissions()
        except BurnRateError as e:
            self.problem, subs = str(e), []
        board, rejected = leaderboard(self.room, subs)
        self.app.call_from_thread(self.show, board, rejected)

    def show(self, board: list[Standing], rejected: list[Submission]) -> None:
        room = self.room
        self.query_one("#topbar", Static).update(
            f"[b]{escape(room.file.title)}[/b] · {escape(room.loaded.scenario.id)} · seed {room.seed} · "
            f"to {escape(shown_limit(room))} · {time.strftime('%H:%M:%S')}")
        table = self.query_one("#watch-table", DataTable)
        cursor = table.cursor_row
        table.clear()
        for st in board:
            s = st.submission
            table.add_row(str(st.rank), Text(s.student), str(s.quarters_played), s.last_quarter or "-", _usd(s.cash_usd),
                          _usd(st.grade_usd), s.outcome, Text("verified", style="green"), key=s.student)
        for s in rejected:
            label = Text("REJECTED", style="bold red") if s.rejected else Text("not started", style="dim")
            table.add_row("-", Text(s.student), str(s.quarters_played), s.last_quarter or "-", _usd(s.cash_usd), "-",
                          s.outcome if s.save else "-", label, key=s.student)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        total = len(board) + len(rejected)
        refused = [s for s in rejected if s.rejected]
        summary = (f"{total} students · {len(board)} ranked · {len(refused)} rejected"
                   + (f" · {len(rejected) - len(refused)} not started" if len(rejected) > len(refused) else "") if total else
                   f"no saves yet: students run  burnrate play --class {room.folder}")
        for s in refused[:SHOWN_REASONS]:  # (the reasons are long: under the table, wrapped, not cut off in a cell)
            summary += f"\n[b $error]REJECTED[/] {escape(s.student)}: {escape(s.rejected or '')}"
        if len(refused) > SHOWN_REASONS:
            summary += f"\n... and {len(refused) - SHOWN_REASONS} more (burnrate class leaderboard {escape(str(room.folder))})"
        if self.problem:
            summary += f"\n[b $error]✗[/] {escape(self.problem)}"
        self.query_one("#watch-summary", Static).update(summary)
