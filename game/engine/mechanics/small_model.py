"""The small model: distilled from the flagship, cheaper per token, and the player's to put
on the free tier.

Facts rows: §2 "cost cutting" (small models are the industry's cost lever), §3 "small
model API price (2024)" against "newer flagship API price" (0.15 / 0.60 $ against 5 / 15 $
per M tokens: about a thirtieth of the cost), §3 "paid conversion" (with a cheaper
free-tier model, lifting the paid share is the way to profit), §1 "most users are on the
free tier", §4 "the way out" (cut cost with small models).

Two numbers describe the small model: how far its capability is behind the flagship's
(in the flagship's units, log10 of training compute) and its serving cost per token as a
share of the flagship's. Distillation spend closes part of both gaps to their floors each
quarter; a new flagship opens the capability gap again (the small model was distilled
from the old one). Payers always get the flagship. The share of free users' tokens the
small model serves is a decision: it saves GPUs, and it makes paying worth more (more
free users convert), but the free tier is then worse than the flagship (fewer users come).
Routing sends the easiest questions to the small model first, so what free users feel is
the gap times the share squared: a little routing costs almost nothing, all of it costs
the whole gap, while the GPUs saved grow in step with the share. The best share is
usually inside the range, and moves with how good distillation has made the small model
and with how scarce GPUs are (benchmarks/grid.py measures it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel import portable_math as pm
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import leaf
from game.models.scenario import Scenario


@dataclass(frozen=True)
class Params:
    capability_behind_floor: float
    cost_ratio_floor: float
    distillation_step_share_of_flagship: float
    conversion_gain_per_capability_behind: float
    users_loss_per_capability_behind: float
    rollout_per_quarter: float

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        return from_sections(cls, sc.small_model)


@dataclass(frozen=True)
class State:
    capability_behind: np.ndarray = leaf("log10_a100e_hours", "Small model: capability behind the flagship", "§2 'cost cutting'", name="small_model_capability_behind")
    cost_ratio: np.ndarray = leaf("share", "Small model: serving cost per token, share of the flagship's", "§3 'small model API price (2024)'", name="small_model_cost_ratio")
    free_tier_small_model_share: np.ndarray = leaf("share", "Free users' tokens meant for the small model (the decision), last quarter", "§3 'paid conversion'")
    free_tier_small_model_routed: np.ndarray = leaf("share", "Free users' tokens the small model served, last quarter (routing follows the decision part of the way each quarter)", "§2 'cost cutting'")
    distillation_budget_usd: np.ndarray = leaf("usd", "Distillation budget, last quarter", "§4 'the way out'")


@dataclass(frozen=True)
class Flows:
    distillation_usd: np.ndarray = leaf("usd", "Distillation", "§2 'cost cutting'")
    free_tier_capability_behind: np.ndarray = leaf("log10_a100e_hours", "How far behind payers free users feel (the gap x the share on the small model, squared)", "§3 'paid conversion'")


@dataclass(frozen=True)
class Distilled:
    state: State
    flows: Flows
    free_tier_behind: np.ndarray  # capability free users feel they are behind the flagship
    routed: np.ndarray  # share of free users' tokens the small model serves this quarter


def initial(sc: Scenario, batch: int) -> State:
    s, full = sc.small_model, lambda v: np.full(batch, float(v))  # noqa: E731
    return State(
        capability_behind=full(s.capability_behind_start),
        cost_ratio=full(s.cost_ratio_start),
        free_tier_small_model_share=full(0.0),
        free_tier_small_model_routed=full(0.0),
        distillation_budget_usd=full(0.0),
    )


def advance(*, state: State, distillation_budget_usd: np.ndarray, free_tier_small_model_share: np.ndarray,
            launch_gain: np.ndarray, flagship_cost_usd: np.ndarray, engineering_factor: np.ndarray,
            params: Params) -> Distilled:
    """A new flagship leaves the small model further behind; distillation closes part of
    each gap to its floor (1 - e^-spend/step of it: the first dollars do the most), as far
    as there are engineers to do the work. A step costs a share of the flagship's own
    training cost (`flagship_cost_usd`, at this quarter's compute price): distilling a
    bigger teacher costs more, in any size of lab."""
    behind = state.capability_behind + launch_gain
    step_usd = params.distillation_step_share_of_flagship * flagship_cost_usd
    progress = 1.0 - pm.exp(-distillation_budget_usd * engineering_factor / step_usd)
    behind = behind - progress * np.maximum(behind - params.capability_behind_floor, 0.0)
    ratio = state.cost_ratio - progress * np.maximum(state.cost_ratio - params.cost_ratio_floor, 0.0)
    # Re-routing a product's traffic is rolled out, not flipped: a share of the way a quarter
    # (so a last-quarter switch harvests only part of the saving).
    routed = state.free_tier_small_model_routed + params.rollout_per_quarter * (
        free_tier_small_model_share - state.free_tier_small_model_routed)
    free_tier_behind = routed * routed * behind
    return Distilled(
        state=State(
            capability_behind=behind,
            cost_ratio=ratio,
            free_tier_small_model_share=free_tier_small_model_share.astype(np.float64),
            free_tier_small_model_routed=routed,
            distillation_budget_usd=distillation_budget_usd.astype(np.float64),
        ),
        flows=Flows(distillation_usd=distillation_budget_usd.astype(np.float64), free_tier_capability_behind=free_tier_behind),
        free_tier_behind=free_tier_behind,
        routed=routed,
    )


def upgrade_pull(*, free_tier_behind: np.ndarray, params: Params) -> np.ndarray:
    """Paid conversion's multiple when the free tier gets less than payers: what paying adds."""
    return pm.exp(params.conversion_gain_per_capability_behind * free_tier_behind)


def free_tier_penalty(*, free_tier_behind: np.ndarray, params: Params) -> np.ndarray:
    """What a weaker free tier costs the lab's pull on users (logit units)."""
    return params.users_loss_per_capability_behind * free_tier_behind
