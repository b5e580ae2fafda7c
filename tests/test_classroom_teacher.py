"""The teacher's commands on a class of scripted students: status, leaderboard (tampered,
foreign and past-the-limit saves rejected with their reasons), grades CSV, export, debrief."""

from __future__ import annotations

import csv
import io
import json

import pytest

from game.cli import main
from game.play.classroom import load_class, new_class
from game.play.saves import save_game
from game.play.session import Game
from game.scenarios import load_scenario

STUDENTS = {"ann": "historical", "bob": "frugal", "cy": "blitzscale"}
OPEN_QUARTERS = 6  # 2025Q1 .. 2026Q2


def play(loaded, seed: int, strategy: str, quarters: int) -> Game:
    game = Game(loaded, seed)
    for _ in range(quarters):
        if not game.over:
            game.end_quarter(game.suggested_decisions(strategy))
    return game


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """A class on the sandbox (seed 7, open to 2026Q2): three students who kept to the rules,
    one who edited their save, one who played another seed, one who played past the limit."""
    loaded = load_scenario("sandbox")
    folder = tmp_path_factory.mktemp("class") / "econ101"
    room = new_class(folder, loaded, 7, "Econ <101> & friends", "2026Q2")
    for name, strategy in STUDENTS.items():
        save_game(play(loaded, 7, strategy, OPEN_QUARTERS), room.submissions / f"{name}.json")
    tampered = json.loads((room.submissions / "ann.json").read_text())
    tampered["turns"][2]["snapshot"]["cash_usd"] += 1e9
    (room.submissions / "dan.json").write_text(json.dumps(tampered))
    save_game(play(loaded, 8, "historical", 3), room.submissions / "eve.json")
    save_game(play(loaded, 7, "historical", OPEN_QUARTERS + 1), room.submissions / "fay.json")
    return folder


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_lists_every_student_with_how_far_they_played(classroom, capsys):
    code, out, _ = run(capsys, "class", "status", str(classroom))
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()[2:-1]}
    assert set(lines) == {"ann", "bob", "cy", "dan", "eve", "fay"}
    assert lines["ann"].split()[1:3] == ["6", "2026Q2"] and "playing" in lines["ann"]
    assert lines["eve"].split()[1:3] == ["3", "2025Q3"]
    assert all("REJECTED" in lines[s] for s in ("dan", "eve", "fay")) and "REJECTED" not in lines["bob"]


def test_the_leaderboard_ranks_verified_saves_and_rejects_the_others_with_reasons(classroom, capsys, tmp_path):
    grades = tmp_path / "grades.csv"
    code, out, _ = run(capsys, "class", "leaderboard", str(classroom), "--csv", str(grades))
    assert code == 0
    ranked = [line.split()[1] for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert sorted(ranked) == ["ann", "bob", "cy"]
    rejected = {line.split()[1]: line for line in out.splitlines() if line.startswith("REJECTED")}
    assert set(rejected) == {"dan", "eve", "fay"}
    assert "does not replay bit for bit: quarter 2025Q3 diverges: cash_usd" in rejected["dan"]
    assert "played on seed 8; the class plays seed 7" in rejected["eve"]
    assert "played 7 quarters, past the class's limit of 2026 Q2" in rejected["fay"]
    rows = list(csv.DictReader(io.StringIO(grades.read_text())))
    assert list(rows[0]) == ["student", "rank", "score", "outcome", "quarters_played", "verified"]
    assert [r["student"] for r in rows[:3]] == ranked and [r["rank"] for r in rows[:3]] == ["1", "2", "3"]
    scores = [float(r["score"]) for r in rows[:3]]
    assert scores == sorted(scores, reverse=True)
    assert {r["student"]: (r["verified"], r["rank"]) for r in rows[3:]} == {
        "dan": ("false", ""), "eve": ("false", ""), "fay": ("false", "")}


def test_the_grading_rule_adds_the_survival_bonus_and_takes_off_safety_incidents(classroom):
    from dataclasses import replace
    from pathlib import Path

    from game.models.classroom import Grading
    from game.play.classroom import Submission, grade, leaderboard

    careful = Submission("careful", Path("careful.json"), None, None, quarters_played=6, score_usd=1_000.0,
                         outcome="survived")
    reckless = replace(careful, student="reckless", score_usd=1_050.0, safety_incidents=2)
    broke = replace(careful, student="broke", score_usd=0.0, outcome="bankrupt")
    room = load_class(classroom)
    assert [s.submission.student for s in leaderboard(room, [careful, reckless, broke])[0]] == ["reckless", "careful", "broke"]
    graded = replace(room, file=room.file.model_copy(update={"grading": Grading(survival_bonus_usd=100.0,
                                                                                 safety_incident_penalty_usd=30.0)}))
    assert grade(graded.file.grading, reckless) == 1_050.0 + 100.0 - 60.0
    assert grade(graded.file.grading, broke) == 0.0
    board = leaderboard(graded, [careful, reckless, broke])[0]
    assert [(s.rank, s.submission.student) for s in board] == [(1, "careful"), (2, "reckless"), (3, "broke")]


def test_export_has_one_row_per_student_quarter_of_the_verified_saves(classroom, capsys):
    code, out, err = run(capsys, "class", "export", str(classroom), "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 3 * OPEN_QUARTERS
    assert {r["student"] for r in rows} == set(STUDENTS) and "decision.subscription_price_usd_per_month" in rows[0]
    assert "3 rejected saves left out" in err
    code, out, _ = run(capsys, "class", "export", str(classroom), "--json")
    assert len(json.loads(out)) == 3 * OPEN_QUARTERS and json.loads(out)[0]["student"] == "ann"


def test_class_commands_refuse_a_missing_folder_in_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "class", "status", str(tmp_path / "nowhere"))
    assert code == 2 and err.count("\n") == 1 and "no such class folder" in err


def test_the_debrief_is_one_offline_page_with_every_section(classroom, capsys, tmp_path):
    import re
    from html.parser import HTMLParser

    out_file = tmp_path / "debrief.html"
    code, out, _ = run(capsys, "class", "debrief", str(classroom), "-o", str(out_file))
    assert code == 0 and "debrief written to" in out
    page = out_file.read_text()

    class Sections(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids, self.tags, self.questions, self.in_questions = set(), [], 0, False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            self.tags.append(tag)
            if "id" in attrs:
                self.ids.add(attrs["id"])
            if tag == "ol":
                self.in_questions = "questions" in self.ids
            if tag == "li" and self.in_questions:
                self.questions += 1

    parsed = Sections()
    parsed.feed(page)
    assert {"leaderboard", "rejected", "paths", "differences", "luck", "questions"} <= parsed.ids
    assert parsed.questions == 3 and parsed.tags.count("svg") >= 2
    for student in ("ann", "bob", "cy", "dan", "eve", "fay"):
        assert f">{student}<" in page
    assert "played on seed 8; the class plays seed 7" in page
    assert len(re.findall(r"beats \d+% of historical games", page)) == 3
    assert "Econ &lt;101&gt; &amp; friends" in page and "<101>" not in page  # the teacher's title, escaped
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)  # nothing from the network


def test_the_debrief_refuses_a_file_that_is_not_html(classroom, capsys, tmp_path):
    code, _, err = run(capsys, "class", "debrief", str(classroom), "-o", str(tmp_path / "debrief.pdf"))
    assert code == 2 and "ending in .html" in err and not (tmp_path / "debrief.pdf").exists()


def test_verifying_the_class_in_one_batch_agrees_with_verifying_each_save(classroom, tmp_path):
    from game.play.classroom import foreign
    from game.play.classroom.verify import verify_together
    from game.play.saves import load_save, verify_save

    room = load_class(classroom)
    saves = [load_save(p) for p in sorted(room.submissions.glob("*.json"))]
    saves = [s for s in saves if foreign(room, s) is None]
    extra = {"none": play(room.loaded, 7, "historical", 0), "whole": play(room.loaded, 7, "frugal", 12)}
    for name, game in extra.items():
        saves.append(load_save(save_game(game, tmp_path / f"{name}.json")))
    whole = json.loads((tmp_path / "whole.json").read_text())
    whole["outcome"]["score_usd"] *= 2
    refused = json.loads((tmp_path / "whole.json").read_text())
    refused["turns"][4]["decisions"]["gpu_rent_a100e"] = 1e12
    for name, data in (("outcome", whole), ("refused", refused)):
        (tmp_path / f"{name}.json").write_text(json.dumps(data))
        saves.append(load_save(tmp_path / f"{name}.json"))
    alone = [verify_save(s) for s in saves]
    together = verify_together(room.loaded, room.seed, saves)
    assert [(r.ok, r.diverged_at, r.fields, r.details, r.quarters_verified) for r in together] == \
           [(r.ok, r.diverged_at, r.fields, r.details, r.quarters_verified) for r in alone]
    assert [r.fields for r in alone if not r.ok] == [["cash_usd"], ["outcome"], ["decisions"]]  # dan, outcome, refused


def test_the_printable_debrief_is_markdown_with_the_same_sections(classroom, capsys, tmp_path):
    out_file = tmp_path / "debrief.md"
    code, _, _ = run(capsys, "class", "debrief", str(classroom), "--md", "-o", str(out_file))
    text = out_file.read_text()
    assert code == 0 and text.startswith("# Econ \\<101\\> & friends\n")
    for heading in ("## Leaderboard", "### Rejected saves (not ranked)", "## Top and bottom:", "## Luck against skill",
                    "## For discussion"):
        assert heading in text
    assert "| 1 | " in text and "- **eve**: played on seed 8" in text and "\n3. " in text


def test_a_class_of_thirty_is_ranked_and_graded_in_full(tmp_path, capsys):
    from game.strategies import STRATEGIES

    loaded = load_scenario("sandbox")
    room = new_class(tmp_path / "big", loaded, 3, "thirty", "2025Q2")
    names = list(STRATEGIES)
    for i in range(30):
        save_game(play(loaded, 3, names[i % len(names)], 1 + i % 2), room.submissions / f"s{i:02d}.json")
    grades = tmp_path / "grades.csv"
    code, out, _ = run(capsys, "class", "leaderboard", str(room.folder), "--csv", str(grades))
    rows = list(csv.DictReader(io.StringIO(grades.read_text())))
    assert code == 0 and len(rows) == 30 and all(r["verified"] == "true" for r in rows)
    ranks, scores = [int(r["rank"]) for r in rows], [float(r["score"]) for r in rows]
    assert ranks == sorted(ranks) and ranks[0] == 1 and scores == sorted(scores, reverse=True)
    assert all(r == i + 1 or scores[i] == scores[i - 1] for i, r in enumerate(ranks))  # ties share a rank
    assert {r["quarters_played"] for r in rows} == {"1", "2"}


def test_odd_files_in_submissions_are_refused_safely_and_a_name_alone_is_not_ranked(tmp_path, capsys):
    """What a careless copy or a curious student may leave in submissions/: a file name that is
    not UTF-8, one that would be a spreadsheet formula or a terminal escape, a link to a file
    elsewhere or to another student's save, and a name typed with no quarter played (the
    class app saves at once). Each is listed with its reason and none is ranked or graded;
    the gradebook and the debrief are still written."""
    loaded = load_scenario("sandbox")
    room = new_class(tmp_path / "c", loaded, 7, "Odd files", "2026Q2")
    sub = room.submissions
    save_game(play(loaded, 7, "historical", 2), sub / "ann.json")
    save_game(Game(loaded, 7), sub / "zed.json")  # the name entered, nothing played
    (sub / '=HYPERLINK("x","y").json').write_bytes((sub / "ann.json").read_bytes())
    (sub / "\x1b[31mred.json").write_bytes((sub / "ann.json").read_bytes())
    (sub / "ann2.json").symlink_to(sub / "ann.json")
    (sub / "passwd.json").symlink_to("/etc/passwd")
    import os

    os.close(os.open(os.path.join(os.fsencode(sub), b"\xff.json"), os.O_CREAT | os.O_WRONLY))
    (room.folder / "class.yaml").write_text((room.folder / "class.yaml").read_text().replace(
        "survival_bonus_usd: 0", "survival_bonus_usd: 5e9"))
    grades = tmp_path / "grades.csv"
    code, out, _ = run(capsys, "class", "leaderboard", str(room.folder), "--csv", str(grades))
    assert code == 0
    ranked = [line.split()[1] for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert ranked == ["ann"]
    assert "\x1b" not in out and "UNRANKED" in out and "has not played a quarter yet" in out
    assert out.count("is a link to another file") == 2
    rows = list(csv.DictReader(io.StringIO(grades.read_text())))
    assert not any(r["student"][:1] in "=+-@" for r in rows)
    assert {r["student"]: r["verified"] for r in rows}["zed"] == "true"
    assert run(capsys, "class", "debrief", str(room.folder), "-o", str(tmp_path / "d.md"), "--md")[0] == 0
