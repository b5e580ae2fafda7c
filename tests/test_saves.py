"""Save files: round trips, verification, bad files, crash safety, branches and exports."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.play import saves
from game.play.saves import io as save_io, load as save_load
from game.cli import main
from game.commands.simulate import saved_game
from game.engine import build_params
from game.errors import SaveError
from game.models.save import FORMAT_VERSION, save_json_schema
from game.play.runner import run
from game.play.saves import (
    MAX_SAVE_BYTES, MIGRATIONS, autosave_path, branch_game, branch_path, export_rows, load_save, restore_game,
    save_from_game, save_game, save_to_json, verify_save, views_of,
)
from game.strategies import STRATEGIES

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "save-v1.json"
SCHEMA = ROOT / "assets" / "save.schema.json"


def strategy_game(loaded, strategy: str, seed: int):
    result = run(build_params(loaded.scenario), STRATEGIES[strategy], [seed], keep_history=True)
    return saved_game(loaded, seed, result.history)


@pytest.fixture(scope="module")
def game(loaded):
    return strategy_game(loaded, "historical", 0)


@pytest.fixture()
def save_file(game, tmp_path):
    return save_game(game, tmp_path / "game.json")


def burnrate(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def edited(path: Path, tmp_path: Path, change) -> Path:
    doc = json.loads(path.read_text())
    change(doc)
    out = tmp_path / "edited.json"
    out.write_text(json.dumps(doc))
    return out


# -- round trip and determinism ---------------------------------------------------------
def test_round_trip_keeps_every_field(game, save_file):
    save = load_save(save_file)
    fresh = save_from_game(game)
    assert save.model_dump(exclude={"created_at"}) == fresh.model_dump(exclude={"created_at"})
    assert save.format_version == FORMAT_VERSION and len(save.turns) == 24
    assert save.scenario.name == "openai-2024" and save.seed == 0
    assert save.outcome is not None and save.outcome.kind == "survived" and save.outcome.quarter == "2029Q4"
    restored = restore_game(save)
    assert restored.views == game.views
    assert restored.score_usd == game.score_usd


def test_created_at_is_the_only_time_dependent_field(game):
    a, b = save_from_game(game), save_from_game(game).model_copy(update={"created_at": "2000-01-01T00:00:00Z"})
    lines_a, lines_b = save_to_json(a).splitlines(), save_to_json(b).splitlines()
    assert [(x, y) for x, y in zip(lines_a, lines_b) if x != y] == [
        (f' "created_at": "{a.created_at}",', ' "created_at": "2000-01-01T00:00:00Z",')]


def test_simulate_save_holds_the_same_quarters_as_simulate_json(capsys, tmp_path):
    target = tmp_path / "sim.json"
    code, out, err = burnrate(capsys, "simulate", "--scenario", "openai-2024", "--strategy", "historical",
                              "--seed", 5, "--json", "--save", target)
    assert code == 0 and f"saved 24 quarters to {target}" in err
    doc, save = json.loads(out), load_save(target)
    assert [{**t.snapshot.model_dump(), "news": q["news"]} for t, q in zip(save.turns, doc["quarters"])] == doc["quarters"]
    assert save.outcome.kind == doc["outcome"]["kind"] and save.outcome.quarter == doc["outcome"]["quarter"]


# Every strategy on one seed, and the autopilot on a second (each case plays, saves and
# replays a whole game through the command line: about a second).
@pytest.mark.parametrize("strategy,seed", [(name, 7) for name in sorted(STRATEGIES)] + [("historical", 0)])
def test_fresh_saves_of_every_strategy_verify(capsys, tmp_path, strategy, seed):
    target = tmp_path / f"{strategy}.json"
    assert burnrate(capsys, "simulate", "--scenario", "openai-2024", "--strategy", strategy,
                    "--seed", seed, "--save", target)[0] == 0
    code, out, _ = burnrate(capsys, "replay", target, "--verify")
    assert code == 0
    played = len(load_save(target).turns)  # a listing or an acquisition ends a game early
    assert played >= 1
    assert out.startswith(f"{target}: verified {played} quarters (openai-2024, seed {seed}, ")


def test_partial_game_saves_and_verifies(loaded, tmp_path):
    from game.play.session import Game

    g = Game(loaded, 3)
    for _ in range(5):
        g.end_quarter(g.suggested_decisions())
    save = load_save(save_game(g, tmp_path / "partial.json"))
    assert len(save.turns) == 5 and save.outcome is None
    result = verify_save(save)
    assert result.ok and result.quarters_verified == 5


# -- divergence -------------------------------------------------------------------------
def test_a_changed_decision_is_caught_at_its_quarter(capsys, save_file, tmp_path):
    def change(doc):
        doc["turns"][6]["decisions"]["subscription_price_usd_per_month"] = 30.0

    code, out, _ = burnrate(capsys, "replay", edited(save_file, tmp_path, change), "--verify")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{tmp_path / 'edited.json'}: quarter 2025Q3 diverges: ")
    assert "revenue_usd" in first and "subscription_price_usd_per_month" in first and "quarter," not in first


def test_a_changed_snapshot_value_is_caught_at_its_quarter_and_field(capsys, save_file, tmp_path):
    def change(doc):
        doc["turns"][9]["snapshot"]["cash_usd"] += 1.0

    code, out, _ = burnrate(capsys, "replay", edited(save_file, tmp_path, change), "--verify")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith(": quarter 2026Q2 diverges: cash_usd")
    assert lines[1].startswith("  cash_usd: saved ")


def test_the_smallest_float_change_is_a_divergence(save_file):
    save = load_save(save_file)
    snap = save.turns[3].snapshot
    snap.market_share = math.nextafter(snap.market_share, 1.0)  # one unit in the last place
    result = verify_save(save)
    assert (result.diverged_at, result.fields) == ("2024Q4", ["market_share"])


def test_a_snapshot_key_no_format_has_is_refused(save_file, tmp_path):
    path = edited(save_file, tmp_path, lambda d: d["turns"][0]["snapshot"].update(a_key_from_the_future=1.0))
    with pytest.raises(SaveError, match=r"turns\[0\]\.snapshot\.a_key_from_the_future: Extra inputs are not permitted"):
        load_save(path)


def test_a_changed_outcome_is_a_divergence(save_file):
    save = load_save(save_file)
    save.outcome.score_usd *= 2
    result = verify_save(save)
    assert (result.diverged_at, result.fields) == ("2029Q4", ["outcome"])


def test_refused_decisions_are_a_divergence_not_a_crash(save_file):
    save = load_save(save_file)
    save.turns[2].decisions.equity_raise_usd = 1e12
    result = verify_save(save)
    assert (result.diverged_at, result.fields) == ("2024Q3", ["decisions"])
    assert result.details[0].startswith("decisions refused by the engine: ")
    with pytest.raises(SaveError, match="quarter 2024Q3 diverges: decisions"):
        restore_game(save)


# -- bad files: one line on stderr, exit 2, never a traceback ----------------------------
def _bad_files(save_file: Path) -> dict[str, tuple[bytes, str]]:
    good = save_file.read_bytes()
    future = json.loads(good)
    future["format_version"] = FORMAT_VERSION + 1
    return {
        "truncated": (good[: len(good) // 2], "(the file looks truncated)"),
        "empty": (b"", "empty file"),
        "binary": (bytes(range(256)) * 4, "binary file"),
        "future": (json.dumps(future).encode(), f"save format {FORMAT_VERSION + 1} is newer than this Burn Rate reads"),
        "oversized": (b" " * (MAX_SAVE_BYTES + 1), "larger than"),
    }


@pytest.mark.parametrize("fraction", [0.05, 0.1, 0.33, 0.5, 0.77, 0.999])
def test_a_save_cut_anywhere_is_called_truncated(save_file, fraction):
    good = save_file.read_bytes()
    with pytest.raises(SaveError, match=r"\(the file looks truncated\)"):
        saves.parse_save(good[: int(len(good) * fraction)], "cut.json")


def test_bad_files_exit_2_with_one_clear_line(capsys, save_file, tmp_path):
    for name, (content, message) in _bad_files(save_file).items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(content)
        for args in (["replay", path, "--verify"], ["compare", save_file, path]):
            code, out, err = burnrate(capsys, *args)
            assert (code, out) == (2, ""), (name, args, out, err)
            lines = err.splitlines()
            assert len(lines) == 1 and lines[0].startswith(f"{path}: ") and message in lines[0], (name, lines)
    # and as a process: exit status 2, no traceback
    proc = subprocess.run([sys.executable, "-m", "game", "replay", str(tmp_path / "truncated.json"), "--verify"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize("change, message", [
    (lambda d: d.pop("seed"), "seed: Field required"),
    (lambda d: d.update(seed=-1), "seed: Input should be greater than or equal to 0"),
    (lambda d: d.update(seed=True), "seed: true is a yes/no, not a number"),
    (lambda d: d["turns"][1]["decisions"].update(term_sheet=True), "turns[1].decisions.term_sheet: true is a yes/no, not a number"),
    (lambda d: d.update(cheat=True), "cheat: Extra inputs are not permitted"),
    (lambda d: d.update(format_version="1"), 'format_version must be a whole number, not "1"'),
    (lambda d: d.update(format_version=0), "format_version 0 does not exist"),
    (lambda d: d.pop("format_version"), "not a Burn Rate save: no format_version key"),
    (lambda d: d["turns"][4]["decisions"].update(pay_level="high"), "turns[4].decisions.pay_level: Input should be a valid number"),
    (lambda d: d["turns"].pop(3), "turns[3].quarter is 2025Q1, expected 2024Q4"),
    (lambda d: d["turns"][2]["snapshot"].pop("cash_usd"), "turns[2].snapshot: missing cash_usd"),
    # A save of this engine and format records every field: deleting some from every turn is seen.
    (lambda d: [t["snapshot"].pop(k) for t in d["turns"] for k in ("valuation_usd", "debt_usd", "founders_stake")],
     "turns[0].snapshot: missing debt_usd, valuation_usd, founders_stake"),
    (lambda d: d["turns"][2]["snapshot"].update(cash_usd="lots"), "turns[2].snapshot.cash_usd: Input should be a valid number"),
    (lambda d: d["scenario"].update(yaml=d["scenario"]["yaml"] + "\n# edited\n"), "scenario.sha256 does not match"),
])
def test_invalid_saves_name_the_problem(capsys, save_file, tmp_path, change, message):
    path = edited(save_file, tmp_path, change)
    code, out, err = burnrate(capsys, "replay", path, "--verify")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"{path}: ") and message in err, err


@pytest.mark.parametrize("command", [("replay", "--verify"), ("replay", "--export", "csv"), ("replay", "--table")])
def test_a_number_too_long_to_read_is_one_line_not_a_traceback(capsys, save_file, tmp_path, command):
    """Python refuses to read integers over 4,300 digits: a save holding one (the seed here)
    is refused with one line, exit 2 (1 would mean 'diverges' to a teacher's script)."""
    path = tmp_path / "long.json"
    path.write_text(save_file.read_text().replace('"seed": 0', '"seed": ' + "9" * 5000, 1))
    assert '"seed": 9999' in path.read_text()
    code, out, err = burnrate(capsys, command[0], path, *command[1:])
    assert code == 2 and out == ""
    assert err == f"{path}: not a valid save: a number 5,000 digits long (at most 4,300)\n"


def test_an_invalid_embedded_scenario_is_refused_with_its_line(capsys, save_file, tmp_path):
    import hashlib

    def change(doc):
        doc["scenario"]["yaml"] = doc["scenario"]["yaml"].replace("quarters: 24", "quarters: -3", 1)
        doc["scenario"]["sha256"] = hashlib.sha256(doc["scenario"]["yaml"].encode()).hexdigest()

    code, _, err = burnrate(capsys, "replay", edited(save_file, tmp_path, change), "--verify")
    assert code == 2 and err.count("\n") == 1 and "(embedded scenario openai-2024):" in err and "quarters" in err


def test_json_that_is_not_strict_is_refused(tmp_path, save_file):
    text = save_file.read_text()
    for name, bad in {"nan": text.replace('"seed": 0', '"seed": NaN'),
                      "dup": text.replace('"seed": 0', '"seed": 0, "seed": 1'),
                      "list": "[1, 2]", "deep": "[" * 100_000 + "]" * 100_000}.items():
        path = tmp_path / f"{name}.json"
        path.write_text(bad)
        with pytest.raises(SaveError) as e:
            load_save(path)
        assert str(e.value).startswith(f"{path}: ") and "\n" not in str(e.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(SaveError, match="no such file"):
        load_save(tmp_path / "nope.json")
    with pytest.raises(SaveError, match="is a directory"):
        load_save(tmp_path)


# -- atomic writes ------------------------------------------------------------------------
def test_saving_again_keeps_the_previous_version_as_bak(loaded, game, tmp_path):
    from game.play.session import Game

    path = tmp_path / "g.json"
    short = Game(loaded, 0)
    short.end_quarter(short.suggested_decisions())
    save_game(short, path)
    save_game(game, path)
    assert len(load_save(path).turns) == 24
    assert len(load_save(tmp_path / "g.json.bak").turns) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json", "g.json.bak"]


def test_a_failing_write_leaves_the_previous_file_and_no_litter(game, save_file, monkeypatch):
    before = save_file.read_bytes()
    listing = sorted(os.listdir(save_file.parent))

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(save_io.os, "fsync", broken_fsync)
    with pytest.raises(SaveError, match="No space left on device; the previous file is unchanged"):
        save_game(game, save_file)
    assert save_file.read_bytes() == before
    assert sorted(os.listdir(save_file.parent)) == listing


KILLED_WRITER = """
import sys, time
from game.play.saves import io
from game.play.saves import load_save, restore_game, save_game
game = restore_game(load_save(sys.argv[1]), upto_quarter=3)
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(60)
io.os.fsync = slow_fsync
save_game(game, sys.argv[1])
"""


def test_a_save_killed_mid_write_leaves_the_previous_one_intact(save_file):
    before = save_file.read_bytes()
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(save_file)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert save_file.read_bytes() == before
    assert verify_save(load_save(save_file)).ok
    litter = [p.name for p in save_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert litter and all(name.startswith(".game.json.") for name in litter)  # hidden, never the save itself


def test_writing_into_a_missing_directory_is_one_line(capsys, tmp_path):
    code, _, err = burnrate(capsys, "simulate", "--scenario", "openai-2024", "--strategy", "idle",
                            "--save", tmp_path / "no" / "such.json")
    assert code == 2 and err.count("\n") == 1 and "no such directory" in err


# -- versions -----------------------------------------------------------------------------
def test_the_version_1_fixture_loads_and_verifies(capsys):
    code, out, err = burnrate(capsys, "replay", FIXTURE, "--verify")
    assert (code, err) == (0, ""), out  # if the engine changed on purpose: run tests/fixtures/make_save_v1.py
    assert "verified 24 quarters" in out
    assert json.loads(FIXTURE.read_text())["format_version"] == 1


def test_every_older_version_has_a_migration():
    assert sorted(MIGRATIONS) == list(range(1, FORMAT_VERSION))


def test_migrations_run_in_order_up_to_the_current_version(monkeypatch, save_file):
    doc = json.loads(save_file.read_text())
    doc["format_version"] = 1
    monkeypatch.setattr(save_load, "FORMAT_VERSION", 3)
    monkeypatch.setattr(save_load, "MIGRATIONS", {1: lambda d: {**d, "seed": d["seed"] + 1},
                                              2: lambda d: {**d, "seed": d["seed"] * 10}})
    out = saves.migrate(doc, 1)
    assert out["seed"] == 10 and out["format_version"] == 3


def test_the_committed_schema_is_current():
    assert json.loads(SCHEMA.read_text()) == save_json_schema(), \
        "assets/save.schema.json is stale: run `.venv/bin/burnrate replay --schema > assets/save.schema.json`"


# -- branches and paths ---------------------------------------------------------------------
def test_branch_keeps_the_quarters_before_and_plays_on_differently(save_file):
    save = load_save(save_file)
    branch = branch_game(save, 5)
    assert branch.quarter == 5 and branch.quarter_label == "2025Q2"
    assert branch.views == views_of(save)[:5]
    decisions = save.turns[5].decisions.model_copy(update={"subscription_price_usd_per_month": 25.0})
    turn = branch.end_quarter(decisions)
    assert turn.view.revenue_usd != save.turns[5].snapshot.revenue_usd
    assert branch_game(save, 0).quarter == 0
    with pytest.raises(SaveError, match="the game ended"):
        branch_game(save, 24)
    with pytest.raises(SaveError, match="allowed 0 to 24"):
        branch_game(save, 25)


def test_autosave_and_branch_paths_live_in_saves_under_the_working_directory(game, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert autosave_path(game) == tmp_path / "saves" / "openai-2024-seed0.json"
    (tmp_path / "saves").mkdir()
    first = branch_path(game)
    assert first.name == "openai-2024-seed0-branch-2029Q4.json"
    first.write_text("{}")
    assert branch_path(game).name == "openai-2024-seed0-branch-2029Q4-2.json"


# -- export and compare ---------------------------------------------------------------------
def test_export_csv_has_a_row_per_quarter_with_snapshot_and_decision_columns(save_file):
    save = load_save(save_file)
    rows = list(csv.DictReader(io.StringIO(export_rows(save, "csv"))))
    assert len(rows) == 24 and rows[0]["quarter"] == "2024Q1" and rows[-1]["quarter"] == "2029Q4"
    columns = set(rows[0])
    assert {"cash_usd", "revenue_usd", "headcount_by_function.research", "rival_market_share.megacorp",
            "decision.subscription_price_usd_per_month", "decision.hires.research", "decision.ipo"} <= columns
    assert float(rows[9]["cash_usd"]) == save.turns[9].snapshot.cash_usd  # exact through the text


def test_export_json_to_a_file(capsys, save_file, tmp_path):
    out_path = tmp_path / "rows.json"
    code, out, err = burnrate(capsys, "replay", save_file, "--export", "json", "-o", out_path)
    assert code == 0 and out == "" and f"exported 24 quarters to {out_path}" in err
    rows = json.loads(out_path.read_text())
    assert len(rows) == 24 and rows[3]["decision.equity_raise_usd"] == 6.6e9
    assert all(not isinstance(v, dict) for row in rows for v in row.values())


def test_export_to_stdout_and_usage_errors(capsys, save_file):
    code, out, _ = burnrate(capsys, "replay", save_file, "--export", "csv")
    assert code == 0 and len(out.splitlines()) == 25
    assert burnrate(capsys, "replay", save_file, "-o", "x.csv")[0] == 2
    assert burnrate(capsys, "replay")[0] == 2


def test_replay_without_flags_prints_decisions_and_results(capsys, save_file):
    code, out, _ = burnrate(capsys, "replay", save_file)
    assert code == 0
    assert "Decisions" in out and "Results" in out and "$6.6 B" in out and "2029Q4" in out
    assert "terminal UI" in out


def test_compare_shows_both_games_and_where_decisions_part(capsys, loaded, save_file, tmp_path):
    other = save_game(strategy_game(loaded, "idle", 0), tmp_path / "idle.json")
    code, out, _ = burnrate(capsys, "compare", save_file, other)
    assert code == 0
    assert "Cash A" in out and "Cash B" in out and "Headcount B" in out and "2029Q4" in out
    assert "Outcome A: survived in 2029Q4" in out
    assert "Decisions first differ in 2024Q1: " in out and "gpu_rent_a100e" in out
    code, out, _ = burnrate(capsys, "compare", save_file, save_file)
    assert code == 0 and "Decisions are the same in all 24 quarters both games played" in out


def test_schema_command_prints_the_save_schema(capsys):
    code, out, _ = burnrate(capsys, "replay", "--schema")
    assert code == 0 and json.loads(out)["title"] == "SaveFile"


def test_a_save_from_another_engine_version_is_said_so(capsys, save_file, tmp_path):
    other = edited(save_file, tmp_path, lambda d: d.update(engine_version="1.9.0"))
    code, out, _ = burnrate(capsys, "replay", other, "--verify")
    assert code == 0 and "verified 24 quarters (played by engine 1.9.0, this is engine" in out

    def older_and_different(doc):
        doc["engine_version"] = "1.9.0"
        doc["turns"][4]["snapshot"]["cash_usd"] *= 1.01

    code, out, _ = burnrate(capsys, "replay", edited(save_file, tmp_path, older_and_different), "--verify")
    assert code == 3, out  # not 1: the difference may be the engine's, not an edit
    assert "cannot be checked: quarter 2025Q1 comes out differently (cash_usd)" in out and "engine 1.9.0" in out


def test_format_1_snapshots_keep_only_what_they_recorded(save_file):
    """A migrated format-1 save holds fewer fields; its views come from a checked re-run."""
    v1 = load_save(FIXTURE)
    assert "news" not in v1.turns[0].snapshot.model_fields_set and "event_card" not in v1.turns[0].snapshot.model_fields_set
    views = views_of(v1)
    assert len(views) == 24 and views[3].quarter == "2024Q4" and views[3].cash_usd == v1.turns[3].snapshot.cash_usd
    assert len(json.loads(save_to_json(v1))["turns"][0]["snapshot"]) == len(v1.turns[0].snapshot.model_fields_set)


# -- writes: only regular files, never a save by an export ----------------------------------
def test_a_write_never_replaces_a_device_a_pipe_or_a_link(capsys, tmp_path):
    """A rename over /dev/null (as root) or a symlink to /proc/self/fd/1 would replace it
    with a regular file: only a regular file, or none, is written."""
    fifo, link, target = tmp_path / "pipe", tmp_path / "link", tmp_path / "target.json"
    os.mkfifo(fifo)
    target.write_text("{}")
    link.symlink_to(target)
    for path in (fifo, link):
        code, out, err = burnrate(capsys, "simulate", "--scenario", "sandbox", "--strategy", "idle", "--save", path)
        assert code == 2 and err.endswith(f"{path}: not a regular file (a device, a pipe or a link); "
                                          "give the name of a file to write\n"), err
    assert fifo.is_fifo() and link.is_symlink() and target.read_text() == "{}"
    code, out, err = burnrate(capsys, "simulate", "--scenario", "sandbox", "--strategy", "idle", "--save", "")
    assert code == 2 and "an empty file name" in err


def test_an_export_never_overwrites_a_save_and_dash_is_stdout(capsys, save_file, tmp_path):
    before = save_file.read_bytes()
    code, out, err = burnrate(capsys, "replay", save_file, "--export", "csv", "-o", save_file)
    assert code == 2 and "is a save; export to another file" in err and save_file.read_bytes() == before
    code, out, err = burnrate(capsys, "replay", save_file, "--export", "csv", "-o", "-")
    assert code == 0 and out.startswith("scenario,seed,engine_version,score_usd,quarter,") and not Path("-").exists()


def test_a_pipe_is_not_read_as_a_save(capsys, tmp_path):
    """Opening a pipe with no writer would wait for ever."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    code, out, err = burnrate(capsys, "replay", fifo, "--verify")
    assert code == 2 and err == f"{fifo}: not a regular file (a device or a pipe), not a save file\n"


def test_a_backup_name_taken_by_a_directory_is_named(capsys, save_file, tmp_path):
    (tmp_path / "game.json.bak").mkdir()
    with pytest.raises(SaveError, match=r"game\.json\.bak: the backup's name is taken by a directory"):
        save_io.atomic_write_text(save_file, "{}", keep_backup=True)


def test_a_backup_already_linked_to_the_save_leaves_no_litter(save_file, tmp_path):
    """Two writers: the backup is already a second name of the save's file, so renaming our
    link over it does nothing; the link must not be left behind."""
    backup = tmp_path / "game.json.bak"
    backup.unlink(missing_ok=True)
    os.link(save_file, backup)
    save_io.atomic_write_text(save_file, save_file.read_text(), keep_backup=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json", "game.json.bak"]


@pytest.mark.parametrize("change", [lambda o: o.update(kind="ipo"), lambda o: o.update(score_usd=1e15)])
def test_play_load_refuses_an_outcome_the_turns_do_not_give(save_file, tmp_path, change):
    """--load runs the checks --verify runs: an edited outcome is refused, naming the file."""
    path = edited(save_file, tmp_path, lambda d: change(d["outcome"]))
    with pytest.raises(SaveError, match="diverges: outcome"):
        restore_game(load_save(path))
    proc = subprocess.run([sys.executable, "-m", "game", "play", "--load", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.startswith(f"{path}: the save does not replay"), proc.stderr


def test_a_write_sweeps_what_killed_writers_left(save_file, tmp_path):
    """Temporaries older than a minute were left by killed writers; a fresh one may belong
    to a writer at work and stays."""
    stale, fresh = tmp_path / ".game.json.abc123.tmp", tmp_path / ".game.json.def456.tmp"
    stale_link = tmp_path / ".game.json.ghi789.tmp.bak"
    for litter in (stale, fresh, stale_link):
        litter.write_text("half a save")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    os.utime(stale_link, (an_hour_ago, an_hour_ago))
    save_io.atomic_write_text(save_file, save_file.read_text(), keep_backup=True)
    assert not stale.exists() and not stale_link.exists() and fresh.exists()


def test_a_save_with_no_turns_and_an_outcome_names_the_starting_quarter(capsys, save_file, tmp_path):
    path = edited(save_file, tmp_path, lambda d: d.update(turns=[]))
    code, out, err = burnrate(capsys, "replay", path, "--verify")
    assert code == 1 and out.startswith(f"{path}: quarter 2024Q1 diverges: outcome"), out + err


def test_the_export_the_table_and_simulate_carry_the_game_and_its_score(capsys, game, save_file):
    """Issue 16: the CSV had no score, seed or scenario; --table lacked the free tier, safety weeks,
    conversion and the term sheet; simulate never printed the score."""
    import csv
    import io

    code, out, _ = burnrate(capsys, "replay", save_file, "--export", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(game.turns)
    assert {r["scenario"] for r in rows} == {game.loaded.scenario.id} and {r["seed"] for r in rows} == {str(game.seed)}
    assert float(rows[-1]["score_usd"]) == pytest.approx(game.score_usd, rel=1e-12)
    code, out, _ = burnrate(capsys, "replay", save_file, "--table")
    header = out.split("Decisions\n")[1].splitlines()[0]
    for column in ("Raise", "Distil", "Free tier", "Grants", "Safety wk", "Moves"):
        assert column in header
    code, out, _ = burnrate(capsys, "simulate", "--scenario", "sandbox", "--strategy", "historical", "--seed", "2")
    assert code == 0 and "· score $" in out.splitlines()[-1]


def test_a_new_game_never_overwrites_another_games_save(tmp_path, loaded):
    """Starting seed 0 again, or a second browser tab on it, gets a file of its own; names are
    claimed as the whole file appears, so games starting at the same moment get one each."""
    import threading

    from game.play.saves import save_new_game
    from game.play.session import Game

    old = Game(loaded, 0)
    old.end_quarter(old.suggested_decisions())
    first = save_new_game(old, tmp_path)
    before = first.read_bytes()
    assert first.name == "openai-2024-seed0.json"
    again = save_new_game(Game(loaded, 0), tmp_path)
    assert again.name == "openai-2024-seed0-2.json" and first.read_bytes() == before
    paths, games = [], [Game(loaded, 0) for _ in range(6)]
    threads = [threading.Thread(target=lambda g=g: paths.append(save_new_game(g, tmp_path))) for g in games]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(paths)) == 6 and first.read_bytes() == before
    assert all(load_save(p).seed == 0 for p in paths)  # every claimed file is whole
    assert not list(tmp_path.glob(".*.tmp"))  # no temporaries left
