"""The headless core never imports the UI (Harlequin's test_import_hygiene, same idea)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "game.engine",
    "game.models.scenario",
    "game.models.decisions",
    "game.models.save",
    "game.scenarios",
    "game.strategies",
    "game.play.runner",
    "game.play.lab",
    "game.engine.view",
    "game.text.news",
    "game.text.messages",
    "game.play.session",
    "game.play.saves",
    "game.cli",
    "game.text.explain",
    "game.lab",
    "game.sweep",
    "game.play.sweep",
    "game.play.counterfactual",
    "game.strategies.files",
    "game.strategies.protocol",
    "game.play.classroom",
    "game.play.classroom.export",
    "game.commands.classroom",
    "game.commands.serve",
]


def _ui_imported_by(modules: list[str]) -> subprocess.CompletedProcess:
    """Import `modules` in a fresh interpreter; its stdout lists the UI libraries they pulled in."""
    code = (
        f"import sys; import {', '.join(modules)}; "
        "bad = [m for m in ('textual', 'rich') if m in sys.modules]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_no_headless_module_imports_textual_or_rich():
    """All of them in one interpreter (if none pulls the UI in, none does alone); on a failure
    each is imported alone, so the message names the culprits (36 interpreters cost 20 s)."""
    proc = _ui_imported_by(HEADLESS)
    if proc.returncode == 0:
        return
    culprits = {m: p.stdout.strip() or p.stderr[-300:] for m in HEADLESS if (p := _ui_imported_by([m])).returncode}
    assert not culprits, f"headless modules import the UI: {culprits}"
    pytest.fail(f"the headless modules together import {proc.stdout.strip()} {proc.stderr[-500:]}")


def test_play_command_line_is_parsed_without_numpy_pydantic_or_yaml():
    """`burnrate play` builds only its own parser: the heavy libraries wait for the game."""
    code = (
        "import sys; from game.cli import build_parser; "
        "build_parser(only='play').parse_args(['play', '--scenario', 'openai-2024', '--seed', '3']); "
        "bad = [m for m in ('numpy', 'pydantic', 'yaml', 'textual') if m in sys.modules]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, f"imported {proc.stdout.strip()} {proc.stderr[-500:]}"


def test_no_command_line_imports_the_web_server():
    """textual-serve (and aiohttp under it) is paid for by `burnrate serve` alone, once it runs."""
    code = (
        "import sys; from game.cli import build_parser; "
        "build_parser().parse_args(['serve', '--port', '8123']); "
        "bad = [m for m in ('textual_serve', 'aiohttp') if m in sys.modules]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, f"imported {proc.stdout.strip()} {proc.stderr[-500:]}"


START_UP = ["game.tui.app", "game.commands.play", "game.lab", "game.sweep", "game.commands.lab", "game.commands.sweep",
            "game.commands.classroom", "game.play.classroom", "game.tui.classroom"]


def test_start_up_never_imports_matplotlib_or_dask():
    """Plots and clusters are paid for only by the commands that use them (`--plot`, `--cluster`):
    checked for all of these in one interpreter, then one by one to name a culprit."""
    def imported(modules):
        code = (f"import sys; import {', '.join(modules)}; "
                "bad = [m for m in ('matplotlib', 'dask', 'distributed') if m in sys.modules]; "
                "print(','.join(bad)); sys.exit(1 if bad else 0)")
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    if imported(START_UP).returncode == 0:
        return
    culprits = {m: p.stdout.strip() or p.stderr[-300:] for m in START_UP if (p := imported([m])).returncode}
    pytest.fail(f"start-up modules import plotting or cluster libraries: {culprits}")
