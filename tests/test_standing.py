"""Where a finished game's score stands (issue 16's debrief): against the autopilot on the
same seed, and across many seeds of it."""

from __future__ import annotations

import numpy as np

from game.engine import build_params
from game.play.session import Game
from game.play.standing import scores_of, standing
from game.scenarios import load_scenario
from game.text.explain import standing_sentence


def test_the_autopilots_own_game_equals_itself_on_its_seed_and_is_ranked_among_its_games():
    loaded = load_scenario("sandbox")
    game = Game(loaded, 4)
    while not game.over:
        game.end_quarter(game.suggested_decisions("historical"))
    st = game.standing()
    assert st.same_seed_score_usd == game.score_usd  # the batch plays the same game the UI played
    many = scores_of(build_params(loaded.scenario), "historical", range(st.games))
    assert st.beaten_share == np.mean(many < game.score_usd) and st.median_score_usd == np.median(many)
    assert "equals the autopilot's on this seed" in standing_sentence(st, game.score_usd)


def test_a_better_score_beats_more_games_and_is_said_to_be_above():
    params = build_params(load_scenario("sandbox").scenario)
    low, high = (standing(params, 0, s, games=200) for s in (1e9, 1e13))
    assert low.beaten_share < high.beaten_share == 1.0
    assert "is above the autopilot's" in standing_sentence(high, 1e13)
    assert "beats 100% of its 200 games on seeds 0-199" in standing_sentence(high, 1e13)
