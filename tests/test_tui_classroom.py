"""A class game in the terminal UI: the student's name asked and checked, the game autosaved
to submissions/, refused at the pacing limit with the reason, and played on (in the same
session, and resumed later) once the teacher opens more quarters."""

from __future__ import annotations

from textual.widgets import Input, Static

from game.play.classroom import load_class, new_class, open_class
from game.play.saves import load_save, verify_save
from game.scenarios import load_scenario
from game.tui.classroom import make_class_app
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.student import StudentScreen


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def end_quarter(pilot) -> None:
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.press("enter")  # past the report
    await pilot.pause()


async def test_a_class_game_plays_to_the_limit_refuses_more_and_resumes_when_the_teacher_opens(tmp_path):
    room = new_class(tmp_path / "class", load_scenario("sandbox"), 5, "Econ 101", "2025Q2")
    save = room.submissions / "ann-lee.json"
    app = make_class_app(room)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StudentScreen)
        await pilot.press(*"../x", "enter")
        await pilot.pause()
        echo = str(app.screen.query_one("#student-echo", Static).render())
        assert isinstance(app.screen, StudentScreen) and "not '.' '/'" in echo
        app.screen.query_one("#student-name", Input).value = ""
        await pilot.press(*"Ann Lee", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and len(load_save(save).turns) == 0
        await end_quarter(pilot)
        await end_quarter(pilot)
        assert app.game.quarter == 2 and len(load_save(save).turns) == 2
        await pilot.press("ctrl+n")  # the limit: refused, with the reason
        await pilot.pause()
        assert app.game.quarter == 2 and isinstance(app.screen, DashboardScreen)
        assert any("The class plays to 2025 Q2; your teacher opens the next quarters" in n for n in notices(app))
        open_class(room.folder, "2025Q3")  # the teacher opens one more: the same session plays it
        await end_quarter(pilot)
        assert app.game.quarter == 3
    again = load_save(save)
    assert len(again.turns) == 3 and verify_save(again).ok
    open_class(room.folder, "2025Q4")
    app = make_class_app(load_class(room.folder), "ann lee")  # the same student, later: the same save resumes
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, DashboardScreen) and app.game.quarter == 3
        await end_quarter(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.game.quarter == 4
    assert len(load_save(save).turns) == 4 and sorted(p.name for p in room.submissions.glob("*.json")) == ["ann-lee.json"]


async def test_the_watch_screen_shows_saves_as_they_arrive(tmp_path):
    from textual.widgets import DataTable

    from game.play.saves import save_game
    from game.play.session import Game
    from game.tui.watch import make_watch_app

    loaded = load_scenario("sandbox")
    room = new_class(tmp_path / "class", loaded, 5, "Econ 101", "2025Q2")
    app = make_watch_app(room)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#watch-table", DataTable)
        assert table.row_count == 0
        for name, seed in (("bo", 5), ("zed", 6)):
            game = Game(loaded, seed)
            game.end_quarter(game.suggested_decisions("historical"))
            save_game(game, room.submissions / f"{name}.json")
        await pilot.pause(POLL_WAIT)  # no key pressed: the poll finds them
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = {str(table.get_row(key)[1]): [str(c) for c in table.get_row(key)] for key in table.rows}
        assert rows["bo"][0] == "1" and rows["bo"][2] == "1" and rows["bo"][-1] == "verified"
        assert rows["zed"][0] == "-" and rows["zed"][-1] == "REJECTED"
        summary = str(app.screen.query_one("#watch-summary", Static).render())
        assert "2 students · 1 ranked · 1 rejected" in summary and "zed: played on seed 6; the class plays seed 5" in summary
        checked = app.screen.checker._seen[room.submissions / "bo.json"][1]
        await pilot.press("r")  # an unchanged file is not checked again
        await app.workers.wait_for_complete()
        assert app.screen.checker._seen[room.submissions / "bo.json"][1] is checked


POLL_WAIT = 1.2  # a little more than game.tui.screens.watch.POLL_SECONDS
