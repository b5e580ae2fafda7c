"""Every game's numbers are the engine version's own, on every machine.

A failure means the engine's numbers changed: on purpose (then bump ENGINE_VERSION, and
regenerate this digest and the save fixture), by a refactor that was meant to change
nothing (then it did), or on this machine only (then some arithmetic is not portable).
"""

from __future__ import annotations

import json

from game import ENGINE_VERSION
from tests.golden import FIXTURE, games


def test_every_scenario_and_strategy_gives_the_engine_versions_numbers():
    pinned = json.loads(FIXTURE.read_text())
    assert pinned["engine_version"] == ENGINE_VERSION, (
        f"ENGINE_VERSION is {ENGINE_VERSION} but the digest is {pinned['engine_version']}'s: "
        "run `.venv/bin/python -m tests.golden --write`")
    now = games(pinned["keys"])
    changed = sorted(game for game, digest in now.items() if pinned["games"].get(game) != digest)
    assert not changed, f"engine {ENGINE_VERSION} gives other numbers for: {', '.join(changed)}"
