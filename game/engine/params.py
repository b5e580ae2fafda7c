"""Scenario parameters as plain numbers and arrays, converted once from the pydantic model.

The engine reads only this object, never the YAML or the pydantic model, so a step is
array arithmetic with no attribute lookups into nested models on the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel import portable_math as pm
from game.models.quarters import quarter_label, quarter_offset
from game.models.scenario import Scenario

HOURS_PER_QUARTER = 8760.0 / 4.0
N_FUNCTIONS = 4  # research, engineering, safety, go_to_market
RESEARCH, ENGINEERING, SAFETY, GO_TO_MARKET = range(N_FUNCTIONS)


SCALAR_SECTIONS = ("market", "compute", "training", "talent", "finance")


@dataclass(frozen=True)
class Params:
    scenario: Scenario
    quarters: int
    start: str
    # rivals, shape (R,)
    rival_ids: tuple[str, ...]
    rival_brand_consumer: np.ndarray
    rival_brand_api: np.ndarray
    rival_capability_start: np.ndarray
    rival_capability_gain: np.ndarray
    rival_api_price_start: np.ndarray
    rival_api_price_change: np.ndarray
    credit_line_opens_index: int
    start_year_fraction: float
    rival_launch_probability: np.ndarray
    rival_launch_jump: np.ndarray
    rival_exit_probability: np.ndarray
    rival_active_at_start: np.ndarray  # bool (R,)
    spin_out_rival: int  # index of the rival our departing key people found, -1 if none
    key_people_ids: tuple[str, ...]
    key_research_weight: np.ndarray  # (K,)
    key_departure_probability: np.ndarray  # (K,)
    deck: tuple  # EventSpec, see events.py
    deck_tables: dict  # effect name -> lookup table by card, see events.effect_tables
    timeline: dict  # quarter index -> tuple of EventSpec
    historical_convert_index: int  # -1: the plan never converts
    committed_usd_per_quarter: np.ndarray  # (quarters,) contracted training compute billed each quarter

    @property
    def world(self):
        return self.scenario.world

    def __post_init__(self):
        # Scalars come straight from the scenario's sections, so a parameter has one home
        # (the YAML); copying them onto this object once spares a lookup on every use.
        for section in SCALAR_SECTIONS:
            model = getattr(self.scenario, section)
            for name in type(model).model_fields:
                object.__setattr__(self, name, getattr(model, name))

    def __repr__(self) -> str:
        return f"Params({self.scenario.id!r}, {self.quarters} quarters from {self.start})"

    def label(self, quarter: int) -> str:
        return quarter_label(self.start, quarter)


def capability_of(training_cost_usd: float | np.ndarray, price_usd_per_a100e_hour: float):
    """Capability index: log10 of a flagship's training compute in A100e-hours."""
    return pm.log10(np.asarray(training_cost_usd, dtype=np.float64) / price_usd_per_a100e_hour)


def build_params(scenario: Scenario) -> Params:
    from game.engine import events  # events imports this module's constants

    price = scenario.compute.training_price_usd_per_a100e_hour
    people = scenario.world.key_people
    spin = [i for i, r in enumerate(scenario.rivals) if r.enters == "on-spin-out"]
    convert = scenario.historical.convert_in
    rivals = scenario.rivals
    arr = lambda xs: np.asarray(xs, dtype=np.float64)  # noqa: E731
    year, q = int(scenario.start[:4]), int(scenario.start[5])
    return Params(
        scenario=scenario,
        quarters=scenario.quarters,
        start=scenario.start,
        rival_ids=tuple(r.id for r in rivals),
        rival_brand_consumer=arr([r.brand_consumer for r in rivals]),
        rival_brand_api=arr([r.brand_api for r in rivals]),
        rival_capability_start=capability_of([r.flagship_training_cost_usd for r in rivals], price),
        rival_capability_gain=arr([r.capability_gain_per_quarter for r in rivals]),
        rival_api_price_start=arr([r.api_price_usd_per_mtok for r in rivals]),
        rival_api_price_change=arr([r.api_price_change_per_quarter for r in rivals]),
        credit_line_opens_index=quarter_offset(scenario.start, scenario.finance.credit_line_opens),
        start_year_fraction=year + (q - 1) / 4.0,
        rival_launch_probability=arr([r.launch_probability_per_quarter for r in rivals]),
        rival_launch_jump=arr([r.launch_capability_jump for r in rivals]),
        rival_exit_probability=arr([r.exit_probability_per_quarter for r in rivals]),
        rival_active_at_start=np.asarray([r.enters == "at-start" for r in rivals]),
        spin_out_rival=spin[0] if spin else -1,
        key_people_ids=tuple(k.id for k in people),
        key_research_weight=arr([k.research_weight for k in people]),
        key_departure_probability=arr([k.departure_probability_per_quarter for k in people]),
        deck=(deck := events.deck_specs(scenario)),
        deck_tables=events.effect_tables(deck),
        timeline=events.timeline_specs(scenario),
        historical_convert_index=quarter_offset(scenario.start, convert) if convert else -1,
        committed_usd_per_quarter=_commitments(scenario),
    )


def _commitments(scenario: Scenario) -> np.ndarray:
    per_quarter = np.zeros(scenario.quarters)
    for c in scenario.compute.commitments:
        first = quarter_offset(scenario.start, c.starts)
        per_quarter[max(first, 0) : max(first + c.quarters, 0)] += c.usd_per_quarter
    return per_quarter
