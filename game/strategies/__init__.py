"""Built-in strategies: array-first functions of the observed state returning decisions."""

from __future__ import annotations

from game.strategies.base import Strategy
from game.strategies.historical import historical
from game.strategies.idle import idle
from game.strategies.postures import blitzscale, frugal, safety_first
from game.strategies.random_play import random_play

STRATEGIES: dict[str, Strategy] = {
    "historical": historical,
    "idle": idle,
    "frugal": frugal,
    "blitzscale": blitzscale,
    "safety-first": safety_first,
    "random": random_play,
}

DESCRIPTIONS = {
    "historical": "what the leading lab did: 6.6 B round, 4 B credit line, 20 $ toward 44 $, staff toward 1,700+",
    "idle": "decides nothing: the quarter-before rent, training budget, prices and pay carry on; never raises or hires",
    "frugal": "spends from revenue, stingy free tier, 25 $ plan, venture money only, lists when allowed",
    "blitzscale": "buys the market: generous free tier, low prices, trains far ahead of revenue, biggest cheques",
    "safety-first": "tests launches for a quarter, staffs safety, keeps people, no sovereign money",
    "random": "a different legal move every quarter, drawn from the game's seed (a baseline)",
}
