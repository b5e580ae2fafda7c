"""openai-2024 played by `historical` lands in every calibration band of design.md.

The bands come from facts.md; the numbers come out of the mechanics. Luck is in play, so
each band holds the median of 20 seeds (and the 2024 bands every seed's value too).
"""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.kernel.tree import by_name

B, M = 1e9, 1e6


def yearly(runs, key, year):
    total = np.zeros(runs.final.batch)
    for quarter, _, _, report in runs.history:
        if runs_label(quarter).startswith(year):
            total += by_name(report)[key]
    return total


def runs_label(quarter):
    from game.models.quarters import quarter_label

    return quarter_label("2024Q1", quarter)


def year_end(runs, field, year):
    for quarter, _, state, _ in runs.history:
        if runs_label(quarter) == f"{year}Q4":
            return by_name(state)[field]
    raise AssertionError(f"no {year}Q4 in the game")


FLOW_BANDS = [
    # (what, report key, year, low, high) -- design.md "Calibration"
    ("2024 revenue", "revenue_usd", "2024", 3.4 * B, 4.5 * B),
    ("2024 operating cost", "operating_cost_usd", "2024", 7.5 * B, 9.5 * B),
    ("2024 inference cost", "inference_cost_usd", "2024", 3.5 * B, 4.5 * B),
    ("2024 training cost", "training_cost_usd", "2024", 2.5 * B, 3.5 * B),
    ("2024 staff cost", "staff_cost_usd", "2024", 1.2 * B, 1.8 * B),
    ("2024 net loss", "net_income_usd", "2024", -6 * B, -4 * B),
    ("2025 revenue", "revenue_usd", "2025", 9 * B, 14 * B),
    ("2026 net loss", "net_income_usd", "2026", -18 * B, -10 * B),
    ("2029 revenue", "revenue_usd", "2029", 70 * B, 130 * B),
    ("2029 profit", "net_income_usd", "2029", 0.0, np.inf),
]


@pytest.mark.parametrize("what,key,year,low,high", FLOW_BANDS, ids=[b[0] for b in FLOW_BANDS])
def test_flow_band(historical_runs, what, key, year, low, high):
    values = yearly(historical_runs, key, year)
    median = float(np.median(values))
    assert low <= median <= high, f"{what}: median {median / B:.2f} B outside {low / B:.1f}..{high / B:.1f} B"


def test_2024_subscribers_about_11_million(historical_runs):
    subs = year_end(historical_runs, "subscribers", 2024)
    assert 9 * M <= np.median(subs) <= 13 * M, f"median {np.median(subs) / M:.1f} M"


def test_2024_monthly_users_250_to_450_million(historical_runs):
    users = year_end(historical_runs, "monthly_active_users", 2024)
    assert np.all((users >= 250 * M) & (users <= 450 * M)), users / M


def test_2024_costs_hold_for_every_seed(historical_runs):
    """The 2024 bands are tight enough that no seed's luck should leave them."""
    for key, low, high in [("operating_cost_usd", 7.5 * B, 9.5 * B), ("net_income_usd", -6 * B, -4 * B),
                           ("inference_cost_usd", 3.5 * B, 4.5 * B)]:
        values = yearly(historical_runs, key, "2024")
        assert np.all((values >= low) & (values <= high)), (key, values / B)


def test_historical_survives(historical_runs):
    from game.engine.mechanics.outcome import SURVIVED

    assert np.all(historical_runs.final.outcome.outcome == SURVIVED)


def test_next_generation_is_trained(historical_runs):
    """The lab trains the 1 B generation, then the 10 B one (facts §3)."""
    assert np.all(historical_runs.final.training.generation >= 2)
