"""Same scenario + seed + decisions = the same game, bit for bit, alone or in a batch."""

from __future__ import annotations

import json

import numpy as np

from game.commands.simulate import simulate
from game.engine import initial_state, limits, step
from game.engine.kernel.tree import by_name
from game.play.lab import run_lab
from game.play.runner import run
from game.strategies import STRATEGIES

SEEDS = [0, 1, 7, 42, 1234, 99_999, 2**40 + 3, 2**63 - 1]


def assert_rows_equal(batch_state, single_state, row):
    single = by_name(single_state)
    for name, value in by_name(batch_state).items():
        a, b = value[row], single[name][0]
        assert np.array_equal(a, b), f"{name} differs for row {row}: {a} vs {b}"


def test_batch_equals_single_every_quarter(params):
    strategy = STRATEGIES["historical"]
    batch = initial_state(params, SEEDS)
    singles = [initial_state(params, [s]) for s in SEEDS]
    for quarter in range(params.quarters):
        batch, _ = step(batch, strategy(batch, limits(batch, params, quarter), params, quarter), params, quarter)
        for i, single in enumerate(singles):
            singles[i], _ = step(single, strategy(single, limits(single, params, quarter), params, quarter), params, quarter)
            assert_rows_equal(batch, singles[i], i)


def test_a_game_is_the_same_anywhere_in_a_batch(params):
    """Seed 5 alone, first in a batch, and in the middle of a shuffled batch."""
    alone = run(params, STRATEGIES["historical"], [5]).final
    first = run(params, STRATEGIES["historical"], [5, 6, 7]).final
    middle = run(params, STRATEGIES["historical"], [9, 3, 5, 8]).final
    assert_rows_equal(first, alone, 0)
    assert_rows_equal(middle, alone, 2)


def test_lockstep_copies_stay_equal(params):
    """Two copies with the same seed, stepped side by side (Gymnasium's determinism check)."""
    pair = run(params, STRATEGIES["historical"], [11, 11]).final
    alone = run(params, STRATEGIES["historical"], [11]).final
    assert_rows_equal(pair, alone, 0)
    assert_rows_equal(pair, alone, 1)


def test_simulate_json_is_byte_identical(loaded):
    one = json.dumps(simulate(loaded, "historical", 3))
    two = json.dumps(simulate(loaded, "historical", 3))
    assert one == two


def test_different_seeds_give_different_games(loaded):
    a = simulate(loaded, "historical", 1)["quarters"][-1]["cash_usd"]
    b = simulate(loaded, "historical", 2)["quarters"][-1]["cash_usd"]
    assert a != b


def test_lab_game_i_equals_simulate_seed(params, loaded):
    # Three chunks of 3,000 games, played by worker processes (threads where there is no fork).
    result = run_lab(params, STRATEGIES["historical"], 9000, seed0=100, chunk_games=3000)
    per_game = result.per_game(params)
    for i in (0, 1, 2999, 3000, 6000, 8999):
        game = simulate(loaded, "historical", 100 + i)
        assert per_game[i]["seed"] == 100 + i
        assert per_game[i]["outcome"] == game["outcome"]["kind"]
        assert per_game[i]["final_quarter"] == game["outcome"]["quarter"]
        assert per_game[i]["final_cash_usd"] == game["quarters"][-1]["cash_usd"]


def test_lab_on_threads_equals_lab_in_processes(params, monkeypatch):
    from game.play import pool

    in_processes = run_lab(params, STRATEGIES["random"], 600, seed0=5, chunk_games=200)

    def no_fork():
        raise pool.NoWorkerProcesses("no fork here")

    monkeypatch.setattr(pool, "process_context", no_fork)
    on_threads = run_lab(params, STRATEGIES["random"], 600, seed0=5, chunk_games=200)
    assert np.array_equal(in_processes.final_cash_usd, on_threads.final_cash_usd)
    assert np.array_equal(in_processes.outcome, on_threads.outcome)
    assert in_processes.game_quarters == on_threads.game_quarters


def test_lab_plays_a_strategy_that_cannot_leave_the_process(params):
    historical = STRATEGIES["historical"]
    wrapped = lambda state, lim, p, quarter: historical(state, lim, p, quarter)  # noqa: E731 (not picklable)
    result = run_lab(params, wrapped, 400, seed0=9, chunk_games=200)
    expected = run_lab(params, historical, 400, seed0=9, chunk_games=200)
    assert np.array_equal(result.final_cash_usd, expected.final_cash_usd)


def test_serial_lab_equals_batch_lab(params):
    batch = run_lab(params, STRATEGIES["idle"], 12, seed0=3)
    serial = run_lab(params, STRATEGIES["idle"], 12, seed0=3, serial=True)
    assert np.array_equal(batch.final_cash_usd, serial.final_cash_usd)
    assert np.array_equal(batch.outcome, serial.outcome)


def test_lab_playing_time_is_the_longest_workers_total():
    from game.play.lab import ChunkResult, playing_seconds

    def chunk(seconds, worker):
        empty = np.zeros(0)
        return ChunkResult(empty, empty, empty, empty, 0, 0, seconds, worker)

    # Two workers side by side: one played two chunks (0.25 + 0.5 s), the other one (0.6 s).
    results = [chunk(0.25, (1, 1)), chunk(0.6, (2, 1)), chunk(0.5, (1, 1))]
    assert playing_seconds(results) == 0.75
    assert playing_seconds([]) == 0.0


def test_lab_reports_playing_within_its_whole_time(params):
    result = run_lab(params, STRATEGIES["historical"], 400, seed0=0, chunk_games=200)
    assert 0.0 < result.seconds_playing <= result.seconds_total
    assert result.game_quarters_per_second == result.game_quarters / result.seconds_playing
