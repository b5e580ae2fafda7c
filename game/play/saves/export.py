"""Exporting a save for a spreadsheet or pandas: one flat row per quarter."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from game.errors import SaveError
from game.models.save import SaveFile
from game.text.explain import stake_value_usd

EXPORT_FORMATS = ("csv", "json")


def _flatten(value: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, v in value.items():
        if isinstance(v, dict):
            _flatten(v, f"{prefix}{key}.", out)
        else:
            out[prefix + key] = v


def export_table(save: SaveFile) -> list[dict[str, Any]]:
    """One flat row per quarter: which game it is (scenario, seed, engine), the score so far,
    the snapshot (nested keys as `a.b`), then `decision.*` — so rows of many saves can be
    stacked in one table and still tell their games apart."""
    rows = []
    for turn in save.turns:
        snap = turn.snapshot
        row: dict[str, Any] = {"scenario": save.scenario.name, "seed": save.seed, "engine_version": save.engine_version,
                               "score_usd": _score(snap)}
        _flatten(snap.model_dump(exclude_unset=True), "", row)
        _flatten(turn.decisions.model_dump(), "decision.", row)
        rows.append(row)
    return rows


def _score(snap) -> float | str:
    """The score at the end of the quarter (the rule of game.text.explain.stake_value_usd);
    blank where an older save's snapshot lacks the stake or the equity value."""
    if snap.founders_stake is None or snap.equity_value_usd is None:
        return ""
    return stake_value_usd(snap)


def export_rows(save: SaveFile, fmt: str) -> str:
    """The quarters as CSV (a header and one line each) or as a JSON array of flat objects."""
    return rows_text(export_table(save), fmt)


def rows_text(rows: list[dict[str, Any]], fmt: str) -> str:
    """Flat rows (of one save or of many stacked) as CSV or a JSON array."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt != "csv":
        raise SaveError(f"unknown export format {fmt!r} (allowed: {', '.join(EXPORT_FORMATS)})")
    columns = list(dict.fromkeys(key for row in rows for key in row))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()})
    return buf.getvalue()
