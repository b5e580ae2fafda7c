"""Standing orders (issue 16): a quarter's draft is the player's own last decisions, with
one-off moves back to none; ctrl+r is the one way to take the autopilot's plan; a branch
starts from the original game's decisions; a carried value the new quarter's limits
cannot allow is cut to them, and the player is told."""

from __future__ import annotations

from textual.widgets import Input, RadioButton, RadioSet, Static

from game.models.decisions import QuarterDecisions, StaffChange, one_off_fields, standing_orders
from game.play.saves import load_save, save_game
from game.play.session import Game
from game.tui.app import make_app
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.decisions import DecisionsScreen
from game.tui.screens.report import ReportScreen


def plan_line(app) -> str:
    return str(app.screen.query_one("#plan", Static).render())


def test_standing_orders_keep_every_setting_and_drop_every_one_off_move():
    moves = QuarterDecisions(term_sheet=3, equity_raise_usd=5e9, credit_draw_usd=1e8, credit_repay_usd=2e7,
                             gpu_purchase_a100e=9_000, layoffs={"research": 3}, convert_to_for_profit=True,
                             accept_acquisition=True, ipo=True, subscription_price_usd_per_month=22.0,
                             pay_level=1.2, gpu_rent_a100e=300_219.85, hires={"engineering": 40},
                             safety_testing_weeks=13.0, retention_grants_usd=5e7, accept_offer=True)
    carried = standing_orders(moves)
    fresh = QuarterDecisions()
    assert set(one_off_fields()) == {"term_sheet", "equity_raise_usd", "credit_draw_usd", "credit_repay_usd",
                                     "gpu_purchase_a100e", "layoffs", "convert_to_for_profit",
                                     "accept_acquisition", "ipo", "accept_offer"}  # an answer is for one question
    for name in QuarterDecisions.model_fields:
        expected = getattr(fresh if name in one_off_fields() else moves, name)
        assert getattr(carried, name) == expected, name


async def test_the_players_decisions_carry_over_three_quarters_without_opening_the_form(loaded):
    app = make_app(loaded, 3)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "your standing orders" in plan_line(app)
        await pilot.press("d")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DecisionsScreen)
        form.query_one("#f-subscription_price_usd_per_month", Input).value = "22"
        form.query_one("#f-pay_level", Input).value = "1.2"
        form.query_one("#f-gpu_rent_a100e", Input).value = "420,000"
        form.query_one("#f-hires--research", Input).value = "30"
        sovereign = list(form.query_one("#f-term_sheet", RadioSet).query(RadioButton))[3]
        sovereign.value = True
        form.query_one("#f-equity_raise_usd", Input).value = "2 B"
        await pilot.pause()
        assert app.draft is not None and app.draft.equity_raise_usd == 2e9
        await pilot.press("escape")
        await pilot.pause()
        assert "as you set it" in plan_line(app) and "raise $2 B" in plan_line(app)
        for _ in range(3):
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert isinstance(app.screen, ReportScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen) and "your standing orders" in plan_line(app)
    first, *later = [t.decisions for t in app.game.turns]
    assert (first.term_sheet, first.equity_raise_usd) == (3, 2e9)
    for decided in later:
        assert decided.subscription_price_usd_per_month == 22.0 and decided.pay_level == 1.2
        assert decided.gpu_rent_a100e == 420_000 and decided.hires.research == 30
        assert decided.term_sheet == 0 and decided.equity_raise_usd == 0.0  # the round was a one-off
    # The whole game is the one the API plays with the same decisions.
    twin = Game(loaded, 3)
    for turn in app.game.turns:
        twin.end_quarter(turn.decisions)
    assert twin.turns[-1].view == app.game.turns[-1].view


async def test_ctrl_r_takes_the_autopilots_plan_and_it_is_played_exactly(loaded):
    app = make_app(loaded, 3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        autopilot = app.game.suggested_decisions("historical")
        assert app.draft == autopilot and "the autopilot's" in plan_line(app)
        await pilot.press("d")  # the form opens on the autopilot's plan and leaves it as it is
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.game.turns[0].decisions == autopilot
        # From the form too: ctrl+r there fills it with the autopilot's plan for the new quarter.
        await pilot.press("enter", "d")
        await pilot.pause()
        app.screen.query_one("#f-pay_level", Input).value = "2"
        await pilot.pause()
        assert app.draft.pay_level == 2.0
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.draft == app.game.suggested_decisions("historical")


async def test_a_branch_starts_from_the_original_games_decisions(loaded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    game = Game(loaded, 5)
    for quarter in range(3):
        decided = game.suggested_decisions("historical")
        game.end_quarter(decided.model_copy(update={"subscription_price_usd_per_month": 21.0 + quarter}))
    save = load_save(save_game(game, tmp_path / "three.json"))
    app = make_app(replay=(save, tmp_path / "three.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "b")  # branch at the second quarter
        await pilot.pause()
        assert app.game.quarter == 1 and app.draft == save.turns[1].decisions
        assert "the original game's" in plan_line(app)


def test_a_standing_order_the_new_quarter_cannot_allow_is_cut_to_its_limits(loaded):
    game = Game(loaded, 3)
    cash = game.status().cash_usd
    first = game.suggested_decisions("historical").model_copy(
        update={"term_sheet": 0, "equity_raise_usd": 0.0, "training_budget_usd": 0.9 * cash, "hires": StaffChange()})
    assert not game.check(first)
    game.end_quarter(first)
    draft, trimmed = game.standing_decisions()
    assert not game.check(draft)  # legal as drafted
    cut = {t.field: t for t in trimmed}
    assert "training_budget_usd" in cut
    assert cut["training_budget_usd"].carried == 0.9 * cash > cut["training_budget_usd"].drafted == draft.training_budget_usd


async def test_the_player_is_told_which_standing_orders_were_cut(loaded):
    app = make_app(loaded, 3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        cash = app.game.status().cash_usd
        app.screen.query_one("#f-training_budget_usd", Input).value = f"{0.9 * cash / 1e9:.2f} B"
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        # Said in the report, not in a toast over it (issue 16: toasts covered the report for 5 s).
        assert isinstance(app.screen, ReportScreen) and not app._notifications
        said = str(app.screen.query_one("#report-notices", Static).render())
    assert "Standing orders cut to this quarter's limits" in said and "Training budget: $" in said


async def test_the_score_is_in_view_and_the_projection_shows_dilution(loaded):
    """Issue 16: the first screen at 80x24 shows the stake as the score's formula, and the
    projection shows how a round dilutes the stake and moves the score."""
    app = make_app(loaded, 3)
    async with app.run_test(size=(80, 24)) as pilot:
        row = app.game.status()
        kpi = str(app.screen.query_one("#kpi-score", Static).render())
        assert f"{100 * row.founders_stake:.1f}% of $" in kpi and "= $" in kpi
        await pilot.press("d")
        await pilot.pause()
        form = app.screen
        list(form.query_one("#f-term_sheet", RadioSet).query(RadioButton))[3].value = True
        form.query_one("#f-equity_raise_usd", Input).value = "2 B"
        await pilot.pause()
        projection = str(form.query_one("#preview", Static).render())
        assert "Score $" in projection and "(the round dilutes it)" in projection and "valuation $" in projection
