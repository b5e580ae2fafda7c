"""Compute: the GPU market, the fleet (owned and rented), serving capacity and its cost.

Facts rows: §2 "inference cluster" and "partner's price for that cluster" (rented at
1.30 $/A100-hour), §2 "3.5 B buys" (purchase price per A100e), §2 "GPU shortage" (lead
times, rationed supply, degraded service), §2 "outlook" and "cost cutting" (throughput per
GPU rises with model work). Inference cost = tokens served / throughput x $ per GPU-hour;
idle rented or owned hours are reported apart as idle capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel import portable_math as pm
from game.engine.kernel.periods import HOURS_PER_QUARTER
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import hidden, leaf
from game.models.scenario import Scenario

MAX_LEAD_TIME = 4  # quarters: the delivery queue's length (the scenario allows lead times up to this)


@dataclass(frozen=True)
class Params:
    lead_time_quarters: int
    gpu_lifetime_quarters: int
    owned_running_cost_usd_per_a100e_hour: float
    max_utilisation: float
    serving_efficiency_gain_per_quarter: float
    rent_supply_growth_per_quarter: float
    squeeze_fade_per_quarter: float
    max_squeeze: float
    squeeze_on_rent: float
    # Each quarter's market before any shortage, indexed by quarter (one past the last too:
    # the view shows the offers of the quarter after the one just played).
    purchase_price_usd_per_a100e: np.ndarray
    purchase_supply_a100e: np.ndarray
    rent_price_usd_per_a100e_hour: np.ndarray
    rent_supply_a100e: np.ndarray

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        c, n = sc.compute, sc.quarters + 1
        return from_sections(
            cls, c,
            purchase_price_usd_per_a100e=c.purchase_price_usd_per_a100e * pm.compounded(c.purchase_price_change_per_quarter, n),
            purchase_supply_a100e=c.purchase_supply_a100e_per_quarter * pm.compounded(c.purchase_supply_growth_per_quarter, n),
            rent_price_usd_per_a100e_hour=c.rent_price_usd_per_a100e_hour * pm.compounded(c.rent_price_change_per_quarter, n),
            rent_supply_a100e=c.rent_supply_a100e * pm.compounded(c.rent_supply_growth_per_quarter, n),
        )


@dataclass(frozen=True)
class State:
    gpus_owned_a100e: np.ndarray = leaf("a100e", "GPUs owned", "§2 '3.5 B buys'")
    gpus_on_order_a100e: np.ndarray = hidden("a100e", "GPUs on order, by quarters until delivery ([:, 0] arrives next quarter)")
    gpu_book_value_usd: np.ndarray = hidden("usd", "Book value of the owned GPUs, depreciated over their lifetime")
    gpus_rented_a100e: np.ndarray = leaf("a100e", "GPUs rented", "§2 'inference cluster'")
    service_quality: np.ndarray = leaf("share", "Service: share of demand served", "§2 'GPU shortage'")
    serving_hours_needed: np.ndarray = leaf("a100e_hours", "GPU-hours the quarter's demand needed", "§2 'check: 350,000 x 1.30 $ x 8,760 h'")
    serving_tokens_per_a100e_hour: np.ndarray = leaf("tokens_per_a100e_hour", "Serving throughput", "§2 'cost cutting'")
    gpu_squeeze: np.ndarray = leaf("share", "GPU shortage (0 none, fading by half a quarter)", "§2 'GPU shortage'")


@dataclass(frozen=True)
class Flows:
    inference_cost_usd: np.ndarray = leaf("usd", "Inference", "§2 \"partner's price for that cluster\"")
    idle_capacity_cost_usd: np.ndarray = leaf("usd", "Idle GPUs", "§2 'check: 350,000 x 1.30 $ x 8,760 h'")
    utilisation: np.ndarray = leaf("share", "Utilisation of the paid GPU-hours", "§2 'check: 350,000 x 1.30 $ x 8,760 h'")
    depreciation_usd: np.ndarray = leaf("usd", "Depreciation of owned GPUs", "§2 '3.5 B buys'")
    capex_usd: np.ndarray = leaf("usd", "GPUs bought", "§2 '3.5 B buys'")


@dataclass(frozen=True)
class GpuMarket:
    """What the GPU market offers this lab this quarter, a shortage included."""

    gpu_price_usd_per_a100e: np.ndarray
    max_gpu_purchase_a100e: np.ndarray
    rent_price_usd_per_a100e_hour: np.ndarray
    max_gpu_rent_a100e: np.ndarray


@dataclass(frozen=True)
class Fleet:
    owned_a100e: np.ndarray
    on_order_a100e: np.ndarray
    book_value_usd: np.ndarray
    depreciation_usd: np.ndarray
    capex_usd: np.ndarray
    owned_training_hours: np.ndarray  # owned GPU-hours kept for training
    squeeze: np.ndarray  # next quarter's shortage


@dataclass(frozen=True)
class Serving:
    state: State
    flows: Flows
    rent_bill_usd: np.ndarray  # what the cloud bills for the rented hours
    owned_training_cost_usd: np.ndarray  # running cost of the owned GPU-hours kept for training


def initial(sc: Scenario, batch: int, tokens_before: float) -> State:
    """`tokens_before`: the quarter before the game's demand, so that a strategy can size its
    first rent from real demand."""
    c, full = sc.company, lambda v: np.full(batch, float(v))  # noqa: E731
    throughput_before = sc.compute.serving_tokens_per_a100e_hour / (1.0 + sc.compute.serving_efficiency_gain_per_quarter)
    return State(
        gpus_owned_a100e=full(c.gpus_owned_a100e),
        gpus_on_order_a100e=np.zeros((batch, MAX_LEAD_TIME), order="F"),
        gpu_book_value_usd=full(c.gpus_owned_a100e * sc.compute.purchase_price_usd_per_a100e),
        gpus_rented_a100e=full(c.gpus_rented_a100e),
        service_quality=full(1.0),
        serving_hours_needed=full(tokens_before / throughput_before),
        serving_tokens_per_a100e_hour=full(sc.compute.serving_tokens_per_a100e_hour),
        gpu_squeeze=full(sc.world.gpu_squeeze_start),
    )


def gpu_market(*, squeeze: np.ndarray, quarter: int, params: Params) -> GpuMarket:
    """A shortage cuts what can be bought and rented, and raises both prices."""
    return GpuMarket(
        gpu_price_usd_per_a100e=params.purchase_price_usd_per_a100e[quarter] * (1.0 + squeeze),
        max_gpu_purchase_a100e=(1.0 - squeeze) * params.purchase_supply_a100e[quarter],
        rent_price_usd_per_a100e_hour=params.rent_price_usd_per_a100e_hour[quarter] * (1.0 + params.squeeze_on_rent * squeeze),
        max_gpu_rent_a100e=(1.0 - params.squeeze_on_rent * squeeze) * params.rent_supply_a100e[quarter],
    )


def advance_fleet(*, state: State, gpu_purchase_a100e: np.ndarray, gpu_price_usd_per_a100e: np.ndarray,
                  training_share: np.ndarray, squeeze_hit: np.ndarray, params: Params) -> Fleet:
    """Deliveries arrive, old GPUs retire, new orders join the queue at the lead time."""
    on_order, book = state.gpus_on_order_a100e, state.gpu_book_value_usd
    retire_rate = 1.0 / params.gpu_lifetime_quarters
    arrived = on_order[:, 0]
    queue = np.concatenate([on_order[:, 1:], np.zeros_like(on_order[:, :1])], axis=1)
    lead = params.lead_time_quarters
    capex = gpu_purchase_a100e * gpu_price_usd_per_a100e
    if lead == 0:
        arrived = arrived + gpu_purchase_a100e
    else:
        queue[:, lead - 1] += gpu_purchase_a100e
    depreciation = book * retire_rate
    owned = state.gpus_owned_a100e * (1.0 - retire_rate) + arrived
    return Fleet(
        owned_a100e=owned,
        on_order_a100e=queue,
        book_value_usd=book - depreciation + capex,
        depreciation_usd=depreciation,
        capex_usd=capex,
        owned_training_hours=owned * HOURS_PER_QUARTER * training_share,
        squeeze=np.clip(params.squeeze_fade_per_quarter * state.gpu_squeeze + squeeze_hit, 0.0, params.max_squeeze),
    )


def serve(*, state: State, fleet: Fleet, tokens_wanted: np.ndarray, small_model_tokens_wanted: np.ndarray,
          small_model_cost_ratio: np.ndarray, gpu_rent_a100e: np.ndarray, training_share: np.ndarray,
          capacity_loss: np.ndarray, rent_price_usd_per_a100e_hour: np.ndarray, model_work: np.ndarray,
          engineering_factor: np.ndarray, params: Params) -> Serving:
    """Serve what capacity allows (an outage takes a share of it, and too few engineers
    keep part of the fleet from serving); price each used hour at the fleet's blended rate.
    The small model's tokens need `small_model_cost_ratio` of a flagship token's GPU time.
    Demand beyond capacity is lost, and degrades the service."""
    owned_rate = params.owned_running_cost_usd_per_a100e_hour
    owned_hours = fleet.owned_a100e * (1.0 - capacity_loss) * HOURS_PER_QUARTER
    owned_training_hours = owned_hours * training_share
    owned_serving_hours = owned_hours - owned_training_hours
    rented_hours = gpu_rent_a100e * (1.0 - capacity_loss) * HOURS_PER_QUARTER
    fleet_hours = owned_serving_hours + rented_hours
    rent_bill = rented_hours * rent_price_usd_per_a100e_hour
    fleet_cost = owned_serving_hours * owned_rate + rent_bill
    usable = fleet_hours * params.max_utilisation * engineering_factor
    throughput = state.serving_tokens_per_a100e_hour
    needed = (tokens_wanted - small_model_tokens_wanted * (1.0 - small_model_cost_ratio)) / throughput
    used = np.minimum(needed, usable)
    # No demand is perfect service; an empty fleet costs nothing (cost and hours are both 0).
    quality = np.minimum(used / np.maximum(needed, 1e-9), 1.0) + (needed <= 0)
    blended = fleet_cost / np.maximum(fleet_hours, 1e-9)
    inference = used * blended
    return Serving(
        state=State(
            gpus_owned_a100e=fleet.owned_a100e,
            gpus_on_order_a100e=fleet.on_order_a100e,
            gpu_book_value_usd=fleet.book_value_usd,
            gpus_rented_a100e=gpu_rent_a100e.astype(np.float64),
            service_quality=quality,
            serving_hours_needed=needed,
            # Model work (distillation, re-architecture) makes next quarter's serving cheaper.
            serving_tokens_per_a100e_hour=throughput * (1.0 + params.serving_efficiency_gain_per_quarter * model_work),
            gpu_squeeze=fleet.squeeze,
        ),
        flows=Flows(
            inference_cost_usd=inference,
            idle_capacity_cost_usd=fleet_cost - inference,
            utilisation=used / np.maximum(fleet_hours, 1e-9),
            depreciation_usd=fleet.depreciation_usd,
            capex_usd=fleet.capex_usd,
        ),
        rent_bill_usd=rent_bill,
        owned_training_cost_usd=owned_training_hours * owned_rate,
    )
