"""How the screens write figures: money and counts from game.engine.units, plus shares and quarters."""

from __future__ import annotations

from game.engine.units import fmt_count, fmt_usd
from game.models.quarters import pretty_quarter

__all__ = ["fmt_count", "fmt_usd", "pct", "pretty_quarter", "runway", "signed_usd", "signed_count"]

NO_BURN_QUARTERS = 99  # the engine reports 99 when the lab is not burning cash


def pct(x: float) -> str:
    return f"{100 * x:.0f}%" if x >= 0.095 else f"{100 * x:.1f}%"


def runway(quarters: float) -> str:
    if quarters >= NO_BURN_QUARTERS:
        return "no burn"
    return f"{quarters:.1f} q"


def signed_usd(x: float) -> str:
    return ("+" if x > 0 else "") + fmt_usd(x)


def signed_count(x: float) -> str:
    return ("+" if x > 0 else "") + fmt_count(x)
