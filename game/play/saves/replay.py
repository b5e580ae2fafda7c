"""Re-playing a save: verify it quarter by quarter, restore it, or branch a new game from it.

Every quarter's decisions go back through `Game.end_quarter`, and each quarter's results
must match the snapshot the file holds, bit for bit.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from game.errors import DecisionError, SaveError
from game import ENGINE_VERSION
from game.models.save import SaveFile
from game.models.view import QuarterView, RecordedQuarter
from game.play.saves.io import outcome_of
from game.play.saves.load import scenario_of
from game.play.session import Game


@dataclass
class VerifyResult:
    """What re-running a save's decisions showed."""

    quarters_total: int
    played_by: str = ENGINE_VERSION  # the engine version the save says played it
    quarters_verified: int = 0
    diverged_at: str | None = None
    fields: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.diverged_at is None

    @property
    def other_engine(self) -> bool:
        """The save was played by another engine version, whose numbers may differ: a
        divergence then says nothing about whether the file was edited."""
        return self.played_by != ENGINE_VERSION

    def summary(self) -> str:
        engines = f"played by engine {self.played_by}, this is engine {ENGINE_VERSION}"
        if self.ok:
            return f"verified {self.quarters_verified} quarters" + (f" ({engines})" if self.other_engine else "")
        if self.other_engine:
            return (f"cannot be checked: quarter {self.diverged_at} comes out differently ({', '.join(self.fields)}), "
                    f"but the save was {engines}, whose numbers differ; this does not show the file was edited")
        return f"quarter {self.diverged_at} diverges: {', '.join(self.fields)}"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, allow_nan=True)


def _same(a: Any, b: Any) -> bool:
    """Exactly the same value: floats bit for bit (-0.0 is not 0.0), 1 is not 1.0 nor True."""
    if type(a) is not type(b):
        return False
    if type(a) is float:
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if type(a) in (dict, list):
        return _canonical(a) == _canonical(b)
    return a == b


def _compare(saved: RecordedQuarter, replayed: QuarterView) -> tuple[list[str], list[str]]:
    """Fields the save recorded that the re-run does not reproduce exactly."""
    fields, details = [], []
    again_all = replayed.model_dump()
    for key in RecordedQuarter.model_fields:  # in the view's order
        if key not in saved.model_fields_set:
            continue
        value, again = getattr(saved, key), again_all[key]
        if not _same(value, again):
            fields.append(key)
            details.append(f"{key}: saved {_canonical(value)}, re-run {_canonical(again)}")
    return fields, details


def _replay(save: SaveFile, upto: int) -> tuple[Game, VerifyResult]:
    """Play the first `upto` turns, stopping at the first one that does not match its snapshot."""
    game = Game(scenario_of(save), save.seed)
    result = VerifyResult(quarters_total=len(save.turns), played_by=save.engine_version)
    for turn in save.turns[:upto]:
        if game.over:
            result.diverged_at, result.fields = turn.quarter, ["outcome"]
            result.details = [f"outcome: the re-run ended ({game.outcome}) before this quarter"]
            break
        try:
            played = game.end_quarter(turn.decisions)
        except DecisionError as e:
            result.diverged_at, result.fields = turn.quarter, ["decisions"]
            result.details = [f"decisions refused by the engine: {m}" for m in e.messages]
            break
        fields, details = _compare(turn.snapshot, played.view)
        if fields:
            result.diverged_at, result.fields, result.details = turn.quarter, fields, details
            break
        result.quarters_verified += 1
    return game, result


def verify_save(save: SaveFile) -> VerifyResult:
    """Re-run every decision and compare each quarter's snapshot, then the outcome, exactly."""
    game, result = _replay(save, len(save.turns))
    if result.ok:
        _same_outcome(save, game, result)
    return result


def _same_outcome(save: SaveFile, game: Game, result: VerifyResult) -> bool:
    """Whether the save's recorded outcome is the re-run's; if not, `result` says so."""
    replayed = outcome_of(game)
    saved = save.outcome.model_dump() if save.outcome else None
    again = replayed.model_dump() if replayed else None
    if _same(saved, again):
        return True
    # (no turns: the quarter the game starts in, where its first turn should be)
    result.diverged_at = save.turns[-1].quarter if save.turns else scenario_of(save).scenario.start
    result.fields = ["outcome"]
    result.details = [f"outcome: saved {_canonical(saved)}, re-run {_canonical(again)}"]
    return False


def restore_game(save: SaveFile, upto_quarter: int | None = None) -> Game:
    """The game re-played from its decisions: all of them, or the first `upto_quarter`.

    Raises SaveError when a quarter does not reproduce its snapshot (the save was edited,
    or the engine changed since; `burnrate replay --verify` shows the details).
    """
    upto = len(save.turns) if upto_quarter is None else upto_quarter
    if not 0 <= upto <= len(save.turns):
        raise SaveError(f"cannot restore {upto} quarters: the save has {len(save.turns)} (allowed 0 to {len(save.turns)})")
    game, result = _replay(save, upto)
    if not result.ok:
        raise SaveError(f"the save does not replay: {result.summary()}")
    if upto == len(save.turns) and not _same_outcome(save, game, result):
        raise SaveError(f"the save does not replay: {result.summary()}")
    return game


def views_of(save: SaveFile) -> list[QuarterView]:
    """Every quarter of a save as a whole QuarterView: from the file when its snapshots are
    whole (format 2), else from a re-run checked against what the file recorded."""
    complete = set(RecordedQuarter.model_fields)
    if all(turn.snapshot.model_fields_set >= complete for turn in save.turns):
        return [QuarterView(**turn.snapshot.model_dump()) for turn in save.turns]
    return restore_game(save).views


def branch_game(save: SaveFile, quarter_index: int) -> Game:
    """A new game that keeps the quarters before `quarter_index` and lets the player decide it anew.

    `quarter_index` 0 starts over with the same seed; `len(save.turns)` continues the game.
    """
    game = restore_game(save, quarter_index)
    if game.over:
        raise SaveError(f"the game ended ({game.outcome}) before quarter index {quarter_index}; branch from an earlier quarter")
    return game
