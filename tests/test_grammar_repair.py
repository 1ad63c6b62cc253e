"""The grammar check of a repair: the changed lines only, what the repair brought or removed, full scope in chunks."""

from __future__ import annotations

import re

import pytest

from mtfix import grammar, grammar_repair
from mtfix.grammar import GrammarSession, GrammarSettings, HarperChecker, Match
from mtfix.grammar_repair import check_repair, raw_span


class Flagger:
    """A checker that flags every ``teh`` and records the texts it was given."""

    name = "flagger"
    family = "test"

    def __init__(self) -> None:
        self.texts: list[str] = []

    def matches(self, text: str) -> list[Match]:
        self.texts.append(text)
        found, start = [], text.find("teh")
        while start >= 0:
            found.append(Match("TEH", "Misspelt 'the'", start, start + 3, False))
            start = text.find("teh", start + 1)
        return found


def session_with(checker: object, jobs: int = 1) -> GrammarSession:
    return GrammarSession(checker, pytest.fail, jobs=jobs)  # type: ignore[arg-type]


def test_only_changed_lines_are_checked_and_brought_or_removed_is_reported() -> None:
    raw = "teh clean line stays.\nAt 08: 15 teh end.\nNow at 08: 15 tea end.\nUntouched teh."
    fixed = "teh clean line stays.\nAt 08:15 the end.\nNow at 08:15 teh end.\nUntouched teh."
    flagger = Flagger()
    report = check_repair(raw, fixed, session_with(flagger), GrammarSettings())
    assert report is not None
    assert flagger.texts == ["At 08: 15 teh end.\n\nNow at 08: 15 tea end.",
                             "At 08:15 the end.\n\nNow at 08:15 teh end."]
    found = [(f.rule_id, f.change, f.line, f.col, f.text, raw[f.raw_start : f.raw_end]) for f in report.findings]
    assert found == [
        ("grammar.test.TEH", "removed", 2, 11, "teh", "teh"),
        ("grammar.test.TEH", "brought", 3, 15, "teh", "tea"),  # placed on the raw text it came from
    ]
    assert report.findings[1].message == "Misspelt 'the' (brought by the repair)"
    assert (report.lines_checked, report.issues) == (2, (1, 1))
    counts = report.counts()
    assert (counts["brought"], counts["removed"], counts["scope"]) == (1, 1, "changed")


def test_a_clean_repair_checks_nothing() -> None:
    flagger = Flagger()
    report = check_repair("teh text", "teh text", session_with(flagger), GrammarSettings())
    assert report is not None and report.findings == () and flagger.texts == []
    assert report.checker == "flagger"


class Speller:
    """A checker that flags every capitalised word as a misspelling."""

    name = "speller"
    family = "test"

    def matches(self, text: str) -> list[Match]:
        return [Match("Spell", "Unknown word", m.start(), m.end(), True) for m in re.finditer(r"[A-Z]\w+", text)]


def test_document_names_are_read_only_when_names_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    raw, fixed = "Kars and Vyshegrod at 08: 15 .\nKars again.", "Kars and Vyshegrod at 08:15.\nKars again."
    with monkeypatch.context() as patch:  # every capitalised word is a name: no pass over the document
        patch.setattr(grammar_repair, "document_names", lambda text: pytest.fail("names read"))
        report = check_repair(raw, fixed, GrammarSession(Speller(), pytest.fail), GrammarSettings())  # type: ignore[arg-type]
    assert report is not None and (report.issues, report.names_skipped) == ((0, 0), 2)
    session = GrammarSession(Speller(), pytest.fail, proper_names=True)  # type: ignore[arg-type]
    report = check_repair(raw, fixed, session, GrammarSettings(proper_names=True))
    assert report is not None and (report.issues, report.names_skipped) == ((1, 1), 1)  # Kars recurs: a name
    assert report.findings == ()  # Vyshegrod is on both sides: neither brought nor removed


def test_full_scope_lists_what_is_left_and_chunks_keep_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grammar_repair, "CHUNK_LINES", 2)
    raw = "a teh\nb\nc teh teh\nd 08: 15\ne teh"
    fixed = "a teh\nb\nc teh teh\nd 08:15\ne the"
    flagger = Flagger()
    report = check_repair(raw, fixed, session_with(flagger), GrammarSettings(scope="full"))
    assert report is not None and len(flagger.texts) == 6  # three chunks, raw then fixed
    found = [(f.change, f.line, f.col) for f in report.findings]
    assert found == [("left", 1, 3), ("left", 3, 3), ("left", 3, 7), ("removed", 5, 3)]
    assert report.lines_checked == 5 and report.issues == (4, 3)


def test_full_scope_on_processes_equals_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grammar_repair, "CHUNK_LINES", 3)
    raw = "\n".join(["He recieved teh the the letter at 08: 15 .", "It is fine."] * 6)
    fixed = "\n".join(["He recieved teh the letter at 08:15.", "It is fine."] * 6)
    harper = HarperChecker()
    reports = []
    for jobs in (1, 2):
        session = GrammarSession(None, pytest.fail, fallback_factory=lambda: harper, jobs=jobs)
        reports.append(check_repair(raw, fixed, session, GrammarSettings(scope="full", jobs=jobs)))
    assert reports[0] is not None and reports[0] == reports[1]
    rules = {(f.rule_id, f.change) for f in reports[0].findings}
    assert ("grammar.harper.RepeatedWords", "removed") in rules and ("grammar.harper.SpellCheck", "left") in rules


def test_raw_span_maps_fixed_offsets_back() -> None:
    assert raw_span("a  b", "a b", 2, 3) == (3, 4)
    assert raw_span("x 08: 15", "x 08:15", 2, 7) == (2, 8)
    assert raw_span("ab", "aXb", 1, 2) == (1, 1)  # inserted text: the place it was inserted


def test_harper_on_processes_knows_the_names_of_every_group() -> None:
    groups = [["We saw vyshegrod."], ["Vyshegrad is old."]]
    one = HarperChecker()
    one.accept([text for group in groups for text in group])  # as one Harper checking every group does
    expected = [matches for group in groups for matches in one.matches_group(group)]
    found = grammar.harper_pool(groups, 1)
    assert found == expected
    assert found[0][0].message == "Did you mean `Vyshegrad`?"  # a name of the second group, known to the first
