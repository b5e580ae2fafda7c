"""Layout snapshots of the main screens at 80x24 and 160x48, dark and light (pytest-textual-snapshot).

After an intended layout change: `pytest tests/test_tui_snapshots.py --snapshot-update`,
look at the report, and commit the new SVGs.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from game.play.session import Game
from game.scenarios import load_scenario
from game.tui.app import make_app


def finished_game() -> Game:
    """The game the key presses would play (historical, seed 0), played below the UI:
    tests/test_tui.py plays one whole game by key presses; one is enough."""
    game = Game(load_scenario("openai-2024"), 0)
    while not game.over:
        game.end_quarter(game.suggested_decisions("historical"))
    return game


async def show_debrief(pilot):
    from game.tui.screens.debrief import DebriefScreen

    await pilot.app.push_screen(DebriefScreen(pilot.app.game.position(), standing=pilot.app.game.standing))
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # the score set against the autopilot's games
    await pilot.pause()


async def light(pilot):
    pilot.app.theme = "textual-light"
    await pilot.pause()


async def talent_light(pilot):
    """One step at a time, each settled before the next: pressed in one burst on a busy machine
    the tab key could land before the form was mounted (a flaky snapshot in CI)."""
    await light(pilot)
    await pilot.press("d")
    await pilot.pause()
    await pilot.press("f5")
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


SCREENS = {
    "dashboard": None,
    "dashboard-light": light,
    "decisions": ["d"],
    "decisions-compute": ["d", "f3"],
    "decisions-talent-light": talent_light,
    "help": ["question_mark"],
    "report": ["ctrl+r", "ctrl+n"],  # the autopilot's first quarter
    "debrief": show_debrief,
}
SIZES = [(80, 24), (160, 48)]


def settled(keys):
    """Press `keys` (or run the callable), then stop every input's cursor blinking: the cursor
    toggles every 0.5 s, so on a busy machine a snapshot caught it on or off by chance."""
    async def run_before(pilot):
        if callable(keys):
            await keys(pilot)
        else:
            await pilot.press(*(keys or []))
        await pilot.pause()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
            box._cursor_visible = True
        await pilot.pause()
    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_snapshot(snap_compare, screen, size):
    app = make_app(game=finished_game()) if screen == "debrief" else make_app(load_scenario("openai-2024"), 0)
    assert snap_compare(app, terminal_size=size, run_before=settled(SCREENS[screen]))
