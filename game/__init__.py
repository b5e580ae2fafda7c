"""Burn Rate: a turn-based strategy game and economic simulator of running a frontier AI lab."""

ENGINE_VERSION = "5.0.0"
"""Bumped whenever the same scenario, seed and decisions could give different numbers."""
MAX_SEED = 2**63 - 1  # seeds run from 0 to the largest signed 64-bit integer
