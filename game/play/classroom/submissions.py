"""Students' saves, checked before they count: the class's game, its pacing, and a bit-for-bit replay.

A submission is rejected, with the reason, when it cannot be read, was played on another
scenario or seed, went past the pacing limit, or does not replay exactly (it was edited);
a rejected one is listed, never ranked. Checking replays the whole game, so `Checker`
keeps each file's result by (path, mtime, size): a folder watched every second re-checks
only the files that changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.errors import ClassError, SaveError
from game.models.classroom import Grading
from game.models.save import SaveFile
from game.play.classroom.folder import Classroom
from game.play.classroom.names import is_student_file, student_stem, submission_path
from game.play.classroom.pacing import played_past_limit
from game.play.saves import atomic_write_text, load_save, restore_game
from game.play.session import Game
from game.text.explain import stake_value_usd

PLAYING = "playing"  # the outcome of a game not over yet
UNREAD = "-"  # the outcome of a file that could not be read as a save


@dataclass(frozen=True)
class Submission:
    """One student's save as the teacher sees it."""

    student: str  # the file's stem: the name as the rule wrote it
    path: Path
    save: SaveFile | None  # None when the file cannot be read
    rejected: str | None  # why it does not count; None when it does
    quarters_played: int = 0
    last_quarter: str | None = None
    cash_usd: float | None = None
    outcome: str = PLAYING
    score_usd: float | None = None
    safety_incidents: int = 0

    @property
    def verified(self) -> bool:
        return self.rejected is None

    @property
    def ranked(self) -> bool:
        """Verified, and at least one quarter played: a name typed and nothing played yet
        (the class app saves as soon as the name is entered) is not ranked, nor graded."""
        return self.verified and self.quarters_played > 0

    @property
    def why_unranked(self) -> str | None:
        if self.rejected is not None:
            return self.rejected
        return None if self.ranked else "has not played a quarter yet"


def _summary(student: str, path: Path, save: SaveFile, rejected: str | None) -> Submission:
    last = save.turns[-1].snapshot if save.turns else None
    if save.outcome is not None:
        score = save.outcome.score_usd
    elif last is not None and last.founders_stake is not None and last.equity_value_usd is not None:
        score = stake_value_usd(last)
    else:
        score = None
    return Submission(
        student=student, path=path, save=save, rejected=rejected, quarters_played=len(save.turns),
        last_quarter=save.turns[-1].quarter if save.turns else None, cash_usd=last.cash_usd if last else None,
        outcome=save.outcome.kind if save.outcome else PLAYING, score_usd=score,
        safety_incidents=sum(bool(t.snapshot.safety_incident) for t in save.turns),
    )


def foreign(room: Classroom, save: SaveFile) -> str | None:
    """Why a save is not a game of this class (another scenario or seed); None when it is."""
    if save.scenario.sha256 != room.file.scenario.sha256:
        return (f"played on another scenario ({save.scenario.name}, sha256 {save.scenario.sha256[:12]}...; "
                f"the class plays {room.file.scenario.name}, sha256 {room.file.scenario.sha256[:12]}...)")
    if save.seed != room.seed:
        return f"played on seed {save.seed}; the class plays seed {room.seed}"
    return None


def shown_name(path: Path) -> str:
    """A file's stem as it may be printed, written to a gradebook or drawn on screen: a file
    whose name is not a student's (anything may be copied into submissions/) keeps only
    letters, digits, spaces, '.', '-' and '_', others shown as '?', and never starts a
    spreadsheet formula."""
    if is_student_file(path):
        return path.stem
    shown = "".join(c if c.isascii() and (c.isalnum() or c in " ._-") else "?" for c in path.stem)
    return ("'" + shown) if shown[:1] in ("-", "+", "=", "@") else shown


def _read(room: Classroom, path: Path) -> Submission:
    """A file read and checked against the class, short of the replay: `rejected` is set when
    it already fails (not a student's file, a link, unreadable, another game, past the limit)."""
    student = shown_name(path)
    if not is_student_file(path):
        return Submission(student, path, None, "the file name is not a student's name (rename it to <name>.json)",
                          outcome=UNREAD)
    if path.is_symlink():  # it would read a file outside submissions/, or rank one save twice
        return Submission(student, path, None, "is a link to another file; a submission must be the save itself",
                          outcome=UNREAD)
    try:
        save = load_save(path)
    except SaveError as e:
        return Submission(student, path, None, f"cannot be read: {str(e).removeprefix(f'{path}: ')}", outcome=UNREAD)
    return _summary(student, path, save, foreign(room, save) or played_past_limit(room, len(save.turns)))


def check_submissions(room: Classroom, paths: list[Path]) -> list[Submission]:
    """Read and verify files of submissions/ against the class; the replays of all the saves
    that get that far run as one batch (game.play.classroom.verify)."""
    from game.play.classroom.verify import verify_together

    read = [_read(room, path) for path in paths]
    pending = [i for i, sub in enumerate(read) if sub.rejected is None]
    results = verify_together(room.loaded, room.seed, [read[i].save for i in pending])
    for i, result in zip(pending, results):
        if not result.ok:
            read[i] = replace(read[i], rejected=f"does not replay bit for bit: {result.summary()}")
    return read


def check_submission(room: Classroom, path: Path) -> Submission:
    """One file of submissions/, read and verified."""
    return check_submissions(room, [path])[0]


def grade(grading: Grading, sub: Submission) -> float:
    """The number the leaderboard ranks by (see game.models.classroom.Grading)."""
    bonus = grading.survival_bonus_usd if sub.outcome != "bankrupt" and sub.quarters_played > 0 else 0.0
    return (sub.score_usd or 0.0) + bonus - grading.safety_incident_penalty_usd * sub.safety_incidents


@dataclass
class Checker:
    """Checks a class's submissions, re-checking only files whose (mtime, size) changed."""

    room: Classroom
    _seen: dict[Path, tuple[tuple[int, int], Submission]] = field(default_factory=dict)

    def submissions(self) -> list[Submission]:
        """Every file of submissions/ (backups and temporaries aside), by student name."""
        try:
            files = sorted(p for p in self.room.submissions.iterdir() if p.suffix == ".json" and not p.name.startswith("."))
        except OSError as e:
            raise ClassError(f"{self.room.submissions}: cannot list: {e.strerror or e}") from None
        stamps = {}
        for path in files:
            try:
                st = os.stat(path)
            except OSError:
                continue  # gone between the listing and now
            stamps[path] = (st.st_mtime_ns, st.st_size)
        changed = [p for p, key in stamps.items() if self._seen.get(p, (None,))[0] != key]
        for path, sub in zip(changed, check_submissions(self.room, changed)):
            self._seen[path] = (stamps[path], sub)
        for gone in set(self._seen) - set(stamps):
            del self._seen[gone]
        return [self._seen[p][1] for p in stamps]


@dataclass(frozen=True)
class Standing:
    """A row of the leaderboard: a verified submission's rank and grade."""

    rank: int
    grade_usd: float
    submission: Submission


def leaderboard(room: Classroom, subs: list[Submission]) -> tuple[list[Standing], list[Submission]]:
    """The ranked submissions by grade (ties share a rank), and the others: rejected ones and
    verified saves with no quarter played (`Submission.why_unranked` says which)."""
    ok = sorted((s for s in subs if s.ranked), key=lambda s: (-grade(room.file.grading, s), s.student))
    board: list[Standing] = []
    for i, sub in enumerate(ok):
        g = grade(room.file.grading, sub)
        rank = board[-1].rank if board and board[-1].grade_usd == g else i + 1
        board.append(Standing(rank, g, sub))
    return board, [s for s in subs if not s.ranked]


def _as_typed(name: str) -> str:
    """A name as it tells students apart: case and spacing do not (Ann Lee, ann  lee), accents
    do (José and Jose are two students whose names make the same file)."""
    return " ".join(name.split()).casefold()


def owner_file(save: Path) -> Path:
    """submissions/.<stem>.name: the name as the student who started the save typed it."""
    return save.with_name(f".{save.stem}.name")


def student_game(room: Classroom, name: str) -> tuple[Game, Path, bool]:
    """A student's game and its file: resumed from submissions/<name>.json if it is there
    (True), else a new game of the class. A file that is not this class's game is refused,
    and so is a save started under a name that differs from this one but makes the same
    file (José's save is not Jose's to resume)."""
    path = submission_path(room.submissions, name)
    owner = owner_file(path)
    if not path.exists():
        try:
            atomic_write_text(owner, name.strip() + "\n")
        except SaveError as e:
            raise ClassError(f"{owner}: cannot note whose save this is: {e}") from None
        return Game(room.loaded, room.seed), path, False
    try:
        started_by = owner.read_text(encoding="utf-8").strip() if owner.is_file() else None
    except (OSError, UnicodeDecodeError):
        started_by = None
    if started_by is not None and _as_typed(started_by) != _as_typed(name):
        raise ClassError(f"{path.name} is the game {started_by!r} started, and {name!r} makes the same file name; "
                         "if that is not you, add your family name (e.g. " + repr(f"{name.strip()} Smith") + ")")
    try:
        save = load_save(path)
    except SaveError as e:
        raise ClassError(f"{path}: your save cannot be read ({e}); ask your teacher") from None
    why = foreign(room, save)
    if why:
        raise ClassError(f"{path}: not a game of this class: {why}; ask your teacher")
    return restore_game(save), path, True



