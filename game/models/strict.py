"""One rule for every file Burn Rate reads: a yes/no is not a number.

Pydantic's lax mode reads `true` as 1 and `false` as 0, so `cash_usd: yes` in a scenario
would start the lab with one dollar and `"seed": true` would load as seed 1. Every model of
a scenario, a save or the decisions derives from `NoBooleanNumbers`: a boolean given where
a number (or a list of numbers) is expected is refused at that field, with the field's own
location, like any other wrong type.
"""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError


def _numbers_inside(annotation: Any) -> bool:
    """Whether a field of this type holds numbers (directly, optionally, or in a list or tuple)."""
    if annotation is bool:
        return False
    if annotation in (int, float):
        return True
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType, list, tuple):
        return any(_numbers_inside(arg) for arg in get_args(annotation) if arg is not Ellipsis)
    if origin is not None and get_args(annotation):  # Annotated[float, ...]
        return _numbers_inside(get_args(annotation)[0])
    return False


def _first_boolean(value: Any) -> bool | None:
    """The first yes/no in a value (or in its lists and tuples), else None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (list, tuple)):
        for item in value:
            found = None if isinstance(item, dict) else _first_boolean(item)
            if found is not None:
                return found
    return None


class NoBooleanNumbers(BaseModel):
    @field_validator("*", mode="before")
    @classmethod
    def _no_boolean_for_a_number(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        found = _first_boolean(value) if field is not None and _numbers_inside(field.annotation) else None
        if found is not None:
            raise PydanticCustomError("bool_not_number", "{value} is a yes/no, not a number", {"value": str(found).lower()})
        return value
