"""Models: training runs, the 10x-a-generation cost of the next flagship, capability.

Facts rows: §3 "training cost of one frontier model" (>100 M -> ~1 B -> 10 B: each
generation ~10x), §1 "2024 training cost" (~3 B a year of which one flagship run is a
part), §5 "the core team" (research talent drives progress). Capability is the log10 of
a flagship's effective training compute in A100e-hours, so it grows with log(compute).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel import portable_math as pm
from game.engine.kernel.rng import QuarterDraws
from game.engine.params import Params


@dataclass(frozen=True)
class TrainingResult:
    flagship_compute: np.ndarray
    run_compute: np.ndarray
    capability: np.ndarray
    generation: np.ndarray
    launched: np.ndarray  # bool
    launch_pending: np.ndarray  # bool: trained, held back for more safety testing
    launch_gain: np.ndarray  # capability gained at a launch (0 otherwise)
    training_compute_a100e_hours: np.ndarray
    next_generation_compute: np.ndarray
    model_work: np.ndarray  # 0..1: how fully post-training and distillation went on
    serving_tokens_per_a100e_hour: np.ndarray


def training_price(params: Params, quarter: int) -> float:
    return params.training_price_usd_per_a100e_hour * pm.compound(params.rent_price_change_per_quarter, quarter)


def advance(flagship, run, capability, generation, throughput, pending, hold_for_testing, budget_usd, committed_usd,
            owned_training_hours, research_multiplier, draws: QuarterDraws, params: Params, quarter: int) -> TrainingResult:
    """Add this quarter's compute to the next flagship; launch it when it reaches 10x.

    Between launches, post-training and distillation (facts §2 'cost cutting': small
    models are the cost lever) raise capability and serving throughput, but only as far
    as the quarter's training compute keeps that work going: a lab that stops training
    stops getting cheaper to run.
    """
    cloud_hours = (budget_usd + committed_usd) * (1.0 - params.data_share_of_training) / training_price(params, quarter)
    compute = cloud_hours + owned_training_hours
    work = np.minimum(compute / (params.model_work_compute_share * flagship), 1.0)
    run = run + compute * params.flagship_share_of_training * research_multiplier
    target = flagship * params.generation_cost_multiplier
    ready = run >= target
    # Long safety testing holds a ready model for one quarter (facts §3 'delayed product').
    launched = ready & (~hold_for_testing | pending)
    pending = ready & ~launched
    surprise = params.launch_capability_noise_sd * draws.centered("training/launch")
    launched_capability = pm.log10(np.maximum(run, 1.0)) + surprise
    new_capability = np.where(
        launched, np.maximum(launched_capability, capability), capability + params.post_training_gain_per_quarter * work
    )
    flagship = np.where(launched, run, flagship)
    return TrainingResult(
        flagship_compute=flagship,
        run_compute=run * ~launched,
        capability=new_capability,
        generation=generation + launched,
        launched=launched,
        launch_pending=pending,
        launch_gain=launched * (new_capability - capability),
        training_compute_a100e_hours=compute,
        next_generation_compute=flagship * params.generation_cost_multiplier,
        model_work=work,
        serving_tokens_per_a100e_hour=throughput * (1.0 + params.serving_efficiency_gain_per_quarter * work),
    )
