"""Compact text charts for the terminal, where no plot file is asked for."""

from __future__ import annotations

import numpy as np

BLOCKS = " ▁▂▃▄▅▆▇█"


def histogram(values: np.ndarray, bins: int = 32) -> str:
    """One line of block characters: how many games fall in each bin from the lowest to the highest value."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if not len(values):
        return ""
    lo, hi = float(values.min()), float(values.max())
    counts, _ = np.histogram(values, bins=bins, range=(lo, hi if hi > lo else lo + 1.0))
    top = counts.max()
    return "".join(BLOCKS[int(np.ceil(8 * c / top))] if c else BLOCKS[0] for c in counts)


def band(p5: float, p25: float, p50: float, p75: float, p95: float, lo: float, hi: float, width: int = 36) -> str:
    """A box plot on one line: '-' from p5 to p95, '=' from p25 to p75, '|' at the median."""
    span = hi - lo if hi > lo else 1.0
    at = lambda v: min(width - 1, max(0, int(round((v - lo) / span * (width - 1)))))  # noqa: E731
    line = [" "] * width
    for i in range(at(p5), at(p95) + 1):
        line[i] = "-"
    for i in range(at(p25), at(p75) + 1):
        line[i] = "="
    line[at(p50)] = "|"
    return "".join(line)
