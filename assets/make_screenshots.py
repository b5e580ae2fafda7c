"""Regenerate the PNG screenshots in assets/.

    .venv/bin/python assets/make_screenshots.py

Turns Textual's SVG into PNG with rsvg-convert (apt-get install librsvg2-bin) when it is on the
PATH, else with cairosvg when that imports (pip install cairosvg), else says which to install.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
from pathlib import Path

from game.scenarios import load_scenario
from game.tui.app import make_app

ASSETS = Path(__file__).resolve().parent
AUTOPILOT_QUARTER = ["ctrl+r", "ctrl+n", "enter"]  # the autopilot's plan: a lab run as the sources report
SHOTS = {  # name: (size, keys pressed after start-up; "END" plays the game to its end)
    "dashboard": ((120, 36), AUTOPILOT_QUARTER * 4),
    "dashboard-80x24": ((80, 24), AUTOPILOT_QUARTER),
    "dashboard-160x48": ((160, 48), AUTOPILOT_QUARTER * 3),
    "decisions": ((120, 36), AUTOPILOT_QUARTER + ["d"]),
    "report": ((120, 36), AUTOPILOT_QUARTER * 3 + ["ctrl+r", "ctrl+n"]),
    "debrief": ((120, 36), ["END"]),
}


def fix_leading_spaces(svg: str) -> str:
    """rsvg drops leading no-break spaces of a text run: move them into its x position."""
    def shift(m):
        x, length, spaces = float(m.group(2)), float(m.group(4)), len(m.group(6)) // 6
        chars = spaces + len(re.sub(r"&#?\w+;", "_", m.group(7)))
        cell = length / chars if chars else 0
        return (f'{m.group(1)}x="{x + spaces * cell:g}"{m.group(3)}textLength="{length - spaces * cell:g}"'
                f'{m.group(5)}>{m.group(7)}</text>')
    return re.sub(r'(<text [^>]*?)x="([\d.]+)"([^>]*?)textLength="([\d.]+)"([^>]*)>((?:&#160;)+)([^<]*)</text>', shift, svg)


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> None:
    app = make_app(load_scenario("openai-2024"), 0)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            if key == "END":
                while not app.game.over:
                    await pilot.press(*AUTOPILOT_QUARTER)
            else:
                await pilot.press(key)
            await pilot.pause()
        svg = ASSETS / f"{name}.svg"
        app.save_screenshot(str(svg))
    svg.write_text(fix_leading_spaces(svg.read_text()))
    to_png(svg, ASSETS / f"{name}.png")
    svg.unlink()


def to_png(svg: Path, png: Path) -> None:
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", str(svg), "-o", str(png)], check=True)
        return
    import cairosvg  # checked in main()

    cairosvg.svg2png(url=str(svg), write_to=str(png))


async def main() -> None:
    if not shutil.which("rsvg-convert"):
        try:
            import cairosvg  # noqa: F401
        except ImportError:
            sys.exit("make_screenshots: needs rsvg-convert (apt-get install librsvg2-bin) or cairosvg (pip install cairosvg)")
    for name, (size, keys) in SHOTS.items():
        await shoot(name, size, keys)
        print(f"assets/{name}.png")


if __name__ == "__main__":
    asyncio.run(main())
