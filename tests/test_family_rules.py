"""Document-level behaviour of the names, case, debris, terms, placeholder, typography and unicode rules.

Each rule's own examples are run by test_rule_examples.py; these tests cover what one example cannot
show: document facts (initials style, dashed ranges, Cyrillic share), the glossary file contract and
the sample article against its hand-repaired reference.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mtfix.registry import select_rules
from mtfix.rules.term import GlossaryError, load_glossary
from mtfix.runner import fix_text

ROOT = Path(__file__).resolve().parents[1]


def test_fused_initials_follow_the_documents_style() -> None:
    assert fix_text("L.B. Krasin met Mv Kuznetsov").text == "L.B. Krasin met M.V. Kuznetsov"
    assert fix_text("N. I. Pirogov met Mv Kuznetsov").text == "N. I. Pirogov met M. V. Kuznetsov"


def test_hyphen_range_is_repaired_only_where_the_document_dashes_the_same_range() -> None:
    assert fix_text("East in 1917 – 1921; East in 1917-1921.").text == "East in 1917–1921; East in 1917–1921."
    result = fix_text("Hyundai Tucson I (2004-2010).")
    assert result.text == "Hyundai Tucson I (2004-2010)."
    assert [e.rule_id for e in result.suggestions] == ["typo.range_hyphen"]


def test_cyrillic_words_are_reported_in_english_text_only() -> None:
    english = fix_text("The newspaper Правда wrote about it at length.")
    assert [(f.rule_id, f.text) for f in english.findings] == [("unicode.cyrillic_word", "Правда")]
    assert english.text == "The newspaper Правда wrote about it at length."
    assert fix_text("Газета Правда писала об этом.").findings == []


def test_placeholder_finding_names_its_line() -> None:
    result = fix_text("first line\nby March xnumx.")
    assert [(f.rule_id, f.line) for f in result.findings] == [("placeholder.xnumx", 2)]
    assert "Line 2" in result.findings[0].message and result.text == "first line\nby March xnumx."


def test_user_glossary_rows_apply_whole_words_and_keep_capitals() -> None:
    rules = select_rules(("term",))
    rows = [("Tiflis", "Tbilisi", "modern name")]
    assert fix_text("TIFLIS and Tiflis, not Tiflisi", rules, glossary=rows).text == "TBILISI and Tbilisi, not Tiflisi"


@pytest.mark.parametrize(
    ("content", "line"),
    [("wrong\tright\tnote\nKarsk\tKars\n", 2), ("wrong\tright\tnote\nA\tB\tc\n\tKars\tx\n", 3), ("a\tb\n", 1)],
)
def test_a_bad_glossary_row_names_file_and_line(tmp_path: Path, content: str, line: int) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=f"{path}:{line}:"):
        load_glossary(path)


def test_sample_lines_the_reference_keeps_are_kept() -> None:
    raw = (ROOT / "raw/soviet-turkish-treaty-1921.txt").read_text(encoding="utf-8").split("\n")
    ref = (ROOT / "raw/soviet-turkish-treaty-1921.ref.txt").read_text(encoding="utf-8").split("\n")
    fixed = fix_text("\n".join(raw)).text.split("\n")
    assert len(fixed) == len(raw) == len(ref)
    changed = [i + 1 for i, (r, g, f) in enumerate(zip(raw, ref, fixed, strict=True)) if r == g and f != r]
    assert changed == []


@pytest.mark.parametrize(
    ("raw", "gold"),
    [
        ("Mv Frunze", "M.V. Frunze"),
        ("[11] Chicherin GV. Articles and speeches", "[11] G.V. Chicherin. Articles and speeches"),
        ("Kireev N.G. History of Turkey", "N.G. Kireev. History of Turkey"),
        ("See also: Frunze M.V. Report on the trip", "See also: M.V. Frunze. Report on the trip"),
        ("See: S.Aralov Memories", "See: S. Aralov Memories"),
        ("the RCP (B.) Considered the proposal", "the RCP(b) considered the proposal"),
        ("[15] <(Excerpt from the book", "[15] (Excerpt from the book"),
        ("transferred to the Karsk region", "transferred to the Kars region"),
        ("the Muslim East in 1917 – 1921”.", "the Muslim East in 1917–1921”."),
    ],
)
def test_sample_repairs_of_these_families_match_the_reference(raw: str, gold: str) -> None:
    text = (ROOT / "raw/soviet-turkish-treaty-1921.txt").read_text(encoding="utf-8")
    assert raw in text
    fixed = fix_text(text).text
    assert gold in fixed and raw not in fixed


def test_reversed_initials_do_not_feed_on_their_own_output() -> None:
    """Moving "RD" before "Aralov" leaves "Frunze S. R.D. Aralov", which is no surname with two initials."""
    text = "Ivanov-Petrov Jones Frunze S.Aralov RD i.e.\nM.V.Frunze\nY. Jones"
    assert fix_text(text).text == "Ivanov-Petrov Jones Frunze S. R.D. Aralov i.e.\nM.V. Frunze\nY. Jones"
