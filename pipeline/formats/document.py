"""Repairing a document's prose and splicing the repaired characters back into the file.

The prose of a document's segments becomes one text, a line per segment line (atoms shown as the
rules should see them), and the rule stages run over it as over a text file: the document's facts
(date style, names) are the prose's. Following the ledger pass by pass, every edit is placed in the
run of prose its rule's match lies in; an edit whose match does not lie in one run would cross
markup, so it is not made (the repair runs again with it refused) and is reported as a finding.
Each run's final text then replaces the run in the file; nothing else of the file changes.

Two results come out: ``prose`` (offsets into the prose, as the review page shows it and decisions
name edits) and ``file`` (offsets, lines and columns into the file, as the ledger, ``check`` and
the diff give them; its ledger replays on the file text with ``runner.apply_ledger``).

>>> from mtfix.formats import Atom, Run, Segment
>>> text = "<p>at 08: 15 , concluded <em>16 in March</em> 1921</p>"
>>> seg = Segment(((Run(3, 25), Atom(25, 29), Run(29, 40), Atom(40, 45), Run(45, 50)),))
>>> done = repair_document(text, [seg])
>>> done.file.text
'<p>at 08:15, concluded <em>16 in March</em> 1921</p>'
>>> [(f.rule_id, f.text, f.line, f.col) for f in done.file.findings]
[('date.day_in_month', '16 in March', 1, 30)]
>>> done.prose.raw
'at 08: 15 , concluded 16 in March 1921'

"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..decisions import Decisions, mark_findings
from ..model import Edit, Finding, Rule
from ..profiling import Profile
from ..runner import EditKey, Result, edit_key, fix_text
from . import Run, Segment

CROSSES_MARKUP = "not changed: the change would cross markup"


@dataclass(frozen=True)
class Prose:
    """The prose of a document as the rules see it, and where each piece of it is in the file.

    ``starts``/``ends`` are each piece's offsets in the prose, ``file_starts``/``file_ends`` in the
    file, ``is_run`` whether it is a run; pieces are in prose order (and runs in file order).
    """

    text: str
    source: list[str] | None
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    file_starts: tuple[int, ...]
    file_ends: tuple[int, ...]
    is_run: tuple[bool, ...]
    labels: tuple[str, ...]

    def runs(self) -> list[int]:
        """Indexes of the pieces that are runs."""
        return [i for i, run in enumerate(self.is_run) if run]


def _segment_source(segment: Segment) -> list[str]:
    if segment.source is None:
        return [""] * len(segment.lines)
    lines = segment.source.split("\n")
    if len(lines) == len(segment.lines):
        return lines
    return [" ".join(lines)] * len(segment.lines)


def prose_of(text: str, segments: Sequence[Segment]) -> Prose:
    """Lay out the segments' lines as one LF-joined prose text; an adapter's malformed run raises ``ValueError``."""
    lines: list[str] = []
    source: list[str] = []
    labels: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    file_starts: list[int] = []
    file_ends: list[int] = []
    is_run: list[bool] = []
    offset, last_end = 0, 0
    for segment in segments:
        source += _segment_source(segment)
        for line in segment.lines:
            parts = []
            labels.append(segment.label)
            for piece in line:
                shown = text[piece.start : piece.end] if isinstance(piece, Run) else piece.shown
                if isinstance(piece, Run):
                    if piece.start < last_end or piece.end <= piece.start or "\n" in shown:
                        raise ValueError(f"run {piece} is empty, out of order or holds a line break")
                    last_end = piece.end
                starts.append(offset)
                offset += len(shown)
                ends.append(offset)
                file_starts.append(piece.start)
                file_ends.append(piece.end)
                is_run.append(isinstance(piece, Run))
                parts.append(shown)
            lines.append("".join(parts))
            offset += 1
    has_source = any(segment.source is not None for segment in segments)
    return Prose("\n".join(lines), source if has_source else None, tuple(starts), tuple(ends),
                 tuple(file_starts), tuple(file_ends), tuple(is_run), tuple(labels))


def _matched_span(edit: Edit) -> tuple[int, int]:
    """The span the rule matched, in the text of the edit's pass (the runner trims it to ``start:end``)."""
    before, after = edit.context
    if not before and not after:
        return edit.start, edit.end
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    return edit.start - prefix, edit.start - prefix + len(before)


class _Runs:
    """The runs of prose as the passes change them: where each is in the pass's prose and file."""

    def __init__(self, prose: Prose) -> None:
        index = prose.runs()
        self.starts = [prose.starts[i] for i in index]
        self.ends = [prose.ends[i] for i in index]
        self.file_starts = [prose.file_starts[i] for i in index]
        self.file_ends = [prose.file_ends[i] for i in index]

    def holding(self, start: int, end: int) -> int | None:
        """The run the span lies in, or ``None`` (no run, or two runs meeting at an empty span)."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0 or end > self.ends[i]:
            return None
        if start == end and self.starts[i] == start and i > 0 and self.ends[i - 1] == start:
            return None
        return i

    def to_file(self, i: int, pos: int) -> int:
        """A position inside run ``i`` of the pass's prose, in the pass's file text."""
        return self.file_starts[i] + pos - self.starts[i]

    def apply(self, changes: Mapping[int, int]) -> None:
        """Grow run ``i`` by ``changes[i]`` characters and shift the runs after it."""
        shift = 0
        for i in range(len(self.starts)):
            self.starts[i] += shift
            self.file_starts[i] += shift
            shift += changes.get(i, 0)
            self.ends[i] += shift
            self.file_ends[i] += shift


@dataclass
class _Walk:
    """The ledger followed pass by pass: each edit's run (``None``: it crosses markup) and file offsets."""

    runs: dict[int, int | None]
    file_spans: dict[int, tuple[int, int]]
    final: _Runs


def _walk(result: Result, prose: Prose) -> _Walk:
    runs = _Runs(prose)
    by_step: dict[int, list[int]] = {}
    for n, edit in enumerate(result.edits):
        by_step.setdefault(edit.step, []).append(n)
    placed: dict[int, int | None] = {}
    file_spans: dict[int, tuple[int, int]] = {}
    for step in sorted(by_step):
        changes: dict[int, int] = {}
        for n in by_step[step]:
            edit = result.edits[n]
            i = runs.holding(*_matched_span(edit))
            placed[n] = i
            if i is None:
                continue
            file_spans[n] = (runs.to_file(i, edit.start), runs.to_file(i, edit.end))
            if edit.applied:
                changes[i] = changes.get(i, 0) + len(edit.after) - (edit.end - edit.start)
        runs.apply(changes)
    return _Walk(placed, file_spans, runs)


@dataclass
class Repaired:
    """A repaired document: the run in prose offsets, the same run in file offsets, and the prose."""

    prose: Result
    file: Result
    layout: Prose


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")
    return starts


class _Locator:
    """Prose offsets (of the raw prose) to file offsets, and file offsets to 1-based line and column."""

    def __init__(self, prose: Prose, file_text: str) -> None:
        self.prose = prose
        self.line_starts = _line_starts(file_text)
        self.prose_line_starts = _line_starts(prose.text)

    def file_offset(self, pos: int, is_end: bool) -> int:
        p = self.prose
        i = (bisect.bisect_left(p.starts, pos) if is_end else bisect.bisect_right(p.starts, pos)) - 1
        if i < 0:
            return p.file_starts[0] if p.starts else 0
        if pos > p.ends[i]:
            return p.file_ends[i]
        if p.is_run[i]:
            return p.file_starts[i] + pos - p.starts[i]
        return p.file_ends[i] if is_end or pos > p.starts[i] else p.file_starts[i]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def prose_offset(self, line: int, col: int) -> int:
        return self.prose_line_starts[line - 1] + col - 1


def _crossing_finding(edit: Edit) -> Finding:
    message = f"{edit.message}; {CROSSES_MARKUP}: {edit.context[0]!r} -> {edit.context[1]!r}"
    return Finding(edit.rule_id, message, edit.before, edit.raw_start, edit.raw_end, edit.line, edit.col, edit.stage)


def _to_file(prose_result: Result, walk: _Walk, prose: Prose, file_text: str) -> Result:
    """The run in file offsets: the fixed file, its ledger, findings and conflicts located in the file."""
    where = _Locator(prose, file_text)
    pieces, cursor = [], 0
    for k, i in enumerate(prose.runs()):
        after = prose_result.text[walk.final.starts[k] : walk.final.ends[k]]
        if after != file_text[prose.file_starts[i] : prose.file_ends[i]]:
            pieces += [file_text[cursor : prose.file_starts[i]], after]
            cursor = prose.file_ends[i]
    pieces.append(file_text[cursor:])
    edits = []
    for n, edit in enumerate(prose_result.edits):
        start, end = walk.file_spans[n]
        raw_start, raw_end = where.file_offset(edit.raw_start, False), where.file_offset(edit.raw_end, True)
        line, col = where.line_col(raw_start)
        edits.append(dataclasses.replace(edit, start=start, end=end, raw_start=raw_start, raw_end=raw_end,
                                         line=line, col=col))
    findings = []
    for finding in prose_result.findings:
        raw_start = where.file_offset(finding.raw_start, False)
        raw_end = max(raw_start, where.file_offset(finding.raw_end, True))
        line, col = where.line_col(raw_start)
        findings.append(dataclasses.replace(finding, raw_start=raw_start, raw_end=raw_end, line=line, col=col))
    conflicts = []
    for conflict in prose_result.conflicts:
        line, col = where.line_col(where.file_offset(where.prose_offset(conflict.line, conflict.col), False))
        conflicts.append(dataclasses.replace(conflict, line=line, col=col))
    return Result(file_text, "".join(pieces), edits, findings, conflicts)


def repair_document(
    text: str,
    segments: Sequence[Segment],
    rules: Sequence[Rule] | None = None,
    *,
    apply_review: bool = False,
    decisions: Decisions | None = None,
    profile: Profile | None = None,
) -> Repaired:
    """Repair the prose of ``segments`` of the file ``text`` and splice it back (see the module's docstring).

    ``decisions`` name edits and findings by their prose offsets, as the review page shows them.
    """
    prose = prose_of(text, segments)
    wanted: dict[EditKey, bool] = decisions.verdicts() if decisions else {}
    refused: set[EditKey] = set()
    while True:
        verdicts = {**wanted, **dict.fromkeys(refused, False)}
        result = fix_text(prose.text, rules, apply_review=apply_review, source=prose.source, profile=profile,
                          verdicts=verdicts or None)
        walk = _walk(result, prose)
        crossing = [e for n, e in enumerate(result.edits) if walk.runs[n] is None and edit_key(e) not in refused]
        if not crossing:
            break
        # Runs are followed only through placed edits: after a crossing one, later passes are misplaced,
        # so only the first pass's crossing edits are certain; refuse those and run again.
        first = min(e.step for e in crossing)
        refused.update(edit_key(e) for e in crossing if e.step == first)
    kept = [n for n, e in enumerate(result.edits) if edit_key(e) not in refused]
    walk = _Walk({k: walk.runs[n] for k, n in enumerate(kept)},
                 {k: walk.file_spans[n] for k, n in enumerate(kept)}, walk.final)
    findings = result.findings + [_crossing_finding(e) for e in result.edits if edit_key(e) in refused]
    findings.sort(key=lambda f: (f.raw_start, f.raw_end, f.rule_id))
    prose_result = Result(result.raw, result.text, [result.edits[n] for n in kept],
                          mark_findings(findings, decisions), list(result.conflicts))
    return Repaired(prose_result, _to_file(prose_result, walk, prose, text), prose)
