"""Worker processes for the lab: one per core, started by fork where it is safe, with
threads as the fallback, and results handed back in order.

Processes, not threads: a quarter is about a thousand numpy calls, and the Python between
them holds the GIL, so threads overlap little (the README's Speed section has the
figures). A worker keeps freed memory from one quarter to the next instead of handing it
back to the system. Elsewhere (macOS, Windows), or for a task that cannot be sent to
another process (an analyst's lambda), the same tasks run on threads: every game's
numbers are the same either way.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import sys
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from typing import Any, Callable, Sequence

# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


class NoWorkerProcesses(Exception):
    """The tasks cannot go to worker processes here; they run on threads."""


def keep_freed_memory() -> None:
    """A worker's first act: keep freed memory for the next quarter instead of handing it back.

    A quarter allocates a few thousand arrays of 80-480 kB and frees them by its end. By
    default glibc then trims the heap back to the system and serves the next quarter's
    arrays from fresh pages, each of which faults in and is zeroed. Holding up to 256 MB
    (a 10,000-game chunk needs ~50) and serving arrays below 32 MB (glibc's largest
    allowed threshold) from the heap avoids that. Elsewhere (no glibc) nothing changes.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_TRIM_THRESHOLD, 256 << 20)
        libc.mallopt(_M_MMAP_THRESHOLD, 32 << 20)
    except (OSError, AttributeError):
        pass


def _ready() -> int:
    return os.getpid()


def process_context():
    """Fork, where it is safe (Linux): a worker starts in milliseconds with the engine and
    the caller's modules already in memory, and an analyst's script or notebook is never
    re-imported (spawn and forkserver re-run a script that lacks an `if __name__ ==
    "__main__"` guard)."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        raise NoWorkerProcesses("no fork here")
    return multiprocessing.get_context("fork")


def _executor(workers: int, shared: tuple) -> Executor:
    try:
        try:
            pickle.dumps(shared)
        except Exception as e:  # lambdas and closures raise AttributeError or PicklingError
            raise NoWorkerProcesses(f"cannot send the task to a worker process: {e}") from e
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=process_context(), initializer=keep_freed_memory)
        for f in [pool.submit(_ready) for _ in range(workers)]:  # start every worker before the tasks
            f.result()
        return pool
    except (OSError, NoWorkerProcesses):
        # No fork here, no semaphores (some sandboxes), or a task that cannot be pickled:
        # threads still overlap the numpy loops, which release the GIL.
        return ThreadPoolExecutor(max_workers=workers)


def map_in_workers(task: Callable[..., Any], shared: tuple, items: Sequence[Any],
                   done: Callable[[int, Any], None] | None = None) -> list[Any]:
    """[task(*shared, item) for item in items], on one worker per core when there is more
    than one item; `done(i, result)` is called as each finishes (in any order)."""
    workers = min(len(items), os.cpu_count() or 1)
    results: list[Any] = [None] * len(items)

    def finished(i: int, result: Any) -> None:
        results[i] = result
        if done:
            done(i, result)

    if workers <= 1:
        for i, item in enumerate(items):
            finished(i, task(*shared, item))
        return results
    pool = _executor(workers, (task, *shared))
    try:
        futures = {pool.submit(task, *shared, item): i for i, item in enumerate(items)}
        for future in as_completed(futures):
            finished(futures[future], future.result())
    except BaseException:
        # Ctrl-C (or a failed chunk): drop what has not started and stop the workers now,
        # rather than waiting for every queued chunk; no worker process is left behind.
        processes = list((getattr(pool, "_processes", None) or {}).values())  # (threads have none; shutdown forgets them)
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=0.5)
            if process.is_alive():  # (SIGTERM can land while a worker is still starting up)
                process.kill()
                process.join(timeout=1.0)
        raise
    pool.shutdown(wait=True)
    return results
