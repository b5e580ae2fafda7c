"""The decision form as data: every field of QuarterDecisions, where its declaration puts
it (tab, label, unit), how it is typed, and what this quarter allows of it.

Nothing here is a second copy of a rule: the fields, their tabs and labels and their
ranges come from game.models.decisions; the limits that depend on the quarter (the offer
on the table, the GPU market, the credit line) from the position's LimitsView. A field
added to QuarterDecisions appears on the form by itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

from rich.markup import escape

from game.models.decisions import FormField, QuarterDecisions, TermSheet, decision_bounds, form_fields
from game.play.session import Position
from game.text import explain
from game.text.format import fmt_count, fmt_usd, pretty_quarter

SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
# Digits grouped by thousands (1,700 or 1_700) or not at all: "1,2,3" is not a number.
_NUMBER = re.compile(r"^\s*\$?\s*(-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:_[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?"
                     r"(?:e-?[0-9]+)?)\s*([kmbt]?)\s*$", re.IGNORECASE)
KINDS = {"usd": "usd", "a100e": "count", "people": "count"}  # how a unit is typed back (else: a plain number)


class NumberTooLarge(ValueError):
    """Text that reads as a number too large for a float (1e400, 309 nines)."""


class NotWhole(ValueError):
    """A fraction where the field counts whole people (12.7 hires)."""


def parse_count(text: str) -> int:
    """A number of people: a whole number (12.7 is refused, not rounded to 13)."""
    value = parse_number(text)
    if value != round(value):
        raise NotWhole(f"{text.strip()!r} is not a whole number of people")
    return round(value)


def parse_number(text: str) -> float:
    """"6.6 B" -> 6.6e9, "$500M" -> 5e8, "1,700" -> 1700, "1.5e9" -> 1.5e9. A number too large
    to hold (1e400) is not a number either."""
    match = _NUMBER.match(text)
    if not match:
        raise ValueError(f"{text.strip()!r} is not a number (write e.g. 6.6 B, 500 M, 1,700 or 0.3)")
    value = float(match.group(1).replace(",", "").replace("_", "")) * SUFFIXES.get(match.group(2).lower(), 1.0)
    if not math.isfinite(value):
        raise NumberTooLarge(f"{text.strip()!r} is too large to be a number here")
    return value


def kind_of(spec: FormField) -> str:
    return KINDS.get(spec.unit, "number")


def editable(value: float, kind: str) -> str:
    """A value the way the player would type it back (the form keeps the exact value of a
    field whose text the player leaves as it was)."""
    if kind == "usd":
        for div, unit in ((1e9, "B"), (1e6, "M")):
            if abs(value) >= div:
                return f"{value / div:.4g} {unit}"
        return f"{value:,.0f}"
    if kind == "count":
        return f"{round(value):,}"
    return f"{value:.4g}"


def number_fields() -> list[FormField]:
    """The form's typed-in fields: every number decision (the term sheet is chosen, yes/no ticked)."""
    return [f for f in form_fields() if f.unit not in ("choice", "flag")]


def switch_fields() -> list[FormField]:
    return [f for f in form_fields() if f.unit == "flag"]


def _range(path: str) -> str:
    lo, hi = decision_bounds()[path.split(".")[0]]
    return f"{lo:g} to {hi:g}" if math.isfinite(hi) else f"{lo:g} or more"


_HINTS: dict[str, Callable[[Position], str]] = {
    "credit_draw_usd": lambda p: f"up to {fmt_usd(p.limits.max_credit_draw_usd)}",
    "credit_repay_usd": lambda p: f"up to the debt, {fmt_usd(p.status.debt_usd)}",
    "gpu_purchase_a100e": lambda p: (f"up to {fmt_count(p.limits.max_gpu_purchase_a100e)} at "
                                     f"{fmt_usd(p.limits.gpu_price_usd_per_a100e)} each"),
    "gpu_rent_a100e": lambda p: (f"up to {fmt_count(p.limits.max_gpu_rent_a100e)} at "
                                 f"${p.limits.rent_price_usd_per_a100e_hour:.2f}/hour"),
    "safety_testing_weeks": lambda p: (f"{_range('safety_testing_weeks')}; over "
                                       f"{p.scenario.training.launch_waits_above_weeks:g} holds a ready model a quarter"),
}


def hint(spec: FormField, position: Position) -> str:
    """What the field allows now, in a few words."""
    if spec.path in _HINTS:
        return _HINTS[spec.path](position)
    if spec.path.startswith("hires."):
        now = position.status.headcount_by_function.get(spec.path.split(".")[1], 0)
        return f"{fmt_count(now)} now; up to {fmt_count(position.limits.max_hires)} hires in all"
    if spec.path.startswith("layoffs."):
        return f"up to {fmt_count(position.status.headcount_by_function.get(spec.path.split('.')[1], 0))}"
    if spec.hint:
        return spec.hint
    lo, hi = decision_bounds().get(spec.path, (0.0, math.inf))
    return _range(spec.path) if math.isfinite(hi) else ""


def term_sheet_options(position: Position) -> list[tuple[str, bool]]:
    """(label, on offer) for each term sheet, "no new round" first."""
    lim, finance = position.limits, position.scenario.finance
    strings = {TermSheet.STRATEGIC: f", {finance.strategic_compute_credit_share:.0%} as compute credits",
               TermSheet.SOVEREIGN: ", costs brand"}
    options = [("No new round", True)]
    for sheet in list(TermSheet)[1:]:
        key = sheet.name.lower()
        size, pre = lim.term_sheet_max_usd[key], lim.term_sheet_pre_money_usd[key]
        name = sheet.label[0].upper() + sheet.label[1:]
        if size > 0:
            options.append((f"{name}: up to {fmt_usd(size)} at {fmt_usd(pre)} pre-money{strings.get(sheet, '')}", True))
        else:
            options.append((f"{name}: no offer this quarter", False))
    return options


TERM_SHEET_STRINGS = ("The cloud partner pays part in credits usable only on its cloud and takes a share of revenue; "
                      "sovereign money costs consumer brand. Every round dilutes your stake.")


def switch_hint(spec: FormField, position: Position) -> tuple[str, bool]:
    """(what the yes/no means now, whether it can be ticked)."""
    status = position.status
    if spec.path == "convert_to_for_profit":
        if status.for_profit:
            return "done: the lab is for-profit", False
        if status.conversion_due_quarter:
            return f"due by {pretty_quarter(status.conversion_due_quarter)}, or the rounds raised since turn into debt", True
        return (f"rounds raised first must see it within {position.scenario.finance.conversion_deadline_quarters:g} "
                "quarters"), True
    if spec.path == "accept_acquisition":
        offer = position.limits.acquihire_offer_usd
        if offer > 0:
            return f"{fmt_usd(offer)} for the lab and its people; ends the game", True
        below = position.scenario.finance.acquihire_when_runway_below_quarters
        return f"no offer: offers come when runway is under {below:g} quarters", False
    if spec.path == "ipo":
        return spec.hint, position.limits.ipo_allowed
    if spec.path == "accept_offer":
        asked = inbox(position)
        return (asked.decline, True) if asked else ("no question waits", False)
    return spec.hint, True


@dataclass(frozen=True)
class Inbox:
    """The question a card asked last quarter, as the decisions screen shows it."""

    text: str  # the card's news and its question
    accept: str  # the tick box's label
    decline: str  # the answer that stands while the box is unticked


def inbox(position: Position) -> Inbox | None:
    """The question waiting for this quarter's answer, or None."""
    asked = explain.question_asked(position.scenario, position.status)
    if asked is None or position.over:
        return None
    card, ask = asked
    return Inbox(text=f"[b]Inbox[/b] · {escape(card.headline)}. [b]{escape(ask.question)}[/b]",
                 accept=ask.accept.label, decline=ask.decline.label)


def value_of(decisions: QuarterDecisions, path: str) -> float:
    obj = decisions
    for part in path.split("."):
        obj = getattr(obj, part)
    return float(obj)


def set_value(data: dict, path: str, value) -> None:
    *outer, last = path.split(".")
    for part in outer:
        data = data[part]
    data[last] = value
