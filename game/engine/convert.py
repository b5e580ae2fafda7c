"""The only code that turns pydantic models into engine arrays and back.

The engine takes batches of arrays; the UI, saves and scripts speak `QuarterDecisions`.
A batch of one goes in, and any row of a batch (what a strategy chose) comes out, as
plain values.
"""

from __future__ import annotations

import numpy as np

from game.engine.decisions import Decisions
from game.models.decisions import QuarterDecisions, StaffChange

_ARRAY_TYPE = {float: np.float64, int: np.int64, bool: bool}


def decisions_to_arrays(decisions: QuarterDecisions) -> Decisions:
    """A batch of one, each field as the engine's array of its type."""
    out = {}
    for name, info in QuarterDecisions.model_fields.items():
        value = getattr(decisions, name)
        if info.annotation is StaffChange:
            out[name] = np.array([value.as_list()], dtype=np.float64, order="F")
        else:
            out[name] = np.array([value], dtype=_ARRAY_TYPE[info.annotation])
    return Decisions(**out)


def decisions_from_arrays(d: Decisions, i: int = 0) -> QuarterDecisions:
    """Row `i` of a batch of decisions, as plain values (people rounded to whole heads)."""
    out = {}
    for name, info in QuarterDecisions.model_fields.items():
        value = getattr(d, name)[i]
        if info.annotation is StaffChange:
            out[name] = StaffChange(**dict(zip(StaffChange.model_fields, (int(round(float(x))) for x in value))))
        else:
            out[name] = info.annotation(value)
    return QuarterDecisions(**out)
