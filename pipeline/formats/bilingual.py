"""What the translation-file adapters (XLIFF, TMX, PO, bilingual TSV) share: units, their pieces, QA.

A translation file is read into ``Entry``s: one per unit (or per segment of a unit), holding the
target's ``Segment`` (its prose runs and the inline codes between them, with the source text for the
rules), the unit's ``qa.Unit`` (texts and code keys of source and target) and where the unit is in
the file. ``segments`` gives the repair its segments, ``qa_findings`` runs the QA checks and locates
their findings at the unit's target (or at the unit, when it has no target); ``report_units`` adds them to
a repaired file's results and names the unit of every edit and finding.

``Walker`` turns the content of an XML element (a ``<source>``, ``<target>``, ``<seg>``) into lines
of pieces: character data becomes runs (a reference such as ``&amp;`` an atom showing ``&``),
a container's tags (``<g>``, ``<pc>``, ``<mrk>``, ``<hi>``) atoms showing nothing, and a code element
(``<x/>``, ``<ph>``, ``<bpt>``...) one atom for all of it: ``PLACEHOLDER`` for a standalone code,
nothing for one half of a pair.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from ..decisions import Decisions, mark_findings
from ..model import Edit, Finding
from ..qa import CHECKS, Check, Unit, run_checks
from . import PLACEHOLDER, Atom, Line, Piece, Run, Segment
from .document import Repaired
from .xmlspans import Chars, Other, Tag, XmlFile


@dataclass(frozen=True)
class Entry:
    """One unit of a translation file: the target's segment (``None``: no target), QA unit and location."""

    segment: Segment | None
    unit: Unit
    start: int
    end: int


@dataclass
class Walked:
    """An element's content as lines of pieces of the file ``text``, and its inline codes in order."""

    text: str
    lines: list[list[Piece]] = field(default_factory=lambda: [[]])
    codes: list[str] = field(default_factory=list)

    @property
    def shown(self) -> str:
        """The content as the rules see it: runs as they are, atoms as what they show, lines joined by LF."""
        return "\n".join("".join(p.shown if isinstance(p, Atom) else self.text[p.start : p.end] for p in line)
                         for line in self.lines)


@dataclass(frozen=True)
class Markup:
    """How a format's inline elements are read: by local name, containers and codes, and each one's key."""

    containers: frozenset[str]
    paired_codes: frozenset[str]
    key: Callable[[etree._Element], str]
    uncounted: frozenset[str] = frozenset()


def local(element: etree._Element) -> str:
    """The local name of an element (``target`` for ``{urn:oasis:names:tc:xliff:document:1.2}target``)."""
    return etree.QName(element).localname


class Walker:
    """Walks elements of one XML file into ``Walked`` content (see the module's docstring)."""

    def __init__(self, xml: XmlFile, markup: Markup) -> None:
        self.xml = xml
        self.markup = markup

    def walk(self, element: etree._Element) -> Walked:
        """The content of ``element`` as lines of pieces, with its inline codes in order."""
        walked = Walked(self.xml.text)
        skip_to = -1
        for token in self.xml.content(element):
            if token.start < skip_to:
                continue
            if isinstance(token, Chars):
                self._chars(token, walked)
            elif isinstance(token, Other):
                walked.lines[-1].append(Atom(token.start, token.end, ""))
            else:
                skip_to = self._tag(token, walked)
        return walked

    def _chars(self, token: Chars, walked: Walked) -> None:
        if not token.literal:
            shown = token.data if token.data.isprintable() else PLACEHOLDER
            walked.lines[-1].append(Atom(token.start, token.end, shown))
            return
        offset = token.start
        for k, part in enumerate(token.data.split("\n")):
            if k:
                walked.lines.append([])
                offset += 1
            if part:
                walked.lines[-1].append(Run(offset, offset + len(part)))
            offset += len(part)

    def _tag(self, token: Tag, walked: Walked) -> int:
        """Add the atom of a tag; returns the offset up to which tokens belong to it (a code's whole element)."""
        element = self.xml.element_at(token.index)
        name = local(element)
        key = self.markup.key(element)
        counted = name not in self.markup.uncounted
        if name in self.markup.containers:
            walked.lines[-1].append(Atom(token.start, token.end, ""))
            if counted:
                walked.codes.append(("/" if token.closing else "") + key)
            return -1
        start, end = self.xml.span(element)
        walked.lines[-1].append(Atom(start, end, "" if name in self.markup.paired_codes else PLACEHOLDER))
        if counted:
            walked.codes.append(key)
        return end


def attribute_key(*names: str) -> Callable[[etree._Element], str]:
    """A code key from the first of ``names`` the element has (``g#1``), else its local name and text."""

    def key(element: etree._Element) -> str:
        for name in names:
            value = element.get(name)
            if value is not None:
                return f"{local(element)}#{value}"
        return f"{local(element)}:{''.join(element.itertext())}"

    return key


def text_span(lines: Sequence[Sequence[Piece]], start: int, end: int) -> tuple[int, int]:
    """Where a target's pieces are in the file (from its first piece to its last), else ``start:end``."""
    pieces = [p for line in lines for p in line]
    return (pieces[0].start, pieces[-1].end) if pieces else (start, end)


def as_lines(walked: Walked) -> tuple[Line, ...]:
    """The walked lines as a segment's lines."""
    return tuple(tuple(line) for line in walked.lines)


def segments(entries: Iterable[Entry]) -> list[Segment]:
    """The segments of the entries that have a target."""
    return [e.segment for e in entries if e.segment is not None]


def _line_starts(text: str) -> list[int]:
    return list(itertools.accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))


def qa_findings(text: str, entries: Sequence[Entry], checks: Iterable[Check] = CHECKS) -> list[Finding]:
    """The QA checks' findings on a file's entries, located at each unit's target in the file ``text``."""
    found = []
    line_starts = _line_starts(text)
    for hit in run_checks([e.unit for e in entries], checks):
        entry = entries[hit.index]
        line = bisect.bisect_right(line_starts, entry.start)
        message = f"unit {entry.unit.id}: {hit.message}"
        found.append(Finding(hit.rule_id, message, hit.text, entry.start, entry.end, line,
                             entry.start - line_starts[line - 1] + 1, "qa"))
    return found


def _named(item: Edit | Finding, label: str) -> Edit | Finding:
    return dataclasses.replace(item, message=f"unit {label}: {item.message}") if label else item


def report_units(done: Repaired, text: str, entries: Sequence[Entry], checks: Iterable[Check],
                 decisions: Decisions | None = None) -> None:
    """Name each edit's and finding's unit in its message, and add the QA findings, in the file and the prose.

    A QA finding sits in the prose at its unit's first piece (at the start of the unit's line for a
    unit without a target).
    """
    layout = done.layout
    for result in (done.prose, done.file):
        in_file = result is done.file
        labels = [layout.label_at(e.raw_start) if in_file else layout.labels[e.line - 1] for e in result.edits]
        result.edits = [_named(e, label) for e, label in zip(result.edits, labels, strict=True)]
        labels = [layout.label_at(f.raw_start) if in_file else layout.labels[f.line - 1] for f in result.findings]
        result.findings = [_named(f, label) for f, label in zip(result.findings, labels, strict=True)]
    in_file = qa_findings(text, entries, checks)
    if not in_file:
        return
    at_piece = {start: k for k, start in reversed(list(enumerate(layout.file_starts)))}
    prose_lines = _line_starts(done.prose.raw)
    in_prose = []
    for finding in in_file:
        k = at_piece.get(finding.raw_start)
        if k is None:  # no target: the start of the prose line of the piece before the unit, or the first
            before = bisect.bisect_right(layout.file_starts, finding.raw_start) - 1
            line = layout.lines[before] if before >= 0 else 0
            start = prose_lines[line]
        else:
            start = layout.starts[k]
        line = bisect.bisect_right(prose_lines, start) - 1
        in_prose.append(dataclasses.replace(finding, raw_start=start, raw_end=start, line=line + 1,
                                            col=start - prose_lines[line] + 1))
    in_prose = mark_findings(in_prose, decisions)
    done.prose.findings = sorted([*done.prose.findings, *in_prose], key=lambda f: (f.raw_start, f.rule_id))
    decided = [dataclasses.replace(f, decision=p.decision) for f, p in zip(in_file, in_prose, strict=True)]
    done.file.findings = sorted([*done.file.findings, *decided], key=lambda f: (f.raw_start, f.rule_id))
