"""The save file as a pydantic model: what `burnrate` writes, reads, verifies and exports.

A save is the seed, the scenario (its YAML text, so the file stands alone) and the log of
decisions, plus a snapshot of each quarter's numbers (its QuarterView; news and
explanations are written at display time) so that a re-run can be checked. Every field is
data: loading a save never executes anything from it.

`FORMAT_VERSION` changes whenever this shape changes; `game.play.saves.MIGRATIONS` then gains
the numbered step that upgrades the older shape, so old saves keep loading forever.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from game import MAX_SEED
from game.models.decisions import QuarterDecisions
from game.models.quarters import QUARTER_PATTERN
from game.models.strict import NoBooleanNumbers
from game.models.view import RecordedQuarter

FORMAT_VERSION = 2


class SavedScenario(NoBooleanNumbers):
    """The scenario the game was played on, whole."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="the scenario's id, e.g. openai-2024")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of `yaml` (UTF-8), checked on load")
    yaml: str = Field(description="the scenario file's text, validated like any scenario file on load")


class SavedTurn(NoBooleanNumbers):
    """One quarter played: the decisions taken and the results they gave."""

    model_config = ConfigDict(extra="forbid")
    quarter: str = Field(pattern=QUARTER_PATTERN, description="the quarter's label, e.g. 2024Q1")
    decisions: QuarterDecisions
    snapshot: RecordedQuarter = Field(
        description="the quarter's numbers: its QuarterView (a file of an older format holds fewer fields)")


class SavedOutcome(NoBooleanNumbers):
    """How the game ended (present only once it is over)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    kind: str = Field(description="bankrupt, acquired, ipo or survived")
    quarter: str = Field(pattern=QUARTER_PATTERN, description="the quarter that ended the game")
    score_usd: float = Field(description="the value of the founders' stake at the end (0 when bankrupt)")


class SaveFile(NoBooleanNumbers):
    """A Burn Rate save: JSON, UTF-8. Same scenario + seed + decisions = the same game."""

    model_config = ConfigDict(extra="forbid")
    format_version: int = Field(default=FORMAT_VERSION, description="the shape of this file; newer ones are refused")
    engine_version: str = Field(description="the engine that played the game (game.ENGINE_VERSION)")
    numpy_version: str = Field(description="numpy's version when the game was played")
    created_at: str = Field(description="when the file was written, ISO 8601 UTC; the only time-dependent field")
    scenario: SavedScenario
    seed: int = Field(ge=0, le=MAX_SEED, description="the game's seed: all its luck")
    outcome: SavedOutcome | None = Field(default=None, description="how the game ended; null while it is still going")
    turns: list[SavedTurn] = Field(description="one entry per quarter played, in order")


def save_json_schema() -> dict[str, Any]:
    """The JSON Schema of save files (committed as assets/save.schema.json)."""
    return SaveFile.model_json_schema()
