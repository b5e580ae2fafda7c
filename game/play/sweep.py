"""Sensitivity sweeps: one strategy over a grid of scenario values, with common random numbers.

`--vary PATH=V1,V2,...` or `--vary PATH=lo:hi:n` names a number of the scenario file by its
dotted path (`company.cash_usd`, `market.subscription_price_scale_usd_per_month`,
`rivals.openweights.api_price_usd_per_mtok`: a list's entry by its id or its index). The
path is checked against the scenario's schema before anything plays, with a did-you-mean.
Each cell of the grid (every combination of the values) is the scenario with those values
written in and then validated whole, as `burnrate scenario validate` would (ranges,
cross-checks, and that it plays): a value the scenario cannot take is one line naming it.

Game i of every cell uses seed S0+i, so cells differ by the parameter and not by luck
(common random numbers): where a parameter does not matter, the cells are equal game for
game. All cells' chunks go to the same workers (or cluster) at once.
"""

from __future__ import annotations

import difflib
import itertools
import math
import time
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import yaml
from pydantic import BaseModel

from game.engine import Params, build_params
from game.engine.mechanics.outcome import BANKRUPT
from game.errors import ScenarioError, UsageError
from game.play.lab import CHUNK_GAMES, PERCENTILES, LabResult, lab_result, play_jobs, playing_seconds, summarise
from game.scenarios import LoadedScenario, parse_scenario
from game.strategies.base import Strategy

MAX_CELLS = 400
MAX_VALUES = 100


@dataclass(frozen=True)
class Vary:
    """One axis of the grid: a dotted path into the scenario and the values it takes."""

    path: str
    values: tuple[Any, ...]


def _scalar(text: str) -> Any:
    """A value as written on the command line: a number, true/false, or text."""
    t = text.strip()
    if t.lower() in ("true", "false"):
        return t.lower() == "true"
    for kind in (int, float):
        try:
            value = kind(t.replace("_", ""))
        except ValueError:
            continue
        if kind is float and not math.isfinite(value):
            raise UsageError(f"--vary: {text!r} is not a finite number")
        return value
    return t


def parse_vary(text: str) -> Vary:
    """"PATH=V1,V2,..." or "PATH=lo:hi:n" (n values from lo to hi, evenly spaced)."""
    path, sep, spec = text.partition("=")
    path = path.strip()
    if not sep or not path or not spec.strip():
        raise UsageError(f"--vary {text!r}: write PATH=V1,V2,... or PATH=lo:hi:n (e.g. company.cash_usd=5e9:2e10:4)")
    if ":" in spec and "," not in spec:
        parts = spec.split(":")
        if len(parts) != 3:
            raise UsageError(f"--vary {text!r}: a range is lo:hi:n (three parts), e.g. 0.5:2.0:4")
        lo, hi, n = (_scalar(p) for p in parts)
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (lo, hi)):
            raise UsageError(f"--vary {text!r}: lo and hi of a range must be numbers")
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_VALUES:
            raise UsageError(f"--vary {text!r}: n must be a whole number from 1 to {MAX_VALUES}")
        values = tuple(float(v) for v in np.linspace(float(lo), float(hi), n))
    else:
        values = tuple(_scalar(v) for v in spec.split(",") if v.strip())
        if not values:
            raise UsageError(f"--vary {text!r}: no values after '='")
        if len(values) > MAX_VALUES:
            raise UsageError(f"--vary {path}: {len(values)} values (at most {MAX_VALUES})")
    return Vary(path, values)


def _ids(items: list) -> list[str] | None:
    ids = [getattr(x, "id", None) for x in items]
    return ids if items and all(isinstance(i, str) for i in ids) else None


def locate(scenario: BaseModel, path: str) -> tuple[tuple[str | int, ...], Any]:
    """The path's steps into the scenario's data (a list entry by index) and its value now;
    UsageError naming the step that does not exist, with a did-you-mean."""
    node: Any = scenario
    steps: list[str | int] = []
    walked: list[str] = []
    for part in path.split("."):
        here = ".".join(walked) or "the scenario"
        if isinstance(node, BaseModel):
            names = list(type(node).model_fields)
            if part not in names:
                close = difflib.get_close_matches(part, names, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise UsageError(f"--vary {path}: {here} has no key {part!r} ({hint}keys: {', '.join(names)})")
            node = getattr(node, part)
            steps.append(part)
        elif isinstance(node, (list, tuple)):
            ids = _ids(list(node))
            if part.isdigit() and int(part) < len(node):
                index = int(part)
            elif ids and part in ids:
                index = ids.index(part)
            else:
                choices = ids or [str(i) for i in range(len(node))]
                close = difflib.get_close_matches(part, choices, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise UsageError(f"--vary {path}: {here} has no entry {part!r} ({hint}entries: {', '.join(choices)})")
            node = node[index]
            steps.append(index)
        elif isinstance(node, dict):
            if part not in node:
                close = difflib.get_close_matches(part, list(node), n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise UsageError(f"--vary {path}: {here} has no key {part!r} ({hint}keys: {', '.join(map(str, node))})")
            node = node[part]
            steps.append(part)
        else:
            raise UsageError(f"--vary {path}: {here} is a value ({node!r}), not a section with keys")
        walked.append(part)
    if isinstance(node, BaseModel):
        raise UsageError(f"--vary {path}: is a section, not a value (its keys: {', '.join(type(node).model_fields)})")
    if isinstance(node, (list, tuple, dict)):
        raise UsageError(f"--vary {path}: is a list or mapping, not a value; name one of its entries")
    return tuple(steps), node


def _fit(value: Any, current: Any) -> Any:
    """A command-line value in the type of the value it replaces (2.0 for a whole-number key is 2)."""
    if isinstance(current, bool) or isinstance(value, bool):
        return value
    if isinstance(current, int) and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class Cell:
    values: dict[str, Any]  # path -> value
    loaded: LoadedScenario


def cell_scenario(base: LoadedScenario, values: dict[str, Any], where: str = "--vary") -> LoadedScenario:
    """The base scenario with `values` (path -> value) written in, validated whole."""
    data = base.scenario.model_dump(mode="json")
    data.pop("extends", None)  # (already merged in: the cell stands alone)
    for path, value in values.items():
        steps, current = locate(base.scenario, path)
        node = data
        for step in steps[:-1]:
            node = node[step]
        node[steps[-1]] = _fit(value, current)
    label = ", ".join(f"{p}={v:g}" if isinstance(v, float) else f"{p}={v}" for p, v in values.items())
    raw = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode("utf-8")
    if raw in _CHECKED:
        return _CHECKED[raw]
    try:
        loaded = parse_scenario(raw, f"{base.scenario.id} with {label}", allow_extends=False)
    except ScenarioError as e:
        first = e.problems[0]
        more = f" (and {len(e.problems) - 1} more problems)" if len(e.problems) > 1 else ""
        key = f"{first.key_path}: " if first.key_path else ""
        raise UsageError(f"{where} {label}: {base.scenario.id} cannot take it: {key}{first.message}{more}") from None
    if len(_CHECKED) >= MAX_CELLS:
        _CHECKED.clear()
    _CHECKED[raw] = loaded
    return loaded


_CHECKED: dict[bytes, LoadedScenario] = {}
"""Cells already validated, by their text: sweeping the same cells again (a notebook's second
run, a benchmark's repeat) does not check them again."""


def grid(base: LoadedScenario, varies: list[Vary]) -> list[Cell]:
    """Every combination of the values (the first --vary changing slowest), each validated."""
    paths = [v.path for v in varies]
    twice = sorted({p for p in paths if paths.count(p) > 1})
    if twice:
        raise UsageError(f"--vary {twice[0]} is given twice; give all its values in one --vary")
    for v in varies:
        locate(base.scenario, v.path)
    n = math.prod(len(v.values) for v in varies)
    if n > MAX_CELLS:
        raise UsageError(f"--vary: {n:,} cells in the grid (at most {MAX_CELLS}); use fewer values")
    return [Cell(dict(zip(paths, combo)), cell_scenario(base, dict(zip(paths, combo))))
            for combo in itertools.product(*(v.values for v in varies))]


@dataclass
class SweepResult:
    scenario: str
    varies: list[Vary]
    cells: list[Cell]
    params: list[Params]
    results: list[LabResult]  # one per cell, its games in seed order
    games: int
    seed: int
    seconds_playing: float
    seconds_total: float


def run_sweep(base: LoadedScenario, strategy: Strategy, varies: list[Vary], games: int, seed0: int, cluster=None,
              on_progress: Callable[[int, int], None] | None = None, chunk_games: int = CHUNK_GAMES,
              record: tuple[str, ...] = ()) -> SweepResult:
    t0 = time.perf_counter()
    cells = grid(base, varies)
    params = [build_params(c.loaded.scenario) for c in cells]
    seeds = np.arange(seed0, seed0 + games, dtype=np.uint64)  # the same games in every cell
    chunks = np.array_split(seeds, max(1, round(games / chunk_games)))
    jobs = [(p, chunk) for p in params for chunk in chunks]
    chunk_results = play_jobs(strategy, jobs, record=record, cluster=cluster, on_progress=on_progress)
    k = len(chunks)
    results = [lab_result(seeds, chunk_results[i * k:(i + 1) * k], playing_seconds(chunk_results[i * k:(i + 1) * k]), 0.0)
               for i in range(len(cells))]
    return SweepResult(base.scenario.id, varies, cells, params, results, games, seed0, playing_seconds(chunk_results),
                       time.perf_counter() - t0)


def runway_summary(r: LabResult, params: Params) -> dict[str, Any]:
    """When the cash runs out: the share of games that go bankrupt, and the quarters their
    cash lasted at the 10th and 50th percentile of all games (None: beyond the last quarter)."""
    lasted = np.where(r.outcome == BANKRUPT, r.outcome_quarter + 1.0, np.inf)
    out: dict[str, Any] = {}
    for p in (10, 50):
        q = float(np.percentile(lasted, p, method="lower"))
        out[f"runway_p{p}_quarters"] = None if math.isinf(q) else q
        out[f"runway_p{p}_quarter"] = None if math.isinf(q) else params.label(int(q) - 1)
    return out


def cell_rows(sweep: SweepResult, strategy_label: str) -> list[dict[str, Any]]:
    """One row per cell: its values, outcome shares, score percentiles and runway."""
    rows = []
    for cell, params, r in zip(sweep.cells, sweep.params, sweep.results):
        s = summarise(r.outcome, r.final_cash_usd, r.score_usd)
        rows.append({
            **cell.values, "strategy": strategy_label, "games": sweep.games,
            **{k: v for k, v in s["outcome_shares"].items()},
            "score_mean": s["score"]["mean"], **{f"score_p{p}": s["score"][f"p{p}"] for p in PERCENTILES},
            "final_cash_p50": s["final_cash_usd"]["p50"], **runway_summary(r, params),
            "refused_decisions": r.refused_rows,
        })
    return rows
