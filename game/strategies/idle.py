"""`idle`: decides nothing, ever: the quarter-before settings carry on (the rented fleet,
the training budget, prices, pay) and it never raises, hires or converts. Spending is cut
to the cash at hand, so its decisions are always legal. A baseline that should go bankrupt."""

from __future__ import annotations

from game.engine.decisions import Decisions, hold
from game.engine.rules import Limits
from game.engine.params import Params
from game.engine.state import State
from game.strategies.base import within_limits


def idle(state: State, lim: Limits, params: Params, quarter: int) -> Decisions:
    return within_limits(hold(state), state, lim)
