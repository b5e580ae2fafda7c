"""How long a quarter is, in the units the sources give prices in."""

HOURS_PER_QUARTER = 8760.0 / 4.0  # GPU rent is quoted per hour (facts §2)
MONTHS_PER_QUARTER = 3.0  # subscriptions are quoted per month (facts §3)
QUARTERS_PER_YEAR = 4.0  # revenue run-rates and pay are quoted per year
TRAILING_YEAR = 4  # quarters in a trailing year (valuation's revenue and margin), as a count
