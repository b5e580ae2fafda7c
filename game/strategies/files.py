"""Strategies as files: `--strategy PATH.py[:NAME]` runs the function NAME (default `decide`)
of an analyst's Python file, written to the protocol of game.strategies.protocol.

Running a strategy file runs the user's own code, with the user's permissions (the command
line's --help says so): it is the same as `python PATH.py`. What this module adds is that
every way such a file can fail — it does not parse, it raises on import or at quarter 5,
it returns the wrong shape or a value no quarter allows — ends the run with one line naming
the file, the quarter and the field (`StrategyError`, exit 2), never a traceback.

A `FileStrategy` travels to worker processes (and Dask workers on other machines) as its
path, name and source text, and is compiled again there: the workers need the file's
text, not the file.
"""

from __future__ import annotations

import difflib
import hashlib
import inspect
import sys
import traceback
import types
from pathlib import Path

from game.engine.decisions import Decisions
from game.engine.params import Params
from game.engine.rules import Limits, violations
from game.engine.state import State
from game.errors import BurnRateError
from game.strategies.base import Strategy
from game.strategies.protocol import IllegalDecision, Observed, decisions_from

DEFAULT_FUNCTION = "decide"
MAX_SOURCE_BYTES = 1_000_000
_ILLEGAL_CODES = ("not_finite", "out_of_range", "not_a_term_sheet")
"""Refusals no quarter's limits could lift: a strategy proposing one has a bug, and stops the run."""


class StrategyError(BurnRateError):
    """A strategy file that cannot be used: one line naming the file (and the quarter and field)."""


def is_strategy_file(spec: str) -> bool:
    path = spec.rsplit(":", 1)[0] if spec.count(":") and not spec.endswith(".py") else spec
    return path.endswith(".py")


def split_spec(spec: str) -> tuple[str, str]:
    """"PATH.py" or "PATH.py:NAME" -> (path, name)."""
    if spec.endswith(".py"):
        return spec, DEFAULT_FUNCTION
    path, _, name = spec.rpartition(":")
    return path, name or DEFAULT_FUNCTION


_LOADED: dict[tuple[str, str], types.ModuleType] = {}
"""Modules already compiled, by (path, sha256 of the source): a worker compiles a file once."""


def _user_line(tb, path: str) -> int | None:
    """The line of the user's file where an exception was raised (its innermost frame there)."""
    line = None
    for frame in traceback.extract_tb(tb):
        if frame.filename == path:
            line = frame.lineno
    return line


def _module(path: str, source: str) -> types.ModuleType:
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    key = (path, digest)
    if key in _LOADED:
        return _LOADED[key]
    try:
        code = compile(source, path, "exec")
    except SyntaxError as e:
        raise StrategyError(f"{path}:{e.lineno or 1}: syntax error: {e.msg}") from None
    except ValueError as e:  # e.g. NUL bytes in the source
        raise StrategyError(f"{path}: cannot be compiled: {e}") from None
    module = types.ModuleType(f"burnrate_strategy_{digest[:16]}")
    module.__file__ = path
    sys.modules[module.__name__] = module  # (dataclasses and pickling look modules up by name)
    try:
        exec(code, module.__dict__)  # noqa: S102 - running the user's own file is the point (see --help)
    except Exception as e:  # noqa: BLE001 - whatever the user's code raises becomes one line
        sys.modules.pop(module.__name__, None)
        line = _user_line(e.__traceback__, path)
        where = f"{path}:{line}" if line else path
        raise StrategyError(f"{where}: importing the strategy file raised {type(e).__name__}: {e}") from None
    _LOADED[key] = module
    return module


def read_source(path: str) -> str:
    p = Path(path)
    if not p.exists():
        raise StrategyError(f"{path}: no such strategy file")
    if not p.is_file():
        raise StrategyError(f"{path}: not a file")
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise StrategyError(f"{path}: cannot read: {e.strerror}") from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise StrategyError(f"{path}: larger than {MAX_SOURCE_BYTES:,} bytes; not a strategy file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise StrategyError(f"{path}: not UTF-8 text (bad byte at offset {e.start})") from None


class FileStrategy:
    """A strategy file's function, called as the engine calls the built-in strategies."""

    def __init__(self, path: str, name: str = DEFAULT_FUNCTION, source: str | None = None):
        self.path, self.name = path, name
        self.source = read_source(path) if source is None else source
        module = _module(path, self.source)
        fn = getattr(module, name, None)
        if fn is None:
            own = [k for k, v in vars(module).items()
                   if inspect.isfunction(v) and getattr(v, "__module__", None) == module.__name__]
            close = difflib.get_close_matches(name, own, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            listed = f"it defines: {', '.join(own)}" if own else "it defines no function"
            raise StrategyError(f"{path}: no function {name!r} ({hint}{listed}; name another with {path}:NAME)")
        if not callable(fn):
            raise StrategyError(f"{path}: {name} is a {type(fn).__name__}, not a function")
        try:
            inspect.signature(fn).bind(None, None, None)
        except TypeError:
            raise StrategyError(f"{path}: {name} must take three arguments: {name}(seen, limits, quarter)") from None
        except ValueError:  # (a builtin without a signature: let the call tell)
            pass
        self.function = fn

    @property
    def label(self) -> str:
        return self.path if self.name == DEFAULT_FUNCTION else f"{self.path}:{self.name}"

    def __reduce__(self):
        return (FileStrategy, (self.path, self.name, self.source))

    def _fail(self, params: Params, quarter: int, message: str) -> StrategyError:
        return StrategyError(f"{self.label}: {params.label(quarter)} (quarter {quarter + 1} of {params.quarters}): {message}")

    def __call__(self, state: State, lim: Limits, params: Params, quarter: int) -> Decisions:
        seen = Observed(state, params, quarter)
        try:
            proposed = self.function(seen, lim, quarter)
        except BurnRateError:
            raise
        except Exception as e:  # noqa: BLE001 - whatever the user's code raises becomes one line
            line = _user_line(e.__traceback__, self.path)
            at = f" at line {line}" if line else ""
            raise self._fail(params, quarter, f"{self.name} raised {type(e).__name__}{at}: {e}") from None
        try:
            decided = decisions_from(proposed, state)
        except IllegalDecision as e:
            raise self._fail(params, quarter, str(e)) from None
        for v in violations(state, decided, params, quarter, lim):
            rows = v.mask.nonzero()[0]
            refusal = v.refusal(int(rows[0]))
            if refusal.code in _ILLEGAL_CODES:
                from game.text.messages import message

                games = f" (game with seed {int(state.seed[rows[0]])}" + (f", and {len(rows) - 1} more)" if len(rows) > 1 else ")")
                raise self._fail(params, quarter, message(refusal) + games)
        return decided


def load_strategy(spec: str) -> tuple[str, Strategy]:
    """A built-in strategy's name or PATH.py[:NAME] -> (label, strategy)."""
    from game.strategies import STRATEGIES

    if spec in STRATEGIES:
        return spec, STRATEGIES[spec]
    if is_strategy_file(spec):
        path, name = split_spec(spec)
        strategy = FileStrategy(path, name)
        return strategy.label, strategy
    close = difflib.get_close_matches(spec, list(STRATEGIES), n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    from game.errors import UsageError

    raise UsageError(f"unknown strategy {spec!r} ({hint}allowed: {', '.join(STRATEGIES)}, or a file PATH.py[:NAME])")
