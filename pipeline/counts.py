"""Reference-free counts per 1,000 words, before and after repair: what a user without a reference looks at.

Before is the raw text, after is the fixed text, each run through the same rules: artifacts are the
edits the rules find (applied or listed for review), by rule family; findings are what can only be
reported (placeholders, Cyrillic leftovers, loops), by rule family; grammar issues come from the
grammar check of the repair, when one ran (``grammar_repair.GrammarReport.counts``: on the lines it
checked). Words are whitespace-separated, counted in each text.

>>> from mtfix.runner import fix_text
>>> before = fix_text("At 08: 15 , we left.")
>>> after = fix_text(before.text)
>>> rows = reference_free_counts(before, after)["artifacts"]
>>> rows["typo"]["before"], rows["typo"]["after"], rows["typo"]["before_per_1000"]
(2, 0, 333.33)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .grammar import word_count
from .runner import Result


def per_thousand(count: int, words: int) -> float:
    """``count`` per 1,000 ``words``, to two decimals (0 for an empty text)."""
    return round(count * 1000 / words, 2) if words else 0.0


def _family(rule_id: str) -> str:
    return rule_id.split(".", 1)[0]


def _rows(before: Iterable[str], after: Iterable[str], words: tuple[int, int]) -> dict[str, dict[str, Any]]:
    """One row per rule family (and ``total``): counts before and after, and per 1,000 words."""
    counted = Counter(_family(r) for r in before), Counter(_family(r) for r in after)
    rows = {}
    for family in sorted(set(counted[0]) | set(counted[1])):
        rows[family] = _row(counted[0][family], counted[1][family], words)
    rows["total"] = _row(sum(counted[0].values()), sum(counted[1].values()), words)
    return rows


def _row(before: int, after: int, words: tuple[int, int]) -> dict[str, Any]:
    return {"before": before, "after": after, "before_per_1000": per_thousand(before, words[0]),
            "after_per_1000": per_thousand(after, words[1])}


def reference_free_counts(
    before: Result,
    after: Result,
    grammar: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The counts of the raw text (``before``) and of the fixed text (``after``, the rules run again on it),
    with the grammar counts when a grammar check ran."""
    words = word_count(before.raw), word_count(after.raw)
    return {
        "words": {"before": words[0], "after": words[1]},
        "artifacts": _rows((e.rule_id for e in before.edits), (e.rule_id for e in after.edits), words),
        "findings": _rows((f.rule_id for f in before.findings), (f.rule_id for f in after.findings), words),
        "grammar": grammar,
    }
