"""The end of the game: bankruptcy, an accepted acquihire, a listing, or the last quarter;
and the score.

Facts rows: §4 'a lab bought for its people' (big tech repaid 650 M of the 1.525 B raised,
for the people), §4 'cost of staying alive' (offers come when the money is nearly gone),
§4 'IPO rule of thumb' (about 100 M of revenue and ten years of operation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.periods import QUARTERS_PER_YEAR
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import leaf
from game.models.quarters import parse_quarter
from game.models.scenario import Scenario

# Outcome codes (int8): a game keeps PLAYING until one of the others ends it.
PLAYING, BANKRUPT, ACQUIRED, IPO, SURVIVED = 0, 1, 2, 3, 4
OUTCOME_NAMES = {PLAYING: "playing", BANKRUPT: "bankrupt", ACQUIRED: "acquired", IPO: "ipo", SURVIVED: "survived"}


@dataclass(frozen=True)
class Params:
    quarters: int
    start_year_fraction: float  # the first quarter's start, in years (2024Q3 -> 2024.5)
    founded_year: int
    ipo_min_revenue_usd_per_year: float
    ipo_min_age_years: float
    acquihire_offer_share_of_raised: float
    acquihire_when_runway_below_quarters: float

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        year, q = parse_quarter(sc.start)
        return from_sections(cls, sc.finance, sc.company, quarters=sc.quarters, start_year_fraction=year + (q - 1) / 4.0)


@dataclass(frozen=True)
class State:
    outcome: np.ndarray = leaf("code", "How the game ended", "design", kind="outcome")
    outcome_quarter: np.ndarray = leaf("quarter", "The quarter that ended the game", "design", kind="quarter")


def initial(batch: int) -> State:
    return State(outcome=np.zeros(batch, dtype=np.int8), outcome_quarter=np.full(batch, -1, dtype=np.int64))


def playing(state: State) -> np.ndarray:
    return state.outcome == PLAYING


def acquihire_offer(*, runway_quarters: np.ndarray, equity_raised_total_usd: np.ndarray, params: Params) -> np.ndarray:
    """When the money is nearly gone, big tech offers to repay part of what investors put in."""
    distressed = runway_quarters < params.acquihire_when_runway_below_quarters
    return distressed * (params.acquihire_offer_share_of_raised * equity_raised_total_usd)


def ipo_allowed(*, trailing_revenue_usd: np.ndarray, quarter: int, params: Params) -> np.ndarray:
    """A listing needs a year's revenue and an age (facts §4 'IPO rule of thumb'); the
    market prices it on the same sustained figures as any valuation (finance.valuation)."""
    age_years = params.start_year_fraction + quarter / QUARTERS_PER_YEAR - params.founded_year
    return (trailing_revenue_usd >= params.ipo_min_revenue_usd_per_year) & (age_years >= params.ipo_min_age_years)


def advance(*, accept_acquisition: np.ndarray, bankrupt: np.ndarray, ipo: np.ndarray, quarter: int,
            params: Params) -> State:
    """An accepted acquihire ends the game first (the buyer takes on the quarter: that is the
    way out of bankruptcy), then bankruptcy, a listing, or the last quarter."""
    last_quarter = quarter >= params.quarters - 1
    outcome = np.where(accept_acquisition, ACQUIRED, np.where(bankrupt, BANKRUPT, np.where(
        ipo, IPO, SURVIVED if last_quarter else PLAYING))).astype(np.int8)
    return State(outcome=outcome, outcome_quarter=np.where(outcome != PLAYING, quarter, -1).astype(np.int64))


def score(*, state: State, founders_stake: np.ndarray, equity_value_usd: np.ndarray) -> np.ndarray:
    """The scenario's score: the founders' stake of the lab's equity at the end (valuation
    plus cash, less debt and claims; 0 when bankrupt)."""
    return np.where(state.outcome == BANKRUPT, 0.0, founders_stake * equity_value_usd)
