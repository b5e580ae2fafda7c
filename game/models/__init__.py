"""Pydantic models at the edges: scenario files, decisions, saves and reports."""
