"""Planning aids: the rent the projected demand needs, the next model's launch, and the
form that shows them (issue 16, "nothing helps you plan")."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import Input, Static, TabbedContent

from game.play.session import Game
from game.scenarios import load_scenario
from game.tui.app import make_app
from game.tui.screens.decisions import DecisionsScreen


def as_text(widget: Static) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


@pytest.fixture(scope="module")
def loaded():
    return load_scenario("openai-2024")


@pytest.mark.parametrize("strategy", ["historical", "frugal", "safety-first", "random"])
def test_renting_what_the_plan_says_serves_all_of_the_projected_demand(loaded, strategy):
    game = Game(loaded, 11)
    checked = 0
    while not game.over and game.quarter < 12:
        draft = game.suggested_decisions(strategy)
        need = game.forecast(draft).gpus
        if 0 < need.rent_needed_a100e <= need.max_rent_a100e * 0.97:
            at_need = draft.model_copy(update={"gpu_rent_a100e": need.rent_needed_a100e})
            short = draft.model_copy(update={"gpu_rent_a100e": need.rent_needed_a100e * 0.97})
            if not game.check(at_need) and not game.check(short):
                assert game.preview(at_need).service_quality == pytest.approx(1.0, abs=1e-9)
                assert game.preview(short).service_quality < 0.99  # the figure is the least that serves all
                checked += 1
        game.end_quarter(draft)
    assert checked >= 4


def test_the_launch_forecast_counts_down_to_the_launch(loaded):
    game = Game(loaded, 5)
    said = []
    while game.quarter < 8:
        draft = game.suggested_decisions()
        said.append(game.forecast(draft).model.quarters_to_launch)
        game.end_quarter(draft)
        if game.turns[-1].view.launched:
            break
    assert game.turns[-1].view.launched, "historical launches its next flagship within two years"
    assert said[-1] == 0 and said == sorted(said, reverse=True)
    assert said[0] == len(said) - 1  # the first quarter's forecast named the launch quarter


def test_no_training_means_no_launch(loaded):
    game = Game(loaded, 5)
    draft = game.suggested_decisions().model_copy(update={"training_budget_usd": 0.0, "training_share": 0.0})
    assert game.forecast(draft).model.quarters_to_launch is None


async def test_the_form_shows_the_rent_needed_and_follows_the_draft(loaded):
    app = make_app(loaded, 3)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("d", "f3")
        await pilot.pause()
        screen = app.screen
        need = app.game.forecast(app.draft).gpus.rent_needed_a100e
        shown = str(screen.query_one("#plan-gpus", Static).render())
        assert f"{need:,.0f}" in shown and "for full service" in shown
        screen.query_one("#f-gpu_rent_a100e", Input).value = f"{round(need * 0.5):,}"
        await pilot.pause()
        assert "the rest is lost users and revenue" in str(screen.query_one("#plan-gpus", Static).render())
        await pilot.press("f6")
        await pilot.pause()
        assert "launches in" in str(screen.query_one("#plan-model", Static).render())
        await pilot.press("f5")
        await pilot.pause()
        talent = str(screen.query_one("#plan-talent", Static).render())
        assert "Chief scientist 12%" in talent and "engineering" in talent


async def test_a_rule_across_fields_marks_every_field_and_tab_it_involves(loaded):
    app = make_app(loaded, 3)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DecisionsScreen)
        tabs = screen.query_one("#tabs", TabbedContent)
        # More hires than the job market supplies: the rule is on the total, so all four turn red.
        screen.query_one("#f-hires--research", Input).value = "300"
        screen.query_one("#f-hires--safety", Input).value = "300"
        await pilot.pause()
        hires = [screen.query_one(f"#f-hires--{f}", Input) for f in ("research", "engineering", "safety", "go_to_market")]
        assert all(field.has_class("-invalid") for field in hires)
        assert tabs.get_tab("pane-talent").label.plain == "Talent ✗"
        assert tabs.get_tab("pane-model").label.plain == "Model"
        screen.query_one("#f-hires--safety", Input).value = "0"
        await pilot.pause()
        assert not any(field.has_class("-invalid") for field in hires)
        assert tabs.get_tab("pane-talent").label.plain == "Talent"
        # Spending over the cash: every field that spends is marked, on its own tab.
        screen.query_one("#f-training_budget_usd", Input).value = "9 B"
        await pilot.pause()
        assert "more than the cash available" in str(screen.query_one("#problems", Static).render())
        assert screen.query_one("#f-training_budget_usd", Input).has_class("-invalid")
        assert screen.query_one("#f-hires--research", Input).has_class("-invalid")  # hiring spends too
        assert not screen.query_one("#f-gpu_rent_a100e", Input).has_class("-invalid")  # rent is paid later
        assert {tabs.get_tab(f"pane-{t}").label.plain for t in ("model", "talent")} == {"Model ✗", "Talent ✗"}


async def test_the_report_sets_the_quarter_against_the_projection_and_names_the_draw_behind_a_miss(loaded):
    """Seed 16, the autopilot's second quarter: a cloud outage (a deck card) makes revenue come
    in under the projection the form showed, and the report says so beside the figure."""
    app = make_app(loaded, 16)
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(2):
            await pilot.press("ctrl+r", "ctrl+n")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        shown = as_text(app.screen.query_one("#report-variance", Static))
        assert "projected" in shown and "A cloud outage takes the chatbot down for hours" in shown
        assert "trailing-year revenue" in as_text(app.screen.query_one("#report-notes", Static))  # valuation's factors
    turn = app.game.turns[1]
    from game.text.explain import variances

    revenue = next(v for v in variances(loaded.scenario, app.game.turns[0].view, app.projections[1], turn.view)
                   if v.key == "revenue")
    assert revenue.off_projection and revenue.causes[0].startswith("A cloud outage")


def test_the_valuation_factors_multiply_to_its_change(loaded):
    from game.text.explain import valuation_factors

    game = Game(loaded, 3)
    for _ in range(6):
        before = game.status()
        game.end_quarter(game.suggested_decisions())
        after = game.status()
        product = 1.0
        for _, ratio in valuation_factors(before, after):
            product *= ratio
        assert product == pytest.approx(after.valuation_usd / before.valuation_usd, rel=1e-9)
