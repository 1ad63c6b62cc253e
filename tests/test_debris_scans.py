"""The debris rules' fast scans: every line their exact logic speaks on is picked, on any text.

The doubled-word and loop rules run their exact (slow) logic only on the lines a whole-text scan
picks, so a scan that missed a line would silently drop a repair or a finding. These tests run the
exact logic on every line and check that each line it speaks on was picked, and that the rules
give what the exact logic gives line by line.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtfix.model import Context
from mtfix.registry import all_rules
from mtfix.rules import debris

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "wmt22"

# Words and joins chosen to reach the edge cases: case pairs, the non-ASCII letters that equal an
# ASCII one ignoring case (İ ı ſ K), other non-ASCII letters, final sigma, digits, apostrophes,
# hyphens, and separators that are or are not allowed next to a doubled word or inside a loop.
WORDS = ["the", "The", "THE", "a", "A", "of", "no", "No", "so", "So", "ſo", "king", "King", "\u212aing", "it", "It",
         "İt", "ıt", "IT", "naïve", "Naïve", "NAÏVE", "it's", "it’s", "x1", "1921", "a-b", "ΟΔΟΣ", "οδος", "οδοσ",
         "éte", "Éte", "q", "had", "very", "and", "treaty", "signed"]
JOINS = [" ", " ", " ", "  ", ", ", "; ", ",", ";", " , ", "—", " (", ") ", " “", "” ", "'", "-", ". ", "? ", "?",
         "\t", "…", " «", "» ", ": ", "_", '"', "/"]


def _line_starts(text: str) -> list[int]:
    return list(itertools.accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))


def _check(text: str) -> None:
    lines, starts = text.split("\n"), _line_starts(text)
    repeats = set(debris._lines_with_a_repeat(text))
    loops = set(debris._lines_with_a_loop(text, Context(line_starts=starts)))
    doubled: list[object] = []
    loop_findings = []
    for line, start in zip(lines, starts, strict=True):
        span = (start, start + len(line))
        if debris._doubled_in_line(line, 0):
            assert span in repeats, line
        if debris._loops_in_line(line, 0):
            assert span in loops, line
        if debris._SAME_WORD_TWICE.search(line):
            doubled += debris._doubled_in_line(line, start)
        if debris._may_loop(line):
            loop_findings += debris._loops_in_line(line, start)
    ctx = Context(line_starts=starts)
    assert list(debris._doubled(text, ctx)) == doubled
    assert debris._loops(text, ctx) == loop_findings
    assert debris._loops(text, Context()) == loop_findings  # without line starts from the runner


def _corpus() -> list[tuple[str, str]]:
    paths = [*sorted((ROOT / "raw").glob("*.txt")), *sorted(CORPUS.glob("*.en"))]
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in paths]
    rows = [line.split("\t") for line in (CORPUS / "cases.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    texts.append(("cases", "\n".join(field for row in rows for field in row[2:4])))
    examples = [text for rule in all_rules() for e in (*rule.examples, *rule.kept)
                for text in (e.input, e.expected) if text is not None]
    texts.append(("examples", "\n".join(examples)))
    return texts


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text"), _corpus(), ids=[name for name, _ in _corpus()])
def test_scans_pick_every_line_the_rules_speak_on_in_the_corpora(name: str, text: str) -> None:
    _check(text)


@pytest.mark.parametrize("line", [
    "state—the the treaty", "“—the the", "(the the", "why?the the", "naïve naïve", "Naïve naïve", "\u212aing king",
    "The the", "THE the", "ΟΔΟΣ οδος", "the  the", "the the\nthe the", "end\nthe the", "no, no; no no",
    "ſo ſo so so", "So so ſo so.", "it’s it’s it’s it’s", "it's it's it's it's", "a-b, a-b, a-b, a-b",
    "and the and the and the", "It Was, it was; IT WAS.", "x1 y2 x1 y2 x1 y2", "(and the and the and the)",
    "'and the and the and the'", "one two three four five six seven eight one two three four five six seven "
    "eight one two three four five six seven eight", "İt ıt İt ıt", "\u212a b k B \u212a b", "1921 1921 1921 1921",
    "and the and the and the\n\n\n\nno no no no", "no no no no\nno", "\nthe the", "the the", "a a a a",
    "signed the the—treaty", "the the?", "the the… no", "no no no no—", "and the and the and the’s",
    "\nıa;\nıa;\nıa;", "\nfoo \nfoo \nfoo ",
])
def test_scans_pick_the_edge_cases(line: str) -> None:
    _check(line)


def test_the_exact_logic_speaks_on_the_edge_cases() -> None:
    """The edge cases above reach the exact logic: the test would catch a scan that missed them."""
    assert debris._doubled_in_line("state—the the treaty", 0)
    assert debris._doubled_in_line("\u212aing king", 0)
    assert debris._doubled_in_line("signed the the—treaty", 0)
    assert debris._loops_in_line("ſo ſo so so", 0)
    assert debris._loops_in_line("It Was, it was; IT WAS.", 0)
    assert debris._loops_in_line("a-b, a-b, a-b, a-b", 0)


_phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)
_joins = st.sampled_from(JOINS)


@st.composite
def _lines(draw: st.DrawFn) -> str:
    """A line around a phrase said 2 to 5 times in any case, its words and joins drawn from the edge cases."""
    phrase = draw(_joins).join(draw(_phrases))
    cases = st.sampled_from([str, str.upper, str.lower, str.title])
    copies = [draw(cases)(phrase) for _ in range(draw(st.integers(2, 5)))]
    loop = "".join(copy + draw(_joins) for copy in copies[:-1]) + copies[-1]
    before = draw(st.lists(st.sampled_from(WORDS + JOINS), max_size=4))
    after = draw(st.lists(st.sampled_from(WORDS + JOINS), max_size=4))
    return "".join(before) + loop + "".join(after)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.lists(_lines() | st.text(alphabet="aAbſ\u212akK İı—,; '-1?\t", max_size=40), min_size=1, max_size=6))
def test_scans_pick_every_line_the_rules_speak_on_in_generated_text(lines: list[str]) -> None:
    _check("\n".join(lines))
