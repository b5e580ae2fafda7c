"""A scenario's parameters as plain numbers and arrays: one typed slice per mechanic.

Built once from the pydantic scenario (each mechanic builds its own slice from the
sections it reads); the step reads only these, never the YAML or the pydantic model.
`scenario` stays attached for the strategies (the historical plan) and for the texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.mechanics import (
    compute, demand, events, finance, funding, outcome, questions, rivals, safety, sentiment, small_model, talent, training,
)
from game.engine.kernel.tree import field_types
from game.models.quarters import quarter_label
from game.models.scenario import Scenario


@dataclass(frozen=True)
class Params:
    scenario: Scenario
    quarters: int
    start: str
    events: events.Params
    questions: questions.Params
    demand: demand.Params
    funding: funding.Params
    talent: talent.Params
    compute: compute.Params
    training: training.Params
    small_model: small_model.Params
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
    """Each mechanic builds its own slice of the parameters from the scenario."""
    slices = {name: kind.from_scenario(scenario) for name, kind in field_types(Params).items()
              if hasattr(kind, "from_scenario")}
    return Params(scenario=scenario, quarters=scenario.quarters, start=scenario.start, **slices)
