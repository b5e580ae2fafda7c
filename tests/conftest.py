from __future__ import annotations

import numpy as np
import pytest

from game.engine import build_params
from game.play.runner import run
from game.scenarios import load_scenario
from game.strategies import STRATEGIES


@pytest.fixture(scope="session")
def loaded():
    return load_scenario("openai-2024")


@pytest.fixture(scope="session")
def params(loaded):
    return build_params(loaded.scenario)


