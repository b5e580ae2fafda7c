"""The lab and sweeps on a Dask cluster give a local run's results bit for bit (issue 15)."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from game.errors import UsageError
from game.play.lab import RECORDED, run_lab
from game.strategies import STRATEGIES


def test_without_dask_one_line_says_what_to_install(monkeypatch, params):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # (import fails, as when not installed)
    with pytest.raises(UsageError, match=r"pip install 'burnrate\[cluster\]'"):
        run_lab(params, STRATEGIES["idle"], 4, 0, cluster="tcp://127.0.0.1:8786")


def test_two_worker_cluster_equals_local(params, tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="the [cluster] extra (dask distributed) is not installed")
    import game.sweep
    from game.strategies.files import load_strategy
    from game.strategies.template import template

    path = tmp_path / "mine.py"
    path.write_text(template("mine", str(path)).replace("# d[\"subscription_price_usd_per_month\"] = 25.0",
                                                        "d[\"subscription_price_usd_per_month\"] = 25.0"))
    _, mine = load_strategy(str(path))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        remote = run_lab(params, STRATEGIES["random"], 400, 5, chunk_games=100, record=RECORDED, cluster=cluster)
        remote_file = run_lab(params, mine, 200, 0, chunk_games=100, cluster=cluster.scheduler_address)
        remote_sweep = game.sweep.run("sandbox", "frugal", vary={"company.cash_usd": [2e8, 4e8]}, games=10, cluster=cluster)
    local = run_lab(params, STRATEGIES["random"], 400, 5, chunk_games=100, record=RECORDED)
    for name in ("outcome", "outcome_quarter", "final_cash_usd", "score_usd", "refused_per_game"):
        assert np.array_equal(getattr(remote, name), getattr(local, name)), name
    for name in RECORDED:
        assert np.array_equal(remote.recorded[name], local.recorded[name], equal_nan=True), name
    assert np.array_equal(remote_file.score_usd, run_lab(params, mine, 200, 0, chunk_games=100).score_usd)
    assert remote_sweep.rows == game.sweep.run("sandbox", "frugal", vary={"company.cash_usd": [2e8, 4e8]}, games=10).rows
