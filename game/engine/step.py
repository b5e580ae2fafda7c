"""One quarter for a whole batch of games: step(state, decisions, params, quarter).

Reads top to bottom in the order the quarter happens: check the decisions, markets grow,
rivals move, people come and go, GPUs arrive, users choose, tokens are served, the next
model trains, the books are settled, and the game may end. Rows whose decisions are
refused, or whose game is over, come out exactly as they went in.
"""

from __future__ import annotations

import numpy as np

from game.engine import compute, demand, finance, rivals, talent, training
from game.engine.arrays import row_sum
from game.engine.rng import QuarterDraws
from game.engine.decisions import Decisions, Limits, committed_spend_usd, limits, quarter_prices, refused_mask
from game.engine.params import HOURS_PER_QUARTER, Params, capability_of
from game.engine.state import BANKRUPT, IPO, PLAYING, SURVIVED, State

Report = dict[str, np.ndarray]


def step(state: State, d: Decisions, params: Params, quarter: int, lim: Limits | None = None) -> tuple[State, Report]:
    """Play one quarter for every row. `lim` may pass in this quarter's limits if the
    caller already computed them for its strategy (they depend only on state and quarter)."""
    # Refused rows are computed too (array-first) and then thrown away; their nonsense
    # (a price of 0, a NaN) must not spray warnings. Accepted rows are proven finite by
    # tests/test_properties.py.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _step(state, d, params, quarter, lim or limits(state, params, quarter))


def _step(state: State, d: Decisions, params: Params, quarter: int, lim: Limits) -> tuple[State, Report]:
    draws = QuarterDraws(state.seed, quarter)
    refused = refused_mask(state, d, params, quarter, lim)
    live = (state.outcome == PLAYING) & ~refused
    gpu_price, rent_price = quarter_prices(params, quarter)

    # Markets grow (industry life cycle) and rivals make progress.
    consumer_market, api_market = demand.grow_markets(
        state.consumer_market_users, state.api_market_tokens_per_quarter, params, draws
    )
    rival_capability, rival_price, rival_log_price = rivals.advance(
        state.rival_capability, state.rival_api_price_usd_per_mtok, state.rival_api_log_price, draws, params
    )

    # People: layoffs, attrition, hires; the research team sets how far compute goes.
    people = talent.resolve(
        state.headcount, state.morale, state.market_pay_usd_per_year, d.hires, d.layoffs, d.pay_level,
        draws, params,
    )

    # GPUs: deliveries and retirements, then this quarter's serving and training hours.
    fleet = compute.advance_fleet(
        state.gpus_owned_a100e, state.gpus_on_order_a100e, state.gpu_book_value_usd,
        d.gpu_purchase_a100e, gpu_price, params,
    )

    # The next flagship trains; a launch lifts capability at once.
    owned_training_hours = fleet.owned_a100e * HOURS_PER_QUARTER * d.training_share
    model = training.advance(
        state.flagship_compute_a100e_hours, state.run_compute_a100e_hours, state.capability, state.generation,
        state.serving_tokens_per_a100e_hour, d.training_budget_usd, owned_training_hours, people.research_multiplier,
        draws, params, quarter,
    )

    # Users and developers choose among labs (sticky), remembering last quarter's service.
    stick = params.share_stickiness
    log_quality = np.log(np.maximum(state.service_quality, 1e-3))
    target, rivals_target = demand.consumer_attractiveness_shares(
        model.capability, log_quality, d.free_tier_generosity, rival_capability, params
    )
    consumer_share = demand.sticky(state.consumer_share, target, stick)
    rival_consumer_share = demand.sticky(state.rival_consumer_share, rivals_target, stick)
    target, rivals_target = demand.api_attractiveness_shares(
        model.capability, log_quality, d.api_price_usd_per_mtok, rival_capability, rival_log_price, params
    )
    api_share = demand.sticky(state.api_share, target, stick)
    rival_api_share = demand.sticky(state.rival_api_share, rivals_target, stick)
    average_api_price = api_share * d.api_price_usd_per_mtok + row_sum(rival_api_share * rival_price)

    users = consumer_market * consumer_share
    capability_start = capability_of(params.scenario.company.flagship_training_cost_usd, params.training_price_usd_per_a100e_hour)
    conversion = demand.paid_conversion(
        d.subscription_price_usd_per_month, d.free_tier_generosity, model.capability, capability_start, params
    )
    subscribers_wanted = demand.sticky(state.subscribers, users * conversion, params.subscriber_stickiness)
    api_wanted = demand.api_tokens_demanded(api_market, api_share, average_api_price, params)

    # Serving: capacity limits degrade service; unserved demand is lost this quarter.
    tokens_wanted = demand.consumer_tokens(users, subscribers_wanted, d.free_tier_generosity, params) + api_wanted
    serving = compute.serve(
        tokens_wanted, state.serving_tokens_per_a100e_hour, fleet.owned_a100e, d.gpu_rent_a100e, d.training_share,
        rent_price, params,
    )
    subscribers = subscribers_wanted * serving.quality
    api_tokens = api_wanted * serving.quality

    subscription_revenue = subscribers * d.subscription_price_usd_per_month * 3.0
    api_revenue = api_tokens * d.api_price_usd_per_mtok / 1e6
    revenue = subscription_revenue + api_revenue
    training_cost = d.training_budget_usd + serving.owned_training_cost_usd
    operating_cost = serving.inference_cost_usd + serving.idle_capacity_cost_usd + training_cost + people.staff_cost_usd

    # The books: the cash identity, automatic draws on the credit line, dilution.
    credit_limit = params.credit_line_usd if quarter >= params.credit_line_opens_index else 0.0
    books = finance.settle(
        state.cash_usd, state.debt_usd, state.founders_stake, state.valuation_usd, revenue, operating_cost,
        fleet.capex_usd, fleet.depreciation_usd, d.equity_raise_usd, d.credit_draw_usd, d.credit_repay_usd,
        credit_limit, params,
    )
    new_valuation = finance.valuation(revenue, state.revenue_history_usd[:, 0], params)

    # The game ends on bankruptcy, a listing, or the last quarter.
    last_quarter = quarter >= params.quarters - 1
    outcome = np.where(
        books.bankrupt, BANKRUPT, np.where(d.ipo, IPO, np.where(last_quarter, SURVIVED, PLAYING))
    ).astype(np.int8)

    after = State(
        seed=state.seed,
        quarter=state.quarter + 1,
        outcome=outcome,
        outcome_quarter=np.where(outcome != PLAYING, quarter, -1).astype(np.int64),
        cash_usd=books.cash_usd,
        debt_usd=books.debt_usd,
        founders_stake=books.founders_stake,
        valuation_usd=new_valuation,
        revenue_history_usd=np.concatenate([state.revenue_history_usd[:, 1:], revenue[:, None]], axis=1),
        last_net_cash_flow_usd=books.operating_cash_flow_usd,
        consumer_market_users=consumer_market,
        api_market_tokens_per_quarter=api_market,
        consumer_share=consumer_share,
        api_share=api_share,
        rival_consumer_share=rival_consumer_share,
        rival_api_share=rival_api_share,
        rival_capability=rival_capability,
        rival_api_price_usd_per_mtok=rival_price,
        rival_api_log_price=rival_log_price,
        monthly_active_users=users,
        subscribers=subscribers,
        subscription_price_usd_per_month=d.subscription_price_usd_per_month.astype(np.float64),
        api_price_usd_per_mtok=d.api_price_usd_per_mtok.astype(np.float64),
        service_quality=serving.quality,
        serving_hours_needed=serving.hours_needed,
        serving_tokens_per_a100e_hour=model.serving_tokens_per_a100e_hour,
        gpus_owned_a100e=fleet.owned_a100e,
        gpus_on_order_a100e=fleet.on_order_a100e,
        gpu_book_value_usd=fleet.book_value_usd,
        gpus_rented_a100e=d.gpu_rent_a100e.astype(np.float64),
        flagship_compute_a100e_hours=model.flagship_compute,
        run_compute_a100e_hours=model.run_compute,
        capability=model.capability,
        generation=model.generation,
        headcount=people.headcount,
        morale=people.morale,
        market_pay_usd_per_year=people.market_pay_usd_per_year,
    )
    new_state = state.where(live, after)

    report: Report = {
        "refused": refused,
        "played": live,
        "revenue_usd": revenue,
        "subscription_revenue_usd": subscription_revenue,
        "api_revenue_usd": api_revenue,
        "inference_cost_usd": serving.inference_cost_usd,
        "idle_capacity_cost_usd": serving.idle_capacity_cost_usd,
        "training_cost_usd": training_cost,
        "staff_cost_usd": people.staff_cost_usd,
        "hiring_cost_usd": people.hiring_cost_usd,
        "operating_cost_usd": operating_cost,
        "depreciation_usd": fleet.depreciation_usd,
        "capex_usd": fleet.capex_usd,
        "interest_usd": books.interest_usd,
        "net_income_usd": books.net_income_usd,
        "equity_raised_usd": d.equity_raise_usd,
        "debt_drawn_usd": books.debt_drawn_usd,
        "automatic_draw_usd": books.automatic_draw_usd,
        "debt_repaid_usd": d.credit_repay_usd,
        "api_tokens_served": api_tokens,
        "paid_conversion": conversion,
        "service_quality": serving.quality,
        "utilisation": serving.utilisation,
        "serving_hours_needed": serving.hours_needed,
        "training_compute_a100e_hours": model.training_compute_a100e_hours,
        "launched": model.launched,
        "model_work": model.model_work,
        "next_generation_compute_a100e_hours": model.next_generation_compute,
        "departures": people.departures,
        "attrition_rate": people.attrition_rate,
        "average_api_price_usd_per_mtok": average_api_price,
        "committed_spend_usd": committed_spend_usd(d, lim),
    }
    # Rows that did not play report zero flows, so sums over a batch stay honest.
    if live.all():
        return new_state, report
    for key, value in report.items():
        if key not in ("refused", "played") and value.dtype != bool:
            report[key] = np.where(live, value, 0.0)
        elif key == "launched":
            report[key] = value & live
    return new_state, report
