"""The game's commands in the command palette (ctrl+p), beside Textual's own."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name, help, app action, when it is offered: "playing", "played" (a quarter to report), "always")
COMMANDS = (
    ("End quarter", "Play this quarter with the current decisions (ctrl+n)", "end_quarter", "playing"),
    ("Decisions", "Set this quarter's decisions (d)", "push_decisions", "playing"),
    ("Autopilot", "Take the autopilot's plan for this quarter (ctrl+r)", "take_autopilot", "playing"),
    ("Last report", "The report of the last quarter played (r)", "last_report", "played"),
    ("Help", "What every number means (? or f1)", "help", "always"),
    ("Toggle dark/light theme", "Switch between the dark and the light theme (ctrl+t)", "toggle_theme", "always"),
    ("Screenshot", "Save an SVG of the screen into the saves folder", "screenshot_to_saves", "always"),
    ("New game", "Pick a scenario and a seed", "new_game", "always"),
    ("Open save", "Resume a saved game from the saves folder (or replay it)", "open_save('resume')", "always"),
    ("Replay", "Step through a saved game read-only; b there branches a new game", "open_save('replay')", "always"),
    ("Quit", "Quit Burn Rate, asking first when quarters are unsaved (ctrl+q)", "request_quit", "always"),
)


def offered(app) -> list[tuple[str, str, str]]:
    """The commands that make sense now: no quarter to end once the game is over."""
    game = getattr(app, "game", None)
    now = {"always"}
    if game is not None and not game.over:
        now.add("playing")
    if game is not None and game.turns:
        now.add("played")
    return [(name, help_, action) for name, help_, action, when in COMMANDS if when in now]


class GameCommands(Provider):
    async def discover(self) -> Hits:
        for name, help_, action in offered(self.app):
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_, action in offered(self.app):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_)
