"""Revenue: what the served demand pays, less the cloud partner's share.

Facts rows: §1 'ChatGPT subscription revenue' (11 M subscribers x 20 $/month ~ 200 M a
month), §1 'API revenue' (above 80 M a month), §1 'enterprise use' (the rest: companies'
seats on the chatbot), §4 "a rival's economics, 2024" (800 M gross, 400-600 M after the
cloud investor's share). Only what was served pays: demand beyond capacity is lost
(compute's service quality).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.periods import MONTHS_PER_QUARTER
from game.engine.kernel.tree import leaf
from game.models.scenario import Scenario

TOKENS_PER_MTOK = 1e6  # API prices are per million tokens


@dataclass(frozen=True)
class State:
    subscribers: np.ndarray = leaf("people", "Paying subscribers", "§1 'ChatGPT subscription revenue'")
    enterprise_seats: np.ndarray = leaf("seats", "Business seats (companies paying per seat)", "§1 'enterprise use'")
    subscription_price_usd_per_month: np.ndarray = leaf("usd_per_month", "Subscription price", "§3 'consumer subscription'")
    api_price_usd_per_mtok: np.ndarray = leaf("usd_per_mtok", "API price", "§3 'newer flagship API price'")


@dataclass(frozen=True)
class Flows:
    revenue_usd: np.ndarray = leaf("usd", "Revenue (after the partner's share)", "§1 '2024 revenue (expected)'")
    gross_revenue_usd: np.ndarray = leaf("usd", "Revenue before the partner's share", "§4 \"a rival's economics, 2024\"")
    subscription_revenue_usd: np.ndarray = leaf("usd", "Subscription revenue", "§1 'ChatGPT subscription revenue'")
    api_revenue_usd: np.ndarray = leaf("usd", "API revenue", "§1 'API revenue'")
    enterprise_revenue_usd: np.ndarray = leaf("usd", "Business seats revenue", "§1 'enterprise use'")
    api_tokens_served: np.ndarray = leaf("tokens", "API tokens served", "§1 'API revenue'")
    subscribers_unserved: np.ndarray = leaf("people", "Subscribers lost to capacity (wanted, not served)", "§2 'GPU shortage'")


@dataclass(frozen=True)
class Sales:
    state: State
    flows: Flows


def initial(sc: Scenario, batch: int) -> State:
    c, full = sc.company, lambda v: np.full(batch, float(v))  # noqa: E731
    # Business seats start where our share of users puts them (companies follow their staff).
    return State(subscribers=full(c.subscribers), enterprise_seats=full(sc.market.enterprise_seats_start * c.consumer_share),
                 subscription_price_usd_per_month=full(c.subscription_price_usd_per_month),
                 api_price_usd_per_mtok=full(c.api_price_usd_per_mtok))


def advance(*, subscribers_wanted: np.ndarray, enterprise_seats_wanted: np.ndarray, api_tokens_wanted: np.ndarray,
            service_quality: np.ndarray, subscription_price_usd_per_month: np.ndarray,
            enterprise_seat_price_multiple: float, api_price_usd_per_mtok: np.ndarray, revenue_share: np.ndarray) -> Sales:
    """Served subscribers x price x 3 months + served business seats x seat price x 3 months
    + served API tokens x price, less the partner's share."""
    subscribers = subscribers_wanted * service_quality
    seats = enterprise_seats_wanted * service_quality
    api_tokens = api_tokens_wanted * service_quality
    gross_subscriptions = subscribers * subscription_price_usd_per_month * MONTHS_PER_QUARTER
    gross_seats = seats * (enterprise_seat_price_multiple * subscription_price_usd_per_month) * MONTHS_PER_QUARTER
    gross_api = api_tokens * api_price_usd_per_mtok / TOKENS_PER_MTOK
    kept = 1.0 - revenue_share
    subscription_revenue = gross_subscriptions * kept
    enterprise_revenue = gross_seats * kept
    api_revenue = gross_api * kept
    return Sales(
        state=State(subscribers=subscribers, enterprise_seats=seats,
                    subscription_price_usd_per_month=subscription_price_usd_per_month.astype(np.float64),
                    api_price_usd_per_mtok=api_price_usd_per_mtok.astype(np.float64)),
        flows=Flows(revenue_usd=subscription_revenue + enterprise_revenue + api_revenue,
                    gross_revenue_usd=gross_subscriptions + gross_seats + gross_api,
                    subscription_revenue_usd=subscription_revenue, api_revenue_usd=api_revenue,
                    enterprise_revenue_usd=enterprise_revenue, api_tokens_served=api_tokens,
                    subscribers_unserved=subscribers_wanted - subscribers),
    )
