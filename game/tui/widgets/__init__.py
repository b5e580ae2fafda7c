"""Reusable widgets: charts, and tick boxes and radio buttons that show their state by glyph."""
