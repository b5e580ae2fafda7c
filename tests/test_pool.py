"""The lab's worker pool: Ctrl-C stops it at once and leaves no worker behind."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from game.play.pool import map_in_workers


def _slow(x: int) -> int:
    time.sleep(0.5)
    return x


def test_an_interrupt_drops_the_queued_chunks_and_the_workers():
    """40 half-second chunks on the workers would take 10 s or more to drain; an interrupt at
    the first result stops at once (the bound is generous: this is not a speed test)."""
    seen = []

    def done(i: int, result: int) -> None:
        seen.append(i)
        raise KeyboardInterrupt

    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        map_in_workers(_slow, (), list(range(40)), done)
    assert time.perf_counter() - start < 5.0 and len(seen) == 1
    # (the pool's own manager thread may be the one to reap a killed worker: give it a moment)
    deadline = time.perf_counter() + 3.0
    while multiprocessing.active_children() and time.perf_counter() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []
