"""Building a mechanic's typed parameters from the scenario's sections, by field name.

A mechanic's Params dataclass declares every number it uses (so a reader and a type
checker see them); `from_sections` fills the ones named like a scenario field from the
sections given, so no value is copied by hand, and fails loudly when one is missing.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def from_sections(cls: type[T], *sections: Any, **computed: Any) -> T:
    """cls(**computed, and every other field from the first section that has it)."""
    values = dict(computed)
    for f in fields(cls):
        if f.name in values:
            continue
        for section in sections:
            if f.name in type(section).model_fields:
                values[f.name] = getattr(section, f.name)
                break
        else:
            raise TypeError(f"{cls.__qualname__}.{f.name}: in none of the sections given and not computed")
    return cls(**values)
