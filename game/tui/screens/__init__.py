"""One screen per module: picker, dashboard, decisions, report, debrief, help, quit."""
