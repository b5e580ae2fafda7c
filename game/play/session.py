"""One interactive game: the API the terminal UI, saves and scripts use to play a quarter.

A `Game` is a batch of one driven by a person instead of a strategy. It keeps the log of
decisions and the view of each quarter, which is what a save file holds. Everything it
hands out is plain values (QuarterView, LimitsView, QuarterDecisions, Refusal): a caller
never needs the engine's arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import Params, Report, State, build_params, initial_state, limits, project, refusals_for_row, step
from game.engine.convert import decisions_from_arrays, decisions_to_arrays
from game.engine.mechanics.outcome import OUTCOME_NAMES, PLAYING
from game.engine.view import limits_view, quarter_view
from game.errors import DecisionError
from game.models.decisions import QuarterDecisions, Refusal, standing_orders
from game.models.view import LimitsView, QuarterView
from game.play.planning import GpuPlan, ModelPlan, gpu_plan, model_plan
from game.play.runner import score
from game.models.scenario import Scenario
from game.scenarios import LoadedScenario
from game.strategies import STRATEGIES
from game.strategies.base import within_limits
from game.text.messages import messages


@dataclass(frozen=True)
class Position:
    """Where a game stands, as plain values: everything a screen shows of it."""

    scenario: Scenario
    seed: int
    quarter_label: str  # the quarter being decided (the last one, once the game is over)
    turn: int  # 1-based, of `quarters`
    quarters: int
    over: bool
    outcome: str
    score_usd: float
    opening: QuarterView
    views: tuple[QuarterView, ...]  # the quarters played
    decisions: tuple[QuarterDecisions, ...]  # what was decided in each
    limits: LimitsView | None  # what this quarter allows (None once the game is over)

    @property
    def status(self) -> QuarterView:
        """The last quarter's view, or the opening position."""
        return self.views[-1] if self.views else self.opening


@dataclass(frozen=True)
class Trimmed:
    """A standing order this quarter's limits cut (the cloud rents fewer GPUs, the cash is
    lower, the job market is thinner): the value carried over and the value drafted."""

    field: str  # "gpu_rent_a100e", or "hires.research" for a function's hires
    carried: float
    drafted: float


def _flat(decisions: QuarterDecisions) -> dict[str, float]:
    out = {}
    for name, value in decisions.model_dump().items():
        if isinstance(value, dict):
            out.update({f"{name}.{k}": float(v) for k, v in value.items()})
        else:
            out[name] = float(value)
    return out


@dataclass(frozen=True)
class Forecast:
    """A projected quarter (no luck) and what it tells the planner."""

    view: QuarterView
    gpus: GpuPlan
    model: ModelPlan


@dataclass(frozen=True)
class Turn:
    """One played quarter: what was decided and what came of it."""

    quarter: str
    decisions: QuarterDecisions
    view: QuarterView


class Game:
    def __init__(self, loaded: LoadedScenario, seed: int):
        self.loaded = loaded
        self.seed = int(seed)
        self.params: Params = build_params(loaded.scenario)
        self.state: State = initial_state(self.params, [self.seed])
        self.turns: list[Turn] = []
        self.opening: QuarterView = quarter_view(self.params, -1, self.state, Report.nothing(self.params, 1))
        """The position before the first quarter: the scenario's start, with no flows yet."""

    # -- where the game stands -------------------------------------------------
    @property
    def quarter(self) -> int:
        """Index of the quarter about to be played (0 = the scenario's start)."""
        return len(self.turns)

    @property
    def quarter_label(self) -> str:
        """The quarter being decided; once the game is over, the one it ended in (a lab
        listed in 2028 Q4 is shown in 2028 Q4, not in the quarter after)."""
        if self.over and self.turns:
            return self.turns[-1].quarter
        return self.params.label(min(self.quarter, self.params.quarters - 1))

    @property
    def over(self) -> bool:
        return int(self.state.outcome.outcome[0]) != PLAYING

    @property
    def outcome(self) -> str:
        return OUTCOME_NAMES[int(self.state.outcome.outcome[0])]

    @property
    def score_usd(self) -> float:
        return float(score(self.state)[0])

    @property
    def views(self) -> list[QuarterView]:
        """Every quarter played, in order."""
        return [t.view for t in self.turns]

    def status(self) -> QuarterView:
        """Where the company stands now: the last quarter's view, or the opening position."""
        return self.turns[-1].view if self.turns else self.opening

    def position(self) -> Position:
        sc = self.loaded.scenario
        return Position(
            scenario=sc, seed=self.seed, quarter_label=self.quarter_label, turn=min(self.quarter + 1, sc.quarters),
            quarters=sc.quarters, over=self.over, outcome=self.outcome, score_usd=self.score_usd, opening=self.opening,
            views=tuple(self.views), decisions=tuple(t.decisions for t in self.turns),
            limits=None if self.over else self.limits(),
        )

    def standing(self, strategy: str = "historical"):
        """This game's score against `strategy` on the same seed and over many seeds
        (game.play.standing); a quarter of a second for openai-2024."""
        from game.play.standing import standing

        return standing(self.params, self.seed, self.score_usd, strategy=strategy)

    def limits(self) -> LimitsView:
        """What this quarter allows: the offers on the table and the market's limits."""
        return limits_view(self.params, limits(self.state, self.params, self.quarter))

    # -- deciding ----------------------------------------------------------------
    def suggested_decisions(self, strategy: str = "historical") -> QuarterDecisions:
        """What a built-in strategy would do now: a sensible starting point for the player.
        Once the game is over there is no quarter to decide: DecisionError (game_over)."""
        self._refuse_when_over()
        decisions = STRATEGIES[strategy](self.state, limits(self.state, self.params, self.quarter), self.params, self.quarter)
        return decisions_from_arrays(decisions)

    def standing_decisions(self) -> tuple[QuarterDecisions, tuple[Trimmed, ...]]:
        """The player's draft for this quarter: their last quarter's decisions carried on, with
        every one-off move back to none (`standing_orders`), then fitted to this quarter's
        limits; each value the limits cut is listed. Before the first quarter there is nothing
        of theirs to carry: the lab as it stands (`idle`)."""
        self._refuse_when_over()
        if not self.turns:
            return self.suggested_decisions("idle"), ()
        wanted = standing_orders(self.turns[-1].decisions)
        if not self.check(wanted):
            return wanted, ()
        lim = limits(self.state, self.params, self.quarter)
        fitted = decisions_from_arrays(within_limits(decisions_to_arrays(wanted), self.state, lim))
        before, after = _flat(wanted), _flat(fitted)
        return fitted, tuple(Trimmed(k, before[k], after[k]) for k in before if before[k] != after[k])

    def check(self, decisions: QuarterDecisions) -> list[Refusal]:
        """Why the engine would refuse these decisions (empty when they are legal)."""
        if self.over:
            return [self._game_over()]
        return refusals_for_row(self.state, decisions_to_arrays(decisions), self.params, self.quarter)

    def preview(self, decisions: QuarterDecisions) -> QuarterView:
        """A projection of the quarter these decisions would produce, with no luck (no
        surprise event, rivals' median quarter): the same whatever the seed. Only
        end_quarter plays the quarter the seed holds."""
        return self.forecast(decisions).view

    def forecast(self, decisions: QuarterDecisions) -> Forecast:
        """The projection (see `preview`) with the planning aids read from it: the rent its
        demand needs and the next model's progress."""
        self._refuse_when_over()
        after, report = project(self.state, decisions_to_arrays(decisions), self.params, self.quarter)
        max_rent = float(limits(self.state, self.params, self.quarter).max_gpu_rent_a100e[0])
        return Forecast(
            view=quarter_view(self.params, self.quarter, after, report),
            gpus=gpu_plan(self.params, self.state, after, report, decisions, max_rent),
            model=model_plan(self.params, self.state, after, report, decisions),
        )

    def _game_over(self) -> Refusal:
        return Refusal("", "game_over", detail={"outcome": self.outcome})

    def _refuse_when_over(self) -> None:
        if self.over:
            refusal = self._game_over()
            raise DecisionError(messages([refusal]), [refusal])

    def end_quarter(self, decisions: QuarterDecisions) -> Turn:
        """Play the quarter; refused decisions raise DecisionError and change nothing."""
        refusals = self.check(decisions)
        if refusals:
            raise DecisionError(messages(refusals), refusals)
        quarter = self.quarter
        self.state, report = step(self.state, decisions_to_arrays(decisions), self.params, quarter)
        turn = Turn(self.params.label(quarter), decisions, quarter_view(self.params, quarter, self.state, report))
        self.turns.append(turn)
        return turn
