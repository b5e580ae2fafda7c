"""A bar chart of a few series per quarter, drawn with block characters on a shared scale."""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BLOCKS = " ▁▂▃▄▅▆▇█"


class TrendChart(Widget):
    """Grouped bars, one group per quarter; the newest quarters are kept when space runs out.

    `series` is a list of (name, values, colour); every series shares one scale, so revenue
    and cost can be compared by eye.
    """

    DEFAULT_CSS = """
    TrendChart {
        height: 8;
        width: 1fr;
    }
    """

    series: reactive[list[tuple[str, list[float], str]]] = reactive(list, always_update=True)

    def __init__(self, fmt: Callable[[float], str], *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.fmt = fmt
        self.quarters: list[str] = []  # each bar group's quarter ("2024Q1"): the time axis; set before `series`

    def time_axis(self, first: int, n: int, axis: int, group: int) -> str:
        """A line under the bars naming each year where its first quarter is drawn."""
        line = [" "] * max(self.size.width, 1)
        taken = axis - 1
        for q in range(first, min(n, len(self.quarters))):
            label = self.quarters[q]
            if q != first and not label.endswith("Q1"):
                continue
            text = label[:4] if label.endswith("Q1") else label
            col = axis + (q - first) * group
            if col > taken and col + len(text) <= len(line):
                line[col:col + len(text)] = text
                taken = col + len(text)
        return "".join(line).rstrip()

    def render(self) -> Text:
        series = [s for s in self.series if s[1]]
        if not series:
            return Text("No quarter played yet", style="dim")
        rows = max(self.size.height - (2 if self.quarters else 1), 1)
        top = max((max(v) for _, v, _ in series), default=0.0) or 1.0
        axis = max(len(self.fmt(top)), 2) + 1
        group = len(series) + (1 if len(series) > 1 else 0)
        fits = max((self.size.width - axis) // group, 1)
        n = len(series[0][1])
        first = max(n - fits, 0)
        out = Text(no_wrap=True, overflow="crop")
        for r in range(rows - 1, -1, -1):
            label = self.fmt(top) if r == rows - 1 else ("0" if r == 0 else "")
            out.append(label.rjust(axis - 1) + " ", style="dim")
            for q in range(first, n):
                for _, values, colour in series:
                    eighths = round(max(values[q], 0.0) / top * rows * 8) if q < len(values) else 0
                    level = min(max(eighths - r * 8, 0), 8)
                    out.append(BLOCKS[level], style=colour)
                if len(series) > 1:
                    out.append(" ")
            out.append("\n")
        if self.quarters:
            out.append(self.time_axis(first, n, axis, group) + "\n", style="dim")
        for name, values, colour in series:
            out.append("■ ", style=colour)
            out.append(f"{name} {self.fmt(values[-1])}  ")
        return out
