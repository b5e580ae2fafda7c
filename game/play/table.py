"""A small tidy table: one row per game (or per sweep cell), one column per figure.

What `game.lab.run` and `game.sweep.run` return to a notebook, and what `--csv` prints.
It is plain Python (pandas is not needed): `table.rows` is a list of dicts,
`table.columns` their keys, `table["score"]` one column as a numpy array, `table[0]` a row, and
`pandas.DataFrame(table.rows)` or `table.to_csv("games.csv")` hand it on.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any, Iterator

import numpy as np


class Table:
    def __init__(self, rows: list[dict[str, Any]], columns: list[str] | None = None, meta: dict | None = None):
        self.rows = rows
        self.columns = columns or list(dict.fromkeys(k for row in rows for k in row))
        self.meta = meta or {}
        """How the table was made: scenario, strategy, games, seed, ... (also in to_json)."""

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __getitem__(self, column: str | int):
        """One column as an array (NaN where a row has no value); `table[i]` is row i."""
        if isinstance(column, int):
            return self.rows[column]
        if column not in self.columns:
            raise KeyError(f"no column {column!r} (columns: {', '.join(self.columns)})")
        values = [row.get(column) for row in self.rows]
        if all(v is None or isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            return np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        return np.array(values, dtype=object)

    def where(self, **equal) -> "Table":
        """The rows whose columns equal the values given, e.g. table.where(outcome="bankrupt")."""
        return Table([r for r in self.rows if all(r.get(k) == v for k, v in equal.items())], self.columns, self.meta)

    def to_csv(self, path: str | Path | None = None) -> str:
        """The table as CSV text (written to `path` too when given); empty cells for missing values."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({k: _cell(row.get(k)) for k in self.columns})
        text = out.getvalue()
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_json(self) -> str:
        return json.dumps({**self.meta, "columns": self.columns, "rows": self.rows}, separators=(",", ":"))

    def __repr__(self) -> str:
        shown = ", ".join(self.columns[:8]) + (", ..." if len(self.columns) > 8 else "")
        return f"<Table: {len(self.rows):,} rows x {len(self.columns)} columns ({shown})>"


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, float):
        return repr(value)  # every bit: the CSV reads back to the same float
    return value


def number(x) -> float | None:
    """A float for a table cell; None for NaN (a figure the game did not reach)."""
    x = float(x)
    return None if math.isnan(x) else x
