"""The debrief as one self-contained HTML page: opens offline, charts inline as SVG (matplotlib,
imported here only, without pyplot), every piece of student- or teacher-written text escaped.
"""

from __future__ import annotations

import html
import io
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

MAX_LEGEND = 12  # more students than this: the chart names only the top and bottom three
MAX_NAMED_BARS = 40  # more than this: the luck chart's bars go unnamed
CHARTS = (("cash_usd", "Cash ($ B)", 1e-9), ("revenue_usd", "Revenue per quarter ($ B)", 1e-9),
          ("market_share", "Share of chatbot users (%)", 100.0))

CSS = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { margin-bottom: 0.2em; } .sub { color: #666; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; } th, td { padding: 0.25em 0.8em; border-bottom: 1px solid #ddd; }
th { text-align: left; background: #f4f4f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.rejected td { color: #a00; } .chart svg { width: 100%; height: auto; } li { margin: 0.4em 0; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; } .muted { color: #666; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _figure():
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise UsageError("burnrate class debrief needs matplotlib, which is not installed here: "
                         "pip install 'burnrate[plot]'") from None
    return Figure


def _svg(fig) -> str:
    """The figure as an inline <svg> element: no XML prolog, no metadata, text drawn as paths
    (the page needs no font and no network)."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "burnrate"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    return re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)


def _legend(name: str) -> str:
    """matplotlib leaves out of the legend a label starting with '_', which a name may."""
    return "\u200b" + name if name.startswith("_") else name


def charts_svg(subs: list[Submission]) -> str:
    """Every student's cash, revenue and market share per quarter, on shared axes."""
    Figure = _figure()
    fig = Figure(figsize=(11, 3.6), layout="constrained")
    axes = fig.subplots(1, len(CHARTS))
    named = {s.student for s in (subs if len(subs) <= MAX_LEGEND else subs[:3] + subs[-3:])}
    labels = [t.quarter for t in max(subs, key=lambda s: len(s.save.turns)).save.turns]
    for ax, (key, title, scale) in zip(axes, CHARTS):
        for s in subs:
            values = [getattr(t.snapshot, key) * scale for t in s.save.turns]
            ax.plot(range(len(values)), values, linewidth=1.8 if s.student in named else 0.8,
                    alpha=1.0 if s.student in named else 0.35, label=_legend(s.student) if s.student in named else None)
        ax.set_title(title, fontsize=10)
        step = max(1, len(labels) // 6)
        ax.set_xticks(range(0, len(labels), step), [pretty_quarter(q) for q in labels[::step]], fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
        ax.grid(alpha=0.3)
    axes[-1].legend(fontsize=7, loc="best")
    return _svg(fig)


def luck_svg(debrief: Debrief, scores_b: list[tuple[str, float, float]]) -> str:
    """Each student's score (bars) against the built-in strategies on the class's seed (lines)."""
    Figure = _figure()
    fig = Figure(figsize=(11, 3.2), layout="constrained")
    ax = fig.subplots()
    names = [n for n, _, _ in scores_b]
    ax.bar(range(len(names)), [v for _, v, _ in scores_b], color="#4c72b0")
    if len(names) <= MAX_NAMED_BARS:
        ax.set_xticks(range(len(names)), names, rotation=45 if len(names) > 8 else 0,
                      ha="right" if len(names) > 8 else "center", fontsize=7)
    else:  # (a hundred names cannot be read under the bars; the list above names every score)
        ax.set_xticks([])
        ax.set_xlabel("students, by rank", fontsize=8)
    quarters = max(debrief.strategy_scores) if debrief.strategy_scores else None
    if quarters is not None:
        p5, p50, p95 = (x / 1e9 for x in debrief.luck_band[quarters])
        ax.axhspan(p5, p95, color="#999999", alpha=0.15, linewidth=0,
                   label=f"{LUCK_STRATEGY}, {LUCK_GAMES:,} seeds: 5-95%")
        ax.axhline(p50, color="#666666", linewidth=1.5, label=f"{LUCK_STRATEGY}, {LUCK_GAMES:,} seeds: median")
        for i, (name, value) in enumerate(sorted(debrief.strategy_scores[quarters].items(), key=lambda x: -x[1])):
            ax.axhline(value / 1e9, linestyle="--", linewidth=1, color=f"C{(i + 1) % 10}", label=f"{name} (same seed)")
        ax.legend(fontsize=7, loc="best")
        ax.set_title(f"Scores after {quarters} quarters: the class (bars), the built-in strategies on seed "
                     f"{debrief.room.seed} (dashed), {LUCK_STRATEGY} across {LUCK_GAMES:,} seeds (grey)", fontsize=9)
    ax.set_ylabel("score ($ B)", fontsize=8)
    ax.grid(alpha=0.3, axis="y")
    return _svg(fig)


def render(debrief: Debrief) -> str:
    room = debrief.room
    sc = room.loaded.scenario
    played = [s for s in debrief.ranked if s.save is not None and s.save.turns]
    out = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_e(room.file.title)} - debrief</title>"
           f"<style>{CSS}</style></head><body>",
           f"<h1>{_e(room.file.title)}</h1><p class='sub'>Burn Rate debrief · scenario {_e(sc.id)} ({_e(sc.title)}) · "
           f"seed {room.seed} · played to {_e(shown_limit(room))} · {len(debrief.board)} ranked, {len(debrief.rejected)} "
           f"rejected · written {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC</p>"]
    out.append("<h2 id='leaderboard'>Leaderboard</h2><table><tr><th>Rank</th><th>Student</th><th>Grade</th>"
               "<th>Score</th><th>Outcome</th><th>Quarters</th></tr>")
    for st in debrief.board:
        s = st.submission
        out.append(f"<tr><td class='n'>{st.rank}</td><td>{_e(s.student)}</td><td class='n'>{_e(fmt_usd(st.grade_usd))}</td>"
                   f"<td class='n'>{_e(fmt_usd(s.score_usd or 0.0))}</td><td>{_e(s.outcome)}</td>"
                   f"<td class='n'>{s.quarters_played}</td></tr>")
    out.append("</table>")
    if debrief.rejected:
        out.append("<h3 id='rejected'>Not ranked: rejected saves, and names with no quarter played</h3><table><tr><th>Student</th><th>Why</th></tr>")
        out += [f"<tr class='rejected'><td>{_e(s.student)}</td><td>{_e(s.why_unranked)}</td></tr>" for s in debrief.rejected]
        out.append("</table>")
    if played:
        out.append("<h2 id='paths'>Every lab, quarter by quarter</h2><div class='chart'>" + charts_svg(played) + "</div>")
    if debrief.differences:
        top, bottom = debrief.ranked[0].student, debrief.ranked[-1].student
        out.append(f"<h2 id='differences'>Top and bottom: {_e(top)} and {_e(bottom)}</h2>"
                   "<p class='muted'>The quarters where their decisions differed most, and what happened to each.</p>")
        for d in debrief.differences:
            out.append(f"<h3>{_e(pretty_quarter(d.quarter))}</h3><table><tr><th>Decision</th><th>{_e(top)}</th>"
                       f"<th>{_e(bottom)}</th></tr>")
            out += [f"<tr><td>{_e(label)}</td><td class='n'>{_e(a)}</td><td class='n'>{_e(b)}</td></tr>"
                    for label, a, b in d.decisions]
            out.append("</table><div class='pair'>")
            for who, news in ((top, d.top_news), (bottom, d.bottom_news)):
                items = "".join(f"<li>{_e(n)}</li>" for n in news) or "<li class='muted'>no news</li>"
                out.append(f"<div><b>What hit {_e(who)}</b><ul>{items}</ul></div>")
            out.append("</div>")
    if debrief.luck:
        out.append(f"<h2 id='luck'>Luck against skill</h2><p class='muted'>Each score against the built-in strategies "
                   f"played on the class's seed, and against {LUCK_GAMES:,} games of <code>{LUCK_STRATEGY}</code> on seeds "
                   f"0 to {LUCK_GAMES - 1:,}, each at the quarter the student reached.</p><ul>")
        for luck in debrief.luck:
            beaten = ", ".join(luck.strategies_beaten) or "none"
            out.append(f"<li><b>{_e(luck.student)}</b> ({_e(fmt_usd(luck.score_usd))}): beats "
                       f"{100 * luck.beats_share:.0f}% of {LUCK_STRATEGY} games; built-in strategies beaten "
                       f"on this seed: {_e(beaten)}</li>")
        out.append("</ul>")
        out.append("<div class='chart'>" + luck_svg(debrief, [(lk.student, lk.score_usd / 1e9, lk.beats_share)
                                                              for lk in debrief.luck]) + "</div>")
    if debrief.questions:
        out.append("<h2 id='questions'>For discussion</h2><ol>" + "".join(f"<li>{_e(q)}</li>" for q in debrief.questions)
                   + "</ol>")
    out.append("</body></html>\n")
    return "\n".join(out)


def check_output(path: str | Path) -> None:
    """Before any save is checked: an .html name, and matplotlib there to draw the charts."""
    if Path(path).suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"-o {path}: the debrief is an HTML page; give a file name ending in .html")
    _figure()


def write_debrief(room: Classroom, subs: list[Submission], path: str | Path) -> Path:
    """Build the debrief and write it atomically to `path` (an .html file)."""
    check_output(path)
    return atomic_write_text(path, render(build_debrief(room, subs)))
