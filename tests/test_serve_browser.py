"""`burnrate serve` in a real browser: headless Chromium opens the page, plays a quarter with
key presses, and the save appears; stopping the server leaves no game running.

Needs Debian's `chromium` (/usr/bin/chromium; .ci/run installs it) and the `playwright`
package (the test extras), driven with that executable: Playwright's own browser builds
are never downloaded. Without either, the tests skip and say which is missing (`-rs`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from tests.serving import games_in_group, serving

# BURNRATE_CHROMIUM names another Chromium (or, set to a missing path, shows the skip).
CHROMIUM = os.environ.get("BURNRATE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# The machine has no network: nothing in the browser may try to reach one (no name but
# 127.0.0.1 is even looked up). Playwright gives each launch a fresh profile of its own
# (--user-data-dir in a new temporary folder, removed on close).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

# textual-serve's xterm.js draws with WebGL (or a canvas), so `.xterm-rows` holds no text, and
# the page keeps its Terminal in a closure. This script, run before the page's own, catches
# the Terminal as textual.js assigns it (`this.terminal = new Terminal(...)`) so the test can
# read the screen from xterm's buffer: the very characters the renderer draws.
CATCH_TERMINAL = """
window.__terminals = [];
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) window.__terminals.push(value);
  },
});
"""
SCREEN_TEXT = """() => {
  const term = window.__terminals[0];
  if (!term) {  // a renderer that draws into the DOM (xterm's fallback) has the text there
    const rows = document.querySelector('.xterm-rows');
    return rows ? rows.innerText : '';
  }
  const buffer = term.buffer.active, lines = [];
  for (let i = 0; i < term.rows; i++) {
    const line = buffer.getLine(buffer.viewportY + i);
    lines.push(line ? line.translateToString(true) : '');
  }
  return lines.join('\\n');
}"""


@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing (pip install -e '.[test]')")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def wait_for_text(page, text: str, timeout_s: float = 30.0) -> str:
    deadline = time.monotonic() + timeout_s
    while True:
        screen = page.evaluate(SCREEN_TEXT)
        if text in screen:
            return screen
        assert time.monotonic() < deadline, f"{text!r} never appeared; the screen shows:\n{screen}"
        time.sleep(0.05)


def open_game(browser, url: str):
    """A tab on the game; `page.elsewhere` lists what the page asked of any other server
    (refused: the served page must stand alone)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.elsewhere = []

    def only_from_the_server(route):
        if route.request.url.startswith(url):
            route.continue_()
        else:
            page.elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_from_the_server)
    page.add_init_script(CATCH_TERMINAL)
    page.goto(url)
    return page


def play_one_quarter(page) -> None:
    """ctrl+n ends the quarter (the dashboard's binding); its report follows, Enter leaves it."""
    wait_for_text(page, "End quarter")
    # Keys reach the game through xterm's hidden textarea, once it has the focus (focused,
    # not clicked: a click would also go to the game as a mouse click on the dashboard)
    page.focus(".xterm-helper-textarea")
    page.keyboard.press("Control+n")
    wait_for_text(page, "Quarter report 2025 Q1")
    page.keyboard.press("Enter")
    wait_for_text(page, "2025 Q2")


def test_a_browser_tab_plays_a_quarter_and_it_is_saved(browser, tmp_path):
    saves = tmp_path / "saves"
    with serving(tmp_path, "--scenario", "sandbox", "--seed", "0", "--saves-dir", str(saves)) as (url, group):
        page = open_game(browser, url)
        play_one_quarter(page)
        assert len(games_in_group(group)) == 1  # the tab's own game, which stopping the server must end
        assert page.elsewhere == []
        page.screenshot(path=str(tmp_path / "served.png"))
        assert [p.name for p in saves.iterdir()] == ["sandbox-seed0.json"]
        assert '"2025Q1"' in (saves / "sandbox-seed0.json").read_text()
    page.close()  # only now: the server's stop, not the closed tab, must have ended the game
    assert not (tmp_path / "work" / "saves").exists()  # --saves-dir, not the working directory's saves/


def test_a_class_tab_asks_the_name_and_saves_the_submission(browser, tmp_path):
    folder = tmp_path / "class"
    subprocess.run([sys.executable, "-m", "game", "class", "new", str(folder), "--scenario", "sandbox", "--seed", "0"],
                   check=True, capture_output=True)
    with serving(tmp_path, "--class", str(folder)) as (url, _):
        page = open_game(browser, url)
        wait_for_text(page, "name")
        page.focus(".xterm-helper-textarea")
        page.keyboard.type("Ada Lovelace")
        page.keyboard.press("Enter")
        play_one_quarter(page)
        assert list((folder / "submissions").glob("*.json")), "no submission saved"
    page.close()
