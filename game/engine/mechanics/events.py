"""Events: the scenario's scripted timeline and its deck of random events.

Facts rows: each event names its own row in the scenario file (e.g. §2 'GPU shortage',
§6 'bubble talk', §6 'lawsuits'). The deck has two halves and each quarter a game draws at
most one card from each. Market cards (industry news: a shortage, a rival's launch, a
bubble scare) are drawn from the seed alone: the game's draw for (quarter, "market-events")
is laid against their probabilities end to end, so every game on a seed sees the same
market news in the same quarter, whatever its lab decided. Company cards (a lawsuit, a
departure, an incident) are drawn with (quarter, "events") against their probabilities,
each scaled by the game's situation (`more_likely_when`): the same luck, read against the
lab's own state. Whichever card's stretch a draw falls in fires; past the last card nothing
happens. Timeline events fire in every game on their quarter where their subject is there
(below), so every student with a scenario faces the same history.

The order within a quarter: the timeline, then the answer to last quarter's question
(`questions.answer`), then the cards, so a card never takes a key person an answer took.

A deck card's effects on the lab are looked up by each game's card index (one gather for
all of them, whatever the deck's size). Its effects on rivals go to the few games whose
card moves a rival, as a list of (game, rival) moves: most (game, rival) pairs are
untouched in a quarter. Timeline effects are added with index operations on the rows
still playing. Either way a game's numbers are the same alone or in a batch.

An event happens only to someone who is there (`subject_present`, from the scenario's
`event_subject`): a card or a scripted event that takes a key person (or, for a card that
asks, whose answer may) needs one still at the lab who no other event of the
quarter takes, and one about a rival needs that rival in the market at the quarter's
start. A deck card whose subject is gone is drawn as no card that quarter; a scripted one does
not happen in that game (`timeline_events` records which did, for the news).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.engine.kernel.arrays import row_sum
from game.engine.kernel.rng import QuarterDraws
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import leaf
from game.models.quarters import quarter_offset
from game.models.scenario import Effects, Scenario, event_subject

# Numeric effects, in the order of EffectTotals' fields.
NUMERIC_EFFECTS = ("sentiment", "gpu_squeeze", "capacity_loss", "consumer_market", "api_market", "brand", "morale",
                   "cash_usd", "attrition")
RIVAL_EFFECTS = ("moved_rival", "rival_capability", "rival_price_factor", "rival_exits")
SITUATIONS = ("always", "hype", "distress", "low-morale", "neglected-safety", "big-lab")


@dataclass(frozen=True)
class EventSpec:
    """One event in array-friendly form."""

    id: str
    headline: str
    fact: str
    probability: float
    situation: int  # index into SITUATIONS
    numeric: tuple[tuple[str, float], ...]  # only the non-zero effects
    key_person_leaves: bool
    rival: int  # index into the scenario's rivals, -1 for none
    rival_capability: float
    rival_price_factor: float  # 1 + relative price change
    rival_exits: bool
    # Its subject (`event_subject`): it happens only where a key person is still free,
    # and where that rival (-1: none) is in the market.
    needs_key_person: bool = False
    needs_rival: int = -1


@dataclass(frozen=True)
class Params:
    deck: tuple[EventSpec, ...]
    deck_tables: dict  # effect name -> lookup table by card (see effect_tables)
    market_cards: tuple[int, ...]  # the deck's market cards (indices into `deck`), in the file's order
    company_cards: tuple[int, ...]  # and its company cards
    timeline: dict  # quarter index -> tuple of (index in the scenario's timeline, EventSpec)
    timeline_ids: tuple[str, ...]  # the scenario's timeline, in order (the columns of `timeline_events`)
    rivals: int
    # How much likelier a card is in the situation it names (its `more_likely_when`).
    distress_runway_below_quarters: float
    distress_odds_base: float
    distress_odds_boost: float
    low_morale_below: float
    low_morale_odds_slope: float
    neglected_safety_odds_base: float
    neglected_safety_odds_boost: float
    big_lab_odds_base: float

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        deck = deck_specs(sc)
        timeline: dict[int, list[tuple[int, EventSpec]]] = {}
        for i, e in enumerate(sc.world.timeline):
            q = quarter_offset(sc.start, e.quarter)
            timeline.setdefault(q, []).append((i, event_spec(sc, e.id, e.headline, e.fact, 1.0, "always", e.effects,
                                                       subject=event_subject(e))))
        scopes = [e.scope for e in sc.world.deck]
        return from_sections(cls, sc.world, deck=deck, deck_tables=effect_tables(deck),
                             market_cards=tuple(k for k, s in enumerate(scopes) if s == "market"),
                             company_cards=tuple(k for k, s in enumerate(scopes) if s == "company"),
                             timeline={q: tuple(v) for q, v in timeline.items()},
                             timeline_ids=tuple(e.id for e in sc.world.timeline), rivals=len(sc.rivals))


def deck_specs(sc: Scenario) -> tuple[EventSpec, ...]:
    """The scenario's deck cards as EventSpecs, each with its subject (`event_subject`)."""
    return tuple(event_spec(sc, e.id, e.headline, e.fact, e.probability_per_quarter, e.more_likely_when, e.effects,
                            subject=event_subject(e)) for e in sc.world.deck)


def event_spec(scenario: Scenario, id_, headline, fact, probability, situation, e: Effects,
               subject: tuple[bool, str | None] = (False, None)) -> EventSpec:
    rival_ids = [r.id for r in scenario.rivals]
    return EventSpec(
        needs_key_person=subject[0], needs_rival=rival_ids.index(subject[1]) if subject[1] in rival_ids else -1,
        id=id_, headline=headline, fact=fact, probability=probability, situation=SITUATIONS.index(situation),
        numeric=tuple((name, float(getattr(e, name))) for name in NUMERIC_EFFECTS if getattr(e, name)),
        key_person_leaves=e.key_person_leaves,
        rival=rival_ids.index(e.rival) if e.rival in rival_ids else -1,
        rival_capability=e.rival_capability, rival_price_factor=1.0 + e.rival_price, rival_exits=e.rival_exits,
    )


@dataclass(frozen=True)
class Flows:
    event_card: np.ndarray = leaf("index", "Company card drawn (what happened to this lab)", "the card's own fact", kind="card")
    market_card: np.ndarray = leaf("index", "Market card drawn (the same in every game on the seed)", "the card's own fact",
                                   kind="card")
    timeline_events: np.ndarray = leaf("flag", "Scripted events that happened this quarter (not when their subject was gone)",
                                       "each event's own fact", table="timeline", kind="bool")


@dataclass(frozen=True)
class RivalMoves:
    """Deck cards' effects on rivals this quarter: one entry per game whose card moves a
    rival (a card moves at most one), in row order."""

    rows: np.ndarray  # int64 (n,): the games
    rival: np.ndarray  # int64 (n,): the rival each game's card moves
    capability: np.ndarray  # (n,) added
    price_factor: np.ndarray  # (n,) 1 + relative change, multiplied
    exits: np.ndarray  # bool (n,)


@dataclass
class EffectTotals:
    """The quarter's events added up, per game: what every other mechanic reads of them."""

    sentiment: np.ndarray
    gpu_squeeze: np.ndarray
    capacity_loss: np.ndarray
    consumer_market: np.ndarray
    api_market: np.ndarray
    brand: np.ndarray
    morale: np.ndarray
    cash_usd: np.ndarray
    attrition: np.ndarray
    key_people_leaving: np.ndarray  # int (B,): key people the quarter's events take, at most those present
    key_people_free: np.ndarray  # int (B,): key people at the lab when the quarter began
    card: np.ndarray  # int (B,): the company card drawn this quarter, -1 for none
    market_card: np.ndarray  # int (B,): the market card drawn this quarter, -1 for none
    timeline_events: np.ndarray  # bool (B, T): which of the scenario's scripted events happened this quarter
    rivals: int
    rival_moves: RivalMoves | None = None  # deck cards that moved a rival (None: none did)
    # (B, R) effects on rivals, made only in a quarter whose timeline moves a rival; the
    # deck's moves are then added into them (a game hit by both adds both before they
    # reach the rival, as one change).
    rival_capability: np.ndarray | None = None
    rival_price_factor: np.ndarray | None = None  # 1 + relative change
    rival_exits: np.ndarray | None = None  # bool
    # (effects, B): the numeric fields above are its rows (views), so the cards' effects are
    # added to all of them in one operation.
    numeric: np.ndarray | None = None

    @property
    def flows(self) -> Flows:
        return Flows(event_card=self.card, market_card=self.market_card, timeline_events=self.timeline_events)

    def touch_rivals(self) -> None:
        """Make the (B, R) tables, holding the deck's moves, and stop listing moves."""
        if self.rival_capability is not None:
            return
        shape = (self.card.shape[0], self.rivals)
        self.rival_capability = np.zeros(shape, order="F")  # column-major, see kernel.arrays
        self.rival_price_factor = np.ones(shape, order="F")
        self.rival_exits = np.zeros(shape, dtype=bool, order="F")
        moves, self.rival_moves = self.rival_moves, None
        if moves is not None:
            at = (moves.rows, moves.rival)
            self.rival_capability[at] = moves.capability
            self.rival_price_factor[at] = moves.price_factor
            self.rival_exits[at] = moves.exits


def situation_multipliers(*, sentiment, runway_quarters, morale, safety_neglected, consumer_share,
                          params: Params) -> tuple[np.ndarray, ...]:
    """How much more likely each kind of event is in each game's situation (mean ~1), in
    the order of SITUATIONS."""
    p = params
    return (
        np.ones_like(sentiment),
        sentiment * sentiment,  # hype: bubbles and scares come with euphoria
        p.distress_odds_base + p.distress_odds_boost * (runway_quarters < p.distress_runway_below_quarters),
        1.0 + p.low_morale_odds_slope * np.maximum(p.low_morale_below - morale, 0.0),
        p.neglected_safety_odds_base + p.neglected_safety_odds_boost * safety_neglected,
        p.big_lab_odds_base + consumer_share,  # lawsuits and regulators follow the leader
    )


def subject_present(spec: EventSpec, *, key_people_free: np.ndarray, rival_active: np.ndarray) -> np.ndarray | None:
    """Games in which `spec` has its subject (bool (B,)), None when it needs none: a key
    person still here and not taken by another event this quarter (`key_people_free`, a
    count), the rival it names in the market."""
    present = None
    if spec.needs_key_person:
        present = key_people_free > 0
    if spec.needs_rival >= 0:
        there = rival_active[:, spec.needs_rival]
        present = there if present is None else present & there
    return present


def timeline(*, live: np.ndarray, key_people_present: np.ndarray, rival_active: np.ndarray, quarter: int,
             params: Params) -> EffectTotals:
    """The quarter's events so far: the scripted timeline's, each where its subject is there.
    The answers to last quarter's question (`questions.answer`) and then the cards (`cards`)
    are added to what this returns, in that order, so a card's subject check counts the key
    people an answer took."""
    batch = live.shape[0]
    leaving = np.zeros(batch, dtype=np.int64)
    free = row_sum(key_people_present.astype(np.int64)) if key_people_present.shape[1] else leaving.copy()
    scripted = params.timeline.get(quarter, ())
    happened = np.zeros((batch, len(params.timeline_ids)), dtype=bool, order="F")
    for i, spec in scripted:
        present = subject_present(spec, key_people_free=free - leaving, rival_active=rival_active)
        happened[:, i] = live if present is None else live & present
        leaving += happened[:, i] * spec.key_person_leaves
    numeric = np.zeros((len(NUMERIC_EFFECTS), batch))
    totals = EffectTotals(*numeric, numeric=numeric, key_people_leaving=np.zeros(batch, dtype=np.int64),
                          key_people_free=free, card=np.full(batch, -1, dtype=np.int64),
                          market_card=np.full(batch, -1, dtype=np.int64), timeline_events=happened, rivals=params.rivals)
    for i, spec in scripted:
        apply_event(totals, spec, np.flatnonzero(happened[:, i]))
    return totals


def _drawn(luck: np.ndarray, cards: tuple[int, ...], odds, params: Params) -> np.ndarray:
    """The card (an index into the whole deck, -1 for none) each game's `luck` falls on,
    the `cards`' stretches laid end to end, each `odds(spec)` long."""
    reach = np.zeros(luck.shape[0])
    past = np.zeros(luck.shape[0], dtype=np.int64)
    for k in cards:
        reach = reach + odds(params.deck[k])
        past += luck >= reach
    return np.asarray(cards + (-1,), dtype=np.int64)[past]  # past the last card: none


def cards(totals: EffectTotals, *, situations: tuple[np.ndarray, ...], live: np.ndarray, rival_active: np.ndarray,
          draws: QuarterDraws, params: Params) -> None:
    """The quarter's deck cards, added to `totals` in place: at most one market card, drawn
    from the seed alone with the cards' own odds (the same in every game on a seed, whatever
    it decided), and at most one company card, whose odds are scaled by the game's situation
    (`more_likely_when`). A card whose subject is gone is drawn as no card: its stretch stays
    where it is, so the same draw gives every other card as before."""
    if not params.deck:
        return
    market = np.full(live.shape[0], -1, dtype=np.int64)
    if params.market_cards:
        market = np.where(live, _drawn(draws.uniform("market-events"), params.market_cards,
                                       lambda spec: spec.probability, params), -1)
    company = np.full(live.shape[0], -1, dtype=np.int64)
    if params.company_cards:
        company = np.where(live, _drawn(draws.uniform("events"), params.company_cards,
                                        lambda spec: spec.probability * situations[spec.situation], params), -1)
    for drawn, half in ((market, params.market_cards), (company, params.company_cards)):
        for k in half:  # the few cards about someone (subject_present is None for the rest): is that someone there?
            present = subject_present(params.deck[k], key_people_free=totals.key_people_free - totals.key_people_leaving,
                                      rival_active=rival_active)
            if present is not None:
                drawn[(drawn == k) & ~present] = -1
        totals.key_people_leaving += params.deck_tables["key_person_leaves"][drawn + 1]
    totals.card, totals.market_card = company, market
    tables = params.deck_tables
    # One gather per half: a row per effect, in NUMERIC_EFFECTS' order (row 0 of each
    # table is "no card").
    totals.numeric += tables["numeric"].take(market + 1, axis=1)
    totals.numeric += tables["numeric"].take(company + 1, axis=1)
    _move_rivals(totals, market, company, tables)


def _move_rivals(totals: EffectTotals, market: np.ndarray, company: np.ndarray, tables: dict) -> None:
    """The cards' effects on rivals: listed as moves while only one half of the deck moved
    rivals this quarter (a card moves at most one), else added into the (B, R) tables, which
    the timeline or an answer may already have made."""
    moving = [(drawn, rows) for drawn in (market, company)
              if (rows := np.flatnonzero(tables["moved_rival"][drawn + 1] >= 0)).size]
    if not moving:
        return
    if totals.rival_capability is None and len(moving) == 1:
        drawn, rows = moving[0]
        slots = drawn[rows] + 1
        totals.rival_moves = RivalMoves(rows, *(tables[name][slots] for name in RIVAL_EFFECTS))
        return
    totals.touch_rivals()
    for drawn, rows in moving:  # each game at most once per scope, so no index repeats within one
        slots = drawn[rows] + 1
        at = (rows, tables["moved_rival"][slots])
        totals.rival_capability[at] += tables["rival_capability"][slots]
        totals.rival_price_factor[at] *= tables["rival_price_factor"][slots]
        totals.rival_exits[at] |= tables["rival_exits"][slots]


def effect_tables(specs: tuple[EventSpec, ...]) -> dict[str, np.ndarray]:
    """Per-effect lookup tables over the deck's cards, entry 0 being "no card" (built once).
    `moved_rival` is the rival a card moves (-1: none); the other rival effects are that
    rival's."""
    n = len(specs) + 1
    tables = {name: np.zeros(n) for name in NUMERIC_EFFECTS}
    tables["key_person_leaves"] = np.zeros(n, dtype=bool)
    tables["moved_rival"] = np.full(n, -1, dtype=np.int64)
    tables["rival_capability"] = np.zeros(n)
    tables["rival_price_factor"] = np.ones(n)
    tables["rival_exits"] = np.zeros(n, dtype=bool)
    for k, spec in enumerate(specs, start=1):
        for name, value in spec.numeric:
            tables[name][k] = value
        tables["key_person_leaves"][k] = spec.key_person_leaves
        if spec.rival >= 0:
            tables["moved_rival"][k] = spec.rival
            tables["rival_capability"][k] = spec.rival_capability
            tables["rival_price_factor"][k] = spec.rival_price_factor
            tables["rival_exits"][k] = spec.rival_exits
    tables["numeric"] = np.stack([tables[name] for name in NUMERIC_EFFECTS])  # (effects, cards + 1)
    return tables


def apply_event(totals: EffectTotals, spec: EventSpec, rows: np.ndarray) -> None:
    """A timeline event or a question's answer: its effects on the given rows (the games
    it happens in). A key person it takes is one more for `talent.advance`, which takes no
    more than are still there."""
    if rows.size == 0:
        return
    for name, value in spec.numeric:
        getattr(totals, name)[rows] += value
    if spec.key_person_leaves:
        totals.key_people_leaving[rows] += 1
    if spec.rival >= 0:
        totals.touch_rivals()
        totals.rival_capability[rows, spec.rival] += spec.rival_capability
        totals.rival_price_factor[rows, spec.rival] *= spec.rival_price_factor
        if spec.rival_exits:
            totals.rival_exits[rows, spec.rival] = True
