"""Help: what every number on the screens means, where it comes from, and the keys."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from functools import cache

from rich.console import Console
from rich.markdown import Markdown
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input

from game.text import glossary
from game.tui.screens.kept import KeptModalScreen
from game.tui.widgets.footer import Footer

HELP_TEMPLATE = """\
# Burn Rate: how to read the screens

One turn is one quarter. Set the **decisions** (`d`), then **end the quarter** (`ctrl+n`).
A report says what happened and why; the game ends on bankruptcy, a listing, or the last
quarter, with a debrief. Every figure traces to a row of `facts.md`, cited as §section 'row'.

## Keys
Each screen's keys, from the bindings the screens declare (the footer shows the main ones;
click them with the mouse too). `tab` moves between fields; in this help, `/` searches and
the arrows, `page up` / `page down`, `home` / `end` and the mouse wheel scroll.

{keys}

## The dashboard
- **Cash**: money in the bank after the quarter: {cash_identity}.
- **Runway**: quarters of burn left = cash / last quarter's burn; "no burn" when the lab makes money. §4 'runway, Jul 2024'.
- **Profit**: net income = revenue - operating cost - depreciation - interest. §1 '2024 net loss (expected)'.
- **Your stake: the score**: the founders' stake x the equity value (valuation + cash - debt and investors' claims) = the score if the game ended now; a round dilutes the stake, and a bankrupt lab is worth nothing.
- **Plan**: this quarter's notable decisions as they stand, and where they came from: your standing orders (last quarter's decisions carried on; one-off moves such as a round, a credit draw, a GPU purchase, layoffs or a listing go back to none; a value this quarter's limits cannot allow is cut to them and you are told), the autopilot's (`ctrl+r`), or as you set them.
- **Market share**: you against every rival lab; users / paying = monthly active users and subscribers; API share of tokens. §1 'share of traffic', §1 'monthly active users'.
- **Talent**: headcount by function, morale (70% is neutral at market pay), people who left last quarter, key people when the scenario names them. §1 'headcount', §5 'why they leave'.
- **Income statement**: subscriptions = subscribers x price x 3; business seats = seats x (subscription price x the scenario's seat multiple) x 3, companies buying seats on the chatbot their staff use, answering the price as subscribers do (§1 'enterprise use'); API = tokens x price; inference = tokens served / throughput x $ per GPU-hour (§2 'partner's price for that cluster'); idle GPUs = paid GPU-hours not used; training = budget + owned GPU-hours kept for training (§1 '2024 training cost, data included'); staff = headcount x market pay x pay level, plus hiring costs and severance for layoffs (§1 '2024 staff cost').
- **Compute**: GPUs in A100-equivalents owned and rented; utilisation = GPU-hours used / paid; service quality = share of demand served (below 100% the service slows and users leave, §2 'GPU shortage'); capability of your flagship model and its generation.
- **Money & sentiment**: valuation (a multiple of the last four quarters' revenue that rises with their growth over the best year before and with the margin, times sentiment), the founders' stake (your score is the stake's share of the equity at the end: valuation plus cash, less debt and investors' claims), debt on the credit line, market sentiment when the scenario has it.
- **News**: the quarter's events, each with its source fact.
- **Charts**: cash, revenue against operating cost, and your share against the strongest rival, one bar per quarter on a shared scale.

## The decisions
Each tab of the form (`f2`-`f6`); the ranges are the engine's own (limits that depend on
the quarter, such as the offer on the table or the GPU market, show beside each field).

{decisions}

Amounts can be typed as `6.6 B`, `500 M`, `250k` or `1,700`. A refused value is marked red and the
engine's message names the field and the allowed range; nothing changes until every value is allowed.
The projection under the form (beside it on a wide terminal) shows next quarter's cash, runway, users and staff if you end the
quarter now and nothing unexpected happens (no surprise event, incident or departure; rivals have
an average quarter). It is the same whatever the seed: the real quarter is known only after `ctrl+n`.

**Inbox**: some events ask a question (a rival offers your most senior leader a founding role; a phone
maker offers to ship your assistant). The question shows above the tabs the quarter after it was asked,
with the card's two answers: tick the box to accept, leave it unticked to decline. It is answered when
you end that quarter (the dashboard's plan line says which answer stands) and asked only once; the
answer is a one-off move, so it is never carried on to a later quarter.

Beside the fields, the form plans with you, from the same projection:
- **GPUs to rent**: the GPUs next quarter's demand needs at the draft's prices and free tier (owned GPUs not
  kept for training serve first), the share of demand the draft's rent serves, the GPUs that would stand
  idle, and, when the cloud cannot rent that many, the gap only an order (arriving after the lead time) closes.
- **Training budget**: the next flagship's progress (compute put in of the 10x it needs) and, at this
  quarter's pace, the quarter it launches; testing longer than the limit holds a ready model a quarter.
- **Talent**: the staff by function beside each hire field, the engineers the service needs, and what each
  key person still here is worth in research speed (a departure also costs morale; enough of them found a rival).
- A rule across fields (hires over the job market, spending over the cash) marks every field it involves,
  and a tab with a refused field shows ✗.

## The report and the debrief
The report lists the biggest drivers of the change in cash, users and staff, each with its formula
and its facts.md row. The debrief charts the whole game and lists the turning points: the quarters
that moved the founders' stake value most, with the decisions and events behind them.

Every number a quarter records (in saves, `simulate --json` and `replay --export`), with its
unit, its facts.md row and the mechanic it comes from: `burnrate replay --schema`.
"""


@cache
def help_text() -> str:
    """The help, its reference tables written from the declarations they describe."""
    return HELP_TEMPLATE.format(cash_identity=glossary.cash_identity(), decisions=glossary.decisions_markdown(),
                                keys=keys_markdown())


_KEY_NAMES = {"question_mark": "?", "slash": "/", "left": "←", "right": "→"}


def keys_markdown() -> str:
    """Every key of every screen, from the screens' own bindings (a key added there appears here)."""
    from game.tui.app import BurnRateApp
    from game.tui.screens.dashboard import DashboardScreen
    from game.tui.screens.debrief import DebriefScreen
    from game.tui.screens.decisions import DecisionsScreen
    from game.tui.screens.picker import PickerScreen
    from game.tui.screens.replay import ReplayScreen
    from game.tui.screens.report import ReportScreen
    from game.tui.screens.saves import SavesScreen

    where = [("everywhere", BurnRateApp), ("dashboard", DashboardScreen), ("decisions", DecisionsScreen),
             ("report", ReportScreen), ("debrief", DebriefScreen), ("replay", ReplayScreen),
             ("open a save", SavesScreen), ("scenario picker", PickerScreen), ("help", HelpScreen)]
    rows = ["| where | key | does |", "|---|---|---|"]
    for name, owner in where:
        for b in owner.BINDINGS:
            keys = " / ".join(f"`{_KEY_NAMES.get(k, k)}`" for k in b.key.split(","))
            rows.append(f"| {name} | {keys} | {b.tooltip or b.description} |")
    rows.append("| everywhere | `ctrl+p` | the command palette: every game command (open a save, replay one, last report, ...), themes, a screenshot |")
    return "\n".join(rows)


def sections(text: str) -> list[tuple[str, list[str | list[str]]]]:
    """(heading, blocks) of each `##` section: a block is a bullet, a paragraph, or a table
    (its rows, header first), the units a search keeps or drops."""
    out = []
    for part in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = part.partition("\n")
        blocks: list[str | list[str]] = []
        for chunk in re.split(r"\n\s*\n", body.strip()):
            lines = chunk.split("\n")
            if lines[0].startswith("|"):
                blocks.append(lines)
            elif lines[0].startswith("- "):
                for line in lines:
                    if line.startswith("- "):
                        blocks.append(line)
                    else:  # a bullet's wrapped line
                        blocks[-1] += "\n" + line
            else:
                blocks.append(chunk)
        out.append((heading.strip(), blocks))
    return out


def search(text: str, query: str) -> str:
    """The help cut to what mentions `query` (case apart): a section whose heading matches
    whole, else its matching bullets, paragraphs and table rows (a table keeps its header)."""
    query = query.strip().lower()
    if not query:
        return text
    kept = []
    for heading, blocks in sections(text):
        whole = query in heading.lower()
        body = []
        for block in blocks:
            if isinstance(block, list):
                header, rows = block[:2], block[2:]
                hits = rows if whole else [r for r in rows if query in r.lower()]
                if hits:
                    body.append("\n".join([*header, *hits]))
            elif whole or query in block.lower():
                body.append(block)
        if body:
            kept.append(f"## {heading}\n\n" + "\n\n".join(body))
    if not kept:
        return f"Nothing in the help mentions **{query}**. Try a shorter word, such as *rent*, *stake* or *morale*."
    return f"*Help sections that mention* **{query}** *(`escape` clears the search)*\n\n" + "\n\n".join(kept)


class MarkdownView(ScrollView):
    """Markdown drawn once per width into lines, and only the lines in view rendered (the Line
    API): Textual's Markdown makes a widget of every block and table cell (about a second to
    lay out the help), and rich's Markdown in a Static is drawn again for every measure."""

    def __init__(self, source: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.source, self.drawn_at, self.lines = source, 0, []

    def show(self, source: str) -> None:
        self.source, self.drawn_at = source, 0
        self.draw()
        self.scroll_home(animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self.draw()

    def draw(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self.drawn_at:
            return
        self.drawn_at = width
        console = Console(width=width, color_system="truecolor", force_terminal=True, legacy_windows=False)
        self.lines = [Strip(line, width) for line in
                      console.render_lines(Markdown(self.source), console.options.update(width=width))]
        self.virtual_size = Size(width, len(self.lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        if index >= len(self.lines):
            return Strip.blank(self.scrollable_content_region.width, self.rich_style)
        return self.lines[index].apply_style(self.rich_style)  # the theme's colours under the text's


class HelpScreen(KeptModalScreen):
    """The help: scrolls by keyboard and mouse, and `/` searches it. Installed once (the app's
    "help" screen) and opened from the top each time, its search cleared."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_help", tooltip="Clear the search, or back to the game"),
        Binding("f1,question_mark,q", "app.pop_screen", "Close", id="close_help_now", show=False, tooltip="Back to the game"),
        Binding("slash,ctrl+f", "search", "Search", id="search_help", key_display="/", tooltip="Search the help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.text = help_text()
        self.shown = self.text  # the help as shown: all of it, or what the search found

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Input(placeholder="/ to search the help (rent, stake, morale …)", id="help-search", compact=True)
            yield MarkdownView(self.text, id="help-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()  # the arrows scroll from the start

    def on_screen_resume(self) -> None:
        """Open as a new help would: all of it, at its first line, the arrows scrolling it."""
        field = self.query_one("#help-search", Input)
        if field.value:
            with self.prevent(Input.Changed):
                field.value = ""
        body = self.query_one("#help-body", MarkdownView)
        if self.shown != self.text:
            self.shown = self.text
            body.show(self.text)
        body.scroll_home(animate=False)
        body.focus()

    def action_search(self) -> None:
        self.query_one("#help-search", Input).focus()

    def action_close(self) -> None:
        field = self.query_one("#help-search", Input)
        if field.value:
            field.value = ""
            self.query_one("#help-body").focus()
        else:
            self.app.pop_screen()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.shown = search(self.text, event.value)
        self.query_one("#help-body", MarkdownView).show(self.shown)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#help-body").focus()  # enter: read what was found
