"""Regenerate the classroom pictures in assets/: the debrief's charts and the teacher's watch screen.

    .venv/bin/python assets/make_class_pictures.py

A demo class on the sandbox (seed 7), six scripted students (the built-in strategies) and
one edited save; SVG to PNG with cairosvg (pip install cairosvg).
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import tempfile
from pathlib import Path

from game.play.classroom import Checker, load_class, new_class
from game.play.classroom.debrief_html import write_debrief
from game.play.saves import save_game
from game.play.session import Game
from game.scenarios import load_scenario
from game.strategies import STRATEGIES

ASSETS = Path(__file__).resolve().parent
STUDENTS = dict(zip(("ada", "ben", "chen", "dara", "eli", "fox"), STRATEGIES))


def demo_class(folder: Path) -> None:
    loaded = load_scenario("sandbox")
    room = new_class(folder, loaded, 7, "Econ 101: running an AI lab")
    for name, strategy in STUDENTS.items():
        game = Game(loaded, 7)
        while not game.over:
            game.end_quarter(game.suggested_decisions(strategy))
        save_game(game, room.submissions / f"{name}.json")
    edited = json.loads((room.submissions / "ada.json").read_text())
    edited["turns"][5]["snapshot"]["cash_usd"] *= 3
    (room.submissions / "gil.json").write_text(json.dumps(edited))


def png(svg: str, out: Path) -> None:
    import cairosvg

    cairosvg.svg2png(bytestring=svg.encode("utf-8"), write_to=str(out), background_color="white")
    print(f"wrote {out}")


async def watch_svg(folder: Path) -> str:
    from game.tui.watch import make_watch_app

    app = make_watch_app(load_class(folder))
    async with app.run_test(size=(100, 20)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        return app.export_screenshot()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "econ101"
        demo_class(folder)
        room = load_class(folder)
        page = write_debrief(room, Checker(room).submissions(), Path(tmp) / "debrief.html").read_text()
        charts = re.findall(r"<svg.*?</svg>", page, re.DOTALL)
        png(charts[0], ASSETS / "class-debrief.png")
        png(asyncio.run(watch_svg(folder)), ASSETS / "class-watch.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
