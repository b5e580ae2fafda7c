"""Small array helpers the mechanics share, and the layout of per-game tables.

Per-game arrays with a short second axis (rivals, staff functions, key people, term
sheets, the GPU delivery queue) are (B, k) like every per-game array, batch first, but
stored column-major (numpy's "F" order): each column is one contiguous run over the
batch. Nearly every operation on them broadcasts a per-game value (B,) or a per-column
parameter (k,) across the table, and numpy runs those several times faster along a long
contiguous axis than along rows of six (the README's Speed section has the figures).
Elementwise results do not depend on the layout, only the speed does. Numpy keeps the
layout through arithmetic; the helpers below make new tables in it, `take_rows` keeps it
where fancy indexing would not, and decisions are put in it at the engine's door
(Decisions.in_engine_layout), so a strategy's author never has to know.
"""

from __future__ import annotations

import numpy as np


def row_sum(a: np.ndarray) -> np.ndarray:
    """Sum over the short second axis, column by column.

    Faster than a.sum(axis=1) for a short second axis, and the order of additions is
    fixed, so a row sums to the same bits whatever the batch size (a BLAS dot would not
    promise that).
    """
    if a.shape[1] == 1:
        return a[:, 0].copy()
    total = a[:, 0] + a[:, 1]  # (a new array: no copy of the first column first)
    for k in range(2, a.shape[1]):
        total += a[:, k]
    return total


def row_any(a: np.ndarray) -> np.ndarray:
    """a.any(axis=1) for a short second axis, column by column."""
    if a.shape[1] == 1:
        return a[:, 0].copy()
    out = a[:, 0] | a[:, 1]
    for k in range(2, a.shape[1]):
        out |= a[:, k]
    return out


def row_max(a: np.ndarray) -> np.ndarray:
    """a.max(axis=1) for a short second axis, column by column."""
    if a.shape[1] == 1:
        return a[:, 0].copy()
    out = np.maximum(a[:, 0], a[:, 1])
    for k in range(2, a.shape[1]):
        np.maximum(out, a[:, k], out=out)
    return out


def row_argmax(a: np.ndarray, columns) -> np.ndarray:
    """Per row, which of `columns` (ascending) holds the largest value, the first on a tie:
    np.argmax over those columns, column by column."""
    columns = list(columns)
    best_column = np.full(a.shape[0], columns[0], dtype=np.int64)
    best = a[:, columns[0]]
    for k in columns[1:]:
        better = a[:, k] > best
        best_column[better] = k
        best = np.maximum(best, a[:, k])
    return best_column


def select_rows(mask: np.ndarray, if_true: np.ndarray, if_false: np.ndarray) -> np.ndarray:
    """np.where by row: `mask` (B,) picks whole rows of arrays shaped (B, ...)."""
    return np.where(mask.reshape((-1,) + (1,) * (if_true.ndim - 1)), if_true, if_false)


def pick(table: np.ndarray, column: np.ndarray) -> np.ndarray:
    """table[i, column[i]] for every row i: np.take_along_axis(table, column[:, None], 1)[:, 0],
    as one gather from the column-major table's flat view."""
    rows = table.shape[0]
    column = np.asarray(column).astype(np.intp, copy=False)  # a narrow int would overflow below
    return table.ravel(order="F").take(column * rows + np.arange(rows))


def outer(per_game: np.ndarray, per_column) -> np.ndarray:
    """(B, k) table per_game[i] * per_column[k], column-major."""
    return np.multiply(np.asarray(per_game)[:, None], per_column, order="F")


def by_column(*columns: np.ndarray) -> np.ndarray:
    """(B, k) table of k per-game columns, column-major (np.stack(columns, axis=1))."""
    return np.stack(columns).T


def repeat_row(row, batch: int, dtype=np.float64) -> np.ndarray:
    """(B, k) table with the same row for every game, column-major."""
    row = np.asarray(row, dtype=dtype)
    return np.repeat(row[:, None], batch, axis=1).T


def take_rows(a: np.ndarray, index) -> np.ndarray:
    """a[index] as a new array, keeping a column-major table column-major."""
    column_major = a.ndim == 2 and a.flags.f_contiguous and not a.flags.c_contiguous
    return a[index].copy(order="F" if column_major else "C")
