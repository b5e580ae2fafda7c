"""The `burnrate` command line: outputs as documented, errors as one clear line, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.cli import main

ROW_KEYS = {
    "quarter", "revenue_usd", "inference_cost_usd", "training_cost_usd", "staff_cost_usd", "operating_cost_usd",
    "net_income_usd", "cash_usd", "monthly_active_users", "subscribers", "market_share", "headcount",
}


def burnrate(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_simulate_json_has_the_documented_shape(capsys):
    code, out, _ = burnrate(capsys, "simulate", "--scenario", "openai-2024", "--strategy", "historical", "--seed", "4", "--json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) >= {"scenario", "strategy", "seed", "engine_version", "quarters", "outcome"}
    assert doc["scenario"] == "openai-2024" and doc["seed"] == 4
    assert len(doc["quarters"]) == 24 and doc["quarters"][0]["quarter"] == "2024Q1"
    for row in doc["quarters"]:
        assert ROW_KEYS <= set(row)
        assert 0.0 <= row["market_share"] <= 1.0
    assert doc["outcome"]["kind"] in {"bankrupt", "acquired", "ipo", "survived"}
    assert doc["outcome"]["quarter"] == "2029Q4"


def test_simulate_same_arguments_same_bytes():
    cmd = [sys.executable, "-m", "game", "simulate", "--scenario", "openai-2024", "--strategy", "idle", "--seed", "9", "--json"]
    a = subprocess.run(cmd, capture_output=True, check=True).stdout
    b = subprocess.run(cmd, capture_output=True, check=True).stdout
    assert a == b and len(a) > 1000


def test_simulate_table_shows_the_quarters(capsys):
    code, out, _ = burnrate(capsys, "simulate", "--scenario", "openai-2024", "--strategy", "historical")
    assert code == 0
    assert "Quarter" in out and "Cash" in out and "2029Q4" in out and "Outcome: survived" in out


def test_lab_json_matches_simulate(capsys):
    code, out, _ = burnrate(capsys, "lab", "--scenario", "openai-2024", "--strategy", "historical", "--games", "6", "--seed", "20", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["games"] == 6 and doc["seed"] == 20 and doc["game_quarters_per_second"] > 0
    assert set(doc["summary"]) >= {"outcome_shares", "final_cash_usd", "score"}
    game = doc["per_game"][3]
    assert set(game) == {"seed", "outcome", "final_quarter", "final_cash_usd", "score"}
    _, sim_out, _ = burnrate(capsys, "simulate", "--scenario", "openai-2024", "--strategy", "historical", "--seed", "23", "--json")
    sim = json.loads(sim_out)
    assert game["seed"] == 23
    assert game["outcome"] == sim["outcome"]["kind"]
    assert game["final_quarter"] == sim["outcome"]["quarter"]
    assert game["final_cash_usd"] == sim["quarters"][-1]["cash_usd"]


def test_lab_human_output(capsys):
    code, out, _ = burnrate(capsys, "lab", "--scenario", "openai-2024", "--strategy", "idle", "--games", "50")
    assert code == 0
    assert "Outcomes:" in out and "Final cash:" in out and "game-quarters/s" in out


BAD = [
    (["simulate", "--scenario", "nope", "--strategy", "historical"], "no such scenario file"),
    (["simulate", "--scenario", "openai-2024", "--strategy", "magic"], "unknown strategy 'magic' (allowed: historical"),
    (["simulate", "--scenario", "openai-2024", "--strategy", "idle", "--seed", "-1"], "seed -1 is out of range (allowed 0 to"),
    (["simulate", "--scenario", "openai-2024", "--strategy", "idle", "--seed", "x"], "invalid seed 'x'"),
    (["lab", "--scenario", "openai-2024", "--strategy", "idle", "--games", "0"], "number of games 0 is out of range (allowed 1 to 1,000,000)"),
    (["lab", "--scenario", "openai-2024", "--strategy", "idle", "--bogus"], "unrecognized arguments: --bogus"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["play", "--class", "x", "--seed", "1"], "--class plays the class's own game; it takes no --seed"),
    (["play", "--student", "ann"], "--student NAME needs --class DIR"),
    (["play", "--class", "no-such-class"], "no-such-class: no such class folder"),
]


def exit_and_stderr(capsys, args) -> tuple[int, str]:
    """`burnrate ARGS` in this process (argparse's mistakes exit through SystemExit): an
    exception that escaped `main` would fail the test with its traceback."""
    try:
        code = main(list(args))
    except SystemExit as e:
        code = e.code
    return code, capsys.readouterr().err


@pytest.mark.parametrize("args,message", BAD, ids=[" ".join(a[:2]) + " " + m[:20] for a, m in BAD])
def test_errors_are_one_line_and_exit_2(args, message, capsys):
    code, err = exit_and_stderr(capsys, args)
    assert code == 2, err
    assert message in err
    assert len(err.strip().splitlines()) == 1, err


def test_the_installed_entry_point_prints_the_same_one_line():
    """The real process, once: what a user sees from a mistake, with no traceback."""
    args, message = BAD[1]
    proc = subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


@pytest.mark.parametrize("command", [[], ["play"], ["simulate"], ["lab"], ["scenario"], ["scenario", "validate"],
                                     ["scenario", "schema"], ["scenario", "list"], ["class"],
                                     *(["class", action] for action in ("new", "open", "status", "leaderboard", "export",
                                                                        "watch", "debrief", "schema"))])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: burnrate" in capsys.readouterr().out


def test_lab_and_balance_play_only_seeds_simulate_accepts(capsys):
    """Game i of a batch is `simulate --seed S0+i`: S0 + N - 1 may not pass the largest seed."""
    from game import MAX_SEED

    for command in ("lab", "balance"):
        args = [command, "--games", "5", "--seed", str(MAX_SEED - 2)]
        if command == "lab":
            args += ["--scenario", "sandbox", "--strategy", "idle"]
        code, out, err = burnrate(capsys, *args)
        assert code == 2 and out == "" and f"start at {MAX_SEED - 4:,} at most" in err, err
