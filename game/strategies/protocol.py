"""The strategy protocol an analyst writes to: plain named arrays in, a dict of decisions out.

A strategy file defines

    def decide(seen, limits, quarter):
        return {"subscription_price_usd_per_month": 25.0, ...}

and Burn Rate calls it once a quarter for a whole batch of games at once (one game in
`simulate`, thousands in `lab` and `sweep`); every array has the batch axis first.

- `seen` (`Observed`): the state each game is in before the quarter is played, by the names
  of `simulate --json` and saves (`seen.cash_usd`, `seen.runway_quarters`,
  `seen.market_share`, `seen.headcount`, ...; `burnrate strategy fields` lists every one
  with its unit), plus `seen.quarter_label` ("2025Q1"), `seen.games` (the batch size) and
  `seen.seed` (each game's seed). Arrays are read-only.
- `limits`: what this quarter allows each game (`limits.max_gpu_rent_a100e`,
  `limits.term_sheet_max_usd[:, VENTURE]`, `limits.max_credit_draw_usd`, ...): the
  engine's own `Limits`, whose fields are listed by `burnrate strategy fields` too.
- `quarter`: 0 for the scenario's first quarter, 1 for the next, ...

The returned dict names decisions by the fields of the decisions form (`QuarterDecisions`):
each value is one number for every game or an array with one per game; `hires` and
`layoffs` take four per game (research, engineering, safety, go-to-market), as a (games,
4) array, four numbers, or a dict by function. A decision left out carries on from the
quarter before (`hold`: the same rent, prices, pay and budgets; nothing raised, bought or
hired). `legal(decisions, seen, limits)` cuts the proposal to this quarter's limits and
cash, as the built-in strategies do.

A value no quarter allows (NaN, a negative price, a term sheet 7, a wrong shape) stops the
run with one line naming the file, the quarter and the field. A value that this quarter's
limits refuse (more GPUs than the cloud rents, spending beyond the cash) is what any player
can propose: the engine refuses it, the game plays `hold` for that quarter, and the lab
counts those rows.

Keep no state between calls and decide each game from its own row only: that is what makes
game i of a lab the game `simulate --seed S0+i` plays, on any number of workers.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from functools import cache

import numpy as np

from game.engine.decisions import _DECISION_FIELDS, SOVEREIGN, STRATEGIC, VENTURE, Decisions, hold
from game.engine.mechanics.talent import N_FUNCTIONS
from game.engine.params import Params
from game.engine.rules import Limits
from game.engine.state import State
from game.models.scenario import FUNCTIONS
from game.strategies.base import within_limits

__all__ = ["Observed", "legal", "VENTURE", "STRATEGIC", "SOVEREIGN", "FUNCTIONS", "DECISION_FIELDS", "observed_fields"]

DECISION_FIELDS = _DECISION_FIELDS
_PER_FUNCTION = ("hires", "layoffs")
_YES_NO = ("convert_to_for_profit", "accept_acquisition", "ipo", "accept_offer")

# Two numbers a strategy needs that the view shows as last quarter's flows, not as state.
_EXTRA = {
    "last_revenue_usd": ("revenue of the quarter before", "usd"),
    "last_net_cash_flow_usd": ("net cash flow of the quarter before (negative: the burn)", "usd"),
}


@cache
def observed_fields() -> dict[str, tuple[str, str, str, str]]:
    """name -> (section, attribute, unit, label) of every figure `seen` has (the state's
    fields of the quarter view), in the view's order."""
    from game.engine.view import view_fields

    out = {f.name: (f.section, f.attr, f.leaf.unit, f.leaf.label) for f in view_fields() if f.source == "state"}
    out.update({name: ("", name, unit, label) for name, (label, unit) in _EXTRA.items()})
    return out


def _read_only(array: np.ndarray) -> np.ndarray:
    view = array.view()
    view.flags.writeable = False
    return view


class Observed:
    """What a strategy sees of a batch of games before it decides (see the module's docstring)."""

    __slots__ = ("_state", "_params", "quarter", "quarter_label", "games", "seed", "_cache")

    def __init__(self, state: State, params: Params, quarter: int):
        self._state = state
        self._params = params
        self._cache: dict[str, np.ndarray] = {}
        self.quarter = quarter
        self.quarter_label = params.label(quarter)
        self.games = state.batch
        self.seed = _read_only(state.seed)

    def __getattr__(self, name: str) -> np.ndarray:
        if name.startswith("_"):
            raise AttributeError(name)
        cache = self._cache
        if name not in cache:
            fields = observed_fields()
            if name not in fields:
                close = difflib.get_close_matches(name, list(fields), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise AttributeError(f"seen.{name}: no such figure{hint}; `burnrate strategy fields` lists them")
            section, attr, _, _ = fields[name]
            if name == "last_revenue_usd":
                value = self._state.finance.revenue_history_usd[:, -1]
            elif name == "last_net_cash_flow_usd":
                value = self._state.finance.last_net_cash_flow_usd
            else:
                value = np.asarray(getattr(getattr(self._state, section), attr))
            cache[name] = _read_only(value)
        return cache[name]

    def columns(self, name: str) -> tuple[str, ...]:
        """The columns of a per-rival, per-function or per-key-person figure, in order."""
        from game.engine.view import _columns, view_fields

        for f in view_fields():
            if f.name == name and f.leaf.table:
                return _columns(self._params, f.leaf.table)
        return ()

    def __dir__(self):
        return [*super().__dir__(), *observed_fields()]


class IllegalDecision(ValueError):
    """A proposal no quarter allows (unknown field, wrong shape or type); the message names the field."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


def _as_array(name: str, value, games: int) -> np.ndarray:
    if name in _PER_FUNCTION and isinstance(value, Mapping):
        unknown = [k for k in value if k not in FUNCTIONS]
        if unknown:
            raise IllegalDecision(name, f"unknown function {unknown[0]!r} (allowed: {', '.join(FUNCTIONS)})")
        value = np.stack([np.broadcast_to(np.asarray(value.get(f, 0.0), dtype=np.float64), (games,)) for f in FUNCTIONS],
                         axis=1) if games else np.zeros((0, N_FUNCTIONS))
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001 - a user's object that numpy cannot read
        raise IllegalDecision(name, f"{type(value).__name__} is not a number or an array of numbers") from None
    if arr.dtype.kind not in "biuf":
        raise IllegalDecision(name, f"{arr.dtype} values are not numbers (got {type(value).__name__})")
    shape = (games, N_FUNCTIONS) if name in _PER_FUNCTION else (games,)
    try:
        arr = np.broadcast_to(arr, shape)
    except ValueError:
        wanted = (f"one number, {N_FUNCTIONS} (one per function) or an array of shape ({games}, {N_FUNCTIONS})"
                  if name in _PER_FUNCTION else f"one number or an array of shape ({games},), one per game")
        raise IllegalDecision(name, f"shape {arr.shape} does not fit the batch of {games} games (give {wanted})") from None
    if name in _YES_NO:
        if arr.dtype.kind != "b" and not np.all((arr == 0) | (arr == 1)):
            raise IllegalDecision(name, "a yes/no decision takes True/False (or 1/0)")
        return arr.astype(bool)
    if name == "term_sheet":
        if arr.dtype.kind == "f" and not np.all(np.isfinite(arr) & (arr == np.round(arr))):
            bad = arr[~(np.isfinite(arr) & (arr == np.round(arr)))][0]
            raise IllegalDecision(name, f"{bad:g} is not a term sheet (allowed 0 none, 1 venture, 2 strategic, 3 sovereign)")
        return arr.astype(np.int64)
    if name in _PER_FUNCTION:
        return np.asfortranarray(arr, dtype=np.float64)
    return np.array(arr, dtype=np.float64)


def decisions_from(proposed, state: State) -> Decisions:
    """A strategy's dict of decisions as the engine's arrays, the rest held from last quarter."""
    if isinstance(proposed, Decisions):
        return proposed
    if not isinstance(proposed, Mapping):
        raise IllegalDecision("", f"decide() must return a dict of decisions (field -> value), not {type(proposed).__name__}")
    changes = {}
    for name, value in proposed.items():
        if name not in _DECISION_FIELDS:
            close = difflib.get_close_matches(str(name), _DECISION_FIELDS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise IllegalDecision(str(name), f"unknown decision ({hint}allowed: {', '.join(_DECISION_FIELDS)})")
        changes[name] = _as_array(name, value, state.batch)
    return hold(state).evolve(**changes)


def legal(decisions, seen: Observed, limits: Limits) -> dict[str, np.ndarray]:
    """The proposal cut to this quarter's limits and cash (as the built-in strategies do):
    raises cut to the offer, GPUs to the supply, hires to the job market, spending to the
    cash at hand. Returns every decision, as a dict."""
    state = seen._state
    fitted = within_limits(decisions_from(decisions, state), state, limits)
    return {name: getattr(fitted, name) for name in _DECISION_FIELDS}
