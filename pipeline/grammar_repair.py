"""The grammar check of a repair: which grammar issues the repair brought or removed, as findings.

Scope ``changed`` (the default) checks only the lines the repair changed, each raw line and its fixed
line, so its cost follows the size of the repair, not of the document. Each line is its own paragraph
there (lines joined by blank lines), raw and fixed alike. Scope ``full`` checks every line, in chunks
of ``CHUNK_LINES`` consecutive lines as the document has them, on several processes for Harper
(``GrammarSettings.jobs``); its cost is linear in the input.

On each checked line, an issue of the fixed line with no issue of the same rule and text on the raw
line was *brought* by the repair; one of the raw line with no counterpart in the fixed line was
*removed*. A full check also lists the issues *left* in the fixed text. Every finding is placed in the
raw text (line, column, raw span); an issue of the fixed line gets the raw span its text came from.

>>> raw_span("at 08: 15 the the", "at 08:15 the the", 9, 16)
(10, 17)
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .counts import per_thousand
from .grammar import GrammarResult, GrammarSession, GrammarSettings, Issue, document_names, word_count

CHUNK_LINES = 200

CHANGES = {"brought": "brought by the repair", "removed": "removed by the repair", "left": "left in the fixed text"}


@dataclass(frozen=True)
class GrammarFinding:
    """An advisory grammar finding: rule id, message, the flagged text, its place in the raw text, and
    what the repair did to it (``brought``, ``removed`` or ``left``).

    ``decision`` is ``"dismiss"`` when a reviewer settled it, else empty.
    """

    rule_id: str
    message: str
    text: str
    raw_start: int
    raw_end: int
    line: int
    col: int
    change: str
    decision: str = ""

    def to_json(self) -> dict[str, Any]:
        """The finding as the JSON report lists it (``decision`` only when a reviewer dismissed it)."""
        data = {"rule": self.rule_id, "message": self.message, "text": self.text, "line": self.line,
                "col": self.col, "raw_start": self.raw_start, "raw_end": self.raw_end, "change": self.change,
                "stage": "grammar"}
        if self.decision:
            data["decision"] = self.decision
        return data


@dataclass(frozen=True)
class GrammarReport:
    """The grammar check of one repaired document: the findings and the counts on the checked lines."""

    checker: str
    scope: str
    lines_checked: int
    words: tuple[int, int]
    issues: tuple[int, int]
    names_skipped: int
    findings: tuple[GrammarFinding, ...]

    def counts(self) -> dict[str, Any]:
        """Issues on the checked lines before and after repair, and per 1,000 of their words."""
        brought = sum(1 for f in self.findings if f.change == "brought")
        removed = sum(1 for f in self.findings if f.change == "removed")
        return {"checker": self.checker, "scope": self.scope, "lines": self.lines_checked,
                "words": {"before": self.words[0], "after": self.words[1]},
                "before": self.issues[0], "after": self.issues[1], "brought": brought, "removed": removed,
                "before_per_1000": per_thousand(self.issues[0], self.words[0]),
                "after_per_1000": per_thousand(self.issues[1], self.words[1])}

    def to_json(self) -> dict[str, Any]:
        """The summary the JSON report keeps under ``quality.grammar`` (the findings go under ``grammar``)."""
        return {**self.counts(), "names_skipped": self.names_skipped}


def raw_span(raw_line: str, fixed_line: str, start: int, end: int) -> tuple[int, int]:
    """The span of ``raw_line`` that the span ``start:end`` of ``fixed_line`` came from."""
    blocks = difflib.SequenceMatcher(None, raw_line, fixed_line, autojunk=False).get_opcodes()

    def where(offset: int, closing: bool) -> int:
        for tag, a0, a1, b0, b1 in blocks:
            if b0 <= offset < b1 or (closing and b0 < offset <= b1):
                return a0 + (offset - b0) if tag == "equal" else (a1 if closing else a0)
        return len(raw_line)

    first = where(start, False)
    return first, max(first, where(end, True)) if end > start else first


def _line_issues(text: str, starts: Sequence[int], result: GrammarResult) -> list[list[Issue]]:
    """The issues of one checked chunk, by the chunk's line (offsets made relative to the line)."""
    found: list[list[Issue]] = [[] for _ in starts]
    for issue in result.issues:
        i = bisect.bisect_right(starts, issue.start) - 1
        found[i].append(Issue(issue.rule_id, issue.message, issue.text, issue.start - starts[i],
                              issue.end - starts[i], 0, 0))
    return found


def _compare(before: list[Issue], after: list[Issue]) -> tuple[list[Issue], list[Issue], list[Issue]]:
    """Split the issues of a raw and a fixed line into removed, brought and left (same rule and text)."""
    unmatched = list(before)
    brought, left = [], []
    for issue in after:
        twin = next((b for b in unmatched if (b.rule_id, b.text) == (issue.rule_id, issue.text)), None)
        if twin is None:
            brought.append(issue)
        else:
            unmatched.remove(twin)
            left.append(issue)
    return unmatched, brought, left


@dataclass(frozen=True)
class _Plan:
    """What to check in one document: the line numbers, their chunks and the chunk texts (raw, fixed, ...)."""

    raw_lines: list[str]
    fixed_lines: list[str]
    numbers: list[int]
    chunks: list[list[int]]
    joiner: str
    texts: list[str]


def _plan(raw: str, fixed: str, scope: str) -> _Plan:
    raw_lines, fixed_lines = raw.split("\n"), fixed.split("\n")
    full = scope == "full"
    pairs = enumerate(zip(raw_lines, fixed_lines, strict=True))
    numbers = list(range(len(raw_lines))) if full else [i for i, (a, b) in pairs if a != b]
    joiner = "\n" if full else "\n\n"
    chunks = [numbers[i : i + CHUNK_LINES] for i in range(0, len(numbers), CHUNK_LINES)]
    texts = [joiner.join(lines[n] for n in chunk) for chunk in chunks for lines in (raw_lines, fixed_lines)]
    return _Plan(raw_lines, fixed_lines, numbers, chunks, joiner, texts)


def _report(plan: _Plan, results: Sequence[GrammarResult], checker: str, scope: str) -> GrammarReport:
    """The findings and counts of one document from the results of its chunk texts."""
    raw_lines, fixed_lines, full = plan.raw_lines, plan.fixed_lines, scope == "full"
    line_starts = [0]
    for line in raw_lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    findings: list[GrammarFinding] = []
    counted = [0, 0]
    for k, chunk in enumerate(plan.chunks):
        per_side = []
        for side, lines in enumerate((raw_lines, fixed_lines)):
            starts, offset = [], 0
            for n in chunk:
                starts.append(offset)
                offset += len(lines[n]) + len(plan.joiner)
            per_side.append(_line_issues(plan.texts[2 * k + side], starts, results[2 * k + side]))
            counted[side] += len(results[2 * k + side].issues)
        for j, n in enumerate(chunk):
            removed, brought, left = _compare(per_side[0][j], per_side[1][j])
            for change, issues in (("removed", removed), ("brought", brought), ("left", left if full else ())):
                for issue in issues:
                    start, end = ((issue.start, issue.end) if change == "removed"
                                  else raw_span(raw_lines[n], fixed_lines[n], issue.start, issue.end))
                    findings.append(GrammarFinding(
                        issue.rule_id, f"{issue.message} ({CHANGES[change]})", issue.text, line_starts[n] + start,
                        line_starts[n] + end, n + 1, start + 1, change))
    findings.sort(key=lambda f: (f.raw_start, f.raw_end, f.rule_id, f.change))
    numbers = plan.numbers
    words = (sum(word_count(raw_lines[n]) for n in numbers), sum(word_count(fixed_lines[n]) for n in numbers))
    skipped = sum(r.names_skipped for r in results[::2])
    return GrammarReport(checker, scope, len(numbers), words, (counted[0], counted[1]), skipped, tuple(findings))


def check_repairs(repairs: Sequence[tuple[str, str]], session: GrammarSession,
                  settings: GrammarSettings) -> list[GrammarReport] | None:
    """Check the lines ``settings.scope`` asks for in each (raw, fixed) pair, all in one call of the
    checker (each document's lines in chunks of their own); ``None`` when no checker works.

    Each raw text and its fixed text have the same number of lines (the repair keeps lines). A document's
    names (``document_names``, a pass over the whole raw text) are looked for only with
    ``settings.proper_names``: otherwise every capitalised word counts as a name already, and they are
    all capitalised.
    """
    plans = [_plan(raw, fixed, settings.scope) for raw, fixed in repairs]
    texts = [text for plan in plans for text in plan.texts]
    names = [names for (raw, _), plan in zip(repairs, plans, strict=True) if plan.texts
             for names in [document_names(raw) if settings.proper_names else set()] * len(plan.texts)]
    results = session.check(texts, names) if texts else []
    if results is None:
        return None
    checker = results[0].checker if results else session.checker_name
    reports, at = [], 0
    for plan in plans:
        reports.append(_report(plan, results[at : at + len(plan.texts)], checker, settings.scope))
        at += len(plan.texts)
    return reports


def check_repair(raw: str, fixed: str, session: GrammarSession, settings: GrammarSettings) -> GrammarReport | None:
    """Check the lines ``settings.scope`` asks for in one repaired document; ``None`` when no checker works."""
    reports = check_repairs([(raw, fixed)], session, settings)
    return reports[0] if reports is not None else None
