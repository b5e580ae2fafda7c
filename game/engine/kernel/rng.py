"""Counter-based randomness: every draw is a pure function of (game seed, quarter, draw name).

No generator object carries state from one draw to the next, so a game's luck is the same
whether it runs alone or as row 7,341 of a 20,000-game batch, and a save needs only the seed.
The mixer is splitmix64's finaliser on unsigned 64-bit integers: once over (seed, quarter),
shared by all of the quarter's draws, and once more with each draw's name.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_QUARTER_MIX = 0xD6E8FEB86659FD93
_MASK64 = (1 << 64) - 1
_TO_UNIT = 1.0 / float(1 << 53)
_SQRT3 = math.sqrt(3.0)
_S30, _S27, _S31, _S11 = (np.uint64(n) for n in (30, 27, 31, 11))
_PARTS_PER_DRAW = 6
_PART_SHIFTS = np.array([4, 14, 24, 34, 44, 54], dtype=np.uint64)  # the top 60 bits, 10 at a time
_PART_MASK = np.uint64(0x3FF)


@lru_cache(maxsize=None)
def name_key(name: str) -> np.uint64:
    """A stable 64-bit key for a draw name (FNV-1a; Python's hash() changes per process)."""
    h = 0xCBF29CE484222325
    for byte in name.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & _MASK64
    return np.uint64(h)


def _mix(x: np.ndarray) -> np.ndarray:
    """Mix a fresh array in place (uint64 arithmetic wraps, as splitmix64 intends)."""
    x ^= x >> _S30
    x *= _M1
    x ^= x >> _S27
    x *= _M2
    x ^= x >> _S31
    return x


class QuarterDraws:
    """All of one quarter's draws for a batch of seeds."""

    def __init__(self, seeds: np.ndarray, quarter: int):
        q = np.uint64((quarter * _QUARTER_MIX) & _MASK64)  # Python ints: no overflow warning
        self._base = _mix(seeds * _GOLDEN + q)

    def uniform(self, name: str) -> np.ndarray:
        """Uniform draws in [0, 1), one per game."""
        x = _mix((self._base ^ name_key(name)) + _GOLDEN)
        x >>= _S11
        u = x.astype(np.float64)
        u *= _TO_UNIT
        return u

    def uniform_parts(self, name: str, parts: int) -> np.ndarray:
        """(B, parts) uniforms in [0, 1) with 10-bit resolution, six cut from each 64-bit draw.

        For small luck (a rival's quarter) 1/1024 steps are plenty, and one hash instead
        of one per part is the difference that matters with six rivals in 20,000 games.
        """
        columns = []  # (parts, B): each part one contiguous run, so the result is column-major
        for first in range(0, parts, _PARTS_PER_DRAW):
            x = _mix((self._base ^ name_key(f"{name}/{first // _PARTS_PER_DRAW}")) + _GOLDEN)
            piece = x >> _PART_SHIFTS[: min(_PARTS_PER_DRAW, parts - first), None]
            piece &= _PART_MASK
            columns.append(piece)
        pieces = columns[0] if len(columns) == 1 else np.concatenate(columns, axis=0)
        u = pieces.T.astype(np.float64)
        u *= 1.0 / 1024.0
        return u

    def centered(self, name: str) -> np.ndarray:
        """Noise with mean 0 and standard deviation 1: uniform on [-sqrt(3), sqrt(3)).

        The game's shocks are bounded on purpose (no Gaussian tails that would let one
        draw wipe out a market), and this needs no exp/log/cos: Box-Muller normals cost
        three transcendental passes over the batch, the biggest single cost of a step.
        """
        u = self.uniform(name)
        u *= 2.0
        u -= 1.0
        u *= _SQRT3
        return u


class ProjectedDraws(QuarterDraws):
    """A quarter with no luck at all, the same for every seed: what the decisions screen
    projects from (a projection, not a peek at the quarter the seed holds).

    Every `uniform` draw in the engine decides a rare event (a deck card, an incident, a
    key person leaving: it fires when the draw falls under its odds), so the projection's
    draw is the top of the range and nothing rare happens. The rivals' parts are their
    median quarter (the middle draw: an average step of progress, no launch or exit while
    its odds are below one half). Noise is at its mean, 0.
    """

    NO_RARE_EVENT = 1.0 - _TO_UNIT  # the highest uniform draw there is
    MEDIAN = 0.5

    def __init__(self, seeds: np.ndarray, quarter: int):  # noqa: ARG002 (the quarter's luck is not used)
        self._batch = len(seeds)

    def uniform(self, name: str) -> np.ndarray:
        return np.full(self._batch, self.NO_RARE_EVENT)

    def uniform_parts(self, name: str, parts: int) -> np.ndarray:
        return np.full((self._batch, parts), self.MEDIAN, order="F")

    def centered(self, name: str) -> np.ndarray:
        return np.zeros(self._batch)
