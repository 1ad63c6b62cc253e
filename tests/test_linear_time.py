"""Time linear in the input: one long line through the rules, a long file through the diff.

The bounds are loose (tens of times what a linear run takes here); the quadratic code these tests
replaced took minutes on the same inputs.
"""

from __future__ import annotations

import difflib
import random
import time

from conftest import ROOT

from mtfix.registry import all_rules, select_rules
from mtfix.reports.diff import unified_diff
from mtfix.runner import fix_text


def _rule_examples(families: tuple[str, ...]) -> str:
    return " ".join(text for rule in all_rules() if rule.id.startswith(families) and not rule.needs_source
                    for text in (*(e.input for e in rule.examples), *(k.input for k in rule.kept)))


def test_one_long_line_takes_linear_time() -> None:
    # The rules that read the line around each match (dates, case, doubled words), and the runner
    # with thousands of edits on one line: each of them was quadratic on such a line.
    families = ("date.", "case.", "debris.")
    unit = _rule_examples(families).replace("\n", " ") + " "
    line = unit * (600_000 // len(unit))  # 600 KB in one line: several minutes before
    started = time.perf_counter()
    result = fix_text(line, select_rules(tuple(f.rstrip(".") for f in families), ()), apply_review=True)
    assert time.perf_counter() - started < 60
    assert "\n" not in result.text and len(result.edits) > 1000


def test_the_diff_of_a_long_file_takes_linear_time() -> None:
    body = (ROOT / "tests/fixtures/wmt22/ref.en").read_text().split("\n")
    raw = [body[i % len(body)] for i in range(60_000)]  # 6 MB
    fixed = [line + " x" if i % 2 == 0 else line for i, line in enumerate(raw)]
    started = time.perf_counter()
    diff = unified_diff("\n".join(raw), "\n".join(fixed), "raw", "fixed")
    assert time.perf_counter() - started < 10  # difflib: about 4 minutes
    body_lines = diff.split("\n")[2:]
    added, removed = (sum(line.startswith(mark) for line in body_lines) for mark in "+-")
    assert added == removed == 30_000


def test_the_diff_is_difflibs_when_lines_are_kept() -> None:
    rng = random.Random(7)
    for _ in range(500):
        raw = [f"line {i}" for i in range(rng.randint(1, 40))]
        share = rng.choice([0.05, 0.2, 0.6])
        fixed = [line + "!" if rng.random() < share else line for line in raw]
        want = "".join(line + "\n" for line in difflib.unified_diff(raw, fixed, "a", "b", lineterm=""))
        assert unified_diff("\n".join(raw), "\n".join(fixed), "a", "b") == want
