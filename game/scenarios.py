"""Loading scenario files: YAML with line numbers -> a base merged in -> pydantic -> cross-checks.

A teacher editing YAML needs `FILE:LINE:COL: key.path: what is wrong (allowed ...)`, one
line per problem, and never a traceback. So the YAML is composed into nodes with a
SafeLoader (no tags, no Python objects), walked by hand to keep every key's file, line and
column and to refuse duplicate keys and alias bombs, then validated by pydantic, whose
error paths are mapped back to those positions.

A scenario may start from another: `extends: openai-2024` (a bundled id, or a path to a
YAML file beside this one) and then state only what differs. The base is merged in before
any check, key by key: a mapping merges into the base's mapping, any other value replaces
the base's. A list of entries with ids (rivals, key people, deck cards, timeline events)
is patched by id when every id it names is in the base (those entries change, keeping
the base's order; `{id: x, remove: true}` drops one); naming a new id makes the list
replace the base's whole, in the order written. Every problem is reported at the line of
the file that wrote the value.

Format 1 files (before rules moved from the engine into scenarios) are read with the
values that engine used for the keys format 2 added (game.models.scenario.FORMAT_1_RULES).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args, get_origin

import annotated_types
import yaml
from pydantic import BaseModel, ValidationError

from game.errors import Problem, ScenarioError
from game.models.quarters import QUARTER_PATTERN, quarter_offset
from game.models.scenario import PERSON, SCENARIO_FORMAT, Scenario, event_subject, upgrade_format_1, upgrade_format_2, upgrade_format_3, upgrade_format_4

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000  # after expanding aliases: refuses "billion laughs" documents
MAX_DEPTH = 30

Path_ = tuple[str | int, ...]
Where = tuple[str, int, int]  # (file, line, column) of a key or value
MAX_EXTENDS = 5  # a chain of bases this deep is a mistake, not a design
# libyaml's safe loader when PyYAML was built with it (much faster to compose), else the
# pure-Python one: both safe, both keep every node's line and column.
_SAFE_LOADER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with where it came from (saves embed the text and its hash).

    `text` is the file's own text, or for a scenario that extends another, the merged
    scenario written out whole: a save must stand alone, whatever happens to its base.
    """

    scenario: Scenario
    path: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class _Walker:
    """Turns composed YAML nodes into plain data, recording each path's line and column."""

    def __init__(self, file: str, multiline: frozenset[Path_] = frozenset()):
        self.file = file
        self.multiline = multiline  # paths whose text may run over lines (a class.yaml's embedded scenario)
        self.positions: dict[Path_, Where] = {}
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
        self.positions.setdefault(path, (self.file, node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(key_node, path, "a key must be text, not a list or a mapping")
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, path, "YAML merge keys (<<) are not allowed in a scenario or class file; write the keys out "
                                 "(or use extends: to build on another scenario)")
                    continue
                key = self.walk_scalar(key_node, path)
                if not isinstance(key, str):
                    self.problem(key_node, path, f"key {key!r} is not a text key")
                    continue
                if key in out:
                    self.problem(key_node, path + (key,), "duplicate key (each key may appear once)")
                    continue
                self.positions[path + (key,)] = (self.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.walk(value_node, path + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.walk_scalar(node, path)

    def walk_scalar(self, node, path: Path_) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return None
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError as e:  # an integer too long for Python to read (over 4,300 digits), a date that is none
            digits = sum(c.isdigit() for c in node.value)
            self.problem(node, path, f"a number {len(node.value):,} characters long is not a value a scenario can hold"
                         if digits > 1000 else f"{node.value[:40]!r} cannot be read: {e}")
            return None
        if isinstance(value, str):
            allowed = "\n\t" if path in self.multiline else ""
            bad = next((c for c in value if unicodedata.category(c) == "Cc" and c not in allowed), None)
            if bad is not None:
                # (a terminal escape in a name would be printed raw by validate and simulate)
                self.problem(node, path, f"control character U+{ord(bad):04X} in text (not allowed in a scenario or class file)")
                return None
        return value


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


def _parse(file: str, text: str, multiline: frozenset[Path_] = frozenset()) -> tuple[Any, dict, list[Problem]]:
    try:
        if "!" in text:  # a tag needs a "!": only then is the token scan worth its time
            for token in yaml.scan(text, Loader=_SAFE_LOADER):
                if isinstance(token, yaml.TagToken):
                    m = token.start_mark
                    return None, {}, [Problem(file, m.line + 1, m.column + 1, "", "YAML tags (!...) are not allowed in a scenario or class file")]
        loader = _SAFE_LOADER(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        m = e.problem_mark or e.context_mark
        line, col = (m.line + 1, m.column + 1) if m else (None, None)
        return None, {}, [Problem(file, line, col, "", f"not valid YAML: {e.problem or e.context}")]
    except yaml.reader.ReaderError as e:  # a control character: it has a position, not a mark
        line = text.count("\n", 0, e.position) + 1
        col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
        what = f"U+{e.character:04X}" if isinstance(e.character, int) else repr(e.character)
        return None, {}, [Problem(file, line, col, "", f"control character {what} (not allowed in a scenario or class file)")]
    except yaml.YAMLError as e:
        return None, {}, [Problem(file, None, None, "", f"not valid YAML: {e}")]
    if node is None:
        return None, {}, [Problem(file, None, None, "", "empty document")]
    walker = _Walker(file, multiline)
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


def _position(positions: dict, loc: Path_, file: str) -> tuple[str, int | None, int | None]:
    """Where the value at `loc` was written (or its nearest written parent); `file` when nowhere."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in positions:
            return positions[loc[:cut]]
    return file, None, None


def _field_info(loc: Path_, root: type[BaseModel] = Scenario):
    """The pydantic FieldInfo at a location in the `root` model (a Scenario), if there is one."""
    model: Any = root
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


def _did_you_mean(word: str, choices: list[str]) -> str:
    """"did you mean 'x'? " for the closest of `choices`, or nothing when none is close."""
    close = difflib.get_close_matches(word, choices, n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def _bound(x) -> str:
    """A range's end as a reader writes it: whole numbers in full with thousands separators
    (a seed's 9,223,372,036,854,775,807, not 9.22337e+18), others as short as exact."""
    return f"{x:,}" if isinstance(x, int) else f"{x:g}"


def _allowed(loc: Path_, error_type: str, root: type[BaseModel] = Scenario) -> str:
    if error_type == "extra_forbidden":
        info = _field_info(loc[:-1], root)
        model = root if len(loc) == 1 else (info.annotation if info else None)
        while get_origin(model) in (list, tuple):
            model = get_args(model)[0]
        if isinstance(model, type) and issubclass(model, BaseModel):
            names = list(model.model_fields)
            return f" ({_did_you_mean(str(loc[-1]), names)}allowed keys: {', '.join(names)})"
        return ""
    info = _field_info(loc, root)
    if info is None:
        return ""
    lo = hi = None
    for m in info.metadata:
        if isinstance(m, annotated_types.Ge):
            lo = _bound(m.ge)
        elif isinstance(m, annotated_types.Gt):
            lo = f"more than {_bound(m.gt)}"
        elif isinstance(m, annotated_types.Le):
            hi = _bound(m.le)
        elif isinstance(m, annotated_types.Lt):
            hi = f"less than {_bound(m.lt)}"
    if lo is None and hi is None:
        return f" ({info.description})" if info.description and error_type == "string_pattern_mismatch" else ""
    return f" (allowed {lo or '-inf'} to {hi or 'inf'})"


def _validation_problems(file: str, error: ValidationError, positions: dict,
                         root: type[BaseModel] = Scenario) -> list[Problem]:
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        where, line, col = _position(positions, loc, file)
        kind, msg = err["type"], err["msg"]
        if kind == "extra_forbidden":
            msg = "unknown key"
        elif kind == "missing":
            problems.append(Problem(where, line, col, dotted(loc), "missing (this key is required)"))
            continue
        elif kind == "finite_number":
            msg = "NaN and infinity are not allowed"
        elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
            msg = f"{err['input']} is out of range"
        problems.append(Problem(where, line, col, dotted(loc), msg + _allowed(loc, kind, root)))
    return problems


def cross_check(file: str, sc: Scenario, positions: dict) -> list[Problem]:
    """Rules that span fields: unique ids, shares that add up, dates inside the game."""
    problems: list[Problem] = []

    def add(path: Path_, msg: str):
        where, line, col = _position(positions, path, file)
        problems.append(Problem(where, line, col, dotted(path), msg))

    seen: dict[str, int] = {}
    for i, rival in enumerate(sc.rivals):
        if rival.id in seen:
            add(("rivals", i, "id"), f"duplicate id {rival.id!r} (already used by rivals[{seen[rival.id]}])")
        seen.setdefault(rival.id, i)
    for field in ("consumer_share", "api_share"):
        total = getattr(sc.company, field) + sum(getattr(r, field) for r in sc.rivals)
        if abs(total - 1.0) > 0.01:
            add(("company", field), f"this plus the rivals' {field} is {total:.3f} (allowed 0.99 to 1.01)")
    end = _end_label(sc)
    if not re.match(QUARTER_PATTERN, end):
        add(("start",), f"the game would end in {end}, past 2199Q4, the last quarter a save can name; start earlier "
            "or play fewer quarters")
        return problems
    m = sc.market
    if m.consumer_users_ceiling <= m.consumer_users_start:
        add(("market", "consumer_users_ceiling"), f"{m.consumer_users_ceiling:g} is not above consumer_users_start "
            f"({m.consumer_users_start:g}): the market would shrink toward it")
    if m.api_tokens_ceiling_per_quarter <= m.api_tokens_per_quarter_start:
        add(("market", "api_tokens_ceiling_per_quarter"), f"{m.api_tokens_ceiling_per_quarter:g} is not above "
            f"api_tokens_per_quarter_start ({m.api_tokens_per_quarter_start:g}): the market would shrink toward it")
    dated: list[tuple[Path_, str]] = [(("finance", "credit_line_opens"), sc.finance.credit_line_opens)]
    dated += [(("historical", "rounds", i), q) for i, (q, _) in enumerate(sc.historical.rounds)]
    if sc.historical.convert_in is not None:
        dated.append((("historical", "convert_in"), sc.historical.convert_in))
    for name, may_be_empty in (("subscription_price_path", False), ("headcount_path", False),
                               ("training_budget_path_usd_per_year", False),
                               ("free_tier_small_model_share_path", True), ("distillation_budget_path_usd_per_year", True)):
        dated += [(("historical", name, i), q) for i, (q, _) in enumerate(getattr(sc.historical, name))]
        offsets = [quarter_offset(sc.start, q) for q, _ in getattr(sc.historical, name)]
        if offsets != sorted(offsets) or not (offsets or may_be_empty):
            add(("historical", name), "needs at least one (quarter, value) pair, in time order"
                if not may_be_empty else "needs its (quarter, value) pairs in time order (or none: never)")
    dated += [(("world", "timeline", i, "quarter"), e.quarter) for i, e in enumerate(sc.world.timeline)]
    dated += [(("compute", "commitments", i, "starts"), c.starts) for i, c in enumerate(sc.compute.commitments)]
    rival_ids = [r.id for r in sc.rivals]
    effects: list[tuple[Path_, Any]] = [(("world", "deck", i, "effects"), e.effects) for i, e in enumerate(sc.world.deck)]
    effects += [(("world", "timeline", i, "effects"), e.effects) for i, e in enumerate(sc.world.timeline)]
    effects += [(("world", "deck", i, "ask", side, "effects"), getattr(e.ask, side).effects)
                for i, e in enumerate(sc.world.deck) if e.ask is not None for side in ("accept", "decline")]
    for where, e in effects:
        target = e.rival
        if target is not None and target not in rival_ids:
            add(where + ("rival",), f"names rival {target!r}, which the scenario does not have "
                f"({_did_you_mean(target, rival_ids)}rivals: {', '.join(rival_ids)})")
    asking = [e.id for e in sc.world.deck if e.ask is not None]
    for i, ident in enumerate(sc.historical.accept_offers):
        if ident not in asking:
            add(("historical", "accept_offers", i), f"{ident!r} is not a deck card that asks "
                f"({_did_you_mean(ident, asking)}cards with ask: {', '.join(asking) or 'none'})")
    for where, items in (("deck", sc.world.deck), ("timeline", sc.world.timeline)):
        for i, event in enumerate(items):
            rest = event.headline.replace(PERSON, "")
            if "{" in rest or "}" in rest:
                add(("world", where, i, "headline"), f"the only placeholder a headline may hold is {PERSON} "
                    "(the key person the event takes)")
            elif PERSON in event.headline and not event.effects.key_person_leaves:
                add(("world", where, i, "headline"), f"names {PERSON}, but the event takes no key person "
                    "(effects.key_person_leaves is false)")
    for name, items in (("rivals", [r.id for r in sc.rivals]), ("world.key_people", [k.id for k in sc.world.key_people]),
                        ("world.deck", [e.id for e in sc.world.deck]),
                        ("world.timeline", [e.id for e in sc.world.timeline])):
        for i, ident in enumerate(items):
            if items.index(ident) != i and name != "rivals":
                add(tuple(name.split(".")) + (i, "id"), f"duplicate id {ident!r} (already used by {name}[{items.index(ident)}])")
    for scope in ("market", "company"):
        total = sum(e.probability_per_quarter for e in sc.world.deck if e.scope == scope)
        if total > 1.0:
            add(("world", "deck"), f"the {scope} cards' probabilities add up to {total:.3f}; a quarter draws at most "
                f"one {scope} card (allowed up to 1)")
    for i, e in enumerate(sc.world.deck):
        if e.scope != "market":
            continue
        if e.more_likely_when != "always":
            add(("world", "deck", i, "more_likely_when"), f"is {e.more_likely_when!r}, but a market card's odds come from "
                "the seed alone, the same in every game (allowed: always; or make it scope: company)")
        if event_subject(e)[0]:
            add(("world", "deck", i, "scope"), "is market, but the card (or an answer to it) takes a key person, who "
                "belongs to one lab (allowed: company)")
    if sum(r.enters == "on-spin-out" for r in sc.rivals) > 1:
        add(("rivals",), "at most one rival may have enters: on-spin-out")
    last = sc.quarters - 1
    for path, q in dated:
        if not 0 <= quarter_offset(sc.start, q) <= last:
            add(path, f"{q} is outside the game (allowed {sc.start} to {_end_label(sc)})")
    return problems


# Where the decisions `idle` plays in the first quarter come from in the file.
_STARTING_VALUES: dict[str, Path_] = {
    "subscription_price_usd_per_month": ("company", "subscription_price_usd_per_month"),
    "api_price_usd_per_mtok": ("company", "api_price_usd_per_mtok"),
    "gpu_rent_a100e": ("company", "gpus_rented_a100e"),
    "training_budget_usd": ("company", "training_budget_usd_per_quarter"),
}


def playable(file: str, sc: Scenario, positions: dict) -> list[Problem]:
    """A scenario that validates must play: its first quarter, decided by `idle` (carry on
    as before), is one the engine accepts and comes out with finite numbers."""
    # The engine is needed only once a file has passed every other check.
    import numpy as np

    from game.engine import build_params, initial_state, limits, refusals_for_row, step
    from game.engine.kernel.tree import by_name
    from game.strategies import STRATEGIES
    from game.text.messages import message

    params = build_params(sc)
    state = initial_state(params, [0])
    lim = limits(state, params, 0)
    decided = STRATEGIES["idle"](state, lim, params, 0)
    problems = []
    for refusal in refusals_for_row(state, decided, params, 0):
        path = _STARTING_VALUES.get(refusal.field, ("company",))
        where, line, col = _position(positions, path, file)
        problems.append(Problem(where, line, col, dotted(path),
                                f"the first quarter cannot be played from here: {message(refusal)}"))
    if problems:
        return problems
    with np.errstate(all="ignore"):
        after, report = step(state, decided, params, 0, lim)
    broken = [name for name, value in {**by_name(after), **by_name(report)}.items()
              if value.dtype.kind == "f" and not np.all(np.isfinite(value))]
    if broken:
        problems.append(Problem(file, None, None, "", f"the first quarter comes out with {', '.join(broken[:4])} not a "
                                "finite number: some values are too large or too small for the engine to play"))
    return problems


def plays_to_the_end(file: str, sc: Scenario) -> list[Problem]:
    """Every built-in strategy plays the whole game (seed 0) with finite numbers: a scenario
    that validates plays. (About 0.2 s; the bundled files, which the tests play, skip it.)"""
    import numpy as np

    from game.engine import build_params
    from game.engine.kernel.tree import by_name
    from game.models.quarters import quarter_label
    from game.play.runner import run
    from game.strategies import STRATEGIES

    from game.engine.kernel.tree import where

    params = build_params(sc)
    names, strategies = list(STRATEGIES), list(STRATEGIES.values())

    def each_its_own(state, lim, params, quarter):
        # One game per strategy in one batch (row i plays strategy i): one engine run, not six.
        decided = strategies[0](state, lim, params, quarter)
        for i, strategy in enumerate(strategies[1:], start=1):
            decided = where(np.arange(state.batch) == i, strategy(state, lim, params, quarter), decided)
        return decided

    with np.errstate(all="ignore"):
        history = run(params, each_its_own, [0] * len(strategies), keep_history=True).history
    for quarter, _, state, report in history:
        values = {**by_name(state), **by_name(report)}
        for row, name in enumerate(names):
            broken = [key for key, value in values.items() if value.dtype.kind == "f" and not np.all(np.isfinite(value[row]))]
            if broken:
                return [Problem(file, None, None, "", f"played by {name}, {quarter_label(sc.start, quarter)} comes out with "
                                f"{', '.join(broken[:4])} not a finite number: some values are too large or too small "
                                "for the engine to play")]
    return []


@lru_cache(maxsize=None)
def _bundled_digests() -> frozenset[str]:
    """The sha256 of each bundled file's bytes: files the tests play to the end already."""
    return frozenset(hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_scenarios())


def _end_label(sc: Scenario) -> str:
    from game.models.quarters import quarter_label

    return quarter_label(sc.start, sc.quarters - 1)


@dataclass
class _Document:
    """One scenario file as plain data, with where each key was written."""

    file: str
    text: str
    data: dict[str, Any]
    positions: dict[Path_, Where]


def _document(raw: bytes, file: str, multiline: frozenset[Path_] = frozenset()) -> _Document:
    text, problems = _read_text(file, raw)
    if text is None:
        raise ScenarioError(problems)
    data, positions, problems = _parse(file, text, multiline)
    if data is None or problems:
        raise ScenarioError(problems)
    return _Document(file, text, data, positions)


def _upgraded(doc: _Document) -> _Document:
    """The document in the current format (older formats: the keys later ones added, filled in)."""
    version = doc.data.get("format_version")
    if version == 1:
        if "extends" in doc.data:
            where, line, col = _position(doc.positions, ("extends",), doc.file)
            raise ScenarioError([Problem(where, line, col, "extends", "needs format_version: 2 or later")])
        return _Document(doc.file, doc.text, upgrade_format_4(upgrade_format_3(upgrade_format_2(upgrade_format_1(doc.data)))), doc.positions)
    if version == 2:
        return _Document(doc.file, doc.text, upgrade_format_4(upgrade_format_3(upgrade_format_2(doc.data))), doc.positions)
    if version == 3:
        return _Document(doc.file, doc.text, upgrade_format_4(upgrade_format_3(doc.data)), doc.positions)
    if version == 4:
        return _Document(doc.file, doc.text, upgrade_format_4(doc.data), doc.positions)
    if type(version) is int and version > SCENARIO_FORMAT:
        where, line, col = _position(doc.positions, ("format_version",), doc.file)
        raise ScenarioError([Problem(where, line, col, "format_version",
                                     f"{version} is newer than this Burn Rate reads (allowed 1 to {SCENARIO_FORMAT})")])
    return doc


def _with_base(doc: _Document, chain: tuple[Path, ...]) -> _Document:
    """The document with its `extends` base merged in (bases may extend bases)."""
    base_name = doc.data.get("extends")
    if base_name is None:
        return doc
    where, line, col = _position(doc.positions, ("extends",), doc.file)

    def fail(message: str) -> ScenarioError:
        return ScenarioError([Problem(where, line, col, "extends", message)])

    if not isinstance(base_name, str) or not base_name.strip():
        raise fail("must name a bundled scenario or a YAML file")
    path = _base_path(base_name, doc.file)
    if path.resolve() in chain:
        raise fail(f"{base_name!r} extends this file again (a loop: {' -> '.join(p.name for p in chain)})")
    if len(chain) > MAX_EXTENDS:
        raise fail(f"bases extend bases more than {MAX_EXTENDS} deep")
    if not path.is_file():
        known = ", ".join(p.stem for p in bundled_scenarios())
        raise fail(f"no scenario {base_name!r} to extend (bundled: {known}; or a path to a YAML file)")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise fail(f"cannot read {path}: {e.strerror}") from None
    base = _with_base(_upgraded(_document(raw, str(path))), chain + (path.resolve(),))
    out_positions: dict[Path_, Where] = {}
    problems: list[Problem] = []
    data = _merge(base.data, base.positions, doc.data, doc.positions, (), (), out_positions, problems)
    if problems:
        raise ScenarioError(problems)
    data.pop("extends", None)
    out_positions.pop(("extends",), None)
    return _Document(doc.file, doc.text, data, out_positions)


def _base_path(name: str, extending_file: str) -> Path:
    """A bundled id, or a path (relative to the file that extends it)."""
    if name.endswith((".yaml", ".yml")) or "/" in name:
        path = Path(name)
        return path if path.is_absolute() else Path(extending_file).parent / path
    return SCENARIO_DIR / f"{name}.yaml"


def _merge(base: Any, base_pos: dict, over: Any, over_pos: dict, base_path: Path_, over_path: Path_,
           out_pos: dict, problems: list[Problem]) -> Any:
    """`over` merged onto `base` (see the module's docstring); positions follow the values."""
    if isinstance(base, dict) and isinstance(over, dict):
        out_pos[base_path] = over_pos.get(over_path, base_pos.get(base_path))
        merged = {}
        for key in dict.fromkeys([*base, *over]):
            if key not in over:
                merged[key] = _copy(base[key], base_pos, base_path + (key,), out_pos, base_path + (key,))
            elif key not in base:
                merged[key] = _copy(over[key], over_pos, over_path + (key,), out_pos, base_path + (key,))
            else:
                merged[key] = _merge(base[key], base_pos, over[key], over_pos, base_path + (key,), over_path + (key,),
                                     out_pos, problems)
        return merged
    if _patchable(base, over):
        return _patch_by_id(base, base_pos, over, over_pos, base_path, over_path, out_pos, problems)
    return _copy(over, over_pos, over_path, out_pos, base_path)


def _copy(value: Any, src_pos: dict, src_path: Path_, out_pos: dict, out_path: Path_) -> Any:
    """`value` as it is, its positions moved from `src_path` to `out_path`."""
    if src_path in src_pos:
        out_pos[out_path] = src_pos[src_path]
    if isinstance(value, dict):
        for key, v in value.items():
            _copy(v, src_pos, src_path + (key,), out_pos, out_path + (key,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _copy(v, src_pos, src_path + (i,), out_pos, out_path + (i,))
    return value


def _ids(items: Any) -> list | None:
    if isinstance(items, list) and items and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in items):
        return [x["id"] for x in items]
    return None


def _patchable(base: Any, over: Any) -> bool:
    """A list of id'd entries that only changes (or removes) entries the base has."""
    base_ids, over_ids = _ids(base), _ids(over)
    return base_ids is not None and over_ids is not None and set(over_ids) <= set(base_ids)


def _patch_by_id(base: list, base_pos: dict, over: list, over_pos: dict, base_path: Path_, over_path: Path_,
                 out_pos: dict, problems: list[Problem]) -> list:
    changes = {entry["id"]: i for i, entry in enumerate(over)}
    out: list = []
    for i, entry in enumerate(base):
        k = changes.get(entry["id"])
        out_path = base_path + (len(out),)  # entries after a removed one move up
        if k is None:
            out.append(_copy(entry, base_pos, base_path + (i,), out_pos, out_path))
            continue
        change = over[k]
        if change.get("remove") is True:
            if set(change) != {"id", "remove"}:
                where, line, col = _position(over_pos, over_path + (k,), "")
                problems.append(Problem(where, line, col, dotted(over_path + (k,)), "an entry with remove: true names only its id"))
            continue
        moved: dict[Path_, Where] = {}
        out.append(_merge(entry, base_pos, change, over_pos, base_path + (i,), over_path + (k,), moved, problems))
        cut = len(base_path) + 1
        out_pos.update({out_path + path[cut:]: where for path, where in moved.items()})
    out_pos[base_path] = over_pos.get(over_path, base_pos.get(base_path))
    return out


def parse_scenario(raw: bytes, file: str, allow_extends: bool = True) -> LoadedScenario:
    """Bytes of a scenario file -> a validated scenario, or ScenarioError with every problem.

    With `allow_extends=False` (a scenario embedded in a save, which must stand alone) a
    file naming a base is refused."""
    doc = _upgraded(_document(raw, file))
    extended = "extends" in doc.data
    if extended and not allow_extends:
        where, line, col = _position(doc.positions, ("extends",), file)
        raise ScenarioError([Problem(where, line, col, "extends", "an embedded scenario stands alone; it cannot extend another")])
    own = Path(file).resolve() if extended else None
    doc = _with_base(doc, (own,) if own else ())
    try:
        sc = Scenario.model_validate(doc.data)
    except ValidationError as e:
        raise ScenarioError(_validation_problems(file, e, doc.positions)) from None
    problems = cross_check(file, sc, doc.positions) or playable(file, sc, doc.positions)
    if not problems and hashlib.sha256(raw).hexdigest() not in _bundled_digests():
        problems = _plays_to_the_end_cached(hashlib.sha256(raw).hexdigest(), file, sc)
    if problems:
        raise ScenarioError(problems)
    text = doc.text if not extended else _written_out(doc.data, file)
    return LoadedScenario(scenario=sc, path=file, text=text)


def parse_yaml_model(raw: bytes, file: str, model: type[BaseModel],
                     multiline: frozenset[Path_] = frozenset()) -> tuple[BaseModel, dict[Path_, Where]]:
    """Another Burn Rate YAML file (a class.yaml) read by the scenario's rules: safe loading,
    positions kept, every pydantic error as `FILE:LINE:COL: key.path: ... (allowed ...)`;
    text at the `multiline` paths may hold line breaks and tabs (no other control character).
    Returns the model and where each key was written (for the caller's own cross-checks)."""
    doc = _document(raw, file, multiline)
    try:
        return model.model_validate(doc.data), doc.positions
    except ValidationError as e:
        raise ScenarioError(_validation_problems(file, e, doc.positions, model)) from None


def problem_at(positions: dict[Path_, Where], path: Path_, file: str, message: str) -> Problem:
    """A problem at the line that wrote `path` (or its nearest written parent)."""
    where, line, col = _position(positions, path, file)
    return Problem(where, line, col, dotted(path), message)


_PLAYED: dict[str, list[Problem]] = {}


def _plays_to_the_end_cached(digest: str, file: str, sc: Scenario) -> list[Problem]:
    if digest not in _PLAYED:
        _PLAYED[digest] = plays_to_the_end(file, sc)
    return _PLAYED[digest]


def _written_out(data: dict[str, Any], file: str) -> str:
    """A merged scenario as one standalone YAML document (what a save embeds)."""
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)
    return f"# {Path(file).name} merged with the scenario it extends, written out whole for a save to keep.\n" + body


def resolve_scenario_path(name_or_file: str) -> Path:
    """A bundled scenario name ("openai-2024") or a path to a YAML file."""
    candidate = Path(name_or_file)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists() or "/" in name_or_file:
        return candidate
    return SCENARIO_DIR / f"{name_or_file}.yaml"


def load_scenario(name_or_file: str) -> LoadedScenario:
    def fail(where: str, why: str) -> ScenarioError:
        return ScenarioError([Problem(where, None, None, "", why)])

    shown = name_or_file if len(name_or_file) <= 120 else name_or_file[:117] + "..."
    try:
        path = resolve_scenario_path(name_or_file)
        exists, regular, directory = path.exists(), path.is_file(), path.is_dir()
    except OSError as e:  # e.g. a name longer than the system allows
        raise fail(shown, f"cannot open: {e.strerror}") from None
    if not exists:
        known = ", ".join(p.stem for p in bundled_scenarios()) or "none"
        raise fail(str(path), f"no such scenario file (bundled scenarios: {known})")
    if directory:
        raise fail(str(path), "is a directory, not a scenario file")
    if not regular:
        raise fail(str(path), "not a regular file (a device or a pipe), not a scenario file")
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # (the parser refuses a file over the limit)
    except OSError as e:
        raise fail(str(path), f"cannot read: {e.strerror}") from None
    return parse_scenario(raw, str(path))


def bundled_scenarios() -> list[Path]:
    return sorted(SCENARIO_DIR.glob("*.yaml"))
