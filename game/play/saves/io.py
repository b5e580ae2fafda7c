"""Save files on disk: where they go, and writing them so a crash never leaves half a file.

Saves live in `saves/` under the working directory (never inside the installed package),
or wherever the user names. A write goes to a temporary file in the same folder, is
flushed and fsynced, then renamed over the old file (and the folder fsynced), so a crash
or a kill at any moment leaves the previous file whole; the previous version is kept as
`<name>.bak`.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import stat
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from game import ENGINE_VERSION
from game.errors import SaveError
from game.models.save import FORMAT_VERSION, SavedOutcome, SavedScenario, SavedTurn, SaveFile
from game.models.view import RecordedQuarter
from game.play.session import Game

MAX_SAVE_BYTES = 16_000_000
"""A 24-quarter game is ~100 kB; anything this big is not a save (or is an attack)."""


def saves_dir(chosen: Path | None = None) -> Path:
    """Where the game keeps its saves: the folder the player named (`--saves-dir`), else
    `saves/` under the working directory; never the installed package."""
    return chosen if chosen is not None else Path.cwd() / "saves"


def autosave_path(game: Game, folder: Path | None = None) -> Path:
    """The file the UI saves a game to after every quarter: <saves>/<scenario>-seed<seed>.json."""
    return saves_dir(folder) / f"{game.loaded.scenario.id}-seed{game.seed}.json"


def _numbered(first: Path):
    """The names a new file may take: `first`, then <stem>-2<suffix>, -3, ..."""
    yield first
    for n in itertools.count(2):
        yield first.with_name(f"{first.stem}-{n}{first.suffix}")


def _write_durably(f, data: bytes) -> None:
    """Write `data` to the open file `f` and make it reach the disk (flush, fsync)."""
    f.write(data)
    f.flush()
    os.fsync(f.fileno())


def save_new_game(game: Game, folder: Path | None = None) -> Path:
    """The first save of a new game, under a name no other save has: `autosave_path`'s, or
    `<scenario>-seed<seed>-2.json`, `-3`, ... when that one holds another game (one played
    before on the same seed, or another tab of `burnrate serve`), so starting a game never
    overwrites a save. The name is claimed as the whole file appears: a hard link of the
    finished temporary file, which fails where the name exists (two processes starting at
    once get two files); where the file system has no hard links, an exclusive create."""
    first = autosave_path(game, folder)
    directory = first.parent
    text = save_to_json(save_from_game(game)).encode("utf-8")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{first.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            _write_durably(f, text)
        os.chmod(tmp, 0o644)
    except OSError as e:
        raise SaveError(f"{first}: cannot write: {e.strerror or e}") from None
    try:
        for path in itertools.islice(_numbered(first), 9_999):
            try:
                try:
                    os.link(tmp, path)
                except FileExistsError:
                    continue
                except OSError:  # no hard links here: claim the name, then fill it
                    with open(path, "xb") as f:
                        try:
                            _write_durably(f, text)
                        except OSError:
                            os.unlink(path)  # a claimed name holds a whole save or nothing
                            raise
            except FileExistsError:
                continue
            except OSError as e:
                raise SaveError(f"{path}: cannot write: {e.strerror or e}") from None
            _fsync_directory(directory)
            return path
        raise SaveError(f"{directory}: 9,999 saves of {first.stem} already; move some away")
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def branch_path(game: Game, folder: Path | None = None) -> Path:
    """A new file for a branched game, never one that exists: <saves>/<scenario>-seed<seed>-branch-<quarter>[-n].json."""
    stem = f"{game.loaded.scenario.id}-seed{game.seed}-branch-{game.quarter_label}"
    return next(path for path in _numbered(saves_dir(folder) / f"{stem}.json") if not path.exists())


# -- writing -----------------------------------------------------------------------------
def save_from_game(game: Game) -> SaveFile:
    """The save of a game as it stands (any number of quarters played)."""
    return SaveFile(
        format_version=FORMAT_VERSION,
        engine_version=ENGINE_VERSION,
        numpy_version=np.__version__,
        created_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        scenario=SavedScenario(name=game.loaded.scenario.id, sha256=game.loaded.sha256, yaml=game.loaded.text),
        seed=game.seed,
        outcome=outcome_of(game),
        turns=[SavedTurn(quarter=t.quarter, decisions=t.decisions, snapshot=RecordedQuarter.model_construct(**t.view.model_dump()))
               for t in game.turns],
    )


def outcome_of(game: Game) -> SavedOutcome | None:
    if not game.over:
        return None
    quarter = game.params.label(int(game.state.outcome.outcome_quarter[0]))
    return SavedOutcome(kind=game.outcome, quarter=quarter, score_usd=game.score_usd)


def save_to_json(save: SaveFile) -> str:
    try:
        # Unset fields stay out: a snapshot of an older format holds only what it recorded.
        return json.dumps(save.model_dump(mode="json", exclude_unset=True), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    except ValueError:
        raise SaveError("cannot save: a result is NaN or infinite, which JSON cannot hold exactly") from None


def save_game(game: Game, path: str | os.PathLike) -> Path:
    """Write the game to `path` atomically, keeping the previous version as `<name>.bak`."""
    return atomic_write_text(path, save_to_json(save_from_game(game)), keep_backup=True)


def atomic_write_text(path: str | os.PathLike, text: str, keep_backup: bool = False) -> Path:
    """Write `text` so that `path` is always either the old file or the new one, whole.

    With `keep_backup`, the previous file also stays as `<name>.bak`.
    """
    if not os.fspath(path).strip():
        raise SaveError("an empty file name; give the name of a file to write")
    path = Path(path)
    directory = path.parent
    if path.is_dir():
        raise SaveError(f"{path}: is a directory; give a file name")
    try:
        kind = os.lstat(path).st_mode
    except FileNotFoundError:
        kind = None
    except OSError as e:
        raise SaveError(f"{path}: cannot write: {e.strerror}") from None
    # A rename replaces whatever has the name: a device (/dev/null), a pipe or a link would
    # be swapped for a regular file. Only a regular file, or no file, is written.
    if kind is not None and not stat.S_ISREG(kind):
        raise SaveError(f"{path}: not a regular file (a device, a pipe or a link); give the name of a file to write")
    if not directory.is_dir():
        raise SaveError(f"{path}: cannot write: no such directory {directory}")
    backup = path.with_name(path.name + ".bak")
    if keep_backup and (backup.is_dir() or (backup.exists() and not backup.is_file())):
        raise SaveError(f"{backup}: the backup's name is taken by a directory or a special file; move it away")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise SaveError(f"{path}: cannot write: {e.strerror}") from None
    backup_tmp = tmp + ".bak"
    try:
        with os.fdopen(fd, "wb") as f:
            _write_durably(f, text.encode("utf-8"))
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        if keep_backup and path.exists():
            _link_or_copy(path, backup_tmp)
            os.replace(backup_tmp, backup)
            # (a rename between two names of one file does nothing, and leaves the first: when
            # another writer has just made the backup a link to the same file, remove ours)
            if os.path.lexists(backup_tmp):
                os.unlink(backup_tmp)
        os.replace(tmp, path)
    except BaseException as e:
        for litter in (tmp, backup_tmp):
            try:
                os.unlink(litter)
            except OSError:
                pass
        if isinstance(e, OSError):
            raise SaveError(f"{path}: cannot write: {e.strerror or e}; the previous file is unchanged") from None
        raise
    _fsync_directory(directory)
    _sweep_stale_temporaries(path)
    return path


STALE_TEMPORARY_SECONDS = 60.0  # a write takes milliseconds: a temporary this old was left by a killed writer


def _sweep_stale_temporaries(path: Path) -> None:
    """Remove what killed writers left beside `path` (their temporaries and backup links),
    never a file another writer may still be using."""
    now = time.time()
    for pattern in (f".{path.name}.*.tmp", f".{path.name}.*.tmp.bak"):
        for litter in path.parent.glob(pattern):
            try:
                if now - litter.lstat().st_mtime > STALE_TEMPORARY_SECONDS:
                    litter.unlink()
            except OSError:
                pass


def _link_or_copy(src: Path, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # a file system without hard links
        shutil.copyfile(src, dst)
        with open(dst, "rb+") as f:
            os.fsync(f.fileno())


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- reading -----------------------------------------------------------------------------
def read_save_bytes(path: str | os.PathLike) -> bytes:
    """The file's bytes, at most MAX_SAVE_BYTES + 1 of them; SaveError naming the file when it cannot be read."""
    path = Path(path)
    try:
        if path.is_dir():
            raise SaveError(f"{path}: is a directory, not a save file")
        if path.exists() and not path.is_file():
            # (opening a pipe with no writer would wait for ever; a device never ends)
            raise SaveError(f"{path}: not a regular file (a device or a pipe), not a save file")
        with open(path, "rb") as f:
            return f.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(f"{path}: no such file") from None
    except OSError as e:
        raise SaveError(f"{path}: cannot read: {e.strerror or e}") from None
