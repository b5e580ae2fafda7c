"""The teacher paces the class: students may play up to `open_to`, and no further.

The one place the limit is checked: the game reads `pacing_refusal` before it ends a
quarter, and the leaderboard reads `played_past_limit` before it ranks a save.
"""

from __future__ import annotations

from game.models.quarters import pretty_quarter, quarter_offset
from game.play.classroom.folder import Classroom


def quarters_open(room: Classroom) -> int:
    """How many quarters students may play now (the whole game when nothing is set)."""
    sc = room.loaded.scenario
    if room.file.open_to is None:
        return sc.quarters
    return quarter_offset(sc.start, room.file.open_to) + 1


def pacing_refusal(room: Classroom, quarters_played: int) -> str | None:
    """Why the next quarter cannot be played yet (None: it can)."""
    if room.file.open_to is None or quarters_played < quarters_open(room):
        return None
    return f"the class plays to {pretty_quarter(room.file.open_to)}; your teacher opens the next quarters"


def played_past_limit(room: Classroom, quarters_played: int) -> str | None:
    """Why a save with this many quarters breaks the pacing (None: it keeps to it)."""
    if room.file.open_to is None or quarters_played <= quarters_open(room):
        return None
    return f"played {quarters_played} quarters, past the class's limit of {pretty_quarter(room.file.open_to)}"
