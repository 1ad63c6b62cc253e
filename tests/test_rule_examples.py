"""Every rule's own examples: what it repairs (output and ledger) and what it must leave alone."""

from __future__ import annotations

import pytest

from mtfix.model import Rule, Tier
from mtfix.registry import all_rules
from mtfix.runner import apply_ledger, fix_text

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_repairs_its_examples(rule: Rule) -> None:
    assert len(rule.examples) >= 3 and len(rule.leave_alone) >= 3, "each rule needs 3 examples of each kind"
    for example in rule.examples:
        raw, want, source = example.input, example.expected, example.source_lines()
        result = fix_text(raw, [rule], apply_review=True, source=source)
        if rule.tier is Tier.FINDING:
            assert [f.text for f in result.findings] == [want], raw
            assert result.text == raw
            continue
        assert result.text == want, raw
        assert result.edits and all(e.rule_id == rule.id for e in result.edits)
        assert apply_ledger(raw, result.edits) == want
        for edit in result.edits:
            assert raw[edit.raw_start : edit.raw_end] == edit.before or edit.step > 0
        assert fix_text(want, [rule], apply_review=True, source=source).edits == [], "fires on its own output"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_leaves_alone_its_counter_examples(rule: Rule) -> None:
    for kept in rule.kept:
        result = fix_text(kept.input, [rule], apply_review=True, source=kept.source_lines())
        assert result.edits == [] and result.findings == [], kept.input


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_whole_pipeline_leaves_counter_examples_alone(rule: Rule) -> None:
    for kept in rule.kept:
        assert fix_text(kept.input, source=kept.source_lines()).text == kept.input, kept.input


def test_rule_ids_are_dotted_and_name_their_family() -> None:
    for rule in RULES:
        family, _, name = rule.id.partition(".")
        assert family and name and rule.id == rule.id.lower(), rule.id
