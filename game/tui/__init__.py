"""The terminal UI: the only package that imports textual. Start it with `make_app` (app.py)."""
