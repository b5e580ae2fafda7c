"""How numbers are written for people: money with B/M/k, counts with separators."""

from __future__ import annotations

import math


def fmt_usd(x: float) -> str:
    """12_300_000_000 -> "$12.3 B"; -5e8 -> "-$500 M"."""
    if not math.isfinite(x):
        return str(x)
    sign = "-" if x < 0 else ""
    a = abs(x)
    for div, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if a >= div:
            v = a / div
            return f"{sign}${v:.3g} {unit}" if v < 100 else f"{sign}${v:.0f} {unit}"
    return f"{sign}${a:.2f}" if a < 100 else f"{sign}${a:.0f}"


def fmt_count(x: float) -> str:
    """350_000_000 -> "350 M"; 1_700 -> "1,700"."""
    if not math.isfinite(x):
        return str(x)
    a = abs(x)
    for div, unit in ((1e9, "B"), (1e6, "M")):
        if a >= div:
            v = x / div
            return f"{v:.3g} {unit}" if abs(v) < 100 else f"{v:.0f} {unit}"
    return f"{x:,.0f}"
