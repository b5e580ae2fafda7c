"""The arrows between the layers run one way (read from every import statement, function
level ones included):

    models  <-  engine  <-  strategies  <-  play (session, lab, saves)  <-  tui, commands
      ^           ^                                   |
      +-- text ---+-- (text reads models only) -------+

- game/models imports nothing else of game (the package root holds only constants);
- game/engine imports numpy, the standard library and game.models only;
- game/text imports game.models only (it words views, refusals and scenarios);
- game/tui talks to the session: never to the engine or the strategies.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

RULES = {
    # layer: (game packages it may import, other libraries it may import)
    "models": ({"game.models"}, {"pydantic", "pydantic_core", "annotated_types"}),  # (pydantic_core: pydantic's own errors)
    "engine": ({"game.engine", "game.models"}, {"numpy"}),
    "text": ({"game.text", "game.models"}, set()),
    "tui": ({"game.tui", "game.play", "game.models", "game.text", "game.errors", "game.scenarios"}, {"textual", "rich"}),
}


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), str(path))
    module = ".".join(path.relative_to(GAME.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            out += [(node.lineno, f"{name}.{alias.name}" if name == "game" else name) for alias in node.names]
    return out


def allowed(name: str, ours: set[str], libraries: set[str]) -> bool:
    top = name.split(".")[0]
    if top != "game":
        return top in STDLIB or top in libraries
    if name in ("game.ENGINE_VERSION", "game.MAX_SEED"):  # the root package: constants, importing nothing
        return True
    return any(name == p or name.startswith(p + ".") for p in ours)


@pytest.mark.parametrize("layer", RULES)
def test_imports_run_the_right_way(layer):
    ours, libraries = RULES[layer]
    wrong = [f"{path.relative_to(GAME.parent)}:{line}: {name}"
             for path in sorted((GAME / layer).rglob("*.py"))
             for line, name in imports_of(path) if not allowed(name, ours, libraries)]
    assert not wrong, f"game/{layer} may import only {sorted(ours | libraries)}:\n" + "\n".join(wrong)


def test_the_root_package_imports_nothing_of_ours():
    assert [name for _, name in imports_of(GAME / "__init__.py")] == []
