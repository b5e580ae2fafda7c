"""The quarter's news for one game: headlines with the facts.md row each rests on.

Built from the engine's report (which events fired, who launched, who left) and the
scenario's names, so the engine never handles text.
"""

from __future__ import annotations

import numpy as np

from game.engine import Params, Report
from game.text.format import fmt_usd


def quarter_news(params: Params, quarter: int, report: Report, i: int = 0) -> list[dict[str, str]]:
    sc = params.scenario
    news: list[dict[str, str]] = []

    def add(headline: str, fact: str) -> None:
        news.append({"headline": headline, "fact": fact})

    if not report.played[i]:
        return news
    for spec in params.events.timeline.get(quarter, ()):
        add(spec.headline, spec.fact)
    card = int(report.events.event_card[i])
    if card >= 0:
        add(params.events.deck[card].headline, params.events.deck[card].fact)
    if report.training.launched[i]:
        gain = float(report.training.launch_gain[i])
        verdict = "impresses" if gain >= sc.world.launch_disappointment_below else "disappoints"
        add(f"Our new flagship launches and {verdict} (capability +{gain:.2f})",
            "§3 'training cost of one frontier model'" if verdict == "impresses" else "§6 'bubble talk'")
    if report.safety.safety_incident[i]:
        add("Safety incident after a rushed launch; regulators open an inquiry", "§3 'rushed launch'")
    for k, rival in enumerate(sc.rivals):
        if report.rivals.rival_launched[i, k]:
            add(f"{rival.name} launches a new flagship", "§3 'launch timing'")
        if report.rivals.rival_exited[i, k]:
            add(f"{rival.name} leaves the market", "§4 'a lab that could not raise'" if rival.kind == "cannot-raise"
                else "§4 'a lab bought for its people'")
    for k, person in enumerate(sc.world.key_people):
        if report.talent.key_people_left[i, k]:
            add(f"{person.role} {person.name} leaves the lab", "§5 'departures'")
    if report.talent.spin_out[i] and params.rivals.spin_out_rival >= 0:
        add(f"Former staff found {sc.rivals[params.rivals.spin_out_rival].name}", "§5 'the core team'")
    if report.funding.converted[i]:
        add("The lab turns for-profit; some staff leave in protest", "§4 'conversion deadline'")
    if report.funding.turned_to_debt_usd[i] > 0:
        add(f"Conversion deadline missed: {fmt_usd(float(report.funding.turned_to_debt_usd[i]))} of equity turns into debt",
            "§4 'conversion deadline'")
    if report.funding.equity_raised_usd[i] > 0:
        add(f"The lab raises {fmt_usd(float(report.funding.equity_raised_usd[i]))}", "§4 'round, Oct 2024'")
    if report.finance.automatic_draw_usd[i] > 0:
        add(f"Cash ran short: {fmt_usd(float(report.finance.automatic_draw_usd[i]))} drawn on the credit line", "§4 'credit line'")
    return news
