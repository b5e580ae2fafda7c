"""The scenario file: starting state, parameters, rivals and the historical plan.

Every field carries its unit in its name or description. Extra keys are refused, NaN and
infinities are refused, and ranges are enforced, so a teacher's typo is caught on load
with the key path (game/scenarios.py adds the file, line and column).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from game.models.decisions import decision_bounds
from game.models.quarters import QUARTER_PATTERN
from game.models.strict import NoBooleanNumbers

QuarterLabel = Annotated[str, Field(pattern=QUARTER_PATTERN, description="a quarter such as 2024Q1")]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
Usd = Annotated[float, Field(ge=0.0, le=1e13, description="US dollars")]
PositiveUsd = Annotated[float, Field(gt=0.0, le=1e13, description="US dollars")]
Rate = Annotated[float, Field(ge=-0.5, le=2.0, description="change per quarter, 0.1 = +10%")]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$", description="stable id: lower-case letters, digits, dashes")]
FUNCTIONS = ("research", "engineering", "safety", "go_to_market")


def as_decision(name: str, description: str = "") -> Any:
    """A scenario value that is played as decision `name` (a starting price, the plan's pay):
    it gets that decision's range, declared once in game.models.decisions."""
    lo, hi = decision_bounds()[name]
    return Field(ge=lo, le=hi, description=description or f"played as the decision {name}")


class Strict(NoBooleanNumbers):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class Headcount(Strict):
    research: int = Field(ge=0, le=1_000_000)
    engineering: int = Field(ge=0, le=1_000_000)
    safety: int = Field(ge=0, le=1_000_000)
    go_to_market: int = Field(ge=0, le=1_000_000)

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.research, self.engineering, self.safety, self.go_to_market)


class Company(Strict):
    """The player's lab at the start of the game."""

    name: str = Field(min_length=1, max_length=60)
    founded_year: int = Field(ge=1900, le=2100, description="year the lab was founded (IPO age rule)")
    cash_usd: Usd
    founders_stake: float = Field(gt=0.0, le=1.0, description="share of the lab the player's founders own")
    monthly_active_users: float = Field(ge=0, le=1e10)
    subscribers: float = Field(ge=0, le=1e10)
    consumer_share: Fraction
    api_share: Fraction
    brand_consumer: float = Field(ge=-5, le=5, description="taste for the lab's chatbot beyond capability (logit units)")
    brand_api: float = Field(ge=-5, le=5, description="developers' taste for the lab's API (logit units)")
    flagship_training_cost_usd: PositiveUsd = Field(description="compute cost of the current flagship at start prices")
    headcount: Headcount
    morale: Fraction
    gpus_owned_a100e: float = Field(ge=0, le=1e8)
    gpus_rented_a100e: float = Field(ge=0, le=1e8, description="rented fleet in the quarter before the game")
    training_budget_usd_per_quarter: Usd = Field(description="training spend in the quarter before the game")
    subscription_price_usd_per_month: float = as_decision("subscription_price_usd_per_month", "the price at the start (idle keeps it)")
    api_price_usd_per_mtok: float = as_decision("api_price_usd_per_mtok", "the API price at the start (idle keeps it)")
    revenue_last_four_quarters_usd: tuple[Usd, Usd, Usd, Usd] = Field(
        description="quarterly revenue of the year before the start, oldest first"
    )
    revenue_year_before_usd: Usd = Field(description="revenue of the four quarters before those (valuation's growth)")
    net_income_last_year_usd: float = Field(ge=-1e13, le=1e13, description="net income of the year before the start (valuation's margin; a loss is negative)")
    equity_raised_before_usd: Usd = Field(description="money raised before the game (acquihire offers repay investors)")
    for_profit: bool = Field(description="already converted to a for-profit company at the start")
    revenue_share: Fraction = Field(default=0.0, description="share of revenue already owed to a cloud investor")
    compute_credits_usd: Usd = Field(default=0.0, description="unused compute credits on the cloud investor's platform")

    @model_validator(mode="after")
    def _subscribers_within_users(self) -> "Company":
        if self.subscribers > self.monthly_active_users:
            raise ValueError("subscribers cannot exceed monthly_active_users")
        return self


class Market(Strict):
    """Demand: the consumer chatbot market, the API market and how users choose."""

    consumer_users_start: float = Field(gt=0, le=1e10, description="monthly users of all AI chatbots")
    consumer_growth_per_quarter: Rate
    consumer_users_ceiling: float = Field(gt=0, le=1e11)
    api_tokens_per_quarter_start: float = Field(gt=0, le=1e20, description="whole market's tokens per quarter at the reference price")
    api_growth_per_quarter: Rate
    api_tokens_ceiling_per_quarter: float = Field(gt=0, le=1e22)
    api_reference_price_usd_per_mtok: float = Field(gt=0, le=1000)
    api_market_price_elasticity: float = Field(ge=0, le=5)
    api_price_weight: float = Field(ge=0, le=10, description="logit weight on ln(price / reference) when developers choose a lab")
    subscription_reference_price_usd_per_month: float = Field(gt=0, le=1000)
    paid_conversion_at_reference: Fraction
    subscription_price_scale_usd_per_month: float = Field(
        gt=0, le=1000, description="paid conversion x exp(-(price - reference) / this): the subscription price that brings the most revenue")
    conversion_gain_per_capability: float = Field(ge=0, le=3, description="ln-change in paid conversion per +1 capability (10x compute)")
    conversion_loss_per_capability_behind: float = Field(ge=0, le=10, description="ln-change in paid conversion per 1 capability behind the best rival, past the tolerance")
    conversion_tolerance: float = Field(ge=0, le=5, description="how far behind the best rival payers tolerate before leaving (capability)")
    capability_weight_consumer: float = Field(ge=0, le=20, description="logit weight per +1 capability in the chatbot market")
    capability_weight_api: float = Field(ge=0, le=20)
    reliability_weight: float = Field(ge=0, le=20, description="logit weight on ln(service quality)")
    generosity_weight: float = Field(ge=0, le=5, description="logit weight on ln(free-tier generosity)")
    share_stickiness: Fraction = Field(description="part of the gap to the attractiveness share closed each quarter")
    subscriber_stickiness: Fraction = Field(description="part of the gap closed each quarter when more users want to pay (those who stop paying leave at once)")
    free_user_daily_share: Fraction = Field(description="share of free monthly users active on a given day, with the 2024 free tier (it scales with generosity, up to all of them)")
    paid_user_daily_share: Fraction = Field(description="share of paying users active on a given day")
    free_tokens_per_daily_user_per_month: float = Field(ge=0, le=1e10, description="tokens a month per free daily user (tokens follow daily use)")
    paid_tokens_per_daily_user_per_month: float = Field(ge=0, le=1e11, description="tokens a month per paying daily user")
    demand_noise_sd: float = Field(ge=0, le=0.5, description="sd of the quarterly shock to market growth (uniform, bounded)")
    max_paid_conversion: Fraction = Field(description="the most of its users a lab can convert to paying, whatever it does")
    conversion_generosity_elasticity: float = Field(ge=0, le=5, description="paid conversion x generosity ** -this: a generous free tier keeps people from paying")
    brand_fade_per_quarter: Fraction = Field(description="share of an incident's or a deal's mark on the brand left after a quarter")
    outage_brand_loss: float = Field(ge=0, le=10, description="brand lost (logit units) per 100% of demand left unserved in a quarter; it fades like any mark")
    enterprise_seats_start: float = Field(ge=0, le=1e10, description="business seats on all labs' chatbots (companies paying per seat for their staff)")
    enterprise_growth_per_quarter: Rate
    enterprise_seats_ceiling: float = Field(gt=0, le=1e11)
    enterprise_seat_price_multiple: float = Field(
        ge=0, le=20, description="a business seat's monthly price as a multiple of the subscription price (companies answer it as subscribers answer theirs)")
    enterprise_stickiness: Fraction = Field(description="part of the gap closed each quarter when businesses want more seats (seats given up go at once)")


class Compute(Strict):
    rent_price_usd_per_a100e_hour: float = Field(gt=0, le=100)
    rent_price_change_per_quarter: Rate
    rent_supply_a100e: float = Field(gt=0, le=1e9, description="most a cloud partner will rent this lab in a quarter")
    rent_supply_growth_per_quarter: Rate
    purchase_price_usd_per_a100e: float = Field(gt=0, le=1e6)
    purchase_price_change_per_quarter: Rate
    purchase_supply_a100e_per_quarter: float = Field(ge=0, le=1e9, description="most GPUs the market sells one buyer in a quarter")
    purchase_supply_growth_per_quarter: Rate
    lead_time_quarters: int = Field(ge=0, le=4)
    owned_running_cost_usd_per_a100e_hour: float = Field(ge=0, le=100)
    gpu_lifetime_quarters: int = Field(ge=1, le=60)
    serving_tokens_per_a100e_hour: float = Field(gt=0, le=1e12)
    serving_efficiency_gain_per_quarter: Rate = Field(description="throughput gain per quarter with full model work (distillation, re-architecture)")
    max_utilisation: float = Field(gt=0, le=1)
    training_price_usd_per_a100e_hour: float = Field(gt=0, le=100)
    squeeze_fade_per_quarter: Fraction = Field(description="share of a GPU shortage left after a quarter")
    max_squeeze: float = Field(ge=0, le=0.95, description="the deepest a GPU shortage gets (share of supply withheld)")
    squeeze_on_rent: Fraction = Field(description="how hard a shortage bites the cloud's rentals, against purchases (1 = as hard)")
    commitments: list[Commitment] = Field(default_factory=list, max_length=20, description="training compute contracted in advance")


class Commitment(Strict):
    """Contracted compute: billed every quarter of the term whether used or not."""

    starts: QuarterLabel
    quarters: int = Field(ge=1, le=80)
    usd_per_quarter: Usd
    fact: str = Field(min_length=1, max_length=120)


class SmallModel(Strict):
    """The distilled small model the free tier may run on (payers get the flagship)."""

    capability_behind_start: float = Field(ge=0, le=5, description="how far its capability is behind the flagship's at the start (capability units: 1 = a tenth of the training compute)")
    capability_behind_floor: float = Field(ge=0, le=5, description="the closest distillation brings it to the flagship")
    cost_ratio_start: float = Field(gt=0, le=1, description="its serving cost per token, as a share of the flagship's, at the start")
    cost_ratio_floor: float = Field(gt=0, le=1, description="the cheapest distillation makes it, as a share of the flagship's cost")
    distillation_step_share_of_flagship: float = Field(gt=0, le=100, description="distillation spend in a quarter that closes 63% (1 - 1/e) of both gaps to their floors, as a share of the current flagship's training cost")
    conversion_gain_per_capability_behind: float = Field(ge=0, le=5, description="paid conversion x exp(this x how far behind the flagship free users feel): what paying adds")
    rollout_per_quarter: float = Field(gt=0, le=1, description="part of the way from the small model's current share of the free tier to the chosen one that routing covers in a quarter (1 = at once)")
    users_loss_per_capability_behind: float = Field(ge=0, le=20, description="logit lost in the chatbot market per capability free users feel behind (the gap x the share on the small model, squared)")

    @model_validator(mode="after")
    def _floors_below_starts(self) -> "SmallModel":
        if self.capability_behind_floor > self.capability_behind_start:
            raise ValueError("capability_behind_floor cannot be above capability_behind_start")
        if self.cost_ratio_floor > self.cost_ratio_start:
            raise ValueError("cost_ratio_floor cannot be above cost_ratio_start")
        return self


class Training(Strict):
    generation_cost_multiplier: float = Field(gt=1, le=100, description="compute of generation n+1 over generation n")
    flagship_share_of_training: float = Field(gt=0, le=1, description="part of training spend that goes into the next flagship run")
    data_share_of_training: Fraction = Field(description="part of training spend that buys data and people, not compute")
    research_reference_headcount: float = Field(gt=0, le=1e6)
    research_elasticity: float = Field(ge=0, le=2, description="effective compute ~ (researchers / reference) ** this")
    launch_capability_noise_sd: float = Field(ge=0, le=2)
    post_training_gain_per_quarter: float = Field(ge=0, le=1, description="capability gained each quarter between launches, with full model work")
    model_work_compute_share: float = Field(gt=0, le=10, description="training compute per quarter, as a share of the flagship's, that keeps post-training and distillation at full pace")
    launch_waits_above_weeks: float = Field(ge=1, le=26, description="safety testing longer than this holds a ready model to the next quarter")


class Talent(Strict):
    annual_pay_usd_per_head: PositiveUsd = Field(description="market pay, all-in, for one employee-year at the start")
    market_pay_growth_per_quarter: Rate
    hiring_cost_usd_per_hire: Usd
    max_hires_per_quarter: int = Field(ge=0, le=1_000_000, description="most people one lab can hire in a quarter, all functions")
    base_attrition_per_quarter: Fraction
    attrition_pay_sensitivity: float = Field(ge=0, le=20, description="attrition x exp(-this * (pay_level - 1))")
    attrition_morale_sensitivity: float = Field(ge=0, le=20, description="attrition x (1 + this * (1 - morale))")
    attrition_noise_sd: float = Field(ge=0, le=0.5, description="sd of the quarterly luck in attrition (bounded: 1 + sd * U[-1.73, 1.73])")
    morale_adjustment_per_quarter: Fraction
    morale_pay_weight: float = Field(ge=0, le=5)
    layoff_morale_hit: float = Field(ge=0, le=5, description="morale lost per 100% of staff laid off in a quarter")
    morale_neutral: Fraction = Field(description="the morale people drift to at market pay")
    morale_pay_range: Fraction = Field(description="how far above or below neutral pay can move morale (it saturates)")
    max_attrition_per_quarter: Fraction = Field(description="the most of its staff a lab can lose in a quarter")
    severance_quarters_of_pay: float = Field(ge=0, le=8, description="severance per person laid off, in quarters of their pay")
    engineering_headcount_needed: int = Field(ge=0, le=1_000_000, description="below this many engineers, serving capacity and research fall in proportion (nothing new ships without them)")
    go_to_market_headcount_needed: int = Field(ge=0, le=1_000_000, description="below this many go-to-market staff, paid conversion and API sales fall in proportion")
    morale_hit_per_key_exit: Fraction = Field(description="morale lost by everyone when a key person leaves")
    research_speed_floor: Fraction = Field(description="research speed left when every key person is gone")


class Finance(Strict):
    interest_rate_per_year: float = Field(ge=0, le=1)
    rounds_close_above_sentiment: float = Field(ge=0, le=5, description="venture rounds close only when sentiment is at least this")
    strategic_discount: Fraction = Field(description="cloud partner's pre-money discount against a venture round")
    strategic_size_multiple: float = Field(ge=0, le=10, description="cloud partner's round size against a venture round")
    strategic_compute_credit_share: Fraction = Field(description="part of a strategic round paid as compute credits on the partner's cloud")
    strategic_revenue_share_per_valuation_share: float = Field(ge=0, le=10, description="revenue share gained per 100% of valuation raised from the partner")
    max_revenue_share: Fraction
    sovereign_size_multiple: float = Field(ge=0, le=10)
    sovereign_min_sentiment: float = Field(ge=0, le=5)
    sovereign_brand_cost: float = Field(ge=0, le=5, description="consumer brand lost per sovereign round (logit units)")
    conversion_deadline_quarters: int = Field(ge=1, le=40, description="quarters after a round in which the lab must turn for-profit")
    conversion_morale_hit: Fraction = Field(description="morale lost when the lab turns for-profit")
    acquihire_offer_share_of_raised: Fraction = Field(description="an acquihire repays this share of the money raised")
    acquihire_when_runway_below_quarters: float = Field(ge=0, le=20)
    credit_line_usd: Usd
    credit_line_opens: QuarterLabel
    credit_line_needs_round: bool = Field(description="banks lend only beside equity: the line opens once the lab has raised a round in the game")
    valuation_multiple_floor: float = Field(ge=0, le=200, description="valuation / the last four quarters' revenue at zero growth and zero margin")
    valuation_growth_premium: float = Field(ge=0, le=200, description="extra multiple per +100% yearly growth of revenue (the median of the last four quarters' growth over the same quarter a year before)")
    valuation_growth_cap: float = Field(ge=0, le=20, description="growth above this earns no more premium")
    valuation_min_base_usd_per_year: PositiveUsd = Field(description="the revenue trend counts a quarter below a quarter of this as that much, and the margin is measured against at least this much revenue")
    valuation_margin_weight: float = Field(ge=0, le=1, description="multiple x (1 + this x the last four quarters' net margin, within -100%..+100%)")
    valuation_brand_weight: float = Field(ge=0, le=5, description="valuation x exp(this x the brand's mark while it is negative): investors mark a marked lab down until the mark fades")
    investor_claim_repay_quarters: int = Field(ge=1, le=40, description="rounds turned into debt at a missed deadline fall due in this many equal quarterly parts")
    investor_claim_interest_rate_per_year: float = Field(ge=0, le=1, description="interest on the investors' claim until it is repaid")
    max_round_fraction_of_valuation: float = Field(gt=0, le=1)
    ipo_min_revenue_usd_per_year: Usd
    ipo_min_age_years: float = Field(ge=0, le=100)


class Rival(Strict):
    id: Slug
    name: str = Field(min_length=1, max_length=60)
    enters: Literal["at-start", "on-spin-out"] = Field(default="at-start", description="on-spin-out: founded by our departing key people")
    launch_probability_per_quarter: Fraction = Field(default=0.0)
    launch_capability_jump: float = Field(default=0.0, ge=0, le=3, description="capability gained at a launch (log10 of compute)")
    exit_probability_per_quarter: Fraction = Field(default=0.0, description="chance of failing or being bought, scaled by how low sentiment is")
    kind: Literal["big-tech", "safety-challenger", "open-model", "cannot-raise", "acquihired", "spin-out", "other"]
    consumer_share: Fraction
    api_share: Fraction
    brand_consumer: float = Field(ge=-5, le=5)
    brand_api: float = Field(ge=-5, le=5)
    flagship_training_cost_usd: PositiveUsd
    capability_gain_per_quarter: float = Field(ge=0, le=1, description="log10 of compute gained per quarter")
    api_price_usd_per_mtok: float = Field(gt=0, le=1000)
    api_price_change_per_quarter: Rate


class KeyPerson(Strict):
    id: Slug
    role: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=40, description="fictional")
    research_weight: Fraction = Field(description="share of research speed lost when this person leaves")
    departure_probability_per_quarter: Fraction = Field(description="at market pay and neutral morale")


PERSON = "{person}"
"""In an event's headline, the key person the event took ("CTO Marguerite Osei"); allowed
only in events with `key_person_leaves`."""


class Effects(Strict):
    """What an event does. Every field is optional and adds to the quarter."""

    sentiment: float = Field(default=0.0, ge=-2, le=2, description="added to the hype index")
    gpu_squeeze: Fraction = Field(default=0.0, description="GPU shortage: cuts supply and raises prices, fading by half a quarter")
    capacity_loss: Fraction = Field(default=0.0, description="share of serving capacity lost this quarter")
    consumer_market: float = Field(default=0.0, ge=-0.9, le=2, description="relative change of the chatbot market")
    api_market: float = Field(default=0.0, ge=-0.9, le=2)
    brand: float = Field(default=0.0, ge=-3, le=3, description="our consumer brand (logit units), fading slowly")
    morale: float = Field(default=0.0, ge=-1, le=1)
    cash_usd: float = Field(default=0.0, ge=-1e12, le=1e12, description="fines, settlements, legal costs (negative)")
    attrition: float = Field(default=0.0, ge=0, le=0.5, description="extra share of staff leaving this quarter")
    key_person_leaves: bool = Field(default=False, description=(
        "the most senior remaining key person leaves (the event does not happen when none is left; "
        f"its headline names them where it says {PERSON})"))
    rival: Slug | None = Field(default=None, description="the rival the next fields apply to (the event does not happen "
                               "while that rival is out of the market)")
    rival_capability: float = Field(default=0.0, ge=-3, le=3)
    rival_price: float = Field(default=0.0, ge=-0.9, le=2, description="relative change of the rival's API price")
    rival_exits: bool = Field(default=False, description="the rival fails or is bought and leaves the market")


class Answer(Strict):
    """One way to answer a card that asks: what the player is told, and what it does."""

    label: str = Field(min_length=1, max_length=60, description="the answer as the decisions screen offers it")
    effects: Effects = Field(default_factory=Effects, description="added to the quarter the answer is given in")


class Ask(Strict):
    """A card that asks (the inbox of management games): drawn in one quarter, answered with
    the next quarter's decisions (`accept_offer`), each answer with its cost."""

    question: str = Field(min_length=1, max_length=120, description="what the decisions screen asks")
    accept: Answer = Field(description="ticking the offer")
    decline: Answer = Field(description="leaving it unticked (what a strategy that ignores offers gets)")


class DeckEvent(Strict):
    id: Slug
    headline: str = Field(min_length=1, max_length=120)
    fact: str = Field(min_length=1, max_length=120, description="the facts.md row this event rests on")
    probability_per_quarter: Fraction
    more_likely_when: Literal["always", "hype", "distress", "low-morale", "neglected-safety", "big-lab"] = "always"
    scope: Literal["market", "company"] = Field(default="company", description=(
        "market: news of the whole industry, drawn from the seed alone, so every game on a seed sees it in the "
        "same quarter whatever it decides (its odds cannot depend on the lab: more_likely_when must be always, "
        "and it takes no key person); company: something that happens to this lab, likelier in the situation "
        "more_likely_when names. Each quarter draws at most one card of each scope"))
    effects: Effects = Field(default_factory=Effects)
    ask: Ask | None = Field(default=None, description="the card asks a question, answered next quarter")


class TimelineEvent(Strict):
    quarter: QuarterLabel
    id: Slug
    headline: str = Field(min_length=1, max_length=120)
    fact: str = Field(min_length=1, max_length=120)
    effects: Effects


def event_subject(event: DeckEvent | TimelineEvent) -> tuple[bool, str | None]:
    """Whom an event is about: (whether it needs a key person still at the lab, the rival
    it needs in the market or None), from its effects and, for a card that asks, either
    answer's (a card that may cost a key person is not drawn when none is left). The one
    place the condition is declared: the engine draws a card, or lets a scripted event
    happen, only where its subject is there."""
    every = [event.effects]
    ask = getattr(event, "ask", None)
    if ask is not None:
        every += [ask.accept.effects, ask.decline.effects]
    return any(e.key_person_leaves for e in every), next((e.rival for e in every if e.rival is not None), None)


class World(Strict):
    """Sentiment, safety, talent wars and the events of the scenario."""

    sentiment_start: float = Field(ge=0, le=5, description="hype index: 1 = normal, 2 = euphoria, 0.5 = funding window shut")
    gpu_squeeze_start: float = Field(default=0.0, ge=0, le=0.9, description="GPU shortage under way at the start (0 = none)")
    sentiment_reversion_per_quarter: Fraction
    sentiment_per_our_launch: float = Field(ge=-2, le=2)
    sentiment_per_rival_exit: float = Field(ge=-2, le=2)
    sentiment_noise_sd: float = Field(ge=0, le=0.5)
    launch_disappointment_below: float = Field(ge=-5, le=5, description="a launch gaining less capability than this hurts sentiment")
    safety_reference_weeks: float = Field(gt=0, le=52, description="safety testing at which a launch carries the base incident risk")
    safety_incident_base_probability: Fraction
    safety_norm_share: Fraction = Field(description="share of staff in safety below which safety counts as neglected")
    neglected_safety_attrition: float = Field(ge=0, le=1, description="extra attrition per quarter when safety is neglected")
    incident_effects: Effects
    poaching_attrition_per_capability_gap: float = Field(ge=0, le=1, description="extra attrition per +1 capability the best rival has over us")
    retention_grant_effect: float = Field(ge=0, le=10, description="attrition x exp(-this x grant per head / annual pay)")
    spin_out_after_departures: int = Field(ge=1, le=20, description="key people gone (in all) before they found a rival")
    rival_counter_launch_multiplier: float = Field(ge=0, le=20, description="rivals' launch chance on the quarter we launch")
    rival_exit_sentiment_pivot: float = Field(ge=0, le=5, description="rivals' exit odds scale with (this - sentiment): the worse the mood, the more fail")
    spin_out_capability_behind: float = Field(ge=0, le=3, description="capability a spin-out starts behind our model")
    sentiment_floor: float = Field(ge=0, le=1, description="the lowest sentiment goes")
    sentiment_ceiling: float = Field(ge=1, le=10, description="the highest sentiment goes")
    disappointment_multiple: float = Field(ge=0, le=10, description="a disappointing launch moves sentiment down this many times a good launch's rise")
    incident_max_probability: Fraction = Field(description="the highest chance of a safety incident at one launch")
    neglected_safety_incident_multiplier: float = Field(ge=1, le=10, description="incident odds x this when safety is neglected")
    distress_runway_below_quarters: float = Field(ge=0, le=40, description="runway under which a lab is in distress (deck cards 'distress')")
    distress_odds_base: float = Field(ge=0, le=10, description="'distress' cards' odds x this, plus the boost when in distress")
    distress_odds_boost: float = Field(ge=0, le=10)
    low_morale_below: Fraction = Field(description="morale under which 'low-morale' cards get likelier")
    low_morale_odds_slope: float = Field(ge=0, le=50, description="'low-morale' cards' odds x (1 + this x how far morale is under the line)")
    neglected_safety_odds_base: float = Field(ge=0, le=10, description="'neglected-safety' cards' odds x this, plus the boost when safety is neglected")
    neglected_safety_odds_boost: float = Field(ge=0, le=10)
    big_lab_odds_base: float = Field(ge=0, le=10, description="'big-lab' cards' odds x (this + the lab's consumer share)")
    key_people: list[KeyPerson] = Field(min_length=1, max_length=12)
    deck: list[DeckEvent] = Field(default_factory=list, max_length=40)
    timeline: list[TimelineEvent] = Field(default_factory=list, max_length=80)


class HistoricalPlan(Strict):
    """What the lab did (and planned), played by the `historical` strategy."""

    rounds: list[tuple[QuarterLabel, PositiveUsd]] = Field(description="(quarter, amount) of each scripted round")
    raise_when_runway_below_quarters: float = Field(ge=0, le=40)
    raise_quarters_of_burn: float = Field(ge=0, le=40, description="size of an unscripted round, in quarters of burn")
    subscription_price_path: list[tuple[QuarterLabel, Annotated[float, as_decision("subscription_price_usd_per_month")]]]
    api_price_change_per_quarter: Rate
    headcount_path: list[tuple[QuarterLabel, Annotated[int, Field(ge=0, le=1_000_000)]]]
    function_mix: Headcount = Field(description="relative sizes of the functions when hiring")
    pay_level: float = as_decision("pay_level")
    training_budget_path_usd_per_year: list[tuple[QuarterLabel, Usd]]
    free_tier_small_model_share_path: list[tuple[QuarterLabel, Annotated[float, as_decision("free_tier_small_model_share")]]] = Field(
        description="(quarter, share) of free users' tokens on the small model, from that quarter on")
    distillation_budget_path_usd_per_year: list[tuple[QuarterLabel, Usd]]
    rent_headroom: float = Field(ge=0, le=2, description="rented capacity beyond the expected need")
    convert_in: QuarterLabel | None = Field(description="quarter in which the lab turns for-profit")
    safety_testing_weeks: float = as_decision("safety_testing_weeks")
    accept_offers: list[Slug] = Field(default_factory=list, description="deck cards that ask whose offer the lab took; "
                                      "the others it declined")


class Scenario(Strict):
    format_version: Literal[5] = Field(description="5; older files are read with the keys later formats added filled in (see FORMAT_4_RULES)")
    extends: str | None = Field(default=None, description="a bundled scenario id (or a path to a YAML file) whose keys this file changes; merged before the checks")
    id: Slug
    title: str = Field(min_length=1, max_length=80)
    description: str = Field(min_length=1, max_length=200, description="one line for the scenario picker")
    start: QuarterLabel
    quarters: int = Field(ge=1, le=80)
    company: Company
    market: Market
    compute: Compute
    training: Training
    small_model: SmallModel
    talent: Talent
    finance: Finance
    rivals: list[Rival] = Field(min_length=1, max_length=12)
    world: World
    historical: HistoricalPlan


SCENARIO_FORMAT = 5
FORMAT_1_RULES: dict[str, dict[str, float]] = {
    # Format 1 had no keys for these: they were constants of the engine that read it, the
    # same in every scenario. A format-1 file (a teacher's older file, or the scenario a
    # version-1 save embeds) is read with exactly those values, so it plays as it did.
    "market": {"max_paid_conversion": 0.9, "conversion_generosity_elasticity": 0.5, "brand_fade_per_quarter": 0.9},
    "compute": {"squeeze_fade_per_quarter": 0.5, "max_squeeze": 0.9, "squeeze_on_rent": 0.5},
    "training": {"launch_waits_above_weeks": 13.0},
    "talent": {"morale_neutral": 0.7, "morale_pay_range": 0.3, "max_attrition_per_quarter": 0.5,
               "morale_hit_per_key_exit": 0.05, "research_speed_floor": 0.1},
    "world": {"rival_exit_sentiment_pivot": 2.0, "spin_out_capability_behind": 0.3, "sentiment_floor": 0.2,
              "sentiment_ceiling": 3.0, "disappointment_multiple": 2.0, "incident_max_probability": 0.9,
              "neglected_safety_incident_multiplier": 2.0, "distress_runway_below_quarters": 4.0,
              "distress_odds_base": 0.5, "distress_odds_boost": 2.5, "low_morale_below": 0.7,
              "low_morale_odds_slope": 4.0, "neglected_safety_odds_base": 0.5, "neglected_safety_odds_boost": 2.5,
              "big_lab_odds_base": 0.5},
}


FORMAT_2_RULES: dict[str, dict[str, float]] = {
    # Format 3 (engine 3) reworked the economy (valuation, demand, hard edges) and added
    # these keys; a format-2 file gets the values the bundled scenarios use. Its numbers
    # cannot come out as they did under engine 2: a save of that engine says so on verify.
    "company": {"net_income_last_year_usd": 0.0},
    "market": {"outage_brand_loss": 1.0},
    "talent": {"severance_quarters_of_pay": 1.0, "engineering_headcount_needed": 0, "go_to_market_headcount_needed": 0},
    "finance": {"valuation_min_base_usd_per_year": 1e8, "valuation_margin_weight": 0.3,
                "investor_claim_repay_quarters": 8, "investor_claim_interest_rate_per_year": 0.1},
}


FORMAT_3_RULES: dict[str, dict[str, Any]] = {
    # Format 4 (engine 4) added the small model and daily users. A format-3 file gets a
    # small model a generation behind that nobody distils, and a historical plan that
    # never uses it: with the free tier on the flagship (the format-3 game) it plays as
    # before. Its tokens per monthly user are read as tokens per daily user at these shares.
    "market": {"free_user_daily_share": 0.3, "paid_user_daily_share": 0.7},
    "small_model": {"capability_behind_start": 1.0, "capability_behind_floor": 0.3, "cost_ratio_start": 0.1,
                    "cost_ratio_floor": 0.03, "distillation_step_share_of_flagship": 0.5,
                    "conversion_gain_per_capability_behind": 0.4, "users_loss_per_capability_behind": 1.5,
                    "rollout_per_quarter": 0.5},
    "historical": {"free_tier_small_model_share_path": [], "distillation_budget_path_usd_per_year": []},
    "finance": {"valuation_brand_weight": 0.5},
}


FORMAT_4_RULES: dict[str, dict[str, Any]] = {
    # Format 5 (engine 5) added business seats (facts §1 'enterprise use'). A format-4 file
    # gets a market with no business seats, so it plays exactly as it did.
    "market": {"enterprise_seats_start": 0.0, "enterprise_growth_per_quarter": 0.0, "enterprise_seats_ceiling": 1.0,
               "enterprise_seat_price_multiple": 1.0, "enterprise_stickiness": 1.0},
}


def _filled(data: dict, rules: dict[str, dict[str, Any]]) -> dict:
    out = dict(data)
    for section, values in rules.items():
        if isinstance(out.get(section), dict):
            out[section] = {**values, **out[section]}
    return out


def upgrade_format_1(data: dict) -> dict:
    """A format-1 document as format 2: the rules format 1 kept in the engine, filled in."""
    return dict(_filled(data, FORMAT_1_RULES), format_version=2)


def upgrade_format_2(data: dict) -> dict:
    """A format-2 document as format 3 (then read as format 4): the keys format 3 added, filled in (a file that
    extends a base gets them from the base instead), and the power-law price response read
    as the exponential one that matches it at the reference price."""
    out = dict(data) if "extends" in data else _filled(data, FORMAT_2_RULES)
    market, company = out.get("market"), out.get("company")
    if isinstance(market, dict) and "subscription_price_elasticity" in market:
        elasticity = _number(market["subscription_price_elasticity"])
        reference = _number(market.get("subscription_reference_price_usd_per_month"))
        # Converted only when the file itself says both; otherwise the old key stays, and
        # the validator names it at its line (a change is never dropped in silence).
        if elasticity and reference is not None and elasticity > 0:
            market = {k: v for k, v in market.items() if k != "subscription_price_elasticity"}
            market.setdefault("subscription_price_scale_usd_per_month", reference / elasticity)
            out["market"] = market
    if isinstance(company, dict) and "revenue_year_before_usd" not in company and "extends" not in data:
        history = company.get("revenue_last_four_quarters_usd")
        first = _number(history[0]) if isinstance(history, (list, tuple)) and history else None
        if first is not None:
            # Format 2 knew only the last year: as if the year before ran at its first quarter.
            out["company"] = dict(company, revenue_year_before_usd=4 * first)
    return dict(out, format_version=3)


def upgrade_format_3(data: dict) -> dict:
    """A format-3 document as format 4 (then read as format 5): the keys format 4 added, filled in (a file that
    extends a base gets them from the base), and tokens per monthly user read as tokens
    per daily user at the daily shares (the same tokens for the same users)."""
    if "extends" in data:
        return dict(data, format_version=4)
    out = _filled(dict(data, small_model=data.get("small_model", {})), FORMAT_3_RULES)  # (a section format 3 had not)
    market = out.get("market")
    if isinstance(market, dict):
        market = dict(market)
        for old, new, share in (("free_user_tokens_per_month", "free_tokens_per_daily_user_per_month", "free_user_daily_share"),
                                ("paid_user_tokens_per_month", "paid_tokens_per_daily_user_per_month", "paid_user_daily_share")):
            monthly, daily_share = _number(market.get(old)), _number(market.get(share))
            # Converted only when both numbers read; otherwise the old key stays for the
            # validator to name at its line.
            if monthly is not None and daily_share and new not in market:
                del market[old]
                market[new] = monthly / daily_share
        out["market"] = market
    return dict(out, format_version=4)


def _number(value: Any) -> float | None:
    """A number as the validator would read it (YAML may hand over "1.5e8" as text), or None;
    anything else is left for the validator to refuse with its line."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def upgrade_format_4(data: dict) -> dict:
    """A format-4 document as format 5: the keys format 5 added, filled in (a file that
    extends a base gets them from the base)."""
    out = dict(data) if "extends" in data else _filled(data, FORMAT_4_RULES)
    return dict(out, format_version=SCENARIO_FORMAT)
