"""One interactive game: the API the terminal UI, saves and scripts use to play a quarter.

A `Game` is a batch of one driven by a person instead of a strategy. It keeps the log of
decisions and a snapshot of each quarter, which is exactly what a save file holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine import Params, State, build_params, initial_state, limits, refusals_for_row, step
from game.engine.convert import decisions_from_arrays, decisions_to_arrays
from game.engine import Report
from game.engine.mechanics.outcome import OUTCOME_NAMES, PLAYING
from game.errors import DecisionError
from game.models.decisions import QuarterDecisions, Refusal
from game.text.messages import messages
from game.records import quarter_row
from game.play.runner import score
from game.scenarios import LoadedScenario
from game.strategies import STRATEGIES


@dataclass(frozen=True)
class Turn:
    """One played quarter: what was decided and what came of it."""

    quarter: str
    decisions: QuarterDecisions
    snapshot: dict[str, Any]
    report: Report


class Game:
    def __init__(self, loaded: LoadedScenario, seed: int):
        self.loaded = loaded
        self.seed = int(seed)
        self.params: Params = build_params(loaded.scenario)
        self.state: State = initial_state(self.params, [self.seed])
        self.start: State = self.state
        self.turns: list[Turn] = []

    # -- where the game stands -------------------------------------------------
    @property
    def quarter(self) -> int:
        """Index of the quarter about to be played (0 = the scenario's start)."""
        return len(self.turns)

    @property
    def quarter_label(self) -> str:
        return self.params.label(min(self.quarter, self.params.quarters - 1))

    @property
    def over(self) -> bool:
        return int(self.state.outcome.outcome[0]) != PLAYING

    @property
    def outcome(self) -> str:
        return OUTCOME_NAMES[int(self.state.outcome.outcome[0])]

    @property
    def score_usd(self) -> float:
        return float(score(self.state)[0])

    def limits(self):
        return limits(self.state, self.params, self.quarter)

    def status(self) -> dict[str, Any]:
        """Where the company stands now: the last quarter's row, or before the first quarter
        the opening position (the scenario's start, with no flows yet)."""
        return self.turns[-1].snapshot if self.turns else self.opening()

    def opening(self) -> dict[str, Any]:
        """The position before the first quarter: the scenario's start, with no flows yet."""
        return quarter_row(self.params, -1, self.start, Report.nothing(self.params, 1))

    # -- deciding ----------------------------------------------------------------
    def suggested_decisions(self, strategy: str = "historical") -> QuarterDecisions:
        """What a built-in strategy would do now: a sensible starting point for the player."""
        decisions = STRATEGIES[strategy](self.state, self.limits(), self.params, self.quarter)
        return decisions_from_arrays(decisions)

    def check(self, decisions: QuarterDecisions) -> list[Refusal]:
        """Why the engine would refuse these decisions (empty when they are legal)."""
        if self.over:
            return [Refusal("", "game_over", detail={"outcome": self.outcome})]
        return refusals_for_row(self.state, decisions_to_arrays(decisions), self.params, self.quarter)

    def preview(self, decisions: QuarterDecisions) -> dict[str, Any]:
        """The quarter these decisions would produce, without committing to it."""
        after, report = step(self.state, decisions_to_arrays(decisions), self.params, self.quarter)
        return quarter_row(self.params, self.quarter, after, report)

    def end_quarter(self, decisions: QuarterDecisions) -> Turn:
        """Play the quarter; refused decisions raise DecisionError and change nothing."""
        refusals = self.check(decisions)
        if refusals:
            raise DecisionError(messages(refusals), refusals)
        quarter = self.quarter
        self.state, report = step(self.state, decisions_to_arrays(decisions), self.params, quarter)
        turn = Turn(self.params.label(quarter), decisions, quarter_row(self.params, quarter, self.state, report), report)
        self.turns.append(turn)
        return turn
