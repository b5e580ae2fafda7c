"""The decision form as data: which field goes on which tab, how it is typed, and its limit.

Fields the engine adds later (extra `QuarterDecisions` fields with defaults) are not lost:
`extra_fields` lists them and the decisions screen shows them on the "Model" tab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from game.models.decisions import QuarterDecisions, StaffChange, decision_bounds
from game.play.session import Game
from game.text.format import fmt_count, fmt_usd

SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
_NUMBER = re.compile(r"^\s*\$?\s*(-?[0-9][0-9,_]*\.?[0-9]*(?:e-?[0-9]+)?)\s*([kmbt]?)\s*$", re.IGNORECASE)


def parse_number(text: str) -> float:
    """"6.6 B" -> 6.6e9, "$500M" -> 5e8, "1,700" -> 1700, "1.5e9" -> 1.5e9."""
    match = _NUMBER.match(text)
    if not match:
        raise ValueError(f"{text.strip()!r} is not a number (write e.g. 6.6 B, 500 M, 1,700 or 0.3)")
    return float(match.group(1).replace(",", "").replace("_", "")) * SUFFIXES.get(match.group(2).lower(), 1.0)


def editable(value: float, kind: str) -> str:
    """A value the way the player would type it back."""
    if kind == "usd":
        for div, unit in ((1e9, "B"), (1e6, "M")):
            if abs(value) >= div:
                return f"{value / div:.4g} {unit}"
        return f"{value:.0f}"
    if kind == "count":
        return f"{round(value):,}"
    return f"{value:.4g}"


@dataclass(frozen=True)
class FieldSpec:
    path: str  # "hires.research" for nested fields
    label: str
    tab: str
    kind: str  # usd | count | number
    hint: Callable[[Game], str]


def _range(name: str) -> Callable[[Game], str]:
    lo, hi = decision_bounds()[name]
    return lambda game: f"{lo:g} to {hi:g}"


def _lim(attr: str, fmt) -> Callable[[Game], str]:
    return lambda game: f"up to {fmt(float(getattr(game.limits(), attr)[0]))}"


def _staff(kind: str) -> list[FieldSpec]:
    verb = "Hire" if kind == "hires" else "Lay off"
    hint = _lim("max_hires", fmt_count) if kind == "hires" else (lambda game: "up to the function's headcount")
    return [FieldSpec(f"{kind}.{f}", f"{verb} {f.replace('_', '-')}", "Talent", "count",
                      (lambda game, h=hint: f"{h(game)} in all") if kind == "hires" else hint)
            for f in StaffChange.model_fields]


TABS = ("Funding", "Compute", "Prices", "Talent", "Model")

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("equity_raise_usd", "Equity to raise", "Funding", "usd",
              lambda g: "up to the chosen offer"),
    FieldSpec("credit_draw_usd", "Draw on credit", "Funding", "usd", _lim("max_credit_draw_usd", fmt_usd)),
    FieldSpec("credit_repay_usd", "Repay credit", "Funding", "usd", lambda g: f"up to the debt, {fmt_usd(g.status()['debt_usd'])}"),
    FieldSpec("gpu_purchase_a100e", "GPUs to buy (A100e)", "Compute", "count",
              lambda g: f"up to {fmt_count(float(g.limits().max_gpu_purchase_a100e[0]))} at "
                        f"{fmt_usd(float(g.limits().gpu_price_usd_per_a100e[0]))} each"),
    FieldSpec("gpu_rent_a100e", "GPUs to rent (A100e)", "Compute", "count",
              lambda g: f"up to {fmt_count(float(g.limits().max_gpu_rent_a100e[0]))} at "
                        f"${float(g.limits().rent_price_usd_per_a100e_hour[0]):.2f}/hour"),
    FieldSpec("training_share", "Owned GPUs training", "Compute", "number", _range("training_share")),
    FieldSpec("subscription_price_usd_per_month", "Subscription $/month", "Prices", "number",
              _range("subscription_price_usd_per_month")),
    FieldSpec("api_price_usd_per_mtok", "API $ per M tokens", "Prices", "number", _range("api_price_usd_per_mtok")),
    FieldSpec("free_tier_generosity", "Free tier (1 = 2024)", "Prices", "number", _range("free_tier_generosity")),
    *_staff("hires"),
    *_staff("layoffs"),
    FieldSpec("pay_level", "Pay x market", "Talent", "number", _range("pay_level")),
    FieldSpec("retention_grants_usd", "Retention grants", "Talent", "usd",
              lambda g: "paid now; cuts attrition and key departures"),
    FieldSpec("training_budget_usd", "Training budget", "Model", "usd",
              lambda g: "next flagship: compute, data, experiments"),
    FieldSpec("safety_testing_weeks", "Safety testing (weeks)", "Model", "number",
              lambda g: f"{_range('safety_testing_weeks')(g)}; over 13 holds a ready model a quarter"),
)


def term_sheet_options(game: Game) -> list[tuple[str, bool]]:
    """(label, on offer) for term_sheet 0 (none), 1 venture, 2 strategic cloud partner, 3 sovereign fund."""
    from game.engine.decisions import TERM_SHEETS

    lim = game.limits()
    names = {1: "Venture", 2: "Cloud partner", 3: "Sovereign fund"}
    strings = {2: f", {game.params.funding.strategic_compute_credit_share:.0%} as compute credits", 3: ", costs brand"}
    options = [("No new round", True)]
    for k in TERM_SHEETS:
        size, pre = float(lim.term_sheet_max_usd[0, k]), float(lim.term_sheet_pre_money_usd[0, k])
        if size > 0:
            options.append((f"{names[k]}: up to {fmt_usd(size)} at {fmt_usd(pre)} pre-money{strings.get(k, '')}", True))
        else:
            options.append((f"{names[k]}: no offer this quarter", False))
    return options


TERM_SHEET_STRINGS = ("The cloud partner pays part in credits usable only on its cloud and takes a share of revenue; "
                      "sovereign money costs consumer brand. Every round dilutes your stake.")


@dataclass(frozen=True)
class SwitchSpec:
    """A yes/no decision: its tab, label, what it means now (the offer, the deadline), and whether it can be taken."""

    path: str
    tab: str
    label: str
    hint: Callable[[Game], str]
    allowed: Callable[[Game], bool] = lambda game: True


def _conversion_hint(game: Game) -> str:
    if bool(game.state.funding.for_profit[0]):
        return "done: the lab is for-profit"
    due = int(game.state.funding.conversion_due_quarter[0])
    if due >= 0:
        return f"due by {game.params.label(due)}, or the rounds raised since turn into debt"
    return f"rounds raised first must see it within {game.params.funding.conversion_deadline_quarters:g} quarters"


def _acquihire_offer(game: Game) -> float:
    return float(game.limits().acquihire_offer_usd[0])


def _acquihire_hint(game: Game) -> str:
    offer = _acquihire_offer(game)
    if offer > 0:
        return f"{fmt_usd(offer)} for the lab and its people; ends the game"
    return f"no offer: offers come when runway is under {game.params.outcome.acquihire_when_runway_below_quarters:g} quarters"


SWITCHES: tuple[SwitchSpec, ...] = (
    SwitchSpec("convert_to_for_profit", "Funding", "Convert to for-profit", _conversion_hint,
               lambda g: not bool(g.state.funding.for_profit[0])),
    SwitchSpec("accept_acquisition", "Funding", "Accept acquihire offer", _acquihire_hint, lambda g: _acquihire_offer(g) > 0),
    SwitchSpec("ipo", "Funding", "List the company (IPO)", lambda g: "ends the game; allowed past the revenue and age thresholds"),
)


def switches() -> list[SwitchSpec]:
    """Every yes/no decision: the known ones above, then any the engine adds (on the Model tab)."""
    known = {s.path for s in SWITCHES}
    extra = [SwitchSpec(name, "Model", name.replace("_", " ").capitalize(), lambda g, d=info.description or "": d)
             for name, info in QuarterDecisions.model_fields.items() if info.annotation is bool and name not in known]
    return [*SWITCHES, *extra]


KNOWN = {f.path.split(".")[0] for f in FIELDS} | {"term_sheet"}


def extra_fields() -> list[FieldSpec]:
    """Number fields of QuarterDecisions this form does not know yet (added by the engine later)."""
    out = []
    for name, info in QuarterDecisions.model_fields.items():
        if name in KNOWN or info.annotation not in (int, float):
            continue
        out.append(FieldSpec(name, name.replace("_", " ").capitalize(), "Model", "number",
                             lambda g, d=info.description: d or ""))
    return out


def value_of(decisions: QuarterDecisions, path: str) -> float:
    obj = decisions
    for part in path.split("."):
        obj = getattr(obj, part)
    return float(obj)


def field_of(message: str) -> str:
    """The field an engine or pydantic message names ("hires: ..." -> "hires")."""
    return message.split(":", 1)[0].strip()
