"""Demand: the growing markets, how users and developers choose a lab, paid conversion.

Facts rows: §6 "industry life cycle" (logistic market growth), §1 "share of traffic"
(60% at the start), §1 "most users are on the free tier", §3 "consumer subscription" and
"paid conversion" (conversion falls with price, rises with capability), §3 "flagship /
newer flagship API price" and §6 "open models" (developers weigh price against rivals').

Each quarter the markets grow, then users and developers move part of the way toward the
shares the labs' attractiveness (capability, brand, service, free tier, price) would give
them, and a share of users wants to pay. What is served of that demand is up to compute.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel import portable_math as pm
from game.engine.kernel.arrays import repeat_row, row_max, row_sum
from game.engine.kernel.periods import MONTHS_PER_QUARTER
from game.engine.kernel.rng import QuarterDraws
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import hidden, leaf
from game.engine.mechanics.events import EffectTotals
from game.engine.mechanics.training import capability_of
from game.models.scenario import Scenario

WORST_SERVICE_COUNTED = 1e-3  # ln(quality) needs a floor: no service at all counts as 0.1%


@dataclass(frozen=True)
class Params:
    consumer_growth_per_quarter: float
    consumer_users_ceiling: float
    api_growth_per_quarter: float
    api_tokens_ceiling_per_quarter: float
    demand_noise_sd: float
    max_paid_conversion: float
    conversion_generosity_elasticity: float
    brand_fade_per_quarter: float
    outage_brand_loss: float
    enterprise_growth_per_quarter: float
    enterprise_seats_ceiling: float
    enterprise_stickiness: float
    enterprise_seat_price_multiple: float  # (read by revenue: a seat pays this x the subscription price)
    api_reference_price_usd_per_mtok: float
    api_market_price_elasticity: float
    api_price_weight: float
    subscription_reference_price_usd_per_month: float
    paid_conversion_at_reference: float
    subscription_price_scale_usd_per_month: float
    conversion_gain_per_capability: float
    conversion_loss_per_capability_behind: float
    conversion_tolerance: float
    capability_weight_consumer: float
    capability_weight_api: float
    reliability_weight: float
    generosity_weight: float
    share_stickiness: float
    subscriber_stickiness: float
    free_user_daily_share: float
    paid_user_daily_share: float
    free_tokens_per_daily_user_per_month: float
    paid_tokens_per_daily_user_per_month: float
    brand_consumer: float  # the lab's own taste terms (logit units)
    brand_api: float
    rival_brand_consumer: np.ndarray  # (R,)
    rival_brand_api: np.ndarray  # (R,)
    capability_start: float  # conversion rises with capability gained since the start

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        return from_sections(
            cls, sc.market, sc.company,
            rival_brand_consumer=np.asarray([r.brand_consumer for r in sc.rivals], dtype=np.float64),
            rival_brand_api=np.asarray([r.brand_api for r in sc.rivals], dtype=np.float64),
            capability_start=float(capability_of(sc.company.flagship_training_cost_usd,
                                                 sc.compute.training_price_usd_per_a100e_hour)),
        )


@dataclass(frozen=True)
class State:
    consumer_market_users: np.ndarray = leaf("users", "AI chatbot users, all labs", "§1 'monthly active users', §6 'industry life cycle'")
    api_market_tokens_per_quarter: np.ndarray = leaf("tokens", "API market at the reference price, tokens a quarter", "§6 'a cloud's AI revenue'")
    enterprise_market_seats: np.ndarray = leaf("seats", "Business seats on all labs' chatbots", "§1 'enterprise use'")
    consumer_share: np.ndarray = leaf("share", "Your share of chatbot users", "§1 'share of traffic'", name="market_share")
    api_share: np.ndarray = leaf("share", "Your share of API tokens", "§1 'API revenue'")
    rival_consumer_share: np.ndarray = leaf("share", "Rivals' shares of chatbot users", "§1 'share of traffic'", name="rival_market_share", table="rivals")
    rival_api_share: np.ndarray = leaf("share", "Rivals' shares of API tokens", "§3 'capability race'", table="rivals")
    monthly_active_users: np.ndarray = leaf("users", "Your monthly active users", "§1 'monthly active users'")
    daily_active_users: np.ndarray = leaf("users", "Your daily active users (tokens follow daily use)", "§1 'most users are on the free tier'")
    brand_shift: np.ndarray = leaf("logit", "Brand moved by incidents and deals (fading)", "§3 'rushed launch', §4 'mega-raise'")


@dataclass(frozen=True)
class Flows:
    paid_conversion: np.ndarray = leaf("share", "Users who want to pay", "§3 'paid conversion'")
    average_api_price_usd_per_mtok: np.ndarray = leaf("usd_per_mtok", "Average API price in the market", "§6 'open models'")


@dataclass(frozen=True)
class Markets:
    """The quarter's market sizes, grown and moved by events."""

    consumer_users: np.ndarray
    api_tokens_per_quarter: np.ndarray
    enterprise_seats: np.ndarray


@dataclass(frozen=True)
class Choice:
    """Where users and developers went, and what they want served."""

    state: State
    flows: Flows
    subscribers_wanted: np.ndarray
    enterprise_seats_wanted: np.ndarray
    api_tokens_wanted: np.ndarray
    tokens_wanted: np.ndarray  # all of them, the small model's included
    small_model_tokens_wanted: np.ndarray  # free users' tokens the small model serves


def initial(sc: Scenario, batch: int) -> State:
    c, full = sc.company, lambda v: np.full(batch, float(v))  # noqa: E731
    free_daily, paid_daily = daily_users(full(c.monthly_active_users), full(c.subscribers), 1.0, sc.market)
    return State(
        consumer_market_users=full(sc.market.consumer_users_start),
        api_market_tokens_per_quarter=full(sc.market.api_tokens_per_quarter_start),
        enterprise_market_seats=full(sc.market.enterprise_seats_start),
        consumer_share=full(c.consumer_share),
        api_share=full(c.api_share),
        rival_consumer_share=repeat_row([r.consumer_share for r in sc.rivals], batch),
        rival_api_share=repeat_row([r.api_share for r in sc.rivals], batch),
        monthly_active_users=full(c.monthly_active_users),
        daily_active_users=free_daily + paid_daily,
        brand_shift=full(0.0),
    )


def grow_markets(*, state: State, hit: EffectTotals, draws: QuarterDraws, params: Params) -> Markets:
    """Logistic growth toward each market's ceiling, with one shared shock per game, then
    the quarter's events (a phone deal, an enterprise boom, forecasts cut). Business seats
    are bought by the same companies that buy tokens: the API market's events move them too."""
    shock = 1.0 + params.demand_noise_sd * draws.centered("market/growth")
    users, tokens, seats = state.consumer_market_users, state.api_market_tokens_per_quarter, state.enterprise_market_seats
    consumer = users * (1.0 + params.consumer_growth_per_quarter * shock * (1.0 - users / params.consumer_users_ceiling))
    api = tokens * (1.0 + params.api_growth_per_quarter * shock * (1.0 - tokens / params.api_tokens_ceiling_per_quarter))
    business = seats * (1.0 + params.enterprise_growth_per_quarter * shock * (1.0 - seats / params.enterprise_seats_ceiling))
    return Markets(consumer_users=consumer * (1.0 + hit.consumer_market), api_tokens_per_quarter=api * (1.0 + hit.api_market),
                   enterprise_seats=business * (1.0 + hit.api_market))


def _shares(ours: np.ndarray, theirs: np.ndarray, active: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Logit shares (ours, rivals') from utilities, measured from our own to keep exp() small.
    Rivals not in the market (failed, bought, not yet founded) get none."""
    z = pm.exp(theirs - ours[:, None])
    z *= active  # (a multiplication costs less than np.where on (B, R))
    ours_share = 1.0 / (1.0 + row_sum(z))
    return ours_share, z * ours_share[:, None]


def rehomed(ours: np.ndarray, theirs: np.ndarray, active: np.ndarray, target: np.ndarray,
            rivals_target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Last quarter's shares (ours, rivals') with the users of labs no longer in the market
    gone over at once to those still in it, as their attractiveness shares them out: a lab
    that left keeps no users (stickiness is loyalty to a service that still runs)."""
    orphaned = row_sum(theirs * ~active)
    return ours + orphaned * target, theirs * active + orphaned[:, None] * rivals_target


def sticky(share: np.ndarray, target: np.ndarray, stickiness: float) -> np.ndarray:
    """Users move only part of the way toward where attractiveness would put them."""
    return share + stickiness * (target - share)


def choose(*, state: State, markets: Markets, subscribers_before: np.ndarray, enterprise_seats_before: np.ndarray,
           capability: np.ndarray,
           service_quality: np.ndarray, rival_capability: np.ndarray, rival_price_usd_per_mtok: np.ndarray,
           rival_active: np.ndarray, free_tier_generosity: np.ndarray, subscription_price_usd_per_month: np.ndarray,
           api_price_usd_per_mtok: np.ndarray, brand_hit: np.ndarray, incident_brand: np.ndarray,
           deal_brand_cost: np.ndarray, go_to_market_factor: np.ndarray, free_tier_small_model_share: np.ndarray,
           free_tier_penalty: np.ndarray, upgrade_pull: np.ndarray, params: Params) -> Choice:
    """Users and developers choose among labs (sticky), remembering last quarter's service:
    demand left unserved marks the brand for years (it fades like any mark), on top of
    the users the shortfall itself turns away. Most users are on the free tier: a free
    tier partly on the small model pulls fewer of them (`free_tier_penalty`, logit) and
    makes paying worth more (`upgrade_pull`, a multiple of paid conversion)."""
    # (squared: a mild shortage costs little brand, a whole quarter down costs it all)
    unserved = 1.0 - np.minimum(service_quality, 1.0)
    outage = params.outage_brand_loss * unserved * unserved
    brand_shift = params.brand_fade_per_quarter * state.brand_shift + brand_hit + incident_brand - deal_brand_cost - outage
    stick = params.share_stickiness
    log_quality = pm.log(np.maximum(service_quality, WORST_SERVICE_COUNTED))
    log_generosity = pm.log(free_tier_generosity)

    w = params.capability_weight_consumer
    ours = (w * capability - free_tier_penalty + params.brand_consumer + brand_shift + params.reliability_weight * log_quality
            + params.generosity_weight * log_generosity)
    target, rivals_target = _shares(ours, w * rival_capability + params.rival_brand_consumer, rival_active)
    before, rivals_before = rehomed(state.consumer_share, state.rival_consumer_share, rival_active, target, rivals_target)
    consumer_share = sticky(before, target, stick)
    rival_consumer_share = sticky(rivals_before, rivals_target, stick)

    w, wp, ref = params.capability_weight_api, params.api_price_weight, params.api_reference_price_usd_per_mtok
    ours = w * capability + params.brand_api - wp * pm.log(api_price_usd_per_mtok / ref) + params.reliability_weight * log_quality
    theirs = w * rival_capability + params.rival_brand_api - wp * pm.log(rival_price_usd_per_mtok / ref)
    target, rivals_target = _shares(ours, theirs, rival_active)
    before, rivals_before = rehomed(state.api_share, state.rival_api_share, rival_active, target, rivals_target)
    # Developers who find our tokens too dear move their traffic within the quarter; those
    # we attract come over with a lag (the rivals fill what we lose only as fast).
    api_share = np.where(target < before, target, sticky(before, target, stick))
    rival_api_share = sticky(rivals_before, rivals_target, stick)
    average_api_price = api_share * api_price_usd_per_mtok + row_sum(rival_api_share * rival_price_usd_per_mtok)

    users = markets.consumer_users * consumer_share
    best_rival = row_max(np.where(rival_active, rival_capability, -np.inf))
    willing = paid_conversion(price=subscription_price_usd_per_month, log_generosity=log_generosity,
                              capability=capability, best_rival_capability=best_rival, params=params)
    conversion = np.minimum(go_to_market_factor * upgrade_pull * willing, params.max_paid_conversion)
    # Those who stop wanting to pay cancel within the quarter; new payers come with a lag.
    paying = users * conversion
    subscribers_wanted = np.where(paying < subscribers_before, paying,
                                  sticky(subscribers_before, paying, params.subscriber_stickiness))
    # Companies buy seats on the chatbot their staff already use (our share of users, which
    # follows the models), from a lab with people to sell to them, and answer the seat price
    # and the free tier as subscribers do (a free tier good enough for work is one fewer
    # reason to pay); seats given up go at once, new ones come as contracts are signed.
    seats = (markets.enterprise_seats * consumer_share * go_to_market_factor
             * price_response(subscription_price_usd_per_month, params)
             * pm.exp(-params.conversion_generosity_elasticity * log_generosity))
    enterprise_seats_wanted = np.where(seats < enterprise_seats_before, seats,
                                       sticky(enterprise_seats_before, seats, params.enterprise_stickiness))
    api_wanted = (markets.api_tokens_per_quarter * pm.power(average_api_price / ref, -params.api_market_price_elasticity)
                  * api_share * go_to_market_factor)
    free_daily, paid_daily = daily_users(users, subscribers_wanted, free_tier_generosity, params)
    # (a business seat is used as a paid one is: the flagship, most days)
    free_tokens, paid_tokens = consumer_tokens(free_daily, paid_daily + enterprise_seats_wanted * params.paid_user_daily_share,
                                               params)
    small_tokens = free_tokens * free_tier_small_model_share
    return Choice(
        state=State(
            consumer_market_users=markets.consumer_users,
            api_market_tokens_per_quarter=markets.api_tokens_per_quarter,
            enterprise_market_seats=markets.enterprise_seats,
            consumer_share=consumer_share,
            api_share=api_share,
            rival_consumer_share=rival_consumer_share,
            rival_api_share=rival_api_share,
            monthly_active_users=users,
            daily_active_users=free_daily + paid_daily,
            brand_shift=brand_shift,
        ),
        flows=Flows(paid_conversion=conversion, average_api_price_usd_per_mtok=average_api_price),
        subscribers_wanted=subscribers_wanted,
        enterprise_seats_wanted=enterprise_seats_wanted,
        api_tokens_wanted=api_wanted,
        tokens_wanted=free_tokens + paid_tokens + api_wanted,
        small_model_tokens_wanted=small_tokens,
    )


def paid_conversion(*, price, log_generosity, capability, best_rival_capability, params: Params):
    """Share of monthly users who pay: lower at higher prices (each dollar above the rivals'
    reference price loses a share of the willing, so revenue peaks at the price scale above
    it), lower with a generous free tier, higher as models improve, and lower when a
    rival's model is better than ours."""
    return np.minimum(
        params.paid_conversion_at_reference * price_response(price, params)
        * pm.exp(-params.conversion_generosity_elasticity * log_generosity
                 + params.conversion_gain_per_capability * (capability - params.capability_start)
                 - params.conversion_loss_per_capability_behind
                 * np.maximum(best_rival_capability - capability - params.conversion_tolerance, 0.0)),
        params.max_paid_conversion,
    )


def price_response(price, params: Params):
    """The share of those willing at the reference price who still buy at `price`: each
    dollar above it loses a share of them (revenue peaks at the price scale)."""
    return pm.exp(-(price - params.subscription_reference_price_usd_per_month) / params.subscription_price_scale_usd_per_month)


def daily_users(users, subscribers, generosity, params):
    """(free, paid) daily active users: a share of the monthly ones comes on a given day; a
    more generous free tier brings free users back more often (its limits are what send
    them away for the day). `params` is the demand slice or the scenario's market section."""
    free = np.maximum(users - subscribers, 0.0) * np.minimum(params.free_user_daily_share * generosity, 1.0)
    return free, subscribers * params.paid_user_daily_share


def consumer_tokens(free_daily, paid_daily, params: Params):
    """(free, paid) tokens the chatbot serves in a quarter: they follow daily use."""
    return (MONTHS_PER_QUARTER * free_daily * params.free_tokens_per_daily_user_per_month,
            MONTHS_PER_QUARTER * paid_daily * params.paid_tokens_per_daily_user_per_month)
