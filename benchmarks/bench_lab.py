"""Speed figures for Burn Rate (prints numbers; it is not a pass/fail test).

    make bench            or    .venv/bin/python benchmarks/bench_lab.py [--games 20000] [--serial-games 300] [--repeat 3]

1. Engine throughput: `burnrate lab` on 20,000 openai-2024 games; game_quarters_per_second
   is simulated quarters over the time spent playing (set-up excluded; with worker
   processes, the longest worker's playing time). Each of --repeat runs is a fresh process;
   the median and every run are printed. Target >= 1,000,000.
2. Whole process, batch vs serial: wall time per game-quarter of `burnrate lab` against
   `burnrate lab --serial`, both measured here in the same run. Target: batch >= 100x faster.
3. One interactive quarter (step + the quarter's report row, a batch of one). Target < 5 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time


def lab_process(games: int, serial: bool) -> tuple[float, dict]:
    cmd = [sys.executable, "-m", "game", "lab", "--scenario", "openai-2024", "--strategy", "historical",
           "--games", str(games), "--seed", "0", "--json"] + (["--serial"] if serial else [])
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - t0, json.loads(out)


def interactive_quarter_ms() -> list[float]:
    from game.scenarios import load_scenario
    from game.play.session import Game

    game = Game(load_scenario("openai-2024"), seed=0)
    times = []
    while not game.over:
        decisions = game.suggested_decisions()
        t0 = time.perf_counter()
        game.end_quarter(decisions)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--games", type=int, default=20_000)
    ap.add_argument("--serial-games", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the batch lab (timings on a shared machine vary)")
    args = ap.parse_args()

    runs = [lab_process(args.games, serial=False) for _ in range(args.repeat)]
    rates = sorted(batch["game_quarters_per_second"] for _, batch in runs)
    batch_wall, batch = runs[0]
    batch_gq = sum(1 + _quarter_index(g["final_quarter"]) for g in batch["per_game"])
    print(f"engine: {args.games:,} games, {batch_gq:,} game-quarters, median {statistics.median(rates):,.0f} "
          f"game-quarters/s playing over {len(rates)} runs ({', '.join(f'{r:,.0f}' for r in rates)}) "
          f"(target >= 1,000,000)")

    serial_wall, serial = lab_process(args.serial_games, serial=True)
    serial_gq = sum(1 + _quarter_index(g["final_quarter"]) for g in serial["per_game"])
    per_batch = batch_wall / batch_gq
    per_serial = serial_wall / serial_gq
    print(f"process: lab {batch_wall:.2f} s for {batch_gq:,} game-quarters = {per_batch * 1e6:.2f} us each; "
          f"lab --serial {serial_wall:.2f} s for {serial_gq:,} = {per_serial * 1e6:.0f} us each; "
          f"batch is {per_serial / per_batch:,.0f}x faster per game-quarter (target >= 100x)")

    times = interactive_quarter_ms()
    print(f"interactive quarter (step + report, batch of one): median {statistics.median(times):.2f} ms, "
          f"max {max(times):.2f} ms over {len(times)} quarters (target < 5 ms)")


def _quarter_index(label: str) -> int:
    year, q = int(label[:4]), int(label[5])
    return (year - 2024) * 4 + (q - 1)


if __name__ == "__main__":
    main()
