"""Help: what every number on the screens means, where it comes from, and the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from game.text import glossary

HELP_TEMPLATE = """\
# Burn Rate: how to read the screens

One turn is one quarter. Set the **decisions** (`d`), then **end the quarter** (`ctrl+n`).
A report says what happened and why; the game ends on bankruptcy, a listing, or the last
quarter, with a debrief. Every figure traces to a row of `facts.md`, cited as §section 'row'.

## Keys
| key | does |
|---|---|
| `d` | the decisions of this quarter |
| `ctrl+n` | end the quarter |
| `r` | the report of the last quarter |
| `ctrl+r` | take the autopilot's plan for this quarter (what the lab actually did); otherwise your own decisions carry on |
| `tab` / mouse | move between fields and tabs; click footer keys |
| `ctrl+p` | command palette (all game commands, themes) |
| `ctrl+t` | dark / light theme |
| `?` or `f1` | this help |
| `ctrl+q` | quit (asks when quarters are unsaved) |
| `←` / `→` | (replay, `burnrate replay FILE`) the quarter before / after |
| `b` | (replay) play on from the quarter shown, as a new game saved to a new file |

## The dashboard
- **Cash**: money in the bank after the quarter: {cash_identity}.
- **Runway**: quarters of burn left = cash / last quarter's burn; "no burn" when the lab makes money. §4 'runway, Jul 2024'.
- **Profit**: net income = revenue - operating cost - depreciation - interest. §1 '2024 net loss (expected)'.
- **Your stake: the score**: the founders' stake x the equity value (valuation + cash - debt and investors' claims) = the score if the game ended now; a round dilutes the stake, and a bankrupt lab is worth nothing.
- **Plan**: this quarter's notable decisions as they stand, and where they came from: your standing orders (last quarter's decisions carried on; one-off moves such as a round, a credit draw, a GPU purchase, layoffs or a listing go back to none; a value this quarter's limits cannot allow is cut to them and you are told), the autopilot's (`ctrl+r`), or as you set them.
- **Market share**: you against every rival lab; users / paying = monthly active users and subscribers; API share of tokens. §1 'share of traffic', §1 'monthly active users'.
- **Talent**: headcount by function, morale (70% is neutral at market pay), people who left last quarter, key people when the scenario names them. §1 'headcount', §5 'why they leave'.
- **Income statement**: subscriptions = subscribers x price x 3; API = tokens x price; inference = tokens served / throughput x $ per GPU-hour (§2 'partner's price for that cluster'); idle GPUs = paid GPU-hours not used; training = budget + owned GPU-hours kept for training (§1 '2024 training cost, data included'); staff = headcount x market pay x pay level, plus hiring costs and severance for layoffs (§1 '2024 staff cost').
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
The projection under the form shows next quarter's cash, runway, users and staff if you end the
quarter now and nothing unexpected happens (no surprise event, incident or departure; rivals have
an average quarter). It is the same whatever the seed: the real quarter is known only after `ctrl+n`.

## The report and the debrief
The report lists the biggest drivers of the change in cash, users and staff, each with its formula
and its facts.md row. The debrief charts the whole game and lists the turning points: the quarters
that moved the founders' stake value most, with the decisions and events behind them.

Every number a quarter records (in saves, `simulate --json` and `replay --export`), with its
unit, its facts.md row and the mechanic it comes from: `burnrate replay --schema`.
"""


def help_text() -> str:
    """The help, its reference tables written from the declarations they describe."""
    return HELP_TEMPLATE.format(cash_identity=glossary.cash_identity(), decisions=glossary.decisions_markdown())


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "app.pop_screen", "Close", id="close_help", tooltip="Back to the game")]

    def compose(self) -> ComposeResult:
        yield Markdown(help_text(), id="help")
        yield Footer()
