"""Edits and suggestions on real MT output, judged by an editor, replayed against the rules as they are now.

`tests/fixtures/judgements/safe.tsv` holds 40 lines that the safe tier changed in the 20 WMT22 systems
(`../shared/corpus/wmt22-x-en/mt/*.en`, each file fixed as one document), drawn with
`random.Random(14).sample`, and a second draw of 40 (`random.Random(2026).sample`) after the rules changed,
plus every line a safe rule added or widened since changes (`notation.numero_sign`; `typo.quote_spacing` on
quotes whose pair is on another line) and the safe edits judged wrong in earlier runs; `review.tsv` holds
every review suggestion on the same files and the suggestions judged wrong in earlier runs. Columns: system,
line number, the line before, the line after (the fixed line, or the line with that one suggestion applied),
rule, verdict (right or wrong), reason. A line judged right must still come out the same; one judged wrong
must never come out again.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from mtfix.model import Edit
from mtfix.runner import fix_text

JUDGEMENTS = Path(__file__).parent / "fixtures" / "judgements"


class Judgement(NamedTuple):
    system: str
    line: str
    before: str
    after: str
    rule: str
    verdict: str
    reason: str


def load(name: str) -> list[Judgement]:
    rows = (JUDGEMENTS / name).read_text(encoding="utf-8").splitlines()
    header, *body = (row.split("\t") for row in rows)
    assert header == list(Judgement._fields)
    return [Judgement(*row) for row in body]


SAFE = load("safe.tsv")
REVIEW = load("review.tsv")


def with_suggestion(line: str, edit: Edit) -> str:
    return line[: edit.raw_start] + edit.after + line[edit.raw_end :]


def test_the_judged_samples_meet_the_precision_targets() -> None:
    safe_right = [j for j in SAFE if j.verdict == "right"]
    review_right = [j for j in REVIEW if j.verdict == "right"]
    assert len(safe_right) >= 39 and len(review_right) >= 53
    assert {j.verdict for j in SAFE + REVIEW} == {"right", "wrong"}


@pytest.mark.parametrize("judgement", SAFE, ids=lambda j: f"{j.system}:{j.line}:{j.verdict}")
def test_safe_edits_judged_right_are_made_and_wrong_ones_are_not(judgement: Judgement) -> None:
    result = fix_text(judgement.before)
    fixed = result.text
    if judgement.verdict == "right":
        assert fixed == judgement.after, judgement.reason
        assert set(judgement.rule.split(",")) <= {e.rule_id for e in result.applied}
    else:
        assert fixed != judgement.after, judgement.reason


@pytest.mark.parametrize("judgement", REVIEW, ids=lambda j: f"{j.system}:{j.line}:{j.verdict}")
def test_suggestions_judged_right_are_offered_and_wrong_ones_are_not(judgement: Judgement) -> None:
    result = fix_text(judgement.before)
    assert result.text == judgement.before or judgement.verdict == "wrong"
    offered = {with_suggestion(judgement.before, e) for e in result.suggestions if e.rule_id == judgement.rule}
    if judgement.verdict == "right":
        assert judgement.after in offered, judgement.reason
    else:
        assert judgement.after not in offered, judgement.reason
