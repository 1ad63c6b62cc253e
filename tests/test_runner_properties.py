"""Properties of the runner over generated texts: ledger replay, kept lines, idempotence."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from mtfix.runner import apply_ledger, fix_text
from mtfix.textio import decode, encode

FRAGMENTS = [
    "word", "Word", " ", "  ", ",", " ,", ".", " .", "08: 15", "“ quoted ”", '" said "', "\n", "\r\n",
    "â€”", "café", "https://x.org/a , b", "`a , b`", "1917 – 1921", "16 in March 1921", "Chicherin GV",
    "xnumx", "T. III. M., 1968, p. 312 – 313", "[1] ", "See: ", "\t", "...", "Mv Frunze", "the the",
]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_ledger_replays_lines_are_kept_and_fixing_is_idempotent(raw_with_cr: str) -> None:
    doc = decode(raw_with_cr.encode(), "generated")
    result = fix_text(doc.text, apply_review=False)
    assert apply_ledger(doc.text, result.edits) == result.text
    assert result.text.count("\n") == doc.text.count("\n")
    assert fix_text(result.text).text == result.text
    fixed_bytes = encode(doc, result.text)
    assert fixed_bytes.count(b"\n") == raw_with_cr.encode().count(b"\n")
    assert fixed_bytes.count(b"\r\n") == raw_with_cr.count("\r\n")


@settings(max_examples=100, deadline=None)
@given(texts)
def test_edits_of_one_pass_never_overlap(raw: str) -> None:
    text = raw.replace("\r", "")
    by_step: dict[int, list[tuple[int, int]]] = {}
    for edit in fix_text(text, apply_review=True).edits:
        by_step.setdefault(edit.step, []).append((edit.start, edit.end))
    for spans in by_step.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start


@settings(max_examples=200, deadline=None)
@given(st.booleans(), st.text(alphabet=st.sampled_from(["a", "é", "\n", "\r", " ", "\u2028"]), max_size=40))
def test_decode_encode_round_trip(bom: bool, text: str) -> None:
    data = (("\ufeff" if bom else "") + text).encode()
    doc = decode(data, "generated")
    assert doc.bom == bom
    assert doc.line_count == text.count("\n") + (0 if text.endswith("\n") else 1)
    assert encode(doc, doc.text) == data
