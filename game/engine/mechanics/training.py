"""Models: training runs, the 10x-a-generation cost of the next flagship, capability.

Facts rows: §3 "training cost of one frontier model" (>100 M -> ~1 B -> 10 B: each
generation ~10x), §1 "2024 training cost" (~3 B a year of which one flagship run is a
part), §5 "the core team" (research talent drives progress), §2 'extra training cluster
leased via a second cloud' (compute contracted in advance). Capability is the log10 of a
flagship's effective training compute in A100e-hours, so it grows with log(compute).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel import portable_math as pm
from game.engine.kernel.rng import QuarterDraws
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import hidden, leaf
from game.models.quarters import quarter_offset
from game.models.scenario import Scenario


def capability_of(training_cost_usd, price_usd_per_a100e_hour: float):
    """Capability index: log10 of a flagship's training compute in A100e-hours."""
    return pm.log10(np.asarray(training_cost_usd, dtype=np.float64) / price_usd_per_a100e_hour)


@dataclass(frozen=True)
class Params:
    generation_cost_multiplier: float
    flagship_share_of_training: float
    data_share_of_training: float
    launch_capability_noise_sd: float
    post_training_gain_per_quarter: float
    model_work_compute_share: float
    launch_waits_above_weeks: float
    training_price_usd_per_a100e_hour: np.ndarray  # by quarter: cloud training compute gets cheaper like rent
    committed_usd_per_quarter: np.ndarray  # by quarter: contracted training compute, billed whether used or not

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        c = sc.compute
        return from_sections(
            cls, sc.training,
            training_price_usd_per_a100e_hour=c.training_price_usd_per_a100e_hour
            * pm.compounded(c.rent_price_change_per_quarter, sc.quarters + 1),
            committed_usd_per_quarter=_commitments(sc),
        )


def _commitments(sc: Scenario) -> np.ndarray:
    per_quarter = np.zeros(sc.quarters + 1)
    for c in sc.compute.commitments:
        first = quarter_offset(sc.start, c.starts)
        per_quarter[max(first, 0) : max(min(first + c.quarters, sc.quarters), 0)] += c.usd_per_quarter
    return per_quarter


@dataclass(frozen=True)
class State:
    training_budget_usd: np.ndarray = leaf("usd", "Training budget, last quarter", "§1 '2024 training cost, data included'")
    flagship_compute_a100e_hours: np.ndarray = leaf("a100e_hours", "Compute of the current flagship", "§3 'training cost of one frontier model'")
    run_compute_a100e_hours: np.ndarray = leaf("a100e_hours", "Compute put into the next flagship so far", "§3 'training cost of one frontier model'")
    capability: np.ndarray = leaf("log10_a100e_hours", "Capability of your flagship", "§3 'capability race'")
    generation: np.ndarray = leaf("count", "Flagships launched in the game", "§3 'training cost of one frontier model'", kind="int")
    launch_pending: np.ndarray = leaf("flag", "A trained model held back for more testing", "§3 'delayed product'", kind="bool")


@dataclass(frozen=True)
class Flows:
    training_compute_a100e_hours: np.ndarray = leaf("a100e_hours", "Training compute this quarter", "§1 '2024 training cost, data included'")
    launched: np.ndarray = leaf("flag", "A new flagship launched", "§3 'training cost of one frontier model'", kind="bool")
    launch_gain: np.ndarray = leaf("log10_a100e_hours", "Capability gained at the launch", "§6 'bubble talk'")
    model_work: np.ndarray = leaf("share", "Post-training and distillation at full pace", "§2 'cost cutting'")
    next_generation_compute_a100e_hours: np.ndarray = leaf("a100e_hours", "Compute the next flagship needs", "§3 'training cost of one frontier model'")


@dataclass(frozen=True)
class Model:
    state: State
    flows: Flows
    committed_usd: float  # contracted compute billed this quarter


def initial(sc: Scenario, batch: int) -> State:
    c, full = sc.company, lambda v: np.full(batch, float(v))  # noqa: E731
    price = sc.compute.training_price_usd_per_a100e_hour
    return State(
        training_budget_usd=full(c.training_budget_usd_per_quarter),
        flagship_compute_a100e_hours=full(c.flagship_training_cost_usd / price),
        run_compute_a100e_hours=full(0.0),
        capability=full(capability_of(c.flagship_training_cost_usd, price)),
        generation=np.zeros(batch, dtype=np.int64),
        launch_pending=np.zeros(batch, dtype=bool),
    )


def advance(*, state: State, training_budget_usd: np.ndarray, safety_testing_weeks: np.ndarray,
            owned_training_hours: np.ndarray, research_multiplier: np.ndarray, draws: QuarterDraws, quarter: int,
            params: Params) -> Model:
    """Add this quarter's compute to the next flagship; launch it when it reaches 10x.

    Between launches, post-training and distillation (facts §2 'cost cutting': small
    models are the cost lever) raise capability and serving throughput, but only as far
    as the quarter's training compute keeps that work going: a lab that stops training
    stops getting cheaper to run.
    """
    flagship = state.flagship_compute_a100e_hours
    committed = params.committed_usd_per_quarter[quarter]
    compute = cloud_training_hours(training_budget_usd + committed, quarter, params) + owned_training_hours
    work = np.minimum(compute / (params.model_work_compute_share * flagship), 1.0)
    # A model held back for testing is finished: waiting tests it, it does not train it further.
    run = state.run_compute_a100e_hours + compute * params.flagship_share_of_training * research_multiplier * ~state.launch_pending
    ready = run >= next_generation_compute(flagship, params)
    # Long safety testing holds a ready model for one quarter (facts §3 'delayed product').
    hold_for_testing = safety_testing_weeks > params.launch_waits_above_weeks
    launched = ready & (~hold_for_testing | state.launch_pending)
    pending = ready & ~launched
    surprise = params.launch_capability_noise_sd * draws.centered("training/launch")
    launched_capability = pm.log10(np.maximum(run, 1.0)) + surprise
    capability = state.capability
    new_capability = np.where(
        launched, np.maximum(launched_capability, capability), capability + params.post_training_gain_per_quarter * work
    )
    flagship = np.where(launched, run, flagship)
    return Model(
        state=State(
            training_budget_usd=training_budget_usd.astype(np.float64),
            flagship_compute_a100e_hours=flagship,
            run_compute_a100e_hours=run * ~launched,
            capability=new_capability,
            generation=state.generation + launched,
            launch_pending=pending,
        ),
        flows=Flows(
            training_compute_a100e_hours=compute,
            launched=launched,
            launch_gain=launched * (new_capability - capability),
            model_work=work,
            next_generation_compute_a100e_hours=next_generation_compute(flagship, params),
        ),
        committed_usd=committed,
    )


def cloud_training_hours(usd, quarter: int, params: Params):
    """A100e-hours a training spend buys in the cloud this quarter (its data share buys none)."""
    return usd * (1.0 - params.data_share_of_training) / params.training_price_usd_per_a100e_hour[quarter]


def cloud_training_usd(hours, quarter: int, params: Params):
    """What `hours` of cloud training compute cost this quarter, the data share included."""
    return hours * (params.training_price_usd_per_a100e_hour[quarter] / (1.0 - params.data_share_of_training))


def next_generation_compute(flagship_compute_a100e_hours, params: Params):
    """The compute the next flagship needs: the current one's x the generation multiplier (§3)."""
    return flagship_compute_a100e_hours * params.generation_cost_multiplier
