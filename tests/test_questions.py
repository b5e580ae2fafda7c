"""Events that ask (issue 16): a card may put a question to the player; the answer, given with the
next quarter's decisions, applies the card's `accept` or `decline` effects — and nothing else."""

from __future__ import annotations

from game.play.session import Game
from game.scenarios import load_scenario
from game.text.explain import question_asked


def game_asked(card_id: str, seed: int) -> Game:
    """openai-2024 on `seed` under the historical plan, up to the quarter `card_id` asks."""
    game = Game(load_scenario("openai-2024"), seed)
    while game.status().asked != card_id:
        assert not game.over, f"{card_id} was never asked on seed {seed}"
        game.end_quarter(game.suggested_decisions("historical"))
    return game


def answer(game: Game, accept: bool):
    decisions = game.suggested_decisions("historical").model_copy(update={"accept_offer": accept})
    game.end_quarter(decisions)
    return game.status()


def test_the_question_names_its_card_and_both_answers():
    game = game_asked("rival-offer", 3)
    card, ask = question_asked(game.loaded.scenario, game.status())
    assert card.id == "rival-offer" and ask.question and ask.accept.label and ask.decline.label


def test_declining_a_rivals_offer_loses_a_key_person_and_accepting_costs_the_counter_offer():
    asked = game_asked("rival-offer", 3)
    before = asked.status()
    kept, lost = game_asked("rival-offer", 3), game_asked("rival-offer", 3)
    yes, no = answer(kept, True), answer(lost, False)
    assert (yes.answered, yes.accepted) == ("rival-offer", True)
    assert (no.answered, no.accepted) == ("rival-offer", False)
    assert no.key_people_departed == before.key_people_departed + 1
    assert yes.key_people_departed == before.key_people_departed
    # The counter-offer is paid out of cash: the two quarters differ by it and what follows from it.
    assert yes.cash_usd < no.cash_usd


def test_a_question_is_asked_once_and_answered_once():
    game = game_asked("phone-deal", 1)
    answered = answer(game, True)
    assert answered.answered == "phone-deal" and answered.asked != "phone-deal"
    nxt = answer(game, True)
    assert nxt.answered != "phone-deal"


def test_the_same_seed_asks_the_same_questions_whatever_is_answered():
    """Answers change the lab, and the deck is drawn from the seed: the next questions on a seed
    come from the same random numbers (company cards may still depend on the lab's situation)."""
    one, two = Game(load_scenario("openai-2024"), 6), Game(load_scenario("openai-2024"), 6)
    for game in (one, two):
        while not game.over:
            game.end_quarter(game.suggested_decisions("historical"))
    assert [v.asked for v in one.views] == [v.asked for v in two.views]
    assert [v.model_dump() for v in one.views] == [v.model_dump() for v in two.views]


def test_with_no_question_waiting_the_answer_changes_nothing():
    a, b = Game(load_scenario("openai-2024"), 3), Game(load_scenario("openai-2024"), 3)
    assert a.status().asked is None
    ya, yb = answer(a, True), answer(b, False)
    assert ya.model_dump() == yb.model_dump()


async def _answer_in_the_form(accept: bool):
    from textual.widgets import Checkbox

    from game.tui.app import make_app

    game = game_asked("rival-offer", 3)
    card, ask = question_asked(game.loaded.scenario, game.status())
    app = make_app(game=game)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")  # the autopilot's plan, which answers no
        await pilot.press("d")
        await pilot.pause()
        inbox = app.screen.query_one("#inbox")
        assert inbox.display and ask.question in str(app.screen.query_one("#inbox-question").render())
        box = app.screen.query_one("#f-accept_offer", Checkbox)
        assert box.value is False and str(box.label) == ask.accept.label
        if accept:
            box.focus()
            await pilot.press("space")
            await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        status = app.game.status()
    return ask, status, game.views[-1]


async def test_the_inbox_in_the_decisions_form_answers_a_question_both_ways():
    ask, yes, _ = await _answer_in_the_form(True)
    _, no, _ = await _answer_in_the_form(False)
    assert (yes.answered, yes.accepted) == ("rival-offer", True)
    assert (no.answered, no.accepted) == ("rival-offer", False)
    assert no.key_people_departed == yes.key_people_departed + 1


def test_an_offer_for_someone_who_has_gone_lapses_and_is_not_asked():
    """openai-2024 seed 298: the rival's offer is drawn in 2026Q2 while one key person is left,
    and that person leaves in the same quarter. The Inbox asks nothing ("Let them go" with no
    one to let go), and the quarter after gives neither answer: the news says it lapsed."""
    game = game_asked("rival-offer", 298)
    status = game.status()
    assert not any(status.key_people.values())
    assert question_asked(game.loaded.scenario, status) is None
    lapsed = answer(game, False)
    assert (lapsed.answered, lapsed.lapsed) == (None, "rival-offer")
    assert lapsed.key_people_departed == status.key_people_departed
    from game.text.news import quarter_news
    assert any("whom it was about is gone" in n["headline"] for n in quarter_news(game.loaded.scenario, lapsed))
