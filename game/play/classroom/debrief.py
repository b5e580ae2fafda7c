"""What the debrief says about a class, as data: the ranking, every student's path, where the
top and bottom students differed, luck against skill, and three questions for discussion.

The page itself (HTML and its matplotlib charts) is game.play.classroom.debrief_html; this
module only counts. Luck against skill compares each student's score with the built-in
strategies on the class's seed and with `historical` on LUCK_GAMES seeds, each at the
quarter the student reached (a class paced to 2026 Q2 is not measured against whole games).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from game.engine import build_params
from game.models.quarters import pretty_quarter
from game.play.classroom.folder import Classroom
from game.play.classroom.submissions import Standing, Submission, leaderboard
from game.play.lab import run_lab
from game.play.runner import run, score
from game.strategies import STRATEGIES
from game.text.format import decision_label, fmt_decision, fmt_usd
from game.text.news import quarter_news

LUCK_GAMES = 1_000
LUCK_STRATEGY = "historical"
TOP_QUARTERS = 3  # the quarters where the top and bottom students differed most
TOP_DECISIONS = 4  # the decisions shown for each of those quarters
STAKE = ("founders_stake", "equity_value_usd")


@dataclass(frozen=True)
class Difference:
    """A quarter where the top and bottom students decided most differently."""

    quarter: str
    decisions: list[tuple[str, str, str]]  # (label, top's value, bottom's value)
    top_news: list[str]
    bottom_news: list[str]


@dataclass(frozen=True)
class Luck:
    """Where a student's score falls against luck and the built-in strategies."""

    student: str
    score_usd: float
    beats_share: float  # of the LUCK_GAMES games of LUCK_STRATEGY, at the same quarter
    strategies_beaten: list[str]
    strategies_ahead: list[str]


@dataclass
class Debrief:
    room: Classroom
    board: list[Standing]
    rejected: list[Submission]
    strategy_scores: dict[int, dict[str, float]] = field(default_factory=dict)  # quarters -> strategy -> score
    luck: list[Luck] = field(default_factory=list)
    luck_band: dict[int, tuple[float, float, float]] = field(default_factory=dict)  # quarters -> LUCK_STRATEGY's 5/50/95th
    differences: list[Difference] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    luck_seconds: float = 0.0

    @property
    def ranked(self) -> list[Submission]:
        return [st.submission for st in self.board]


def _flat(decisions) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, value in decisions.model_dump().items():
        if isinstance(value, dict):
            out.update({f"{name}.{k}": float(v) for k, v in value.items()})
        elif isinstance(value, (int, float)):
            out[name] = float(value)
    return out


def _stake_at(stakes: dict[str, np.ndarray], final_score: np.ndarray, outcome_quarter: np.ndarray, quarters: int) -> np.ndarray:
    """Each game's score after `quarters` quarters: its final score if it ended by then, else
    the founders' stake of the equity at that quarter."""
    i = quarters - 1
    running = stakes["founders_stake"][:, i] * stakes["equity_value_usd"][:, i]
    return np.where(outcome_quarter <= i, final_score, running)


def luck_against_skill(debrief: Debrief) -> None:
    import time

    room, subs = debrief.room, debrief.ranked
    if not subs:
        return
    start = time.perf_counter()
    params = build_params(room.loaded.scenario)
    reached = sorted({s.quarters_played for s in subs if s.quarters_played > 0})
    lab = run_lab(params, STRATEGIES[LUCK_STRATEGY], LUCK_GAMES, 0, record=STAKE)
    by_strategy = {}
    for name, strategy in STRATEGIES.items():
        r = run(params, strategy, [room.seed], record=STAKE)
        by_strategy[name] = (r.recorded, score(r.final), r.final.outcome.outcome_quarter)
    for q in reached:
        debrief.strategy_scores[q] = {name: float(_stake_at(rec, final, oq, q)[0]) for name, (rec, final, oq) in by_strategy.items()}
    spread = {q: _stake_at(lab.recorded, lab.score_usd, lab.outcome_quarter, q) for q in reached}
    debrief.luck_band = {q: tuple(float(x) for x in np.percentile(v, [5, 50, 95])) for q, v in spread.items()}
    for s in subs:
        if s.quarters_played == 0 or s.score_usd is None:
            continue
        at = debrief.strategy_scores[s.quarters_played]
        debrief.luck.append(Luck(
            student=s.student, score_usd=s.score_usd, beats_share=float(np.mean(spread[s.quarters_played] < s.score_usd)),
            strategies_beaten=[n for n, v in at.items() if s.score_usd > v],
            strategies_ahead=[n for n, v in at.items() if s.score_usd <= v]))
    debrief.luck_seconds = time.perf_counter() - start


def top_and_bottom(debrief: Debrief) -> None:
    """The quarters where the first- and last-ranked students decided most differently, the
    decisions that differed most there, and what happened to each of them that quarter."""
    ranked = debrief.ranked
    if len(ranked) < 2:
        return
    top, bottom = ranked[0], ranked[-1]
    sc = debrief.room.loaded.scenario
    quarters = []
    for t, b in zip(top.save.turns, bottom.save.turns):
        a, z = _flat(t.decisions), _flat(b.decisions)
        gaps = {k: abs(a[k] - z[k]) / max(abs(a[k]), abs(z[k]), 1e-9) for k in a if k in z}
        quarters.append((sum(gaps.values()), t, b, gaps, a, z))
    differing = [x for x in quarters if x[0] > 0]  # (two students who decided alike throughout: nothing to show)
    for _, t, b, gaps, a, z in sorted(differing, key=lambda x: -x[0])[:TOP_QUARTERS]:
        fields = [k for k in sorted(gaps, key=lambda k: -gaps[k]) if gaps[k] > 0][:TOP_DECISIONS]
        debrief.differences.append(Difference(
            quarter=t.quarter,
            decisions=[(decision_label(k), fmt_decision(k, a[k]), fmt_decision(k, z[k])) for k in fields],
            top_news=[n["headline"] for n in quarter_news(sc, t.snapshot)],
            bottom_news=[n["headline"] for n in quarter_news(sc, b.snapshot)],
        ))
    debrief.differences.sort(key=lambda d: d.quarter)


def discussion_questions(debrief: Debrief) -> None:
    """Three questions drawn from what this class did."""
    subs = [s for s in debrief.ranked if s.save is not None and s.save.turns]
    if not subs:
        return
    n = len(subs)
    q: list[str] = []
    broke = [s for s in subs if s.outcome == "bankrupt"]
    if broke:
        when, count = Counter(s.save.outcome.quarter for s in broke).most_common(1)[0]
        q.append(f"{len(broke)} of {n} students ran out of cash, {count} of them in {pretty_quarter(when)}. "
                 "What did those labs have in common that quarter, and what did the others do differently before it?")
    else:
        lows = Counter(min(s.save.turns, key=lambda t: t.snapshot.cash_usd).quarter for s in subs)
        when, count = lows.most_common(1)[0]
        q.append(f"No lab went bankrupt, but {count} of {n} students saw their cash at its lowest in "
                 f"{pretty_quarter(when)}. What drained it, and what refilled it afterwards?")
    prices = [(s.save.turns[-1].decisions.subscription_price_usd_per_month, s) for s in subs]
    low, high = min(prices, key=lambda p: p[0]), max(prices, key=lambda p: p[0])
    if high[0] > low[0]:
        q.append(f"The subscription price ran from ${low[0]:.2f} ({low[1].student}) to ${high[0]:.2f} a month "
                 f"({high[1].student}) by each student's last quarter. Who gained more users, who more revenue "
                 "per user, and which mattered more for the score?")
    else:
        q.append(f"Everyone ended on the same subscription price (${low[0]:.2f} a month). Why did nobody move it, "
                 "and what would a higher or a lower price have changed?")
    raised = max(subs, key=lambda s: s.save.turns[-1].snapshot.equity_raised_total_usd or 0.0)
    last = raised.save.turns[-1].snapshot
    rank = next(st.rank for st in debrief.board if st.submission is raised)
    q.append(f"{raised.student} raised the most equity ({fmt_usd(last.equity_raised_total_usd or 0.0)}), keeping "
             f"{100 * (last.founders_stake or 0.0):.1f}% of the lab, and ranked #{rank} of {n}. Was the money worth "
             "the dilution? When does raising more lower the founders' score?")
    debrief.questions = q[:3]


def build_debrief(room: Classroom, subs: list[Submission]) -> Debrief:
    board, rejected = leaderboard(room, subs)
    debrief = Debrief(room, board, rejected)
    luck_against_skill(debrief)
    top_and_bottom(debrief)
    discussion_questions(debrief)
    return debrief
