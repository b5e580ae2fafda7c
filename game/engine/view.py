"""The quarter's view: one game's quarter as typed plain values, built from the mechanics'
own declarations of their leaves.

Every leaf a mechanic declares with `leaf(...)` (and every `derived(...)` number) is a
field of `QuarterView`, named, typed and described by that declaration: its unit, label
and facts.md row. A (B, k) leaf becomes a mapping by rival id, staff function, key person
or term sheet. The view's class lives in game/models/view.py (the models are a leaf
package, so the class is written out as code, not built at import): this module writes
that file, and tests/test_view.py fails, printing the command, when it is stale:

    .venv/bin/python -m game.engine.view --write

So a new number reaches the saves, the exports, the JSON Schema and the screens' data by
being declared once, in its mechanic.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from game.engine.kernel.tree import Leaf, derived_specs, field_types, leaf_specs
from game.engine.mechanics.outcome import OUTCOME_NAMES
from game.engine.params import Params
from game.engine.rules import Limits
from game.engine.state import Report, State
from game.models.decisions import TermSheet
from game.models.scenario import FUNCTIONS
from game.models.view import LimitsView, QuarterView

VIEW_FILE = Path(__file__).resolve().parent.parent / "models" / "view.py"
_SCALAR_TYPES = {"": "float", "int": "int", "bool": "bool", "quarter": "str | None", "card": "str | None", "outcome": "str"}


@dataclass(frozen=True)
class ViewField:
    name: str  # in the view
    section: str  # the mechanic (slice) it comes from
    attr: str  # the leaf or derived property in that slice
    leaf: Leaf
    source: str  # "state", "report" or "limits"

    @property
    def type(self) -> str:
        scalar = _SCALAR_TYPES[self.leaf.kind]
        return f"dict[str, {scalar}]" if self.leaf.table else scalar


def _fields_of(tree_class: type, source: str, skip: tuple[str, ...]) -> list[ViewField]:
    out = []
    for section, slice_class in field_types(tree_class).items():
        if section in skip:
            continue
        specs = [*leaf_specs(slice_class), *derived_specs(slice_class)]
        out += [ViewField(spec.name or attr, section, attr, spec, source) for attr, spec in specs if spec and spec.shown]
    return out


@cache
def view_fields() -> tuple[ViewField, ...]:
    """Every field of QuarterView (after `quarter`), in order: the state's slices, then the quarter's flows."""
    fields = _fields_of(State, "state", ("seed", "quarter")) + _fields_of(Report, "report", ("refused", "played"))
    names = [f.name for f in fields]
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"two leaves are shown under the same name: {twice}"
    return tuple(fields)


@cache
def limit_fields() -> tuple[ViewField, ...]:
    return tuple(ViewField(attr, "limits", attr, spec, "limits") for attr, spec in leaf_specs(Limits) if spec and spec.shown)


def _columns(params: Params, table: str) -> tuple[str, ...]:
    if table == "rivals":
        return params.rival_ids
    if table == "functions":
        return FUNCTIONS
    if table == "key_people":
        return tuple(k.id for k in params.scenario.world.key_people)
    if table == "timeline":
        return params.events.timeline_ids
    return tuple(sheet.name.lower() for sheet in TermSheet)


def _plain(value, spec: Leaf, params: Params):
    if spec.kind == "int":
        return int(round(float(value)))
    if spec.kind == "bool":
        return bool(value)
    if spec.kind == "quarter":
        return params.label(int(value)) if value >= 0 else None
    if spec.kind == "card":
        return params.events.deck[int(value)].id if value >= 0 else None
    if spec.kind == "outcome":
        return OUTCOME_NAMES[int(value)]
    return float(value)


def _value(f: ViewField, array, params: Params, row: int):
    if not isinstance(array, np.ndarray):  # a plain number beside the arrays (a limit that is the same for every game)
        return _plain(array, f.leaf, params)
    if f.leaf.table:
        return {name: _plain(x, f.leaf, params) for name, x in zip(_columns(params, f.leaf.table), array[row])}
    return _plain(array[row], f.leaf, params)


def quarter_view(params: Params, quarter: int, state: State, report: Report, row: int = 0) -> QuarterView:
    """Game `row`'s quarter `quarter`: the state after it and the quarter's flows (quarter -1:
    the opening position, with a report of no quarter)."""
    values = {"quarter": params.label(quarter)}
    for f in view_fields():
        tree = state if f.source == "state" else report
        values[f.name] = _value(f, getattr(getattr(tree, f.section), f.attr), params, row)
    return QuarterView.model_construct(**values)  # built from the engine's own arrays: nothing to check


def limits_view(params: Params, lim: Limits, row: int = 0) -> LimitsView:
    """What game `row` may do this quarter, as plain values."""
    return LimitsView.model_construct(**{f.name: _value(f, getattr(lim, f.attr), params, row) for f in limit_fields()})


def _field_source(f: ViewField, optional: bool = False) -> str:
    extra = {"unit": f.leaf.unit, "fact": f.leaf.fact, "section": f.section}
    if f.leaf.table:
        extra["by"] = f.leaf.table
    kind = f.type if not optional or f.type.endswith("None") else f"{f.type} | None"
    default = ", default=None" if optional else ""
    return f"    {f.name}: {kind} = Field(description={f.leaf.label!r}{default}, json_schema_extra={extra!r})"


def source() -> str:
    """The text of game/models/view.py."""
    quarter = "    quarter: str = Field(description='The quarter, e.g. 2024Q1', json_schema_extra={'unit': 'quarter'})"
    recorded_quarter = ("    quarter: str | None = Field(description='The quarter, e.g. 2024Q1', default=None, "
                        "json_schema_extra={'unit': 'quarter'})")
    return "\n".join([
        '"""The typed view of one quarter of one game, and of what the next quarter allows.',
        "",
        "Generated by `python -m game.engine.view --write` from the mechanics' declarations of their",
        "leaves (game/engine/mechanics/*.py): do not edit by hand. Every field says its unit, the",
        "facts.md row it rests on and the mechanic it comes from.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from pydantic import BaseModel, ConfigDict, Field",
        "",
        "",
        "class QuarterView(BaseModel):",
        '    """The state after a quarter and that quarter\'s flows (the rows of `simulate --json`, the',
        '    snapshots of saves). Money in US dollars, GPUs in A100-equivalents."""',
        "",
        "    model_config = ConfigDict(extra='forbid', frozen=True)",
        quarter,
        *(_field_source(f) for f in view_fields()),
        "",
        "",
        "class RecordedQuarter(BaseModel):",
        '    """A quarter as a save file records it: the fields of QuarterView that its format kept',
        '    (a file of an older format has fewer). Which fields a file holds: `model_fields_set`."""',
        "",
        "    model_config = ConfigDict(extra='forbid', allow_inf_nan=False)",
        recorded_quarter,
        *(_field_source(f, optional=True) for f in view_fields()),
        "",
        "",
        "class LimitsView(BaseModel):",
        '    """What a quarter allows one game: the offers on the table and the market\'s limits."""',
        "",
        "    model_config = ConfigDict(extra='forbid', frozen=True)",
        *(_field_source(f) for f in limit_fields()),
        "",
    ])


def main(argv: list[str]) -> int:
    if argv == ["--write"]:
        VIEW_FILE.write_text(source())
        print(f"wrote {VIEW_FILE}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
