"""Sensitivity sweeps and the notebook API (issue 15): common random numbers, schema-checked
paths with a did-you-mean, validated cells, tidy tables, plots only when asked for."""

from __future__ import annotations

import json

import numpy as np
import pytest

import game.lab
import game.sweep
from game.cli import main
from game.errors import UsageError
from game.play.lab import run_lab
from game.strategies import STRATEGIES


def burnrate(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def swept():
    # idle never hires, so the recruiting cost cannot matter; the starting cash does.
    return game.sweep.run("openai-2024", "idle", vary={"company.cash_usd": [6e9, 9e9],
                                                       "talent.hiring_cost_usd_per_hire": [2e4, 8e4]}, games=40, seed=3)


def test_two_parameter_sweep_with_common_random_numbers(swept):
    cells = game.sweep.cells(swept)
    assert [(c["company.cash_usd"], c["talent.hiring_cost_usd_per_hire"]) for c in cells] == [
        (6e9, 20000), (6e9, 80000), (9e9, 20000), (9e9, 80000)]
    by_cell = {}
    for row in swept:
        by_cell.setdefault((row["company.cash_usd"], row["talent.hiring_cost_usd_per_hire"]), []).append(row)
    for cell in by_cell.values():  # game i of every cell is seed S0+i
        assert [r["seed"] for r in cell] == list(range(3, 43))
    strip = lambda rows: [{k: v for k, v in r.items() if k != "talent.hiring_cost_usd_per_hire"} for r in rows]  # noqa: E731
    for cash in (6e9, 9e9):  # where the parameter does not matter, the cells are equal game for game
        assert strip(by_cell[(cash, 20000)]) == strip(by_cell[(cash, 80000)])
    assert [r["score"] for r in by_cell[(6e9, 20000)]] != [r["score"] for r in by_cell[(9e9, 20000)]]
    assert cells[0]["bankrupt"] == 1.0 and cells[0]["runway_p50_quarter"] is not None
    assert cells[2]["bankrupt"] < 1.0


def test_a_sweep_cell_is_the_lab_game_of_that_scenario(swept, params):
    """The cell with the scenario's own value plays exactly the lab's games (6e9 is not its
    value, so compare the 9e9 cell against a lab of the scenario with 9e9 written in)."""
    from game.engine import build_params
    from game.play.sweep import cell_scenario
    from game.scenarios import load_scenario

    loaded = cell_scenario(load_scenario("openai-2024"), {"company.cash_usd": 9e9})
    lab = run_lab(build_params(loaded.scenario), STRATEGIES["idle"], 40, 3)
    rows = swept.where(**{"company.cash_usd": 9e9, "talent.hiring_cost_usd_per_hire": 20000})
    assert np.array_equal(rows["score"], lab.score_usd) and np.array_equal(rows["final_cash_usd"], lab.final_cash_usd)


def test_lab_api_returns_a_tidy_table(tmp_path, params):
    table = game.lab.run("openai-2024", "historical", games=5, seed=20)
    lab = run_lab(params, STRATEGIES["historical"], 5, 20)
    assert np.array_equal(table["score"], lab.score_usd)
    assert table.columns[:8] == ["scenario", "strategy", "seed", "outcome", "final_quarter", "final_cash_usd", "score",
                                 "refused_quarters"]
    assert {"revenue_usd_2024", "net_income_usd_2029", "cash_usd_2027"} <= set(table.columns)
    assert table.meta["summary"]["outcome_shares"]["survived"] == 1.0
    text = table.to_csv(tmp_path / "games.csv")
    assert (tmp_path / "games.csv").read_text() == text
    import csv

    back = list(csv.DictReader(text.splitlines()))
    assert [float(r["score"]) for r in back] == table["score"].tolist()  # every bit survives the CSV
    assert json.loads(table.to_json())["rows"][0]["seed"] == 20


@pytest.mark.parametrize("vary, expected", [
    ("compnay.cash_usd=1e9", "did you mean 'company'?"),
    ("company.cash_usdd=1e9", "did you mean 'cash_usd'?"),
    ("rivals.openwieghts.api_price_usd_per_mtok=1", "did you mean 'openweights'?"),
    ("company=1", "is a section, not a value"),
    ("company.cash_usd=-1e9", "company.cash_usd: -1000000000.0 is out of range (allowed 0"),
    ("company.cash_usd=1:2", "a range is lo:hi:n"),
    ("company.cash_usd", "write PATH=V1,V2"),
])
def test_bad_vary_is_one_line_and_exit_2(capsys, vary, expected):
    code, out, err = burnrate(capsys, "sweep", "--scenario", "openai-2024", "--strategy", "idle", "--vary", vary,
                              "--games", "2")
    assert code == 2 and out == "" and err.count("\n") == 1 and expected in err, err


def test_range_values_and_cli_output(capsys):
    from game.play.sweep import parse_vary

    assert parse_vary("market.demand_noise_sd=0:0.1:3").values == (0.0, 0.05, 0.1)
    with pytest.raises(UsageError):
        parse_vary("x=1:2:0")
    code, out, _ = burnrate(capsys, "sweep", "--scenario", "sandbox", "--strategy", "frugal",
                            "--vary", "company.cash_usd=2e8,4e8", "--games", "6")
    assert code == 0 and "2 cells x 6 games" in out and "runway p50" in out and "[" in out
    code, out, _ = burnrate(capsys, "sweep", "--scenario", "sandbox", "--strategy", "frugal",
                            "--vary", "company.cash_usd=2e8,4e8", "--games", "6", "--csv")
    lines = out.splitlines()
    assert len(lines) == 3 and lines[0].startswith("company.cash_usd,strategy,games,bankrupt")


def test_plots_are_written_when_asked(tmp_path, capsys):
    pytest.importorskip("matplotlib", reason="the [plot] extra (matplotlib) is not installed")
    code, _, err = burnrate(capsys, "lab", "--scenario", "sandbox", "--strategy", "frugal", "--games", "30",
                            "--plot", tmp_path / "lab.svg")
    assert code == 0 and (tmp_path / "lab.svg").read_text().lstrip().startswith("<?xml") and "plotted to" in err
    code, _, _ = burnrate(capsys, "sweep", "--scenario", "sandbox", "--strategy", "frugal", "--vary",
                          "company.cash_usd=2e8,4e8", "--games", "8", "--plot", tmp_path / "sweep.png")
    assert code == 0 and (tmp_path / "sweep.png").read_bytes()[:4] == b"\x89PNG"
    code, _, err = burnrate(capsys, "lab", "--scenario", "sandbox", "--strategy", "frugal", "--plot", tmp_path / "x.gif")
    assert code == 2 and "must end in .svg" in err


def test_no_progress_bar_when_piped(capsys):
    """Under the tests stderr is not a terminal: nothing but the results is written."""
    code, out, err = burnrate(capsys, "lab", "--scenario", "sandbox", "--strategy", "idle", "--games", "20")
    assert code == 0 and err == ""
    from game.commands.progress import Progress

    import io

    stream = io.StringIO()
    with Progress("lab", stream=stream) as bar:
        bar(5, 10)
    assert not bar.enabled and stream.getvalue() == ""
