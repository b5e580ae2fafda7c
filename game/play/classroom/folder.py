"""A class is a folder: DIR/class.yaml (the game, the pacing, the grading) and DIR/submissions/.

`new_class` writes the file, `load_class` reads it as a scenario is read (every problem as
`class.yaml:LINE:COL: field: ... (allowed ...)`, the embedded scenario validated and its
SHA-256 checked), and `open_class` moves the pacing limit by editing that one line, so a
teacher's own comments and edits stay as they wrote them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from game.errors import ClassError, Problem, ScenarioError
from game.models.classroom import CLASS_FORMAT, MAX_TITLE_CHARS, ClassFile
from game.models.quarters import parse_quarter, pretty_quarter, quarter_label, quarter_offset
from game.play.saves.io import atomic_write_text
from game.scenarios import MAX_FILE_BYTES, LoadedScenario, parse_scenario, parse_yaml_model, problem_at

CLASS_FILE = "class.yaml"
SUBMISSIONS = "submissions"
WHOLE_GAME = "end"  # `class open DIR --to end`: no pacing limit


@dataclass(frozen=True)
class Classroom:
    """A loaded, validated class folder."""

    folder: Path
    file: ClassFile
    loaded: LoadedScenario
    text: str  # class.yaml as written (open_class edits it in place)

    @property
    def seed(self) -> int:
        return self.file.seed

    @property
    def submissions(self) -> Path:
        return self.folder / SUBMISSIONS

    @property
    def class_file(self) -> Path:
        return self.folder / CLASS_FILE

    @property
    def last_label(self) -> str:
        sc = self.loaded.scenario
        return quarter_label(sc.start, sc.quarters - 1)


def _check_open_to(loaded: LoadedScenario, open_to: str | None) -> str | None:
    """Why `open_to` is not a quarter of the scenario's game (None: it is, or it is the whole game)."""
    if open_to is None:
        return None
    sc = loaded.scenario
    try:
        parse_quarter(open_to)
    except ValueError:
        return f"{open_to!r} is not a quarter like 2025Q4 (or {WHOLE_GAME!r} for the whole game)"
    if not 0 <= quarter_offset(sc.start, open_to) < sc.quarters:
        return f"{open_to} is outside the game (allowed {sc.start} to {quarter_label(sc.start, sc.quarters - 1)})"
    return None


def _literal(text: str, indent: str) -> str:
    """`text` as a YAML block scalar (readable, editable), or quoted when a block cannot hold it exactly."""
    chomp = "" if text.endswith("\n") and not text.endswith("\n\n") else ("-" if not text.endswith("\n") else "+")
    block = f"|{chomp}\n" + "".join(f"{indent}{line}\n" if line else "\n" for line in text.splitlines())
    try:
        if yaml.safe_load(f"k: {block}")["k"] == text:
            return block
    except yaml.YAMLError:
        pass
    return yaml.safe_dump(text, default_style='"', width=10**9).rstrip("\n").removesuffix("\n...") + "\n"


def class_yaml(title: str, loaded: LoadedScenario, seed: int, open_to: str | None) -> str:
    """The text of a new class.yaml, with a comment on each key for the teacher who edits it."""
    dump = lambda v: yaml.safe_dump(v, default_flow_style=True, width=10**9, allow_unicode=True).strip().removesuffix("...").strip()  # noqa: E731
    return (
        "# A Burn Rate class: every student plays this scenario on this seed. Edit by hand if you like;\n"
        "# `burnrate class status DIR` checks the file and names the line of any mistake.\n"
        f"format_version: {CLASS_FORMAT}\n"
        f"title: {dump(title)}\n"
        f"{f'seed: {seed}':30} # the same luck for every student\n"
        f"{'open_to: ' + (open_to or 'null'):30} # the last quarter students may play "
        "(null: the whole game); `burnrate class open DIR --to 2026Q4` moves it\n"
        "grading:                       # grade = score + survival bonus (unless bankrupt) - penalty x safety incidents\n"
        "  survival_bonus_usd: 0\n"
        "  safety_incident_penalty_usd: 0\n"
        "scenario:                      # embedded whole; sha256 is of the text below (change one, change both)\n"
        f"  name: {loaded.scenario.id}\n"
        f"  sha256: {loaded.sha256}\n"
        f"  yaml: {_literal(loaded.text, '    ')}"
    )


def new_class(folder: str | Path, loaded: LoadedScenario, seed: int, title: str, open_to: str | None = None) -> Classroom:
    """Make a class folder: DIR/class.yaml and DIR/submissions/. An existing class is never overwritten."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ClassError(f"{folder}: is a file, not a folder for a class")
    if (folder / CLASS_FILE).exists():
        raise ClassError(f"{folder / CLASS_FILE}: a class is already there (edit it, or pick another folder)")
    why = _check_open_to(loaded, open_to)
    if why:
        raise ClassError(f"--open-to: {why}")
    if not title.strip():
        raise ClassError("--title: empty; give the class a name, e.g. --title \"Econ 101\"")
    if len(title) > MAX_TITLE_CHARS or any(not c.isprintable() for c in title):
        raise ClassError(f"--title: {len(title)} characters (allowed 1 to {MAX_TITLE_CHARS}, on one line, "
                         "no control characters)")
    text = class_yaml(title, loaded, seed, open_to)
    parsed = _parse(text.encode("utf-8"), str(folder / CLASS_FILE))  # what is written must load
    try:
        (folder / SUBMISSIONS).mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ClassError(f"{folder}: cannot make the class folder: {e.strerror or e}") from None
    atomic_write_text(folder / CLASS_FILE, text)
    return Classroom(folder, parsed[0], parsed[1], text)


def load_class(folder: str | Path) -> Classroom:
    """The class in `folder`, checked; ClassError/ScenarioError naming the file, line and field otherwise."""
    folder = Path(folder)
    path = folder / CLASS_FILE
    if not folder.is_dir():
        raise ClassError(f"{folder}: no such class folder (make one with `burnrate class new {folder} --scenario ... --seed N`)")
    if not path.is_file():
        raise ClassError(f"{path}: no class file here (make one with `burnrate class new {folder} --scenario ... --seed N`)")
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise ClassError(f"{path}: cannot read: {e.strerror or e}") from None
    file, loaded = _parse(raw, str(path))
    if not (folder / SUBMISSIONS).is_dir():
        try:
            (folder / SUBMISSIONS).mkdir()
        except OSError as e:
            raise ClassError(f"{folder / SUBMISSIONS}: cannot make the submissions folder: {e.strerror or e}") from None
    return Classroom(folder, file, loaded, raw.decode("utf-8"))


def _parse(raw: bytes, file: str) -> tuple[ClassFile, LoadedScenario]:
    if not raw.strip():
        raise ScenarioError([Problem(file, None, None, "", "empty file; a class file needs title, seed, scenario "
                                     "(`burnrate class new` writes one)")])
    model, positions = parse_yaml_model(raw, file, ClassFile, multiline=frozenset({("scenario", "yaml")}))
    assert isinstance(model, ClassFile)
    embedded = model.scenario
    digest = hashlib.sha256(embedded.yaml.encode("utf-8")).hexdigest()
    if digest != embedded.sha256:
        raise ScenarioError([problem_at(positions, ("scenario", "sha256"), file,
                                        f"is not the SHA-256 of scenario.yaml (that is {digest}): if you changed the "
                                        "scenario on purpose, put that here; students' saves from before no longer count")])
    try:
        loaded = parse_scenario(embedded.yaml.encode("utf-8"), f"{file} (embedded scenario)", allow_extends=False)
    except ScenarioError as e:
        raise ScenarioError([_in_class_file(p, raw, positions, file) for p in e.problems]) from None
    if loaded.scenario.id != embedded.name:
        raise ScenarioError([problem_at(positions, ("scenario", "name"), file,
                                        f"is {embedded.name!r} but the embedded scenario's id is {loaded.scenario.id!r}")])
    why = _check_open_to(loaded, model.open_to)
    if why:
        raise ScenarioError([problem_at(positions, ("open_to",), file, why)])
    return model, loaded


def _in_class_file(problem: Problem, raw: bytes, positions: dict, file: str) -> Problem:
    """A problem of the embedded scenario at its line in class.yaml, when the scenario is a
    block (`yaml: |`, its text starting on the next line); else at the `yaml:` key."""
    where = problem_at(positions, ("scenario", "yaml"), file, "")
    lines = raw.decode("utf-8", "replace").splitlines()
    key_line = where.line or 0
    block = 0 < key_line <= len(lines) and re.search(r":\s*\|[-+]?\s*$", lines[key_line - 1])
    if problem.line is not None and block:
        indent = len(lines[key_line]) - len(lines[key_line].lstrip(" ")) if key_line < len(lines) else 0
        return Problem(file, key_line + problem.line, (problem.column or 1) + indent,
                       f"scenario.yaml: {problem.key_path}" if problem.key_path else "scenario.yaml", problem.message)
    return Problem(file, where.line, where.column, "scenario.yaml" + (f": {problem.key_path}" if problem.key_path else ""),
                   problem.message)


def open_class(folder: str | Path, to: str) -> Classroom:
    """Move the pacing limit to quarter `to` (or `end`: the whole game), editing only the
    `open_to:` line of class.yaml; the new file is checked before it replaces the old one."""
    room = load_class(folder)
    open_to = None if to == WHOLE_GAME else to
    why = _check_open_to(room.loaded, open_to)
    if why:
        raise ClassError(f"--to: {why}")
    value = open_to or "null"
    pattern = re.compile(r"^open_to[ \t]*:[ \t]*[^#\n]*?([ \t]*(#.*)?)$", re.MULTILINE)
    if pattern.search(room.text):
        text = pattern.sub(lambda m: f"open_to: {value}{m.group(1)}", room.text, count=1)
    else:
        text = room.text.rstrip("\n") + f"\nopen_to: {value}\n"
    file, loaded = _parse(text.encode("utf-8"), str(room.class_file))
    atomic_write_text(room.class_file, text)
    return Classroom(room.folder, file, loaded, text)


def shown_limit(room: Classroom) -> str:
    """"2025 Q4" (the pacing limit) or "the end" for the whole game."""
    return pretty_quarter(room.file.open_to) if room.file.open_to else f"the end ({pretty_quarter(room.last_label)})"
