"""Verifying a whole class's saves at once: one batch, one row per save, stepped together.

Every save of a class is the same scenario on the same seed, so their re-runs can share one
engine batch: a quarter costs about what one game's quarter costs (the engine's time is
numpy's fixed cost per call, not the rows). Every mechanic is row by row and every draw a
function of (seed, quarter, name), so a row's numbers are bit for bit those of the game
alone (game.play.saves.verify_save, which tests/test_classroom_teacher.py holds this to);
each row is compared with its save exactly as verify_save compares it.
"""

from __future__ import annotations

import numpy as np

from game.engine import build_params, initial_state, step
from game.engine.convert import decisions_to_arrays
from game.engine.kernel import tree
from game.engine.mechanics.outcome import OUTCOME_NAMES, PLAYING
from game.engine.rules import violations
from game.engine.view import quarter_view
from game.models.save import SavedOutcome, SaveFile
from game.play.runner import score
from game.play.saves.replay import VerifyResult, _canonical, _compare, _same
from game.scenarios import LoadedScenario
from game.text.messages import messages


def _stack(rows: list):
    """Batches of one stacked into one batch (tables keep the engine's layout: step's job)."""
    return tree._map(lambda *xs: np.concatenate(xs, axis=0), rows[0], *rows[1:])


def verify_together(loaded: LoadedScenario, seed: int, saves: list[SaveFile]) -> list[VerifyResult]:
    """verify_save for each save (all of `loaded` on `seed`), in one batch."""
    if not saves:
        return []
    params = build_params(loaded.scenario)
    n = len(saves)
    state = initial_state(params, [seed] * n)
    results = [VerifyResult(quarters_total=len(s.turns), played_by=s.engine_version) for s in saves]
    checking = [True] * n  # rows still to compare (the others step along, unread)
    start = loaded.scenario.start
    for i, save in enumerate(saves):
        if not save.turns:
            _check_outcome(save, results[i], state, params, i, start)
            checking[i] = False
    if not any(checking):
        return results
    fallback = decisions_to_arrays(next(s for s in saves if s.turns).turns[0].decisions)
    for q in range(max(len(s.turns) for s in saves)):
        rows = [i for i in range(n) if checking[i] and q < len(saves[i].turns)]
        if not rows:
            break
        playing = state.outcome.outcome == PLAYING
        chosen = [decisions_to_arrays(saves[i].turns[q].decisions) if i in rows else fallback for i in range(n)]
        decided = _stack(chosen)
        broken = violations(state, decided, params, q)  # (once for the batch: each row reads its own)
        for i in list(rows):
            turn, result = saves[i].turns[q], results[i]
            if not playing[i]:
                result.diverged_at, result.fields = turn.quarter, ["outcome"]
                result.details = [f"outcome: the re-run ended ({OUTCOME_NAMES[int(state.outcome.outcome[i])]}) before this quarter"]
            else:
                refused = [v.refusal(i) for v in broken if v.mask[i]]
                if not refused:
                    continue
                result.diverged_at, result.fields = turn.quarter, ["decisions"]
                result.details = [f"decisions refused by the engine: {m}" for m in messages(refused)]
            checking[i] = False
            rows.remove(i)
        state, report = step(state, decided, params, q)
        for i in rows:
            fields, details = _compare(saves[i].turns[q].snapshot, quarter_view(params, q, state, report, row=i))
            if fields:
                results[i].diverged_at, results[i].fields, results[i].details = saves[i].turns[q].quarter, fields, details
                checking[i] = False
            else:
                results[i].quarters_verified += 1
                if q == len(saves[i].turns) - 1:  # its last turn: the other rows step on, this one is done
                    _check_outcome(saves[i], results[i], state, params, i, start)
                    checking[i] = False
    return results


def _check_outcome(save: SaveFile, result: VerifyResult, state, params, row: int, start: str) -> None:
    """After the save's last turn: the recorded outcome is the re-run's (as verify_save checks)."""
    over = int(state.outcome.outcome[row]) != PLAYING
    again = SavedOutcome(kind=OUTCOME_NAMES[int(state.outcome.outcome[row])],
                         quarter=params.label(int(state.outcome.outcome_quarter[row])),
                         score_usd=float(score(state)[row])).model_dump() if over else None
    saved = save.outcome.model_dump() if save.outcome else None
    if not _same(saved, again):
        result.diverged_at = save.turns[-1].quarter if save.turns else start
        result.fields = ["outcome"]
        result.details = [f"outcome: saved {_canonical(saved)}, re-run {_canonical(again)}"]
