"""The world's mechanics, each seen to do what its facts row says."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from game.engine import build_params, hold, initial_state, limits, step
from game.engine.decisions import STRATEGIC, SOVEREIGN, VENTURE
from game.engine.kernel.tree import replace_leaves
from game.engine.mechanics.outcome import ACQUIRED
from game.models.scenario import Scenario
from game.engine.view import quarter_view
from game.text.news import quarter_news
from game.play.runner import run
from game.scenarios import SCENARIO_DIR, load_scenario
from game.strategies import STRATEGIES


def scenario_with(**changes) -> Scenario:
    data = yaml.safe_load((SCENARIO_DIR / "openai-2024.yaml").read_text())
    for dotted, value in changes.items():
        node = data
        *path, last = dotted.split("__")
        for key in path:
            node = node[key]
        node[last] = value
    return Scenario.model_validate(data)


def test_timeline_events_reach_every_game(params):
    result = run(params, STRATEGIES["historical"], np.arange(50), keep_history=True)
    q, _, state, report = result.history[0]
    for i in (0, 17, 49):
        headlines = [n["headline"] for n in quarter_news(params.scenario, quarter_view(params, q, state, report, i))]
        assert "A free open model arrives for research and commercial use" in headlines


def test_deck_draws_at_most_one_card_of_each_scope_per_quarter_and_cards_vary_with_seed(params):
    result = run(params, STRATEGIES["historical"], np.arange(400), keep_history=True)
    company = np.stack([r.events.event_card for _, _, _, r in result.history])  # (quarters, games): -1 or one card
    market = np.stack([r.events.market_card for _, _, _, r in result.history])
    scopes = np.array([e.scope for e in params.scenario.world.deck])
    assert set(scopes[company[company >= 0]]) == {"company"} and set(scopes[market[market >= 0]]) == {"market"}
    per_card = np.bincount(np.concatenate([company[company >= 0], market[market >= 0]]), minlength=len(params.events.deck))
    assert (per_card > 0).sum() >= 15, per_card  # the deck is played, not just one card
    assert 0.2 < (company >= 0).mean() < 0.6 and 0.3 < (market >= 0).mean() < 0.7  # most quarters draw some card, not all


@pytest.mark.parametrize("scenario", ["openai-2024", "challenger-2024"])
def test_market_cards_are_the_same_whatever_the_lab_decides(scenario):
    """The classroom's same luck (issue 14): a market card comes from the seed alone, so two
    very different strategies on one seed meet the same market news in the same quarter,
    while their company cards follow each lab's situation. The one exception is a card about
    a rival that has left one of the two markets (rivals' exits follow sentiment): no card."""
    loaded = load_scenario(scenario)
    p = build_params(loaded.scenario)
    seeds = np.arange(150)
    a, b = (run(p, STRATEGIES[name], seeds, keep_history=True).history for name in ("safety-first", "blitzscale"))
    compared = company_differs = 0
    start_a = start_b = initial_state(p, seeds)
    for (_, _, state_a, ra), (_, _, state_b, rb) in zip(a, b):
        both = ra.played & rb.played
        ma, mb = ra.events.market_card, rb.events.market_card
        for row in np.flatnonzero(both & (ma != mb)):
            # Where they differ, one game drew no card: the other's card is about a rival
            # that was not in its market when the quarter began.
            card, lacking = (mb[row], start_a) if ma[row] == -1 else (ma[row], start_b)
            assert -1 in (ma[row], mb[row]), (row, ma[row], mb[row])
            rival = p.events.deck[card].needs_rival
            assert rival >= 0 and not lacking.rivals.rival_active[row, rival]
        compared += int((ma[both] >= 0).sum())
        company_differs += int((ra.events.event_card[both] != rb.events.event_card[both]).sum())
        start_a, start_b = state_a, state_b
    assert compared > 500 and company_differs > 50  # both halves of the deck were exercised


def test_news_names_its_facts_row(params):
    result = run(params, STRATEGIES["historical"], np.arange(30), keep_history=True)
    news = [n for q, _, s, r in result.history for i in range(30)
            for n in quarter_news(params.scenario, quarter_view(params, q, s, r, i))]
    assert news and all(n["fact"].startswith("§") for n in news)


def test_venture_rounds_close_only_above_the_sentiment_threshold(params):
    state = initial_state(params, [1, 2])
    state = replace_leaves(state, sentiment=np.array([1.0, 0.5]))
    lim = limits(state, params, 0)
    assert lim.term_sheet_max_usd[0, VENTURE] > 0 and lim.term_sheet_max_usd[1, VENTURE] == 0
    assert lim.term_sheet_max_usd[1, SOVEREIGN] > 0  # sovereign money stays when others leave
    assert lim.term_sheet_max_usd[0, STRATEGIC] > lim.term_sheet_max_usd[0, VENTURE]


def test_strategic_round_pays_in_credits_and_takes_a_revenue_share(params):
    state = initial_state(params, [3])
    lim = limits(state, params, 0)
    amount = float(lim.term_sheet_max_usd[0, STRATEGIC])
    d = hold(state).evolve(term_sheet=np.array([STRATEGIC]), equity_raise_usd=np.array([amount]))
    after, report = step(state, d, params, 0)
    assert after.funding.revenue_share[0] > 0
    assert report.funding.equity_cash_usd[0] == pytest.approx(amount * (1 - params.funding.strategic_compute_credit_share))
    assert report.finance.compute_credits_used_usd[0] > 0  # credits paid this quarter's rent first
    assert after.funding.founders_stake[0] < state.funding.founders_stake[0]


def test_missed_conversion_deadline_turns_equity_into_debt_that_falls_due(params):
    state = initial_state(params, [4])
    d = hold(state).evolve(term_sheet=np.array([VENTURE]), equity_raise_usd=np.array([1e9]))
    state, _ = step(state, d, params, 0)
    assert state.funding.conversion_due_quarter[0] == params.funding.conversion_deadline_quarters
    diluted = state.funding.founders_stake[0]
    turned, repaid, interest = 0.0, 0.0, 0.0
    deadline, parts = params.funding.conversion_deadline_quarters, params.finance.investor_claim_repay_quarters
    for quarter in range(1, deadline + parts + 1):
        # A lab that spends little (no GPUs, no training) lives to the deadline and beyond.
        waiting = hold(state).evolve(gpu_rent_a100e=np.zeros(1), training_budget_usd=np.zeros(1))
        state, report = step(state, waiting, params, quarter)
        assert not report.refused[0] and state.outcome.outcome[0] == 0, quarter
        turned += report.funding.turned_to_debt_usd[0]
        repaid += report.finance.claim_repaid_usd[0]
        interest += report.finance.interest_usd[0] if quarter > deadline else 0.0
        if quarter == deadline:
            assert state.finance.investor_claim_usd[0] == pytest.approx(1e9)  # owed, not yet paid
            assert state.funding.founders_stake[0] > diluted  # the investors' shares went back
    assert turned == pytest.approx(1e9)
    assert state.finance.investor_claim_usd[0] == pytest.approx(0.0, abs=1.0)  # repaid in `parts` quarters
    assert repaid == pytest.approx(1e9)
    assert interest > 0  # the claim bears interest while it is owed (the lab has no other debt)


def test_key_people_leave_and_found_a_rival():
    sc = scenario_with(world__spin_out_after_departures=1)
    params = build_params(sc)
    result = run(params, STRATEGIES["historical"], np.arange(200), keep_history=True)
    spun = result.final.talent.spun_out
    assert spun.any(), "over 24 quarters some of 200 games lose a key person"
    k = params.rivals.spin_out_rival
    active = result.final.rivals.rival_active
    assert np.all(active[spun, k]) and not np.any(active[~spun, k])
    assert np.all(result.final.talent.key_people_departed[spun] >= 1)


def test_rushed_launches_cause_more_incidents(params):
    def incidents(weeks):
        sc = scenario_with(historical__safety_testing_weeks=weeks)
        r = run(build_params(sc), STRATEGIES["historical"], np.arange(500), keep_history=True)
        return sum(int(rep.safety.safety_incident.sum()) for _, _, _, rep in r.history)

    assert incidents(1.0) > 2 * incidents(12.0)


def test_acquihire_offer_appears_in_distress_and_ends_the_game(params):
    state = replace_leaves(
        initial_state(params, [5]),
        cash_usd=np.array([1e8]), last_net_cash_flow_usd=np.array([-1e9])
    )
    lim = limits(state, params, 0)
    offer = lim.acquihire_offer_usd[0]
    assert offer == pytest.approx(params.outcome.acquihire_offer_share_of_raised * state.funding.equity_raised_total_usd[0])
    take = hold(state).evolve(accept_acquisition=np.array([True]), training_budget_usd=np.array([0.0]))
    after, _ = step(state, take, params, 0)
    assert after.outcome.outcome[0] == ACQUIRED and after.finance.valuation_usd[0] == pytest.approx(offer)


def test_credit_line_needs_a_round(params):
    state = initial_state(params, [6])
    assert limits(state, params, 5).max_credit_draw_usd[0] == 0  # open by date, but no round yet
    raised = replace_leaves(state, equity_raised_total_usd=state.funding.equity_raised_total_usd + 1e9)
    assert limits(raised, params, 5).max_credit_draw_usd[0] == params.finance.credit_line_usd


def test_gpu_shortage_cuts_supply_and_raises_prices(params):
    state = initial_state(params, [7])
    calm, squeezed = limits(state, params, 0), limits(replace_leaves(state, gpu_squeeze=np.array([0.5])), params, 0)
    assert squeezed.max_gpu_purchase_a100e[0] < calm.max_gpu_purchase_a100e[0]
    assert squeezed.gpu_price_usd_per_a100e[0] > calm.gpu_price_usd_per_a100e[0]
