"""The engine's numbers in one digest: every bundled scenario x every strategy, seed 3.

Each game is `burnrate simulate --json` (quarter rows and outcome), hashed over the row
keys the digest was written with: numbers only (news lines are text and may be reworded),
and a row that gains keys keeps its digest. tests/test_golden.py holds the digest in
tests/fixtures/golden.json; when the engine's numbers change on purpose, bump
game.ENGINE_VERSION and write the new digest:

    .venv/bin/python -m tests.golden --write
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "golden.json"
SEED = 3


def _numbers(doc: dict, keys: list[str]) -> dict:
    """The game's quarter rows restricted to `keys`, and its outcome."""
    return {"quarters": [{k: row[k] for k in keys} for row in doc["quarters"]], "outcome": doc["outcome"]}


def row_keys() -> list[str]:
    """The numeric keys of a quarter row today (news is text)."""
    from game.commands.simulate import simulate
    from game.scenarios import load_scenario

    return sorted(k for k in simulate(load_scenario("sandbox"), "idle", SEED)["quarters"][0] if k != "news")


def games(keys: list[str]) -> dict[str, str]:
    """(scenario/strategy) -> sha256 of that game's numbers."""
    from game.commands.simulate import simulate
    from game.scenarios import bundled_scenarios, load_scenario
    from game.strategies import STRATEGIES

    out = {}
    for path in bundled_scenarios():
        loaded = load_scenario(str(path))
        for strategy in STRATEGIES:
            doc = _numbers(simulate(loaded, strategy, SEED), keys)
            text = json.dumps(doc, sort_keys=True, allow_nan=True)
            out[f"{path.stem}/{strategy}"] = hashlib.sha256(text.encode()).hexdigest()
    return out


def main() -> None:
    from game import ENGINE_VERSION

    if sys.argv[1:] != ["--write"]:
        print(__doc__)
        raise SystemExit(2)
    keys = row_keys()
    FIXTURE.write_text(json.dumps({"engine_version": ENGINE_VERSION, "keys": keys, "games": games(keys)}, indent=1) + "\n")
    print(f"wrote {FIXTURE} for engine {ENGINE_VERSION}")


if __name__ == "__main__":
    main()
