"""Counterfactual replay (issue 15): a save's decisions up to a quarter, then a strategy."""

from __future__ import annotations

import numpy as np
import pytest

from game.cli import main
from game.play.counterfactual import counterfactual, view_score
from game.play.saves import load_save
from game.strategies import STRATEGIES


@pytest.fixture(scope="module")
def save_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cf") / "historical-seed3.json"
    assert main(["simulate", "--scenario", "openai-2024", "--strategy", "historical", "--seed", "3",
                 "--save", str(path)]) == 0
    return path


def test_the_first_quarters_are_the_saves_bit_for_bit(save_path):
    save = load_save(save_path)
    cf = counterfactual(save, STRATEGIES["frugal"], "2025Q3", games=20)
    assert cf.from_index == 6
    for q in range(6):
        saved = save.turns[q].snapshot.model_dump(exclude_unset=True)
        again = cf.own_seed[q].model_dump()
        assert all(again[k] == v for k, v in saved.items()), q
        assert (cf.paths["cash_usd"][:, q] == save.turns[q].snapshot.cash_usd).all()  # every seed shares the past
    assert cf.own_seed[6].model_dump() != cf.original[6].model_dump()  # from 2025Q3 frugal decides
    assert len(set(cf.final_score_usd.tolist())) > 1  # the luck still to come differs by seed
    assert cf.seeds[0] == save.seed and 0.0 <= cf.original_percentile() <= 1.0


def test_the_same_strategy_from_any_quarter_is_the_save_again(save_path):
    """The save was played by historical: handing historical the rest gives the save back."""
    save = load_save(save_path)
    cf = counterfactual(save, STRATEGIES["historical"], "2025Q3", games=2)
    assert [v.model_dump() for v in cf.own_seed] == [v.model_dump() for v in cf.original]
    assert cf.final_score_usd[0] == view_score(cf.original[-1])


def test_replay_from_on_the_command_line(save_path, capsys, tmp_path):
    strategy = tmp_path / "mine.py"
    assert main(["strategy", "new", str(strategy)]) == 0
    capsys.readouterr()
    code = main(["replay", str(save_path), "--from", "2025Q3", "--strategy", str(strategy), "--games", "10"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "> 2025Q3" in out and "what-if" in out and "p10..p90" in out and "is above" in out
    code = main(["replay", str(save_path), "--from", "2031Q1", "--strategy", "idle"])
    err = capsys.readouterr().err
    assert code == 2 and "--from 2031Q1" in err and err.count("\n") == 1
    code = main(["replay", str(save_path), "--from", "2025Q3"])
    assert code == 2 and "go together" in capsys.readouterr().err
