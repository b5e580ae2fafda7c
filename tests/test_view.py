"""The quarter's view is generated from the mechanics' declarations, and stays so."""

from __future__ import annotations

from game.engine.view import VIEW_FILE, source, view_fields
from game.models.view import QuarterView, RecordedQuarter


def test_the_committed_view_is_current():
    assert VIEW_FILE.read_text() == source(), \
        "game/models/view.py is stale: run `.venv/bin/python -m game.engine.view --write`"


def test_every_view_field_says_its_unit_and_mechanic():
    for name, info in QuarterView.model_fields.items():
        extra = info.json_schema_extra or {}
        assert info.description and extra.get("unit"), name
        assert name == "quarter" or extra.get("section"), name
    assert set(RecordedQuarter.model_fields) == set(QuarterView.model_fields)


def test_a_view_of_a_played_quarter_has_every_field(loaded):
    from game.play.session import Game

    game = Game(loaded, 2)
    view = game.end_quarter(game.suggested_decisions()).view
    assert set(view.model_dump()) == {"quarter", *(f.name for f in view_fields())}
    assert view.quarter == "2024Q1" and view.outcome == "playing" and isinstance(view.headcount, int)
    assert set(view.rival_market_share) == {r.id for r in loaded.scenario.rivals}
    assert view.runway_quarters > 0 and view.headcount == sum(view.headcount_by_function.values())
