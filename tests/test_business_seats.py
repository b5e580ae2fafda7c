"""Business seats (facts §1 'enterprise use'): companies buy seats on the chatbot their staff
use, pay a multiple of the subscription price, answer that price as subscribers do, give
seats up at once and sign new ones with a lag; a format-4 file has none and plays as before."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import build_params
from game.engine.kernel.tree import by_name
from game.models.scenario import FORMAT_4_RULES
from game.play.runner import run
from game.play.session import Game
from game.scenarios import load_scenario
from game.strategies import STRATEGIES


def _quarter(loaded, **changes):
    game = Game(loaded, seed=3)
    decisions = game.suggested_decisions().model_copy(update=changes)
    return game, game.end_quarter(decisions).view


def test_a_seat_pays_the_multiple_of_the_subscription_price(loaded):
    _, view = _quarter(loaded)
    multiple = loaded.scenario.market.enterprise_seat_price_multiple
    assert view.enterprise_revenue_usd > 0
    assert view.enterprise_revenue_usd == pytest.approx(view.enterprise_seats * multiple * view.subscription_price_usd_per_month * 3, rel=1e-12)
    assert view.revenue_usd == pytest.approx(view.subscription_revenue_usd + view.enterprise_revenue_usd + view.api_revenue_usd, rel=1e-12)


def test_a_dearer_seat_loses_seats_within_the_quarter_and_revenue_past_the_price_scale(loaded):
    base = loaded.scenario.market.subscription_reference_price_usd_per_month
    scale = loaded.scenario.market.subscription_price_scale_usd_per_month
    seats, revenue = [], []
    for price in (base, base + scale, base + 3 * scale):
        _, view = _quarter(loaded, subscription_price_usd_per_month=price)
        seats.append(view.enterprise_seats)
        revenue.append(view.enterprise_revenue_usd)
    start = loaded.scenario.market.enterprise_seats_start * loaded.scenario.company.consumer_share
    assert seats[0] > seats[1] > seats[2] and seats[1] < start  # given up at once, not a quarter later
    assert revenue[2] < revenue[1]  # past the price scale a dearer seat brings less


def test_seats_follow_our_share_of_users_and_the_sales_team(loaded):
    _, with_sales = _quarter(loaded)
    game = Game(loaded, seed=3)
    suggested = game.suggested_decisions()
    gtm = game.status().headcount_by_function["go_to_market"]
    no_sales = {"layoffs": suggested.layoffs.model_copy(update={"go_to_market": gtm}),
                "hires": suggested.hires.model_copy(update={"go_to_market": 0})}
    without = game.end_quarter(suggested.model_copy(update=no_sales)).view
    assert without.enterprise_seats < 0.5 * with_sales.enterprise_seats


def test_a_format_4_file_has_no_business_seats_and_plays_as_before():
    sc = load_scenario("openai-2024").scenario
    old = sc.model_copy(update={"market": sc.market.model_copy(update=FORMAT_4_RULES["market"])})
    games = run(build_params(old), STRATEGIES["historical"], np.arange(8), keep_history=True)
    for _, _, state, report in games.history:
        assert not by_name(report)["enterprise_revenue_usd"].any()
        assert not by_name(state)["enterprise_seats"].any()
