"""Chunks of games on a Dask distributed cluster, when one machine is not enough.

`map_on_cluster(address, task, shared, items)` is `pool.map_in_workers` with the chunks sent
to the scheduler at `address` (or to a `dask.distributed.Client` already made, as in a
notebook). Every game's numbers depend only on its seed and the scenario, and the engine's
exp and log give the same bits on every machine, so the results are bit for bit those of a
local run; only where the time goes changes. Dask is an optional extra
(`pip install 'burnrate[cluster]'`), imported only here and only when a cluster is named.

The workers need Burn Rate installed (the same version: `burnrate --version` of the engine
is in every result); a strategy file travels as its text.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from game.errors import UsageError

INSTALL_HINT = "pip install 'burnrate[cluster]' (Dask distributed)"


def _client(cluster) -> tuple[Any, bool]:
    """(client, whether this call made it and must close it)."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise UsageError(f"--cluster needs Dask, which is not installed here: {INSTALL_HINT}") from None
    if isinstance(cluster, Client):
        return cluster, False
    address = getattr(cluster, "scheduler_address", cluster)  # a LocalCluster, or its address
    try:
        return Client(address, timeout="10s", set_as_default=False), True
    except (OSError, TimeoutError, ValueError) as e:
        raise UsageError(f"--cluster {address}: cannot reach a Dask scheduler there ({type(e).__name__}: {e})") from None


def map_on_cluster(cluster, task: Callable[..., Any], shared: tuple, items: Sequence[Any],
                   done: Callable[[int, Any], None] | None = None) -> list[Any]:
    """[task(*shared, item) for item in items] on the cluster's workers; `done(i, result)` as each finishes."""
    client, owned = _client(cluster)
    from dask.distributed import as_completed

    try:
        # The scenario and the strategy go to the workers once, not with every chunk.
        shared_futures = client.scatter(list(shared), broadcast=True) if shared else []
        futures = [client.submit(task, *shared_futures, item, pure=False) for item in items]
        index = {f.key: i for i, f in enumerate(futures)}
        results: list[Any] = [None] * len(items)
        try:
            for future in as_completed(futures, loop=client.loop):
                i = index[future.key]
                results[i] = future.result()  # a chunk's error (a strategy file's, say) is raised here
                if done:
                    done(i, results[i])
        except BaseException:
            client.cancel(futures)
            raise
        return results
    finally:
        if owned:
            client.close()
