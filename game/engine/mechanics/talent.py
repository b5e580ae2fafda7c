"""Talent: headcount by function, pay against the market, morale, attrition, key people.

Facts rows: §1 "2024 staff cost" (~1.5 B for ~1,500 people: ~1 M $ per head-year),
§1 "headcount" (770 -> 1,700), §5 "departures" and "the core team" (16 of 51 left in
about four years: ~2.3% a quarter), §5 "why they leave" and "cost of talent" (pay and
morale drive attrition; the talent war raises market pay), §5 'leadership exits, Sep 2024'
and 'a lab that came apart' (named key people leave, cutting research speed), §5 'the
core team' (a group that leaves founds a rival), §5 'why they leave' (rivals' offers,
the turn to profit, neglected safety).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.kernel import portable_math as pm
from game.engine.kernel.arrays import repeat_row, row_max, row_sum
from game.engine.kernel.periods import QUARTERS_PER_YEAR
from game.engine.kernel.rng import QuarterDraws
from game.engine.kernel.sections import from_sections
from game.engine.kernel.tree import derived, hidden, leaf
from game.engine.mechanics.events import EffectTotals
from game.models.scenario import FUNCTIONS, Scenario

N_FUNCTIONS = len(FUNCTIONS)  # research, engineering, safety, go_to_market
RESEARCH, ENGINEERING, SAFETY, GO_TO_MARKET = range(N_FUNCTIONS)


@dataclass(frozen=True)
class Params:
    annual_pay_usd_per_head: float
    market_pay_growth_per_quarter: float
    hiring_cost_usd_per_hire: float
    max_hires_per_quarter: int
    base_attrition_per_quarter: float
    attrition_pay_sensitivity: float
    attrition_morale_sensitivity: float
    attrition_noise_sd: float
    morale_adjustment_per_quarter: float
    morale_pay_weight: float
    layoff_morale_hit: float
    morale_neutral: float
    morale_pay_range: float
    max_attrition_per_quarter: float
    severance_quarters_of_pay: float
    engineering_headcount_needed: float
    go_to_market_headcount_needed: float
    morale_hit_per_key_exit: float
    research_speed_floor: float
    research_reference_headcount: float
    research_elasticity: float
    poaching_attrition_per_capability_gap: float
    neglected_safety_attrition: float
    retention_grant_effect: float
    spin_out_after_departures: int
    key_research_weight: np.ndarray  # (K,)
    key_departure_probability: np.ndarray  # (K,)
    spin_out_possible: bool  # the scenario has a rival that our departing key people found

    @classmethod
    def from_scenario(cls, sc: Scenario) -> "Params":
        people = sc.world.key_people
        return from_sections(
            cls, sc.talent, sc.training, sc.world,
            key_research_weight=np.asarray([k.research_weight for k in people], dtype=np.float64),
            key_departure_probability=np.asarray([k.departure_probability_per_quarter for k in people], dtype=np.float64),
            spin_out_possible=any(r.enters == "on-spin-out" for r in sc.rivals),
        )


@dataclass(frozen=True)
class State:
    headcount: np.ndarray = leaf("people", "Headcount by function", "§1 'headcount'", name="headcount_by_function", table="functions", kind="int")
    key_people_present: np.ndarray = leaf("flag", "Key people still here", "§5 'leadership exits, Sep 2024'", name="key_people", table="key_people", kind="bool")
    key_people_departed: np.ndarray = leaf("people", "Key people gone so far", "§5 'departures'", kind="int")
    spun_out: np.ndarray = leaf("flag", "Departed people have founded a rival", "§5 'the core team'", kind="bool")
    morale: np.ndarray = leaf("share", "Morale (70% is neutral at market pay)", "§5 'why they leave'")
    market_pay_usd_per_year: np.ndarray = leaf("usd_per_year", "Market pay per head", "§1 'cost of talent'")

    @derived("people", "Headcount", "§1 'headcount'", name="headcount", kind="int")
    def total_headcount(self) -> np.ndarray:
        return row_sum(self.headcount)


@dataclass(frozen=True)
class Flows:
    staff_cost_usd: np.ndarray = leaf("usd", "Staff: pay, hiring, severance and retention grants", "§1 '2024 staff cost'")
    hiring_cost_usd: np.ndarray = leaf("usd", "Recruiting cost", "§5 'talent flows both ways'")
    severance_usd: np.ndarray = leaf("usd", "Severance for the people laid off", "§5 'a lab that came apart'")
    departures: np.ndarray = leaf("people", "People who left of their own accord", "§5 'why they leave'")
    attrition_rate: np.ndarray = leaf("share", "Attrition this quarter", "§5 'departures'")
    key_people_left: np.ndarray = leaf("flag", "Key people who left this quarter", "§5 'departures'", table="key_people", kind="bool")
    key_people_taken: np.ndarray = leaf("flag", "Key people an event took this quarter (the news names them in its headline)",
                                        "§5 'leadership exits, Sep 2024'", table="key_people", kind="bool")
    spin_out: np.ndarray = leaf("flag", "Departed people founded a rival this quarter", "§5 'the core team'", kind="bool")


@dataclass(frozen=True)
class People:
    state: State
    flows: Flows
    payroll_usd: np.ndarray  # pay, hiring and severance, without the retention grants
    research_multiplier: np.ndarray  # research speed against the reference team with every key person
    engineering_factor: np.ndarray  # 1 with enough engineers to run the service; less in proportion
    go_to_market_factor: np.ndarray  # 1 with enough sales and support staff; less in proportion


def initial(sc: Scenario, batch: int) -> State:
    c = sc.company
    return State(
        headcount=repeat_row(c.headcount.as_tuple(), batch),
        key_people_present=np.ones((batch, len(sc.world.key_people)), dtype=bool, order="F"),
        key_people_departed=np.zeros(batch, dtype=np.int64),
        spun_out=np.zeros(batch, dtype=bool),
        morale=np.full(batch, float(c.morale)),
        market_pay_usd_per_year=np.full(batch, float(sc.talent.annual_pay_usd_per_head)),
    )


def poaching_pressure(*, capability: np.ndarray, rival_capability: np.ndarray, rival_active: np.ndarray,
                      params: Params) -> np.ndarray:
    """Extra attrition when the best rival's model is ahead of ours: its offers look better."""
    best_rival = row_max(np.where(rival_active, rival_capability, -np.inf))
    return params.poaching_attrition_per_capability_gap * np.maximum(best_rival - capability, 0.0)


def advance(*, state: State, hires: np.ndarray, layoffs: np.ndarray, pay_level: np.ndarray,
            retention_grants_usd: np.ndarray, poaching: np.ndarray, safety_neglected: np.ndarray, hit: EffectTotals,
            conversion_morale_shock: np.ndarray, draws: QuarterDraws, params: Params) -> People:
    """Layoffs, attrition (pay, grants, morale, poaching, neglected safety, events), hires,
    and key people, whose departure slows research and may found a rival."""
    headcount = state.headcount
    # (mask * value is np.where(mask, value, 0) for finite values, at a quarter of the cost)
    pressure = poaching + safety_neglected * params.neglected_safety_attrition + hit.attrition
    morale_shock = hit.morale - conversion_morale_shock
    total_before = row_sum(headcount)
    layoff_fraction = row_sum(layoffs) / np.maximum(total_before, 1.0)
    pay_pull = params.morale_pay_weight * (pay_level - 1.0)
    morale_target = params.morale_neutral + params.morale_pay_range * pay_pull / (1.0 + np.abs(pay_pull))  # saturates
    morale = np.clip(
        state.morale + params.morale_adjustment_per_quarter * (morale_target - state.morale)
        - params.layoff_morale_hit * layoff_fraction + morale_shock,
        0.0,
        1.0,
    )
    market_pay = state.market_pay_usd_per_year
    luck = 1.0 + params.attrition_noise_sd * draws.centered("talent/attrition")
    grant_per_head_year = QUARTERS_PER_YEAR * retention_grants_usd / np.maximum(total_before, 1.0)
    keep = pm.exp(-params.attrition_pay_sensitivity * (pay_level - 1.0)
                  - params.retention_grant_effect * grant_per_head_year / market_pay)
    # How much likelier than usual anyone is to leave: pay, grants, morale, luck, pressure.
    leave_factor = keep * (1.0 + params.attrition_morale_sensitivity * (1.0 - morale)) * luck
    attrition = np.clip(params.base_attrition_per_quarter * leave_factor + pressure, 0.0, params.max_attrition_per_quarter)
    relative = attrition / params.base_attrition_per_quarter

    # The quarter's events take the most senior key people still here (the first listed),
    # as many as they say (`events.draw` counts no more than are here). Then at most one
    # of the others leaves of their own accord: the quarter's draw is laid against each
    # one's odds (moved like everyone's) end to end.
    key_present = state.key_people_present
    seniority = np.cumsum(key_present, axis=1)  # 1 for the most senior still here, 2 for the next...
    taken = np.asfortranarray(key_present & (seniority <= hit.key_people_leaving[:, None]))
    staying_key = key_present & ~taken
    key_left = taken.copy(order="F")  # column-major like every table (see kernel.arrays)
    draw = draws.uniform("talent/key-people")
    reach = np.zeros_like(draw)
    for k, base in enumerate(params.key_departure_probability):
        odds = staying_key[:, k] * (base * relative)
        key_left[:, k] |= (draw >= reach) & (draw < reach + odds)
        reach = reach + odds
    key_present = key_present & ~key_left
    key_left_now = row_sum(key_left.astype(np.float64))
    morale = np.clip(morale - params.morale_hit_per_key_exit * key_left_now, 0.0, 1.0)  # each exit shakes the rest
    staying = np.maximum(headcount - layoffs, 0.0)
    departures = staying * attrition[:, None]
    after = staying - departures + hires
    average = 0.5 * (total_before + row_sum(after))
    pay = average * market_pay * pay_level / QUARTERS_PER_YEAR
    hiring_cost = row_sum(hires) * params.hiring_cost_usd_per_hire
    severance = row_sum(np.minimum(layoffs, headcount)) * market_pay * pay_level / QUARTERS_PER_YEAR * params.severance_quarters_of_pay
    payroll = pay + hiring_cost + severance
    research = after[:, RESEARCH]
    engineering = staffed(after[:, ENGINEERING], params.engineering_headcount_needed)
    missing_weight = row_sum(~key_present * params.key_research_weight)
    departed = state.key_people_departed + key_left_now.astype(np.int64)
    spin_out_now = ~state.spun_out & (departed >= params.spin_out_after_departures)
    if not params.spin_out_possible:
        spin_out_now = np.zeros_like(spin_out_now)
    return People(
        state=State(
            headcount=after,
            key_people_present=key_present,
            key_people_departed=departed,
            spun_out=state.spun_out | spin_out_now,
            morale=morale,
            market_pay_usd_per_year=market_pay * (1.0 + params.market_pay_growth_per_quarter),
        ),
        flows=Flows(
            staff_cost_usd=payroll + retention_grants_usd,
            hiring_cost_usd=hiring_cost,
            severance_usd=severance,
            departures=row_sum(departures),
            attrition_rate=attrition,
            key_people_left=key_left,
            key_people_taken=taken,
            spin_out=spin_out_now,
        ),
        payroll_usd=payroll,
        research_multiplier=pm.power(np.maximum(research, 1.0) / params.research_reference_headcount, params.research_elasticity)
        * np.maximum(1.0 - missing_weight, params.research_speed_floor) * engineering,
        engineering_factor=engineering,
        go_to_market_factor=staffed(after[:, GO_TO_MARKET], params.go_to_market_headcount_needed),
    )


def staffed(headcount: np.ndarray, needed: float) -> np.ndarray:
    """1 with at least `needed` people in a function; in proportion below (1 when none are needed)."""
    return np.minimum(headcount / needed, 1.0) if needed > 0 else np.ones_like(headcount)


def shaken(*, state: State, morale_shock: np.ndarray) -> State:
    """Morale after a later blow in the same quarter (a safety incident at launch)."""
    return State(
        headcount=state.headcount,
        key_people_present=state.key_people_present,
        key_people_departed=state.key_people_departed,
        spun_out=state.spun_out,
        morale=np.clip(state.morale + morale_shock, 0.0, 1.0),
        market_pay_usd_per_year=state.market_pay_usd_per_year,
    )

