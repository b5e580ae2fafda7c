"""Regenerate the PNG screenshots in assets/ (needs rsvg-convert: apt-get install librsvg2-bin).

    .venv/bin/python assets/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import re
import subprocess
from pathlib import Path

from game.scenarios import load_scenario
from game.tui.app import make_app

ASSETS = Path(__file__).resolve().parent
SHOTS = {  # name: (size, keys pressed after start-up; "END" plays the game to its end)
    "dashboard": ((120, 36), ["ctrl+n", "enter", "ctrl+n", "enter", "ctrl+n", "enter", "ctrl+n", "enter"]),
    "dashboard-80x24": ((80, 24), ["ctrl+n", "enter"]),
    "dashboard-160x48": ((160, 48), ["ctrl+n", "enter", "ctrl+n", "enter", "ctrl+n", "enter"]),
    "decisions": ((120, 36), ["ctrl+n", "enter", "d"]),
    "report": ((120, 36), ["ctrl+n", "enter", "ctrl+n", "enter", "ctrl+n", "enter", "ctrl+n"]),
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
                    await pilot.press("ctrl+n", "enter")
            else:
                await pilot.press(key)
            await pilot.pause()
        svg = ASSETS / f"{name}.svg"
        app.save_screenshot(str(svg))
    svg.write_text(fix_leading_spaces(svg.read_text()))
    subprocess.run(["rsvg-convert", str(svg), "-o", str(ASSETS / f"{name}.png")], check=True)
    svg.unlink()


async def main() -> None:
    for name, (size, keys) in SHOTS.items():
        await shoot(name, size, keys)
        print(f"assets/{name}.png")


if __name__ == "__main__":
    asyncio.run(main())
