"""A screen built once and shown again and again (the dashboard, the decisions, the report, the help).

Textual styles every widget when it is mounted, then restyles the whole screen twice more
as it is first shown: when the terminal's width class (the app's HORIZONTAL_BREAKPOINTS,
-narrow / -wide) is added at its first resize, and on every ScreenResume, in case the
theme changed while it was hidden. For the decisions form, 1,000 nodes with the style
nodes of its inputs, each pass took about 100 ms. A kept screen starts with its width
class, and is restyled on resume only when the theme did change since it was styled.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.geometry import Size
from textual.screen import ModalScreen, Screen


def width_classes(app: App, size: Size) -> set[str]:
    """The app's breakpoint class for `size`, as Textual's Screen picks it (the largest breakpoint not above the width)."""
    for breakpoint, name in sorted(app.HORIZONTAL_BREAKPOINTS or [], reverse=True):
        if size.width >= breakpoint:
            return {name}
    return set()


class _Kept:
    _styled_theme: str | None = None  # the theme its styles were last worked out for

    def _start_with_width_class(self) -> None:
        try:
            app = self.app
        except RuntimeError:  # NoActiveAppError: built outside a running app, no size to match
            return
        self.add_class(*width_classes(app, app.size), update=False)

    def on_mount(self) -> None:
        self._styled_theme = self.app.theme  # every widget was styled as it mounted
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme) -> None:
        if self in self.app.screen_stack:  # Textual restyles every screen of the stack for the new theme
            self._styled_theme = theme.name

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        theme = self.app.theme
        if theme == self._styled_theme:
            event.refresh_styles = False  # Textual's own handler runs after this one (the base class's)
        self._styled_theme = theme


class KeptScreen(_Kept, Screen):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._start_with_width_class()


class KeptModalScreen(_Kept, ModalScreen):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._start_with_width_class()
