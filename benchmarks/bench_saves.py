"""Save and verify times of a 24-quarter game (prints figures; not a pass/fail test).

    .venv/bin/python benchmarks/bench_saves.py [--repeat 30]

- save: `save_game` of a finished 24-quarter openai-2024 game (build the model, JSON,
  temp file, fsync, .bak link, rename, directory fsync). Target < 50 ms.
- load: `load_save` (read, JSON, validate, embedded scenario check). First call parses the
  scenario YAML; later calls of the same scenario hit the cache.
- verify: `verify_save` of the loaded save (re-run 24 quarters, compare snapshots). Target < 200 ms.
- cold: `burnrate replay --verify FILE` as a whole process, imports included.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def show(name: str, ms: list[float], target: str = "") -> None:
    print(f"{name:<28} median {statistics.median(ms):7.1f} ms   min {min(ms):7.1f}   max {max(ms):7.1f}  {target}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()

    from game.commands.simulate import saved_game
    from game.engine import build_params
    from game.play.runner import run
    from game.play.saves import load_save, save_game, verify_save
    from game.play.saves.load import _SCENARIO_CACHE
    from game.scenarios import load_scenario
    from game.strategies import STRATEGIES

    loaded = load_scenario("openai-2024")
    game = saved_game(loaded, 0, run(build_params(loaded.scenario), STRATEGIES["historical"], [0], keep_history=True).history)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        save_game(game, path)
        print(f"24-quarter game (openai-2024, historical, seed 0): {path.stat().st_size:,} bytes on disk")
        show("save_game", timed(lambda: save_game(game, path), args.repeat), "(target < 50 ms)")

        def cold_load():
            _SCENARIO_CACHE.clear()
            load_save(path)

        show("load_save (scenario parsed)", timed(cold_load, args.repeat))
        show("load_save (scenario cached)", timed(lambda: load_save(path), args.repeat))
        save = load_save(path)
        show("verify_save", timed(lambda: verify_save(save), args.repeat), "(target < 200 ms)")
        show("load + verify", timed(lambda: verify_save(load_save(path)), args.repeat))
        cmd = [sys.executable, "-m", "game", "replay", str(path), "--verify"]
        show("replay --verify (process)", timed(lambda: subprocess.run(cmd, check=True, capture_output=True), 5))


if __name__ == "__main__":
    main()
