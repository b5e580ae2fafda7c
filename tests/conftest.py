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




@pytest.fixture(autouse=True)
def _own_config_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own empty config folder: a test that switches the theme must neither
    change the developer's remembered theme nor start the next test (on any worker) in it."""
    from game.play.settings import CONFIG_DIR_ENV

    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path_factory.mktemp("config")))
