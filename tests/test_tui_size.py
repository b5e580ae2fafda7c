"""The too-small notice: below the size the screens are laid out for it covers them, says
the size needed, takes the keys, and goes when the terminal grows, leaving the game as it was."""

from __future__ import annotations

from textual.widgets import Input, Static

from game.tui.app import make_app
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.decisions import DecisionsScreen
from game.tui.screens.quit import QuitScreen
from game.tui.screens.too_small import MIN_SIZE, TooSmallScreen


def notice(app) -> str:
    return str(app.screen.query_one("#too-small", Static).render())


async def test_a_tiny_terminal_shows_the_notice_and_growing_it_shows_the_dashboard_intact(loaded):
    app = make_app(loaded, 0)
    async with app.run_test(size=(28, 20)) as pilot:
        assert isinstance(app.screen, TooSmallScreen)
        assert "Terminal too small" in notice(app) and "now 28x20" in notice(app)
        assert f"at least {MIN_SIZE.width}x{MIN_SIZE.height} needed" in notice(app)
        await pilot.press("ctrl+n", "d", "ctrl+p")  # nothing is played, opened or searched blind
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen) and app.game.quarter == 0
        await pilot.resize_terminal(79, 30)  # one column short: still the notice, with the new size
        assert "now 79x30" in notice(app)
        await pilot.resize_terminal(80, 24)
        assert isinstance(app.screen, DashboardScreen) and len(app.screen_stack) == 2
        assert "2024 Q1" in str(app.screen.query_one("#topbar", Static).render())
        assert "$7 B" in str(app.screen.query_one("#kpi-cash", Static).render())
        await pilot.press("ctrl+n")  # and the game plays on
        await pilot.pause()
        assert app.game.quarter == 1


async def test_shrinking_keeps_a_half_typed_decision_and_the_quit_question_shows_over_the_notice(loaded):
    app = make_app(loaded, 0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n", "enter", "d")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DecisionsScreen)
        form.query_one("#f-gpu_purchase_a100e", Input).value = "20,000"
        await pilot.resize_terminal(80, 12)  # too few rows
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("ctrl+q")  # a quarter is unsaved: the question, which fits
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        assert app.screen is form and form.query_one("#f-gpu_purchase_a100e", Input).value == "20,000"
