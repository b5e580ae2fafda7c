"""`burnrate class new|open|status|leaderboard|export|watch|debrief`: one game for a whole class.

A class is a folder: DIR/class.yaml (the scenario, the seed, how far students may play, the
grading) and DIR/submissions/ (one save per student, written by `burnrate play --class DIR`).
Headless: only `watch` imports the terminal UI, and only `debrief` imports matplotlib.
"""

from __future__ import annotations

import csv
import io
import sys

from game.commands.common import add_scenario_argument, scenario_from, seed_type

EPILOG = "exit codes: 0 ok; 2 a class folder, class.yaml or argument that cannot be used (one line per problem)"


def _action(inner, name: str, dir_help: str = "the class folder", **texts):
    """One `burnrate class ACTION DIR ...` parser (its help, description and the shared epilog)."""
    action = inner.add_parser(name, epilog=EPILOG, **texts)
    action.add_argument("dir", metavar="DIR", help=dir_help)
    return action


def add_parser(sub) -> None:
    p = sub.add_parser("class", help="run one game for a whole class: make it, pace it, rank and debrief it",
                       description="A class is a folder: DIR/class.yaml (scenario, seed, pacing, grading) and "
                                   "DIR/submissions/, where `burnrate play --class DIR` saves each student's game.",
                       epilog=EPILOG)
    inner = p.add_subparsers(dest="class_command", metavar="ACTION", parser_class=type(p))

    n = _action(inner, "new", help="make a class folder: DIR/class.yaml and DIR/submissions/",
                description="Make a class: every student plays this scenario on this seed. class.yaml may "
                            "be edited by hand afterwards (it is checked like a scenario).",
                dir_help="the class folder (created if missing; an existing class is never overwritten)")
    add_scenario_argument(n)
    n.add_argument("--seed", type=seed_type, required=True, help="the class's seed: the same luck for every student")
    n.add_argument("--title", help="shown to students and on the debrief (default: the scenario's title)")
    n.add_argument("--open-to", metavar="QUARTER|end", help="the last quarter students may play, e.g. 2025Q4 "
                   "(default: end, the whole game); `burnrate class open` moves it")
    n.set_defaults(func=new)

    o = _action(inner, "open", help="let students play further (move the pacing limit)",
                description="Move the last quarter students may play; their saves resume where they stopped. "
                            "Only the open_to line of class.yaml changes.")
    o.add_argument("--to", required=True, metavar="QUARTER|end", help="e.g. 2026Q4, or `end` for the whole game")
    o.set_defaults(func=open_to)

    s = _action(inner, "status", help="each student: quarters played, last quarter, cash, outcome",
                description="How far each student has played. Every save is verified first; a rejected "
                            "one is marked (the leaderboard says why).")
    s.set_defaults(func=status)

    lb = _action(inner, "leaderboard", help="verified saves ranked by the class's grading; rejected ones with the reason",
                 description="Every save is re-played bit for bit first. A tampered save, one from another "
                             "scenario or seed, or one played past the pacing limit is listed as REJECTED "
                             "with the reason and never ranked.")
    lb.add_argument("--csv", metavar="FILE", help="also write the grades for a gradebook: student, rank, score, "
                    "outcome, quarters_played, verified")
    lb.set_defaults(func=leaderboard)

    e = _action(inner, "export", help="every student's decisions and results, one row per student-quarter",
                description="One flat row per student and quarter (the student, then `burnrate replay "
                            "--export`'s columns), for pandas or a spreadsheet. Only verified saves.")
    fmt = e.add_mutually_exclusive_group()
    fmt.add_argument("--csv", dest="fmt", action="store_const", const="csv", help="CSV (the default)")
    fmt.add_argument("--json", dest="fmt", action="store_const", const="json", help="a JSON array of flat objects")
    e.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    e.set_defaults(func=export, fmt="csv")

    w = _action(inner, "watch", help="the teacher's live screen: status and leaderboard as saves arrive",
                description="A terminal screen that shows the class's status and leaderboard, refreshed "
                            "every second as students' saves arrive. q quits.")
    w.set_defaults(func=watch)

    d = _action(inner, "debrief", help="one self-contained HTML page to discuss the class's games",
                description="Write the debrief: leaderboard, every student's cash, revenue and market share, "
                            "where the top and bottom students differed, luck against skill (the built-in "
                            "strategies and 1,000 seeds of `historical`) and three discussion questions. "
                            "Opens offline: charts are inline SVG (needs matplotlib).")
    d.add_argument("-o", "--output", required=True, metavar="FILE.html", help="the HTML file to write (FILE.md with --md)")
    d.add_argument("--md", action="store_true", help="a printable Markdown version instead (tables, no charts; "
                   "needs no matplotlib)")
    d.set_defaults(func=debrief)
    sc = inner.add_parser("schema", help="print the JSON Schema of class.yaml (for editors)",
                          description="Print the JSON Schema of class.yaml, for completion and checks in an editor.",
                          epilog=EPILOG)
    sc.set_defaults(func=schema)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def schema(args) -> int:
    import json

    from game.models.classroom import ClassFile

    json.dump(ClassFile.model_json_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def new(args) -> int:
    from game.play.classroom import WHOLE_GAME, new_class, shown_limit

    loaded = scenario_from(args)
    title = args.title if args.title is not None else loaded.scenario.title
    room = new_class(args.dir, loaded, args.seed, title, None if args.open_to == WHOLE_GAME else args.open_to)
    print(f"{room.class_file}: class '{room.file.title}' - {loaded.scenario.id}, seed {room.seed}, "
          f"students play to {shown_limit(room)}")
    print(f"students: burnrate play --class {args.dir} --student NAME   (saves go to {room.submissions}/)")
    return 0


def open_to(args) -> int:
    from game.play.classroom import Checker, load_class, open_class, played_past_limit, shown_limit

    room = open_class(args.dir, args.to)
    print(f"{room.class_file}: students now play to {shown_limit(room)}")
    past = [s.student for s in Checker(room).submissions() if s.save is not None and
            played_past_limit(room, s.quarters_played)]
    if past:
        print(f"warning: {len(past)} saves are past the new limit and will be rejected: {', '.join(past[:10])}",
              file=sys.stderr)
    return 0


def _load(args):
    from game.play.classroom import Checker, load_class

    room = load_class(args.dir)
    return room, Checker(room).submissions()


def _usd(x: float | None) -> str:
    from game.text.format import fmt_usd

    return "-" if x is None else fmt_usd(x)


def _heading(room) -> str:
    from game.play.classroom import shown_limit

    return (f"{room.file.title} - {room.loaded.scenario.id}, seed {room.seed}, students play to {shown_limit(room)}")


def status(args) -> int:
    room, subs = _load(args)
    print(_heading(room))
    if not subs:
        print(f"no saves yet in {room.submissions}/ (students: burnrate play --class {args.dir})")
        return 0
    width = max(7, *(len(s.student) for s in subs))
    print(f"{'student':<{width}}  quarters  last     {'cash':>10}  outcome")
    for s in subs:
        mark = "  REJECTED" if not s.verified else ""
        print(f"{s.student:<{width}}  {s.quarters_played:>8}  {s.last_quarter or '-':<7}  {_usd(s.cash_usd):>10}  "
              f"{s.outcome}{mark}")
    rejected = sum(not s.verified for s in subs)
    print(f"{len(subs)} students" + (f"; {rejected} rejected (`burnrate class leaderboard {args.dir}` says why)"
                                     if rejected else ""))
    return 0


GRADE_COLUMNS = ("student", "rank", "score", "outcome", "quarters_played", "verified")


def grades_csv(board, rejected) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(GRADE_COLUMNS)
    for st in board:
        s = st.submission
        writer.writerow([s.student, st.rank, repr(st.grade_usd), s.outcome, s.quarters_played, "true"])
    for s in rejected:
        writer.writerow([s.student, "", "", s.outcome if s.save else "", s.quarters_played, str(s.verified).lower()])
    return buf.getvalue()


def leaderboard(args) -> int:
    from game.play.classroom import leaderboard as rank
    from game.play.saves import atomic_write_text

    room, subs = _load(args)
    board, rejected = rank(room, subs)
    g = room.file.grading
    rule = "the score (the founders' stake)"
    if g.survival_bonus_usd or g.safety_incident_penalty_usd:
        rule += f" + {_usd(g.survival_bonus_usd)} unless bankrupt - {_usd(g.safety_incident_penalty_usd)} a safety incident"
    print(_heading(room))
    print(f"graded by {rule}")
    width = max(7, *(len(s.student) for s in subs)) if subs else 7
    if board:
        print(f"rank  {'student':<{width}}  {'grade':>10}  {'score':>10}  outcome   quarters")
        for st in board:
            s = st.submission
            print(f"{st.rank:>4}  {s.student:<{width}}  {_usd(st.grade_usd):>10}  {_usd(s.score_usd):>10}  "
                  f"{s.outcome:<8}  {s.quarters_played:>8}")
    else:
        print("no verified saves yet")
    for s in rejected:
        print(f"{'REJECTED' if s.rejected else 'UNRANKED'}  {s.student:<{width}}  {s.why_unranked}")
    if args.csv:
        path = atomic_write_text(args.csv, grades_csv(board, rejected))
        print(f"grades written to {path}")
    return 0


def export(args) -> int:
    from game.play.classroom.export import class_export
    from game.play.saves import atomic_write_text

    room, subs = _load(args)
    text = class_export(subs, args.fmt)
    skipped = sum(not s.verified for s in subs)
    if skipped:
        print(f"{skipped} rejected saves left out (`burnrate class leaderboard {args.dir}` says why)", file=sys.stderr)
    if args.output:
        atomic_write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def watch(args) -> int:
    from game.play.classroom import load_class

    room = load_class(args.dir)  # (a broken class.yaml is one line here, before the screen starts)
    from game.tui.watch import make_watch_app

    make_watch_app(room).run()
    return 0


def debrief(args) -> int:
    import time

    start = time.perf_counter()
    if args.md:
        from game.play.classroom.debrief_md import write_debrief_md as write
    else:
        from game.play.classroom.debrief_html import check_output, write_debrief as write

        check_output(args.output)
    room, subs = _load(args)
    path = write(room, subs, args.output)
    print(f"debrief written to {path} ({len(subs)} saves, {time.perf_counter() - start:.1f} s)")
    return 0
