"""exp, log and powers that give the same bits on every machine.

numpy's own exp and log are fast but not portable: on a CPU with AVX-512 numpy uses its
own vector code, elsewhere the C library's, and the two differ in the last bit for some
inputs (seen here: a save played on an AVX2 machine failed `replay --verify` on an
AVX-512 one at its sixth quarter). A game must replay to the same bits wherever it is
checked, so the engine takes its transcendental functions from here: built only from
operations IEEE 754 rounds exactly (+, -, *, /, rint, frexp, ldexp, table look-ups),
they give one answer on every machine numpy runs on. They are accurate to about one unit
in the last place and cost about ten numpy operations each.

Integer powers of a growth rate (prices falling 2% a quarter) are `compounded`: repeated
multiplication, the way the scenario describes them, with no call into a math library.
"""

from __future__ import annotations

import struct
from decimal import Decimal, localcontext

import numpy as np

_TABLE_BITS = 5
_TABLE_SIZE = 1 << _TABLE_BITS  # exp(x) = 2^k * 2^(j/32) * exp(r)


def _truncated(x: float, low_bits: int) -> float:
    """`x` with its lowest mantissa bits cleared, so small integers times it are exact."""
    bits = struct.unpack("<Q", struct.pack("<d", x))[0] & ~((1 << low_bits) - 1)
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


with localcontext() as ctx:  # the constants, correctly rounded by decimal's software arithmetic
    ctx.prec = 40
    _ln2 = Decimal(2).ln()
    _POWERS_OF_TWO = np.array([float(Decimal(2) ** (Decimal(j) / _TABLE_SIZE)) for j in range(_TABLE_SIZE)])
    _N_OVER_LN2 = float(_TABLE_SIZE / _ln2)
    _STEP_HI = _truncated(float(_ln2 / _TABLE_SIZE), 20)  # n * _STEP_HI is exact for |n| < 2^20
    _STEP_LO = float(_ln2 / _TABLE_SIZE - Decimal(_STEP_HI))
    _LN2_HI = _truncated(float(_ln2), 20)
    _LN2_LO = float(_ln2 - Decimal(_LN2_HI))
    _INV_LN10 = float(1 / Decimal(10).ln())
    _SQRT_HALF = float(Decimal("0.5").sqrt())
    _LOG_SERIES = [float(Decimal(2) / (2 * k + 1)) for k in range(1, 10)]  # 2/3, 2/5, ..., 2/19
_EXP_TAYLOR = (1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720)
_EXP_CLAMP = 1100.0  # beyond it exp is 0 or inf anyway; keeps the scale factor an int


def exp(x) -> np.ndarray:
    """e**x, elementwise (0 below about -745, inf above about 709.78, NaN stays NaN)."""
    x = np.clip(np.asarray(x, dtype=np.float64), -_EXP_CLAMP, _EXP_CLAMP)
    n = x * _N_OVER_LN2
    np.rint(n, out=n)
    r = n * _STEP_HI
    np.subtract(x, r, out=r)
    r -= n * _STEP_LO  # |r| <= ln 2 / 64: the Taylor series to r^6 is exact to 1e-18
    p = _EXP_TAYLOR[4] * r
    for c in _EXP_TAYLOR[3::-1]:
        p += c
        p *= r
    p *= r
    p += r  # p = exp(r) - 1
    with np.errstate(invalid="ignore"):  # NaN has no integer part; its result stays NaN
        k = n.astype(np.int64)
    scale = _POWERS_OF_TWO.take(k & (_TABLE_SIZE - 1))
    p *= scale
    p += scale
    # Times 2^e in two exact steps (each factor a normal power of two), which is np.ldexp
    # for every result that is not subnormal, at a fifth of its cost (ldexp runs per element).
    k >>= _TABLE_BITS
    half = k >> 1
    k -= half
    p *= _power_of_two(half)
    p *= _power_of_two(k)
    return p


def _power_of_two(e: np.ndarray) -> np.ndarray:
    """2.0 ** e for integers -1022 <= e <= 1023, built from its bits (reuses `e`)."""
    e += 1023
    e <<= 52
    return e.view(np.float64)


def log(x) -> np.ndarray:
    """Natural logarithm, elementwise (-inf at 0, NaN below 0, inf at inf)."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):  # inf and NaN pass through as NaN, then are set below
        mantissa, exponent = np.frexp(x)  # x = mantissa * 2^exponent, mantissa in [0.5, 1)
        low = mantissa < _SQRT_HALF  # move the mantissa to [sqrt(1/2), sqrt(2)), around 1
        mantissa = mantissa + mantissa * low
        power = exponent - low
        s = (mantissa - 1.0) / (mantissa + 1.0)  # log(m) = 2 atanh(s), |s| <= 0.172
        z = s * s
        series = _LOG_SERIES[8] * z
        for c in _LOG_SERIES[7::-1]:
            series += c
            series *= z
        series *= s
        series += 2.0 * s
        k = power.astype(np.float64)
        out = k * _LN2_HI
        out += series + k * _LN2_LO
        special = ~((x > 0.0) & (x < np.inf))
        if special.any():
            out[special] = np.log(x[special])  # 0, negatives, inf and NaN: exact on every machine
    return out


def log10(x) -> np.ndarray:
    return log(x) * _INV_LN10


def power(base, exponent) -> np.ndarray:
    """base ** exponent for positive bases: exp(exponent * log(base))."""
    return exp(np.multiply(exponent, log(base)))


def compounded(rate: float, quarters: int) -> np.ndarray:
    """(1 + rate) ** q for q = 0 .. quarters - 1, by repeated multiplication."""
    out = np.empty(quarters)
    factor = 1.0
    for q in range(quarters):
        out[q] = factor
        factor *= 1.0 + rate
    return out


def compound(rate: float, quarters: int) -> float:
    """(1 + rate) ** quarters, by repeated multiplication."""
    factor = 1.0
    for _ in range(quarters):
        factor *= 1.0 + rate
    return factor
