"""Cards that ask: a deck card with a question, drawn in one quarter and answered with the next.

The inbox of management games. A card with `ask:` in the scenario (a rival's offer to a key
person, a phone maker's integration deal, an answer to a rival's free model) does its own
effects when drawn, like any card, and then waits: the next quarter's decisions answer it
(`accept_offer`), and the chosen answer's effects are added to that quarter's events. Both
answers cost something, and a strategy that never ticks the box gets the decline. The
question is in the state, so the decisions screen can show it and the projection can show
what either answer does; which card is drawn is the events' seeded draw, so every game on a
seed is asked the same questions at the same quarter while their situations match.

Facts rows: each card's own (in the scenario file, beside each answer's numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.tree import leaf
from game.engine.mechanics import events
from game.models.scenario import Scenario

NO_QUESTION = -1


@dataclass(frozen=True)
class Params:
    # By deck card: (accept, decline) as events, or None for a card that does not ask.
    answers: tuple[tuple[events.EventSpec, events.EventSpec] | None, ...]
    # By deck card: the card itself, for whom it is about (its subject must still be there
    # when the answer is given, or the question lapses).
    cards: tuple[events.EventSpec, ...]
    asks: np.ndarray  # bool (cards + 1,): entry 0 is "no card", then whether each card asks
    last_quarter: int  # a card drawn in the last quarter asks nothing: no quarter is left to answer it

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        answers = tuple(
            None if card.ask is None else tuple(
                events.event_spec(sc, f"{card.id}/{side}", getattr(card.ask, side).label, card.fact, 1.0, "always",
                                  getattr(card.ask, side).effects)
                for side in ("accept", "decline"))
            for card in sc.world.deck)
        return cls(answers=answers, cards=events.deck_specs(sc), asks=np.array([False] + [a is not None for a in answers]), last_quarter=sc.quarters - 1)


@dataclass(frozen=True)
class State:
    asked: np.ndarray = leaf("index", "Question awaiting an answer", "the card's own fact", kind="card")


@dataclass(frozen=True)
class Flows:
    answered: np.ndarray = leaf("index", "Question answered this quarter", "the card's own fact", kind="card")
    accepted: np.ndarray = leaf("flag", "The offer was accepted", "the card's own fact", kind="bool")
    lapsed: np.ndarray = leaf("index", "Question that lapsed: whom it was about is gone", "the card's own fact", kind="card")


def initial(batch: int) -> State:
    return State(asked=np.full(batch, NO_QUESTION, dtype=np.int64))


def answer(*, hit: events.EffectTotals, asked: np.ndarray, accept_offer: np.ndarray, live: np.ndarray,
           rival_active: np.ndarray, params: Params) -> Flows:
    """Add the chosen answers' effects to the quarter's events (in place, as the timeline's
    are: the cards drawn next, and every mechanic after, read them from `hit`). A question
    whose subject has gone since it was asked (the key person an offer was for has left,
    the rival has left the market) lapses: neither answer happens."""
    pending = np.where(live, asked, NO_QUESTION)
    answered = pending.copy()
    for k in np.unique(pending[pending != NO_QUESTION]):  # a few cards ask; most quarters none is pending
        present = events.subject_present(params.cards[int(k)], rival_active=rival_active,
                                         key_people_free=hit.key_people_free - hit.key_people_leaving)
        if present is not None:
            answered[(pending == k) & ~present] = NO_QUESTION
    accepted = accept_offer & (answered != NO_QUESTION)
    for k in np.unique(answered[answered != NO_QUESTION]):
        accept, decline = params.answers[int(k)]
        here = answered == k
        events.apply_event(hit, accept, np.flatnonzero(here & accepted))
        events.apply_event(hit, decline, np.flatnonzero(here & ~accepted))
    lapsed = np.where(answered == pending, NO_QUESTION, pending)
    return Flows(answered=answered, accepted=accepted, lapsed=lapsed)


def ask(*, hit: events.EffectTotals, live: np.ndarray, quarter: int, params: Params) -> State:
    """This quarter's card that asks, if any, waits for next quarter's decisions: the market
    card's question first (every game on the seed is asked it), else the company card's.
    Nothing is asked in the last quarter: no quarter is left to answer it."""
    if quarter >= params.last_quarter:
        return State(asked=np.full(live.shape[0], NO_QUESTION, dtype=np.int64))
    market_asks = params.asks[hit.market_card + 1]
    card = np.where(market_asks, hit.market_card, hit.card)
    return State(asked=np.where(live & params.asks[card + 1], card, NO_QUESTION))
