"""Safety: neglected safety staffing, and short testing before a launch, raise the odds of an incident.

Facts rows: §3 'rushed launch' (GPT-4o after 9 days of testing; its persuasion ability
later found above the internal limit), §5 'why they leave' (safety culture gave way to
shiny products). An incident costs reputation (brand), regulators' fines, morale and
sentiment, as the scenario's `world.incident_effects` say.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.arrays import row_sum
from game.engine.kernel.rng import QuarterDraws
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import leaf
from game.engine.mechanics.talent import SAFETY
from game.models.scenario import Scenario


@dataclass(frozen=True)
class Params:
    safety_reference_weeks: float
    safety_incident_base_probability: float
    safety_norm_share: float
    incident_max_probability: float
    neglected_safety_incident_multiplier: float
    incident_brand: float
    incident_morale: float
    incident_sentiment: float
    incident_cash_usd: float

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        e = sc.world.incident_effects
        return from_sections(cls, sc.world, incident_brand=e.brand, incident_morale=e.morale,
                             incident_sentiment=e.sentiment, incident_cash_usd=e.cash_usd)


@dataclass(frozen=True)
class Flows:
    safety_incident: np.ndarray = leaf("flag", "Safety incident at launch", "§3 'rushed launch'", kind="bool")


@dataclass(frozen=True)
class Incident:
    """The quarter's incident (if any) and what it does to the rest of the lab."""

    flows: Flows
    brand: np.ndarray
    morale: np.ndarray
    sentiment: np.ndarray
    cash_usd: np.ndarray


def neglected(*, headcount: np.ndarray, params: Params) -> np.ndarray:
    """Safety counts as neglected when its share of staff is below the norm."""
    return headcount[:, SAFETY] < params.safety_norm_share * row_sum(headcount)


def advance(*, launched: np.ndarray, safety_testing_weeks: np.ndarray, safety_neglected: np.ndarray,
            draws: QuarterDraws, params: Params) -> Incident:
    """Risk at a launch: base x (reference weeks / weeks tested), higher when safety is neglected."""
    risk = (params.safety_incident_base_probability * (params.safety_reference_weeks / safety_testing_weeks)
            * (1.0 + (params.neglected_safety_incident_multiplier - 1.0) * safety_neglected))
    odds = launched * np.minimum(risk, params.incident_max_probability)
    incident = draws.uniform("safety/incident") < odds
    return Incident(
        flows=Flows(safety_incident=incident),
        brand=incident * params.incident_brand,
        morale=incident * params.incident_morale,
        sentiment=incident * params.incident_sentiment,
        cash_usd=incident * params.incident_cash_usd,
    )
