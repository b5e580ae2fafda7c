"""Strategies as files (issue 15): the template plays, a file plays like a built-in of the
same logic, and every way a file can fail is one line naming file, quarter and field, exit 2."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from game.cli import main
from game.engine.decisions import hold
from game.play.lab import run_lab
from game.strategies import STRATEGIES
from game.strategies.base import within_limits
from game.strategies.files import FileStrategy, StrategyError, load_strategy


def burnrate(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(body)
    return str(path)


def test_template_round_trip_plays_like_idle(tmp_path, capsys, params):
    """`strategy new` -> lab (in worker processes: the file travels as its text) -> the same
    games as the built-in of the same logic, bit for bit, with no refused rows."""
    target = tmp_path / "mine.py"
    code, out, _ = burnrate(capsys, "strategy", "new", target)
    assert code == 0 and target.exists() and "wrote" in out
    assert "legal(d, seen, limits)" in target.read_text()
    _, strategy = load_strategy(str(target))
    mine = run_lab(params, strategy, 300, 7, chunk_games=150, record=("cash_usd",))
    idle = run_lab(params, STRATEGIES["idle"], 300, 7, chunk_games=150, record=("cash_usd",))
    for name in ("outcome", "outcome_quarter", "final_cash_usd", "score_usd"):
        assert np.array_equal(getattr(mine, name), getattr(idle, name)), name
    assert np.array_equal(mine.recorded["cash_usd"], idle.recorded["cash_usd"], equal_nan=True)
    assert mine.refused_rows == 0
    code, _, err = burnrate(capsys, "strategy", "new", target)
    assert code == 2 and "exists" in err


PRICED = """
import numpy as np
from game.strategies.protocol import legal, VENTURE

def decide(seen, limits, quarter):
    short = seen.runway_quarters < 3
    return legal({"subscription_price_usd_per_month": 25.0,
                  "term_sheet": np.where(short, VENTURE, 0),
                  "equity_raise_usd": np.where(short, limits.term_sheet_max_usd[:, VENTURE], 0.0),
                  "hires": {"research": 10}}, seen, limits)
"""


def priced_builtin(state, lim, params, quarter):
    """The same logic as PRICED, written against the engine's arrays."""
    short = state.finance.runway_quarters < 3
    hires = np.zeros((state.batch, 4), order="F")
    hires[:, 0] = 10
    d = hold(state).evolve(subscription_price_usd_per_month=np.full(state.batch, 25.0),
                           term_sheet=np.where(short, 1, 0).astype(np.int64),
                           equity_raise_usd=np.where(short, lim.term_sheet_max_usd[:, 1], 0.0), hires=hires)
    return within_limits(d, state, lim)


def test_a_file_plays_like_the_builtin_of_the_same_logic(tmp_path, params):
    _, strategy = load_strategy(write(tmp_path, "priced.py", PRICED))
    a = run_lab(params, strategy, 120, 0)
    b = run_lab(params, priced_builtin, 120, 0)
    assert np.array_equal(a.score_usd, b.score_usd) and np.array_equal(a.final_cash_usd, b.final_cash_usd)
    assert (a.outcome != 1).any()  # (it raises money: not every game goes the way idle does)
    again = pickle.loads(pickle.dumps(strategy))
    assert isinstance(again, FileStrategy) and again.label == strategy.label


BAD = {
    "syntax.py": ("def decide(seen, limits, quarter)\n    return {}\n", ["syntax.py:1:", "syntax error"]),
    "raises.py": ("def decide(seen, limits, quarter):\n    if quarter == 4:\n        raise ValueError('boom')\n    return {}\n",
                  ["raises.py", "2025Q1 (quarter 5 of 24)", "ValueError at line 3", "boom"]),
    "shape.py": ("import numpy as np\ndef decide(seen, limits, quarter):\n"
                 "    return {'gpu_rent_a100e': np.zeros(seen.games + 2)}\n",
                 ["shape.py", "2024Q1 (quarter 1 of 24)", "gpu_rent_a100e", "shape"]),
    "illegal.py": ("def decide(seen, limits, quarter):\n    return {'subscription_price_usd_per_month': -3.0 if quarter == 2 else 20.0}\n",
                   ["illegal.py", "2024Q3 (quarter 3 of 24)", "subscription_price_usd_per_month", "out of range"]),
    "nan.py": ("def decide(seen, limits, quarter):\n    return {'training_budget_usd': float('nan')}\n",
               ["nan.py", "2024Q1", "training_budget_usd", "not a finite number"]),
    "typo.py": ("def decide(seen, limits, quarter):\n    return {'subscription_price': 30}\n",
                ["typo.py", "subscription_price", "did you mean 'subscription_price_usd_per_month'"]),
    "seen.py": ("def decide(seen, limits, quarter):\n    return {'gpu_rent_a100e': seen.cash}\n",
                ["seen.py", "2024Q1", "AttributeError", "seen.cash", "did you mean"]),
    "notdict.py": ("def decide(seen, limits, quarter):\n    return 3\n", ["notdict.py", "must return a dict"]),
    "noargs.py": ("def decide(seen):\n    return {}\n", ["noargs.py", "three arguments"]),
    "import.py": ("import nonexistent_module_xyz\n", ["import.py:1", "ModuleNotFoundError"]),
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_strategy_file_is_one_line_and_exit_2(tmp_path, capsys, name):
    body, expected = BAD[name]
    path = write(tmp_path, name, body)
    code, out, err = burnrate(capsys, "simulate", "--scenario", "openai-2024", "--strategy", path)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for text in expected:
        assert text in err, (text, err)


def test_a_bad_file_in_the_lab_and_a_missing_function(tmp_path, capsys):
    path = write(tmp_path, "raises.py", BAD["raises.py"][0])
    code, _, err = burnrate(capsys, "lab", "--scenario", "openai-2024", "--strategy", path, "--games", "40")
    assert code == 2 and err.count("\n") == 1 and "2025Q1 (quarter 5 of 24)" in err
    code, _, err = burnrate(capsys, "lab", "--scenario", "openai-2024", "--strategy", f"{path}:decdie", "--games", "4")
    assert code == 2 and "no function 'decdie'" in err and "did you mean 'decide'" in err
    code, _, err = burnrate(capsys, "simulate", "--scenario", "openai-2024", "--strategy", tmp_path / "none.py")
    assert code == 2 and "no such strategy file" in err
    with pytest.raises(StrategyError):
        load_strategy(str(tmp_path / "none.py"))


def test_the_lab_counts_refused_rows_by_field(tmp_path, capsys):
    path = write(tmp_path, "greedy.py", "def decide(seen, limits, quarter):\n"
                                        "    return {'gpu_rent_a100e': limits.max_gpu_rent_a100e * 2 + 1}\n")
    code, out, _ = burnrate(capsys, "lab", "--scenario", "openai-2024", "--strategy", path, "--games", "30")
    assert code == 0 and "Refused:" in out and "gpu_rent_a100e" in out
    code, out, _ = burnrate(capsys, "lab", "--scenario", "openai-2024", "--strategy", path, "--games", "30", "--json")
    summary = __import__("json").loads(out)["summary"]
    assert summary["refused_decisions"] > 0 and summary["refused_by_field"]["gpu_rent_a100e"] > 0
    code, out, _ = burnrate(capsys, "lab", "--scenario", "openai-2024", "--strategy", path, "--games", "3", "--csv")
    header, first = out.splitlines()[:2]
    assert "refused_quarters" in header and "revenue_usd_2024" in header
    assert int(first.split(",")[header.split(",").index("refused_quarters")]) > 0


def test_help_says_a_strategy_file_runs_your_code(capsys):
    for command in ("simulate", "lab", "sweep", "balance"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "runs your own Python code" in " ".join(out.split()), command


def test_strategy_fields_lists_what_seen_and_limits_have(capsys):
    code, out, _ = burnrate(capsys, "strategy", "fields")
    assert code == 0
    for name in ("cash_usd", "runway_quarters", "last_revenue_usd", "max_gpu_rent_a100e", "term_sheet_max_usd", "hires"):
        assert name in out
