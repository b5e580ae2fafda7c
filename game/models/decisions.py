"""The quarter's decisions: what the UI, a save file or a script sends, and every rule on them
that does not depend on the state, declared once.

Each field's range (pydantic bounds) is the rule: the engine's refusal check, the
terminal UI's form and help, and the scenario validator (a scenario's starting prices
must be decisions the engine accepts) all read it from here. Each field also says how the
form shows it (tab, label, unit, a hint). Limits that depend on the state (the term sheet
on offer, the credit line, GPU supply, cash) are the engine's (game.engine.rules). A
refused decision is a `Refusal`, a structured record (field, code, value, limit) that
game.text.messages puts into words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache
from typing import Any

import annotated_types
from pydantic import ConfigDict, Field

from game.models.strict import NoBooleanNumbers

TABS = ("Funding", "Compute", "Prices", "Talent", "Model")
INBOX_TAB = "Inbox"  # the answer to a card that asks: shown above the tabs while a question waits


class TermSheet(IntEnum):
    """The kinds of round on offer each quarter (decision `term_sheet`)."""

    NONE = 0
    VENTURE = 1
    STRATEGIC = 2
    SOVEREIGN = 3

    @property
    def label(self) -> str:
        return ("no new round", "venture", "strategic cloud partner", "sovereign fund")[self]


def decision(default: Any, *, tab: str, label: str, unit: str, hint: str = "", description: str = "",
             one_off: bool = False, **bounds) -> Any:
    """A decision field: its default, its range and how the form shows it.

    unit: usd, a100e, share, usd_per_month, usd_per_mtok, ratio, weeks, people, choice, flag.
    one_off: a move made once (a round, a draw, a purchase, a listing), not a standing order:
    the next quarter's draft starts it again from its default (see `standing_orders`)."""
    return Field(default=default, description=description or hint or label,
                 json_schema_extra={"tab": tab, "label": label, "unit": unit, "hint": hint, "one_off": one_off}, **bounds)


class StaffChange(NoBooleanNumbers):
    """People by function (hires or layoffs)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    research: int = Field(default=0, ge=0, le=100_000)
    engineering: int = Field(default=0, ge=0, le=100_000)
    safety: int = Field(default=0, ge=0, le=100_000)
    go_to_market: int = Field(default=0, ge=0, le=100_000)

    def as_list(self) -> list[int]:
        return [self.research, self.engineering, self.safety, self.go_to_market]

    @property
    def total(self) -> int:
        return sum(self.as_list())


class QuarterDecisions(NoBooleanNumbers):
    """Everything the player decides in one quarter. Money in US dollars."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    term_sheet: int = decision(0, tab="Funding", label="Term sheet", unit="choice", one_off=True, ge=0, le=3,
                               description="0 none, 1 venture, 2 strategic cloud partner, 3 sovereign fund")
    equity_raise_usd: float = decision(0.0, tab="Funding", label="Equity to raise", unit="usd", one_off=True, ge=0,
                                       hint="up to the chosen offer", description="money taken from the chosen term sheet")
    credit_draw_usd: float = decision(0.0, tab="Funding", label="Draw on credit", unit="usd", one_off=True, ge=0,
                                      description="drawn on the revolving credit line")
    credit_repay_usd: float = decision(0.0, tab="Funding", label="Repay credit", unit="usd", one_off=True, ge=0,
                                       description="repaid on the credit line")
    gpu_purchase_a100e: float = decision(0.0, tab="Compute", label="GPUs to buy (A100e)", unit="a100e", one_off=True, ge=0,
                                         description="GPUs ordered (A100-equivalents), delivered after the lead time")
    gpu_rent_a100e: float = decision(0.0, tab="Compute", label="GPUs to rent (A100e)", unit="a100e", ge=0,
                                     description="GPUs rented for this quarter (A100-equivalents)")
    training_share: float = decision(0.0, tab="Compute", label="Owned GPUs training", unit="share", ge=0.0, le=1.0,
                                     description="share of owned GPU-hours kept for training")
    training_budget_usd: float = decision(0.0, tab="Model", label="Training budget", unit="usd", ge=0,
                                          hint="next flagship: compute, data, experiments",
                                          description="cloud training compute, data and experiments this quarter")
    subscription_price_usd_per_month: float = decision(
        20.0, tab="Prices", label="Subscription $/month", unit="usd_per_month", ge=1.0, le=1000.0,
        description="consumer subscription price (a paid tier at 0 $ is no paid tier)")
    api_price_usd_per_mtok: float = decision(10.0, tab="Prices", label="API $ per M tokens", unit="usd_per_mtok",
                                             ge=0.01, le=1000.0, description="API price per million tokens")
    free_tier_generosity: float = decision(1.0, tab="Prices", label="Free tier (1 = 2024)", unit="ratio", ge=0.25, le=2.0,
                                           description="1 = the 2024 free tier; less saves compute but loses users")
    free_tier_small_model_share: float = decision(
        0.0, tab="Prices", label="Free tier: small model", unit="share", ge=0.0, le=1.0,
        description="share of free users' tokens served by the small model (payers always get the flagship): "
                    "cheaper to serve and paying adds more, but free users get less")
    distillation_budget_usd: float = decision(0.0, tab="Model", label="Distillation budget", unit="usd", ge=0,
                                              hint="small model: nearer, cheaper",
                                              description="spent this quarter distilling the flagship into the small model")
    hires: StaffChange = Field(default_factory=StaffChange, json_schema_extra={"tab": "Talent", "label": "Hire", "unit": "people", "hint": ""})
    layoffs: StaffChange = Field(default_factory=StaffChange, json_schema_extra={"tab": "Talent", "label": "Lay off", "unit": "people", "hint": "", "one_off": True})
    pay_level: float = decision(1.0, tab="Talent", label="Pay x market", unit="ratio", ge=0.5, le=3.0,
                                description="pay as a multiple of market pay")
    retention_grants_usd: float = decision(0.0, tab="Talent", label="Retention grants", unit="usd", ge=0,
                                           hint="paid now; cuts attrition and key departures",
                                           description="grants paid this quarter to keep people")
    safety_testing_weeks: float = decision(
        8.0, tab="Model", label="Safety testing (weeks)", unit="weeks", ge=1.0, le=26.0,
        description="safety testing before launching a trained model; 9 days (~1.3 weeks) was too short (facts §3 'rushed launch')")
    convert_to_for_profit: bool = decision(False, tab="Funding", label="Convert to for-profit", unit="flag", one_off=True,
                                           description="turn the lab for-profit (before the deadline)")
    accept_acquisition: bool = decision(False, tab="Funding", label="Accept acquihire offer", unit="flag", one_off=True,
                                        description="take this quarter's acquihire offer (ends the game)")
    ipo: bool = decision(False, tab="Funding", label="List the company (IPO)", unit="flag", one_off=True,
                         hint="ends the game; allowed past the revenue and age thresholds",
                         description="list the company this quarter (ends the game)")
    accept_offer: bool = decision(False, tab=INBOX_TAB, label="Accept the offer", unit="flag", one_off=True,
                                  hint="the question last quarter's news asked (unticked: decline)",
                                  description="answer yes to the question a card asked last quarter (no question: nothing)")


def standing_orders(last: QuarterDecisions) -> QuarterDecisions:
    """Next quarter's draft from this quarter's decisions: prices, budgets, rent, hiring pace,
    pay and testing carry on; every one-off move (a round, a credit draw or repayment, a GPU
    purchase, layoffs, the conversion, an acquisition, a listing) goes back to none."""
    fresh = QuarterDecisions()
    return last.model_copy(update={name: getattr(fresh, name) for name in one_off_fields()})


@cache
def one_off_fields() -> tuple[str, ...]:
    """The decisions declared one_off: made once, never carried to the next quarter."""
    return tuple(name for name, info in QuarterDecisions.model_fields.items()
                 if (info.json_schema_extra or {}).get("one_off"))


@dataclass(frozen=True)
class FormField:
    """How the decision form shows one field (from its declaration above)."""

    path: str  # "hires.research" for a function's hires
    tab: str
    label: str
    unit: str
    hint: str


@cache
def form_fields() -> tuple[FormField, ...]:
    """Every decision as the form shows it, in declaration order (staff changes by function)."""
    out = []
    for name, info in QuarterDecisions.model_fields.items():
        extra = info.json_schema_extra or {}
        if info.annotation is StaffChange:
            verb = extra.get("label", name)
            for function in StaffChange.model_fields:
                out.append(FormField(f"{name}.{function}", extra.get("tab", "Model"),
                                     f"{verb} {function.replace('_', '-')}", "people", ""))
        else:
            out.append(FormField(name, extra.get("tab", "Model"), extra.get("label", name.replace("_", " ").capitalize()),
                                 extra.get("unit", ""), extra.get("hint", "")))
    return tuple(out)


def _bounds_of(info) -> tuple[float, float]:
    lo, hi = -math.inf, math.inf
    for m in info.metadata:
        if isinstance(m, annotated_types.Ge):
            lo = float(m.ge)
        elif isinstance(m, annotated_types.Le):
            hi = float(m.le)
    return lo, hi


@cache
def decision_bounds() -> dict[str, tuple[float, float]]:
    """(lowest, highest) allowed for each number decision, by field (staff changes by kind)."""
    out = {}
    for name, info in QuarterDecisions.model_fields.items():
        if info.annotation is StaffChange:
            out[name] = _bounds_of(StaffChange.model_fields["research"])
        elif info.annotation is not bool:
            out[name] = _bounds_of(info)
    return out


@dataclass(frozen=True)
class Refusal:
    """Why a decision is not allowed, as data: game.text.messages words it for people.

    code: not_finite, out_of_range, not_a_term_sheet, over_offer, needs_term_sheet, no_offer,
    already_for_profit, over_credit_line, over_debt, over_supply, over_rent_supply,
    over_job_market, over_headcount, ipo_not_allowed, over_cash, not_a_number, game_over."""

    field: str
    code: str
    value: float | None = None
    limit: float | None = None  # the highest allowed (or the lowest, for a floor)
    low: float | None = None  # for a range: the lowest allowed
    detail: dict = field(default_factory=dict)  # what else the words need (a term sheet's name, a threshold)


def validated(data: dict) -> tuple[QuarterDecisions | None, list[Refusal]]:
    """Decisions from plain data (a form, a file), or the refusals of what does not fit."""
    from pydantic import ValidationError

    try:
        return QuarterDecisions.model_validate(data), []
    except ValidationError as e:
        return None, [_refusal_of(err) for err in e.errors(include_url=False)]


def _refusal_of(err: dict) -> Refusal:
    path = ".".join(str(p) for p in err["loc"])
    value = err.get("input")
    number = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if err["type"] == "finite_number":
        return Refusal(path, "not_finite")
    if err["type"] in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        lo, hi = decision_bounds().get(path.split(".")[0], (-math.inf, math.inf))
        return Refusal(path, "out_of_range", number, hi, lo, {"per": "function"} if "." in path else {})
    return Refusal(path, "invalid", number, detail={"why": err["msg"]})
