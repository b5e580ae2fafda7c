"""Running `burnrate serve` in tests: a free port, its process group, the games in it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def games_in_group(pgid: int) -> list[str]:
    """The command lines of the `play` processes in the server's process group (Linux /proc)."""
    games = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # pgrp is the 5th field, after "pid (comm) state ppid"; comm may hold spaces
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) != pgid:
                continue
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError, IndexError):  # the process ended while being read
            continue
        if " -m game play" in command:
            games.append(command)
    return games


@contextmanager
def serving(tmp_path: Path, *args: str):
    """`burnrate serve ARGS` in its own process group, working in tmp_path/work; yields
    (url, the group's id) once it answers. On the way out it is stopped the way a service manager
    stops it (SIGTERM to the server alone) and must leave no game running behind it."""
    work = tmp_path / "work"
    work.mkdir()
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port), *args],
                                  cwd=work, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 30  # generous: the suite's other workers share the cores
        while True:
            assert server.poll() is None, f"serve exited {server.returncode}: {log.read_text()}"
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, f"serve did not answer in 30 s: {log.read_text()}"
                time.sleep(0.05)
        yield url, server.pid
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=10) == 0, log.read_text()
        deadline = time.monotonic() + 5
        while group_alive(server.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not group_alive(server.pid), f"outlived the server: {games_in_group(server.pid)}"
        assert "Traceback" not in log.read_text(), log.read_text()
    finally:
        if group_alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
