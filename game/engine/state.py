"""The state of a batch of games and a quarter's report: trees of the mechanics' slices.

A single interactive game is a batch of one; the Monte Carlo lab runs 20,000 rows through
the same code. Nothing in here is a Python object per game. Each mechanic owns its slice
(game/engine/mechanics/*.py); `State` and `Report` only gather them, and the helpers in
game.engine.kernel.tree pick, keep or zero rows of any of these trees.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel.tree import field_types, keep_rows, leaf_specs
from game.engine.mechanics import (
    compute, demand, events, finance, funding, outcome, questions, revenue, rivals, safety, sentiment, small_model, talent,
    training,
)
from game.engine.params import Params
from game.models.scenario import Scenario


@dataclass(frozen=True)
class State:
    seed: np.ndarray  # uint64 (B,): all of a game's luck
    quarter: np.ndarray  # int64 (B,): quarters played so far
    outcome: outcome.State
    finance: finance.State
    funding: funding.State
    sentiment: sentiment.State
    compute: compute.State
    training: training.State
    small_model: small_model.State
    talent: talent.State
    demand: demand.State
    revenue: revenue.State
    rivals: rivals.State
    questions: questions.State

    @property
    def batch(self) -> int:
        return int(self.seed.shape[0])


@dataclass(frozen=True)
class Report:
    """The quarter's flows, by mechanic. Rows that did not play report zero flows, so sums
    over a batch stay honest."""

    refused: np.ndarray  # bool (B,): the decisions broke a rule; the row stood still
    played: np.ndarray  # bool (B,): the row played the quarter (not refused, not over)
    events: events.Flows
    questions: questions.Flows
    funding: funding.Flows
    talent: talent.Flows
    compute: compute.Flows
    training: training.Flows
    small_model: small_model.Flows
    safety: safety.Flows
    rivals: rivals.Flows
    demand: demand.Flows
    revenue: revenue.Flows
    finance: finance.Flows

    @classmethod
    def of(cls, refused: np.ndarray, played: np.ndarray, **flows) -> "Report":
        return cls(refused=refused, played=played, **{name: keep_rows(played, f) for name, f in flows.items()})

    @classmethod
    def nothing(cls, params: Params, batch: int) -> "Report":
        """A report of no quarter: every flow zero (the opening position has no flows yet)."""
        columns = {"rivals": len(params.rival_ids), "key_people": len(params.scenario.world.key_people),
                   "timeline": len(params.scenario.world.timeline)}
        no = np.zeros(batch, dtype=bool)

        def zeros(flows_class):
            out = {}
            for name, spec in leaf_specs(flows_class):
                shape = (batch, columns[spec.table]) if spec.table else (batch,)
                dtype = {"bool": bool, "int": np.int64, "card": np.int64, "quarter": np.int64}.get(spec.kind, np.float64)
                out[name] = np.full(shape, -1 if spec.kind == "card" else 0, dtype=dtype, order="F")
            return flows_class(**out)

        slices = {name: zeros(kind) for name, kind in field_types(cls).items() if name not in ("refused", "played")}
        return cls(refused=no, played=no, **slices)


def initial_state(params: Params, seeds) -> State:
    """The scenario's starting position, repeated for every seed."""
    seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    b = seeds.shape[0]
    sc: Scenario = params.scenario
    return State(
        seed=seeds.copy(),
        quarter=np.zeros(b, dtype=np.int64),
        outcome=outcome.initial(b),
        finance=finance.initial(sc, b, params.finance),
        funding=funding.initial(sc, b),
        sentiment=sentiment.initial(sc, b),
        compute=compute.initial(sc, b, tokens_before=_tokens_before(sc, params)),
        training=training.initial(sc, b),
        small_model=small_model.initial(sc, b),
        talent=talent.initial(sc, b),
        demand=demand.initial(sc, b),
        revenue=revenue.initial(sc, b),
        rivals=rivals.initial(sc, b),
        questions=questions.initial(b),
    )


def _tokens_before(sc: Scenario, params: Params) -> float:
    """The quarter before the game: the starting users', business seats' and developers' tokens."""
    c = sc.company
    free_daily, paid_daily = demand.daily_users(np.array([c.monthly_active_users]), np.array([c.subscribers]), 1.0, params.demand)
    seats_daily = revenue.initial(sc, 1).enterprise_seats * sc.market.paid_user_daily_share
    free, paid = demand.consumer_tokens(free_daily, paid_daily + seats_daily, params.demand)
    return float((free + paid + sc.market.api_tokens_per_quarter_start * c.api_share)[0])
