"""A Rich renderable drawn once per width, for a Static whose height is its content's.

Textual renders a Static's Rich content to measure its height, again to paint it, and
again at every later layout of its screen (the dashboard is laid out about five times as
the app starts, the report two or three times after ctrl+n). Wrapped in `Rendered`, the
content is drawn once for each width (and height) it is shown at and replayed from then on.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text


class Rendered:
    @classmethod
    def of(cls, content):
        """`content` wrapped when Textual would draw it as Rich (a table, a group); text and
        strings are left to Textual's own Content, which wraps them itself and is cached."""
        return content if isinstance(content, (str, Text)) else cls(content)

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._segments: dict[tuple, list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # The height too: Textual measures without one and paints with it, and a table's cells
        # are padded to a given height (their trailing spaces styled), so each is drawn apart.
        key = (options.max_width, options.height, options.justify, options.overflow, options.no_wrap,
               options.highlight)
        segments = self._segments.get(key)
        if segments is None:
            segments = self._segments[key] = list(console.render(self.renderable, options))
        yield from segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)
