"""The gated runner (each rule sees only its candidate lines) must equal the reference runner exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from mtfix.model import Context, EditRule, Example, FindingRule, Proposal, Rule, Tier
from mtfix.prefilter import Gate, leading_characters
from mtfix.registry import all_rules
from mtfix.runner import Result, fix_text

CORPUS = Path(__file__).resolve().parent / "fixtures" / "wmt22"
REPO = Path(__file__).resolve().parent.parent


def _same(a: Result, b: Result) -> None:
    assert a.text == b.text
    assert a.edits == b.edits
    assert a.findings == b.findings
    assert a.conflicts == b.conflicts


def _example_lines() -> list[str]:
    lines: list[str] = []
    for rule in all_rules():
        for example in rule.examples:
            lines += [*example.input.split("\n"), *(example.expected or "").split("\n")]
        for kept in rule.kept:
            lines += kept.input.split("\n")
    return lines


def _documents() -> list[tuple[str, str]]:
    docs = [("examples", "\n".join(_example_lines()))]
    docs += [(p.name, p.read_text(encoding="utf-8").removesuffix("\n")) for p in sorted((REPO / "raw").glob("*.txt"))]
    for path in sorted(CORPUS.glob("*.en")):
        docs.append((path.name, path.read_text(encoding="utf-8").removesuffix("\n")))
    rows = [line.split("\t") for line in (CORPUS / "cases.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    docs.append(("cases.corrupted", "\n".join(row[2] for row in rows if len(row) > 2)))
    return docs


@pytest.mark.parametrize(("name", "text"), _documents(), ids=[name for name, _ in _documents()])
@pytest.mark.parametrize("apply_review", [False, True])
def test_gated_equals_reference(name: str, text: str, apply_review: bool) -> None:
    _same(fix_text(text, apply_review=apply_review), fix_text(text, apply_review=apply_review, gated=False))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_example_lines()) | st.text(alphabet=' ab1:.,"“”«»â€”Ã©\t', max_size=30),
                max_size=25))
def test_gated_equals_reference_on_mixed_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    _same(fix_text(text), fix_text(text, gated=False))


def _proposing_lines(rule: Rule, text: str) -> set[int]:
    starts = [0]
    for i, char in enumerate(text):
        if char == "\n":
            starts.append(i + 1)
    ctx = Context(line_starts=starts)
    return {ctx.line_index(p.start) for p in rule.propose(text, ctx)}


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.prefilter], ids=lambda r: r.id)
def test_prefilter_holds_on_every_line_the_rule_touches(rule: Rule) -> None:
    """A prefilter that misses a line the rule would edit silently drops that edit."""
    lines = _example_lines() + [line for _, text in _documents()[1:] for line in text.split("\n")]
    gate = Gate(rule.prefilter, rule.flags & regex.IGNORECASE)
    text = "\n".join(lines)
    missed = [lines[i] for i in _proposing_lines(rule, text) if not gate.matches(lines[i])]
    assert missed == []


def _source_rule(prefilter: str | None) -> Rule:
    def find(text: str, ctx: Context) -> list[Proposal]:
        out = []
        for m in regex.finditer(r"XNUMX", text):
            source = ctx.source_line(m.start()) or ""
            number = regex.search(r"\d+", source)
            if number:
                out.append(Proposal(m.start(), m.end(), f"{number.group()}#{ctx.line_index(m.start())}"))
        return out

    return EditRule(id="test.source", message="from source", tier=Tier.SAFE, find=find, prefilter=prefilter,
                    examples=(Example("XNUMX", "1#0"),), leave_alone=("x",), stage="source")


@pytest.mark.parametrize("prefilter", ["XNUMX", None])
def test_rules_see_their_own_source_line_and_document_line_number(prefilter: str | None) -> None:
    text = "a\nin XNUMX year\nb\nc XNUMX\n\nXNUMX and XNUMX"
    source = ["а", "в 1921 году", "б", "в 7", "", "12 и 13"]
    rule = _source_rule(prefilter)
    gated = fix_text(text, [rule], source=source)
    assert gated.text == "a\nin 1921#1 year\nb\nc 7#3\n\n12#5 and 12#5"
    _same(gated, fix_text(text, [rule], source=source, gated=False))


def test_rules_that_need_a_source_are_skipped_without_one() -> None:
    seen: list[str] = []

    def find(text: str, ctx: Context) -> list[Proposal]:
        seen.append(text)
        return []

    rule = FindingRule(id="test.needs", message="m", find=find, examples=(Example("a", flagged="a"),),
                       leave_alone=("b",), stage="source", needs_source=True)
    fix_text("one\ntwo", [rule])
    assert seen == []
    fix_text("one\ntwo", [rule], source=["один", "два"])
    assert seen == ["one\ntwo"]


def test_gate_finds_exactly_the_lines_holding_the_prefilter() -> None:
    lines = ["a : b", "x", "c ,d", "e.", "f .", ""]
    text = "\n".join(lines)
    starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    assert Gate(r" [,;!?:.]").lines(text, starts) == [0, 2, 4]
    assert Gate((" :", "x")).lines(text, starts) == [0, 1]
    assert Gate(r"[^\x00-\x7f]{2}").lines("aé\nöü\nb", [0, 3, 6]) == [1]
    assert Gate(None).lines(text, starts) == list(range(len(lines)))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab :,.\n\"“”x()", max_size=60),
       st.sampled_from([r" [,;!?:.]", ": ", r'["“«„‘]', r"a(?:b|x)", r"\bab\b", r"x+ ?a", r"(?<=a)b", r"b{2}",
                        r"^ ?a", r"b$|^:", r"\.(?<=a\.|:x\.)|b\(a\)|[|]x", r"(?:a|b)c|“ ”", r"(?<= )[”“]",
                        r"[“x] a|\( |\)(?<= \))", r"[ab]?:", r"[ab]+:", r'"(?= )[^"\n]* "', r"a{2}|\(", r"(?i)AB",
                        ("a:", "“"), ("  ",)]))
def test_gate_lines_equal_a_per_line_search(text: str, prefilter: str | tuple[str, ...]) -> None:
    lines = text.split("\n")
    starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    gate = Gate(prefilter)
    want = [i for i, line in enumerate(lines) if gate.pattern.search(line)]
    assert gate.lines(text, starts) == want


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (": ", {":"}),
        (r"(?i)abc", None),
        (r"\d+ in (?:March|April)", None),
        (r"x?y", None),
        (r"x+y", {"x"}),
        (r"\(b\)", {"("}),
        (r"[^a]b", None),
        (r"[a-c]b", None),
        (r"(?<=\d)[,;] x", {",", ";"}),
        (r"(?<=[ab]|c)(?!d)[,;]+x", {",", ";"}),
        (r"[,;]?x", None),
        (r"\p{L}x", None),
    ],
)
def test_leading_characters(pattern: str, chars: set[str] | None) -> None:
    assert leading_characters(pattern) == (None if chars is None else frozenset(chars))


@pytest.mark.parametrize("other", ["the heating works", "Heating Heating", "the RCP (B.) Heating"])
def test_a_line_is_judged_on_its_own_whatever_lines_come_with_it(other: str) -> None:
    line = "the costs, i.e. Heating is dear; the RCP (B.) Heating rose"
    alone = fix_text(line, apply_review=True).text
    text = f"{line}\n{other}"
    _same(fix_text(text, apply_review=True), fix_text(text, apply_review=True, gated=False))
    assert fix_text(text, apply_review=True).text.split("\n")[0] == alone


@pytest.mark.parametrize("gated", [True, False])
def test_a_scan_rules_share_runs_once_a_pass(gated: bool) -> None:
    """Two rules reading the same scan through ``ctx.shared`` cause one scan per text and pass."""
    scanned: list[str] = []

    def x_spans(text: str) -> list[tuple[int, int]]:
        scanned.append(text)
        return [m.span() for m in regex.finditer("x", text)]

    def upper(text: str, ctx: Context) -> list[Proposal]:
        return [Proposal(start, end, "X") for start, end in ctx.shared(x_spans, text)]

    def flag(text: str, ctx: Context) -> list[Proposal]:
        return [Proposal(start, end) for start, end in ctx.shared(x_spans, text)]

    rules = [EditRule(id="test.upper", message="upper", find=upper, prefilter="x", stage="typo",
                      examples=(Example("x", "X"),), leave_alone=("y",)),
             FindingRule(id="test.flag", message="flag", find=flag, prefilter="x", stage="typo",
                         examples=(Example("x", flagged="x"),), leave_alone=("y",))]
    result = fix_text("ax\nb\nxx", rules, gated=gated)
    assert result.text == "aX\nb\nXX" and len(result.findings) == 3
    # Once in the pass that edits; then, ungated, once more in the pass that finds nothing left (gated, the
    # edited lines no longer hold the trigger, so no rule is shown anything).
    assert scanned == (["ax\nxx"] if gated else ["ax\nb\nxx", "aX\nb\nXX"])
