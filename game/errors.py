"""Errors a user can cause, each carrying enough to name what was wrong and where.

The CLI prints `str(error)` and exits 2; nothing here is ever shown as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class BurnRateError(Exception):
    """Base class: a problem with the user's input, reported in one or more clear lines."""


@dataclass(frozen=True)
class Problem:
    """One problem in a file: where it is and what is wrong."""

    file: str
    line: int | None
    column: int | None
    key_path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        key = f" {self.key_path}:" if self.key_path else ""
        return f"{where}:{key} {self.message}"


class ScenarioError(BurnRateError):
    """A scenario file that cannot be used; holds every problem found, one per line."""

    SHOWN = 50  # a file with 40,000 unknown keys should not print 40,000 lines

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [str(p) for p in problems[: self.SHOWN]]
        if len(problems) > self.SHOWN:
            lines.append(f"... and {len(problems) - self.SHOWN:,} more problems (fix these first)")
        super().__init__("\n".join(lines))


class DecisionError(BurnRateError):
    """Decisions the engine refuses: each message names the field and the limit; `refusals`
    holds the same as data (game.models.decisions.Refusal)."""

    def __init__(self, messages: list[str], refusals: list | None = None):
        self.messages = messages
        self.refusals = refusals or []
        super().__init__("; ".join(messages))


class SaveError(BurnRateError):
    """A save file that cannot be read, written or trusted."""


class UsageError(BurnRateError):
    """A command-line argument that names something that does not exist."""


class ClassError(BurnRateError):
    """A class folder (class.yaml, submissions/) or a student's name that cannot be used."""
