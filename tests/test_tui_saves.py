"""Saves in the terminal UI: autosave, resuming with --load, the read-only replay and branching."""

from __future__ import annotations

import pytest

from game.cli import main
from game.play.saves import load_save, restore_game, save_game, verify_save
from game.play.session import Game
from game.tui.app import make_app
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.quit import QuitScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.report import ReportScreen
from textual.widgets import Static


@pytest.fixture
def saves_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path / "saves"


@pytest.fixture
def three_quarters(loaded, tmp_path):
    game = Game(loaded, 5)
    for _ in range(3):
        game.end_quarter(game.suggested_decisions("historical"))
    return save_game(game, tmp_path / "three.json")


def topbar(app) -> str:
    return str(app.screen.query_one("#topbar", Static).render())


async def test_every_quarter_is_autosaved_and_the_save_verifies(loaded, saves_dir):
    app = make_app(loaded, 0, autosave=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        path = saves_dir / "openai-2024-seed0.json"
        save = load_save(path)
        assert len(save.turns) == 1 and verify_save(save).ok
        await pilot.press("enter", "ctrl+n", "enter")
        await pilot.pause()
        assert len(load_save(path).turns) == 2
        assert app.unsaved_quarters == 0
        await pilot.press("ctrl+q")  # nothing unsaved: no question
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen)
    assert app.return_code == 0


async def test_a_loaded_game_resumes_at_its_quarter_and_keeps_saving_to_its_file(three_quarters, saves_dir):
    app = make_app(game=restore_game(load_save(three_quarters)), save_path=three_quarters)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, DashboardScreen) and app.game.quarter == 3
        assert "2024 Q4" in topbar(app) and "turn 4 of" in topbar(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert len(load_save(three_quarters).turns) == 4
    assert not saves_dir.exists()  # nothing written to the autosave folder


async def test_replay_steps_through_the_quarters_read_only(three_quarters):
    app = make_app(replay=(load_save(three_quarters), three_quarters))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ReplayScreen)
        assert "2024 Q1" in topbar(app) and "(1 of 3)" in topbar(app)
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert "2024 Q3" in topbar(app) and "(3 of 3)" in topbar(app)
        await pilot.press("left")
        await pilot.pause()
        assert app.screen.index == 1 and "2024 Q2" in topbar(app)
        await pilot.press("ctrl+n")  # read-only: no quarter is played
        await pilot.pause()
        assert app.game is None and isinstance(app.screen, ReplayScreen)


async def test_branching_from_the_shown_quarter_writes_a_new_file(three_quarters, saves_dir):
    original = three_quarters.read_bytes()
    app = make_app(replay=(load_save(three_quarters), three_quarters))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "b")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.game.quarter == 1
        branch = saves_dir / "openai-2024-seed5-branch-2024Q2.json"
        assert app.save_path == branch and len(load_save(branch).turns) == 1
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert len(load_save(branch).turns) == 2 and verify_save(load_save(branch)).ok
    assert three_quarters.read_bytes() == original


@pytest.mark.parametrize("command", [["play", "--load"], ["replay"]])
@pytest.mark.parametrize("damage", ["truncated", "missing", "not json"])
def test_a_bad_save_is_one_line_and_exit_2(capsys, three_quarters, tmp_path, command, damage):
    path = tmp_path / "bad.json"
    if damage == "truncated":
        path.write_bytes(three_quarters.read_bytes()[:5000])
    elif damage == "not json":
        path.write_text("hello")
    assert main([*command, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err


async def test_saves_dir_names_where_autosaves_and_branches_go(loaded, three_quarters, saves_dir, tmp_path):
    """Issue 13: `--saves-dir DIR` (created when missing) takes the autosave and a branch;
    nothing goes to saves/ under the working directory, and the notice names the file."""
    folder = tmp_path / "my" / "games"
    app = make_app(loaded, 0, autosave=True, saves_dir=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        notices = str(app.screen.query_one("#report-notices").render())  # in the report, not a toast over it
    assert len(load_save(folder / "openai-2024-seed0.json").turns) == 1
    assert "my/games/openai-2024-seed0.json" in notices, notices
    app = make_app(replay=(load_save(three_quarters), three_quarters), saves_dir=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "b")
        await pilot.pause()
    assert len(load_save(folder / "openai-2024-seed5-branch-2024Q2.json").turns) == 1
    assert not saves_dir.exists()


@pytest.mark.parametrize("command", [["play", "--scenario", "openai-2024"], ["replay", "--table", "SAVE"]])
@pytest.mark.parametrize("folder", ["", "FILE"])
def test_a_saves_dir_that_is_not_a_folder_is_one_line_and_exit_2(capsys, three_quarters, tmp_path, command, folder):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("hello")
    args = [str(three_quarters) if a == "SAVE" else a for a in command]
    assert main([*args, "--saves-dir", str(not_a_folder) if folder else ""]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--saves-dir" in err and "Traceback" not in err
    assert not_a_folder.read_text() == "hello"
