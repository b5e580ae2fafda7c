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

# Measured 2026-12-04, engine 5.0.0 (business seats, §1 'enterprise use', made the sources'
# split reachable; issue 12 leaves these open, each a figure the table prints).
NOT_EVERY_SEED_YET = {
    "2024 revenue": "1 of 100 seeds (19) at 3.33 B",
    "2024 operating cost": "2 of 100 seeds (73, 87) at 9.54-9.62 B, against a 9.5 B top",
    "2024 inference": "11 of 100 seeds above 4.5 B (highest 4.84): the rented cluster's bill, idle hours included",
    "subscribers, 2024Q3": "3 of 100 seeds (6, 17, 87) at 7.65-8.81 M: a rival beats our model on coding early in 2024",
    "2025 revenue": "3 of 100 seeds (6, 19, 57) at 8.53-8.99 B",
    "2029 net income": "1 of 100 seeds (37) at -3.5 B",
}
NOT_WITHIN_10_PERCENT_YET = {
    "2024 subscriptions": "median 2.32 B against about 2 B: 11 M subscribers in 2024Q3 at 20 $ are 2.6 B a year",
    "2024 API": "median 1.19 B against about 1 B",
    "monthly users, 2024Q2": "median 309 M against 350 M: a slower chatbot market keeps a lab that decides nothing from surviving",
    "monthly revenue, 2024Q3": "median 350 M against 300 M: the Q2 users' jump converts in Q3 (the game's path is smooth; the reported one is flat to August, then steep)",
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
