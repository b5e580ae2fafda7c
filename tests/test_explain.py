"""The quarter report's cash drivers add up to the change in cash, whatever the quarter brought."""

from __future__ import annotations

import pytest

from game.text import explain
from game.play.session import Game


@pytest.mark.parametrize("term_sheet", [1, 2, 3])
def test_cash_drivers_add_up_to_the_change_in_cash(loaded, term_sheet):
    game = Game(loaded, 3)
    before = game.status()
    while not game.over and game.quarter < 12:
        decisions = game.suggested_decisions("historical")
        offer = list(game.limits().term_sheet_max_usd.values())[term_sheet]
        if game.quarter == 2 and offer > 0:
            decisions = decisions.model_copy(update={"term_sheet": term_sheet, "equity_raise_usd": offer / 2})
        after = game.end_quarter(decisions).view
        total = sum(d.amount for d in explain.cash_drivers(after))
        assert total == pytest.approx(after.cash_usd - before.cash_usd, rel=1e-9, abs=1.0), after.quarter
        before = after


def test_a_strategic_round_is_explained_as_cash_plus_compute_credits(loaded):
    game = Game(loaded, 0)
    offer = game.limits().term_sheet_max_usd["strategic"]
    decisions = game.suggested_decisions("historical").model_copy(update={"term_sheet": 2, "equity_raise_usd": offer})
    after = game.end_quarter(decisions).view
    notes = explain.money_notes(after)
    assert any("compute credits" in text for text, _ in notes)


def test_the_help_states_the_cash_identity_the_report_adds_up():
    from game.text.explain import CASH
    from game.text.glossary import cash_identity, decisions_markdown

    identity = cash_identity()
    assert identity.startswith("cash' = cash + revenue - inference")
    assert all(why.label.lower() in identity for _, _, why in CASH)
    assert "| Prices | Subscription $/month | 1 to 1000 |" in decisions_markdown()


def test_the_debriefs_turning_points_split_the_score_change_into_causes_that_add_up():
    """Issue 16: a turning point's change is decomposed (dilution, valuation, cash, debt), not
    pinned on whatever else happened that quarter."""
    from game.play.session import Game
    from game.scenarios import load_scenario
    from game.text.explain import score_change_parts, stake_value_usd

    for strategy, seed in (("historical", 3), ("blitzscale", 16)):  # blitzscale on seed 16 goes bankrupt
        game = Game(load_scenario("openai-2024"), seed)
        before = game.status()
        while not game.over:
            game.end_quarter(game.suggested_decisions(strategy))
            after = game.status()
            if before.valuation_usd:
                total = sum(amount for _, amount in score_change_parts(before, after))
                change = stake_value_usd(after) - stake_value_usd(before)
                assert abs(total - change) <= 1.0 + 1e-9 * abs(change) * 10
            before = after


def test_a_departure_a_headline_already_names_is_not_said_again(loaded):
    """openai-2024 seed 0, 2024Q4: the head of safety 'leaves for a rival' (a card); the report's
    causes name them once, not again as 'Head of safety ... left'."""
    game = Game(loaded, seed=0)
    for _ in range(4):
        view = game.end_quarter(game.suggested_decisions("historical")).view
    causes = [text for text, _ in explain.luck_causes(loaded.scenario, view)]
    left = [p.name for p in loaded.scenario.world.key_people if view.key_people_left.get(p.id)]
    assert left, "no key person left in 2024Q4 on seed 0: pick another quarter"
    for name in left:
        assert sum(name in text for text in causes) == 1, causes
