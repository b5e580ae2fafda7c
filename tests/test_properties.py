"""Random valid decisions for whole games: no NaN or inf, the cash identity holds every
quarter, and refused decisions change nothing."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import initial_state, limits, refusals_for_row, step
from game.engine.decisions import Decisions
from game.engine.kernel.tree import by_name
from game.engine.mechanics.outcome import PLAYING

QUARTERS = 24


def draw_decisions(data, state, lim):
    """Decisions anywhere inside this quarter's limits (the action mask)."""
    f = lambda lo, hi: data.draw(st.floats(lo, hi, allow_nan=False))  # noqa: E731
    cash = max(float(state.finance.cash_usd[0]), 0.0)
    sheet = data.draw(st.integers(0, 3))
    equity = f(0, float(lim.term_sheet_max_usd[0, sheet])) if sheet else 0.0
    draw = f(0, float(lim.max_credit_draw_usd[0]))
    budget = cash + equity + draw
    gpu_price = float(lim.gpu_price_usd_per_a100e[0])
    training = f(0, budget * 0.5)
    gpus = f(0, min(float(lim.max_gpu_purchase_a100e[0]), budget * 0.4 / gpu_price))
    repay = f(0, min(float(state.finance.debt_usd[0]), budget * 0.05))
    grants = f(0, budget * 0.05)
    # Hiring costs cash up front too: only as many hires as the rest of the budget pays
    # for (it matters when cash is down to a few million).
    distillation = f(0, budget * 0.05)
    left = budget - repay - training - distillation - gpus * gpu_price - grants
    most_hires = int(max(left, 0.0) / lim.hiring_cost_usd_per_hire / 4)
    hires = [data.draw(st.integers(0, min(80, most_hires))) for _ in range(4)]
    layoffs = [data.draw(st.integers(0, int(h) // 4)) for h in state.talent.headcount[0]]
    one = lambda x: np.array([float(x)])  # noqa: E731
    return Decisions(
        term_sheet=np.array([sheet]), equity_raise_usd=one(equity), credit_draw_usd=one(draw),
        credit_repay_usd=one(repay),
        gpu_purchase_a100e=one(gpus), gpu_rent_a100e=one(f(0, float(lim.max_gpu_rent_a100e[0]))),
        training_share=one(f(0, 1)), training_budget_usd=one(training),
        subscription_price_usd_per_month=one(f(1, 200)), api_price_usd_per_mtok=one(f(0.01, 100)),
        free_tier_generosity=one(f(0.25, 2)), free_tier_small_model_share=one(f(0, 1)),
        distillation_budget_usd=one(distillation), hires=np.array([hires], dtype=float),
        layoffs=np.array([layoffs], dtype=float), pay_level=one(f(0.5, 3)),
        retention_grants_usd=one(grants), safety_testing_weeks=one(f(1, 26)),
        convert_to_for_profit=np.array([data.draw(st.booleans())]) & ~state.funding.for_profit,
        accept_acquisition=np.array([data.draw(st.booleans())]) & (lim.acquihire_offer_usd > 0),
        ipo=np.array([data.draw(st.booleans())]) & lim.ipo_allowed,
        accept_offer=np.array([data.draw(st.booleans())]),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 2**32))
def test_random_valid_games_keep_the_books(params, data, seed):
    state = initial_state(params, [seed])
    for quarter in range(QUARTERS):
        if state.outcome.outcome[0] != PLAYING:
            break
        lim = limits(state, params, quarter)
        d = draw_decisions(data, state, lim)
        after, r = step(state, d, params, quarter)
        assert not r.refused[0], refusals_for_row(state, d, params, quarter)
        for name, value in by_name(after).items():
            if value.dtype.kind == "f":
                assert np.all(np.isfinite(value)), f"{name} is not finite in {quarter}"
        flows = by_name(r)
        for key, value in flows.items():
            assert np.all(np.isfinite(value.astype(float))), key
        expected = (state.finance.cash_usd + flows["revenue_usd"] - flows["operating_cost_usd"] - flows["capex_usd"]
                    + flows["equity_cash_usd"] + flows["compute_credits_used_usd"] + flows["debt_drawn_usd"]
                    - flows["debt_repaid_usd"] - flows["interest_usd"] + flows["one_off_usd"])
        assert np.allclose(after.finance.cash_usd, expected, rtol=1e-9, atol=1.0), "cash identity broken"
        assert np.allclose(after.finance.debt_usd, state.finance.debt_usd + flows["turned_to_debt_usd"]
                           + flows["debt_drawn_usd"] - flows["debt_repaid_usd"], atol=1.0)
        state = after


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    field=st.sampled_from(["subscription_price_usd_per_month", "api_price_usd_per_mtok", "pay_level",
                           "gpu_rent_a100e", "training_budget_usd", "free_tier_generosity"]),
    value=st.one_of(st.floats(-1e12, 0.0, exclude_max=True), st.floats(1e7, 1e15), st.just(float("nan")),
                    st.just(float("inf"))),
)
def test_refused_decisions_change_nothing(params, seed, field, value):
    from game.engine import hold

    state = initial_state(params, [seed])
    d = hold(state).evolve(**{field: np.array([value])})
    after, r = step(state, d, params, 0)
    if r.refused[0]:
        before = by_name(state)
        for name, value in by_name(after).items():
            assert np.array_equal(value, before[name], equal_nan=True), name
    else:
        assert after.quarter[0] == 1


# -- a scenario that validates plays ------------------------------------------------------
# Scenario numbers drawn anywhere inside their schema bounds (log-uniform where the range
# spans orders of magnitude): market sizes, growth, prices, throughput, cash.
SCENARIO_DRAWS = (
    ("market.consumer_users_start", 1e3, 1e10), ("market.consumer_growth_per_quarter", -0.5, 2.0),
    ("market.api_tokens_per_quarter_start", 1e6, 1e19), ("market.api_growth_per_quarter", -0.5, 2.0),
    ("market.api_reference_price_usd_per_mtok", 1e-6, 1000.0), ("market.subscription_reference_price_usd_per_month", 1e-6, 1000.0),
    ("compute.serving_tokens_per_a100e_hour", 1e-3, 1e12), ("compute.rent_price_usd_per_a100e_hour", 1e-6, 100.0),
    ("company.cash_usd", 0.0, 1e13),
)
# (the markets' ceilings are drawn above their starts, and the lab's users inside its
# market, so that most draws validate and the test plays them rather than refusing them)


def _draw_number(data, lo: float, hi: float) -> float:
    if lo > 0 and hi / lo > 1e3:  # log-uniform over the orders of magnitude
        return float(10 ** data.draw(st.floats(np.log10(lo), np.log10(hi))))
    return data.draw(st.floats(lo, hi, allow_nan=False))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_a_scenario_that_validates_plays_to_the_end(data):
    """Validates => plays: every built-in strategy, seeds 1 and 2 (the validator itself
    played seed 0), the whole game, every number finite."""
    import yaml
    from hypothesis import assume

    from game.engine import build_params
    from game.errors import ScenarioError
    from game.play.runner import run
    from game.scenarios import load_scenario, parse_scenario
    from game.strategies import STRATEGIES

    doc = yaml.safe_load(load_scenario("openai-2024").text)
    for path, lo, hi in SCENARIO_DRAWS:
        section, key = path.split(".")
        doc[section][key] = _draw_number(data, lo, hi)
    market, company = doc["market"], doc["company"]
    market["consumer_users_ceiling"] = min(market["consumer_users_start"] * 10 ** data.draw(st.floats(0.01, 3.0)), 1e11)
    market["api_tokens_ceiling_per_quarter"] = min(market["api_tokens_per_quarter_start"] * 10 ** data.draw(st.floats(0.01, 3.0)), 1e22)
    company["monthly_active_users"] = market["consumer_users_start"] * company["consumer_share"] * data.draw(st.floats(0.1, 1.0))
    company["subscribers"] = company["monthly_active_users"] * data.draw(st.floats(0.0, 0.1))
    try:
        sc = parse_scenario(yaml.safe_dump(doc).encode(), "drawn.yaml").scenario
    except ScenarioError:
        assume(False)  # refused, with its reasons: nothing to play
    params = build_params(sc)
    for name, strategy in STRATEGIES.items():
        with np.errstate(all="ignore"):
            history = run(params, strategy, [1, 2], keep_history=True).history
        for quarter, _, state, report in history:
            for key, value in {**by_name(state), **by_name(report)}.items():
                assert value.dtype.kind != "f" or np.all(np.isfinite(value)), (name, quarter, key)
