"""The debrief as Markdown, for printing: the same sections as the HTML page, without charts
(each student's path is a small table of their last quarter instead). No matplotlib needed."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from game.errors import UsageError
from game.models.quarters import pretty_quarter
from game.play.classroom.debrief import LUCK_GAMES, LUCK_STRATEGY, Debrief, build_debrief
from game.play.classroom.folder import Classroom, shown_limit
from game.play.classroom.submissions import Submission
from game.play.saves.io import atomic_write_text
from game.text.format import fmt_usd


def _m(text: object) -> str:
    """Text as it was written, whatever Markdown would make of it (a | would end a cell)."""
    return re.sub(r"([\\`*_\[\]<>|~])", r"\\\1", str(text)).replace("\n", " ")


def render_md(debrief: Debrief) -> str:
    room = debrief.room
    sc = room.loaded.scenario
    out = [f"# {_m(room.file.title)}", "",
           f"Burn Rate debrief · scenario {_m(sc.id)} · seed {room.seed} · played to {_m(shown_limit(room))} · "
           f"written {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC", "", "## Leaderboard", "",
           "| Rank | Student | Grade | Score | Outcome | Quarters | Cash | Revenue (last quarter) | Market share |",
           "|---:|---|---:|---:|---|---:|---:|---:|---:|"]
    for st in debrief.board:
        s = st.submission
        last = s.save.turns[-1].snapshot if s.save and s.save.turns else None
        cash, revenue, share = ((fmt_usd(last.cash_usd), fmt_usd(last.revenue_usd), f"{100 * last.market_share:.1f}%")
                                if last else ("-", "-", "-"))
        out.append(f"| {st.rank} | {_m(s.student)} | {fmt_usd(st.grade_usd)} | {fmt_usd(s.score_usd or 0.0)} | "
                   f"{s.outcome} | {s.quarters_played} | {cash} | {revenue} | {share} |")
    if debrief.rejected:
        out += ["", "### Rejected saves (not ranked)", ""]
        out += [f"- **{_m(s.student)}**: {_m(s.why_unranked)}" for s in debrief.rejected]
    if debrief.differences:
        top, bottom = (_m(debrief.ranked[i].student) for i in (0, -1))
        out += ["", f"## Top and bottom: {top} and {bottom}"]
        for d in debrief.differences:
            out += ["", f"### {pretty_quarter(d.quarter)}", "", f"| Decision | {top} | {bottom} |", "|---|---:|---:|"]
            out += [f"| {_m(label)} | {_m(a)} | {_m(b)} |" for label, a, b in d.decisions]
            for who, news in ((top, d.top_news), (bottom, d.bottom_news)):
                out.append(f"\n*What hit {who}:* " + ("; ".join(_m(n) for n in news) or "no news"))
    if debrief.luck:
        out += ["", "## Luck against skill", "",
                f"Each score against the built-in strategies on the class's seed, and against {LUCK_GAMES:,} games of "
                f"{LUCK_STRATEGY} (seeds 0 to {LUCK_GAMES - 1:,}), each at the quarter the student reached.", ""]
        out += [f"- **{_m(lk.student)}** ({fmt_usd(lk.score_usd)}): beats {100 * lk.beats_share:.0f}% of {LUCK_STRATEGY} "
                f"games; built-in strategies beaten on this seed: {', '.join(lk.strategies_beaten) or 'none'}"
                for lk in debrief.luck]
    if debrief.questions:
        out += ["", "## For discussion", ""] + [f"{i}. {_m(q)}" for i, q in enumerate(debrief.questions, 1)]
    return "\n".join(out) + "\n"


def write_debrief_md(room: Classroom, subs: list[Submission], path: str | Path) -> Path:
    if Path(path).suffix.lower() not in (".md", ".markdown"):
        raise UsageError(f"-o {path}: with --md the debrief is Markdown; give a file name ending in .md")
    return atomic_write_text(path, render_md(build_debrief(room, subs)))
