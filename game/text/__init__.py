"""Words and numbers for people: formats, refusal messages, news, explanations, tables.
Headless: no UI imports; reads views and the scenario, never engine arrays."""
