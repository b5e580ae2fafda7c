"""One module per mechanic. Each holds its parameters (built from the scenario), its slice
of the state, its flows, `initial()` and the functions `step` calls in the quarter's order.
Mechanics import the kernel, game.models and, to read another mechanic's slice, nothing
else: they talk through keyword arguments."""
