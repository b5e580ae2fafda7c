"""The game as a class plays it: the class's scenario and seed, saved to DIR/submissions/<name>.json
after every quarter, paced by the teacher.

A subclass of the game's app, so the game itself is the one every player knows. What a class
changes: the first screen asks the student's name (when --student is not given); the end of
a quarter is refused at the pacing limit, with the reason (game.play.classroom.pacing, the
one place the limit is checked; class.yaml is read again then, so a quarter the teacher has
just opened plays at once); and the student cannot swap in another game (new game, open save).
"""

from __future__ import annotations

from pathlib import Path

from game.errors import BurnRateError
from game.play.classroom import Classroom, load_class, pacing_refusal, shown_limit, student_game
from game.play.classroom.seats import Seat, take_seat
from game.play.session import Game, Turn
from game.tui.app import BurnRateApp
from game.tui.screens.student import StudentScreen

CLASS_ONLY = "This is your class's game: its scenario and seed are the class's (ask your teacher for another)"


class ClassroomApp(BurnRateApp):
    CSS_PATH = ["app.tcss", "classroom.tcss"]

    def __init__(self, room: Classroom, *, game: Game | None = None, save_path: Path | None = None,
                 seat: Seat | None = None, settings_file: Path | None = None) -> None:
        super().__init__(room.loaded, room.seed, self._quarter_played, game=game, save_path=save_path,
                         autosave=True, settings_file=settings_file)
        self.room = room
        self.seat = seat  # the student's game is played here only (game.play.classroom.seats)
        self.loaded = None if game is None else room.loaded  # no game yet: the first screen asks the name
        self.sub_title = room.file.title

    def first_screen(self) -> StudentScreen:
        return StudentScreen(self.room.file.title, self.room.loaded.scenario.title, shown_limit(self.room))

    def on_student_screen_named(self, message: StudentScreen.Named) -> None:
        try:
            game, path, resumed = student_game(self.room, message.student)
            self.seat = take_seat(path)
        except BurnRateError as e:
            self.screen.show_problem(str(e))
            return
        self.begin(game, path, announce=f"{'Resumed' if resumed else 'Started'} at {game.quarter_label}")

    def begin(self, game: Game, save_path: Path | None, **options) -> None:
        super().begin(game, save_path, **options)
        self._tell_the_limit()  # (a student who resumes at the limit learns it at once)

    # -- pacing -------------------------------------------------------------------------------
    def pacing_refusal(self) -> str | None:
        """Why this quarter cannot be played yet; class.yaml is re-read first (the teacher may
        have opened more quarters since the game started)."""
        played = len(self.game.turns) if self.game else 0
        why = pacing_refusal(self.room, played)
        if why is not None:
            try:
                self.room = load_class(self.room.folder)
            except BurnRateError:
                pass  # (a teacher half-way through an edit: the limit stays as it was)
            why = pacing_refusal(self.room, played)
        return why

    def _limit_reached(self) -> str | None:
        """The pacing refusal as a sentence, when the game is at the limit."""
        why = self.pacing_refusal() if self.game is not None and not self.game.over else None
        return f"{why[0].upper()}{why[1:]}." if why else None

    def _tell_the_limit(self) -> None:
        why = self._limit_reached()
        if why:
            self.tell(f"{why} Your game is saved; it resumes from here.", "Class")

    def _quarter_played(self, game: Game, turn: Turn) -> None:
        self._tell_the_limit()  # (a line of the quarter's report)

    def action_end_quarter(self) -> None:
        why = self._limit_reached()
        if why:
            self.notify(f"{why} Your game is saved.", title="Not yet", severity="warning")
            return
        super().action_end_quarter()

    def release_seat(self) -> None:
        if self.seat is not None:
            self.seat.release()
            self.seat = None

    def action_new_game(self) -> None:
        self.notify(CLASS_ONLY, title="Class game", severity="warning")

    def action_open_save(self, enter: str = "resume") -> None:
        self.notify(CLASS_ONLY, title="Class game", severity="warning")


def make_class_app(room: Classroom, student: str | None = None, settings_file: Path | None = None) -> ClassroomApp:
    """The class's game for `student` (started or resumed), or asking the name first (None).
    A name or a save that cannot be used, or a game of that name being played elsewhere,
    raises BurnRateError before any screen starts. The caller calls `release_seat()` after."""
    if student is None:
        return ClassroomApp(room, settings_file=settings_file)
    game, path, _ = student_game(room, student)
    return ClassroomApp(room, game=game, save_path=path, seat=take_seat(path), settings_file=settings_file)
