"""Compute: the GPU fleet (owned and rented), serving capacity and what serving costs.

Facts rows: §2 "inference cluster" and "partner's price for that cluster" (rented at
1.30 $/A100-hour), §2 "3.5 B buys" (purchase price per A100e), §2 "GPU shortage" (lead
times, degraded service), §2 "outlook" and "cost cutting" (throughput per GPU rises).
Inference cost = tokens served / throughput x $ per GPU-hour; idle rented or owned hours
are reported apart as idle capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.params import HOURS_PER_QUARTER, Params


@dataclass(frozen=True)
class Fleet:
    owned_a100e: np.ndarray
    on_order_a100e: np.ndarray
    book_value_usd: np.ndarray
    depreciation_usd: np.ndarray
    capex_usd: np.ndarray


def advance_fleet(owned, on_order, book, purchase_a100e, gpu_price, params: Params) -> Fleet:
    """Deliveries arrive, old GPUs retire, new orders join the queue at the lead time."""
    retire_rate = 1.0 / params.gpu_lifetime_quarters
    arrived = on_order[:, 0]
    queue = np.concatenate([on_order[:, 1:], np.zeros_like(on_order[:, :1])], axis=1)
    lead = params.lead_time_quarters
    capex = purchase_a100e * gpu_price
    if lead == 0:
        arrived = arrived + purchase_a100e
    else:
        queue[:, lead - 1] += purchase_a100e
    depreciation = book * retire_rate
    return Fleet(
        owned_a100e=owned * (1.0 - retire_rate) + arrived,
        on_order_a100e=queue,
        book_value_usd=book - depreciation + capex,
        depreciation_usd=depreciation,
        capex_usd=capex,
    )


@dataclass(frozen=True)
class Serving:
    hours_needed: np.ndarray
    quality: np.ndarray  # served / demanded
    inference_cost_usd: np.ndarray
    idle_capacity_cost_usd: np.ndarray
    owned_training_hours: np.ndarray
    owned_training_cost_usd: np.ndarray
    utilisation: np.ndarray


def serve(tokens_demanded, throughput, owned_a100e, rented_a100e, training_share, rent_price, params: Params) -> Serving:
    """Serve what capacity allows; price each used hour at the fleet's blended rate."""
    owned_rate = params.owned_running_cost_usd_per_a100e_hour
    owned_hours = owned_a100e * HOURS_PER_QUARTER
    owned_training_hours = owned_hours * training_share
    owned_serving_hours = owned_hours - owned_training_hours
    rented_hours = rented_a100e * HOURS_PER_QUARTER
    fleet_hours = owned_serving_hours + rented_hours
    fleet_cost = owned_serving_hours * owned_rate + rented_hours * rent_price
    usable = fleet_hours * params.max_utilisation
    needed = tokens_demanded / throughput
    used = np.minimum(needed, usable)
    # No demand is perfect service; an empty fleet costs nothing (cost and hours are both 0).
    quality = np.minimum(used / np.maximum(needed, 1e-9), 1.0) + (needed <= 0)
    blended = fleet_cost / np.maximum(fleet_hours, 1e-9)
    inference = used * blended
    return Serving(
        hours_needed=needed,
        quality=quality,
        inference_cost_usd=inference,
        idle_capacity_cost_usd=fleet_cost - inference,
        owned_training_hours=owned_training_hours,
        owned_training_cost_usd=owned_training_hours * owned_rate,
        utilisation=used / np.maximum(fleet_hours, 1e-9),
    )
