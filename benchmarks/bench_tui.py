"""Speed figures of the terminal UI (prints numbers; it is not a pass/fail test).

    make bench-tui      or    .venv/bin/python benchmarks/bench_tui.py [--runs 7] [--quarters 12]

1. Start-up to the first screen with real numbers: ms from starting a fresh process running
   `burnrate play --scenario openai-2024` headless to the first frame written to the
   terminal that shows the dashboard with its Cash figure (the ruling of issue 5: a frame
   may come earlier, the measure is to the numbers), against the first frame of a bare
   Textual `App` measured the same way in the same run (runs interleaved; medians).
   Target: at most 1.25x the floor, the bare app after importing the libraries the game
   stands on (numpy, PyYAML, pydantic). Also printed: each process's whole life to its exit
   (the measure before issue 16), and where Burn Rate's own time goes.
2. Opening the decisions and the help: ms from the key to the screen's first frame, as in
   a terminal (where the app builds the form once the dashboard is up: build_ahead).
   Target: < 150 ms.
3. Ending a quarter: ms from pressing ctrl+n on the dashboard to the first frame of the
   quarter report written to the terminal, in one app, for the first N quarters of
   openai-2024, autosave included. Target: < 100 ms. Also printed: the time until the app
   is idle again (Pilot's idle polling adds ~25 ms) and the autosave's own time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time

# Each process prints the wall-clock time (time.time()) of its first frame with real
# numbers: any frame for the bare apps, the dashboard with its Cash figure for Burn Rate.
EXIT_AFTER_FIRST_SCREEN = """
import atexit, time
from textual.app import App

first_screen, first_frame = [], []

def shows_numbers(screen):
    if not GAME:
        return True
    if type(screen).__name__ != "DashboardScreen":
        return False
    kpi = screen.query_one("#kpi-cash")
    return kpi.border_title == "Cash" and bool(str(kpi.render()).strip())

_display = App._display

def timed_display(self, screen, renderable):
    if renderable is not None and not first_frame and shows_numbers(screen):
        first_frame.append(time.time())
    return _display(self, screen, renderable)

App._display = timed_display
atexit.register(lambda: print("first-frame", first_frame[0] if first_frame else "none"))

async def auto_pilot(pilot):
    await pilot.pause()
    first_screen.append(type(pilot.app.screen).__name__)
    pilot.app.exit()
"""

BARE = "GAME = False" + EXIT_AFTER_FIRST_SCREEN + """
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("bare")
        yield Footer()

Bare().run(headless=True, size=(120, 36), auto_pilot=auto_pilot)
"""

# The floor under any app built on the game's libraries: the bare app after importing
# numpy, PyYAML and pydantic (no Burn Rate code at all).
LIBRARIES = "import numpy, yaml\nfrom pydantic import BaseModel\n" + BARE

# What `make play` runs: `burnrate play --scenario openai-2024`, through the command line
# (argument parsing and scenario checks included), with App.run made headless.
BURNRATE = "GAME = True" + EXIT_AFTER_FIRST_SCREEN + """
from textual.app import App

_run = App.run
App.run = lambda self: _run(self, headless=True, size=(120, 36), auto_pilot=auto_pilot)

from game.cli import main

assert main(["play", "--scenario", "openai-2024"]) == 0
assert first_screen == ["DashboardScreen"], first_screen
"""


# Where Burn Rate's own time goes, in one process after the libraries are imported: its
# modules and the scenario (checked as `play` checks it), then the app until the first
# screen is up (compose, styles, the dashboard's first layout and paint).
PHASES = "GAME = True" + EXIT_AFTER_FIRST_SCREEN + """
import time
import numpy, yaml
from pydantic import BaseModel
import textual.app
t0 = time.perf_counter()
from game.scenarios import load_scenario
from game.tui.app import make_app
app = make_app(load_scenario("openai-2024"), 0)
t1 = time.perf_counter()
app.run(headless=True, size=(120, 36), auto_pilot=auto_pilot)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""

# Bytecode is written and read as on a player's machine, where every launch after the
# first finds the .pyc files (PYTHONDONTWRITEBYTECODE, set on some build machines, would
# make every run compile Burn Rate's modules again).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def process_seconds(code: str) -> tuple[float, float]:
    """(seconds from the start to the first frame with numbers, seconds to the process's exit)."""
    t0, wall = time.perf_counter(), time.time()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=ENV).stdout
    life = time.perf_counter() - t0
    frame = next(line.split()[1] for line in out.splitlines() if line.startswith("first-frame "))
    return float(frame) - wall, life


def phase_seconds() -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", PHASES], check=True, capture_output=True, text=True, env=ENV).stdout
    load, first_screen = (float(x) for x in out.split("first-frame")[0].split()[-2:])
    return load, first_screen


async def end_quarter_ms(quarters: int) -> tuple[list[float], list[float], list[float]]:
    """Per quarter, playing the autopilot's plan: ms to the first frame of the report written to the terminal, ms until the
    app is idle again (Pilot's idle detection, which adds up to ~25 ms of polling), and the
    autosave's ms (saved into a temporary folder, as `burnrate play` does into saves/)."""
    import os
    import tempfile

    import game.play.saves as save_io
    from game.scenarios import load_scenario
    from game.tui.app import make_app
    from game.tui.screens.report import ReportScreen

    saves: list[float] = []
    save_game = save_io.save_game

    def timed_save(game, path):  # the benchmark's clock, not the app's
        t = time.perf_counter()
        try:
            return save_game(game, path)
        finally:
            saves.append((time.perf_counter() - t) * 1000)

    save_io.save_game = timed_save

    os.chdir(tempfile.mkdtemp(prefix="bench-tui-saves-"))  # the autosaves go to saves/ under it
    app = make_app(load_scenario("openai-2024"), 0, autosave=True, build_ahead=True)  # as in a terminal
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable):
        if isinstance(screen, ReportScreen):
            frames.append(time.perf_counter())
        return display(screen, renderable)

    app._display = timed_display
    first, idle = [], []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for _ in range(quarters):
            await pilot.press("ctrl+r")  # the autopilot's plan, so the lab lives the whole run
            await pilot.pause()
            frames.clear()
            t0 = time.perf_counter()
            await pilot.press("ctrl+n")
            while not isinstance(app.screen, ReportScreen):
                await pilot.pause(0)
            await pilot.pause()  # the report laid out and painted
            idle.append((time.perf_counter() - t0) * 1000)
            first.append((frames[0] - t0) * 1000)
            await pilot.press("enter")
            await pilot.pause()
    return first, idle, saves


async def open_screen_ms(key: str, screen_name: str, times: int) -> list[float]:
    """ms from the key (d: the decisions, ?: the help) to the screen's first frame written to
    the terminal, opened `times` times on the first quarter, in an app built as in a terminal
    (build_ahead: the form is built once the dashboard is up, before the first key)."""
    from game.scenarios import load_scenario
    from game.tui.app import make_app

    app = make_app(load_scenario("openai-2024"), 0, build_ahead=True)
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable):
        if type(screen).__name__ == screen_name:
            frames.append(time.perf_counter())
        return display(screen, renderable)

    app._display = timed_display
    out = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for i in range(times):
            frames.clear()
            t0 = time.perf_counter()
            await pilot.press(key)
            while not frames:
                await pilot.pause(0)
            out.append((frames[0] - t0) * 1000)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            if i == 0 and key == "d":  # and once after a quarter: the form shows the new quarter
                await pilot.press("ctrl+n")
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quarters", type=int, default=12)
    args = parser.parse_args()

    process_seconds(BARE), process_seconds(BURNRATE)  # warm the file cache and .pyc files
    bare, libraries, ours, phases = [], [], [], []
    for _ in range(args.runs):
        bare.append(process_seconds(BARE))
        libraries.append(process_seconds(LIBRARIES))
        ours.append(process_seconds(BURNRATE))
        phases.append(phase_seconds())
    (b, b_life), (lib, lib_life), (o, o_life) = (
        (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)) for runs in (bare, libraries, ours))
    load = statistics.median(p[0] for p in phases)
    first_screen = statistics.median(p[1] for p in phases)
    print(f"start-up to the first frame with numbers (Cash): the floor (a bare Textual app after importing numpy, "
          f"PyYAML and pydantic) {lib * 1000:.0f} ms, Burn Rate {o * 1000:.0f} ms, ratio {o / lib:.2f} "
          f"(target <= 1.25; medians of {args.runs} interleaved runs)")
    print(f"  the bare Textual app alone {b * 1000:.0f} ms (Burn Rate's ratio to it {o / b:.2f}); each process "
          f"to its exit: bare {b_life * 1000:.0f} ms, floor {lib_life * 1000:.0f} ms, Burn Rate {o_life * 1000:.0f} ms "
          f"(ratio to the floor {o_life / lib_life:.2f})")
    print(f"  in one process after those libraries: Burn Rate's modules and the scenario {load * 1000:.0f} ms, "
          f"the app until it is idle on its first screen {first_screen * 1000:.0f} ms")

    for key, name, what in (("d", "DecisionsScreen", "decisions"), ("question_mark", "HelpScreen", "help")):
        opened = asyncio.run(open_screen_ms(key, name, 5))
        print(f"open the {what} (key to first frame): first {opened[0]:.0f} ms, then median "
              f"{statistics.median(opened[1:]):.0f} ms (target < 150 ms)")
    first, idle, save = asyncio.run(end_quarter_ms(args.quarters))
    print(f"ctrl+n to quarter report on screen (first frame): median {statistics.median(first):.1f} ms, "
          f"max {max(first):.1f} ms over {len(first)} quarters (target < 100 ms)")
    print(f"ctrl+n until the app is idle again (Pilot): median {statistics.median(idle):.1f} ms, max {max(idle):.1f} ms")
    print(f"autosave after each quarter (inside the above): median {statistics.median(save):.1f} ms, max {max(save):.1f} ms")


if __name__ == "__main__":
    main()
