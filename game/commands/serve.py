"""`burnrate serve`: the game in a browser, one game per tab, through textual-serve.

textual-serve's Server runs its command through the shell (`asyncio.create_subprocess_shell`)
once per websocket, that is once per browser tab, with this process's working directory and
environment: so the command is one string, quoted for that shell, and every path in it is
made absolute. The spawned game is this project's own `play` command, run by this same
interpreter, so a tab plays exactly what `burnrate play` would in a terminal, and saves where
it would: saves/ in the folder serve was started in, or --saves-dir.

textual_serve (and with it aiohttp) is imported only once serve runs (`make_server`), so
every other command starts without it (tests/test_import_hygiene.py holds that line).
"""

from __future__ import annotations

import errno
import ipaddress
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from game.commands.common import (add_saves_dir_argument, add_scenario_argument, bounded_int, saves_dir_from,
                                  scenario_from, seed_type)
from game.errors import BurnRateError, UsageError

DEFAULT_HOST = "127.0.0.1"  # nobody but this machine's own users can reach it
DEFAULT_PORT = 8000

port_type = bounded_int("port", 1, 65535)


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="serve the game in a browser: each tab is a game",
                       description="Serve Burn Rate to web browsers: every tab that opens the address plays its own "
                                   "game, as `burnrate play` would in a terminal (saved after every quarter to saves/ "
                                   "in this folder, or --saves-dir). It listens on 127.0.0.1 (this machine only) unless "
                                   "--host says otherwise. With --class DIR, every tab plays the class's game and "
                                   "first asks the student's name.",
                       epilog="exit codes: 0 stopped with Ctrl+C; 2 a bad argument, a scenario that cannot be read, "
                              "or an address or port that cannot be listened on")
    p.add_argument("--class", dest="class_dir", metavar="DIR",
                   help="a class folder (`burnrate class new`): every tab plays its scenario and seed, saving to "
                        "DIR/submissions/ (not with --scenario, --seed or --saves-dir)")
    add_scenario_argument(p, required=False)
    p.add_argument("--seed", type=seed_type, help="the games' seed (default 0)")
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"the address to listen on (default {DEFAULT_HOST}: this machine only; any other lets "
                        "everyone who can reach it play)")
    p.add_argument("--port", type=port_type, default=DEFAULT_PORT, help=f"the port to listen on (default {DEFAULT_PORT})")
    add_saves_dir_argument(p)
    p.set_defaults(func=main)


def game_command(args) -> tuple[list[str], Path]:
    """The command every browser tab runs, `python -P -m game play ...` with absolute paths,
    and the folder its games save to.

    `-P` keeps the working directory off sys.path: serve runs in the player's folder (where
    saves/ goes), and a folder of theirs named `game` must not stand in for this package."""
    play = [sys.executable, "-P", "-m", "game", "play"]
    if args.class_dir is not None:
        folder = class_folder(args.class_dir)
        return play + ["--class", str(folder)], folder / "submissions"
    if args.scenario:
        loaded = scenario_from(args)  # a bad name or file is one line here, not a broken tab in every browser
        # A bundled scenario keeps its name; a file is passed by absolute path.
        play += ["--scenario", args.scenario if Path(loaded.path).is_absolute() else str(Path(loaded.path).resolve())]
    if args.seed is not None:
        play += ["--seed", str(args.seed)]
    folder = saves_dir_from("serve", args)
    if folder is None:
        return play, Path.cwd() / "saves"  # play's own default, in the working directory it inherits
    play += ["--saves-dir", str(folder.resolve())]
    return play, folder.resolve()


def class_folder(text: str) -> Path:
    """The --class folder, checked before any tab opens (a mistake here would otherwise be a
    blank page in every student's browser): its class.yaml validated as `play --class` will."""
    from game.play.classroom import load_class

    folder = Path(text).expanduser()
    if not text.strip() or not folder.is_dir():
        raise UsageError(f"burnrate serve: --class {text}: no such folder (make one with `burnrate class new DIR`)")
    load_class(folder)  # a ClassError names the file, line and field
    return folder.resolve()


def refuse_mixed(args) -> None:
    if args.class_dir is None:
        return
    given = [flag for flag, value in (("--scenario", args.scenario), ("--seed", args.seed),
                                      ("--saves-dir", args.saves_dir)) if value is not None]
    if given:
        raise UsageError(f"burnrate serve: --class plays the class's own game and saves to its submissions/; "
                         f"it takes no {', '.join(given)}")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: only localhost is known to stay on this machine
        return False


def address(host: str, port: int) -> str:
    """host:port as a URL writes it ([::1]:8000 for IPv6)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def listen_problem(host: str, port: int, error: OSError) -> str:
    """One line saying why the address cannot be listened on, and what to do."""
    where = address(host, port)
    if error.errno == errno.EADDRINUSE:
        return f"burnrate serve: port {port} is already in use on {host} (another server?); choose another with --port"
    if error.errno == errno.EACCES:
        return f"burnrate serve: not allowed to listen on {where} (ports below 1024 need privileges); choose --port 1024 or above"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"burnrate serve: --host {host} is not an address of this machine"
    return f"burnrate serve: cannot listen on {where}: {error.strerror or error}"


def check_can_listen(host: str, port: int) -> None:
    """Bind and release the address first, so a port in use is one clear line before anything
    starts (aiohttp would otherwise fail after its start-up, mid-way through its own messages)."""
    import socket

    if not host.strip():
        raise UsageError("burnrate serve: --host needs an address (got an empty one)")
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise UsageError(f"burnrate serve: --host {host}: no such address ({e.strerror})") from None
    for family, kind, proto, _, address in addresses:  # aiohttp listens on every address the name has
        with socket.socket(family, kind, proto) as probe:
            # As aiohttp sets it: a port left in TIME_WAIT by a server just stopped is free to use.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as e:
                raise BurnRateError(listen_problem(host, port, e)) from None


def public_warning(host: str, port: int, saves: Path) -> str:
    return (f"burnrate serve: warning: listening on {address(host, port)}, not this machine only: anyone who can reach that "
            f"address can play, with no password; each tab they open runs a game on this machine as you, "
            f"saving into {saves}")


# textual-serve's page loads its font from Google's servers: every player's browser would call
# a third party, and where there is no network (a closed classroom) that stylesheet holds up
# the page. textual-serve ships the same font among its static files: the page uses those.
GOOGLE_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>")
LOCAL_FONT = ("<style>"
              '@font-face { font-family: "Roboto Mono"; src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf"); }'
              '@font-face { font-family: "Roboto Mono"; font-style: italic; '
              'src: url("/static/fonts/RobotoMono-Italic-VariableFont_wght.ttf"); }'
              "</style>")


def shell_line(command: list[str]) -> str:
    """The command as the line textual-serve hands to the shell."""
    if os.name == "nt":
        return subprocess.list2cmdline(command)  # cmd.exe's quoting
    # `exec`: the shell becomes the game, so each tab is one process, not a shell waiting on one.
    return f"exec {shlex.join(command)}"


def make_server(command: list[str], host: str, port: int):
    """textual-serve's Server, changed where serving a class needs it: stopping ends every
    open game at once; page links are built from the address the browser used, so that with
    --host 0.0.0.0 a browser elsewhere is not sent to ws://0.0.0.0/; the page asks nothing
    of any other server (its font comes from here); and the start-up line is the address to
    open, not a logo and the long command."""
    import asyncio

    from textual_serve.server import Server

    class GameServer(Server):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.sessions: set[asyncio.Task] = set()  # one per open tab: the task serving its websocket

        async def handle_websocket(self, request):
            task = asyncio.current_task()
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        async def on_shutdown(self, app) -> None:
            # On Ctrl+C aiohttp waits up to 60 s for open websockets to close by themselves.
            # Cancelled, each session tells its game to quit and waits for it to end
            # (textual-serve's AppService.stop), so no game outlives the server.
            for task in list(self.sessions):
                task.cancel()

        async def on_startup(self, app) -> None:
            # Every address: a browser here opens the loopback one (asyncio makes "::" IPv6 only).
            loopback = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host)
            where = f"http://{address(loopback or host, port)}/"
            if loopback:
                where += f" (from elsewhere: this machine's address, port {port})"
            self.console.print(f"Burn Rate at {where} - each browser tab is a game; Ctrl+C stops",
                               highlight=False, soft_wrap=True)

        async def handle_index(self, request):
            # Safe with requests in parallel: textual-serve reads public_url before its first
            # await, so no other request can change it in between.
            self.public_url = f"{request.scheme}://{request.host}"
            page = await super().handle_index(request)
            page.text = GOOGLE_FONT.sub(LOCAL_FONT, page.text)
            return page

    return GameServer(shell_line(command), host=host, port=port, title="Burn Rate")


def end_with_the_server(app) -> None:
    """In a game a server started (textual's web driver: its terminal is that server's pipe),
    quit once the server is gone.

    textual-serve tells a game to quit when its tab closes or the server stops; a server
    killed outright (SIGKILL, out of memory) tells it nothing, and the game, idle and waiting
    for keys, would stay forever. The game's parent is the server (the shell execs it); once
    that dies the game is re-parented, which this thread watches for. Its saves are written
    after every quarter, atomically, so nothing is lost."""
    import threading
    import time

    server = os.getppid()

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(1.0)
        try:
            app.call_from_thread(app.exit)
        except RuntimeError:  # the app was not running (yet, or any more)
            os._exit(0)

    threading.Thread(target=watch, name="end-with-the-server", daemon=True).start()


def main(args) -> int:
    refuse_mixed(args)
    command, saves = game_command(args)
    check_can_listen(args.host, args.port)
    if not is_loopback(args.host):
        print(public_warning(args.host, args.port, saves), file=sys.stderr)
    server = make_server(command, args.host, args.port)
    try:
        server.serve()
    except OSError as e:  # the address was taken between the check and the start
        raise BurnRateError(listen_problem(args.host, args.port, e)) from None
    return 0
