"""Quarter labels such as "2024Q1" and the arithmetic on them."""

from __future__ import annotations

import re
from functools import lru_cache

QUARTER_PATTERN = r"^(19|20|21)\d{2}Q[1-4]$"
NO_BURN_RUNWAY_QUARTERS = 99.0  # the runway given when the lab is not burning cash
_QUARTER_RE = re.compile(QUARTER_PATTERN)


@lru_cache(maxsize=1024)  # strategies read their plan paths' labels every quarter
def parse_quarter(label: str) -> tuple[int, int]:
    """"2024Q3" -> (2024, 3)."""
    if not _QUARTER_RE.match(label):
        raise ValueError(f"{label!r} is not a quarter like 2024Q1")
    return int(label[:4]), int(label[5])


def quarter_label(start: str, offset: int) -> str:
    """The label `offset` quarters after `start` ("2024Q1", 5 -> "2025Q2")."""
    year, q = parse_quarter(start)
    n = year * 4 + (q - 1) + offset
    return f"{n // 4}Q{n % 4 + 1}"


def quarter_offset(start: str, label: str) -> int:
    """How many quarters `label` is after `start` (negative if before)."""
    y0, q0 = parse_quarter(start)
    y1, q1 = parse_quarter(label)
    return (y1 * 4 + q1) - (y0 * 4 + q0)


def pretty_quarter(label: str) -> str:
    """"2024Q1" -> "2024 Q1", the way the screen shows it."""
    return f"{label[:4]} {label[4:]}"
