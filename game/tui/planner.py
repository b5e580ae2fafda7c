"""The planning aids on the decisions form, in words: the GPUs the projected demand needs
(beside the rent and purchase fields), the next model's progress (beside the training
budget), the staff and the key people (atop the Talent tab).

The numbers come from game.play.planning (read from the preview's projection) and from the
position; this module only words them, so the form and a test read the same figures.
"""

from __future__ import annotations

from game.models.quarters import quarter_label
from game.play.session import Forecast, Position
from game.text.format import fmt_count, pct, pretty_quarter

# The planner line shown under a field: field path -> widget id.
AFTER_FIELD = {"gpu_rent_a100e": "plan-gpus", "training_budget_usd": "plan-model"}

_WAITING = "[dim]The plan appears when every decision is allowed.[/dim]"


def plan_texts(position: Position, forecast: Forecast | None) -> dict[str, str]:
    """Each planner line's text, by widget id (without a forecast: a word that it is coming)."""
    if forecast is None:
        return {widget_id: _WAITING for widget_id in AFTER_FIELD.values()}
    return {"plan-gpus": gpu_text(forecast), "plan-model": model_text(position, forecast)}


def gpu_text(forecast: Forecast) -> str:
    g = forecast.gpus
    if g.hours_needed <= 0:
        return "No demand to serve next quarter: rented GPUs would stand idle."
    owned = f" beside the {fmt_count(g.owned_serving_a100e)} owned GPUs that serve" if g.owned_serving_a100e >= 1 else ""
    text = (f"[b]Demand[/b] (at these prices and free tier) needs [b]{fmt_count(g.rent_needed_a100e)}[/b] rented{owned} "
            f"for full service; this rent serves [b]{pct(g.service_quality)}[/b] of it")
    if g.service_quality < 0.995:
        text += " [b $warning]· the rest is lost users and revenue[/]"
    elif g.rent_a100e > 1.05 * g.rent_needed_a100e + 1:
        text += f" · {fmt_count(g.rent_a100e - g.rent_needed_a100e)} would stand idle"
    if g.rent_short_of_supply_a100e > 0:
        text += (f"\n[b $warning]The cloud rents at most {fmt_count(g.max_rent_a100e)}[/]: order GPUs to close the "
                 f"{fmt_count(g.rent_short_of_supply_a100e)} gap (they arrive {g.lead_time_quarters} quarter"
                 f"{'s' if g.lead_time_quarters != 1 else ''} after the order)")
    return text


def model_text(position: Position, forecast: Forecast) -> str:
    m = forecast.model
    if m.launches_now:
        return "[b]Next flagship[/b]: ready, it launches this quarter (10x the compute of the last)"
    done = (f"[b]Next flagship[/b]: {pct(m.progress)} of its compute after this quarter "
            f"({fmt_count(m.run_a100e_hours)} of {fmt_count(m.needed_a100e_hours)} A100e-hours)")
    if m.quarters_to_launch is None:
        return done + " · [b $warning]no training compute: it never launches at this pace[/]"
    if m.quarters_to_launch > position.quarters - position.turn:
        return done + f" · at this pace it launches after the game ends ({m.quarters_to_launch} quarters)"
    when = quarter_label(position.quarter_label, m.quarters_to_launch)
    held = " (the testing weeks hold it a quarter)" if m.held_for_testing else ""
    return done + f" · at this pace it launches in [b]{pretty_quarter(when)}[/b]{held}"


def talent_text(position: Position) -> str:
    """The staff by function and what each key person still here is worth."""
    status, sc = position.status, position.scenario
    staff = " · ".join(f"{fmt_count(n)} {name.replace('_', '-')}" for name, n in status.headcount_by_function.items())
    engineers = sc.talent.engineering_headcount_needed
    lines = [f"[b]Staff[/b]: {staff} = {fmt_count(status.headcount)} "
             f"({fmt_count(engineers)} engineers keep the service running)"]
    people = [k for k in sc.world.key_people if status.key_people.get(k.id, False)]
    gone = len(sc.world.key_people) - len(people)
    if people:
        names = " · ".join(f"{k.role} {k.research_weight:.0%}" for k in people)
        lines.append(f"[b]Key people[/b], share of research speed each is worth: {names}")
    spin = sc.world.spin_out_after_departures
    lines.append(f"Each departure costs {sc.talent.morale_hit_per_key_exit:.0%} of morale; {spin} gone found a rival "
                 f"({gone} gone so far). Pay over market and retention grants keep people.")
    return "\n".join(lines)
