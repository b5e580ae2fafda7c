"""Print the red-team table: every push of game.play.red_team on top of the best built-in
strategy of each bundled scenario, as a ratio to that strategy's mean score.

    python benchmarks/red_team.py [GAMES]      (default 200 seeds, as tests/test_red_team.py)
"""

from __future__ import annotations

import sys

from game.play.red_team import PUSHES, red_team_tables
from game.scenarios import bundled_scenarios

if __name__ == "__main__":
    games = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    scenarios = [p.stem for p in bundled_scenarios()]
    tables = red_team_tables(scenarios, games)
    print(f"{games} seeds per cell; each push's mean score / the best built-in strategy's (over 1.10 is a corner)")
    print(f"{'push':62s} " + " ".join(f"{s[:15]:>15s}" for s in scenarios))
    print(f"{'(best built-in strategy, mean score)':62s} "
          + " ".join(f"{tables[s][0][:8]:>8s} {tables[s][1] / 1e9:5.1f}B" for s in scenarios))
    for push in PUSHES:
        cells = []
        for s in scenarios:
            ratio = tables[s][2][push.name] / tables[s][1]
            cells.append(f"{ratio:14.2f}{'*' if ratio > 1.10 else ' '}")
        print(f"{push.name:62s} " + " ".join(cells))
