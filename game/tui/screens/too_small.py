"""Below the smallest terminal the screens are laid out for: one centred notice saying so.

The app pushes it when the terminal shrinks below `MIN_SIZE` and pops it when it grows back
(`BurnRateApp.check_size`), so the screens under it, and the game, are left as they were.
As a modal screen it also takes the keys: nothing is played blind behind the notice.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

# The one minimum, read by the check and the notice. 80 columns: the screens are laid out and
# snapshot-tested at 80x24; below 78 the footer loses Quit, and by 60 the score KPI reads
# "10.0% of $69.7 B =" with its value cut off. 20 rows: the picker's seed row and Start button,
# and the decisions form above its six-line projection, need them.
MIN_SIZE = Size(80, 20)


def too_small(size: Size) -> bool:
    return size.width < MIN_SIZE.width or size.height < MIN_SIZE.height


def notice_text(size: Size) -> str:
    # Short lines, so that at 28 columns each still fits on one line inside the border.
    return (f"Terminal too small:\n"
            f"at least {MIN_SIZE.width}x{MIN_SIZE.height} needed,\n"
            f"now {size.width}x{size.height}.\n"
            f"Enlarge the window.")


class TooSmallScreen(ModalScreen[None]):
    def __init__(self, size: Size) -> None:
        super().__init__()
        self.terminal_size = size

    def compose(self) -> ComposeResult:
        yield Static(notice_text(self.terminal_size), id="too-small")

    def show_size(self, size: Size) -> None:
        self.terminal_size = size
        self.query_one("#too-small", Static).update(notice_text(size))
