"""Counter-based randomness: every draw is a pure function of (game seed, quarter, draw name).

No generator object carries state from one draw to the next, so a game's luck is the same
whether it runs alone or as row 7,341 of a 20,000-game batch, and a save needs only the seed.
The mixer is splitmix64's finaliser, applied twice, on unsigned 64-bit integers.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_QUARTER_MIX = 0xD6E8FEB86659FD93
_MASK64 = (1 << 64) - 1
_TO_UNIT = 1.0 / float(1 << 53)


@lru_cache(maxsize=None)
def name_key(name: str) -> np.uint64:
    """A stable 64-bit key for a draw name (FNV-1a; Python's hash() changes per process)."""
    h = 0xCBF29CE484222325
    for byte in name.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return np.uint64(h)


def _mix(x: np.ndarray) -> np.ndarray:
    x = (x ^ (x >> np.uint64(30))) * _M1
    x = (x ^ (x >> np.uint64(27))) * _M2
    return x ^ (x >> np.uint64(31))


def uniform(seeds: np.ndarray, quarter: int, name: str) -> np.ndarray:
    """Uniform draws in [0, 1), one per game, for this quarter and this draw name."""
    q = np.uint64((quarter * _QUARTER_MIX) & _MASK64)  # Python ints: no overflow warning
    x = _mix(seeds * _GOLDEN + q) ^ name_key(name)
    x = _mix(x + _GOLDEN)
    return (x >> np.uint64(11)).astype(np.float64) * _TO_UNIT


def normal(seeds: np.ndarray, quarter: int, name: str) -> np.ndarray:
    """Standard normal draws (Box-Muller on two uniforms named after this draw)."""
    u1 = uniform(seeds, quarter, name + "/u1")
    u2 = uniform(seeds, quarter, name + "/u2")
    radius = np.sqrt(-2.0 * np.log1p(-u1))  # log1p(-u) avoids log(0): u < 1 always
    return radius * np.cos(2.0 * np.pi * u2)
