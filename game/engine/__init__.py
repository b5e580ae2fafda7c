"""The pure, array-first engine. Imports numpy, the standard library and game.models only.

    params = build_params(scenario)
    state = initial_state(params, seeds)
    state, report = step(state, decisions, params, quarter)

Each mechanic is a module of game/engine/mechanics owning its parameters, its slice of
the state and its flows; `step` wires them in the quarter's order.
"""

from game.engine.decisions import Decisions, hold
from game.engine.mechanics.outcome import OUTCOME_NAMES
from game.engine.params import Params, build_params
from game.engine.rules import Limits, limits, refusals_for_row, refused_mask
from game.engine.state import Report, State, initial_state
from game.engine.step import project, step

__all__ = [
    "Decisions", "Limits", "OUTCOME_NAMES", "Params", "Report", "State",
    "build_params", "hold", "initial_state", "limits", "project", "refusals_for_row", "refused_mask", "step",
]
