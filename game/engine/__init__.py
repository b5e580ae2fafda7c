"""The pure, array-first engine. Imports numpy, the standard library and game.models only.

    params = build_params(scenario)
    state = initial_state(params, seeds)
    state, report = step(state, decisions, params, quarter)
"""

from game.engine.decisions import Decisions, Limits, hold, limits, messages_for_row, refused_mask
from game.engine.params import Params, build_params
from game.engine.state import OUTCOME_NAMES, State, initial_state
from game.engine.step import Report, step

__all__ = [
    "Decisions", "Limits", "OUTCOME_NAMES", "Params", "Report", "State",
    "build_params", "hold", "initial_state", "limits", "messages_for_row", "refused_mask", "step",
]
