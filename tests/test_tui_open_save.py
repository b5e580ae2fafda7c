"""The palette opens a save (issue 16): resume it or replay it, from the saves folder; a damaged
file is listed with its reason and cannot be chosen."""

from __future__ import annotations

from game.play.saves import save_game
from game.play.session import Game
from game.scenarios import load_scenario
from game.tui.app import make_app
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.saves import SavesScreen, list_saves


def saves(tmp_path):
    game = Game(load_scenario("sandbox"), 4)
    for _ in range(3):
        game.end_quarter(game.suggested_decisions("historical"))
    save_game(game, tmp_path / "sandbox-seed4.json")
    (tmp_path / "broken.json").write_text('{"format_version": 2, "turns": [')
    return game


def test_the_list_describes_each_save_and_names_what_is_wrong_with_a_broken_one(tmp_path):
    saves(tmp_path)
    entries = {e.path.name: e for e in list_saves(tmp_path)}
    assert "sandbox, seed 4, 3 quarters to" in entries["sandbox-seed4.json"].text
    broken = entries["broken.json"]
    assert broken.save is None and "cannot be opened" in broken.text and "truncated" in broken.text
    assert list_saves(tmp_path / "nowhere") == []


async def test_open_save_resumes_and_replay_replays(tmp_path):
    played = saves(tmp_path)
    app = make_app(load_scenario("openai-2024"), 0, saves_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.run_action("open_save('resume')")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        names = [e.path.name for e in app.screen.entries]
        await pilot.press(*["down"] * names.index("sandbox-seed4.json"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert (app.game.seed, app.game.quarter, app.game.loaded.scenario.id) == (4, 3, "sandbox")
        assert app.game.views[-1].model_dump() == played.views[-1].model_dump()
        await app.run_action("open_save('replay')")
        await pilot.pause()
        await pilot.press(*["down"] * names.index("sandbox-seed4.json"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
