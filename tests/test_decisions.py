"""A decision out of range is refused with a message naming the field and the limit,
and the game is left exactly as it was."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from game.engine.kernel.tree import by_name
from game.engine.convert import decisions_from_arrays, decisions_to_arrays
from game.errors import DecisionError
from game.text.messages import messages
from game.models.decisions import QuarterDecisions, StaffChange
from game.play.session import Game


@pytest.fixture
def game(loaded):
    return Game(loaded, seed=1)


def snapshot(game):
    return {name: value.copy() for name, value in by_name(game.state).items()}


def assert_unchanged(game, before):
    now = by_name(game.state)
    for name, value in before.items():
        assert np.array_equal(now[name], value), name
    assert game.quarter == 0 and not game.turns


REFUSALS = [
    # (changes to the suggested decisions, text the message must contain)
    ({"subscription_price_usd_per_month": 0.0}, "subscription_price_usd_per_month: 0 is out of range (allowed 1 to 1000)"),
    ({"api_price_usd_per_mtok": 0.0}, "api_price_usd_per_mtok: 0 is out of range (allowed 0.01 to 1000)"),
    ({"free_tier_generosity": 5.0}, "free_tier_generosity: 5 is out of range (allowed 0.25 to 2)"),
    ({"pay_level": 0.1}, "pay_level: 0.1 is out of range (allowed 0.5 to 3)"),
    ({"gpu_purchase_a100e": 5e6}, "gpu_purchase_a100e: 5 M is more than the market can supply this quarter (allowed up to 100,000)"),
    ({"gpu_rent_a100e": 9e6}, "gpu_rent_a100e: 9 M is more than the cloud can rent you (allowed up to 500,000)"),
    ({"training_budget_usd": 5e10}, "training_budget_usd: $50 B here makes $50"),
    ({"credit_draw_usd": 1e9}, "credit_draw_usd: $1 B is more than the undrawn credit line (allowed up to $0.00)"),
    ({"credit_repay_usd": 1e9}, "credit_repay_usd: $1 B is more than the debt (allowed up to $0.00)"),
    ({"equity_raise_usd": 1e12, "term_sheet": 1}, "equity_raise_usd: $1 T is more than the venture term sheet offers (allowed up to $"),
    ({"equity_raise_usd": 1e12, "term_sheet": 2}, "equity_raise_usd: $1 T is more than the strategic cloud partner term sheet offers (allowed up to $"),
    ({"equity_raise_usd": 1e9, "term_sheet": 0}, "equity_raise_usd: $1 B needs a term sheet (choose term_sheet 1, 2 or 3)"),
    ({"accept_acquisition": True}, "accept_acquisition: there is no acquihire offer (offers come when runway is under 2 quarters)"),
    ({"safety_testing_weeks": 0.5}, "safety_testing_weeks: 0.5 is out of range (allowed 1 to 26)"),
    ({"retention_grants_usd": 9e9, "training_budget_usd": 0.0}, "retention_grants_usd: $9 B here makes $9.01 B spent up front (GPUs bought, training, distillation, hiring, retention grants), more than the cash available"),
    ({"training_budget_usd": 1e300}, "training_budget_usd: $1.0e300 here makes $1.0e300 spent up front"),
    ({"gpu_rent_a100e": 1e300}, "gpu_rent_a100e: 1.0e300 is more than the cloud can rent you"),
    ({"hires": StaffChange(research=5000)}, "hires: 5,000 people is more than the job market supplies in a quarter (allowed up to 400)"),
    ({"layoffs": StaffChange(safety=1000)}, "layoffs: more people than the function has (allowed up to its headcount)"),
    ({"ipo": True}, "ipo: not allowed yet (needs $100 M a year of revenue and 10 years since founding)"),
]


@pytest.mark.parametrize("change,message", REFUSALS, ids=[next(iter(c)) for c, _ in REFUSALS])
def test_refused_with_field_and_limit_and_nothing_changes(game, change, message):
    decisions = game.suggested_decisions().model_copy(update=change)
    before = snapshot(game)
    problems = messages(game.check(decisions))
    assert any(message in p for p in problems), problems
    with pytest.raises(DecisionError) as err:
        game.end_quarter(decisions)
    assert message in str(err.value)
    assert_unchanged(game, before)


def test_nan_and_negative_are_refused_by_the_model():
    with pytest.raises(ValidationError) as err:
        QuarterDecisions(training_budget_usd=float("nan"))
    assert "training_budget_usd" in str(err.value)
    with pytest.raises(ValidationError):
        QuarterDecisions(gpu_rent_a100e=-1)
    with pytest.raises(ValidationError):
        QuarterDecisions(hires=StaffChange(research=-3))
    with pytest.raises(ValidationError):
        QuarterDecisions(surprise=1)  # unknown field
    with pytest.raises(ValidationError):
        QuarterDecisions(term_sheet=7)


def test_suggested_decisions_are_legal_and_play(game):
    decisions = game.suggested_decisions()
    assert game.check(decisions) == []
    turn = game.end_quarter(decisions)
    assert turn.quarter == "2024Q1" and game.quarter == 1


def test_a_yes_or_no_is_not_a_number():
    from game.models.decisions import validated

    decisions, refusals = validated({"term_sheet": True, "hires": {"research": False}})
    assert decisions is None and {r.field for r in refusals} == {"term_sheet", "hires.research"}
    assert validated({"ipo": True})[0].ipo is True  # a yes/no decision is still one


def test_preview_does_not_commit(game):
    decisions = game.suggested_decisions()
    before = snapshot(game)
    game.preview(decisions)
    assert_unchanged(game, before)


def test_preview_is_a_projection_the_seed_cannot_move(loaded):
    """Mid-game, the same position under twelve seeds: the real quarters differ (luck), the
    preview does not (it has no luck to peek at)."""
    from dataclasses import replace

    game = Game(loaded, seed=1)
    for _ in range(5):
        game.end_quarter(game.suggested_decisions())
    decisions = game.suggested_decisions()
    state = game.state
    previews, played = set(), set()
    for seed in range(12):
        game.state = replace(state, seed=np.full_like(state.seed, seed))
        previews.add(game.preview(decisions).model_dump_json())
        after = game.end_quarter(decisions)
        played.add(after.view.model_dump_json())
        game.turns.pop()
    assert len(previews) == 1
    assert len(played) == 12


def test_round_trip_decisions_through_arrays(game):
    decisions = game.suggested_decisions()
    again = decisions_from_arrays(decisions_to_arrays(decisions))
    assert again == decisions


def test_a_refused_row_leaves_its_batch_neighbours_alone(params):
    """In a batch, only the refused row stands still."""
    from game.engine import hold, initial_state, step

    state = initial_state(params, [1, 2, 3])
    d = hold(state)
    bad = d.evolve(subscription_price_usd_per_month=np.array([20.0, 0.0, 20.0]))
    after, report = step(state, bad, params, 0)
    assert report.refused.tolist() == [False, True, False]
    assert after.finance.cash_usd[1] == state.finance.cash_usd[1] and after.quarter[1] == 0
    assert after.quarter[0] == 1 and after.quarter[2] == 1


def test_the_refusal_check_reads_any_numeric_dtype(params):
    """Yes/no arrays or narrow integers in number fields are checked as numbers, not a crash."""
    from game.engine import hold, initial_state
    from game.engine.rules import violations

    state = initial_state(params, [1, 2])
    d = hold(state)
    assert violations(state, d.evolve(training_share=np.array([True, False])), params, 0) == []
    refused = violations(state, d.evolve(safety_testing_weeks=np.array([8, 40], dtype=np.int8)), params, 0)
    assert [(v.field, v.mask.tolist()) for v in refused] == [("safety_testing_weeks", [False, True])]


def test_pick_takes_one_column_per_row_for_any_integer_dtype():
    from game.engine.kernel.arrays import pick

    table = np.asfortranarray(np.arange(200.0).reshape(50, 4))
    for dtype in (np.int8, np.uint8, np.int16, np.int32, np.int64):
        column = (np.arange(50) % 4).astype(dtype)
        expected = np.take_along_axis(table, column.astype(np.int64)[:, None], axis=1)[:, 0]
        assert np.array_equal(pick(table, column), expected)
        assert np.array_equal(pick(np.ascontiguousarray(table), column), expected)


def test_after_the_last_quarter_there_is_nothing_to_decide(loaded):
    """Issue 13: suggested_decisions() after the end raised IndexError. Every way of asking
    for a quarter after the game ended now says the game is over, and changes nothing."""
    game = Game(loaded, seed=1)
    while not game.over:
        last = game.suggested_decisions()
        game.end_quarter(last)
    played = len(game.turns)
    for ask in (game.suggested_decisions, lambda: game.preview(last), lambda: game.end_quarter(last)):
        with pytest.raises(DecisionError, match=r"the game is over \("):
            ask()
    assert [r.code for r in game.check(last)] == ["game_over"]
    assert len(game.turns) == played


def test_a_game_that_ended_early_is_shown_in_the_quarter_it_ended():
    """Issue 16: `play --load` of a lab listed in 2028 Q4 showed 2029 Q1."""
    from game.play.session import Game
    from game.scenarios import load_scenario

    game = Game(load_scenario("openai-2024"), 0)
    while not game.over:
        game.end_quarter(game.suggested_decisions("random"))  # seed 0: `random` lists the lab in 2025 Q2
    assert game.outcome == "ipo" and len(game.turns) == 6
    assert game.quarter_label == game.turns[-1].quarter == game.position().quarter_label == "2025Q2"
