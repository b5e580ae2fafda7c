"""How numbers are written for people: money with B/M/k, counts with separators, shares,
runway and quarters. Every screen, table and message writes figures with these."""

from __future__ import annotations

import math

from game.models.quarters import NO_BURN_RUNWAY_QUARTERS, pretty_quarter

__all__ = ["decision_label", "fmt_count", "fmt_decision", "fmt_usd", "pct", "pretty_quarter", "runway", "signed_count",
           "signed_usd", "stake_pct"]


def _power_of_ten(a: float) -> str:
    """1e300 -> "1.0e300"."""
    return f"{a:.1e}".replace("e+", "e")


def fmt_usd(x: float) -> str:
    """12_300_000_000 -> "$12.3 B"; -5e8 -> "-$500 M"."""
    if not math.isfinite(x):
        return str(x)
    sign = "-" if x < 0 else ""
    a = abs(x)
    if a >= 1e15:  # past a thousand trillion: a power of ten, not 300 digits
        return f"{sign}${_power_of_ten(a)}"
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
    if a >= 1e12:
        return ("-" if x < 0 else "") + _power_of_ten(a)
    for div, unit in ((1e9, "B"), (1e6, "M")):
        if a >= div:
            v = x / div
            return f"{v:.3g} {unit}" if abs(v) < 100 else f"{v:.0f} {unit}"
    return f"{x:,.0f}"


def pct(x: float) -> str:
    return f"{100 * x:.0f}%" if x >= 0.095 else f"{100 * x:.1f}%"


def stake_pct(x: float) -> str:
    """A stake to the hundredth of a point under 10% ("9.62%"): a round's dilution shows."""
    return f"{100 * x:.2f}%" if x < 0.1 else f"{100 * x:.1f}%"


def runway(quarters: float) -> str:
    if quarters >= NO_BURN_RUNWAY_QUARTERS:
        return "no burn"
    return f"{quarters:.1f} q"


def signed_usd(x: float) -> str:
    return ("+" if x > 0 else "") + fmt_usd(x)


def signed_count(x: float) -> str:
    return ("+" if x > 0 else "") + fmt_count(x)


def fmt_decision(path: str, value: float) -> str:
    """A decision's value in its own unit ("$750 M", "490,000", "$22.00", "1.2x", "8 weeks"),
    the unit read from the decision's declaration (game.models.decisions)."""
    from game.models.decisions import form_fields

    unit = next((f.unit for f in form_fields() if f.path == path), "")
    if unit in ("usd", "usd_per_month", "usd_per_mtok"):
        return fmt_usd(value)
    if unit in ("a100e", "people"):
        return fmt_count(value)
    if unit == "share":
        return pct(value)
    if unit == "ratio":
        return f"{value:.2f}x"
    if unit == "weeks":
        return f"{value:g} weeks"
    return f"{value:g}"


def decision_label(path: str) -> str:
    """The form's label of a decision ("GPUs to rent (A100e)", "Hire research")."""
    from game.models.decisions import form_fields

    return next((f.label for f in form_fields() if f.path == path), path)
