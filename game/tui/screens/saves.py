"""Open a save from the palette: resume it (enter) or step through it read-only (r).

Lists the saves folder's games, newest first, each described from its own file (scenario, seed,
quarters played, how it ended). A file that cannot be read is listed with the reason and cannot
be chosen: a damaged save is never opened half-way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from game.errors import SaveError
from game.models.save import SaveFile
from game.play.saves import describe_save, load_save

RESUME, REPLAY = "resume", "replay"


@dataclass(frozen=True)
class SaveEntry:
    path: Path
    save: SaveFile | None  # None: the file could not be read
    text: str  # one line: what it is, or why it cannot be opened


def list_saves(folder: Path) -> list[SaveEntry]:
    """Every *.json in `folder`, newest first, read and described (never raises)."""
    try:
        files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    entries = []
    for path in files:
        try:
            save = load_save(path)
        except SaveError as e:
            entries.append(SaveEntry(path, None, f"{path.name}: cannot be opened ({str(e).removeprefix(str(path) + ': ')})"))
            continue
        entries.append(SaveEntry(path, save, f"{path.name}: {describe_save(save)}"))
    return entries


class SavesScreen(ModalScreen[tuple[str, SaveEntry] | None]):
    """Choose a save; dismissed with (RESUME or REPLAY, the entry), or None."""

    BINDINGS = [
        Binding("enter", "choose_enter", "Open", id="saves_open", priority=True,
                tooltip="Resume the save (play on from its last quarter, saving to the same file); from Replay, replay it"),
        Binding("p", "choose('resume')", "Resume", id="saves_resume",
                tooltip="Play on from the save's last quarter (it keeps saving to the same file)"),
        Binding("r", "choose('replay')", "Replay", id="saves_replay",
                tooltip="Step through the saved game read-only (b there branches a new game)"),
        Binding("escape", "dismiss_none", "Close", id="saves_close"),
    ]

    def __init__(self, folder: Path, enter: str = RESUME) -> None:
        super().__init__()
        self.folder, self.enter = folder, enter  # enter: what enter does (the palette's Replay sets REPLAY)
        self.entries = list_saves(folder)

    def compose(self) -> ComposeResult:
        with Vertical(id="saves-dialog"):
            enter = "replays" if self.enter == REPLAY else "resumes"
            yield Label(f"[b]Open a save[/b] from {escape(str(self.folder))}: enter {enter} it · p resumes · "
                        "r replays · escape closes", id="saves-title")
            if not self.entries:
                yield Label("No saves here yet: a game saves itself after every quarter.", id="saves-empty")
            yield OptionList(*[Option(escape(e.text), disabled=e.save is None) for e in self.entries], id="saves-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _chosen(self) -> SaveEntry | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.entries:
            return None
        entry = self.entries[index]
        return entry if entry.save is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose_enter()

    def action_choose_enter(self) -> None:
        self.action_choose(self.enter)

    def action_choose(self, mode: str) -> None:
        entry = self._chosen()
        if entry is not None:
            self.dismiss((mode, entry))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
