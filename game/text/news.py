"""The quarter's news for one game: headlines with the facts.md row each rests on.

Written at display time from the quarter's view (which card was drawn, which scripted
events happened, who launched, who left) and the scenario's names, so saves hold numbers
only and a headline can be reworded without any save ceasing to verify. The news tells
only what the view shows: a scripted event whose subject was gone did not happen, and an
event that takes a key person names the one it took (`{person}` in its headline), never
whoever the scenario's author had in mind.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.models.scenario import PERSON, DeckEvent, Scenario, TimelineEvent
from game.models.view import QuarterView
from game.text.format import fmt_usd

News = list[dict[str, str]]  # [{"headline", "fact"}]


@dataclass(frozen=True)
class Happened:
    """An event of the quarter as it happened in this game."""

    event: DeckEvent | TimelineEvent
    headline: str  # written for this game: `{person}` replaced by whom the event took
    named: str | None  # the key person the headline names (their own line is then left out)


def deck_card(scenario: Scenario, card_id: str) -> DeckEvent:
    """The scenario's deck card with this id (views name cards by id)."""
    return next(e for e in scenario.world.deck if e.id == card_id)


def events_happened(scenario: Scenario, view: QuarterView) -> list[Happened]:
    """The quarter's scripted events that happened in this game, then its market card and
    its company card. The key people the events took are handed to them in the order the
    engine took them (`events.timeline`, the answer to last quarter's question, the cards),
    most senior first."""
    taken = iter([p for p in scenario.world.key_people if view.key_people_taken.get(p.id)])

    def happened(event: DeckEvent | TimelineEvent) -> Happened:
        headline, named = event.headline, None
        person = next(taken, None) if event.effects.key_person_leaves else None
        if person is not None and PERSON in headline:
            headline, named = headline.replace(PERSON, f"{person.role} {person.name}"), person.id
        return Happened(event, headline, named)

    out = [happened(e) for e in scenario.world.timeline if view.timeline_events.get(e.id)]
    answer = answer_given(scenario, view)
    if answer is not None and answer.effects.key_person_leaves:
        next(taken, None)  # the answer took the next one (the news line of the answer names no one)
    out += [happened(deck_card(scenario, c)) for c in (view.market_card, view.event_card) if c is not None]
    return out


def answer_given(scenario: Scenario, view: QuarterView):
    """The answer this quarter gave to last quarter's question (an `Answer`), or None."""
    if view.answered is None:
        return None
    card = deck_card(scenario, view.answered)
    return card.ask.accept if view.accepted else card.ask.decline


def quarter_news(scenario: Scenario, view: QuarterView) -> News:
    """What happened in the quarter `view` shows (nothing for the opening position)."""
    news: News = []

    def add(headline: str, fact: str) -> None:
        news.append({"headline": headline, "fact": fact})

    happened = events_happened(scenario, view)
    for h in happened:
        add(h.headline, h.event.fact)
    named = {h.named for h in happened}
    exits_told = {h.event.effects.rival for h in happened if h.event.effects.rival_exits}
    if view.launched:
        gain = view.launch_gain
        impresses = gain >= scenario.world.launch_disappointment_below
        add(f"Our new flagship launches and {'impresses' if impresses else 'disappoints'} (capability +{gain:.2f})",
            "§3 'training cost of one frontier model'" if impresses else "§6 'bubble talk'")
    if view.safety_incident:
        add("Safety incident after a rushed launch; regulators open an inquiry", "§3 'rushed launch'")
    for rival in scenario.rivals:
        if view.rival_launched.get(rival.id):
            add(f"{rival.name} launches a new flagship", "§3 'launch timing'")
        if view.rival_exited.get(rival.id) and rival.id not in exits_told:
            add(f"{rival.name} leaves the market", "§4 'a lab that could not raise'" if rival.kind == "cannot-raise"
                else "§4 'a lab bought for its people'")
    for person in scenario.world.key_people:
        if view.key_people_left.get(person.id) and person.id not in named:
            add(f"{person.role} {person.name} leaves the lab", "§5 'departures'")
    if view.spin_out:
        founded = next((r for r in scenario.rivals if r.enters == "on-spin-out"), None)
        if founded is not None:
            add(f"Former staff found {founded.name}", "§5 'the core team'")
    if view.converted:
        add("The lab turns for-profit; some staff leave in protest", "§4 'conversion deadline'")
    if view.turned_to_debt_usd > 0:
        parts = scenario.finance.investor_claim_repay_quarters
        add(f"Conversion deadline missed: investors claim back {fmt_usd(view.turned_to_debt_usd)}, "
            f"due in {parts} quarterly parts", "§4 'conversion deadline'")
    if view.answered is not None:
        card = deck_card(scenario, view.answered)
        add(f"{card.ask.question} Our answer: {answer_given(scenario, view).label}", card.fact)
    if view.lapsed is not None:
        card = deck_card(scenario, view.lapsed)
        add(f"{card.ask.question} No answer was needed: whom it was about is gone", card.fact)
    if view.asked is not None:
        card = deck_card(scenario, view.asked)
        add(f"Inbox: {card.ask.question} (answered with next quarter's decisions)", card.fact)
    if view.equity_raised_usd > 0:
        add(f"The lab raises {fmt_usd(view.equity_raised_usd)}", "§4 'round, Oct 2024'")
    if view.automatic_draw_usd > 0:
        add(f"Cash ran short: {fmt_usd(view.automatic_draw_usd)} drawn on the credit line", "§4 'credit line'")
    return news
