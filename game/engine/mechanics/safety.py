"""Safety: short safety testing before a launch raises the chance of an incident.

Facts rows: §3 'rushed launch' (GPT-4o after 9 days of testing; its persuasion ability
later found above the internal limit), §5 'why they leave' (safety culture gave way to
shiny products). An incident costs reputation (brand), regulators' fines, morale and
sentiment, as the scenario's `world.incident_effects` say.
"""

from __future__ import annotations

import numpy as np

from game.engine.params import SAFETY, Params

LAUNCH_WAITS_ABOVE_WEEKS = 13.0  # testing longer than a quarter holds a ready model to the next quarter


def neglected(headcount: np.ndarray, total: np.ndarray, params: Params) -> np.ndarray:
    return headcount[:, SAFETY] < params.world.safety_norm_share * total


def incident_probability(launching, testing_weeks, is_neglected, params: Params) -> np.ndarray:
    """Risk at a launch: base x (reference weeks / weeks tested), doubled when safety is neglected."""
    w = params.world
    risk = w.safety_incident_base_probability * (w.safety_reference_weeks / testing_weeks) * (1.0 + is_neglected)
    return launching * np.minimum(risk, 0.9)
