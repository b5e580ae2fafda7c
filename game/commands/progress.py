"""A progress bar for long work (lab, sweep, balance): games done, the rate and the time
left, on stderr, only when stderr is a terminal; nothing at all when piped or redirected.

rich (which Textual depends on) draws it; it is imported only when a bar is shown.
"""

from __future__ import annotations

import sys


class Progress:
    """Call it as `progress(done, total)`; use it as a context manager so the bar is cleared."""

    def __init__(self, label: str, unit: str = "games", stream=None):
        self.label, self.unit = label, unit
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._bar = self._task = None

    def __enter__(self) -> "Progress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn, MofNCompleteColumn, Progress as Bar, TaskProgressColumn, TextColumn, TimeRemainingColumn,
            )

            class Rate(TextColumn):
                def __init__(self, unit: str):
                    super().__init__("")
                    self.unit = unit

                def render(self, task):
                    from rich.text import Text

                    speed = task.finished_speed or task.speed
                    return Text(f"{speed:,.0f} {self.unit}/s" if speed else "", style="progress.data.speed")

            self._bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn(self.unit),
                            TaskProgressColumn(), Rate(self.unit), TextColumn("left"), TimeRemainingColumn(),
                            console=Console(file=self.stream), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=None)  # (the clock starts now: the rate counts from here)
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            return
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
