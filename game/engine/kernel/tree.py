"""Trees of slices: frozen dataclasses whose leaves are arrays with the batch axis first.

The state of a batch of games and a quarter's flows are trees: each mechanic owns a slice
(a small frozen dataclass of arrays) and `State` is a slice of slices, as gymnax and brax
keep theirs (a pytree, without JAX). Choosing rows, keeping rows or zeroing rows is
written once here for every slice, instead of once per class.

Each leaf is declared with `leaf(...)`, which says what the number is for a person: its
unit, a label, the facts.md row it rests on, and whether the quarter's view shows it
(game.engine.view builds QuarterView from these declarations).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache, cached_property
from typing import Any, Iterator, TypeVar, get_type_hints

import numpy as np

from game.engine.kernel.arrays import select_rows, take_rows

T = TypeVar("T")


@dataclass(frozen=True)
class Leaf:
    """What a leaf is, for the view, the saves, the exports and the help."""

    unit: str  # usd, usd_per_month, share, users, people, a100e, tokens, quarters, index, flag, ...
    label: str  # a few words a teacher would use
    fact: str = ""  # the facts.md row, cited as §section 'row'
    shown: bool = True  # part of the quarter's view (and so of saves and exports)
    name: str = ""  # its name in the view, when not the field's own
    table: str = ""  # a (B, k) leaf: what its columns are (rivals, functions, key_people, sheets)
    kind: str = ""  # how the view writes it: float (default), int, bool, quarter, card, outcome


def leaf(unit: str, label: str, fact: str = "", **how) -> Any:
    """A dataclass field holding one array of a slice, with what it means."""
    return field(metadata={"leaf": Leaf(unit, label, fact, **how)})


def derived(unit: str, label: str, fact: str = "", **how):
    """A number computed from a slice's leaves (a cached property) that the view shows."""
    def wrap(fn):
        prop = cached_property(fn)
        prop.leaf = Leaf(unit, label, fact, **how)
        return prop
    return wrap


def derived_specs(cls: type) -> list[tuple[str, Leaf]]:
    """(property name, its Leaf) of a slice class's derived numbers, in declaration order."""
    return [(name, prop.leaf) for name, prop in vars(cls).items() if isinstance(prop, cached_property) and hasattr(prop, "leaf")]


def hidden(unit: str, why: str) -> Any:
    """A leaf the engine needs that the quarter's view does not show (an internal quantity)."""
    return field(metadata={"leaf": Leaf(unit, why, shown=False)})


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@cache
def field_types(cls: type) -> dict[str, type]:
    """The classes of a tree's fields (its slices, or np.ndarray for leaves)."""
    return get_type_hints(cls)


def leaf_specs(cls: type) -> list[tuple[str, Leaf | None]]:
    """(field name, its Leaf declaration) of a slice class, in declaration order."""
    return [(f.name, f.metadata.get("leaf")) for f in fields(cls)]


def _map(fn, tree, *others):
    if isinstance(tree, np.ndarray):
        return fn(tree, *others)
    cls = type(tree)
    return cls(**{name: _map(fn, getattr(tree, name), *(getattr(o, name) for o in others)) for name in _names(cls)})


def where(mask: np.ndarray, if_true: T, if_false: T) -> T:
    """Rows where `mask` (B,) is true from `if_true`, the others from `if_false`."""
    if mask.all():
        return if_true
    return _map(lambda a, b: select_rows(mask, a, b), if_true, if_false)


def keep_rows(mask: np.ndarray, tree: T) -> T:
    """Rows where `mask` is false set to zero (flows of games that did not play)."""
    if mask.all():
        return tree
    return _map(lambda a: select_rows(mask, a, np.zeros_like(a)), tree)


def rows(tree: T, index) -> T:
    """A sub-batch sharing nothing with `tree` (tables stay column-major)."""
    return _map(lambda a: take_rows(a, index), tree)


def assign_rows(target, index, source) -> None:
    """Write `source`'s rows into rows `index` of `target`, in place (the runner's result store)."""
    for name in _names(type(target)):
        mine, theirs = getattr(target, name), getattr(source, name)
        if isinstance(mine, np.ndarray):
            mine[index] = theirs
        else:
            assign_rows(mine, index, theirs)
    # Cached values computed from the old rows (e.g. runway) no longer hold.
    for name in [k for k in vars(target) if k not in _names(type(target))]:
        del target.__dict__[name]


def leaves(tree, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], np.ndarray]]:
    """Every (path, array) of a tree, depth first in declaration order."""
    if isinstance(tree, np.ndarray):
        yield path, tree
    elif is_tree(tree):  # (plain numbers beside the arrays, as in Limits, are not leaves)
        for name in _names(type(tree)):
            yield from leaves(getattr(tree, name), path + (name,))


def is_tree(value) -> bool:
    return is_dataclass(value) and not isinstance(value, type)


def replace_leaves(tree: T, **values: np.ndarray) -> T:
    """A copy of `tree` with the leaves named (by their own name, wherever they sit) replaced:
    `replace_leaves(state, cash_usd=..., sentiment=...)`. Leaf names are unique in a tree."""
    unknown = set(values) - {path[-1] for path, _ in leaves(tree)}
    if unknown:
        raise KeyError(f"no leaf named {', '.join(sorted(unknown))}")

    def rebuild(node):
        cls = type(node)
        out = {}
        for name in _names(cls):
            value = getattr(node, name)
            if isinstance(value, np.ndarray):
                out[name] = values.get(name, value)
            else:
                out[name] = rebuild(value) if is_tree(value) else value
        return cls(**out)

    return rebuild(tree)


def by_name(tree) -> dict[str, np.ndarray]:
    """Every leaf of a tree keyed by its own name (unique in a tree)."""
    return {path[-1]: value for path, value in leaves(tree)}
