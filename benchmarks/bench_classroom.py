"""Speed figures for the classroom (prints numbers; it is not a pass/fail test).

    .venv/bin/python benchmarks/bench_classroom.py [--students 100] [--scenario openai-2024] [--quarters 12]

Makes a class of --students scripted students (the built-in strategies in turn, each game
--quarters long, one save in ten tampered), then times, each as a fresh `burnrate` process:
  1. `burnrate class leaderboard DIR --csv` (every save verified bit for bit). Target < 5 s at 100.
  2. `burnrate class debrief DIR -o debrief.html` (verification, 1,000 luck games, charts). Target < 15 s at 100.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_class(folder: Path, scenario: str, students: int, quarters: int) -> None:
    from game.play.classroom import new_class
    from game.play.saves import save_game
    from game.play.session import Game
    from game.scenarios import load_scenario
    from game.strategies import STRATEGIES

    loaded = load_scenario(scenario)
    room = new_class(folder, loaded, 11, f"benchmark: {students} students", None)
    names = list(STRATEGIES)
    for i in range(students):
        game = Game(loaded, 11)
        while not game.over and len(game.turns) < quarters:
            game.end_quarter(game.suggested_decisions(names[i % len(names)]))
        path = save_game(game, room.submissions / f"student-{i:03d}.json")
        if i % 10 == 9:  # a tampered one: its cash in the middle of the game
            data = json.loads(path.read_text())
            data["turns"][len(data["turns"]) // 2]["snapshot"]["cash_usd"] += 1.0
            path.write_text(json.dumps(data))


def timed(*argv: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "game", *argv], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=100)
    ap.add_argument("--scenario", default="openai-2024")
    ap.add_argument("--quarters", type=int, default=12)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        t0 = time.perf_counter()
        make_class(folder, args.scenario, args.students, args.quarters)
        print(f"made {args.students} saves of {args.quarters} quarters ({args.scenario}) in {time.perf_counter() - t0:.1f} s")
        board = timed("class", "leaderboard", str(folder), "--csv", str(Path(tmp) / "grades.csv"))
        print(f"leaderboard ({args.students} saves verified): {board:.2f} s  (target < 5 s at 100)")
        debrief = timed("class", "debrief", str(folder), "-o", str(Path(tmp) / "debrief.html"))
        size = (Path(tmp) / "debrief.html").stat().st_size
        print(f"debrief: {debrief:.2f} s, {size / 1e3:.0f} kB  (target < 15 s at 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
