"""`burnrate serve` without a browser: the command each tab runs, the address rules, and bad
input as one clear line with exit 2 (tests/test_serve_browser.py plays it in Chromium)."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import build_parser
from game.commands import serve
from tests.serving import free_port, games_in_group, group_alive


def parsed(*args: str):
    return build_parser(only="serve").parse_args(["serve", *args])


def run_serve(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", "serve", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=60, stdin=subprocess.DEVNULL)


def test_each_tab_runs_this_interpreters_play_with_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my lab.yaml").write_text(Path(serve.__file__).parents[2].joinpath("scenarios/sandbox.yaml").read_text())
    command, saves = serve.game_command(parsed("--scenario", "my lab.yaml", "--seed", "7", "--saves-dir", "here/saves"))
    assert command == [sys.executable, "-P", "-m", "game", "play", "--scenario", str(tmp_path / "my lab.yaml"),
                       "--seed", "7", "--saves-dir", str(tmp_path / "here" / "saves")]
    assert saves == tmp_path / "here" / "saves"
    assert shlex.split(serve.shell_line(command)) == ["exec", *command]  # the shell sees the same words


def test_a_bundled_scenario_keeps_its_name_and_no_scenario_opens_the_picker():
    assert serve.game_command(parsed("--scenario", "sandbox"))[0][-2:] == ["--scenario", "sandbox"]
    assert serve.game_command(parsed()) == ([sys.executable, "-P", "-m", "game", "play"], Path.cwd() / "saves")


def test_a_class_tab_runs_play_with_the_class_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from game.play.classroom import new_class
    from game.scenarios import load_scenario

    new_class(tmp_path / "class", load_scenario("sandbox"), 0, "A class")
    command, saves = serve.game_command(parsed("--class", "class"))
    assert command == [sys.executable, "-P", "-m", "game", "play", "--class", str(tmp_path / "class")]
    assert saves == tmp_path / "class" / "submissions"


@pytest.mark.parametrize("host,local", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
                                        ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("lab.example", False)])
def test_only_loopback_addresses_go_without_the_warning(host, local):
    assert serve.is_loopback(host) is local


def test_the_warning_says_who_can_play_and_where_the_games_save(tmp_path):
    warning = serve.public_warning("0.0.0.0", 8000, serve.game_command(parsed("--saves-dir", str(tmp_path)))[1])
    assert "0.0.0.0:8000" in warning and "anyone who can reach that address can play" in warning
    assert str(tmp_path) in warning


def test_serve_has_help(capsys):
    from game.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    assert "usage: burnrate serve" in capsys.readouterr().out


BAD = [
    (["--port", "0"], "port 0 is out of range (allowed 1 to 65,535)"),
    (["--port", "65536"], "port 65,536 is out of range (allowed 1 to 65,535)"),
    (["--port", "http"], "invalid port 'http'"),
    (["--scenario", "nope"], "no such scenario file"),
    (["--seed", "-1"], "seed -1 is out of range"),
    (["--class", "no-such-folder"], "--class no-such-folder: no such folder"),
    (["--class", ".", "--scenario", "sandbox"], "it takes no --scenario"),
    (["--class", "tests"], "tests/class.yaml: no class file here"),
    (["--host", ""], "--host needs an address"),
    (["--host", "no-such-host.invalid"], "--host no-such-host.invalid: no such address"),
    (["--saves-dir", "pyproject.toml"], "--saves-dir pyproject.toml is not a folder"),
]


@pytest.mark.parametrize("args,message", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_line_and_exit_2(args, message, capsys, monkeypatch):
    """In this process (each is refused before a server starts; tests/test_cli.py runs the
    real entry point once): an exception escaping `main` would fail the test."""
    from game.cli import main

    monkeypatch.chdir(Path(serve.__file__).parents[2])
    try:
        code = main(["serve", *args])
    except SystemExit as e:
        code = e.code
    err = capsys.readouterr().err
    assert code == 2, err
    assert message in err
    assert len(err.strip().splitlines()) == 1, err


def test_a_broken_class_yaml_is_one_line_before_any_tab_opens(tmp_path):
    (tmp_path / "class.yaml").write_text("title: [unclosed\n")
    proc = run_serve("--class", str(tmp_path))
    assert proc.returncode == 2 and "class.yaml" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) >= 1


def test_a_port_in_use_is_one_line_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = run_serve("--port", str(port))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == (f"burnrate serve: port {port} is already in use on 127.0.0.1 (another server?); "
                                   f"choose another with --port")
    assert proc.stdout == ""


def test_a_game_ends_when_its_server_is_killed_outright(tmp_path):
    """SIGKILL leaves textual-serve no chance to tell its games to quit: each game sees its
    server gone (end_with_the_server) and ends by itself."""
    aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve")
    import asyncio

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "game", "serve", "--scenario", "sandbox", "--port", str(port),
                               "--saves-dir", str(tmp_path)], cwd=tmp_path, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    async def open_a_tab_then_kill_the_server() -> list[str]:
        for _ in range(600):  # the server's start-up: up to 30 s
            try:
                async with aiohttp.ClientSession() as client, client.ws_connect(f"http://127.0.0.1:{port}/ws") as ws:
                    while "End quarter" not in (await ws.receive_bytes(timeout=30)).decode("utf-8", "replace"):
                        pass
                    running = games_in_group(server.pid)
                    server.kill()
                    return running
            except aiohttp.ClientConnectorError:
                await asyncio.sleep(0.05)
        raise AssertionError("serve did not answer in 30 s")

    try:
        assert len(asyncio.run(open_a_tab_then_kill_the_server())) == 1
        server.wait(timeout=10)
        deadline = time.monotonic() + 10
        while group_alive(server.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not group_alive(server.pid), f"left running: {games_in_group(server.pid)}"
    finally:
        if group_alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
