"""The theme is remembered between games in a settings file; a damaged file never stops the game."""

import pytest

from game.scenarios import load_scenario
from game.play import settings
from game.tui.app import make_app

THEMES = ("textual-dark", "textual-light", "nord")


def test_missing_file_gives_the_defaults(tmp_path):
    got = settings.load(tmp_path / "settings.yaml", THEMES)
    assert got.theme == settings.DEFAULT_THEME and got.problems == []


@pytest.mark.parametrize("text, problem, theme", [
    ("theme: ok\n  bad: : [\n", "settings.yaml:2: not valid YAML", settings.DEFAULT_THEME),
    ("- textual-light\n", "expected a mapping", settings.DEFAULT_THEME),
    ("theme: purple\n", "theme 'purple' is not one of", settings.DEFAULT_THEME),
    ("theme: textual-light\nsize: 3\n", "unknown setting 'size' ignored", "textual-light"),
])
def test_a_damaged_file_is_read_as_far_as_it_is_valid(tmp_path, text, problem, theme):
    path = tmp_path / "settings.yaml"
    path.write_text(text)
    got = settings.load(path, THEMES)
    assert len(got.problems) == 1 and problem in got.problems[0] and str(path) in got.problems[0]
    assert got.theme == theme


def test_save_then_load_round_trips_atomically(tmp_path):
    path = tmp_path / "deeper" / "settings.yaml"
    assert settings.save(path, settings.Settings(theme="nord")) is None
    assert settings.load(path, THEMES).theme == "nord"
    assert [p.name for p in path.parent.iterdir()] == ["settings.yaml"]  # no temporary left behind


def test_save_into_an_unwritable_place_says_why(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    problem = settings.save(blocker / "settings.yaml", settings.Settings())
    assert problem is not None and str(blocker) in problem


def test_the_config_dir_can_be_named(tmp_path, monkeypatch):
    monkeypatch.setenv(settings.CONFIG_DIR_ENV, str(tmp_path))
    assert settings.settings_path() == tmp_path / "settings.yaml"


async def test_the_theme_is_remembered_by_the_next_game(tmp_path):
    path = tmp_path / "settings.yaml"
    app = make_app(load_scenario("openai-2024"), 3, settings_file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.current_theme.dark and not path.exists()  # nothing written until a change
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not app.current_theme.dark
    assert "theme: textual-light" in path.read_text()
    again = make_app(load_scenario("openai-2024"), 3, settings_file=path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_a_damaged_settings_file_is_named_and_the_game_starts(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("theme: purple\n")
    app = make_app(load_scenario("openai-2024"), 3, settings_file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == settings.DEFAULT_THEME
        assert any("purple" in n.message for n in app._notifications)
