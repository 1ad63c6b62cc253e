"""The source-stage rules together: one report per placeholder, whether or not a source is given."""

from __future__ import annotations

from mtfix.runner import fix_text

LINES = ["It covered XNUMX individuals and organizations.", "There are more than XNUMX thousand mercenaries."]
SOURCE = ["Он коснулся 17 физических лиц и 11 организаций.", "Там более 7 тыс. наемников."]


def placeholder_reports(result) -> list[tuple[str, int]]:
    reports = [(f.rule_id, f.line) for f in result.findings if f.rule_id.startswith("placeholder.")]
    return reports + [(e.rule_id, e.line) for e in result.edits if e.rule_id.startswith("placeholder.")]


def test_without_source_each_placeholder_is_one_xnumx_finding() -> None:
    result = fix_text("\n".join(LINES))
    assert placeholder_reports(result) == [("placeholder.xnumx", 1), ("placeholder.xnumx", 2)]


def test_with_source_each_placeholder_is_restored_or_refused_once() -> None:
    result = fix_text("\n".join(LINES), source=SOURCE)
    assert sorted(placeholder_reports(result)) == [("placeholder.restore", 2), ("placeholder.unresolved", 1)]
    assert result.text.split("\n")[1] == "There are more than 7 thousand mercenaries."
    [refusal] = [f for f in result.findings if f.rule_id == "placeholder.unresolved"]
    assert refusal.message.endswith("more than one source number fits (candidates: 11, 17)")


def test_restored_line_raises_no_number_finding() -> None:
    result = fix_text(LINES[1], source=SOURCE[1:])
    assert result.findings == []
    assert [e.after for e in result.applied] == ["7"]


def test_source_turns_a_suggested_date_repair_into_a_safe_one() -> None:
    text = "the government. 7 December 1920. Lenin wrote"
    alone = fix_text(text)
    assert alone.text == text and [e.rule_id for e in alone.suggestions] == ["date.fragment_sentence"]
    confirmed = fix_text(text, source=["правительство. 7 декабря 1920 г. Ленин писал"])
    assert confirmed.text == "the government. On 7 December 1920, Lenin wrote"
    assert [e.rule_id for e in confirmed.applied] == ["date.settled_by_source"]
    contradicted = fix_text(text, source=["правительство. 7 декабря 1921 г. Ленин писал"])
    assert contradicted.text == text
