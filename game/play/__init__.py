"""Playing games: the one loop (runner), an interactive game (session), many games (lab),
the balance table, and saves."""
