"""The built-in postures: three ways to run a frontier lab, each a bet on what matters.

- frugal: spend from revenue, a stingy free tier mostly on the small model and higher
  prices, raise rarely and only venture money, list as soon as the rules and profits
  allow, sell if cornered (facts §4 'the way out': cut cost with small models).
- blitzscale: buy the market: a generous free tier on the flagship, low prices,
  training far ahead of revenue, pay above market, raise early and as much as venture
  investors offer (not the partner's or the sovereign fund's bigger cheques: a revenue
  share and the brand cost more than they bring), ship with little testing (facts §4
  'mega-raise', §3 'rushed launch').
- safety-first: test launches for a quarter (13 weeks, the longest that still launches a
  ready model in its quarter), staff safety well, pay and keep people,
  no sovereign money, turn for-profit only at the deadline (facts §5 'why they leave').
"""

from __future__ import annotations

from game.engine.decisions import STRATEGIC, VENTURE
from game.strategies.posture import Posture

frugal = Posture(
    headcount_growth_per_quarter=0.0, function_mix=(40, 40, 5, 15), pay_level=0.95,
    retention_grant_share_of_payroll=0.0, training_growth_per_quarter=-0.1, training_share_of_revenue=0.3,
    rent_headroom=0.0, free_tier_generosity=0.5, free_tier_small_model_share=0.8, distillation_share_of_training=0.15,
    subscription_price_usd_per_month=25.0,
    api_price_change_per_quarter=-0.04, raise_below_runway_quarters=2.0, raise_quarters_of_burn=4.0,
    term_sheets=(VENTURE,), uses_credit=True, convert="at-deadline", safety_testing_weeks=8.0,
    list_when_allowed=True, accept_acquihire=True,
)

blitzscale = Posture(
    headcount_growth_per_quarter=0.08, function_mix=(45, 35, 3, 17), pay_level=1.3,
    retention_grant_share_of_payroll=0.05, training_growth_per_quarter=0.15, training_share_of_revenue=1.2,
    rent_headroom=0.15, free_tier_generosity=1.5, free_tier_small_model_share=0.0, distillation_share_of_training=0.0,
    subscription_price_usd_per_month=18.0,
    api_price_change_per_quarter=-0.12, raise_below_runway_quarters=6.0, raise_quarters_of_burn=8.0,
    term_sheets=(VENTURE,), uses_credit=True, convert="early", safety_testing_weeks=2.0,
    list_when_allowed=False, accept_acquihire=False,
)

safety_first = Posture(
    headcount_growth_per_quarter=0.04, function_mix=(38, 30, 15, 17), pay_level=1.1,
    retention_grant_share_of_payroll=0.03, training_growth_per_quarter=0.05, training_share_of_revenue=0.6,
    rent_headroom=0.05, free_tier_generosity=1.0, free_tier_small_model_share=0.4, distillation_share_of_training=0.1,
    subscription_price_usd_per_month=20.0,
    api_price_change_per_quarter=-0.07, raise_below_runway_quarters=3.0, raise_quarters_of_burn=6.0,
    term_sheets=(VENTURE, STRATEGIC), uses_credit=True, convert="at-deadline", safety_testing_weeks=13.0,
    list_when_allowed=False, accept_acquihire=False,
)
