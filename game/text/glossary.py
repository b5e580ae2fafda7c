"""The help's reference parts, written from the declarations they describe: the decisions
(game.models.decisions) and the cash identity (the report's drivers, game.text.explain.CASH).
A rule changes in one place and the help follows."""

from __future__ import annotations

import math

from game.models.decisions import INBOX_TAB, QuarterDecisions, StaffChange, TABS, decision_bounds, form_fields
from game.text.explain import CASH


def cash_identity() -> str:
    """cash' = cash + revenue - inference - ... (the terms the report's cash drivers use)."""
    return "cash' = cash " + " ".join(f"{'+' if sign > 0 else '-'} {why.label.lower()}" for _, sign, why in CASH)


def _range(name: str) -> str:
    lo, hi = decision_bounds().get(name.split(".")[0], (-math.inf, math.inf))
    if math.isinf(lo):
        return ""
    return f"{lo:g} to {hi:g}" if math.isfinite(hi) else f"{lo:g} or more"


def decisions_markdown() -> str:
    """A table of every decision by tab: what it is, its range, what it does."""
    lines = ["| tab | decision | allowed | what it does |", "|---|---|---|---|"]
    for tab in (*TABS, INBOX_TAB):
        seen = set()
        for f in (f for f in form_fields() if f.tab == tab):
            top = f.path.split(".")[0]
            info = QuarterDecisions.model_fields[top]
            if info.annotation is StaffChange:
                if top in seen:
                    continue
                seen.add(top)
                label = (info.json_schema_extra or {}).get("label", top)
                functions = ", ".join(name.replace("_", "-") for name in StaffChange.model_fields)
                lines.append(f"| {tab} | {label} ({functions}) | {_range(f.path)} each | people, by function |")
                continue
            allowed = "yes / no" if f.unit == "flag" else _range(f.path)
            does = info.description or ""
            if f.hint and f.hint not in does:
                does += f" ({f.hint})"
            lines.append(f"| {tab} | {f.label} | {allowed} | {does} |")
    return "\n".join(lines)
