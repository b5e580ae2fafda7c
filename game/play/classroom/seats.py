"""One student's game is played in one place at a time.

Two browser tabs (or two students who typed the same name) playing one save would overwrite
each other's quarters. So a game being played holds a seat: `submissions/.<name>.playing`,
holding the host and process id, written whole (atomically). Looking at the seat and taking
it happen under an exclusive lock on `.<name>.playing.lock` (fcntl, where the system has it),
so two games starting at once cannot both decide the seat is free. A seat whose process has
gone (a closed tab, a crash) is taken over; the leaderboard never reads it (it is no .json).
"""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; two games starting in the same instant may race
    fcntl = None

from game.errors import ClassError


def seat_path(save_path: Path) -> Path:
    return save_path.with_name(f".{save_path.stem}.playing")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    except OSError:
        return False
    return True


def _holder(path: Path) -> tuple[str, int] | None:
    try:
        host, pid = path.read_text(encoding="utf-8").split()
        return host, int(pid)
    except (OSError, ValueError):
        return None


@dataclass
class Seat:
    path: Path

    def release(self) -> None:
        """Leave the seat, if it is still ours."""
        if _holder(self.path) == (socket.gethostname(), os.getpid()):
            try:
                self.path.unlink()
            except OSError:
                pass


@contextlib.contextmanager
def _locked(path: Path):
    """An exclusive lock on `path` (made if missing) while the block runs."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o644)
    except OSError as e:
        raise ClassError(f"{path.parent}: cannot save games here: {e.strerror or e}") from None
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def take_seat(save_path: Path) -> Seat:
    """The seat of the student whose save is `save_path`, or ClassError when a live game holds it."""
    from game.errors import SaveError
    from game.play.saves import atomic_write_text

    path = seat_path(save_path)
    me = (socket.gethostname(), os.getpid())
    with _locked(path.with_name(path.name + ".lock")):
        holder = _holder(path) if os.path.lexists(path) else None
        # Free: no seat, one we hold already, an unreadable one, or one left by a game that has gone.
        taken = holder is not None and holder != me and not (holder[0] == me[0] and not _alive(holder[1]))
        if taken:
            where = "" if holder[0] == me[0] else f" on {holder[0]} (if that game has ended, delete {path})"
            raise ClassError(f"{save_path.stem} is being played right now{where}: close that game first "
                             "(if it is someone else's, choose another name)")
        try:
            atomic_write_text(path, f"{me[0]} {me[1]}\n")
        except SaveError as e:
            raise ClassError(f"{path.parent}: cannot save games here: {e}") from None
    return Seat(path)
