"""The game's commands in the command palette (ctrl+p), beside Textual's own."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name, help, app action)
COMMANDS = (
    ("End quarter", "Play this quarter with the current decisions (ctrl+n)", "end_quarter"),
    ("Decisions", "Set this quarter's decisions (d)", "push_decisions"),
    ("Help", "What every number means (? or f1)", "help"),
    ("Toggle dark/light theme", "Switch between the dark and the light theme (ctrl+t)", "toggle_theme"),
    ("New game", "Pick a scenario and a seed", "new_game"),
    ("Quit", "Quit Burn Rate (ctrl+q)", "request_quit"),
)


class GameCommands(Provider):
    async def discover(self) -> Hits:
        for name, help_, action in COMMANDS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_, action in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_)
