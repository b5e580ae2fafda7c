"""Pictures of many games, drawn with matplotlib (the optional `burnrate[plot]` extra).

Imported only by the commands that plot (`lab --plot`, `sweep --plot`), and matplotlib only
inside these functions: `burnrate play` and the headless commands never pay for it. Figures
are built without pyplot (no GUI backend, nothing global), and the file's suffix picks the
format (.svg or .png).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from game.errors import UsageError

FORMATS = (".svg", ".png", ".pdf")
BILLION = 1e9


def check_plot_path(path: str) -> Path:
    """The plot's file, checked before any game is played: a known suffix, a folder that exists,
    and matplotlib installed (one clear line otherwise)."""
    p = Path(path)
    if p.suffix.lower() not in FORMATS:
        raise UsageError(f"--plot {path}: the file must end in {', '.join(FORMATS)} (the suffix picks the format)")
    if not p.parent.is_dir() and str(p.parent) not in ("", "."):
        raise UsageError(f"--plot {path}: no folder {p.parent}")
    _figure()
    return p


def _figure():
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise UsageError("--plot needs matplotlib, which is not installed here: pip install 'burnrate[plot]'") from None
    return Figure


def _bands(ax, x, values: np.ndarray, label: str, color: str | None = None):
    """The median line with 25-75 and 5-95 percentile bands of `values` (x along axis 1)."""
    with np.errstate(all="ignore"):
        p5, p25, p50, p75, p95 = np.nanpercentile(values, [5, 25, 50, 75, 95], axis=0)
    (line,) = ax.plot(x, p50, label=f"{label} median" if label else "median", color=color, linewidth=2)
    c = line.get_color()
    ax.fill_between(x, p25, p75, color=c, alpha=0.3, linewidth=0, label="25-75%" if not label else None)
    ax.fill_between(x, p5, p95, color=c, alpha=0.12, linewidth=0, label="5-95%" if not label else None)


def lab_plot(path: Path, title: str, scores_usd: np.ndarray, cash_paths_usd: np.ndarray, quarter_labels: list[str]) -> None:
    """The distribution of final score, and the fan chart of cash by quarter (games that
    ended keep their last cash)."""
    Figure = _figure()
    fig = Figure(figsize=(11, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    left.hist(scores_usd / BILLION, bins=40, color="#4c72b0")
    left.set_xlabel("final score: value of the founders' stake ($ B)")
    left.set_ylabel("games")
    for p, style in ((5, ":"), (50, "-"), (95, ":")):
        left.axvline(np.percentile(scores_usd, p) / BILLION, color="black", linestyle=style, linewidth=1)
    left.set_title("Score (lines: p5, median, p95)")
    filled = _forward_filled(cash_paths_usd)
    x = np.arange(filled.shape[1])
    _bands(right, x, filled / BILLION, "")
    right.axhline(0, color="grey", linewidth=0.8)
    step = max(1, len(x) // 8)
    right.set_xticks(x[::step], [quarter_labels[i] for i in x[::step]])
    right.set_ylabel("cash ($ B)")
    right.set_title("Cash by quarter")
    right.legend(loc="upper left", fontsize="small")
    fig.suptitle(title)
    fig.savefig(path)


def _forward_filled(paths: np.ndarray) -> np.ndarray:
    """Each game's last value carried past its end (a bankrupt lab stays where it ended)."""
    out = paths.copy()
    for q in range(1, out.shape[1]):
        gone = np.isnan(out[:, q])
        out[gone, q] = out[gone, q - 1]
    return out


def sweep_plot(path: Path, title: str, x_path: str, x_values: list, series: list[tuple[str, list[np.ndarray]]],
               bankrupt: list[tuple[str, list[float]]]) -> None:
    """Score against the first varied value, with percentile bands, one series per value of
    the others; beside it the share of games that run out of cash."""
    Figure = _figure()
    fig = Figure(figsize=(11, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in x_values)
    x = np.array(x_values, dtype=float) if numeric else np.arange(len(x_values))
    for label, scores in series:
        _bands(left, x, np.stack(scores, axis=1) / BILLION, label)
    for label, shares in bankrupt:
        right.plot(x, 100 * np.array(shares), marker="o", label=label or None)
    for ax in (left, right):
        ax.set_xlabel(x_path)
        if not numeric:
            ax.set_xticks(x, [str(v) for v in x_values])
    left.set_ylabel("final score ($ B)")
    left.set_title("Score (median, 25-75% and 5-95% of games)")
    left.legend(fontsize="small")
    right.set_ylabel("games bankrupt (%)")
    right.set_ylim(0, 100)
    right.set_title("Cash runs out")
    if any(label for label, _ in bankrupt):
        right.legend(fontsize="small")
    fig.suptitle(title)
    fig.savefig(path)
