"""The classroom: one game for a whole class, paced by the teacher, checked and ranked.

- folder: DIR/class.yaml and DIR/submissions/ (`new_class`, `load_class`, `open_class`);
- names: the rule that turns a student's name into a safe file stem;
- pacing: how far students may play (`pacing_refusal`), the one place it is checked;
- submissions: students' saves verified against the class, graded and ranked;
- export: every student-quarter as one flat row; debrief: the HTML debrief (matplotlib).

Nothing here imports Textual: the teacher's commands are headless.
"""

from game.play.classroom.folder import CLASS_FILE, SUBMISSIONS, WHOLE_GAME, Classroom, load_class, new_class, open_class, shown_limit
from game.play.classroom.names import MAX_NAME_CHARS, NAME_RULE, student_stem, submission_path
from game.play.classroom.pacing import pacing_refusal, played_past_limit, quarters_open
from game.play.classroom.submissions import (
    PLAYING, Checker, Standing, Submission, check_submission, check_submissions, foreign, grade, leaderboard, student_game,
)

__all__ = [
    "CLASS_FILE", "Checker", "Classroom", "MAX_NAME_CHARS", "NAME_RULE", "PLAYING", "SUBMISSIONS", "Standing",
    "Submission", "WHOLE_GAME", "check_submission", "check_submissions", "foreign", "grade", "leaderboard", "load_class", "new_class",
    "open_class", "pacing_refusal", "played_past_limit", "quarters_open", "shown_limit", "student_game",
    "student_stem", "submission_path",
]
