"""Planning aids: what the projected quarter asks of the fleet and how far the next model is.

The decisions screen shows these beside the fields they inform, so that a player sizes the
rent from the demand the draft's own prices and free tier will bring, instead of trying
rents in the preview. Everything is read from the same no-luck projection the preview
shows (game.engine.step.project): no second model of the game.

GPUs: demand needs `serving_hours_needed` GPU-hours; each serving GPU gives the quarter's
hours, less any outage, times the cluster's utilisation ceiling, times the engineering
factor (too few engineers keep part of the fleet idle). Owned GPUs not kept for training
serve first; the rest is what to rent. Facts rows: §2 'inference cluster', 'GPU shortage'.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.engine import Params, Report, State
from game.engine.kernel.periods import HOURS_PER_QUARTER
from game.engine.mechanics.talent import ENGINEERING, staffed
from game.models.decisions import QuarterDecisions


@dataclass(frozen=True)
class GpuPlan:
    """The fleet the projected quarter's demand needs, against the draft's."""

    hours_needed: float  # GPU-hours the projected demand needs
    serving_a100e_needed: float  # serving GPUs that give full service
    owned_serving_a100e: float  # owned GPUs left to serve (after deliveries, retirements and training)
    rent_needed_a100e: float  # rent that gives full service with the owned fleet
    rent_a100e: float  # the draft's rent
    max_rent_a100e: float  # what the cloud rents this quarter
    service_quality: float  # share of demand the draft serves
    lead_time_quarters: int  # an order placed now arrives this many quarters later

    @property
    def rent_short_of_supply_a100e(self) -> float:
        """GPUs full service needs beyond what the cloud will rent: only orders can close it."""
        return max(self.rent_needed_a100e - self.max_rent_a100e, 0.0)


@dataclass(frozen=True)
class ModelPlan:
    """The next flagship: compute put in, compute it needs, and when it launches at this pace."""

    run_a100e_hours: float  # after the projected quarter
    needed_a100e_hours: float
    added_a100e_hours: float  # what the projected quarter adds
    quarters_to_launch: int | None  # quarters after this one at this pace (0: launches this quarter); None: never
    launches_now: bool
    held_for_testing: bool  # ready, but the testing weeks hold it a quarter

    @property
    def progress(self) -> float:
        return min(self.run_a100e_hours / self.needed_a100e_hours, 1.0) if self.needed_a100e_hours > 0 else 0.0


def gpu_plan(params: Params, before: State, after: State, report: Report, decisions: QuarterDecisions,
             max_rent_a100e: float) -> GpuPlan:
    """From the projection `before` -> `after` (row 0): the rent that serves all of its demand."""
    c, d = params.compute, decisions
    needed = float(after.compute.serving_hours_needed[0])
    quality = float(after.compute.service_quality[0])
    owned_serving = float(after.compute.gpus_owned_a100e[0]) * (1.0 - d.training_share)
    fleet = owned_serving + d.gpu_rent_a100e
    # The quarter's outage (a timeline event) is in the projection: the hours the fleet gave
    # are the hours it used over its utilisation.
    utilisation = float(report.compute.utilisation[0])
    hours_per_a100e = (quality * needed / utilisation / fleet) if utilisation > 0 and fleet > 0 else HOURS_PER_QUARTER
    engineering = float(staffed(after.talent.headcount[:, ENGINEERING], params.talent.engineering_headcount_needed)[0])
    usable_per_a100e = hours_per_a100e * c.max_utilisation * engineering
    serving_needed = needed / usable_per_a100e if usable_per_a100e > 0 else math.inf
    return GpuPlan(
        hours_needed=needed, serving_a100e_needed=serving_needed, owned_serving_a100e=owned_serving,
        rent_needed_a100e=max(serving_needed - owned_serving, 0.0), rent_a100e=d.gpu_rent_a100e,
        max_rent_a100e=max_rent_a100e, service_quality=quality, lead_time_quarters=c.lead_time_quarters,
    )


def model_plan(params: Params, before: State, after: State, report: Report, decisions: QuarterDecisions) -> ModelPlan:
    """From the projection: the next flagship's progress and, at this pace, its launch."""
    t, now, then = params.training, before.training, after.training
    launched = bool(report.training.launched[0])
    needed = float(then.flagship_compute_a100e_hours[0]) * t.generation_cost_multiplier
    run = float(then.run_compute_a100e_hours[0])
    added = run - float(now.run_compute_a100e_hours[0])  # research speed and held runs included
    ready_held = bool(then.launch_pending[0])
    holds = decisions.safety_testing_weeks > t.launch_waits_above_weeks
    if launched:
        quarters = 0
    elif ready_held:
        quarters = 1  # tested for another quarter, then launched
    elif added <= 0:
        quarters = None  # no training compute: the next model never comes at this pace
    else:
        quarters = int(np.ceil((needed - run) / added)) + int(holds)
    return ModelPlan(run_a100e_hours=run, needed_a100e_hours=needed, added_a100e_hours=max(added, 0.0),
                     quarters_to_launch=quarters, launches_now=launched, held_for_testing=ready_held or holds)
