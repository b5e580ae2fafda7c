"""The story does not contradict itself (issue 16): over many seeds the news never tells of a
key person after they left, never has an event take a key person when none is left, and never
tells of a rival after it left the market (its founders are not hired away twice)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from game.engine import build_params
from game.engine.view import quarter_view
from game.models.scenario import PERSON, Scenario
from game.play.runner import run
from game.scenarios import load_scenario
from game.strategies import STRATEGIES
from game.text.news import quarter_news

SEEDS = 40


def _template(headline: str) -> re.Pattern:
    """A headline as a pattern: `{person}` stands for whoever the event took."""
    return re.compile("^" + ".+".join(re.escape(part) for part in headline.split(PERSON)) + "$")


def contradictions(scenario: Scenario, story: list[list[str]]) -> list[str]:
    """What the headlines of one game, quarter by quarter, say that an earlier headline rules out."""
    events = list(scenario.world.deck) + list(scenario.world.timeline)
    takes_someone = [_template(e.headline) for e in events if e.effects.key_person_leaves]
    exits = {e.effects.rival: _template(e.headline) for e in events if e.effects.rival_exits}
    people = scenario.world.key_people
    rivals = {r.id: r.name for r in scenario.rivals}

    def names(headline: str, person) -> bool:
        return person.name in headline or f"the {person.role.lower()}" in headline.lower()

    found: list[str] = []
    gone: set[str] = set()
    out: set[str] = set()
    for quarter, headlines in enumerate(story):
        left_now: set[str] = set()
        out_now: set[str] = set()
        for h in headlines:
            for p in people:
                if names(h, p) and p.id in gone:
                    found.append(f"quarter {quarter}: {h!r} names {p.name}, who left before")
            for rid, name in rivals.items():
                if name in h and rid in out:
                    found.append(f"quarter {quarter}: {h!r} names {name}, which left the market before")
            departure = any(t.match(h) for t in takes_someone) or h.endswith(" leaves the lab")
            if departure:
                if len(gone) == len(people):
                    found.append(f"quarter {quarter}: {h!r} when no key person was left")
                for p in people:
                    if names(h, p):
                        if p.id in left_now:
                            found.append(f"quarter {quarter}: {h!r}: {p.name} leaves twice")
                        left_now.add(p.id)
            for rid, name in rivals.items():
                if h == f"{name} leaves the market" or (rid in exits and exits[rid].match(h)):
                    out_now.add(rid)
        gone |= left_now
        out |= out_now
    return found


def play(scenario_id: str, strategy: str) -> list[str]:
    params = build_params(load_scenario(scenario_id).scenario)
    result = run(params, STRATEGIES[strategy], np.arange(SEEDS), keep_history=True)
    found = []
    for row in range(SEEDS):
        story = [[n["headline"] for n in quarter_news(params.scenario, quarter_view(params, q, s, r, row))]
                 for q, _, s, r in result.history if not 0 <= s.outcome.outcome_quarter[row] < q]  # to the game's end
        found += [f"seed {row}, {c}" for c in contradictions(params.scenario, story)]
    return found


@pytest.mark.parametrize("scenario_id", ["openai-2024", "challenger-2024"])
@pytest.mark.parametrize("strategy", ["historical", "random"])
def test_the_news_never_contradicts_itself(scenario_id, strategy):
    found = play(scenario_id, strategy)
    assert not found, f"{len(found)} contradictions, first: {found[:5]}"


def test_the_checker_sees_a_contradiction():
    scenario = load_scenario("openai-2024").scenario
    cto = scenario.world.key_people[0]
    story = [[f"{cto.role} {cto.name} leaves the lab"], [f"{cto.role} {cto.name} leaves for a rival"],
             ["Heartline leaves the market"], ["Big tech hires Heartline's founders and most of its staff"]]
    found = contradictions(scenario, story)
    assert len(found) == 2, found


def test_person_is_allowed_only_in_a_headline_whose_event_takes_a_key_person():
    from game.errors import ScenarioError
    from game.scenarios import SCENARIO_DIR, parse_scenario

    text = (SCENARIO_DIR / "openai-2024.yaml").read_text()
    old = 'headline: "A co-founder sues the lab, again"'
    assert old in text
    for headline, says in (('"{person} sues the lab"', "the event takes no key person"),
                           ('"{rival} sues the lab"', "the only placeholder a headline may hold is {person}")):
        with pytest.raises(ScenarioError) as err:
            parse_scenario(text.replace(old, f"headline: {headline}", 1).encode(), "s.yaml")
        assert any(says in str(p) for p in err.value.problems), err.value.problems


def test_a_card_that_may_cost_a_key_person_waits_for_one_to_be_there():
    """The rival's offer to a key person asks, and only its decline takes someone: it needs one too."""
    from game.models.scenario import event_subject

    deck = {e.id: e for e in load_scenario("openai-2024").scenario.world.deck}
    assert event_subject(deck["rival-offer"]) == (True, None)
    assert event_subject(deck["key-departure"]) == (True, None)
    assert event_subject(deck["rival-acquihired"]) == (False, "heartline")
    assert event_subject(deck["lawsuit"]) == (False, None)
