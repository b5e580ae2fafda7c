"""Save files: atomic writes, careful loading with versions, replay checks, branches, exports.

The API the CLI and the terminal UI share:

- `save_game(game, path)` writes atomically and keeps the previous file as `<name>.bak`;
- `load_save(path)` reads a file it does not trust (size, UTF-8, JSON, version, scenario
  hash) and raises `SaveError` with one line naming the file and what is wrong;
- `restore_game(save, upto_quarter)` / `branch_game(save, quarter_index)` re-play the
  decisions through `Game.end_quarter`, checking each quarter against its snapshot;
- `verify_save(save)` says whether the re-run matches, and where it first does not;
- `autosave_path(game)`, `branch_path(game)`: where the UI keeps its files;
- `export_rows(save, "csv" | "json")`: one flat row per quarter.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import numpy as np
from pydantic import ValidationError

from game import ENGINE_VERSION
from game.errors import DecisionError, SaveError, ScenarioError
from game.models.quarters import quarter_label
from game.models.save import FORMAT_VERSION, SavedOutcome, SavedScenario, SavedTurn, SaveFile
from game.records import SNAPSHOT_KEYS
from game.scenarios import LoadedScenario, dotted, parse_scenario
from game.session import Game

SAVES_DIR = Path(__file__).resolve().parent.parent / "saves"
MAX_SAVE_BYTES = 16_000_000
"""A 24-quarter game is ~100 kB; anything this big is not a save (or is an attack)."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""MIGRATIONS[n] turns a version-n document (plain JSON data) into a version n+1 one.

When the format changes: bump FORMAT_VERSION, add the step here, keep every older step,
and keep tests/fixtures/save-v1.json loading and verifying.
"""

EXPORT_FORMATS = ("csv", "json")


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
        turns=[SavedTurn(quarter=t.quarter, decisions=t.decisions, snapshot=t.snapshot) for t in game.turns],
    )


def outcome_of(game: Game) -> SavedOutcome | None:
    if not game.over:
        return None
    quarter = game.params.label(int(game.state.outcome_quarter[0]))
    return SavedOutcome(kind=game.outcome, quarter=quarter, score_usd=game.score_usd)


def save_to_json(save: SaveFile) -> str:
    try:
        return json.dumps(save.model_dump(mode="json"), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    except ValueError:
        raise SaveError("cannot save: a result is NaN or infinite, which JSON cannot hold exactly") from None


def save_game(game: Game, path: str | os.PathLike) -> Path:
    """Write the game to `path` atomically, keeping the previous version as `<name>.bak`."""
    return atomic_write_text(path, save_to_json(save_from_game(game)), keep_backup=True)


def atomic_write_text(path: str | os.PathLike, text: str, keep_backup: bool = False) -> Path:
    """Write `text` so that `path` is always either the old file or the new one, whole.

    A temporary file in the same directory is written, flushed and fsynced, then renamed
    over `path` (and the directory fsynced), so a crash or kill at any moment leaves the
    previous file intact. With `keep_backup`, the previous file also stays as `<name>.bak`.
    """
    path = Path(path)
    directory = path.parent
    if path.is_dir():
        raise SaveError(f"{path}: is a directory; give a file name")
    if not directory.is_dir():
        raise SaveError(f"{path}: cannot write: no such directory {directory}")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise SaveError(f"{path}: cannot write: {e.strerror}") from None
    backup_tmp = tmp + ".bak"
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        if keep_backup and path.exists():
            _link_or_copy(path, backup_tmp)
            os.replace(backup_tmp, path.with_name(path.name + ".bak"))
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
    return path


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
def load_save(path: str | os.PathLike) -> SaveFile:
    """Read and check a save file; SaveError (one line naming the file) when it cannot be trusted."""
    path = Path(path)
    try:
        if path.is_dir():
            raise SaveError(f"{path}: is a directory, not a save file")
        with open(path, "rb") as f:
            raw = f.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(f"{path}: no such file") from None
    except OSError as e:
        raise SaveError(f"{path}: cannot read: {e.strerror or e}") from None
    return parse_save(raw, str(path))


class _Refused(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise _Refused(f"duplicate key {dup!r}")
    return out


def _no_constants(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number")


def parse_save(raw: bytes, file: str) -> SaveFile:
    """Bytes of a save -> a checked SaveFile, upgraded to the current format."""
    def fail(message: str) -> SaveError:
        return SaveError(f"{file}: {message}")

    if len(raw) > MAX_SAVE_BYTES:
        raise fail(f"file is larger than {MAX_SAVE_BYTES:,} bytes; not a Burn Rate save")
    if not raw.strip():
        raise fail("empty file; a save is JSON text (see `burnrate replay --schema`)")
    if b"\x00" in raw:
        raise fail("binary file (contains NUL bytes); a save is UTF-8 JSON text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data":  # cut in the middle of a character
            raise fail("not valid JSON: it ends in the middle of a character (the file looks truncated)") from None
        raise fail(f"not UTF-8 text (bad byte at offset {e.start}); a save is UTF-8 JSON text") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as e:
        # The parser failed on the file's last line (ran out of text, or in a string cut
        # in half): the file was cut short.
        truncated = " (the file looks truncated)" if "\n" not in text[e.pos :].rstrip() else ""
        raise fail(f"not valid JSON at line {e.lineno} column {e.colno}: {e.msg}{truncated}") from None
    except _Refused as e:
        raise fail(f"not a valid save: {e}") from None
    except RecursionError:
        raise fail("not a valid save: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise fail("not a Burn Rate save: the top level must be a JSON object with format_version, seed, turns, ...")
    if "format_version" not in data:
        raise fail("not a Burn Rate save: no format_version key")
    version = data["format_version"]
    if type(version) is not int:
        raise fail(f"format_version must be a whole number, not {json.dumps(version)}")
    if version > FORMAT_VERSION:
        raise fail(f"save format {version} is newer than this Burn Rate reads (up to {FORMAT_VERSION}); "
                   "upgrade burnrate to open it")
    if version < 1:
        raise fail(f"format_version {version} does not exist (allowed 1 to {FORMAT_VERSION})")
    data = migrate(data, version)
    try:
        save = SaveFile.model_validate(data)
    except ValidationError as e:
        errors = e.errors(include_url=False)
        first = errors[0]
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        where = dotted(tuple(first["loc"])) or "top level"
        raise fail(f"{where}: {first['msg']}{more}") from None
    _check_against_scenario(save, file)
    return save


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Apply MIGRATIONS[version], MIGRATIONS[version + 1], ... up to FORMAT_VERSION."""
    for v in range(version, FORMAT_VERSION):
        data = MIGRATIONS[v](data)
        data["format_version"] = v + 1
    return data


_SCENARIO_CACHE: dict[str, LoadedScenario] = {}
"""Embedded scenarios already validated, by YAML text: loading then verifying parses once."""


def scenario_of(save: SaveFile, file: str = "save") -> LoadedScenario:
    """The save's embedded scenario, validated like any scenario file."""
    text = save.scenario.yaml
    if text not in _SCENARIO_CACHE:
        try:
            loaded = parse_scenario(text.encode("utf-8"), f"{file} (embedded scenario {save.scenario.name})")
        except ScenarioError as e:
            n = len(e.problems)
            more = f" (and {n - 1} more problems)" if n > 1 else ""
            raise SaveError(f"{e.problems[0]}{more}") from None
        if len(_SCENARIO_CACHE) >= 8:
            _SCENARIO_CACHE.clear()
        _SCENARIO_CACHE[text] = loaded
    return _SCENARIO_CACHE[text]


def _check_against_scenario(save: SaveFile, file: str) -> None:
    digest = hashlib.sha256(save.scenario.yaml.encode("utf-8")).hexdigest()
    if digest != save.scenario.sha256:
        raise SaveError(f"{file}: scenario.sha256 does not match the embedded scenario text (the file was edited)")
    sc = scenario_of(save, file).scenario
    if sc.id != save.scenario.name:
        raise SaveError(f"{file}: scenario.name is {save.scenario.name!r} but the embedded scenario's id is {sc.id!r}")
    if len(save.turns) > sc.quarters:
        raise SaveError(f"{file}: {len(save.turns)} turns, but scenario {sc.id} lasts {sc.quarters} quarters")
    for i, turn in enumerate(save.turns):
        expected = quarter_label(sc.start, i)
        if turn.quarter != expected:
            raise SaveError(f"{file}: turns[{i}].quarter is {turn.quarter}, expected {expected} "
                            f"(turns are consecutive quarters from {sc.start})")
        _check_snapshot(turn, f"{file}: turns[{i}].snapshot")


def _check_snapshot(turn: SavedTurn, where: str) -> None:
    """The keys every reader (tables, compare, export) relies on are there, with the right types."""
    missing = [k for k in SNAPSHOT_KEYS if k not in turn.snapshot]
    if missing:
        raise SaveError(f"{where}: missing {', '.join(missing)}")
    if turn.snapshot["quarter"] != turn.quarter:
        raise SaveError(f"{where}.quarter is {turn.snapshot['quarter']!r}, expected {turn.quarter}")
    for key in SNAPSHOT_KEYS[1:]:
        value = turn.snapshot[key]
        if type(value) not in (int, float):
            raise SaveError(f"{where}.{key} is {json.dumps(value)}, expected a number")


# -- re-playing --------------------------------------------------------------------------
@dataclass
class VerifyResult:
    """What re-running a save's decisions showed."""

    quarters_total: int
    quarters_verified: int = 0
    diverged_at: str | None = None
    fields: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.diverged_at is None

    def summary(self) -> str:
        if self.ok:
            return f"verified {self.quarters_verified} quarters"
        return f"quarter {self.diverged_at} diverges: {', '.join(self.fields)}"


_MISSING = object()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, allow_nan=True)


def _same(a: Any, b: Any) -> bool:
    """Exactly the same value: floats bit for bit (-0.0 is not 0.0), 1 is not 1.0 nor True."""
    if type(a) is not type(b):
        return False
    if type(a) is float:
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if type(a) in (dict, list):
        return _canonical(a) == _canonical(b)
    return a == b


def _as_saved(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A fresh snapshot as it reads back from a save file."""
    return json.loads(json.dumps(snapshot, allow_nan=True))


def _compare(saved: dict[str, Any], replayed: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Fields of the saved snapshot that the re-run does not reproduce (missing counts)."""
    fields, details = [], []
    for key, value in saved.items():
        again = replayed.get(key, _MISSING)
        if again is _MISSING:
            fields.append(key)
            details.append(f"{key}: saved {_canonical(value)}, missing from the re-run")
        elif not _same(value, again):
            fields.append(key)
            details.append(f"{key}: saved {_canonical(value)}, re-run {_canonical(again)}")
    return fields, details


def _replay(save: SaveFile, upto: int) -> tuple[Game, VerifyResult]:
    """Play the first `upto` turns, stopping at the first one that does not match its snapshot."""
    game = Game(scenario_of(save), save.seed)
    result = VerifyResult(quarters_total=len(save.turns))
    for turn in save.turns[:upto]:
        if game.over:
            result.diverged_at, result.fields = turn.quarter, ["outcome"]
            result.details = [f"outcome: the re-run ended ({game.outcome}) before this quarter"]
            break
        try:
            played = game.end_quarter(turn.decisions)
        except DecisionError as e:
            result.diverged_at, result.fields = turn.quarter, ["decisions"]
            result.details = [f"decisions refused by the engine: {m}" for m in e.messages]
            break
        fields, details = _compare(turn.snapshot, _as_saved(played.snapshot))
        if fields:
            result.diverged_at, result.fields, result.details = turn.quarter, fields, details
            break
        result.quarters_verified += 1
    return game, result


def verify_save(save: SaveFile) -> VerifyResult:
    """Re-run every decision and compare each quarter's snapshot, then the outcome, exactly."""
    game, result = _replay(save, len(save.turns))
    if not result.ok:
        return result
    replayed = outcome_of(game)
    saved = save.outcome.model_dump() if save.outcome else None
    again = replayed.model_dump() if replayed else None
    if not _same(saved, again):
        last = save.turns[-1].quarter if save.turns else save.scenario.name
        result.diverged_at, result.fields = last, ["outcome"]
        result.details = [f"outcome: saved {_canonical(saved)}, re-run {_canonical(again)}"]
    return result


def restore_game(save: SaveFile, upto_quarter: int | None = None) -> Game:
    """The game re-played from its decisions: all of them, or the first `upto_quarter`.

    Raises SaveError when a quarter does not reproduce its snapshot (the save was edited,
    or the engine changed since; `burnrate replay --verify` shows the details).
    """
    upto = len(save.turns) if upto_quarter is None else upto_quarter
    if not 0 <= upto <= len(save.turns):
        raise SaveError(f"cannot restore {upto} quarters: the save has {len(save.turns)} (allowed 0 to {len(save.turns)})")
    game, result = _replay(save, upto)
    if not result.ok:
        raise SaveError(f"the save does not replay: {result.summary()}")
    return game


def branch_game(save: SaveFile, quarter_index: int) -> Game:
    """A new game that keeps the quarters before `quarter_index` and lets the player decide it anew.

    `quarter_index` 0 starts over with the same seed; `len(save.turns)` continues the game.
    """
    game = restore_game(save, quarter_index)
    if game.over:
        raise SaveError(f"the game ended ({game.outcome}) before quarter index {quarter_index}; branch from an earlier quarter")
    return game


# -- where files go ----------------------------------------------------------------------
def autosave_path(game: Game) -> Path:
    """The file the UI saves a game to after every quarter: saves/<scenario>-seed<seed>.json."""
    return SAVES_DIR / f"{game.loaded.scenario.id}-seed{game.seed}.json"


def branch_path(game: Game) -> Path:
    """A new file for a branched game, never one that exists: saves/<scenario>-seed<seed>-branch-<quarter>[-n].json."""
    stem = f"{game.loaded.scenario.id}-seed{game.seed}-branch-{game.quarter_label}"
    path, n = SAVES_DIR / f"{stem}.json", 1
    while path.exists():
        n += 1
        path = SAVES_DIR / f"{stem}-{n}.json"
    return path


# -- exporting ---------------------------------------------------------------------------
def _flatten(value: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, v in value.items():
        if isinstance(v, dict):
            _flatten(v, f"{prefix}{key}.", out)
        else:
            out[prefix + key] = v


def export_table(save: SaveFile) -> list[dict[str, Any]]:
    """One flat row per quarter: the snapshot (nested keys as `a.b`), then `decision.*`."""
    rows = []
    for turn in save.turns:
        row: dict[str, Any] = {}
        _flatten(turn.snapshot, "", row)
        _flatten(turn.decisions.model_dump(), "decision.", row)
        rows.append(row)
    return rows


def export_rows(save: SaveFile, fmt: str) -> str:
    """The quarters as CSV (a header and one line each) or as a JSON array of flat objects."""
    rows = export_table(save)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt != "csv":
        raise SaveError(f"unknown export format {fmt!r} (allowed: {', '.join(EXPORT_FORMATS)})")
    columns = list(dict.fromkeys(key for row in rows for key in row))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()})
    return buf.getvalue()
