"""The calibration table: openai-2024 played by `historical` against the reported figures.

Each figure names the facts.md row it comes from, the reported value (where the sources
give one) and design.md's band. tests/test_calibration.py holds the bands over 100 seeds;
`python benchmarks/calibration.py` prints the table (median, 5th and 95th percentiles,
the share of seeds inside the band, and the median against the reported value).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Callable

import numpy as np

from game.engine import build_params
from game.engine.kernel.tree import by_name
from game.models.quarters import quarter_label
from game.play.runner import RunResult, run
from game.scenarios import load_scenario
from game.strategies import STRATEGIES

B, M = 1e9, 1e6
SCENARIO = "openai-2024"


@dataclass(frozen=True)
class Figure:
    what: str
    fact: str
    reported: float | None  # in the figure's unit (B $, M people, M $ a month)
    band: tuple[float, float] | None  # design.md "Calibration"
    unit: float
    measure: Callable[[RunResult, str], np.ndarray]


def yearly(keys: str | tuple[str, ...], year: str) -> Callable[[RunResult, str], np.ndarray]:
    """A report flow (or the sum of several) summed over a calendar year, per game."""
    keys = (keys,) if isinstance(keys, str) else keys

    def measure(runs: RunResult, start: str) -> np.ndarray:
        total = np.zeros(runs.final.batch)
        for quarter, _, _, report in runs.history:
            if quarter_label(start, quarter).startswith(year):
                flows = by_name(report)
                for key in keys:
                    total += flows[key]
        return total
    return measure


def at_quarter(key: str, label: str, source: str = "state", per_month: bool = False) -> Callable:
    """A state figure at the end of a quarter (or a flow of that quarter), per game."""
    def measure(runs: RunResult, start: str) -> np.ndarray:
        for quarter, _, state, report in runs.history:
            if quarter_label(start, quarter) == label:
                value = by_name(state if source == "state" else report)[key]
                return value / 3.0 if per_month else value
        raise ValueError(f"no {label} in a game starting {start}")
    return measure


FIGURES: tuple[Figure, ...] = (
    Figure("2024 revenue", "§1 '2024 revenue (expected)'", 3.7, (3.4, 4.5), B, yearly("revenue_usd", "2024")),
    Figure("2024 subscriptions", "§1 'ChatGPT subscription revenue'", 2.0, None, B, yearly("subscription_revenue_usd", "2024")),
    Figure("2024 API", "§1 'API revenue'", 1.0, None, B, yearly("api_revenue_usd", "2024")),
    # (no reported figure: the rest of 3.7 B beyond about 2 B + 1 B, so about 0.7 B)
    Figure("2024 business seats", "§1 'enterprise use'", None, None, B, yearly("enterprise_revenue_usd", "2024")),
    Figure("2024 operating cost", "§1 '2024 total operating cost'", 8.5, (7.5, 9.5), B, yearly("operating_cost_usd", "2024")),
    # The reported 4 B is the bill for renting the partner's servers (§2 'check: 350,000 x
    # 1.30 $ x 8,760 h', the cluster at full load): the GPU-hours served and those left idle.
    Figure("2024 inference", "§1 '2024 inference cost (renting partner's servers)'", 4.0, (3.5, 4.5), B,
           yearly(("inference_cost_usd", "idle_capacity_cost_usd"), "2024")),
    Figure("2024 training", "§1 '2024 training cost, data included'", 3.0, (2.5, 3.5), B, yearly("training_cost_usd", "2024")),
    Figure("2024 staff", "§1 '2024 staff cost'", 1.5, (1.2, 1.8), B, yearly("staff_cost_usd", "2024")),
    Figure("2024 net income", "§1 '2024 net loss (expected)'", -5.0, (-6.0, -4.0), B, yearly("net_income_usd", "2024")),
    Figure("subscribers, 2024Q3", "§1 'ChatGPT subscription revenue'", 11.0, (9.0, 13.0), M, at_quarter("subscribers", "2024Q3")),
    Figure("monthly users, 2024Q2", "§1 'monthly active users'", 350.0, (250.0, 450.0), M,
           at_quarter("monthly_active_users", "2024Q2")),
    Figure("monthly users, 2024Q4", "§1 'monthly active users'", None, (250.0, 450.0), M,
           at_quarter("monthly_active_users", "2024Q4")),
    Figure("monthly revenue, 2024Q2", "§1 'monthly revenue'", 283.0, None, M,
           at_quarter("revenue_usd", "2024Q2", "report", per_month=True)),
    Figure("monthly revenue, 2024Q3", "§1 'monthly revenue'", 300.0, None, M,
           at_quarter("revenue_usd", "2024Q3", "report", per_month=True)),
    Figure("valuation, 2024Q1", "§4 'valuation, early 2024'", 80.0, None, B, at_quarter("valuation_usd", "2024Q1")),
    Figure("valuation, 2024Q3", "§4 'round, Oct 2024'", 150.0, None, B, at_quarter("valuation_usd", "2024Q3")),
    Figure("2025 revenue", "§4 'projections'", 11.6, (9.0, 14.0), B, yearly("revenue_usd", "2025")),
    Figure("2026 net income", "§4 'projections'", -14.0, (-18.0, -10.0), B, yearly("net_income_usd", "2026")),
    Figure("2029 revenue", "§4 'projections'", 100.0, (70.0, 130.0), B, yearly("revenue_usd", "2029")),
    Figure("2029 net income", "§4 'projections'", None, (0.0, np.inf), B, yearly("net_income_usd", "2029")),
)


@cache
def _scenario():
    return load_scenario(SCENARIO).scenario  # (loading validates and plays a quarter: once is enough)


def historical_games(seeds: int = 100) -> RunResult:
    return run(build_params(_scenario()), STRATEGIES["historical"], np.arange(seeds), keep_history=True)


def values(runs: RunResult, figure: Figure) -> np.ndarray:
    """The figure for every game, in its unit."""
    return figure.measure(runs, _scenario().start) / figure.unit


def in_band(v: np.ndarray, band: tuple[float, float]) -> np.ndarray:
    return (v >= band[0]) & (v <= band[1])


def table(runs: RunResult) -> str:
    lines = [f"{'figure':26s} {'reported':>8s} {'median':>8s} {'p5':>8s} {'p95':>8s} {'in band':>8s} {'median/reported':>16s}"]
    for f in FIGURES:
        v = values(runs, f)
        median, (p5, p95) = float(np.median(v)), np.percentile(v, [5, 95])
        band = f"{in_band(v, f.band).mean():8.0%}" if f.band else " " * 8
        ratio = f"{median / f.reported:16.2f}" if f.reported else ""
        reported = f"{f.reported:8.1f}" if f.reported is not None else " " * 8
        lines.append(f"{f.what:26s} {reported} {median:8.2f} {p5:8.2f} {p95:8.2f} {band} {ratio}")
    return "\n".join(lines)
