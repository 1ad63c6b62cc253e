"""Reference-free counts: artifacts and findings by rule family, grammar issues, per 1,000 words."""

from __future__ import annotations

from mtfix.counts import per_thousand, reference_free_counts
from mtfix.registry import all_rules
from mtfix.runner import fix_text

RULES = all_rules()


def test_counts_before_and_after_by_family() -> None:
    raw = "At 08: 15 , the treaty of xnumx was signed.\nIt said “ peace ” , and xnumx more."
    before = fix_text(raw, RULES)
    after = fix_text(before.text, RULES)
    grammar = {"checker": "harper-py test", "before": 3, "after": 2}
    counts = reference_free_counts(before, after, grammar)
    assert counts["words"] == {"before": 19, "after": 14}
    typo = counts["artifacts"]["typo"]
    assert typo["before"] == len([e for e in before.edits if e.rule_id.startswith("typo.")]) >= 4
    assert typo["after"] == 0 and typo["after_per_1000"] == 0.0
    assert typo["before_per_1000"] == per_thousand(typo["before"], 19)
    assert counts["findings"]["placeholder"] == {"before": 2, "after": 2, "before_per_1000": 105.26,
                                            "after_per_1000": 142.86}
    assert counts["findings"]["total"]["before"] == 2
    assert counts["grammar"] is grammar


def test_clean_and_empty_text() -> None:
    clean = fix_text("Nothing to repair here.", RULES)
    counts = reference_free_counts(clean, fix_text(clean.text, RULES))
    assert counts["artifacts"] == {"total": {"before": 0, "after": 0, "before_per_1000": 0.0, "after_per_1000": 0.0}}
    assert counts["grammar"] is None
    empty = fix_text("", RULES)
    assert reference_free_counts(empty, empty)["words"] == {"before": 0, "after": 0}
    assert per_thousand(5, 0) == 0.0
