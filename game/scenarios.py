"""Loading scenario files: YAML with line numbers -> pydantic models -> cross-checks.

A teacher editing YAML needs `FILE:LINE:COL: key.path: what is wrong (allowed ...)`, one
line per problem, and never a traceback. So the YAML is composed into nodes with a
SafeLoader (no tags, no Python objects), walked by hand to keep every key's position and
to refuse duplicate keys and alias bombs, then validated by pydantic, whose error paths
are mapped back to those positions.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

import annotated_types
import yaml
from pydantic import BaseModel, ValidationError

from game.errors import Problem, ScenarioError
from game.models.quarters import quarter_offset
from game.models.scenario import Scenario

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000  # after expanding aliases: refuses "billion laughs" documents
MAX_DEPTH = 30

Path_ = tuple[str | int, ...]
# libyaml's safe loader when PyYAML was built with it (10x faster to compose), else the
# pure-Python one: both safe, both keep every node's line and column.
_SAFE_LOADER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with where it came from (saves embed the text and its hash)."""

    scenario: Scenario
    path: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class _Walker:
    """Turns composed YAML nodes into plain data, recording each path's line and column."""

    def __init__(self, file: str):
        self.file = file
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self.loader = yaml.SafeLoader("")

    def problem(self, node, path: Path_, message: str) -> None:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Problem(self.file, line, col, dotted(path), message))

    def walk(self, node, path: Path_ = (), depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig(node)
        if depth > MAX_DEPTH:
            raise _TooBig(node, f"nested deeper than {MAX_DEPTH} levels")
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.walk_scalar(key_node)
                if not isinstance(key, str):
                    self.problem(key_node, path, f"key {key!r} is not a text key")
                    continue
                if key in out:
                    self.problem(key_node, path + (key,), "duplicate key (each key may appear once)")
                    continue
                self.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.walk(value_node, path + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.walk_scalar(node)

    def walk_scalar(self, node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return None
        return self.loader.construct_object(node, deep=True)


class _TooBig(Exception):
    def __init__(self, node, why: str = f"more than {MAX_NODES} values once aliases are expanded"):
        self.node, self.why = node, why


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _read_text(file: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    def fail(msg, line=None):
        return None, [Problem(file, line, 1 if line else None, "", msg)]

    if len(raw) > MAX_FILE_BYTES:
        return fail(f"file is {len(raw):,} bytes (allowed up to {MAX_FILE_BYTES:,})")
    if b"\x00" in raw:
        return fail("binary file (contains NUL bytes); a scenario is UTF-8 YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return fail("not UTF-8 text", line)
    if not text.strip():
        return fail("empty file; a scenario needs format_version, id, start, company, ... (see `burnrate scenario schema`)")
    problems = []
    for n, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(file, n, indent.index("\t") + 1, "", "tab in indentation (YAML allows spaces only)"))
    return (None, problems) if problems else (text, [])


def _parse(file: str, text: str) -> tuple[Any, dict, list[Problem]]:
    try:
        if "!" in text:  # a tag needs a "!": only then is the token scan worth its time
            for token in yaml.scan(text, Loader=_SAFE_LOADER):
                if isinstance(token, yaml.TagToken):
                    m = token.start_mark
                    return None, {}, [Problem(file, m.line + 1, m.column + 1, "", "YAML tags (!...) are not allowed in a scenario")]
        loader = _SAFE_LOADER(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        m = e.problem_mark or e.context_mark
        line, col = (m.line + 1, m.column + 1) if m else (None, None)
        return None, {}, [Problem(file, line, col, "", f"not valid YAML: {e.problem or e.context}")]
    except yaml.YAMLError as e:
        return None, {}, [Problem(file, None, None, "", f"not valid YAML: {e}")]
    if node is None:
        return None, {}, [Problem(file, None, None, "", "empty document")]
    walker = _Walker(file)
    try:
        data = walker.walk(node)
    except _TooBig as e:
        m = e.node.start_mark
        return None, {}, [Problem(file, m.line + 1, m.column + 1, "", f"document too large: {e.why}")]
    except yaml.YAMLError as e:
        return None, {}, [Problem(file, None, None, "", f"not valid YAML: {e}")]
    if not isinstance(data, dict):
        return None, {}, [Problem(file, 1, 1, "", "the top level must be a mapping of keys (format_version, id, ...)")]
    return data, walker.positions, walker.problems


def _position(positions: dict, loc: Path_) -> tuple[int | None, int | None]:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in positions:
            return positions[loc[:cut]]
    return None, None


def _field_info(loc: Path_):
    """The pydantic FieldInfo at a location in the Scenario model, if there is one."""
    model: Any = Scenario
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        info = model.model_fields[part]
        model = info.annotation
        while get_origin(model) in (list, tuple):
            model = get_args(model)[0]
    return info


def _allowed(loc: Path_, error_type: str) -> str:
    if error_type == "extra_forbidden":
        info = _field_info(loc[:-1])
        model = Scenario if len(loc) == 1 else (info.annotation if info else None)
        while get_origin(model) in (list, tuple):
            model = get_args(model)[0]
        if isinstance(model, type) and issubclass(model, BaseModel):
            names = list(model.model_fields)
            close = difflib.get_close_matches(str(loc[-1]), names, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            return f" ({hint}allowed keys: {', '.join(names)})"
        return ""
    info = _field_info(loc)
    if info is None:
        return ""
    lo = hi = None
    for m in info.metadata:
        if isinstance(m, annotated_types.Ge):
            lo = f"{m.ge:g}"
        elif isinstance(m, annotated_types.Gt):
            lo = f"more than {m.gt:g}"
        elif isinstance(m, annotated_types.Le):
            hi = f"{m.le:g}"
        elif isinstance(m, annotated_types.Lt):
            hi = f"less than {m.lt:g}"
    if lo is None and hi is None:
        return f" ({info.description})" if info.description and error_type == "string_pattern_mismatch" else ""
    return f" (allowed {lo or '-inf'} to {hi or 'inf'})"


def _validation_problems(file: str, error: ValidationError, positions: dict) -> list[Problem]:
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        line, col = _position(positions, loc)
        kind, msg = err["type"], err["msg"]
        if kind == "extra_forbidden":
            msg = "unknown key"
        elif kind == "missing":
            problems.append(Problem(file, line, col, dotted(loc), "missing (this key is required)"))
            continue
        elif kind == "finite_number":
            msg = "NaN and infinity are not allowed"
        elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
            msg = f"{err['input']} is out of range"
        problems.append(Problem(file, line, col, dotted(loc), msg + _allowed(loc, kind)))
    return problems


def cross_check(file: str, sc: Scenario, positions: dict) -> list[Problem]:
    """Rules that span fields: unique ids, shares that add up, dates inside the game."""
    problems: list[Problem] = []

    def add(path: Path_, msg: str):
        line, col = _position(positions, path)
        problems.append(Problem(file, line, col, dotted(path), msg))

    seen: dict[str, int] = {}
    for i, rival in enumerate(sc.rivals):
        if rival.id in seen:
            add(("rivals", i, "id"), f"duplicate id {rival.id!r} (already used by rivals[{seen[rival.id]}])")
        seen.setdefault(rival.id, i)
    for field in ("consumer_share", "api_share"):
        total = getattr(sc.company, field) + sum(getattr(r, field) for r in sc.rivals)
        if abs(total - 1.0) > 0.01:
            add(("company", field), f"this plus the rivals' {field} is {total:.3f} (allowed 0.99 to 1.01)")
    dated: list[tuple[Path_, str]] = [(("finance", "credit_line_opens"), sc.finance.credit_line_opens)]
    dated += [(("historical", "rounds", i), q) for i, (q, _) in enumerate(sc.historical.rounds)]
    for name in ("subscription_price_path", "headcount_path", "training_budget_path_usd_per_year"):
        dated += [(("historical", name, i), q) for i, (q, _) in enumerate(getattr(sc.historical, name))]
        offsets = [quarter_offset(sc.start, q) for q, _ in getattr(sc.historical, name)]
        if offsets != sorted(offsets) or not offsets:
            add(("historical", name), "needs at least one (quarter, value) pair, in time order")
    dated += [(("world", "timeline", i, "quarter"), e.quarter) for i, e in enumerate(sc.world.timeline)]
    dated += [(("compute", "commitments", i, "starts"), c.starts) for i, c in enumerate(sc.compute.commitments)]
    rival_ids = [r.id for r in sc.rivals]
    for where, items in (("deck", sc.world.deck), ("timeline", sc.world.timeline)):
        for i, event in enumerate(items):
            target = event.effects.rival
            if target is not None and target not in rival_ids:
                close = difflib.get_close_matches(target, rival_ids, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                add(("world", where, i, "effects", "rival"),
                    f"names rival {target!r}, which the scenario does not have ({hint}rivals: {', '.join(rival_ids)})")
    for name, items in (("rivals", [r.id for r in sc.rivals]), ("world.key_people", [k.id for k in sc.world.key_people]),
                        ("world.deck", [e.id for e in sc.world.deck])):
        for i, ident in enumerate(items):
            if items.index(ident) != i and name != "rivals":
                add(tuple(name.split(".")) + (i, "id"), f"duplicate id {ident!r} (already used by {name}[{items.index(ident)}])")
    total = sum(e.probability_per_quarter for e in sc.world.deck)
    if total > 1.0:
        add(("world", "deck"), f"the cards' probabilities add up to {total:.3f}; a quarter draws at most one card (allowed up to 1)")
    if sum(r.enters == "on-spin-out" for r in sc.rivals) > 1:
        add(("rivals",), "at most one rival may have enters: on-spin-out")
    last = sc.quarters - 1
    for path, q in dated:
        if not 0 <= quarter_offset(sc.start, q) <= last:
            add(path, f"{q} is outside the game (allowed {sc.start} to {_end_label(sc)})")
    return problems


def _end_label(sc: Scenario) -> str:
    from game.models.quarters import quarter_label

    return quarter_label(sc.start, sc.quarters - 1)


def parse_scenario(raw: bytes, file: str) -> LoadedScenario:
    """Bytes of a scenario file -> a validated scenario, or ScenarioError with every problem."""
    text, problems = _read_text(file, raw)
    if text is None:
        raise ScenarioError(problems)
    data, positions, problems = _parse(file, text)
    if data is None or problems:
        raise ScenarioError(problems)
    try:
        sc = Scenario.model_validate(data)
    except ValidationError as e:
        raise ScenarioError(_validation_problems(file, e, positions)) from None
    problems = cross_check(file, sc, positions)
    if problems:
        raise ScenarioError(problems)
    return LoadedScenario(scenario=sc, path=file, text=text)


def resolve_scenario_path(name_or_file: str) -> Path:
    """A bundled scenario name ("openai-2024") or a path to a YAML file."""
    candidate = Path(name_or_file)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists() or "/" in name_or_file:
        return candidate
    return SCENARIO_DIR / f"{name_or_file}.yaml"


def load_scenario(name_or_file: str) -> LoadedScenario:
    path = resolve_scenario_path(name_or_file)
    if not path.is_file():
        known = ", ".join(p.stem for p in bundled_scenarios()) or "none"
        raise ScenarioError([Problem(str(path), None, None, "", f"no such scenario file (bundled scenarios: {known})")])
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ScenarioError([Problem(str(path), None, None, "", f"cannot read: {e.strerror}")]) from None
    return parse_scenario(raw, str(path))


def bundled_scenarios() -> list[Path]:
    return sorted(SCENARIO_DIR.glob("*.yaml"))
