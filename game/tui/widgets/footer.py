"""Textual's footer, rebuilt only when the keys it shows change.

Textual's `Footer` recomposes (removes its keys and mounts new ones, each styled twice)
whenever the screen's bindings signal fires: on every focus change, and several times
while a screen opens (8 recomposes and 51 keys to open the decisions, about 80 ms). The
keys it draws depend only on the screen's active bindings, so this one asks for at most
one recompose per refresh and skips it when those keys are the ones already shown.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _recompose_pending = False
    _shown: tuple | None = None  # the keys as last composed

    def _keys(self) -> tuple:
        """What the footer draws: each shown binding (key, label, action, enabled, tooltip) and the palette's key."""
        app = self.app
        palette = app.COMMAND_PALETTE_BINDING
        return (self.show_command_palette, self.compact, self.combine_groups,
                tuple((key, app.get_key_display(b), b.description, b.action, enabled, tooltip, b.group)
                      for key, (_, b, enabled, tooltip) in self.screen.active_bindings.items()
                      if b.show or key == palette))

    def compose(self):
        if self._bindings_ready:
            self._shown = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_pending:
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._recompose_pending = False
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()
