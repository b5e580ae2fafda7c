"""Checkbox and radio button whose state shows in the glyph, not by colour alone.

Textual draws both with the same inner mark on and off and tells them apart by its colour,
which a colour-blind player, a monochrome terminal or a printed screenshot loses. These draw
"X" / blank for a tick box and "●" / "○" for a radio button, in the usual colours too.
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class TickBox(Checkbox):
    @property
    def _button(self):
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class Choice(RadioButton):
    @property
    def _button(self):
        self.BUTTON_INNER = "\u25cf" if self.value else "\u25cb"
        return super()._button
