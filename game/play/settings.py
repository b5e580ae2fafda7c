"""The player's settings that outlive a game: today the theme.

They live in `settings.yaml` in the user's config directory (platformdirs: ~/.config/burnrate on
Linux, ~/Library/Application Support/burnrate on macOS, %APPDATA% on Windows), or in the folder
`BURNRATE_CONFIG_DIR` names. A missing file means the defaults; a damaged one is read as far as
it is valid, and the app says what it skipped (file, field, what is allowed) instead of failing:
a settings file must never keep the game from starting. Written atomically, like the saves.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.errors import SaveError
from game.play.saves.io import atomic_write_text

CONFIG_DIR_ENV = "BURNRATE_CONFIG_DIR"
FILE_NAME = "settings.yaml"
DEFAULT_THEME = "textual-dark"  # the game is drawn and checked in textual-dark and textual-light


@dataclass
class Settings:
    theme: str = DEFAULT_THEME
    problems: list[str] = field(default_factory=list)  # what a damaged file had that was skipped


def settings_path() -> Path:
    folder = os.environ.get(CONFIG_DIR_ENV)
    if not folder:
        import platformdirs

        folder = platformdirs.user_config_dir("burnrate", appauthor=False)
    return Path(folder) / FILE_NAME


def load(path: Path, themes: Iterable[str]) -> Settings:
    """The settings in `path`; `themes`: the theme names the app knows (any other is skipped)."""
    settings = Settings()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError) as e:
        settings.problems.append(f"{path}: cannot be read ({e}); using the defaults")
        return settings
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        settings.problems.append(f"{where}: not valid YAML; using the defaults")
        return settings
    if data is None:
        return settings
    if not isinstance(data, dict):
        settings.problems.append(f"{path}: expected a mapping such as 'theme: textual-light'; using the defaults")
        return settings
    for key, value in data.items():
        if key == "theme":
            known = sorted(themes)
            if value in known:
                settings.theme = value
            else:
                settings.problems.append(f"{path}: theme {value!r} is not one of {', '.join(known)}; "
                                         f"using {DEFAULT_THEME}")
        else:
            settings.problems.append(f"{path}: unknown setting {key!r} ignored (known: theme)")
    return settings


def save(path: Path, settings: Settings) -> str | None:
    """Write the settings; None when written, else why not (the game goes on either way)."""
    text = ("# Burn Rate's settings, written by the game (ctrl+t or the palette switches the theme)\n"
            + yaml.safe_dump({"theme": settings.theme}, sort_keys=False))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
    except OSError as e:
        return f"{path}: {e.strerror or e}"
    except SaveError as e:
        return str(e)
    return None
