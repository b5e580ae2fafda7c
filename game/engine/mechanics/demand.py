"""Demand: the growing markets, how users and developers choose a lab, paid conversion.

Facts rows: §6 "industry life cycle" (logistic market growth), §1 "share of traffic"
(60% at the start), §1 "most users are on the free tier", §3 "consumer subscription" and
"paid conversion" (conversion falls with price, rises with capability), §3 "flagship /
newer flagship API price" and §6 "open models" (developers weigh price against rivals').
"""

from __future__ import annotations

import numpy as np

from game.engine.kernel.arrays import row_sum
from game.engine.kernel import portable_math as pm
from game.engine.kernel.rng import QuarterDraws
from game.engine.params import Params


def grow_markets(consumer_users, api_tokens, params: Params, draws: QuarterDraws):
    """Logistic growth toward each market's ceiling, with one shared shock per game."""
    shock = 1.0 + params.demand_noise_sd * draws.centered("market/growth")
    consumer = consumer_users * (
        1.0 + params.consumer_growth_per_quarter * shock * (1.0 - consumer_users / params.consumer_users_ceiling)
    )
    api = api_tokens * (
        1.0 + params.api_growth_per_quarter * shock * (1.0 - api_tokens / params.api_tokens_ceiling_per_quarter)
    )
    return consumer, api


def _shares(ours: np.ndarray, theirs: np.ndarray, active: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Logit shares (ours, rivals') from utilities, measured from our own to keep exp() small.
    Rivals not in the market (failed, bought, not yet founded) get none."""
    z = pm.exp(theirs - ours[:, None])
    z *= active  # 6x cheaper than np.where on (B, R)
    ours_share = 1.0 / (1.0 + row_sum(z))
    return ours_share, z * ours_share[:, None]


def sticky(share: np.ndarray, target: np.ndarray, stickiness: float) -> np.ndarray:
    """Users move only part of the way toward where attractiveness would put them."""
    return share + stickiness * (target - share)


def consumer_attractiveness_shares(capability, log_quality, generosity, brand_shift, rival_capability, rival_active,
                                   params: Params):
    """Target shares of the chatbot market: (ours, rivals')."""
    w = params.capability_weight_consumer
    ours = (
        w * capability
        + params.scenario.company.brand_consumer
        + brand_shift
        + params.reliability_weight * log_quality
        + params.generosity_weight * pm.log(generosity)
    )
    theirs = w * rival_capability + params.rival_brand_consumer
    return _shares(ours, theirs, rival_active)


def api_attractiveness_shares(capability, log_quality, price, rival_capability, rival_price, rival_active,
                              params: Params):
    """Target shares of the API market, (ours, rivals'): capability, brand, reliability, price."""
    w, wp, ref = params.capability_weight_api, params.api_price_weight, params.api_reference_price_usd_per_mtok
    ours = (
        w * capability
        + params.scenario.company.brand_api
        - wp * pm.log(price / ref)
        + params.reliability_weight * log_quality
    )
    theirs = w * rival_capability + params.rival_brand_api - wp * pm.log(rival_price / ref)
    return _shares(ours, theirs, rival_active)


def api_tokens_demanded(market_tokens, our_share, average_price, params: Params):
    """Our tokens this quarter: the market at the going price times our share."""
    ref = params.api_reference_price_usd_per_mtok
    return market_tokens * pm.power(average_price / ref, -params.api_market_price_elasticity) * our_share


def paid_conversion(price, generosity, capability, capability_start, best_rival_capability, params: Params):
    """Share of monthly users who pay: lower at higher prices and with a generous free tier,
    higher as models improve, and lower when a rival's model is better than ours."""
    ref = params.subscription_reference_price_usd_per_month
    return np.minimum(
        params.paid_conversion_at_reference
        * pm.exp(-params.subscription_price_elasticity * pm.log(price / ref)
                 - 0.5 * pm.log(generosity)
                 + params.conversion_gain_per_capability * (capability - capability_start)
                 - params.conversion_loss_per_capability_behind
                 * np.maximum(best_rival_capability - capability - params.conversion_tolerance, 0.0)),
        0.9,
    )


def consumer_tokens(users, subscribers, generosity, params: Params):
    """Tokens the chatbot serves in a quarter: free users (scaled by generosity) and payers."""
    free = np.maximum(users - subscribers, 0.0)
    per_month = free * params.free_user_tokens_per_month * generosity + subscribers * params.paid_user_tokens_per_month
    return 3.0 * per_month
