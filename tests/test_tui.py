"""The terminal UI driven by key presses: a whole game to the debrief, refused values, quitting."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from game.scenarios import load_scenario
from game.play.session import Game
from game.tui.app import make_app
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.decisions import DecisionsScreen
from game.tui.screens.picker import PickerScreen
from game.tui.screens.quit import QuitScreen
from game.tui.screens.report import ReportScreen
from textual.widgets import Input, Static


async def test_a_whole_game_by_key_presses_reaches_the_debrief():
    """... with names that look like Textual markup: scenario text is shown as text. The
    sandbox's 12 quarters (openai-2024's 24 play the same screens twice as often)."""
    from game.scenarios import parse_scenario

    sandbox = load_scenario("sandbox")
    text = sandbox.text.replace("name: Sandbox Lab", 'name: "Lab [/b] x [red]"', 1).replace("name: Megacorp AI", 'name: "Mega[/]corp"', 1)
    loaded = parse_scenario(text.encode(), "markup.yaml", allow_extends=False)
    assert loaded.scenario.company.name == "Lab [/b] x [red]"
    ended = []
    app = make_app(loaded, 0, on_quarter_ended=lambda game, turn: ended.append(turn.quarter))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, DashboardScreen)
        while not app.game.over:
            await pilot.press("ctrl+r", "ctrl+n")  # the autopilot's plan, every quarter
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, ReportScreen)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert len(ended) == len(app.game.turns) == loaded.scenario.quarters
        await pilot.press("escape")
        await pilot.pause()
        console = Console(width=200, record=True, file=io.StringIO())
        for widget in app.screen.query(Static):
            console.print(widget.content)
        shown = console.export_text()
        assert "Lab [/b] x [red]" in shown and "Mega[/]corp" in shown
        # Same decisions, same seed: the TUI plays exactly the game the API plays.
        twin = Game(loaded, 0)
        while not twin.over:
            twin.end_quarter(twin.suggested_decisions("historical"))
        assert app.game.turns[-1].view == twin.turns[-1].view


async def test_a_refused_value_shows_the_engines_message_and_changes_nothing(loaded):
    app = make_app(loaded, 0)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DecisionsScreen)
        field = screen.query_one("#f-gpu_purchase_a100e", Input)
        field.value = "5 M"  # the market supplies 100,000 a quarter
        await pilot.pause()
        problems = str(screen.query_one("#problems", Static).render())
        assert "gpu_purchase_a100e" in problems and "allowed up to 100,000" in problems
        assert field.has_class("-invalid")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.game.quarter == 0 and isinstance(app.screen, DecisionsScreen)
        field.value = "50,000"
        await pilot.pause()
        assert not field.has_class("-invalid")
        assert app.draft.gpu_purchase_a100e == 50_000
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.game.quarter == 1 and isinstance(app.screen, ReportScreen)
        assert app.game.turns[0].decisions.gpu_purchase_a100e == 50_000


BAD_VALUES = [
    ("lots", "is not a number"),
    ("-3", "-3 is out of range (allowed 0 to 100000 per function)"),
    # Issue 13: these crashed the app (OverflowError converting inf to a head count).
    ("1e400", "'1e400' is too large to be a number"),
    ("9" * 309, "is too large to be a number"),
    # Issue 16: a count took 12.7 as 13 and 1,2,3 as 123.
    ("12.7", "'12.7' is not a whole number of people"),
    ("1,2,3", "'1,2,3' is not a number"),
]


async def test_bad_typed_values_are_messages_not_tracebacks(loaded):
    """Each bad value in turn, in one game (an app per value cost 5 s each of the suite's time)."""
    app = make_app(loaded, 0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        for text, message in BAD_VALUES:
            app.screen.query_one("#f-hires--research", Input).value = text
            await pilot.pause()
            problems = str(app.screen.query_one("#problems", Static).render())
            assert "hires" in problems and message in problems, text
        await pilot.press("escape", "ctrl+n")
        await pilot.pause()
        assert app.game.quarter == 0 and isinstance(app.screen, DashboardScreen)


async def test_quit_asks_only_when_quarters_are_unsaved(loaded):
    app = make_app(loaded, 0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n", "enter", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.is_running
        app.mark_saved()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_picker_starts_the_preselected_scenario_with_the_seed():
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, PickerScreen)
        app.screen.query_one("#seed", Input).value = "7"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.game.loaded.scenario.id == "openai-2024" and app.game.seed == 7


async def test_help_and_palette_commands(loaded):
    app = make_app(loaded, 0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape", "ctrl+t")
        await pilot.pause()
        assert not app.current_theme.dark
        await app.run_action("end_quarter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)


async def test_help_scrolls_to_its_last_line_and_searches(loaded):
    from game.tui.screens.help import HelpScreen, MarkdownView, help_text

    app = make_app(loaded, 0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        body = screen.query_one("#help-body", MarkdownView)
        assert app.focused is body and body.max_scroll_y > 100  # far more than a screen of help
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        last = help_text().strip().splitlines()[-1]
        assert "burnrate replay --schema" in last  # the last line is the one now on screen
        shown = [body.render_line(y).text for y in range(body.scrollable_content_region.height)]
        assert any("burnrate replay --schema" in line for line in shown)  # its last line is in view
        # `/` searches: "q" is typed, not a way out; escape clears the search, then closes.
        await pilot.press("slash", *"grants q")
        await pilot.pause()
        assert screen.query_one("#help-search").value == "grants q" and app.screen is screen
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        shown = screen.shown
        assert "Retention grants" in shown and "Term sheet" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#help-search").value == "" and app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


def test_the_help_lists_every_key_every_screen_declares():
    from game.tui.screens.decisions import DecisionsScreen
    from game.tui.screens.help import keys_markdown
    from game.tui.screens.replay import ReplayScreen

    keys = keys_markdown()
    for binding in (*DecisionsScreen.BINDINGS, *ReplayScreen.BINDINGS):
        assert (binding.tooltip or binding.description) in keys
    assert "`ctrl+r`" in keys and "`f1` / `?`" in keys


async def test_palette_commands_fit_the_moment_and_the_screenshot_lands_in_the_saves_folder(loaded, tmp_path):
    from game.tui.commands import offered

    app = make_app(loaded, 0, saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        names = [name for name, _, _ in offered(app)]
        assert "End quarter" in names and "Last report" not in names
        assert [c.title for c in app.get_system_commands(app.screen) if c.title in ("Quit", "Screenshot")] == []
        await app.run_action("screenshot_to_saves")
        await pilot.pause()
        shots = list(tmp_path.glob("openai-2024-2024Q1-*.svg"))
        assert len(shots) == 1 and shots[0].read_text().startswith("<svg")
        await pilot.press("ctrl+n", "enter")
        await pilot.pause()
        assert "Last report" in [name for name, _, _ in offered(app)]
        while not app.game.over:
            app.game.end_quarter(app.game.suggested_decisions())
        names = [name for name, _, _ in offered(app)]
        assert "End quarter" not in names and "Decisions" not in names and "New game" in names


async def test_the_quit_dialog_focuses_stay_and_a_new_quarter_opens_on_the_kpis(loaded):
    from textual.containers import VerticalScroll
    from textual.widgets import Button

    app = make_app(loaded, 0)
    async with app.run_test(size=(80, 24)) as pilot:
        body = app.screen.query_one("#body", VerticalScroll)
        body.scroll_end(animate=False)
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("ctrl+n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.screen.query_one("#body").scroll_y == 0
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen) and isinstance(app.focused, Button) and app.focused.id == "quit-no"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.is_running


async def test_enter_in_the_pickers_seed_field_starts_the_seed_it_shows():
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#seed", Input).focus()
        await pilot.press("backspace", "4", "2")
        await pilot.pause()
        assert "plays seed 42" in str(app.screen.query_one("#seed-echo", Static).render()).replace("  ", " ")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.game.seed == 42


async def test_the_form_built_ahead_opens_with_the_standing_orders_each_quarter(loaded):
    """In a terminal the decisions form is built once the dashboard is up, and refreshed
    each quarter: it opens with the player's last decisions, a one-off move back to none."""
    app = make_app(loaded, 3, build_ahead=True)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(50):  # each is built after a refresh: a few pauses on a busy machine
            await pilot.pause()
            if all(app.is_screen_installed(name) and app.get_screen(name).is_mounted for name in ("decisions", "help")):
                break
        form, help_ = app.get_screen("decisions"), app.get_screen("help")
        assert form.is_mounted and help_.is_mounted and app.screen is not form  # built, not shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is help_ and help_.focused is help_.query_one("#help-body")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is form
        form.query_one("#f-subscription_price_usd_per_month", Input).value = "22"
        form.query_one("#f-layoffs--research", Input).value = "3"
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter")
        await pilot.pause()
        for quarter in range(2):
            await pilot.press("d")
            await pilot.pause()
            assert app.screen is form  # the same form, the new quarter in it
            assert app.game.quarter_label[:4] in str(form.query_one("#topbar", Static).render())
            assert form.query_one("#f-subscription_price_usd_per_month", Input).value == "22"
            assert form.query_one("#f-layoffs--research", Input).value == "0"  # a one-off: back to none
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
    assert [t.decisions.subscription_price_usd_per_month for t in app.game.turns] == [22.0] * 3
    assert [t.decisions.layoffs.research for t in app.game.turns] == [3, 0, 0]
