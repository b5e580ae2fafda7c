"""The classroom's folder: class.yaml written, read back, hand-edited, and refused with file:line
problems; the student-name rule, which must never produce a path outside submissions/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.errors import ClassError, ScenarioError
from game.play.classroom import (
    MAX_NAME_CHARS, load_class, new_class, open_class, pacing_refusal, quarters_open, student_stem, submission_path,
)
from game.scenarios import load_scenario


@pytest.fixture(scope="module")
def sandbox():
    return load_scenario("sandbox")


@pytest.fixture
def room(sandbox, tmp_path):
    return new_class(tmp_path / "econ101", sandbox, 7, "Econ 101: AI labs", "2025Q4")


def test_a_new_class_loads_back_with_its_scenario_seed_and_pacing(room, sandbox):
    again = load_class(room.folder)
    assert again.file.title == "Econ 101: AI labs" and again.seed == 7 and again.file.open_to == "2025Q4"
    assert again.loaded.text == sandbox.text and again.file.scenario.sha256 == sandbox.sha256
    assert (room.folder / "submissions").is_dir()
    assert quarters_open(again) == 4  # 2025Q1 .. 2025Q4
    assert pacing_refusal(again, 3) is None
    assert pacing_refusal(again, 4) == "the class plays to 2025 Q4; your teacher opens the next quarters"


def test_an_existing_class_is_never_overwritten(room, sandbox):
    with pytest.raises(ClassError, match="a class is already there"):
        new_class(room.folder, sandbox, 1, "again")
    assert load_class(room.folder).seed == 7


def test_open_to_outside_the_game_is_refused_naming_the_range(sandbox, tmp_path):
    with pytest.raises(ClassError, match=r"2031Q1 is outside the game \(allowed 2025Q1 to 2027Q4\)"):
        new_class(tmp_path / "c", sandbox, 1, "t", "2031Q1")
    assert not (tmp_path / "c" / "class.yaml").exists()


def test_open_moves_only_the_open_to_line_and_keeps_the_teachers_edits(room):
    path = room.class_file
    path.write_text(path.read_text().replace("title: 'Econ 101: AI labs'", "title: Econ 101  # my own comment"))
    opened = open_class(room.folder, "2026Q4")
    text = path.read_text()
    assert opened.file.open_to == "2026Q4" and quarters_open(opened) == 8
    assert "title: Econ 101  # my own comment" in text
    assert re.search(r"^open_to: 2026Q4 +# the last quarter", text, re.MULTILINE)
    assert open_class(room.folder, "end").file.open_to is None
    with pytest.raises(ClassError, match="allowed 2025Q1 to 2027Q4"):
        open_class(room.folder, "2024Q4")
    assert load_class(room.folder).file.open_to is None  # the refused move changed nothing


def _problems(folder) -> str:
    with pytest.raises(ScenarioError) as e:
        load_class(folder)
    return str(e.value)


def line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


def test_hand_edits_are_checked_with_file_line_field_and_range(room):
    path = room.class_file
    original = path.read_text()
    path.write_text(original.replace("seed: 7 ", "seed: -3 "))
    assert re.fullmatch(rf"{re.escape(str(path))}:{line_of(path, 'seed:')}:\d+: seed: -3 is out of range "
                        r"\(allowed 0 to 9,223,372,036,854,775,807\)", _problems(room.folder))
    path.write_text(original.replace("survival_bonus_usd: 0", "survival_bonus: 0"))
    out = _problems(room.folder)
    assert f":{line_of(path, '  survival_bonus:')}:" in out and "grading.survival_bonus: unknown key" in out
    assert "did you mean 'survival_bonus_usd'?" in out
    path.write_text(original.replace("open_to: 2025Q4", "open_to: 2031Q1"))
    assert f"{path}:{line_of(path, 'open_to:')}:1: open_to: 2031Q1 is outside the game" in _problems(room.folder)
    path.write_text(original.replace("safety_incident_penalty_usd: 0", "safety_incident_penalty_usd: yes"))
    assert "grading.safety_incident_penalty_usd: true is a yes/no, not a number" in _problems(room.folder)
    path.write_text("")
    assert "empty file" in _problems(room.folder)


def test_an_edited_scenario_needs_its_new_sha256_and_is_validated_at_its_line_in_class_yaml(room):
    path = room.class_file
    original = path.read_text()
    edited = original.replace("quarters: 12 ", "quarters: 0 ", 1)
    path.write_text(edited)
    out = _problems(room.folder)
    assert f":{line_of(path, '  sha256:')}:" in out and "scenario.sha256: is not the SHA-256 of scenario.yaml" in out
    digest = re.search(r"that is ([0-9a-f]{64})", out).group(1)
    path.write_text(edited.replace(room.file.scenario.sha256, digest))
    out = _problems(room.folder)
    assert f"{path}:{line_of(path, '    quarters: 0')}:" in out and "scenario.yaml: quarters" in out


def test_yaml_tags_are_refused(room):
    path = room.class_file
    path.write_text(path.read_text().replace("seed: 7 ", "seed: !!python/object:os.system 7 "))
    assert "tags" in _problems(room.folder)


@pytest.mark.parametrize("name,stem", [("Ann Lee", "ann-lee"), ("  José  ", "jose"), ("bob_2", "bob_2"),
                                       ("X" * MAX_NAME_CHARS, "x" * MAX_NAME_CHARS)])
def test_names_become_plain_file_stems(name, stem):
    assert student_stem(name) == stem


HOSTILE = ["../x", "/etc/passwd", "a/b", "a\\b", ".", "..", "", "   ", "-rf", "__", "李雷", "ann\x1b[31m", "a\nb", "a\x00b",
           "x" * (MAX_NAME_CHARS + 1), "con", "~root", "$HOME", "a.json", "C:evil", "name\u202e", "…"]


@pytest.mark.parametrize("name", HOSTILE)
def test_no_name_reaches_a_path_outside_submissions(name, tmp_path):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    try:
        path = submission_path(submissions, name)
    except ClassError as e:
        assert "\x1b" not in str(e) and "\x00" not in str(e)  # the refusal never echoes a control character raw
        return
    assert path.parent == submissions and path.resolve().parent == submissions.resolve()
    assert re.fullmatch(r"[a-z0-9_][a-z0-9_-]*\.json", path.name)


def test_two_students_play_to_the_limit_and_resume_their_own_saves_once_the_teacher_opens(room):
    from game.play.classroom import student_game
    from game.play.saves import save_game

    for name, strategy in (("Ann", "historical"), ("Bob", "frugal")):
        game, path, resumed = student_game(room, name)
        assert not resumed and path == room.submissions / f"{name.lower()}.json"
        while pacing_refusal(room, len(game.turns)) is None:
            game.end_quarter(game.suggested_decisions(strategy))
        save_game(game, path)
    assert len(student_game(room, "ann")[0].turns) == 4 and pacing_refusal(room, 4) is not None
    opened = open_class(room.folder, "2026Q2")
    for name in ("ann", "bob"):
        game, path, resumed = student_game(opened, name)
        assert resumed and len(game.turns) == 4 and pacing_refusal(opened, 4) is None
        game.end_quarter(game.standing_decisions()[0])
        save_game(game, path)
    assert [len(student_game(opened, n)[0].turns) for n in ("ann", "bob")] == [5, 5]
    ann, bob = (student_game(opened, n)[0] for n in ("ann", "bob"))
    assert ann.turns[0].decisions != bob.turns[0].decisions  # each resumed their own game


def test_a_save_of_another_class_is_refused_to_the_student(room, sandbox, tmp_path):
    from game.play.classroom import student_game
    from game.play.saves import save_game
    from game.play.session import Game

    save_game(Game(sandbox, 99), room.submissions / "eve.json")
    with pytest.raises(ClassError, match="not a game of this class: played on seed 99; the class plays seed 7"):
        student_game(room, "Eve")


def test_a_game_is_played_in_one_place_at_a_time(room):
    import socket
    import subprocess
    import sys

    from game.play.classroom.seats import seat_path, take_seat

    save = room.submissions / "ann.json"
    seat = take_seat(save)
    assert take_seat(save).path == seat.path  # the same process again (a resumed game): its own seat
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        seat_path(save).write_text(f"{socket.gethostname()} {other.pid}\n")
        with pytest.raises(ClassError, match="ann is being played right now: close that game first"):
            take_seat(save)
    finally:
        other.kill()
        other.wait()
    assert take_seat(save).path == seat.path  # its process has gone: the seat is taken over
    seat.release()
    assert not seat_path(save).exists()
    assert seat_path(save).name.startswith(".")  # never read as a submission


def test_two_students_whose_names_make_one_file_do_not_share_a_game(room):
    """José and Jose both become jose.json: the second is refused, told to add a family name,
    while José (however he spaces or capitalises it) resumes his own game."""
    from game.errors import ClassError
    from game.play.classroom import student_game
    from game.play.saves import save_game

    game, path, _ = student_game(room, "José")
    game.end_quarter(game.suggested_decisions())
    save_game(game, path)
    with pytest.raises(ClassError, match=r"jose.json is the game 'José' started.*add your family name"):
        student_game(room, "Jose")
    assert student_game(room, "  josé ")[2] is True
    assert [p.name for p in room.submissions.glob("*.json")] == ["jose.json"]  # the name note is not a submission


def test_games_starting_at_the_same_moment_under_one_name_get_one_seat(room):
    """Four processes take ann's seat at once and hold it: exactly one gets it (looking at the
    seat and taking it happen under one lock, so two cannot both find it free)."""
    import subprocess
    import sys

    save = room.submissions / "ann.json"
    script = ("import sys, time; from pathlib import Path; from game.errors import ClassError; "
              "from game.play.classroom.seats import take_seat\n"
              "time.sleep(float(sys.argv[2]))\n"
              "try:\n    take_seat(Path(sys.argv[1])); print('seat'); sys.stdout.flush(); time.sleep(1.5)\n"
              "except ClassError:\n    print('refused')\n")
    start = f"{__import__('time').time() + 1.0}"
    procs = [subprocess.Popen([sys.executable, "-c", script.replace("float(sys.argv[2])", f"max(0, {start} - time.time())"),
                               str(save)], stdout=subprocess.PIPE, text=True) for _ in range(4)]
    said = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
    assert said == ["refused", "refused", "refused", "seat"], said
