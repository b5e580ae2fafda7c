"""openai-2024 played by `historical` over 100 seeds, against design.md's bands and the
reported figures (the table is game.play.calibration.FIGURES; print it with
`python benchmarks/calibration.py`).

Two rules, each checked per figure:
- every seed's value lies inside the figure's band;
- the median lies within 10% of the reported figure.
Where the engine does not meet a rule yet, the case is marked xfail(strict=True) with the
measured shortfall: the gap is written down here, and the mark fails the run as soon as
the rule holds, so that it is taken off.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.play.calibration import FIGURES, historical_games, in_band, values

# Measured 2026-12-03, engine 4.0.0 (issue 12 left these open; see the README's table).
NOT_EVERY_SEED_YET = {
    "2024 revenue": "18 of 100 seeds below 3.4 B (lowest 2.93): the sources' split (about 2 B + 1 B) sums to 3 B, not 3.7 B",
    "2024 inference": "37 of 100 seeds below 3.5 B (lowest 3.15)",
    "2024 net income": "1 of 100 seeds at -6.21 B",
    "subscribers, 2024Q3": "8 of 100 seeds outside 9-13 M (8.3 to 13.9)",
    "monthly users, 2024Q4": "1 of 100 seeds at 456 M",
    "2025 revenue": "1 of 100 seeds at 8.56 B",
    "2029 revenue": "14 of 100 seeds outside 70-130 B (highest 152)",
    # Measured 2026-12-04, engine 4.3.0: market cards no longer follow the lab's hype, so a seed
    # can draw two bubble scares in a row; the funding window shuts and only a strategic
    # partner offers, for half of all revenue from then on.
    "2026 net income": "1 of 100 seeds (14) at -25.6 B: bubble scares in 2025Q2 and Q3, then a 50% revenue-share round",
    "2029 net income": "1 of 100 seeds (14) at -29.5 B: the same game, still paying half its revenue to the partner",
}
NOT_WITHIN_10_PERCENT_YET = {
    "2024 subscriptions": "median 2.30 B against about 2 B (11 M x 20 $ x 12 is 2.6 B a year)",
    "2024 API": "median 1.24 B against about 1 B",
    "2024 inference": "median 3.55 B against about 4 B",
    "subscribers, 2024Q3": "median 12.3 M against about 11 M",
    "monthly revenue, 2024Q2": "median 219 M: the fleet is rented for the users before the Q2 jump, and subscribers lag it",
    "monthly revenue, 2024Q3": "median 353 M against 300 M",
    "2025 revenue": "median 10.1 B against 11.6 B",
    "2029 revenue": "median 114 B against 100 B",
}


@pytest.fixture(scope="module")
def games():
    return historical_games(100)


@pytest.fixture(scope="module")
def measured(games):
    """{figure: its value in every game}: small arrays, cheap for pytest to show."""
    return {f.what: values(games, f) for f in FIGURES}


def _cases(figures, known):
    return [pytest.param(f, id=f.what, marks=[pytest.mark.xfail(strict=True, reason=known[f.what])] if f.what in known else [])
            for f in figures]


@pytest.mark.parametrize("figure", _cases([f for f in FIGURES if f.band], NOT_EVERY_SEED_YET))
def test_every_seed_in_band(measured, figure):
    v = measured[figure.what]
    outside = np.flatnonzero(~in_band(v, figure.band))
    assert outside.size == 0, (f"{figure.what}: seeds {outside[:10].tolist()} outside {figure.band} "
                               f"(values {np.round(v[outside[:10]], 2).tolist()})")


@pytest.mark.parametrize("figure", _cases([f for f in FIGURES if f.reported], NOT_WITHIN_10_PERCENT_YET))
def test_median_within_10_percent_of_the_reported_figure(measured, figure):
    median = float(np.median(measured[figure.what]))
    assert abs(median / figure.reported - 1.0) <= 0.10, f"{figure.what}: median {median:.2f} against {figure.reported}"


def test_historical_survives(games):
    from game.engine.mechanics.outcome import SURVIVED

    outcomes = games.final.outcome.outcome
    assert np.all(outcomes == SURVIVED), np.bincount(outcomes)


def test_next_generation_is_trained(games):
    """The lab trains the 1 B generation, then the 10 B one (facts §3)."""
    generations = games.final.training.generation
    assert np.all(generations >= 2), np.bincount(generations)
