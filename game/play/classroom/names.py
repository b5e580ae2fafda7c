"""The rule for students' names: what a student types becomes the stem of their save's file name.

A name is the only text a student gives that reaches a path, so it is refused rather than
repaired when it holds anything but letters, digits, spaces, `-` and `_`: `../x`, `a/b`,
`.` or a control character never become a file name. Accents are folded (José -> jose)
and the stem is lower case with spaces as dashes, so `Ann Lee` and `ann lee` are one student
(as they would be on a case-insensitive disk anyway).
"""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

from game.errors import ClassError

MAX_NAME_CHARS = 40
ALLOWED = set(string.ascii_lowercase + string.digits + "-_")
_STEM = re.compile(r"^[a-z0-9_][a-z0-9_-]*$")
# Names Windows keeps for devices: a class folder may be copied there.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}
NAME_RULE = f"letters a-z (accents are dropped), digits, spaces, - and _ (up to {MAX_NAME_CHARS} characters)"


def student_stem(name: str) -> str:
    """The file stem of a student's name, or ClassError saying what in the name is not allowed."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.strip()) if not unicodedata.combining(c))
    stem = re.sub(r"\s+", "-", folded).lower()
    if not stem:
        raise ClassError(f"a student's name is needed ({NAME_RULE})")
    bad = sorted({c for c in stem if c not in ALLOWED})
    if bad:
        shown = " ".join(repr(c) for c in bad[:5])  # repr: a control character is shown escaped, never raw
        raise ClassError(f"a name may hold only {NAME_RULE}; not {shown}")
    if len(stem) > MAX_NAME_CHARS:
        raise ClassError(f"the name is {len(stem)} characters long ({NAME_RULE})")
    if not _STEM.match(stem) or not stem.strip("-_"):
        raise ClassError(f"a name starts with a letter or a digit ({NAME_RULE})")
    if stem in _RESERVED:
        raise ClassError(f"{stem!r} is a name some computers keep for a device; add a letter or a digit")
    return stem


def submission_path(submissions: Path, name: str) -> Path:
    """submissions/<stem>.json for a student's name; never a path outside `submissions`."""
    path = submissions / f"{student_stem(name)}.json"
    if path.resolve().parent != submissions.resolve():  # the rule above makes this impossible; a second lock
        raise ClassError(f"{name!r} does not name a file inside {submissions}")
    return path


def is_student_file(path: Path) -> bool:
    """Whether a file in submissions/ is a student's save (not a backup, a temporary or a stray file)."""
    return path.suffix == ".json" and bool(_STEM.match(path.stem)) and path.stem.strip("-_") != ""
