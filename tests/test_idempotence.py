"""Repairs settle: fixing the fixed text changes nothing, in both tiers, whatever the document's facts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtfix.registry import all_rules
from mtfix.runner import document_facts, fix_text

# Every rule's own examples (what it repairs and what it must leave alone), to be mixed into documents.
PIECES = sorted({text for rule in all_rules() if not rule.needs_source
                 for text in (*(e.input for e in rule.examples), *(k.input for k in rule.kept))})
documents = st.tuples(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8), st.sampled_from(["\n", " "])).map(
    lambda parts: parts[1].join(parts[0]))


@settings(max_examples=150, deadline=None)
@given(documents, st.booleans())
def test_fixing_twice_changes_nothing_on_mixed_rule_examples(document: str, apply_review: bool) -> None:
    once = fix_text(document, apply_review=apply_review).text
    assert fix_text(once, apply_review=apply_review).text == once


# Found by the fuzz: a repair tipped a document fact (an attested name, the date style), and the
# second run changed more.
TIPPING = [
    "[2] Chicherin GV, p. 197\nGv Chicherin wrote to L.B. Krasin",
    "He was first detained 23 in January. On 13 May 1921 and on 20 June and 3 July he left; on January 2, he "
    "came back.",
    "On 13 May he wrote; on December 11, he left. On 13 May 1921 he left. From December 2 1921 to January 14 "
    "January 1922 he stayed.",
]


def test_documents_whose_repair_tips_their_facts_settle() -> None:
    for document in TIPPING:
        for apply_review in (False, True):
            once = fix_text(document, apply_review=apply_review)
            assert fix_text(once.text, apply_review=apply_review).text == once.text, document
            assert document_facts(once.text) != document_facts(document) or once.text == document


def test_a_year_after_an_opening_bracket_and_in_is_left_alone() -> None:
    for apply_review in (False, True):
        assert fix_text("(in 2014 in May", apply_review=apply_review).text == "(in 2014 in May"
    assert fix_text("told (1922 in April)").text == "told (in April 1922)"
