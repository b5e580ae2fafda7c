"""A scenario's parameters as plain numbers and arrays: one typed slice per mechanic.

Built once from the pydantic scenario (each mechanic builds its own slice from the
sections it reads); the step reads only these, never the YAML or the pydantic model.
`scenario` stays attached for the strategies (the historical plan) and for the texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.mechanics import (
    compute, demand, events, finance, funding, outcome, rivals, safety, sentiment, talent, training,
)
from game.models.quarters import quarter_label
from game.models.scenario import Scenario


@dataclass(frozen=True)
class Params:
    scenario: Scenario
    quarters: int
    start: str
    events: events.Params
    demand: demand.Params
    funding: funding.Params
    talent: talent.Params
    compute: compute.Params
    training: training.Params
    safety: safety.Params
    rivals: rivals.Params
    sentiment: sentiment.Params
    finance: finance.Params
    outcome: outcome.Params

    def __repr__(self) -> str:
        return f"Params({self.scenario.id!r}, {self.quarters} quarters from {self.start})"

    def label(self, quarter: int) -> str:
        return quarter_label(self.start, quarter)

    @property
    def rival_ids(self) -> tuple[str, ...]:
        return self.rivals.rival_ids


def build_params(scenario: Scenario) -> Params:
    c = scenario.company
    capability_start = float(training.capability_of(c.flagship_training_cost_usd,
                                                    scenario.compute.training_price_usd_per_a100e_hour))
    return Params(
        scenario=scenario,
        quarters=scenario.quarters,
        start=scenario.start,
        events=events.Params.from_scenario(scenario),
        demand=demand.Params.from_scenario(scenario, capability_start),
        funding=funding.Params.from_scenario(scenario),
        talent=talent.Params.from_scenario(scenario),
        compute=compute.Params.from_scenario(scenario),
        training=training.Params.from_scenario(scenario),
        safety=safety.Params.from_scenario(scenario),
        rivals=rivals.Params.from_scenario(scenario),
        sentiment=sentiment.Params.from_scenario(scenario),
        finance=finance.Params.from_scenario(scenario),
        outcome=outcome.Params.from_scenario(scenario),
    )
