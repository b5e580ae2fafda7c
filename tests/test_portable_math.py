"""The engine's exp and log: accurate, and the same bits on every machine.

The pinned bit patterns below were computed once; any machine that gives other bits
(another CPU, numpy build or operating system) would replay saves differently, so a
difference here is a bug in portable_math, not a tolerance to widen.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from game.engine.kernel import portable_math as pm

EXP_BITS = {
    -700.5: "0x1.4ff475c68ca02p-1011", -3.7: "0x1.9511fc6871044p-6", -0.001: "0x1.ff7cfe56f1a9ep-1",
    1e-10: "0x1.000000006df38p+0", 0.5: "0x1.a61298e1e069cp+0", 1.0: "0x1.5bf0a8b145769p+1",
    2.302585092994046: "0x1.4000000000001p+3", 13.25: "0x1.1560c147dd3f6p+19",
    300.125: "0x1.fc0ed35ef0037p+432", 709.0: "0x1.d422d2be5dc9bp+1022",
}
LOG_BITS = {
    1e-300: "-0x1.5963447f87fb5p+9", 1e-3: "-0x1.ba18a998fffa0p+2", 0.25: "-0x1.62e42fefa39efp+0",
    0.999999: "-0x1.0c6f82d74d230p-20", 1.5: "0x1.9f323ecbf984cp-2", 2.0: "0x1.62e42fefa39efp-1",
    10.0: "0x1.26bb1bbb55516p+1", 1234.5678: "0x1.c7951d51791d7p+2", 3e9: "0x1.5d2669ad6cfe9p+4",
    1e300: "0x1.5963447f87fb5p+9",
}


@pytest.mark.parametrize("function,pinned", [(pm.exp, EXP_BITS), (pm.log, LOG_BITS)], ids=["exp", "log"])
def test_pinned_bits(function, pinned):
    got = function(np.array(list(pinned)))
    assert [float(v).hex() for v in got] == list(pinned.values())


def test_within_two_units_in_the_last_place_of_numpy():
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.uniform(-700, 700, 50_000), rng.uniform(-2, 2, 50_000)])
    want = np.exp(x)
    assert np.max(np.abs(pm.exp(x) - want) / np.spacing(want)) <= 2
    y = np.concatenate([np.exp(rng.uniform(-700, 700, 50_000)), rng.uniform(0.5, 2.0, 50_000)])
    want = np.log(y)
    ok = want != 0
    assert np.max(np.abs(pm.log(y)[ok] - want[ok]) / np.spacing(np.abs(want[ok]))) <= 2
    assert np.allclose(pm.power(y[-1000:], -0.8), y[-1000:] ** -0.8, rtol=1e-15, atol=0)


def test_edges_and_special_values():
    with np.errstate(over="ignore"):
        assert pm.exp(np.array([0.0, -np.inf, np.inf, 710.0, -746.0])).tolist() == [1.0, 0.0, np.inf, np.inf, 0.0]
    assert np.isnan(pm.exp(np.array([np.nan]))[0])
    got = pm.log(np.array([0.0, -1.0, np.inf, np.nan, 1.0, 5e-324]))
    assert got[0] == -np.inf and np.isnan(got[1]) and got[2] == np.inf and np.isnan(got[3]) and got[4] == 0.0
    assert got[5] == pytest.approx(np.log(5e-324), rel=1e-15)
    assert pm.compounded(-0.02, 3).tolist() == [1.0, 0.98, 0.98 * 0.98]
    assert pm.compound(0.1, 3) == 1.1 * 1.1 * 1.1 and pm.compound(0.5, 0) == 1.0


GAME = """
import hashlib, numpy as np
from game.engine import build_params
from game.play.runner import run
from game.scenarios import load_scenario
from game.strategies import STRATEGIES
params = build_params(load_scenario("openai-2024").scenario)
final = run(params, STRATEGIES["random"], np.arange(40)).final
print(hashlib.sha256(final.finance.cash_usd.tobytes() + final.finance.valuation_usd.tobytes()).hexdigest())
"""


def test_a_game_is_the_same_whichever_vector_instructions_numpy_picks():
    """numpy picks its vector code by CPU at start-up; with the widest switched off (what an
    older CPU would run) the games come out the same. (On a CPU without AVX-512 both runs
    take the same path, and the pinned bits above hold portability.)"""
    def digest(env_extra):
        env = {**os.environ, **env_extra}
        return subprocess.run([sys.executable, "-c", GAME], capture_output=True, text=True, check=True, env=env).stdout

    assert digest({}) == digest({"NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR"})
