"""The Burn Rate app: holds the `Game`, the player's draft decisions, and the screen flow.

`make_app` is the one factory the CLI, the tests and the benchmark use. The game state
lives in `Game` (game.play.session), and the app is the only part of the UI that talks to
it: screens get plain values (a `Position`, views, decisions) as attributes, and report
what the player did with messages, which the app answers.
"""

from __future__ import annotations

from rich.markup import escape

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen

from game.errors import DecisionError, SaveError
from game.models.decisions import QuarterDecisions
from game.models.save import SaveFile
from game.play.session import Game, Turn
from game.scenarios import LoadedScenario
from game.text.messages import messages
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.too_small import TooSmallScreen, too_small

if TYPE_CHECKING:  # the other screens are imported when first shown: a faster start-up
    from game.tui.screens.decisions import DecisionsScreen
    from game.tui.screens.picker import PickerScreen
    from game.tui.screens.replay import ReplayScreen

QuarterHook = Callable[[Game, Turn], None]
DECISIONS = "decisions"  # the installed decisions screen of the quarter being decided
REPORT = "report"  # the one report screen, refreshed for each quarter
HELP = "help"  # the one help screen
# Where the quarter's draft came from: the player's own decisions carried on (standing
# orders), the autopilot's plan (ctrl+r), the original game's decisions (a branch's first
# quarter), or the form as the player edited it.
DRAFT_STANDING, DRAFT_AUTOPILOT, DRAFT_ORIGINAL, DRAFT_EDITED = "standing", "autopilot", "original", "edited"
# What still works under the too-small notice: leaving, and the theme (neither moves the game).
ACTIONS_UNDER_NOTICE = {"request_quit", "help_quit", "toggle_theme"}


def _game_commands():
    """The palette's game commands, imported when the palette first opens (faster start-up)."""
    from game.tui.commands import GameCommands

    return GameCommands


class BurnRateApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "Burn Rate"
    COMMANDS = App.COMMANDS | {lambda: _game_commands()}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "request_quit", "Quit", id="quit", priority=True,
                tooltip="Quit (asks first when quarters were played since the last save)"),
        Binding("f1,question_mark", "help", "Help", id="help", key_display="?",
                tooltip="What every number means and where it comes from"),
        Binding("ctrl+t", "toggle_theme", "Theme", id="theme", show=False, tooltip="Switch between dark and light (remembered in settings.yaml in your config folder)"),
    ]

    class QuarterEnded(Message):
        """A quarter was played: the hook for autosave, and the cue to show its report."""

        def __init__(self, turn: Turn) -> None:
            super().__init__()
            self.turn = turn

    def __init__(self, loaded: LoadedScenario | None = None, seed: int = 0,
                 on_quarter_ended: QuarterHook | None = None, *, game: Game | None = None,
                 save_path: Path | None = None, autosave: bool = False,
                 replay: tuple[SaveFile, Path] | None = None, saves_dir: Path | None = None,
                 settings_file: Path | None = None, build_ahead: bool | None = None) -> None:
        super().__init__()
        # Build the decisions form while the player reads the dashboard (see _build_decisions);
        # None: in a terminal, not headless, so that pilot tests that never open it do not pay for it.
        self.build_ahead = build_ahead
        self.settings_file = settings_file  # None: nothing remembered (tests, benchmarks)
        self.loaded, self.seed = loaded, seed
        self.on_quarter_ended_hook = on_quarter_ended
        self.autosave = autosave
        self.game: Game | None = game
        self.save_path = save_path  # None: saves/<scenario>-seed<seed>.json when autosave is on
        self.replay = replay
        self.saves_dir = saves_dir  # None: saves/ under the working directory
        self.report_notices: list[str] | None = None  # while a quarter ends: notices for its report
        self.projections: dict[int, object] = {}  # turn index -> the projection its decisions were taken on
        self._projected: tuple | None = None  # (game, turn, decisions, view): the form's last projection
        self.draft: QuarterDecisions | None = None
        self.draft_base: QuarterDecisions | None = None  # what the form opens with (also when the draft is refused)
        self.draft_source = DRAFT_STANDING  # where the draft came from, shown on the plan line
        self.draft_problems: list[str] = []
        self.unsaved_quarters = 0
        self.size_watched = False  # True once the first screen is up: from then on a resize may cover it

    def on_mount(self) -> None:
        if self.settings_file is not None:
            self._apply_settings()
        if self.replay is not None:
            self.push_screen(self._replay_screen(*self.replay))
        elif self.game is not None:
            self.begin(self.game, self.save_path, announce=f"Resumed at {self.game.quarter_label}")
        elif self.loaded is not None:
            self.start_game(self.loaded, self.seed)
        else:
            self.push_screen(self.first_screen())
        self.size_watched = True
        self.check_size(self.size)

    def first_screen(self) -> Screen:
        """The screen a start with no game shows: the scenario picker (a class asks the student's name)."""
        from game.tui.screens.picker import PickerScreen

        return PickerScreen()

    # -- the terminal's size -----------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        if self.size_watched:
            self.check_size(event.size)

    def check_size(self, size: Size) -> None:
        """Below the minimum size, a notice over the screens (which are kept as they are);
        gone again when the terminal is large enough."""
        from game.tui.screens.quit import QuitScreen

        top = self.screen
        if too_small(size):
            if isinstance(top, TooSmallScreen):
                top.show_size(size)
            elif not isinstance(top, QuitScreen):  # the quit question stays readable (it is narrow)
                self.push_screen(TooSmallScreen(size))
        elif isinstance(top, TooSmallScreen):
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Under the too-small notice the game takes no move: the player cannot see it."""
        stack = self.screen_stack
        if stack and isinstance(stack[-1], TooSmallScreen):
            return action in ACTIONS_UNDER_NOTICE
        return True

    @staticmethod
    def _replay_screen(save: SaveFile, file: Path) -> ReplayScreen:
        from game.play.saves import scenario_of, views_of
        from game.tui.screens.replay import ReplayScreen

        loaded = scenario_of(save)
        return ReplayScreen(loaded.scenario, file, Game(loaded, save.seed).opening, views_of(save),
                            [t.decisions for t in save.turns])

    def on_replay_screen_branch_requested(self, message: ReplayScreen.BranchRequested) -> None:
        from game.play.saves import branch_game, branch_path

        save, _ = self.replay
        try:
            game = branch_game(save, message.index)
        except SaveError as e:
            self.notify(str(e), title="Cannot branch here", severity="error")
            return
        self.begin(game, branch_path(game, self.saves_dir), announce=f"Branched from {game.quarter_label[:4]} {game.quarter_label[4:]}",
                   save_first=True, original=save.turns[message.index].decisions if message.index < len(save.turns) else None)

    def on_picker_screen_chosen(self, message: PickerScreen.Chosen) -> None:
        self.start_game(message.loaded, message.seed)

    # -- the game ------------------------------------------------------------------
    def start_game(self, loaded: LoadedScenario, seed: int) -> None:
        self.begin(Game(loaded, seed), None)

    def begin(self, game: Game, save_path: Path | None, announce: str = "", save_first: bool = False,
              original: QuarterDecisions | None = None) -> None:
        """Play `game` from where it stands; with `save_path`, save it there (a loaded or branched
        game). `original`: the decisions the first draft starts from (a branch's)."""
        self._drop_decisions()
        self.game, self.save_path = game, save_path
        self.projections = {}
        self.unsaved_quarters = 0
        self.reset_draft(original)
        self._show_base(DashboardScreen(game.position(), self.draft, self.draft_source))
        if self.build_ahead if self.build_ahead is not None else not self.is_headless:
            self.call_after_refresh(self._build_decisions)
        if save_path is not None:
            self.autosave = True
            if save_first or not save_path.exists():
                self.save_now()
        if announce:
            where = f"; saving to {self._shown(save_path)}" if save_path is not None else ""
            self.notify(f"{announce}{where}", title="Saved game")

    @staticmethod
    def _shown(path: Path) -> str:
        try:
            return str(path.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def save_now(self) -> None:
        """Write the game to its file (atomically); a failure is a notification, never a crash."""
        from game.play.saves import save_game, save_new_game

        game = self.game
        first = self.save_path is None
        try:
            if first:  # a new game: a file of its own, never another game's save
                path = save_new_game(game, self.saves_dir)
            else:
                path = self.save_path
                path.parent.mkdir(parents=True, exist_ok=True)
                save_game(game, path)
        except (SaveError, OSError) as e:
            self.notify(str(e), title="Not saved", severity="error")
            return
        self.save_path = path
        self.mark_saved()
        if first:
            self.tell(f"Saved to {self._shown(path)} after every quarter; `burnrate play --load` resumes.", "Autosave")

    def tell(self, text: str, title: str) -> None:
        """A notice: a toast, or while a quarter ends a line of its report (a toast would
        cover the report the player is reading)."""
        if self.report_notices is not None:
            self.report_notices.append(f"[b]{escape(title)}[/b]: {escape(text)}")  # a path may hold [ ]
        else:
            self.notify(text, title=title)

    def reset_draft(self, original: QuarterDecisions | None = None) -> None:
        """The new quarter's draft: the player's standing orders (their last decisions, one-off
        moves back to none), fitted to this quarter's limits, saying what the limits cut. A
        branch's first quarter starts from the `original` game's decisions of that quarter,
        one-off moves included (the position is the original's, so they are legal there)."""
        self.draft_problems = []
        if self.game is None or self.game.over:
            self.draft = self.draft_base = None
            return
        if original is not None and not self.game.check(original):
            self.draft = self.draft_base = original
            self.draft_source = DRAFT_ORIGINAL
            return
        self.draft_source = DRAFT_STANDING
        self.draft, trimmed = self.game.standing_decisions()
        self.draft_base = self.draft
        refusals = self.game.check(self.draft)
        if refusals:  # a standing order the limits could not fit: the player decides
            self.draft, self.draft_problems = None, messages(refusals)
        if trimmed:
            from game.text.format import decision_label, fmt_decision

            cuts = "\n".join(f"{decision_label(t.field)}: {fmt_decision(t.field, t.carried)} -> "
                              f"{fmt_decision(t.field, t.drafted)}" for t in trimmed)
            self.tell(cuts, "Standing orders cut to this quarter's limits")

    def take_autopilot(self) -> None:
        """ctrl+r: this quarter's draft becomes the autopilot's (the historical strategy's) plan."""
        if self.game is None or self.game.over:
            return
        self.draft, self.draft_problems = self.game.suggested_decisions("historical"), []
        self.draft_base, self.draft_source = self.draft, DRAFT_AUTOPILOT
        if self.is_screen_installed(DECISIONS):
            self.get_screen(DECISIONS).reset_to(self.draft)
        self._show_plan()

    def action_take_autopilot(self) -> None:
        self.take_autopilot()  # the plan line says so: no toast over the dashboard

    def _show_plan(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.show_plan(self.draft, self.draft_source)

    def mark_saved(self) -> None:
        """For the save feature: nothing is lost if the player quits now."""
        self.unsaved_quarters = 0

    def on_decisions_screen_draft_edited(self, message: DecisionsScreen.DraftEdited) -> None:
        """What the game makes of the form: refusals, or the quarter it would give."""
        game = self.game
        refusals = list(message.problems)
        forecast = None
        if message.decisions is not None:
            refusals = game.check(message.decisions)
            if not refusals:
                forecast = game.forecast(message.decisions)
                self._projected = (game, len(game.turns), message.decisions, forecast.view)
        self.draft = message.decisions if not refusals else None
        self.draft_problems = messages(refusals)
        if message.edited:
            self.draft_source = DRAFT_EDITED
        decisions = self.get_screen(DECISIONS) if self.is_screen_installed(DECISIONS) else None
        if decisions is not None and message.decisions is not None:
            decisions.show_feedback(refusals, forecast)
        self._show_plan()  # shown when the player goes back to the dashboard

    def on_decisions_screen_reset_requested(self, message: DecisionsScreen.ResetRequested) -> None:
        self.take_autopilot()

    def on_dashboard_screen_report_requested(self, message: DashboardScreen.ReportRequested) -> None:
        self.show_report(len(self.game.turns) - 1)

    def action_end_quarter(self) -> None:
        game = self.game
        if game is None or game.over:
            return
        if self.draft_problems or self.draft is None:
            self.notify("\n".join(self.draft_problems), title="Fix the decisions first", severity="error")
            return
        # What the form showed (the report sets the quarter against it): the form's own projection
        # when it projected this very draft this quarter (it has no luck: the same each time).
        cached = self._projected
        if cached is not None and cached[0] is game and cached[1] == len(game.turns) and cached[2] == self.draft:
            projected = cached[3]
        else:
            projected = game.preview(self.draft)
        try:
            turn = game.end_quarter(self.draft)
        except DecisionError as e:
            self.notify("\n".join(e.messages), title="The engine refused", severity="error")
            return
        self.unsaved_quarters += 1
        self.projections[len(game.turns) - 1] = projected
        self.post_message(self.QuarterEnded(turn))

    def on_burn_rate_app_quarter_ended(self, message: QuarterEnded) -> None:
        self.report_notices = []
        try:
            if self.autosave:
                self.save_now()
            if self.on_quarter_ended_hook is not None:
                self.on_quarter_ended_hook(self.game, message.turn)
            self.reset_draft()
        finally:
            notices, self.report_notices = self.report_notices, None
        while not isinstance(self.screen, DashboardScreen):
            self.pop_screen()
        dashboard = self.screen
        if self.game.over:
            self._drop_decisions()
        self.show_report(len(self.game.turns) - 1, self._after_report, notices)
        # The screens under the report get the new quarter once the report is on screen: Textual
        # lays out the screen under the top one too (~50 ms for the dashboard), and the form's
        # refresh checks and projects its draft, while the player is reading the report.
        self.call_after_refresh(self._show_new_quarter, dashboard, self.game, len(self.game.turns))

    def _show_new_quarter(self, dashboard: DashboardScreen, game: Game, turns: int) -> None:
        if game is not self.game or len(game.turns) != turns:  # another game or quarter since: it showed itself
            return
        position = game.position()
        dashboard.show(position, self.draft, self.draft_source)
        if self.is_screen_installed(DECISIONS):  # the same form, the new quarter in it
            self.get_screen(DECISIONS).show_position(position, self.draft_base)

    def show_report(self, index: int, callback=None, notices: list[str] = ()) -> None:
        from game.tui.screens.report import ReportScreen

        if not self.is_screen_installed(REPORT):
            self.install_screen(ReportScreen(), REPORT)
        screen = self.get_screen(REPORT)
        turns = self.game.turns
        before = turns[index - 1].view if index > 0 else self.game.opening
        screen.shown = (self.game.loaded.scenario, before, turns[index].view, turns[index].decisions, tuple(notices),
                        self.projections.get(index))
        if screen.is_mounted:  # fill it before it shows, so its first frame is the new quarter
            screen.show(*screen.shown)
        if self.screen is not screen:
            self.push_screen(REPORT, callback)

    def _after_report(self, _=None) -> None:
        if self.game is not None and self.game.over:
            from game.tui.screens.debrief import DebriefScreen

            self.push_screen(DebriefScreen(self.game.position(), standing=self.game.standing))

    def action_new_game(self) -> None:
        from game.tui.screens.picker import PickerScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        self._show_base(PickerScreen())

    def _show_base(self, screen) -> None:
        """Make `screen` the one above Textual's default screen (the picker or the dashboard)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_push_decisions(self) -> None:
        """The quarter's form; kept while the quarter lasts so half-typed values survive."""
        if not self._deciding():
            return
        self._install_decisions()
        if self.screen is not self.get_screen(DECISIONS):
            self.push_screen(DECISIONS)

    def _deciding(self) -> bool:
        """A quarter is being decided: a game still playing, with its draft."""
        return self.game is not None and not self.game.over and self.draft_base is not None

    def _install_decisions(self) -> Screen:
        from game.tui.screens.decisions import DecisionsScreen

        if not self.is_screen_installed(DECISIONS):
            self.install_screen(DecisionsScreen(self.game.position(), self.draft_base), DECISIONS)
        return self.get_screen(DECISIONS)

    def _drop_decisions(self) -> None:
        """The form of a game that ended or was left: uninstalled, and unmounted unless a screen stack still holds it."""
        if self.is_screen_installed(DECISIONS):
            screen = self.get_screen(DECISIONS)
            self.uninstall_screen(DECISIONS)
            if screen.is_running and screen not in self.screen_stack:
                screen.remove()

    def _build_decisions(self) -> None:
        """Build the form once the dashboard is on screen, while the player reads it: composing,
        mounting and styling its ~150 widgets took about half a second at the first `d`; built
        here, the first `d` only lays it out and paints it. Built once a game, then refreshed
        each quarter (DecisionsScreen.show_position)."""
        if not self._deciding() or self.is_screen_installed(DECISIONS):
            return
        # What push_screen does first with an installed screen that is not running yet: mount
        # it (compose, styles, on_mount) without showing it. Textual has no public call for it;
        # should its private one go, the screens are built at their first opening, as before.
        mount = getattr(self, "_register", None)
        if mount is None:
            return
        mount(self, self._install_decisions())
        if not self.is_screen_installed(HELP):  # then the help, the other screen a player opens early
            self.call_after_refresh(lambda: mount(self, self._install_help()))

    # -- app-wide actions ------------------------------------------------------------
    def get_system_commands(self, screen):
        """Textual's palette commands, less its Quit (which skips the unsaved-quarters question:
        the game's own Quit asks) and its Screenshot (which fails without a Downloads folder)."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Screenshot"):
                yield command

    def action_screenshot_to_saves(self) -> None:
        """An SVG of the screen into the saves folder, named after the game and quarter."""
        from datetime import datetime

        from game.play.saves import saves_dir

        folder = saves_dir(self.saves_dir)
        stem = f"{self.game.loaded.scenario.id}-{self.game.quarter_label}" if self.game else "burnrate"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = self.save_screenshot(f"{stem}-{datetime.now():%Y%m%d-%H%M%S}.svg", str(folder))
        except OSError as e:
            self.notify(f"{folder}: {e.strerror or e}", title="No screenshot", severity="error")
            return
        self.notify(f"Saved to {self._shown(Path(path))}", title="Screenshot")

    def action_open_save(self, enter: str = "resume") -> None:
        """The saves folder's games: resume one or replay it (game/tui/screens/saves.py)."""
        from game.play.saves import saves_dir
        from game.tui.screens.saves import SavesScreen

        if self.unsaved_quarters and not self.autosave:
            plural = "s" if self.unsaved_quarters != 1 else ""
            self.notify(f"{self.unsaved_quarters} quarter{plural} of this game are not saved: finish or quit it first "
                        "(ctrl+q asks), so nothing is lost", title="Open save", severity="warning")
            return
        self.push_screen(SavesScreen(saves_dir(self.saves_dir), enter), self._open_chosen_save)

    def _open_chosen_save(self, chosen) -> None:
        from game.play.saves import restore_game
        from game.tui.screens.saves import REPLAY

        if chosen is None:
            return
        mode, entry = chosen
        if mode == REPLAY:
            self.replay = (entry.save, entry.path)
            self.push_screen(self._replay_screen(entry.save, entry.path))
            return
        try:
            game = restore_game(entry.save)
        except SaveError as e:
            self.notify(str(e), title=f"Cannot resume {entry.path.name}", severity="error")
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.begin(game, entry.path, announce=f"Resumed {entry.path.name} at {game.quarter_label}")

    def action_last_report(self) -> None:
        if self.game is not None and self.game.turns:
            self.show_report(len(self.game.turns) - 1)


    def action_help(self) -> None:
        """The help, built once per app: opening it again only scrolls it to the top."""
        screen = self._install_help()
        if screen not in self.screen_stack:
            self.push_screen(HELP)

    def _install_help(self) -> Screen:
        from game.tui.screens.help import HelpScreen

        if not self.is_screen_installed(HELP):
            self.install_screen(HelpScreen(), HELP)
        return self.get_screen(HELP)

    def _apply_settings(self) -> None:
        """The remembered theme; from then on every theme change (ctrl+t, the palette) is saved."""
        from game.play import settings

        self.settings = settings.load(self.settings_file, self.available_themes)
        self.theme = self.settings.theme
        for problem in self.settings.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme) -> None:
        from game.play import settings

        if theme.name == self.settings.theme:
            return
        self.settings.theme = theme.name
        problem = settings.save(self.settings_file, self.settings)
        if problem:
            self.notify(f"The theme is not remembered: {problem}", title="Settings", severity="warning")

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_request_quit(self) -> None:
        from game.tui.screens.quit import QuitScreen

        if self.unsaved_quarters == 0:
            self.exit()
            return
        if isinstance(self.screen, TooSmallScreen):  # the question must be read: it fits where the game does not
            self.pop_screen()
        if not isinstance(self.screen, QuitScreen):
            self.push_screen(QuitScreen(self.unsaved_quarters), self._after_quit_question)

    def _after_quit_question(self, quit_: bool | None) -> None:
        if quit_:
            self.exit()
        else:
            self.check_size(self.size)


def make_app(loaded: LoadedScenario | None = None, seed: int = 0, on_quarter_ended: QuarterHook | None = None,
             **options) -> BurnRateApp:
    """The app on a scenario (straight to the game) or on the scenario picker (None).

    options: `game=` a restored Game and `save_path=` its file (`play --load`); `autosave=True`
    saves after every quarter (to saves/, or `saves_dir=`, unless a save_path is given);
    `replay=(save, file)` opens a save read-only (a branch is saved in the same folder);
    `settings_file=` remembers the theme there (game/tui/settings.py; the CLI passes the user's);
    `build_ahead=` builds the decisions form as soon as the dashboard is up (default: unless headless).
    """
    return BurnRateApp(loaded, seed, on_quarter_ended, **options)
