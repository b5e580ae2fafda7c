"""Built-in strategies: array-first functions of the observed state returning decisions."""

from __future__ import annotations

from game.strategies.base import Strategy
from game.strategies.historical import historical
from game.strategies.idle import idle

STRATEGIES: dict[str, Strategy] = {
    "historical": historical,
    "idle": idle,
}

DESCRIPTIONS = {
    "historical": "what the leading lab did: 6.6 B round, 4 B credit line, 20 $ toward 44 $, staff toward 1,700+",
    "idle": "decides nothing: the quarter-before rent, training budget, prices and pay carry on; never raises or hires",
}
