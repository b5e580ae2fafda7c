"""`burnrate serve` with many tabs open at once (prints figures; not a pass/fail test).

    .venv/bin/python benchmarks/bench_serve.py [--sessions 30]

Starts `burnrate serve --scenario sandbox --seed 0` on a free loopback port and opens every
session at once the way textual.js does (a websocket to /ws?width=..&height=.., keys sent as
["stdin", ...]), as a class logging in together would. Each session waits for its first
frame, plays 2025 Q1 (ctrl+n), leaves the report (Enter) and stays open. Figures:

- start-up per session: websocket opened to the dashboard's first frame (a game process
  started, Textual and the scenario loaded, the first screen drawn), median and slowest;
- memory per session: resident memory of each game process, and of the server;
- saves: every session plays the same scenario, seed and decisions, so all write the one
  file saves/sandbox-seed0.json (as tabs of one scenario and seed do): it must load and
  hold the quarter, whole after 30 writers.

Only loopback traffic; every wait is bounded, and the server and its games are stopped at
the end (SIGTERM, then the process group is killed if anything is left).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

CTRL_N = "\x0e"
TIMEOUT_S = 240.0  # the whole run: 30 game processes start on 2 cores


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def games(pgid: int) -> list[int]:
    """The pids of the game processes in the server's process group."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) == pgid and \
                    b"-m\0game\0play" in (stat.parent / "cmdline").read_bytes():
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return out


class Session:
    def __init__(self, number: int):
        self.number = number
        self.screen = ""  # everything the game wrote, escapes included: words appear whole
        self.first_frame_s: float | None = None
        self.played_s: float | None = None

    async def wait_for(self, ws, text: str) -> None:
        while text not in self.screen:
            message = await ws.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += message.data.decode("utf-8", "replace")
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                raise RuntimeError(f"session {self.number}: closed before {text!r}")

    async def run(self, client: aiohttp.ClientSession, url: str, all_played: asyncio.Event) -> None:
        started = time.monotonic()
        async with client.ws_connect(f"{url}ws?width=160&height=48") as ws:
            await self.wait_for(ws, "End quarter")
            self.first_frame_s = time.monotonic() - started
            self.screen = ""
            await ws.send_str(json.dumps(["stdin", CTRL_N]))
            await self.wait_for(ws, "Quarter report")
            await ws.send_str(json.dumps(["stdin", "\r"]))
            await self.wait_for(ws, "2025 Q2")
            self.played_s = time.monotonic() - started
            await all_played.wait()  # stay open: memory is measured with every game running


async def drive(url: str, sessions: list[Session], measure) -> None:
    all_played = asyncio.Event()
    async with aiohttp.ClientSession() as client:
        tasks = [asyncio.create_task(s.run(client, url, all_played)) for s in sessions]
        while not all(s.played_s for s in sessions):
            failed = [t for t in tasks if t.done() and t.exception()]
            if failed:
                raise failed[0].exception()
            await asyncio.sleep(0.1)
        measure()
        all_played.set()
        await asyncio.gather(*tasks)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=30)
    args = ap.parse_args()
    sessions = [Session(n) for n in range(args.sessions)]
    with tempfile.TemporaryDirectory() as tmp:
        saves, port = Path(tmp) / "saves", free_port()
        started = time.monotonic()
        server = subprocess.Popen([sys.executable, "-m", "game", "serve", "--scenario", "sandbox", "--seed", "0",
                                   "--port", str(port), "--saves-dir", str(saves)],
                                  cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        memory: dict = {}

        def measure() -> None:
            pids = games(server.pid)
            memory.update(games=[rss_mib(p) for p in pids], server=rss_mib(server.pid))

        try:
            url = f"http://127.0.0.1:{port}/"
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if time.monotonic() - started > 30:
                        raise SystemExit("serve did not start in 30 s")
                    time.sleep(0.05)
            print(f"serve listening after {time.monotonic() - started:.2f} s")
            t0 = time.monotonic()
            asyncio.run(asyncio.wait_for(drive(url, sessions, measure), TIMEOUT_S))
            print(f"{len(sessions)} sessions opened at once, each played a quarter: {time.monotonic() - t0:.1f} s in all")
            first = [s.first_frame_s for s in sessions]
            print(f"start-up per session (websocket to first frame): median {statistics.median(first):.2f} s, "
                  f"fastest {min(first):.2f} s, slowest {max(first):.2f} s")
            rss = memory["games"]
            print(f"memory: {len(rss)} game processes, median {statistics.median(rss):.0f} MiB each "
                  f"(total {sum(rss):.0f} MiB); the server {memory['server']:.0f} MiB")
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            finally:
                try:
                    os.killpg(server.pid, signal.SIGKILL)  # anything the server left behind
                except ProcessLookupError:
                    pass
        from game.play.saves import load_save

        files = sorted(p.name for p in saves.iterdir() if not p.name.startswith("."))
        save = load_save(saves / "sandbox-seed0.json")
        print(f"saves: {files}; sandbox-seed0.json loads, {len(save.turns)} quarter(s) in it")


if __name__ == "__main__":
    main()
