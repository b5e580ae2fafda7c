"""Refusals in words: one line per refused decision, naming the field and the limit.

The engine and the decision model say *why* as data (game.models.decisions.Refusal);
this is the only place that turns that into the sentences the terminal UI, the command
line and the saves' checks print.
"""

from __future__ import annotations

import math

from game.models.decisions import Refusal
from game.text.format import fmt_count, fmt_usd


def _range(r: Refusal) -> str:
    lo, hi = r.low if r.low is not None else -math.inf, r.limit if r.limit is not None else math.inf
    per = " per function" if r.detail.get("per") == "function" else ""
    value = f"{r.value:g}" if r.value is not None else "the value"
    if math.isinf(hi) and lo == 0.0:
        return f"{value} is negative (allowed 0 or more{per})"
    return f"{value} is out of range (allowed {lo:g} to {hi:g}{per})"


_WORDS = {
    "not_finite": lambda r: "not a finite number",
    "out_of_range": _range,
    "invalid": lambda r: r.detail.get("why", "not allowed"),
    "not_a_number": lambda r: (f"{r.detail.get('text', '')!r} is not a whole number of people (write e.g. 12 or 1,700)"
                               if r.detail.get("not_whole") else
                               f"{r.detail.get('text', '')!r} is "
                               f"{'too large to be a number' if r.detail.get('too_large') else 'not a number'} "
                               "(write e.g. 6.6 B, 500 M, 1,700 or 0.3)"),
    "not_a_term_sheet": lambda r: f"{r.value:g} is not a term sheet (allowed 0 none, 1 venture, 2 strategic, 3 sovereign)",
    "over_offer": lambda r: (f"{fmt_usd(r.value)} is more than the {r.detail['term_sheet']} term sheet offers "
                             f"(allowed up to {fmt_usd(r.limit)})"),
    "needs_term_sheet": lambda r: f"{fmt_usd(r.value)} needs a term sheet (choose term_sheet 1, 2 or 3)",
    "no_offer": lambda r: (f"there is no acquihire offer (offers come when runway is under "
                           f"{r.detail['runway_below_quarters']:g} quarters)"),
    "already_for_profit": lambda r: "the lab is already for-profit",
    "over_credit_line": lambda r: f"{fmt_usd(r.value)} is more than the undrawn credit line (allowed up to {fmt_usd(r.limit)})",
    "over_debt": lambda r: f"{fmt_usd(r.value)} is more than the debt (allowed up to {fmt_usd(r.limit)})",
    "over_supply": lambda r: (f"{fmt_count(r.value)} is more than the market can supply this quarter "
                              f"(allowed up to {fmt_count(r.limit)})"),
    "over_rent_supply": lambda r: f"{fmt_count(r.value)} is more than the cloud can rent you (allowed up to {fmt_count(r.limit)})",
    "over_job_market": lambda r: (f"{fmt_count(r.value)} people is more than the job market supplies in a quarter "
                                  f"(allowed up to {fmt_count(r.limit)})"),
    "over_headcount": lambda r: "more people than the function has (allowed up to its headcount)",
    "ipo_not_allowed": lambda r: (f"not allowed yet (needs {fmt_usd(r.detail['revenue_usd_per_year'])} a year of revenue "
                                  f"and {r.detail['age_years']:g} years since founding)"),
    "over_cash": lambda r: (f"{fmt_usd(r.detail.get('biggest_usd', r.value))} here makes {fmt_usd(r.value)} spent up front "
                            "(GPUs bought, training, distillation, hiring, retention grants), more than the cash "
                            f"available (allowed up to {fmt_usd(r.limit)} = cash + equity raised + credit drawn - repaid)"),
    "game_over": lambda r: f"the game is over ({r.detail.get('outcome', 'ended')})",
}


def message(r: Refusal) -> str:
    """One refusal as a line: `field: what is wrong (allowed ...)`."""
    words = _WORDS.get(r.code, lambda r: r.code.replace("_", " "))(r)
    return f"{r.field}: {words}" if r.field else words


def messages(refusals: list[Refusal]) -> list[str]:
    return [message(r) for r in refusals]
