"""Scenario files: every bundled one validates, and every kind of bad file is refused with
FILE:LINE:COL: key.path: what is wrong (allowed ...), never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.models.scenario import FORMAT_2_RULES, FORMAT_3_RULES, FORMAT_4_RULES
from game.scenarios import SCENARIO_DIR, bundled_scenarios, load_scenario, parse_scenario

GOOD = (SCENARIO_DIR / "openai-2024.yaml").read_text()


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_bundled_scenarios_validate(path):
    loaded = load_scenario(str(path))
    assert loaded.scenario.id == path.stem


def problems_of(text: str | bytes, file: str = "s.yaml") -> list[str]:
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(ScenarioError) as err:
        parse_scenario(raw, file)
    return [str(p) for p in err.value.problems]


def replace_line(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_number_too_long_to_read_is_refused_at_its_line():
    text = replace_line("  cash_usd: 7.0e9", "  cash_usd: " + "9" * 5000)
    line = line_of(text, "cash_usd: 999")
    assert problems_of(text) == [f"s.yaml:{line}:13: company.cash_usd: a number 5,000 characters long is not a value "
                                 "a scenario can hold"]


@pytest.mark.parametrize("text", ['"Lab\\e[2J"', '"Lab\\u0007"', '"Lab\\x9b"'])
def test_control_characters_in_text_are_refused_at_their_line(text):
    """A terminal escape in a name would be printed raw by validate and simulate."""
    bad = replace_line("  name: Your lab", f"  name: {text}")
    line = line_of(bad, "name: \"Lab")
    problems = problems_of(bad)
    assert len(problems) == 1 and problems[0].startswith(f"s.yaml:{line}:9: company.name: control character U+")


def test_a_yes_or_no_is_not_a_number():
    """Lax parsing would start the lab with one dollar from `cash_usd: yes`."""
    text = replace_line("  cash_usd: 7.0e9", "  cash_usd: yes")
    line = line_of(text, "cash_usd: yes")
    assert problems_of(text) == [f"s.yaml:{line}:3: company.cash_usd: true is a yes/no, not a number (allowed 0 to 1e+13)"]
    rounds = replace_line("    - [2024Q4, 6.6e9]", "    - [2024Q4, true]")
    assert problems_of(rounds) == [f"s.yaml:{line_of(rounds, 'rounds:')}:3: historical.rounds: true is a yes/no, not a number"]


def test_unknown_key_is_named_with_line_and_suggestion():
    text = replace_line("  cash_usd: 7.0e9", "  cahs_usd: 7.0e9")
    problems = problems_of(text)
    line = line_of(text, "cahs_usd")
    assert any(p.startswith(f"s.yaml:{line}:3: company.cahs_usd: unknown key (did you mean 'cash_usd'?") for p in problems), problems
    assert any("company.cash_usd: missing" in p for p in problems)


def test_out_of_range_names_the_allowed_range():
    text = replace_line("  consumer_share: 0.60", "  consumer_share: 1.60")
    problems = problems_of(text)
    line = line_of(text, "consumer_share: 1.60")
    assert any(p.startswith(f"s.yaml:{line}:") and "company.consumer_share" in p and "(allowed 0 to 1)" in p for p in problems), problems


def test_wrong_type():
    problems = problems_of(replace_line("quarters: 24", "quarters: many"))
    assert any("s.yaml:10:" in p and "quarters:" in p and "integer" in p for p in problems), problems


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_nan_and_infinity_are_refused(value):
    problems = problems_of(replace_line("  cash_usd: 7.0e9", f"  cash_usd: {value}"))
    assert any("company.cash_usd: NaN and infinity are not allowed" in p for p in problems), problems


def test_duplicate_key():
    text = replace_line("  founders_stake: 0.10", "  founders_stake: 0.10\n  founders_stake: 0.20")
    problems = problems_of(text)
    assert any("company.founders_stake: duplicate key" in p and f":{line_of(text, 'founders_stake: 0.20')}:" in p for p in problems), problems


def test_yaml_tags_are_refused():
    problems = problems_of(replace_line("  name: Your lab", "  name: !!python/object:os.system ls"))
    assert any("YAML tags (!...) are not allowed" in p for p in problems), problems


def test_tabs_are_refused():
    problems = problems_of(replace_line("  cash_usd: 7.0e9", "\tcash_usd: 7.0e9"))
    assert any("tab in indentation" in p for p in problems), problems


def test_empty_binary_huge_and_non_utf8_files():
    assert "empty file" in problems_of("")[0]
    assert "empty file" in problems_of("   \n# only a comment\n")[0] or "empty" in problems_of("# c\n")[0]
    assert "binary file" in problems_of(b"\x89PNG\x00\x00")[0]
    assert "not UTF-8" in problems_of(b"id: \xff\xfe")[0]
    assert "allowed up to 1,000,000" in problems_of("x" * 1_000_001)[0]


def test_alias_bomb_is_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdefg", "abcdef"):
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    assert "document too large" in problems_of(bomb)[0]


def test_deep_nesting_is_refused():
    assert "nested deeper" in problems_of("a: " + "[" * 40 + "]" * 40)[0]


def test_missing_section():
    text = GOOD[: GOOD.index("\nfinance:") + 1] + GOOD[GOOD.index("\nrivals:") + 1 :]
    problems = problems_of(text)
    assert any(p == "s.yaml: finance: missing (this key is required)" or "finance: missing" in p for p in problems), problems


def test_top_level_must_be_a_mapping():
    assert "top level must be a mapping" in problems_of("- a\n- b\n")[0]


def test_invalid_yaml_names_the_line():
    problems = problems_of("id: x\ncompany: [unclosed\n")
    assert problems[0].startswith("s.yaml:") and "not valid YAML" in problems[0]


def test_cross_checks_duplicate_rival_ids_and_shares():
    text = replace_line("  - id: prudence", "  - id: megacorp")
    problems = problems_of(text)
    assert any("rivals[1].id: duplicate id 'megacorp' (already used by rivals[0])" in p for p in problems), problems
    text = replace_line("  consumer_share: 0.60", "  consumer_share: 0.50")
    assert any("company.consumer_share: this plus the rivals' consumer_share is 0.900 (allowed 0.99 to 1.01)" in p
               for p in problems_of(text))


def test_dates_outside_the_game():
    problems = problems_of(replace_line("credit_line_opens: 2024Q4", "credit_line_opens: 2031Q1"))
    assert any("finance.credit_line_opens: 2031Q1 is outside the game (allowed 2024Q1 to 2029Q4)" in p for p in problems), problems


def test_bad_file_on_the_command_line_prints_problems_and_exits_2(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(replace_line("  cash_usd: 7.0e9", "  cash_usd: -5"))
    for args in (["simulate", "--scenario", str(bad), "--strategy", "idle"],
                 ["lab", "--scenario", str(bad), "--strategy", "idle", "--games", "3"],
                 ["scenario", "validate", str(bad)]):
        proc = subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True)
        assert proc.returncode == 2
        assert f"{bad}:{line_of(bad.read_text(), 'cash_usd: -5')}:" in proc.stderr
        assert "company.cash_usd" in proc.stderr and "Traceback" not in proc.stderr


def test_validate_good_file_and_list_and_schema():
    ok = subprocess.run([sys.executable, "-m", "game", "scenario", "validate", "openai-2024"], capture_output=True, text=True)
    assert ok.returncode == 0 and ": ok - openai-2024" in ok.stdout
    listing = subprocess.run([sys.executable, "-m", "game", "scenario", "list"], capture_output=True, text=True)
    assert "openai-2024" in listing.stdout
    schema = subprocess.run([sys.executable, "-m", "game", "scenario", "schema"], capture_output=True, text=True)
    assert '"company"' in schema.stdout and '"title": "Scenario"' in schema.stdout


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_every_scenario_has_a_world(path):
    """Issue: at least 5 rivals (the five kinds of lab the sources describe) and a deck of 15+ event types."""
    sc = load_scenario(str(path)).scenario
    at_start = [r for r in sc.rivals if r.enters == "at-start"]
    assert len(at_start) >= 5
    assert len(sc.world.deck) >= 15
    assert all(event.fact.startswith("§") for event in [*sc.world.deck, *sc.world.timeline])


# -- extends: a scenario that states only what differs from its base ------------------------
def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


HEAD = "format_version: 4\nextends: openai-2024\nid: mine\ntitle: Mine\ndescription: a test\n"


def test_extends_merges_mappings_and_patches_id_lists(tmp_path):
    path = write(tmp_path, "mine.yaml", HEAD + (
        "company:\n  cash_usd: 3.0e9\n"
        "rivals:\n  - id: megacorp\n    brand_api: 0.5\n"
        "world:\n  deck:\n    - {id: rival-acquihired, remove: true}\n    - {id: lawsuit, probability_per_quarter: 0.01}\n"))
    mine, base = load_scenario(str(path)).scenario, load_scenario("openai-2024").scenario
    assert mine.id == "mine" and mine.company.cash_usd == 3.0e9 and mine.company.founders_stake == base.company.founders_stake
    assert [r.id for r in mine.rivals] == [r.id for r in base.rivals]
    assert mine.rivals[0].brand_api == 0.5 and mine.rivals[0].name == base.rivals[0].name
    assert [e.id for e in mine.world.deck] == [e.id for e in base.world.deck if e.id != "rival-acquihired"]
    lawsuit = next(e for e in mine.world.deck if e.id == "lawsuit")
    assert lawsuit.probability_per_quarter == 0.01 and lawsuit.headline == next(e for e in base.world.deck if e.id == "lawsuit").headline


def test_a_list_naming_a_new_id_replaces_the_base_list_in_its_order(tmp_path):
    path = write(tmp_path, "mine.yaml", HEAD + (
        "world:\n  timeline:\n"
        "    - {quarter: 2025Q1, id: late, headline: Late, fact: \"§6 'bubble talk'\", effects: {sentiment: -0.1}}\n"
        "    - {quarter: 2024Q3, id: leadership-exits, headline: Exits, fact: \"§5 'departures'\", effects: {morale: -0.1}}\n"))
    assert [e.id for e in load_scenario(str(path)).scenario.world.timeline] == ["late", "leadership-exits"]


def test_problems_are_reported_in_the_file_that_wrote_the_value(tmp_path):
    base = write(tmp_path, "base.yaml", GOOD.replace("  cash_usd: 7.0e9", "  cash_usd: -7.0e9"))
    mine = write(tmp_path, "mine.yaml", "format_version: 4\nextends: base.yaml\nid: mine\nmarket:\n  share_stickiness: 3\n")
    problems = problems_of(mine.read_bytes(), file=str(mine))
    assert any(p.startswith(f"{base}:{line_of(base.read_text(), 'cash_usd: -7.0e9')}:") and "company.cash_usd" in p
               for p in problems), problems
    assert any(p.startswith(f"{mine}:5:") and "market.share_stickiness" in p and "(allowed 0 to 1)" in p
               for p in problems), problems


@pytest.mark.parametrize("extends,message", [
    ("nowhere", "no scenario 'nowhere' to extend"),
    ("mine.yaml", "extends this file again"),
])
def test_a_missing_or_circular_base_is_one_line(tmp_path, extends, message):
    path = write(tmp_path, "mine.yaml", f"format_version: 4\nextends: {extends}\nid: mine\n")
    problems = problems_of(path.read_bytes(), file=str(path))
    assert len(problems) == 1 and problems[0].startswith(f"{path}:2:") and message in problems[0], problems


FORMAT_3_KEYS = {
    "company": ("revenue_year_before_usd", "net_income_last_year_usd"),
    "market": ("outage_brand_loss",),
    "talent": ("severance_quarters_of_pay", "engineering_headcount_needed", "go_to_market_headcount_needed"),
    "finance": ("valuation_min_base_usd_per_year", "valuation_margin_weight", "investor_claim_repay_quarters",
                "investor_claim_interest_rate_per_year"),
}


def _without(text: str, names) -> str:
    return "\n".join(line for line in text.splitlines() if not any(line.strip().startswith(n + ":") for n in names)) + "\n"


def as_format_4(text: str) -> str:
    """The openai-2024 file as format 4 wrote it: no business seats."""
    return _without(text.replace("format_version: 5", "format_version: 4", 1), FORMAT_4_RULES["market"])


def as_format_3(text: str) -> str:
    """The openai-2024 file as format 3 wrote it (from its format-4 text): no small model, no
    daily users, the historical plan without the free tier's model, tokens per monthly user."""
    market = load_scenario("openai-2024").scenario.market
    dropped = ("small_model", "free_tier_small_model_share_path", "distillation_budget_path_usd_per_year",
               "free_user_daily_share", "paid_user_daily_share")
    renamed = {"free_tokens_per_daily_user_per_month":
               f"  free_user_tokens_per_month: {market.free_tokens_per_daily_user_per_month * market.free_user_daily_share!r}",
               "paid_tokens_per_daily_user_per_month":
               f"  paid_user_tokens_per_month: {market.paid_tokens_per_daily_user_per_month * market.paid_user_daily_share!r}"}
    out, dropping_below = [], None  # the indent of a dropped key whose block is being skipped
    for line in text.replace("format_version: 4", "format_version: 3", 1).splitlines():
        indent, key = len(line) - len(line.lstrip()), line.strip().split(":")[0]
        if dropping_below is not None and line.strip() and (indent > dropping_below or line.lstrip().startswith("- ")):
            continue
        dropping_below = None
        if key in dropped:
            dropping_below = indent
            continue
        out.append(renamed.get(key, line))
    return "\n".join(out) + "\n"


def test_formats(tmp_path):
    """Older files are read with the keys later formats added filled in, and nothing else moves."""
    current = load_scenario("openai-2024").scenario
    v4 = as_format_4(GOOD)
    expected = current.model_dump()
    expected["market"].update(FORMAT_4_RULES["market"])
    assert parse_scenario(v4.encode(), "v4.yaml").scenario.model_dump() == expected
    v3 = as_format_3(v4)
    expected["small_model"] = FORMAT_3_RULES["small_model"]
    expected["historical"].update(FORMAT_3_RULES["historical"])
    got = parse_scenario(v3.encode(), "v3.yaml").scenario.model_dump()
    for key in ("free_tokens_per_daily_user_per_month", "paid_tokens_per_daily_user_per_month"):
        assert got["market"][key] == pytest.approx(expected["market"][key], rel=1e-12)  # (monthly / daily share)
        got["market"][key] = expected["market"][key]
    assert got == expected
    v2 = _without(v3.replace("format_version: 3", "format_version: 2", 1), [k for keys in FORMAT_3_KEYS.values() for k in keys])
    v2 = v2.replace("subscription_price_scale_usd_per_month: 30", "subscription_price_elasticity: 0.6666666666666666")
    for section, keys in FORMAT_3_KEYS.items():
        for key in keys:
            expected[section][key] = FORMAT_2_RULES.get(section, {}).get(key)
    expected["company"]["revenue_year_before_usd"] = 4 * current.company.revenue_last_four_quarters_usd[0]
    got = parse_scenario(v2.encode(), "v2.yaml").scenario.model_dump()
    for key in ("free_tokens_per_daily_user_per_month", "paid_tokens_per_daily_user_per_month"):
        got["market"][key] = expected["market"][key]
    assert got == expected
    v1 = _without(v2.replace("format_version: 2", "format_version: 1", 1),
                  ("max_paid_conversion", "sentiment_floor", "launch_waits_above_weeks"))
    got = parse_scenario(v1.encode(), "v1.yaml").scenario.model_dump()
    for key in ("free_tokens_per_daily_user_per_month", "paid_tokens_per_daily_user_per_month"):
        got["market"][key] = expected["market"][key]
    assert got == expected  # format 1 means the rules its engine had
    assert "extends: needs format_version: 2 or later" in problems_of("format_version: 1\nextends: openai-2024\n")[0]
    assert "6 is newer than this Burn Rate reads" in problems_of(GOOD.replace("format_version: 5", "format_version: 6", 1))[0]
    embedded = HEAD.encode()
    with pytest.raises(ScenarioError, match="cannot extend another"):
        parse_scenario(embedded, "save", allow_extends=False)


def test_an_extended_scenario_is_written_out_whole_for_saves():
    loaded = load_scenario("bubble-2024")
    assert "extends:" not in loaded.text
    again = parse_scenario(loaded.text.encode(), "embedded", allow_extends=False)
    assert again.scenario == loaded.scenario


# -- a scenario that validates plays ------------------------------------------------------------
def test_a_starting_price_the_engine_would_refuse_is_refused_at_its_line():
    text = replace_line("  subscription_price_usd_per_month: 20 ", "  subscription_price_usd_per_month: 0.5 ")
    problems = problems_of(text)
    line = line_of(text, "subscription_price_usd_per_month: 0.5")
    assert problems == [f"s.yaml:{line}:3: company.subscription_price_usd_per_month: 0.5 is out of range (allowed 1 to 1000)"]


def test_the_ranges_of_played_values_are_the_decisions_own():
    from game.models.decisions import decision_bounds
    from game.scenarios import _field_info

    for path, decision in ((("company", "subscription_price_usd_per_month"), "subscription_price_usd_per_month"),
                           (("company", "api_price_usd_per_mtok"), "api_price_usd_per_mtok"),
                           (("historical", "pay_level"), "pay_level"),
                           (("historical", "safety_testing_weeks"), "safety_testing_weeks")):
        metadata = _field_info(path).metadata
        low = next(m.ge for m in metadata if hasattr(m, "ge"))
        high = next(m.le for m in metadata if hasattr(m, "le"))
        assert (low, high) == decision_bounds()[decision], path


def test_a_first_quarter_that_is_not_finite_is_refused():
    problems = problems_of(replace_line("  serving_tokens_per_a100e_hour: 1.08e5", "  serving_tokens_per_a100e_hour: 1.0e-300"))
    assert len(problems) == 1 and "the first quarter comes out with serving_hours_needed not a finite number" in problems[0]


def test_the_committed_scenario_schema_is_current():
    import json

    from game.models.scenario import Scenario

    committed = json.loads((SCENARIO_DIR.parent / "assets" / "scenario.schema.json").read_text())
    assert committed == Scenario.model_json_schema(), \
        "assets/scenario.schema.json is stale: run `.venv/bin/burnrate scenario schema > assets/scenario.schema.json`"


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
@pytest.mark.parametrize("strategy", ["idle", "historical"])
def test_every_shipped_scenario_plays_to_the_end(path, strategy):
    import numpy as np

    from game.engine import build_params
    from game.engine.kernel.tree import by_name
    from game.play.runner import run
    from game.strategies import STRATEGIES

    params = build_params(load_scenario(str(path)).scenario)
    result = run(params, STRATEGIES[strategy], np.arange(8))
    assert (result.final.outcome.outcome != 0).all(), "every game ends"
    assert result.refused_rows == 0
    for name, value in by_name(result.final).items():
        assert value.dtype.kind != "f" or np.isfinite(value).all(), name


def test_a_format_2_change_that_cannot_be_carried_over_is_named_not_dropped(tmp_path):
    """A base's file changing only the old price elasticity (without its reference price)
    cannot be read as the new price scale: the key is refused at its line, not ignored."""
    path = write(tmp_path, "mine.yaml", "format_version: 2\nextends: openai-2024\nid: mine\n"
                 "market:\n  subscription_price_elasticity: 1.0\n")
    problems = problems_of(path.read_bytes(), file=str(path))
    assert len(problems) == 1 and problems[0].startswith(f"{path}:5:3: market.subscription_price_elasticity: unknown key")


@pytest.mark.parametrize("kind", ["long name", "directory", "pipe"])
def test_a_scenario_that_is_not_a_file_is_named_for_what_it_is(tmp_path, kind):
    from game.scenarios import load_scenario

    if kind == "long name":
        name, message = "x" * 300, "cannot open: File name too long"
    elif kind == "directory":
        name, message = str(tmp_path), "is a directory, not a scenario file"
    else:
        name, message = str(tmp_path / "pipe.yaml"), "not a regular file (a device or a pipe), not a scenario file"
        os.mkfifo(name)
    with pytest.raises(ScenarioError) as err:
        load_scenario(name)
    assert [p.message for p in err.value.problems] == [message]


def test_the_for_profit_turn_must_fall_inside_the_game():
    text = replace_line("  convert_in: 2025Q4", "  convert_in: 2099Q1")
    line = line_of(text, "convert_in: 2099Q1")
    assert problems_of(text) == [f"s.yaml:{line}:3: historical.convert_in: 2099Q1 is outside the game (allowed 2024Q1 to 2029Q4)"]


def test_thousands_of_problems_print_fifty_lines_and_a_count():
    junk = "".join(f"  junk_{i}: 1\n" for i in range(200))
    with pytest.raises(ScenarioError) as err:
        parse_scenario(GOOD.replace("company:\n", "company:\n" + junk, 1).encode(), "s.yaml")
    lines = str(err.value).splitlines()
    assert len(err.value.problems) == 200 and len(lines) == 51 and lines[-1] == "... and 150 more problems (fix these first)"


@pytest.mark.parametrize("old, new, key, says", [
    ("  consumer_users_ceiling: 4.98e9", "  consumer_users_ceiling: 1.0e6", "market.consumer_users_ceiling",
     "1e+06 is not above consumer_users_start (2e+08)"),
    ("  api_tokens_ceiling_per_quarter: 3.47e15", "  api_tokens_ceiling_per_quarter: 10", "market.api_tokens_ceiling_per_quarter",
     "10 is not above api_tokens_per_quarter_start (2.49e+13)"),
    ("start: 2024Q1", "start: 2198Q1", "start", "the game would end in 2203Q4, past 2199Q4"),
])
def test_what_the_engine_cannot_play_is_refused_at_its_line(old, new, key, says):
    """These validated, then gave NaN tables (a market above its ceiling shrinks through zero)
    or a save that could not be written (a quarter past 2199)."""
    text = replace_line(old, new)
    problems = problems_of(text)
    assert len(problems) == 1 and f":{line_of(text, new.strip())}:" in problems[0] and f"{key}: {says}" in problems[0], problems


def test_a_scenario_that_validates_plays_every_strategy_to_the_end():
    """A file the bundled ones are not is played to the end by every built-in strategy at
    load; one that comes out with a number that is not finite is refused, saying where."""
    from game.models.scenario import Scenario
    from game.scenarios import plays_to_the_end

    good = parse_scenario(GOOD.replace("# Burn Rate", "# Mine", 1).encode(), "s.yaml").scenario
    assert plays_to_the_end("s.yaml", good) == []
    # A market above its ceiling (the cross-checks refuse it first; here they are skipped)
    # shrinks through zero in its second quarter, under every strategy.
    broken = Scenario.model_validate({**good.model_dump(), "market": {**good.market.model_dump(), "consumer_users_ceiling": 1e6}})
    problems = plays_to_the_end("s.yaml", broken)
    assert len(problems) == 1 and problems[0].message.startswith("played by historical, 2024Q2 comes out with ")


@pytest.mark.parametrize("old, new, says", [
    ("  name: Your lab", "  name: Your\x07lab", ":13:14: control character U+0007 (not allowed in a scenario or class file)"),
    ("company:\n", "base: &b {name: x}\ncompany:\n  <<: *b\n", ":14:3: company: YAML merge keys (<<) are not allowed"),
    ("company:\n", "company:\n  [a, b]: 1\n", ":13:3: company: a key must be text, not a list or a mapping"),
])
def test_yaml_that_is_not_plain_data_is_one_line_with_its_place(old, new, says):
    """A raw control character, a merge key or a list as a key: one line, file:line:col."""
    problems = problems_of(GOOD.replace(old, new, 1))
    assert len(problems) == 1 and problems[0].startswith("s.yaml") and says in problems[0], problems
