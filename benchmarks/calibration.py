"""Print the calibration table: openai-2024 / historical over seeds 0..N-1 (default 100).

    python benchmarks/calibration.py [N]
"""

from __future__ import annotations

import sys

from game.play.calibration import historical_games, table

if __name__ == "__main__":
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print(f"openai-2024 / historical, seeds 0..{seeds - 1}")
    print(table(historical_games(seeds)))
