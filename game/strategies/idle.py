"""`idle`: does nothing new, ever: the status quo of the first quarter. A baseline that should go bankrupt."""

from __future__ import annotations

from game.engine.decisions import Decisions, Limits, hold
from game.engine.params import Params
from game.engine.state import State


def idle(state: State, lim: Limits, params: Params, quarter: int) -> Decisions:
    return hold(state)
