"""Repairing a document's prose and splicing the repaired characters back into the file.

The prose of a document's segments becomes one text, a line per line of the file (atoms shown as
the rules should see them; see ``prose_of``), and the rule stages run over it as over a text file: the document's facts
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
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..decisions import Decisions, mark_findings
from ..model import Edit, Finding, Rule
from ..profiling import Profile
from ..runner import EditKey, Result, edit_key, fix_text
from . import PLACEHOLDER, Atom, Run, Segment

CROSSES_MARKUP = "not changed: the change would cross markup"


@dataclass(frozen=True)
class Prose:
    """The prose of a document as the rules see it, and where each piece of it is in the file.

    ``starts``/``ends`` are each piece's offsets in the prose, ``file_starts``/``file_ends`` in the
    file, ``is_run`` whether it is a run, ``whole`` whether it is an atom shown as text (an entity),
    which an edit may delete whole, ``joins`` whether it is a seam (``Atom.joins``), ``lines`` its
    prose line; pieces are in prose order, which is file order. ``labels`` has each prose line's
    segment label.
    """

    text: str
    source: list[str] | None
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    file_starts: tuple[int, ...]
    file_ends: tuple[int, ...]
    is_run: tuple[bool, ...]
    whole: tuple[bool, ...]
    labels: tuple[str, ...]
    joins: tuple[bool, ...] = ()
    lines: tuple[int, ...] = ()

    def label_at(self, file_offset: int) -> str:
        """The label of the segment whose piece holds ``file_offset`` of the file (its end included), else ``""``."""
        i = bisect.bisect_right(self.file_starts, file_offset) - 1
        return self.labels[self.lines[i]] if i >= 0 and file_offset <= self.file_ends[i] else ""

    def editable(self) -> list[int]:
        """Indexes of the pieces an edit may change: runs, and atoms shown as text (deleted whole)."""
        return [i for i, (run, whole) in enumerate(zip(self.is_run, self.whole, strict=True)) if run or whole]


def _line_starts(text: str) -> list[int]:
    """Offsets at which the lines of ``text`` begin."""
    return list(itertools.accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))


def _segment_source(segment: Segment) -> list[str]:
    if segment.source is None:
        return [""] * len(segment.lines)
    lines = segment.source.split("\n")
    if len(lines) == len(segment.lines):
        return lines
    return [" ".join(lines)] * len(segment.lines)


def prose_of(text: str, segments: Sequence[Segment], line_source: Sequence[str] | None = None) -> Prose:
    """Lay out the segments' lines as the prose text, a prose line per line of the file.

    Each segment line goes on the prose line of the file line it starts on (after the previous
    one); segment lines that meet on one file line are parted by a placeholder, so no rule reads
    across them. Line numbers in messages, ``check`` and the review page are then the file's. A
    segment with its own source (a translation unit) that meets another on one file line gets a
    prose line of its own right after it instead, so that the rules read it with its own source
    alone (a file holding its units on one line); the prose then has more lines than the file. A
    prose line's source is its segments' own, else line ``line_source`` (aligned with the file).
    An adapter's malformed run raises ``ValueError``.
    """
    file_starts_of_lines = _line_starts(text)
    rows: list[int] = []  # the file line of each prose line
    parts: list[list[str]] = []
    sources: list[list[str]] = []
    labels: list[str] = []
    placed: list[tuple[int, int, int, int, bool, bool, bool]] = []  # line, length, file span, run, whole, joins

    def new_row(file_line: int) -> None:
        rows.append(file_line)
        parts.append([])
        sources.append([])
        labels.append("")

    current, last_end = 0, 0
    for segment in segments:
        for line, source in zip(segment.lines, _segment_source(segment), strict=True):
            if not line:
                continue
            current = max(current, bisect.bisect_right(file_starts_of_lines, line[0].start) - 1)
            while not rows or rows[-1] < current:
                new_row(rows[-1] + 1 if rows else 0)
            if parts[-1] and segment.source is not None:
                new_row(current)
            elif parts[-1]:
                parts[-1].append(PLACEHOLDER)
                placed.append((len(rows) - 1, 1, line[0].start, line[0].start, False, False, False))
            row = len(rows) - 1
            labels[row] = labels[row] or segment.label
            if segment.source is not None:
                sources[row].append(source)
            for piece in line:
                shown = text[piece.start : piece.end] if isinstance(piece, Run) else piece.shown
                if isinstance(piece, Run):
                    if piece.start < last_end or piece.end <= piece.start or "\n" in shown:
                        raise ValueError(f"run {piece} is empty, out of order or holds a line break")
                    last_end = piece.end
                parts[row].append(shown)
                whole = isinstance(piece, Atom) and shown not in ("", PLACEHOLDER)
                joins = isinstance(piece, Atom) and piece.joins
                placed.append((row, len(shown), piece.start, piece.end, isinstance(piece, Run), whole, joins))
    while not rows or rows[-1] < len(file_starts_of_lines) - 1:
        new_row(rows[-1] + 1 if rows else 0)
    lines = ["".join(p) for p in parts]
    prose_line_starts = _line_starts("\n".join(lines))
    starts: list[int] = []
    ends: list[int] = []
    offset, line_at = 0, -1
    for k, length, *_ in placed:
        if k != line_at:
            offset, line_at = prose_line_starts[k], k
        starts.append(offset)
        offset += length
        ends.append(offset)
    has_source = line_source is not None or any(segment.source is not None for segment in segments)
    source = None
    if has_source:
        source = [" ".join(own) if own else (line_source[rows[k]] if line_source is not None else "")
                  for k, own in enumerate(sources)]
    return Prose("\n".join(lines), source, tuple(starts), tuple(ends), tuple(p[2] for p in placed),
                 tuple(p[3] for p in placed), tuple(p[4] for p in placed), tuple(p[5] for p in placed), tuple(labels),
                 tuple(p[6] for p in placed), tuple(p[0] for p in placed))


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
    """The editable pieces (runs, entities) as the passes change them: where each is in the pass's prose and file."""

    def __init__(self, prose: Prose) -> None:
        index = prose.editable()
        self.starts = [prose.starts[i] for i in index]
        self.ends = [prose.ends[i] for i in index]
        self.file_starts = [prose.file_starts[i] for i in index]
        self.file_ends = [prose.file_ends[i] for i in index]
        self.whole = [prose.whole[i] for i in index]
        # Whether piece k and k + 1 are text that meets: nothing between them in the prose but seams.
        self.open_after = [
            prose.ends[a] == prose.starts[b] and all(prose.joins[j] for j in range(a + 1, b))
            for a, b in itertools.pairwise(index)
        ]
        # Whether a seam (and nothing else) parts piece k from piece k + 1, and the seams' file text.
        pairs = list(itertools.pairwise(index))
        self.seams_after = [open_ and b > a + 1 for open_, (a, b) in zip(self.open_after, pairs, strict=True)]
        self.seam_text = [[(prose.file_starts[j], prose.file_ends[j]) for j in range(a + 1, b)]
                          for a, b in itertools.pairwise(index)]

    def holding(self, start: int, end: int) -> int | None:
        """The run the span lies in, or ``None`` (no run, or two runs meeting at an empty span)."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0 or end > self.ends[i]:
            return None
        if start == end and self.starts[i] == start and i > 0 and self.ends[i - 1] == start:
            return None
        return i

    def within(self, span: tuple[int, int], start: int, end: int) -> int | None:
        """The run holding the edit ``start:end`` when its match ``span`` crosses only text (entities, seams)."""
        i = self.holding(start, end)
        if i is None or self.whole[i]:
            return None
        lo = hi = i
        while span[0] < self.starts[lo] and lo > 0 and self.open_after[lo - 1]:
            lo -= 1
        while span[1] > self.ends[hi] and hi + 1 < len(self.ends) and self.open_after[hi]:
            hi += 1
        return i if self.starts[lo] <= span[0] and span[1] <= self.ends[hi] else None

    def across(self, span: tuple[int, int], start: int, end: int) -> tuple[int, int] | None:
        """The first and last run of an edit ``start:end`` that spans seams only (a wrapped PO string), if so.

        The runs between must meet through seams alone, and the match ``span`` lie within them.
        """
        i = bisect.bisect_right(self.starts, start) - 1
        j = bisect.bisect_left(self.ends, end)
        if i < 0 or j >= len(self.ends) or i >= j or start > self.ends[i] or end < self.starts[j]:
            return None
        if any(self.whole[k] or not self.seams_after[k] for k in range(i, j)) or self.whole[j]:
            return None
        return (i, j) if self.within(span, start, min(end, self.ends[i])) == i else None

    def to_file(self, i: int, pos: int) -> int:
        """A position inside run ``i`` of the pass's prose, in the pass's file text."""
        return self.file_starts[i] + pos - self.starts[i]

    def apply(self, changes: Mapping[int, tuple[int, int]]) -> None:
        """Grow piece ``i`` by ``changes[i]`` characters (in the prose, in the file) and shift those after it."""
        shift = file_shift = 0
        for i in range(len(self.starts)):
            self.starts[i] += shift
            self.file_starts[i] += file_shift
            grown, file_grown = changes.get(i, (0, 0))
            shift += grown
            file_shift += file_grown
            self.ends[i] += shift
            self.file_ends[i] += file_shift


@dataclass
class _Walk:
    """The ledger followed pass by pass: each edit's run (``None``: it crosses markup) and file offsets.

    ``file_afters`` holds the file text of edits across seams: their replacement, then the seams.
    """

    runs: dict[int, int | None]
    file_spans: dict[int, tuple[int, int]]
    final: _Runs
    file_afters: dict[int, str] = field(default_factory=dict)


def _walk(result: Result, prose: Prose, text: str) -> _Walk:
    runs = _Runs(prose)
    file_afters: dict[int, str] = {}
    by_step: dict[int, list[int]] = {}
    for n, edit in enumerate(result.edits):
        by_step.setdefault(edit.step, []).append(n)
    placed: dict[int, int | None] = {}
    file_spans: dict[int, tuple[int, int]] = {}
    for step in sorted(by_step):
        changes: dict[int, tuple[int, int]] = {}
        for n in by_step[step]:
            edit = result.edits[n]
            span = _matched_span(edit)
            i = runs.holding(*span)
            if i is None:
                i = runs.within(span, edit.start, edit.end)
            seamed = runs.across(span, edit.start, edit.end) if i is None else None
            if seamed is not None:
                placed[n] = seamed[0]
                _across(runs, seamed, edit, n, text, file_spans, file_afters, changes)
                continue
            if i is not None and runs.whole[i] and (edit.after or span != (edit.start, edit.end)
                                                     or span != (runs.starts[i], runs.ends[i])):
                i = None  # an entity is only ever deleted whole
            placed[n] = i
            if i is None:
                continue
            if runs.whole[i]:
                file_spans[n] = (runs.file_starts[i], runs.file_ends[i])
            else:
                file_spans[n] = (runs.to_file(i, edit.start), runs.to_file(i, edit.end))
            if edit.applied:
                grown = len(edit.after) - (edit.end - edit.start)
                file_grown = grown if not runs.whole[i] else file_spans[n][0] - file_spans[n][1]
                before = changes.get(i, (0, 0))
                changes[i] = (before[0] + grown, before[1] + file_grown)
        runs.apply(changes)
    return _Walk(placed, file_spans, runs, file_afters)


def _across(runs: _Runs, seamed: tuple[int, int], edit: Edit, n: int, text: str,
            file_spans: dict[int, tuple[int, int]], file_afters: dict[int, str],
            changes: dict[int, tuple[int, int]]) -> None:
    """Place an edit across seams: its replacement goes to its first run, the rest of its span is cut from
    the runs after it, and the seams stay (in the file ledger, after the replacement)."""
    i, j = seamed
    file_spans[n] = (runs.to_file(i, edit.start), runs.to_file(j, edit.end))
    file_afters[n] = edit.after + "".join(text[a:b] for k in range(i, j) for a, b in runs.seam_text[k])
    if not edit.applied:
        return
    cuts = {i: len(edit.after) - (runs.ends[i] - edit.start), j: -(edit.end - runs.starts[j])}
    cuts.update({k: runs.starts[k] - runs.ends[k] for k in range(i + 1, j)})
    for k, grown in cuts.items():
        before = changes.get(k, (0, 0))
        changes[k] = (before[0] + grown, before[1] + grown)


@dataclass
class Repaired:
    """A repaired document: the run in prose offsets, the same run in file offsets, and the prose."""

    prose: Result
    file: Result
    layout: Prose


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
    for k, i in enumerate(prose.editable()):
        after = prose_result.text[walk.final.starts[k] : walk.final.ends[k]]
        if after != prose_result.raw[prose.starts[i] : prose.ends[i]]:
            pieces += [file_text[cursor : prose.file_starts[i]], after]
            cursor = prose.file_ends[i]
    pieces.append(file_text[cursor:])
    edits = []
    for n, edit in enumerate(prose_result.edits):
        start, end = walk.file_spans[n]
        raw_start, raw_end = where.file_offset(edit.raw_start, False), where.file_offset(edit.raw_end, True)
        line, col = where.line_col(raw_start)
        edits.append(dataclasses.replace(edit, start=start, end=end, raw_start=raw_start, raw_end=raw_end,
                                         line=line, col=col, after=walk.file_afters.get(n, edit.after)))
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
    line_source: Sequence[str] | None = None,
) -> Repaired:
    """Repair the prose of ``segments`` of the file ``text`` and splice it back (see the module's docstring).

    ``decisions`` name edits and findings by their prose offsets, as the review page shows them;
    ``line_source`` is a source aligned with the lines of the file.
    """
    prose = prose_of(text, segments, line_source)
    wanted: dict[EditKey, bool] = decisions.verdicts() if decisions else {}
    refused: set[EditKey] = set()
    while True:
        verdicts = {**wanted, **dict.fromkeys(refused, False)}
        result = fix_text(prose.text, rules, apply_review=apply_review, source=prose.source, profile=profile,
                          verdicts=verdicts or None)
        walk = _walk(result, prose, text)
        crossing = [e for n, e in enumerate(result.edits) if walk.runs[n] is None and edit_key(e) not in refused]
        if not crossing:
            break
        # Runs are followed only through placed edits: after a crossing one, later passes are misplaced,
        # so only the first pass's crossing edits are certain; refuse those and run again.
        first = min(e.step for e in crossing)
        refused.update(edit_key(e) for e in crossing if e.step == first)
    kept = [n for n, e in enumerate(result.edits) if edit_key(e) not in refused]
    walk = _Walk({k: walk.runs[n] for k, n in enumerate(kept)},
                 {k: walk.file_spans[n] for k, n in enumerate(kept)}, walk.final,
                 {k: walk.file_afters[n] for k, n in enumerate(kept) if n in walk.file_afters})
    findings = result.findings + [_crossing_finding(e) for e in result.edits if edit_key(e) in refused]
    findings.sort(key=lambda f: (f.raw_start, f.raw_end, f.rule_id))
    prose_result = Result(result.raw, result.text, [result.edits[n] for n in kept],
                          mark_findings(findings, decisions), list(result.conflicts))
    return Repaired(prose_result, _to_file(prose_result, walk, prose, text), prose)
