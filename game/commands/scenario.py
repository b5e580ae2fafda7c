"""`burnrate scenario validate|schema|list`: check and document scenario files."""

from __future__ import annotations

import json
import sys

from game.errors import ScenarioError
from game.models.scenario import Scenario
from game.scenarios import bundled_scenarios, load_scenario


def add_parser(sub) -> None:
    p = sub.add_parser("scenario", help="validate, document and list scenarios",
                       description="Check a scenario file, print its JSON Schema, or list the bundled scenarios.")
    inner = p.add_subparsers(dest="scenario_command", metavar="ACTION", parser_class=type(p))
    v = inner.add_parser("validate", help="check a scenario file; one line per problem",
                         description="Exit 0 with a summary when the file is good; exit 2 with FILE:LINE:COL lines when not.")
    v.add_argument("file", metavar="FILE", help="a YAML scenario file (or a bundled scenario name)")
    v.set_defaults(func=validate)
    s = inner.add_parser("schema", help="print the JSON Schema of scenario files (for editors)",
                         description="Print the JSON Schema of scenario files, for editor completion.")
    s.set_defaults(func=schema)
    ls = inner.add_parser("list", help="list the bundled scenarios, one line each",
                          description="List the bundled scenarios with their one-line descriptions.")
    ls.set_defaults(func=list_scenarios)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def validate(args) -> int:
    loaded = load_scenario(args.file)
    sc = loaded.scenario
    print(f"{loaded.path}: ok - {sc.id} '{sc.title}', {sc.quarters} quarters from {sc.start}, {len(sc.rivals)} rivals")
    return 0


def schema(args) -> int:
    json.dump(Scenario.model_json_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def list_scenarios(args) -> int:
    for path in bundled_scenarios():
        try:
            sc = load_scenario(str(path)).scenario
            print(f"{sc.id:<18} {sc.start} +{sc.quarters:>2}q  {sc.description}")
        except ScenarioError as e:
            print(f"{path.stem:<18} (invalid: {len(e.problems)} problems; run `burnrate scenario validate {path}`)")
    return 0
