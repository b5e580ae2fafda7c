"""One student's game is played in one place at a time.

Two browser tabs (or two students who typed the same name) playing one save would overwrite
each other's quarters. So a game being played holds a seat: `submissions/.<name>.playing`,
made atomically (O_EXCL) and holding the host and process id. A seat whose process has gone
(a closed tab, a crash) is taken over; the leaderboard never reads it (it is no .json).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

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


def take_seat(save_path: Path) -> Seat:
    """The seat of the student whose save is `save_path`, or ClassError when a live game holds it."""
    path = seat_path(save_path)
    me = (socket.gethostname(), os.getpid())
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _holder(path)
            if holder == me or holder is None or (holder[0] == me[0] and not _alive(holder[1])):
                try:  # ours already, half-written, or left by a game that has gone: take it over
                    path.unlink()
                except OSError:
                    pass
                continue
            where = "" if holder[0] == me[0] else f" on {holder[0]}"
            raise ClassError(f"{save_path.stem} is being played right now{where}: close that game first "
                             "(if it is someone else's, choose another name)") from None
        except OSError as e:
            raise ClassError(f"{path.parent}: cannot save games here: {e.strerror or e}") from None
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"{me[0]} {me[1]}\n")
        return Seat(path)
    raise ClassError(f"{save_path.stem}: could not take the seat {path} (another game is starting with this name)")
