"""One quarter for a whole batch of games: step(state, decisions, params, quarter).

Only wiring: each line below is one mechanic's move, in the order the quarter happens,
taking what earlier moves produced by keyword. The arithmetic is in the mechanics
(game/engine/mechanics/). Rows whose decisions are refused, or whose game is over, come
out exactly as they went in.
"""

from __future__ import annotations

import numpy as np

from game.engine.decisions import Decisions
from game.engine.kernel.rng import ProjectedDraws, QuarterDraws
from game.engine.kernel.tree import where
from game.engine.mechanics import (
    compute, demand, events, finance, funding, outcome, questions, revenue, rivals, safety, sentiment, small_model, talent,
    training,
)
from game.engine.params import Params
from game.engine.rules import Limits, limits, refused_mask
from game.engine.state import Report, State


def step(state: State, d: Decisions, params: Params, quarter: int, lim: Limits | None = None) -> tuple[State, Report]:
    """Play one quarter for every row. `lim` may pass in this quarter's limits if the
    caller already computed them for its strategy (they depend only on state and quarter)."""
    return _guarded(state, d, params, quarter, lim, QuarterDraws)


def project(state: State, d: Decisions, params: Params, quarter: int) -> tuple[State, Report]:
    """The quarter these decisions would give with no luck (ProjectedDraws: no surprise
    event, incident or departure, rivals' median quarter, noise at its mean). The
    scenario's timeline still happens: it is written in the file, not drawn. The same
    for every seed, so a preview cannot be used to try decisions against the real draws."""
    return _guarded(state, d, params, quarter, None, ProjectedDraws)


def _guarded(state, d, params, quarter, lim, draws_type) -> tuple[State, Report]:
    # Refused rows are computed too (array-first) and then thrown away; their nonsense
    # (a price of 0, a NaN) must not spray warnings. Accepted rows are proven finite by
    # tests/test_properties.py.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _step(state, d.in_engine_layout(), params, quarter, lim or limits(state, params, quarter),
                     draws_type(state.seed, quarter))


def _step(state: State, d: Decisions, params: Params, quarter: int, lim: Limits, draws: QuarterDraws) -> tuple[State, Report]:
    refused = refused_mask(state, d, params, quarter, lim)
    live = outcome.playing(state.outcome) & ~refused

    # Events strike: the scenario's timeline, and a deck card more likely in some situations.
    neglected = safety.neglected(headcount=state.talent.headcount, params=params.safety)
    situations = events.situation_multipliers(
        sentiment=state.sentiment.sentiment, runway_quarters=state.finance.runway_quarters, morale=state.talent.morale,
        safety_neglected=neglected, consumer_share=state.demand.consumer_share, params=params.events)
    hit = events.timeline(live=live, key_people_present=state.talent.key_people_present,
                          rival_active=state.rivals.rival_active, quarter=quarter, params=params.events)
    # Last quarter's question is answered (its answer's effects join the events) before the
    # cards are drawn, so a card never takes someone the answer already took; this quarter's
    # card, if it asks, waits for next quarter's decisions.
    answers = questions.answer(hit=hit, asked=state.questions.asked, accept_offer=d.accept_offer, live=live,
                               rival_active=state.rivals.rival_active, params=params.questions)
    events.cards(hit, situations=situations, live=live, rival_active=state.rivals.rival_active, draws=draws,
                 params=params.events)
    asked = questions.ask(hit=hit, live=live, quarter=quarter, params=params.questions)

    # Markets grow; the lab may take a round and turn for-profit.
    markets = demand.grow_markets(state=state.demand, hit=hit, draws=draws, params=params.demand)
    deal = funding.advance(
        state=state.funding, term_sheet=d.term_sheet, equity_raise_usd=d.equity_raise_usd,
        convert_to_for_profit=d.convert_to_for_profit, pre_money_usd=lim.term_sheet_pre_money_usd, quarter=quarter,
        params=params.funding)

    # People come and go; key people's departures slow research and may found a rival.
    poaching = talent.poaching_pressure(
        capability=state.training.capability, rival_capability=state.rivals.rival_capability,
        rival_active=state.rivals.rival_active, params=params.talent)
    people = talent.advance(
        state=state.talent, hires=d.hires, layoffs=d.layoffs, pay_level=d.pay_level,
        retention_grants_usd=d.retention_grants_usd, poaching=poaching, safety_neglected=neglected, hit=hit,
        conversion_morale_shock=deal.morale_shock, draws=draws, params=params.talent)

    # GPUs arrive and retire; the next flagship trains, and may launch (and misbehave).
    fleet = compute.advance_fleet(
        state=state.compute, gpu_purchase_a100e=d.gpu_purchase_a100e, gpu_price_usd_per_a100e=lim.gpu_price_usd_per_a100e,
        training_share=d.training_share, squeeze_hit=hit.gpu_squeeze, params=params.compute)
    model = training.advance(
        state=state.training, training_budget_usd=d.training_budget_usd, safety_testing_weeks=d.safety_testing_weeks,
        owned_training_hours=fleet.owned_training_hours, research_multiplier=people.research_multiplier, draws=draws,
        quarter=quarter, params=params.training)
    incident = safety.advance(
        launched=model.flows.launched, safety_testing_weeks=d.safety_testing_weeks, safety_neglected=neglected,
        draws=draws, params=params.safety)
    people_after = talent.shaken(state=people.state, morale_shock=incident.morale)
    # The small model falls behind a new flagship; distillation catches it up and cheapens it.
    small = small_model.advance(
        state=state.small_model, distillation_budget_usd=d.distillation_budget_usd,
        free_tier_small_model_share=d.free_tier_small_model_share, launch_gain=model.flows.launch_gain,
        flagship_cost_usd=model.state.flagship_compute_a100e_hours * params.training.training_price_usd_per_a100e_hour[quarter],
        engineering_factor=people.engineering_factor, params=params.small_model)

    # Rivals progress, launch (more often on our big day), cut prices, fail, or are founded.
    moves = rivals.advance(
        state=state.rivals, we_launched=model.flows.launched, sentiment=state.sentiment.sentiment, hit=hit,
        spin_out_now=people.flows.spin_out, our_capability=model.state.capability, draws=draws, params=params.rivals)

    # Users and developers choose; tokens are served as capacity allows; what is served pays.
    choice = demand.choose(
        state=state.demand, markets=markets, subscribers_before=state.revenue.subscribers,
        enterprise_seats_before=state.revenue.enterprise_seats,
        capability=model.state.capability, service_quality=state.compute.service_quality,
        rival_capability=moves.state.rival_capability, rival_price_usd_per_mtok=moves.state.rival_api_price_usd_per_mtok,
        rival_active=moves.state.rival_active, free_tier_generosity=d.free_tier_generosity,
        subscription_price_usd_per_month=d.subscription_price_usd_per_month, api_price_usd_per_mtok=d.api_price_usd_per_mtok,
        brand_hit=hit.brand, incident_brand=incident.brand, deal_brand_cost=deal.brand_cost,
        go_to_market_factor=people.go_to_market_factor, free_tier_small_model_share=small.routed,
        free_tier_penalty=small_model.free_tier_penalty(free_tier_behind=small.free_tier_behind, params=params.small_model),
        upgrade_pull=small_model.upgrade_pull(free_tier_behind=small.free_tier_behind, params=params.small_model),
        params=params.demand)
    serving = compute.serve(
        state=state.compute, fleet=fleet, tokens_wanted=choice.tokens_wanted,
        small_model_tokens_wanted=choice.small_model_tokens_wanted, small_model_cost_ratio=small.state.cost_ratio,
        gpu_rent_a100e=d.gpu_rent_a100e,
        training_share=d.training_share, capacity_loss=hit.capacity_loss,
        rent_price_usd_per_a100e_hour=lim.rent_price_usd_per_a100e_hour, model_work=model.flows.model_work,
        engineering_factor=people.engineering_factor, params=params.compute)
    sales = revenue.advance(
        subscribers_wanted=choice.subscribers_wanted, enterprise_seats_wanted=choice.enterprise_seats_wanted,
        api_tokens_wanted=choice.api_tokens_wanted, service_quality=serving.state.service_quality,
        subscription_price_usd_per_month=d.subscription_price_usd_per_month,
        enterprise_seat_price_multiple=params.demand.enterprise_seat_price_multiple,
        api_price_usd_per_mtok=d.api_price_usd_per_mtok, revenue_share=deal.state.revenue_share)

    # The books: the cash identity, automatic draws on the credit line (banks lend beside
    # this quarter's round), missed deadlines.
    books = finance.settle(
        state=state.finance, revenue_usd=sales.flows.revenue_usd, inference_cost_usd=serving.flows.inference_cost_usd,
        idle_capacity_cost_usd=serving.flows.idle_capacity_cost_usd, training_budget_usd=d.training_budget_usd,
        committed_usd=model.committed_usd, owned_training_cost_usd=serving.owned_training_cost_usd,
        distillation_usd=small.flows.distillation_usd,
        payroll_usd=people.payroll_usd, retention_grants_usd=d.retention_grants_usd, capex_usd=fleet.capex_usd,
        depreciation_usd=fleet.depreciation_usd, equity_cash_usd=deal.flows.equity_cash_usd,
        new_credits_usd=deal.credits_usd, rent_bill_usd=serving.rent_bill_usd, credit_draw_usd=d.credit_draw_usd,
        credit_repay_usd=d.credit_repay_usd, turned_to_debt_usd=deal.flows.turned_to_debt_usd,
        event_cash_usd=hit.cash_usd, incident_cash_usd=incident.cash_usd,
        credit_limit_usd=finance.credit_limit(equity_raised_total_usd=deal.state.equity_raised_total_usd, quarter=quarter,
                                              params=params.finance),
        params=params.finance)

    # Sentiment moves; the game may end; valuation follows revenue, growth and the mood.
    mood = sentiment.advance(
        state=state.sentiment, launched=model.flows.launched, launch_gain=model.flows.launch_gain,
        rival_exited=moves.flows.rival_exited, event_shift=hit.sentiment, incident_shift=incident.sentiment, draws=draws,
        params=params.sentiment)
    end = outcome.advance(accept_acquisition=d.accept_acquisition, bankrupt=books.bankrupt, ipo=d.ipo, quarter=quarter,
                          params=params.outcome)
    money = finance.close(
        state=state.finance, books=books, revenue_usd=sales.flows.revenue_usd, sentiment=mood.sentiment,
        brand_shift=choice.state.brand_shift, acquired=end.outcome == outcome.ACQUIRED, acquihire_offer_usd=lim.acquihire_offer_usd, params=params.finance)

    after = State(
        seed=state.seed, quarter=state.quarter + 1, outcome=end, finance=money, funding=deal.state, sentiment=mood,
        compute=serving.state, training=model.state, small_model=small.state, talent=people_after, demand=choice.state, revenue=sales.state,
        rivals=moves.state, questions=asked,
    )
    report = Report.of(
        refused, live, events=hit.flows, questions=answers, funding=deal.flows, talent=people.flows, compute=serving.flows,
        training=model.flows, small_model=small.flows, safety=incident.flows, rivals=moves.flows, demand=choice.flows, revenue=sales.flows,
        finance=books.flows,
    )
    return where(live, after, state), report
