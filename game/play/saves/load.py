"""Reading a save file it does not trust: size, UTF-8, strict JSON, version, scenario hash.

`load_save(path)` raises `SaveError` with one line naming the file and what is wrong;
older formats are upgraded by the numbered steps in MIGRATIONS. Loading never runs
anything from the file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from game.errors import SaveError, ScenarioError
from game.models.quarters import quarter_label
from game import ENGINE_VERSION
from game.models.save import FORMAT_VERSION, SavedTurn, SaveFile
from game.models.view import RecordedQuarter
from game.play.saves.io import MAX_SAVE_BYTES, read_save_bytes
from game.scenarios import LoadedScenario, dotted, parse_scenario

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 2 snapshots hold numbers only: format 1's `news` lines (text, in the engine's
    words of the day) are dropped, since news is written at display time now. The rest of a
    format-1 snapshot is a QuarterView with fewer fields, under the same names."""
    turns = data.get("turns")
    if isinstance(turns, list):
        for turn in turns:
            snapshot = turn.get("snapshot") if isinstance(turn, dict) else None
            if isinstance(snapshot, dict):
                snapshot.pop("news", None)
    return data


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}
"""MIGRATIONS[n] turns a version-n document (plain JSON data) into a version n+1 one.

When the format changes: bump FORMAT_VERSION, add the step here, keep every older step,
and keep tests/fixtures/save-v1.json loading and verifying.
"""
RECORDED_AT_LEAST = ("quarter", "revenue_usd", "inference_cost_usd", "training_cost_usd", "staff_cost_usd",
                     "operating_cost_usd", "net_income_usd", "cash_usd", "monthly_active_users", "subscribers",
                     "market_share", "headcount")
"""Every format's snapshots hold these (the tables, compare and export rely on them)."""


def load_save(path: str | os.PathLike) -> SaveFile:
    """Read and check a save file; SaveError (one line naming the file) when it cannot be trusted."""
    return parse_save(read_save_bytes(path), str(Path(path)))


class _Refused(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise _Refused(f"duplicate key {dup!r}")
    return out


MAX_INTEGER_DIGITS = 4300  # Python's own limit on reading an integer from text


def _whole_number(text: str) -> int:
    """A JSON integer, refused (not a traceback) when too long for Python to read."""
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _Refused(f"a number {len(text):,} digits long (at most {MAX_INTEGER_DIGITS:,})")
    return int(text)


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
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants, parse_int=_whole_number)
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
    # A save this engine wrote in this format records every field of its view: a key
    # missing there was deleted (older formats and engines recorded fewer).
    _check_against_scenario(save, file, complete=version == FORMAT_VERSION and save.engine_version == ENGINE_VERSION)
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
            loaded = parse_scenario(text.encode("utf-8"), f"{file} (embedded scenario {save.scenario.name})",
                                    allow_extends=False)
        except ScenarioError as e:
            n = len(e.problems)
            more = f" (and {n - 1} more problems)" if n > 1 else ""
            raise SaveError(f"{e.problems[0]}{more}") from None
        if len(_SCENARIO_CACHE) >= 8:
            _SCENARIO_CACHE.clear()
        _SCENARIO_CACHE[text] = loaded
    return _SCENARIO_CACHE[text]


def _check_against_scenario(save: SaveFile, file: str, complete: bool = False) -> None:
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
        _check_snapshot(turn, f"{file}: turns[{i}].snapshot", complete)


def _check_snapshot(turn: SavedTurn, where: str, complete: bool) -> None:
    """The keys every reader (tables, compare, export) relies on are there (their types are
    the view's); with `complete`, every key of the view."""
    required = RecordedQuarter.model_fields if complete else RECORDED_AT_LEAST
    missing = [k for k in required if k not in turn.snapshot.model_fields_set or
               (k in RECORDED_AT_LEAST and getattr(turn.snapshot, k) is None)]
    if missing:
        raise SaveError(f"{where}: missing {', '.join(missing)}")
    if turn.snapshot.quarter != turn.quarter:
        raise SaveError(f"{where}.quarter is {turn.snapshot.quarter!r}, expected {turn.quarter}")


def describe_save(save: SaveFile) -> str:
    """One line saying what a save holds: scenario, seed, how far, how it ended."""
    end = f"{save.outcome.kind} in {save.outcome.quarter}" if save.outcome else "still playing"
    last = save.turns[-1].quarter if save.turns else "no quarter played"
    return f"{save.scenario.name}, seed {save.seed}, {len(save.turns)} quarters to {last}, {end}"
