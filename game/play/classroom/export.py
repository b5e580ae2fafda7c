"""Every student's game as one table: one flat row per student-quarter (game.play.saves.export's
rows, with the student first), ready for pandas or a spreadsheet. Only verified saves are
exported: a rejected one's numbers are not the game's."""

from __future__ import annotations

from typing import Any

from game.play.classroom.submissions import Submission
from game.play.saves.export import export_table, rows_text


def class_rows(subs: list[Submission]) -> list[dict[str, Any]]:
    rows = []
    for sub in subs:
        if sub.verified and sub.save is not None:
            rows += [{"student": sub.student, **row} for row in export_table(sub.save)]
    return rows


def class_export(subs: list[Submission], fmt: str) -> str:
    return rows_text(class_rows(subs), fmt)
