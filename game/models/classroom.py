"""A class's `class.yaml` as a pydantic model: the one game a whole class plays, and how it is graded.

The teacher writes it with `burnrate class new` and may edit it by hand; it is read like a
scenario file (game.play.classroom.load_class), so a mistake is `class.yaml:LINE:COL: field: ...`.
The scenario is embedded whole (as a save embeds it), so a class stands alone whatever
happens to the scenario file it was made from.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from game import MAX_SEED
from game.models.quarters import QUARTER_PATTERN
from game.models.save import SavedScenario
from game.models.strict import NoBooleanNumbers

CLASS_FORMAT = 1
MAX_TITLE_CHARS = 200


class Grading(NoBooleanNumbers):
    """How a submission's grade is computed from its game (game.play.classroom.grade).

    grade = score_usd + survival_bonus_usd (unless the lab went bankrupt)
            - safety_incident_penalty_usd x safety incidents
    The defaults (both 0) rank by the score alone: the value of the founders' stake.
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    survival_bonus_usd: float = Field(default=0.0, ge=0, le=1e15,
                                      description="added to the score of every lab that did not go bankrupt")
    safety_incident_penalty_usd: float = Field(default=0.0, ge=0, le=1e15,
                                               description="taken off the score for each safety incident at a launch")


class ClassFile(NoBooleanNumbers):
    """DIR/class.yaml: YAML, UTF-8."""

    model_config = ConfigDict(extra="forbid")
    format_version: int = Field(default=CLASS_FORMAT, ge=1, le=CLASS_FORMAT, description="the shape of this file")
    title: str = Field(min_length=1, max_length=MAX_TITLE_CHARS, description="shown to students and on the debrief")
    scenario: SavedScenario = Field(description="the scenario every student plays, embedded whole with its SHA-256")
    seed: int = Field(ge=0, le=MAX_SEED, description="the game's seed: the same luck for every student")
    open_to: str | None = Field(default=None, pattern=QUARTER_PATTERN,
                                description="the last quarter students may play, e.g. 2025Q4 (null: the whole game)")
    grading: Grading = Field(default_factory=Grading, description="how the leaderboard ranks (default: the score)")
