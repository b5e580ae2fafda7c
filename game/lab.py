"""The lab from Python (a notebook, a script): many games of one strategy, as a tidy table.

    import game.lab
    table = game.lab.run("openai-2024", "historical", games=2000, seed=0)
    table.rows[0]      # {'scenario': 'openai-2024', 'strategy': 'historical', 'seed': 0, 'outcome': 'survived',
                       #  'final_quarter': '2029Q4', 'final_cash_usd': ..., 'score': ..., 'refused_quarters': 0,
                       #  'revenue_usd_2024': ..., 'net_income_usd_2024': ..., 'cash_usd_2024': ..., ...}
    table["score"]     # one column as a numpy array
    table.to_csv("games.csv"); pandas.DataFrame(table.rows)

`scenario` is a bundled id or a YAML path (or a LoadedScenario), `strategy` a built-in name
or "PATH.py[:FUNC]" (game.strategies.protocol) or any function with the built-in
strategies' signature. Game i is the game `burnrate simulate --seed seed+i` plays.
`cluster` (a Dask scheduler's address, a LocalCluster or a Client) plays the chunks there,
with the same results. `table.meta` holds the summary the command line prints.
"""

from __future__ import annotations

from game.play.table import Table

__all__ = ["run", "Table"]


def scenario_arg(scenario):
    from game.scenarios import LoadedScenario, load_scenario

    return scenario if isinstance(scenario, LoadedScenario) else load_scenario(str(scenario))


def strategy_arg(strategy) -> tuple[str, object]:
    if isinstance(strategy, str):
        from game.strategies.files import load_strategy

        return load_strategy(strategy)
    return getattr(strategy, "__name__", type(strategy).__name__), strategy


def run(scenario="openai-2024", strategy="historical", games: int = 1000, seed: int = 0, *, cluster=None,
        progress=None) -> Table:
    """`games` games of `strategy` in `scenario` from seed `seed`: one row per game."""
    from game.engine import build_params
    from game.play.lab import RECORDED, run_lab

    loaded = scenario_arg(scenario)
    label, play = strategy_arg(strategy)
    params = build_params(loaded.scenario)
    result = run_lab(params, play, games, seed, record=RECORDED, cluster=cluster, on_progress=progress)
    meta = {"scenario": loaded.scenario.id, "strategy": label, "games": games, "seed": seed, "summary": result.summary()}
    return Table(result.tidy_rows(params, label), meta=meta)
