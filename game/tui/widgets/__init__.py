"""Reusable widgets: charts and the validated decision field."""
