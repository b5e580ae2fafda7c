"""The state of a batch of games: one numpy array per quantity, batch axis first.

A single interactive game is a batch of one; the Monte Carlo lab runs 20,000 rows through
the same code. Nothing in here is a Python object per game. Tables (B, k) are stored
column-major: see game.engine.arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import cached_property

import numpy as np

from game.engine import demand, finance
from game.engine.kernel.arrays import repeat_row, select_rows, take_rows
from game.engine.params import Params, capability_of

# Outcome codes (int8): a game keeps PLAYING until one of the others ends it.
PLAYING, BANKRUPT, ACQUIRED, IPO, SURVIVED = 0, 1, 2, 3, 4
OUTCOME_NAMES = {PLAYING: "playing", BANKRUPT: "bankrupt", ACQUIRED: "acquired", IPO: "ipo", SURVIVED: "survived"}
MAX_LEAD_TIME = 4


@dataclass(frozen=True)
class State:
    seed: np.ndarray  # uint64 (B,)
    quarter: np.ndarray  # int64 (B,): quarters played so far
    outcome: np.ndarray  # int8 (B,)
    outcome_quarter: np.ndarray  # int64 (B,): index of the quarter that ended the game, -1 while playing
    # money
    cash_usd: np.ndarray
    debt_usd: np.ndarray
    founders_stake: np.ndarray
    valuation_usd: np.ndarray
    equity_raised_total_usd: np.ndarray
    compute_credits_usd: np.ndarray  # strategic partner's credits, usable only on its cloud (rent)
    revenue_share: np.ndarray  # share of revenue owed to the strategic partner
    for_profit: np.ndarray  # bool
    convertible_equity_usd: np.ndarray  # raised before the for-profit turn: becomes debt at the deadline
    convertible_dilution: np.ndarray  # product of pre / post of those rounds (undone if they turn to debt)
    conversion_due_quarter: np.ndarray  # int64, -1 when nothing is due
    sentiment: np.ndarray
    gpu_squeeze: np.ndarray  # 0..1: GPU shortage, fading by half each quarter
    brand_shift: np.ndarray  # our consumer brand moved by incidents and deals, fading
    revenue_history_usd: np.ndarray  # (B, 4) the last four quarters' revenue, oldest first
    last_net_cash_flow_usd: np.ndarray  # operating cash flow of the last quarter (negative = burn)
    # markets and users
    consumer_market_users: np.ndarray
    api_market_tokens_per_quarter: np.ndarray
    consumer_share: np.ndarray
    api_share: np.ndarray
    rival_consumer_share: np.ndarray  # (B, R)
    rival_api_share: np.ndarray  # (B, R)
    rival_capability: np.ndarray  # (B, R)
    rival_api_price_usd_per_mtok: np.ndarray  # (B, R)
    rival_active: np.ndarray  # (B, R) bool: in the market (not yet founded, failed or bought: False)
    monthly_active_users: np.ndarray
    subscribers: np.ndarray
    subscription_price_usd_per_month: np.ndarray
    api_price_usd_per_mtok: np.ndarray
    service_quality: np.ndarray  # served / demanded, 0..1
    serving_hours_needed: np.ndarray  # A100e-hours the last quarter's demand needed
    serving_tokens_per_a100e_hour: np.ndarray  # throughput, raised by model work
    # compute and models
    gpus_owned_a100e: np.ndarray
    gpus_on_order_a100e: np.ndarray  # (B, MAX_LEAD_TIME): [:, 0] arrives next quarter
    gpu_book_value_usd: np.ndarray
    gpus_rented_a100e: np.ndarray
    training_budget_usd: np.ndarray  # last quarter's (a lab that decides nothing keeps spending it)
    flagship_compute_a100e_hours: np.ndarray
    run_compute_a100e_hours: np.ndarray
    capability: np.ndarray
    generation: np.ndarray  # int64: flagships launched during the game
    launch_pending: np.ndarray  # bool: a trained model held back for more safety testing
    # people
    headcount: np.ndarray  # (B, 4) research, engineering, safety, go_to_market
    key_people_present: np.ndarray  # (B, K) bool
    key_people_departed: np.ndarray  # int64: key people gone so far
    spun_out: np.ndarray  # bool: departed people have founded a rival
    morale: np.ndarray
    market_pay_usd_per_year: np.ndarray

    @property
    def batch(self) -> int:
        return int(self.seed.shape[0])

    @cached_property  # read by limits, events and strategies in the same quarter
    def runway_quarters(self) -> np.ndarray:
        """Quarters of cash left at last quarter's burn (99 when not burning)."""
        burn = np.maximum(-self.last_net_cash_flow_usd, 1.0)
        return np.where(self.last_net_cash_flow_usd < 0, np.minimum(self.cash_usd / burn, 99.0), 99.0)

    def where(self, mask: np.ndarray, other: "State") -> "State":
        """Rows where `mask` is true come from `other`, the rest from self."""
        if mask.all():
            return other
        return State(**{f.name: select_rows(mask, getattr(other, f.name), getattr(self, f.name)) for f in fields(self)})

    def assign_rows(self, index, other: "State") -> None:
        """Write `other`'s rows into rows `index` of self, in place (the runner's result store)."""
        for f in fields(self):
            getattr(self, f.name)[index] = getattr(other, f.name)
        self.__dict__.pop("runway_quarters", None)  # computed from the old rows

    def rows(self, index) -> "State":
        """A sub-batch (e.g. one game for the UI) sharing nothing with self."""
        return State(**{f.name: take_rows(getattr(self, f.name), index) for f in fields(self)})

    def evolve(self, **changes) -> "State":
        return replace(self, **changes)


def initial_state(params: Params, seeds) -> State:
    """The scenario's starting position, repeated for every seed."""
    seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    b = seeds.shape[0]
    sc = params.scenario
    c = sc.company
    full = lambda v: np.full(b, float(v))  # noqa: E731
    rivals = sc.rivals
    row = lambda xs, dtype=np.float64: repeat_row(xs, b, dtype)  # noqa: E731
    flagship_hours = c.flagship_training_cost_usd / sc.compute.training_price_usd_per_a100e_hour
    history = row(c.revenue_last_four_quarters_usd)
    # The quarter before the game: the starting users' and developers' tokens at last
    # quarter's throughput, so a strategy can size its first rent from real demand.
    tokens_before = demand.consumer_tokens(
        np.array([c.monthly_active_users]), np.array([c.subscribers]), 1.0, params
    ) + sc.market.api_tokens_per_quarter_start * c.api_share
    throughput_before = sc.compute.serving_tokens_per_a100e_hour / (1.0 + sc.compute.serving_efficiency_gain_per_quarter)
    serving_hours_before = float(tokens_before[0]) / throughput_before
    return State(
        seed=seeds.copy(),
        quarter=np.zeros(b, dtype=np.int64),
        outcome=np.zeros(b, dtype=np.int8),
        outcome_quarter=np.full(b, -1, dtype=np.int64),
        cash_usd=full(c.cash_usd),
        debt_usd=full(0.0),
        founders_stake=full(c.founders_stake),
        valuation_usd=full(
            sc.world.sentiment_start
            * finance.valuation(c.revenue_last_four_quarters_usd[-1], c.revenue_last_four_quarters_usd[0], params)
        ),
        equity_raised_total_usd=full(c.equity_raised_before_usd),
        compute_credits_usd=full(c.compute_credits_usd),
        revenue_share=full(c.revenue_share),
        for_profit=np.full(b, c.for_profit),
        convertible_equity_usd=full(0.0),
        convertible_dilution=full(1.0),
        conversion_due_quarter=np.full(b, -1, dtype=np.int64),
        sentiment=full(sc.world.sentiment_start),
        gpu_squeeze=full(sc.world.gpu_squeeze_start),
        brand_shift=full(0.0),
        revenue_history_usd=history,
        last_net_cash_flow_usd=full(0.0),
        consumer_market_users=full(sc.market.consumer_users_start),
        api_market_tokens_per_quarter=full(sc.market.api_tokens_per_quarter_start),
        consumer_share=full(c.consumer_share),
        api_share=full(c.api_share),
        rival_consumer_share=row([x.consumer_share for x in rivals]),
        rival_api_share=row([x.api_share for x in rivals]),
        rival_capability=row(params.rival_capability_start),
        rival_api_price_usd_per_mtok=row(params.rival_api_price_start),
        rival_active=row(params.rival_active_at_start, bool),
        monthly_active_users=full(c.monthly_active_users),
        subscribers=full(c.subscribers),
        subscription_price_usd_per_month=full(c.subscription_price_usd_per_month),
        api_price_usd_per_mtok=full(c.api_price_usd_per_mtok),
        service_quality=full(1.0),
        serving_hours_needed=full(serving_hours_before),
        serving_tokens_per_a100e_hour=full(sc.compute.serving_tokens_per_a100e_hour),
        gpus_owned_a100e=full(c.gpus_owned_a100e),
        gpus_on_order_a100e=np.zeros((b, MAX_LEAD_TIME), order="F"),
        gpu_book_value_usd=full(c.gpus_owned_a100e * sc.compute.purchase_price_usd_per_a100e),
        gpus_rented_a100e=full(c.gpus_rented_a100e),
        training_budget_usd=full(c.training_budget_usd_per_quarter),
        flagship_compute_a100e_hours=full(flagship_hours),
        run_compute_a100e_hours=full(0.0),
        capability=full(capability_of(c.flagship_training_cost_usd, sc.compute.training_price_usd_per_a100e_hour)),
        generation=np.zeros(b, dtype=np.int64),
        launch_pending=np.zeros(b, dtype=bool),
        headcount=row(c.headcount.as_tuple()),
        key_people_present=np.ones((b, len(params.key_people_ids)), dtype=bool, order="F"),
        key_people_departed=np.zeros(b, dtype=np.int64),
        spun_out=np.zeros(b, dtype=bool),
        morale=full(c.morale),
        market_pay_usd_per_year=full(sc.talent.annual_pay_usd_per_head),
    )
