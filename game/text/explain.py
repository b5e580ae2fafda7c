"""Why a quarter went the way it did: the drivers of the change in cash, users and staff.

Every explanation the quarter report and the debrief show lives in the tables below:
what moved, its formula in words, and the facts.md row its numbers come from. The
functions read the quarter's views (game.models.view.QuarterView): the flows the engine
reports, never its formulas run backwards, so they work for a live game, a save or a
replay alike. Headless: no UI imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from game.models.decisions import QuarterDecisions
from game.models.scenario import Ask, DeckEvent, Scenario, event_subject
from game.models.view import QuarterView
from game.text.format import fmt_count, fmt_usd, stake_pct
from game.text.news import deck_card, events_happened, quarter_news


@dataclass(frozen=True)
class Explanation:
    label: str
    formula: str  # in words, the way a teacher would say it
    fact: str  # the facts.md row, cited as §section 'row'


@dataclass(frozen=True)
class Driver:
    """One cause of a change, with its size (signed: + raised the figure, - lowered it)."""

    key: str
    amount: float
    why: Explanation


# The cash identity (game/engine/mechanics/finance.py): cash' = cash + revenue - operating cost - capex
# + equity (cash part) + compute credits used + debt drawn - debt repaid - interest - claim
# repaid + one-off events; operating cost = inference + idle GPUs + training + staff.
# (row key, sign, explanation)
CASH = (
    ("revenue_usd", +1, Explanation(
        "Revenue", "subscribers x monthly price x 3 + business seats x seat price x 3 + API tokens served x price per M tokens",
        "§1 'ChatGPT subscription revenue', §1 'enterprise use', §1 'API revenue'")),
    ("inference_cost_usd", -1, Explanation(
        "Inference", "tokens served / throughput x $ per GPU-hour", "§2 'partner's price for that cluster'")),
    ("idle_capacity_cost_usd", -1, Explanation(
        "Idle GPUs", "GPU-hours paid for but neither serving nor training x $ per GPU-hour",
        "§2 'check: 350,000 x 1.30 $ x 8,760 h'")),
    ("training_cost_usd", -1, Explanation(
        "Training", "training budget + owned GPU-hours kept for training x running cost",
        "§1 '2024 training cost, data included'")),
    ("staff_cost_usd", -1, Explanation(
        "Staff", "average headcount x market pay x pay level / 4 + hires x hiring cost + layoffs x severance",
        "§1 '2024 staff cost'")),
    ("capex_usd", -1, Explanation("GPUs bought", "GPUs ordered x price per A100e", "§2 '3.5 B buys'")),
    ("equity_cash_usd", +1, Explanation(
        "Equity raised", "cash taken from the term sheet at its pre-money valuation (a cloud partner pays part "
        "in compute credits instead)", "§4 'round, Oct 2024', §4 'earlier rounds'")),
    ("compute_credits_used_usd", +1, Explanation(
        "Compute credits used", "the cloud partner's credits spent on its GPUs this quarter, in place of cash",
        "§4 'earlier rounds'")),
    ("one_off_usd", +1, Explanation(
        "One-off events", "the quarter's events that cost (or brought) money once: lawsuits, incidents",
        "the event's own fact, in the news")),
    ("debt_drawn_usd", +1, Explanation(
        "Credit drawn", "drawn on the revolving line (automatically when cash runs short)", "§4 'credit line'")),
    ("debt_repaid_usd", -1, Explanation("Credit repaid", "repaid on the revolving line", "§4 'credit line'")),
    ("interest_usd", -1, Explanation(
        "Interest", "debt x yearly interest rate / 4, and the investors' claim x its rate / 4", "§4 'credit line'")),
    ("claim_repaid_usd", -1, Explanation(
        "Investors' claim repaid", "rounds turned into debt at a missed deadline, repaid in equal quarterly parts",
        "§4 'conversion deadline'")),
)

USERS = {
    "market": Explanation(
        "Market growth", "change in AI users everywhere x your share last quarter",
        "§1 'monthly active users', §6 'industry life cycle'"),
    "share": Explanation(
        "Share won or lost", "AI users x change in your share (capability, service, free tier against rivals; "
        "users move a quarter of the way each quarter)", "§1 'share of traffic', §6 'traffic, 2023'"),
    "capacity": Explanation(
        "Subscribers lost to capacity", "subscribers wanted x (1 - service quality): demand beyond the GPUs",
        "§2 'GPU shortage'"),
}

STAFF = {
    "hires": Explanation("Hires", "people hired this quarter, up to what the job market supplies", "§1 'headcount'"),
    "departures": Explanation(
        "Departures", "headcount x attrition rate; attrition rises with low pay, low morale and rivals' offers",
        "§5 'why they leave'"),
    "layoffs": Explanation("Layoffs", "people let go this quarter; each cut also lowers morale", "§5 'departures'"),
}


def by_size(drivers: Iterable[Driver]) -> list[Driver]:
    """Biggest first; drivers that moved nothing are dropped."""
    return sorted((d for d in drivers if abs(d.amount) > 1e-9), key=lambda d: -abs(d.amount))


def cash_drivers(after: QuarterView) -> list[Driver]:
    """The quarter's cash flows, each signed as it moved cash."""
    return by_size(Driver(key, sign * getattr(after, key), why) for key, sign, why in CASH)


def money_notes(after: QuarterView) -> list[tuple[str, str]]:
    """(what happened, fact) for the quarter's money events that are not cash flows."""
    notes = []
    credits = after.equity_raised_usd - after.equity_cash_usd
    if credits > 0.5:
        notes.append((f"Of the {fmt_usd(after.equity_raised_usd)} raised, {fmt_usd(credits)} came as compute credits "
                      "usable only on the partner's cloud; they are spent as the GPUs are used", "§4 'earlier rounds'"))
    if after.turned_to_debt_usd > 0.5:
        notes.append((f"The for-profit deadline passed: {fmt_usd(after.turned_to_debt_usd)} of equity turned into a claim "
                      "that falls due in equal quarterly parts with interest, and those investors' shares went back "
                      "to the founders", "§4 'conversion deadline'"))
    return notes


def user_drivers(before: QuarterView, after: QuarterView) -> list[Driver]:
    """Monthly users = AI users x your share, split into market growth and share change."""
    s0, s1 = before.market_share, after.market_share
    m0, m1 = before.consumer_market_users, after.consumer_market_users
    return by_size([
        Driver("market", (m1 - m0) * s0, USERS["market"]),
        Driver("share", m1 * (s1 - s0), USERS["share"]),
    ])


def subscribers_lost(after: QuarterView) -> Driver:
    """Subscribers who wanted the service but found no capacity."""
    return Driver("capacity", -after.subscribers_unserved, USERS["capacity"])


def staff_drivers(after: QuarterView, hires: float, layoffs: float) -> list[Driver]:
    """headcount' = headcount - layoffs - departures + hires."""
    return by_size([
        Driver("hires", float(hires), STAFF["hires"]),
        Driver("departures", -after.departures, STAFF["departures"]),
        Driver("layoffs", -float(layoffs), STAFF["layoffs"]),
    ])


def stake_value_usd(view: QuarterView) -> float:
    """The score's running value: the founders' stake of the equity (valuation plus cash,
    less debt and claims)."""
    return 0.0 if view.outcome == "bankrupt" else view.founders_stake * view.equity_value_usd


def stake_text(view: QuarterView) -> str:
    """The score as its formula: "9.62% of $151 B = $14.5 B" (the stake of the equity value),
    or why it is nothing."""
    if view.outcome == "bankrupt":
        return f"{stake_pct(view.founders_stake)} of a bankrupt lab = $0"
    return f"{stake_pct(view.founders_stake)} of {fmt_usd(view.equity_value_usd)} = {fmt_usd(stake_value_usd(view))}"


@dataclass(frozen=True)
class TurningPoint:
    quarter: str
    change_usd: float  # change in the founders' stake value that quarter
    moves: list[str]  # what the player decided and what happened
    parts: tuple[tuple[str, float], ...] = ()  # the change split into its causes (they add up to it)


def score_change_parts(before: QuarterView, after: QuarterView) -> tuple[tuple[str, float], ...]:
    """The change of the score (stake x equity, equity = valuation + cash - debt and claims)
    split exactly: the stake's dilution (or a claim's shares coming back) at the new equity,
    then the old stake of each term of the equity's change. A bankruptcy wipes the rest."""
    if after.outcome == "bankrupt":
        return (("bankruptcy: the stake is worth nothing", -stake_value_usd(before)),)
    s0, s1 = before.founders_stake, after.founders_stake
    e1 = after.equity_value_usd
    owed = lambda v: v.debt_usd + v.investor_claim_usd  # noqa: E731
    terms = (("valuation", after.valuation_usd - before.valuation_usd), ("cash", after.cash_usd - before.cash_usd),
             ("debt and claims", -(owed(after) - owed(before))))
    parts = [("dilution" if s1 < s0 else "stake", (s1 - s0) * e1)] + [(name, s0 * amount) for name, amount in terms]
    # Equity never goes below 0: what the floor kept out is its own part, so the parts add up.
    floor = s0 * (e1 - before.equity_value_usd) - sum(amount for _, amount in parts[1:])
    if abs(floor) > 1e-6 * max(abs(e1), 1.0):
        parts.append(("equity floored at 0", floor))
    return tuple((name, amount) for name, amount in parts if abs(amount) > 0.5)


def turning_points(scenario: Scenario, opening: QuarterView, rows: list[QuarterView], moves: list[list[str]],
                   count: int = 4) -> list[TurningPoint]:
    """The quarters that moved the score most: the change split into its causes (dilution,
    valuation, cash, debt), then what was decided and what happened that quarter.

    `moves[i]` describes quarter i's decisions in words (the UI formats them); news and
    launches are added from the rows.
    """
    points = []
    before = opening
    for row, said in zip(rows, moves):
        happened = list(said)
        if row.launched:
            happened.append(f"launched generation {row.generation}")
        happened += [n["headline"] for n in quarter_news(scenario, row)]
        if row.outcome != "playing":
            happened.append(f"game over: {row.outcome}")
        # An opening position with no valuation yet: the first quarter sets it, it does not move it.
        if before.valuation_usd:
            change, parts = stake_value_usd(row) - stake_value_usd(before), score_change_parts(before, row)
        else:
            change, parts = 0.0, ()
        points.append(TurningPoint(row.quarter, change, happened, parts))
        before = row
    biggest = sorted(points, key=lambda p: -abs(p.change_usd))[:count]
    return sorted(biggest, key=lambda p: p.quarter)


def decision_moves(previous: QuarterDecisions | None, d: QuarterDecisions) -> list[str]:
    """The notable decisions of a quarter, in words (what a debrief lists)."""
    moves = []
    if d.equity_raise_usd > 0:
        moves.append(f"raised {fmt_usd(d.equity_raise_usd)} of equity")
    if d.credit_draw_usd > 0:
        moves.append(f"drew {fmt_usd(d.credit_draw_usd)} of credit")
    if d.credit_repay_usd > 0:
        moves.append(f"repaid {fmt_usd(d.credit_repay_usd)} of credit")
    if d.gpu_purchase_a100e > 0:
        moves.append(f"ordered {fmt_count(d.gpu_purchase_a100e)} GPUs")
    hires, layoffs = sum(d.hires.as_list()), sum(d.layoffs.as_list())
    if layoffs:
        moves.append(f"laid off {fmt_count(layoffs)}")
    if d.ipo:
        moves.append("listed the company")
    if previous is not None:
        if d.subscription_price_usd_per_month != previous.subscription_price_usd_per_month:
            moves.append(f"subscription ${previous.subscription_price_usd_per_month:.2f} -> ${d.subscription_price_usd_per_month:.2f}/month")
        if abs(d.api_price_usd_per_mtok - previous.api_price_usd_per_mtok) > 0.05 * previous.api_price_usd_per_mtok:
            moves.append(f"API ${previous.api_price_usd_per_mtok:.2f} -> ${d.api_price_usd_per_mtok:.2f}/M tokens")
        if d.pay_level != previous.pay_level:
            moves.append(f"pay {previous.pay_level:g}x -> {d.pay_level:g}x market")
        if d.training_budget_usd > 1.5 * max(previous.training_budget_usd, 1.0):
            moves.append(f"training budget up to {fmt_usd(d.training_budget_usd)}")
        rent_change = d.gpu_rent_a100e - previous.gpu_rent_a100e
        if abs(rent_change) > 0.2 * max(previous.gpu_rent_a100e, 1.0):
            moves.append(f"rented {fmt_count(abs(rent_change))} {'more' if rent_change > 0 else 'fewer'} GPUs")
    if hires >= 300:
        moves.append(f"hired {fmt_count(hires)}")
    return moves


# -- against the projection: what the quarter's luck did -----------------------------------
# The projection (game.engine.step.project) plays the same decisions with no luck: the
# scripted timeline happens, the deck draws nothing, nobody leaves unexpectedly, rivals have
# their median quarter. So a figure that came out otherwise was moved by the quarter's draws,
# and those are named here, each against the figures its effects reach.

# Which figures an effect of a deck card reaches (game.models.scenario.Effects' fields).
_EFFECT_REACHES = {
    "sentiment": {"valuation"}, "capacity_loss": {"service", "revenue", "users", "subscribers", "cash", "net"},
    "consumer_market": {"users", "subscribers", "revenue", "share", "cash", "net"},
    "api_market": {"revenue", "cash", "net"}, "brand": {"users", "subscribers", "share", "revenue", "valuation"},
    "morale": {"morale"}, "cash_usd": {"cash", "net"}, "attrition": {"staff", "morale"},
    "key_person_leaves": {"morale", "staff"}, "rival_capability": {"share", "users", "revenue"},
    "rival_price": {"revenue", "share"}, "rival_exits": {"share", "users", "valuation"},
}

# (key, label, view field, how to show it)
VARIANCE_FIGURES = (
    ("revenue", "Revenue", "revenue_usd", fmt_usd),
    ("net", "Net income", "net_income_usd", fmt_usd),
    ("cash", "Cash", "cash_usd", fmt_usd),
    ("users", "Monthly users", "monthly_active_users", fmt_count),
    ("subscribers", "Subscribers", "subscribers", fmt_count),
    ("share", "Market share", "market_share", lambda x: f"{x:.1%}"),
    ("service", "Service", "service_quality", lambda x: f"{x:.0%}"),
    ("morale", "Morale", "morale", lambda x: f"{x:.0%}"),
    ("staff", "Staff", "headcount", fmt_count),
    ("valuation", "Valuation", "valuation_usd", fmt_usd),
)


@dataclass(frozen=True)
class Variance:
    """One figure last quarter, as projected when the quarter was decided, and as it came out."""

    key: str
    label: str
    last: str
    projected: str | None
    actual: str
    off_projection: bool  # differs from the projection by more than rounding
    causes: list[str]  # the quarter's draws that reach this figure (empty: ordinary noise)


def luck_causes(scenario: Scenario, after: QuarterView) -> list[tuple[str, set[str]]]:
    """(what the quarter's draws did, the figures it reaches): the deck card, departures,
    an incident, rivals' launches and exits. The scripted timeline is in the projection too."""
    causes: list[tuple[str, set[str]]] = []
    for h in events_happened(scenario, after):
        if isinstance(h.event, DeckEvent):
            reaches = set()
            for name, value in h.event.effects.model_dump().items():
                if value and name in _EFFECT_REACHES:
                    reaches |= _EFFECT_REACHES[name]
            causes.append((h.headline, reaches))
    # (someone a headline already names is not said again)
    named = " ".join(headline for headline, _ in causes)
    gone = [f"{p.role} {p.name}" for p in scenario.world.key_people
            if after.key_people_left.get(p.id) and p.name not in named]
    if gone:
        causes.append((f"{', '.join(gone)} left", {"morale", "staff"}))
    if after.safety_incident:
        causes.append(("a safety incident at launch", {"users", "subscribers", "share", "morale", "valuation", "cash", "net"}))
    for rival in scenario.rivals:
        if after.rival_launched.get(rival.id):
            causes.append((f"{rival.name} launched", {"share", "users", "subscribers", "revenue", "cash", "net", "staff"}))
        if after.rival_exited.get(rival.id):
            causes.append((f"{rival.name} left the market", {"share", "users", "valuation"}))
    return causes


def variances(scenario: Scenario, before: QuarterView, projected: QuarterView | None,
              after: QuarterView) -> list[Variance]:
    """Each headline figure against last quarter and the projection, with the draws behind a miss."""
    causes = luck_causes(scenario, after)
    out = []
    for key, label, field, fmt in VARIANCE_FIGURES:
        now = getattr(after, field)
        said = getattr(projected, field) if projected is not None else None
        off = said is not None and abs(now - said) > 0.005 * max(abs(said), abs(now), 1e-9)
        why = [text for text, reaches in causes if key in reaches] if off else []
        if off and key == "service" and after.service_quality < said:
            why = why or ["demand above the GPUs the cloud could give"]
        out.append(Variance(key, label, fmt(getattr(before, field)), fmt(said) if said is not None else None, fmt(now), off, why))
    return out


def valuation_factors(before: QuarterView, after: QuarterView) -> list[tuple[str, float]]:
    """valuation = sentiment x trailing-year revenue x a multiple (growth, margin, brand):
    each factor's change over the quarter, as a ratio (1.10 = +10%). Exact: the multiple is
    what the other two leave, so the three multiply to the valuation's own change."""
    def parts(v: QuarterView):
        if v.valuation_usd <= 0 or v.trailing_revenue_usd <= 0 or v.sentiment <= 0:
            return None
        return v.sentiment, v.trailing_revenue_usd, v.valuation_usd / (v.sentiment * v.trailing_revenue_usd)

    p0, p1 = parts(before), parts(after)
    if p0 is None or p1 is None:
        return []
    names = ("market sentiment", "trailing-year revenue", "the multiple (growth, margin, brand)")
    return [(name, b / a) for name, a, b in zip(names, p0, p1)]


def morale_inputs(scenario: Scenario, after: QuarterView, decided: QuarterDecisions) -> list[str]:
    """What moved morale this quarter, named from the quarter's record (the amounts are the
    engine's; these are its inputs): pay against market, layoffs, the for-profit turn, key
    departures, an incident, the deck card."""
    said = []
    if decided.pay_level != 1.0:
        said.append(f"pay at {decided.pay_level:g}x market {'lifts' if decided.pay_level > 1 else 'drags'} it over time")
    if decided.layoffs.total:
        said.append(f"{fmt_count(decided.layoffs.total)} laid off")
    if after.converted:
        said.append("the for-profit turn")
    gone = sum(1 for p in scenario.world.key_people if after.key_people_left.get(p.id))
    if gone:
        said.append(f"{gone} key {'person' if gone == 1 else 'people'} left (each exit shakes the rest)")
    if after.safety_incident:
        said.append("the safety incident")
    said += [h.headline for h in events_happened(scenario, after) if h.event.effects.morale]
    return said


def question_asked(scenario: Scenario, view: QuarterView) -> tuple[DeckEvent, Ask] | None:
    """The card whose question waits for the next quarter's answer after `view`, with its question."""
    if view.asked is None:
        return None
    card = deck_card(scenario, view.asked)
    needs_person, needs_rival = event_subject(card)
    if (needs_person and not any(view.key_people.values())) or (needs_rival and not view.rival_active.get(needs_rival)):
        return None  # whom it was about has gone since: the question lapses (the engine gives neither answer)
    return card, card.ask


def standing_sentence(st, score_usd: float) -> str:
    """A finished game's score against the autopilot (a `game.play.standing.Standing`):
    the same seed, then luck across many seeds."""
    same = st.same_seed_score_usd
    who = "the autopilot" if st.strategy == "historical" else f"`{st.strategy}`"
    if abs(score_usd - same) <= 1e-6 * max(abs(same), 1.0):
        versus = f"equals {who}'s on this seed"
    else:
        versus = f"is {'above' if score_usd > same else 'below'} {who}'s {fmt_usd(same)} on this seed"
    return (f"Your {fmt_usd(score_usd)} {versus} (the same market news) and beats {st.beaten_share:.0%} of its "
            f"{fmt_count(st.games)} games on {st.seeds_label} (median {fmt_usd(st.median_score_usd)}): how far luck "
            "alone moves a score.")
