"""Save files: atomic writes, careful loading with versions, replay checks, branches, exports.

- `save_game(game, path)` writes atomically and keeps the previous file as `<name>.bak` (io);
- `load_save(path)` reads a file it does not trust and raises `SaveError` with one line
  naming the file and what is wrong (load);
- `restore_game(save, upto_quarter)` / `branch_game(save, quarter_index)` re-play the
  decisions, checking each quarter against its snapshot; `verify_save(save)` says whether
  the re-run matches, and where it first does not (replay);
- `export_rows(save, "csv" | "json")`: one flat row per quarter (export).
"""

from game.play.saves.export import EXPORT_FORMATS, export_rows, export_table
from game.play.saves.io import (
    MAX_SAVE_BYTES, atomic_write_text, autosave_path, branch_path, save_from_game, save_game, save_new_game, save_to_json, saves_dir,
)
from game.play.saves.load import MIGRATIONS, describe_save, load_save, migrate, parse_save, scenario_of
from game.play.saves.replay import VerifyResult, branch_game, restore_game, verify_save, views_of

__all__ = [
    "EXPORT_FORMATS", "MAX_SAVE_BYTES", "MIGRATIONS", "VerifyResult", "atomic_write_text", "autosave_path", "branch_game",
    "branch_path", "describe_save", "export_rows", "export_table", "load_save", "migrate", "parse_save", "restore_game", "save_from_game",
    "save_game", "save_new_game", "save_to_json", "saves_dir", "scenario_of", "verify_save", "views_of",
]
