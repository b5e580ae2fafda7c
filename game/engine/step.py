"""One quarter for a whole batch of games: step(state, decisions, params, quarter).

Reads top to bottom in the order the quarter happens: check the decisions, events strike,
markets grow, people come and go, GPUs arrive, the next model trains (and may launch),
rivals move, users choose, tokens are served, the books are settled, sentiment moves, and
the game may end. Rows whose decisions are refused, or whose game is over, come out
exactly as they went in.
"""

from __future__ import annotations

import numpy as np

from game.engine import compute, demand, events, finance, rivals, safety, sentiment, talent, training
from game.engine.kernel.arrays import row_max, row_sum, select_rows
from game.engine.kernel import portable_math as pm
from game.engine.decisions import SOVEREIGN, Decisions, Limits, limits, refused_mask
from game.engine.params import HOURS_PER_QUARTER, Params, capability_of
from game.engine.kernel.rng import QuarterDraws
from game.engine.state import ACQUIRED, BANKRUPT, IPO, PLAYING, SURVIVED, State

Report = dict[str, np.ndarray]
BRAND_FADE_PER_QUARTER = 0.9  # an incident's or a deal's mark on the brand fades over a few years
SQUEEZE_FADE_PER_QUARTER = 0.5  # a GPU shortage eases by half each quarter


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
    world = params.world

    # Events: the scenario's timeline and its deck, each more likely in some situations.
    headcount_before = row_sum(state.headcount)
    neglected = safety.neglected(state.headcount, headcount_before, params)
    situations = events.situation_multipliers(
        state.sentiment, state.runway_quarters, state.morale, neglected, state.consumer_share
    )
    hit = events.draw(params.deck, params.deck_tables, params.timeline.get(quarter, ()), situations, live, draws,
                      state.batch, len(params.rival_ids))

    # Markets grow (industry life cycle), moved by the quarter's events.
    consumer_market, api_market = demand.grow_markets(
        state.consumer_market_users, state.api_market_tokens_per_quarter, params, draws
    )
    consumer_market = consumer_market * (1.0 + hit.consumer_market)
    api_market = api_market * (1.0 + hit.api_market)

    # The lab may turn for-profit (morale falls) and take a round from one term sheet.
    deal = finance.take_round(state.founders_stake, state.revenue_share, d.term_sheet, d.equity_raise_usd,
                              lim.term_sheet_pre_money_usd, params)
    turn = finance.conversion(
        state.for_profit, state.convertible_equity_usd, state.convertible_dilution, state.conversion_due_quarter,
        deal.founders_stake, d.convert_to_for_profit, d.equity_raise_usd, deal.dilution, quarter, params,
    )

    # People: layoffs, attrition (pay, grants, morale, poaching, neglected safety), hires,
    # and key people, whose departure slows research and may found a rival.
    best_rival = row_max(np.where(state.rival_active, state.rival_capability, -np.inf))
    poaching = world.poaching_attrition_per_capability_gap * np.maximum(best_rival - state.capability, 0.0)
    # (mask * value is np.where(mask, value, 0) for finite values, at a quarter of the cost)
    pressure = poaching + neglected * world.neglected_safety_attrition + hit.attrition
    morale_shock = hit.morale - turn.converted_now * params.conversion_morale_hit
    people = talent.resolve(
        state.headcount, state.morale, state.market_pay_usd_per_year, d.hires, d.layoffs, d.pay_level,
        d.retention_grants_usd, state.key_people_present, state.key_people_departed, pressure, morale_shock,
        hit.key_person_leaves, draws, params,
    )
    spin_out_now = ~state.spun_out & (people.key_people_departed >= world.spin_out_after_departures)
    if params.spin_out_rival < 0:
        spin_out_now = np.zeros_like(spin_out_now)

    # GPUs: deliveries and retirements; a shortage squeezes what can be bought and rented.
    fleet = compute.advance_fleet(
        state.gpus_owned_a100e, state.gpus_on_order_a100e, state.gpu_book_value_usd,
        d.gpu_purchase_a100e, lim.gpu_price_usd_per_a100e, params,
    )

    # The next flagship trains; a launch lifts capability at once, unless held for testing.
    owned_training_hours = fleet.owned_a100e * HOURS_PER_QUARTER * d.training_share
    committed = params.committed_usd_per_quarter[quarter]  # contracted compute: billed whether used or not
    model = training.advance(
        state.flagship_compute_a100e_hours, state.run_compute_a100e_hours, state.capability, state.generation,
        state.serving_tokens_per_a100e_hour, state.launch_pending,
        d.safety_testing_weeks > safety.LAUNCH_WAITS_ABOVE_WEEKS, d.training_budget_usd, committed, owned_training_hours,
        people.research_multiplier, draws, params, quarter,
    )
    incident_odds = safety.incident_probability(model.launched, d.safety_testing_weeks, neglected, params)
    incident = draws.uniform("safety/incident") < incident_odds

    # Rivals progress, launch (more often on our big day), cut prices, fail, or are founded.
    rival_capability, rival_price, rival_active, rival_launched, rival_exited = rivals.advance(
        state.rival_capability, state.rival_api_price_usd_per_mtok, state.rival_active,
        model.launched, state.sentiment, hit, spin_out_now, model.capability, draws, params,
    )

    # Users and developers choose among labs (sticky), remembering last quarter's service.
    inc = world.incident_effects
    brand_shift = (
        BRAND_FADE_PER_QUARTER * state.brand_shift + hit.brand + incident * inc.brand
        - ((d.term_sheet == SOVEREIGN) & (d.equity_raise_usd > 0)) * params.sovereign_brand_cost
    )
    stick = params.share_stickiness
    log_quality = pm.log(np.maximum(state.service_quality, 1e-3))
    target, rivals_target = demand.consumer_attractiveness_shares(
        model.capability, log_quality, d.free_tier_generosity, brand_shift, rival_capability, rival_active, params
    )
    consumer_share = demand.sticky(state.consumer_share, target, stick)
    rival_consumer_share = demand.sticky(state.rival_consumer_share, rivals_target, stick)
    target, rivals_target = demand.api_attractiveness_shares(
        model.capability, log_quality, d.api_price_usd_per_mtok, rival_capability, rival_price, rival_active, params
    )
    api_share = demand.sticky(state.api_share, target, stick)
    rival_api_share = demand.sticky(state.rival_api_share, rivals_target, stick)
    average_api_price = api_share * d.api_price_usd_per_mtok + row_sum(rival_api_share * rival_price)

    users = consumer_market * consumer_share
    capability_start = capability_of(params.scenario.company.flagship_training_cost_usd, params.training_price_usd_per_a100e_hour)
    best_rival_now = row_max(np.where(rival_active, rival_capability, -np.inf))
    conversion = demand.paid_conversion(
        d.subscription_price_usd_per_month, d.free_tier_generosity, model.capability, capability_start,
        best_rival_now, params,
    )
    subscribers_wanted = demand.sticky(state.subscribers, users * conversion, params.subscriber_stickiness)
    api_wanted = demand.api_tokens_demanded(api_market, api_share, average_api_price, params)

    # Serving: capacity limits (and outages) degrade service; unserved demand is lost.
    tokens_wanted = demand.consumer_tokens(users, subscribers_wanted, d.free_tier_generosity, params) + api_wanted
    serving = compute.serve(
        tokens_wanted, state.serving_tokens_per_a100e_hour, fleet.owned_a100e * (1.0 - hit.capacity_loss),
        d.gpu_rent_a100e * (1.0 - hit.capacity_loss), d.training_share, lim.rent_price_usd_per_a100e_hour, params,
    )
    subscribers = subscribers_wanted * serving.quality
    api_tokens = api_wanted * serving.quality

    # Revenue, less the cloud partner's share; costs; compute credits pay rent first.
    gross_subscriptions = subscribers * d.subscription_price_usd_per_month * 3.0
    gross_api = api_tokens * d.api_price_usd_per_mtok / 1e6
    gross_revenue = gross_subscriptions + gross_api
    kept = 1.0 - deal.revenue_share
    subscription_revenue = gross_subscriptions * kept
    api_revenue = gross_api * kept
    revenue = subscription_revenue + api_revenue
    training_cost = d.training_budget_usd + committed + serving.owned_training_cost_usd
    operating_cost = (serving.inference_cost_usd + serving.idle_capacity_cost_usd + training_cost + people.staff_cost_usd
                      + d.retention_grants_usd)
    rent_bill = d.gpu_rent_a100e * (1.0 - hit.capacity_loss) * HOURS_PER_QUARTER * lim.rent_price_usd_per_a100e_hour
    credits = state.compute_credits_usd + deal.credits_usd
    credits_used = np.minimum(credits, rent_bill)
    one_off = hit.cash_usd + incident * inc.cash_usd

    # The books: the cash identity, automatic draws on the credit line, missed deadlines.
    # The line counts this quarter's round: banks lend beside it.
    credit_limit = finance.credit_limit(state.equity_raised_total_usd + d.equity_raise_usd, params, quarter)
    books = finance.settle(
        state.cash_usd, state.debt_usd + turn.turned_to_debt_usd, revenue, operating_cost, fleet.capex_usd,
        fleet.depreciation_usd, deal.cash_usd, credits_used, d.credit_draw_usd, d.credit_repay_usd, one_off,
        credit_limit, params,
    )

    # Sentiment moves with our launch, rivals' failures and the quarter's news.
    mood = sentiment.advance(
        state.sentiment, model.launched, model.launch_gain, row_sum(rival_exited.astype(np.float64)),
        hit.sentiment + incident * inc.sentiment, draws, world,
    )
    new_valuation = mood * finance.valuation(revenue, state.revenue_history_usd[:, 0], params)

    # The game ends on an accepted acquihire (the buyer takes on the quarter: that is the
    # way out of bankruptcy), bankruptcy, a listing, or the last quarter.
    last_quarter = quarter >= params.quarters - 1
    outcome = np.where(d.accept_acquisition, ACQUIRED, np.where(books.bankrupt, BANKRUPT, np.where(
        d.ipo, IPO, SURVIVED if last_quarter else PLAYING))).astype(np.int8)
    # An acquisition values the founders' stake at the offer.
    new_valuation = np.where(outcome == ACQUIRED, lim.acquihire_offer_usd, new_valuation)

    after = State(
        seed=state.seed,
        quarter=state.quarter + 1,
        outcome=outcome,
        outcome_quarter=np.where(outcome != PLAYING, quarter, -1).astype(np.int64),
        cash_usd=books.cash_usd,
        debt_usd=books.debt_usd,
        founders_stake=turn.founders_stake,
        valuation_usd=new_valuation,
        equity_raised_total_usd=state.equity_raised_total_usd + d.equity_raise_usd,
        compute_credits_usd=credits - credits_used,
        revenue_share=deal.revenue_share,
        for_profit=turn.for_profit,
        convertible_equity_usd=turn.convertible_equity_usd,
        convertible_dilution=turn.convertible_dilution,
        conversion_due_quarter=turn.due_quarter,
        sentiment=mood,
        gpu_squeeze=np.clip(SQUEEZE_FADE_PER_QUARTER * state.gpu_squeeze + hit.gpu_squeeze, 0.0, 0.9),
        brand_shift=brand_shift,
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
        rival_active=rival_active,
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
        training_budget_usd=d.training_budget_usd.astype(np.float64),
        flagship_compute_a100e_hours=model.flagship_compute,
        run_compute_a100e_hours=model.run_compute,
        capability=model.capability,
        generation=model.generation,
        launch_pending=model.launch_pending,
        headcount=people.headcount,
        key_people_present=people.key_people_present,
        key_people_departed=people.key_people_departed,
        spun_out=state.spun_out | spin_out_now,
        morale=np.clip(people.morale + incident * inc.morale, 0.0, 1.0),
        market_pay_usd_per_year=people.market_pay_usd_per_year,
    )
    new_state = state.where(live, after)

    report: Report = {
        "refused": refused,
        "played": live,
        "revenue_usd": revenue,
        "gross_revenue_usd": gross_revenue,
        "subscription_revenue_usd": subscription_revenue,
        "api_revenue_usd": api_revenue,
        "inference_cost_usd": serving.inference_cost_usd,
        "idle_capacity_cost_usd": serving.idle_capacity_cost_usd,
        "training_cost_usd": training_cost,
        "staff_cost_usd": people.staff_cost_usd + d.retention_grants_usd,
        "hiring_cost_usd": people.hiring_cost_usd,
        "operating_cost_usd": operating_cost,
        "depreciation_usd": fleet.depreciation_usd,
        "capex_usd": fleet.capex_usd,
        "interest_usd": books.interest_usd,
        "one_off_usd": one_off,
        "net_income_usd": books.net_income_usd,
        "equity_raised_usd": d.equity_raise_usd,
        "equity_cash_usd": deal.cash_usd,
        "compute_credits_used_usd": credits_used,
        "debt_drawn_usd": books.debt_drawn_usd,
        "automatic_draw_usd": books.automatic_draw_usd,
        "debt_repaid_usd": d.credit_repay_usd,
        "turned_to_debt_usd": turn.turned_to_debt_usd,
        "api_tokens_served": api_tokens,
        "paid_conversion": conversion,
        "service_quality": serving.quality,
        "utilisation": serving.utilisation,
        "serving_hours_needed": serving.hours_needed,
        "training_compute_a100e_hours": model.training_compute_a100e_hours,
        "launched": model.launched,
        "launch_gain": model.launch_gain,
        "model_work": model.model_work,
        "safety_incident": incident,
        "converted": turn.converted_now,
        "spin_out": spin_out_now,
        "next_generation_compute_a100e_hours": model.next_generation_compute,
        "departures": people.departures,
        "attrition_rate": people.attrition_rate,
        "key_people_left": people.key_people_left,
        "rival_launched": rival_launched,
        "rival_exited": rival_exited,
        "event_card": hit.card,
        "average_api_price_usd_per_mtok": average_api_price,
    }
    # Rows that did not play report zero flows, so sums over a batch stay honest.
    if live.all():
        return new_state, report
    for key, value in report.items():
        if key in ("refused", "played"):
            continue
        report[key] = select_rows(live, value, np.zeros_like(value))
    return new_state, report
