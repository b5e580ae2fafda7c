"""Small array helpers the mechanics share."""

from __future__ import annotations

import numpy as np


def row_sum(a: np.ndarray) -> np.ndarray:
    """Sum over the short second axis, column by column.

    About 4x faster than a.sum(axis=1) for (20000, 6) arrays, and the order of additions is
    fixed, so a row sums to the same bits whatever the batch size (a BLAS dot would not
    promise that).
    """
    total = a[:, 0].copy()
    for k in range(1, a.shape[1]):
        total += a[:, k]
    return total


def row_any(a: np.ndarray) -> np.ndarray:
    """a.any(axis=1) for a short second axis, column by column (several times faster)."""
    out = a[:, 0].copy()
    for k in range(1, a.shape[1]):
        out |= a[:, k]
    return out


def row_max(a: np.ndarray) -> np.ndarray:
    """a.max(axis=1) for a short second axis, column by column."""
    out = a[:, 0].copy()
    for k in range(1, a.shape[1]):
        np.maximum(out, a[:, k], out=out)
    return out


def select_rows(mask: np.ndarray, if_true: np.ndarray, if_false: np.ndarray) -> np.ndarray:
    """np.where by row: `mask` (B,) picks whole rows of arrays shaped (B, ...)."""
    return np.where(mask.reshape((-1,) + (1,) * (if_true.ndim - 1)), if_true, if_false)
