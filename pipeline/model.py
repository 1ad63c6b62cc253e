"""The data model: rules, the edits and findings they propose, and the document context they see.

A rule is data plus a small function. It either rewrites the span its pattern matches (``fix``
returns the replacement, or ``None`` to pass) or, for a finding rule, flags it (``fix`` returns
``None`` to pass, or anything else to report). Rules never touch I/O; the runner applies edits and
keeps the ledger.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import regex

from .prefilter import compile_trigger

T = TypeVar("T")


class Tier(enum.StrEnum):
    """How a rule's output is used: applied, applied on request, or only reported."""

    SAFE = "safe"
    REVIEW = "review"
    FINDING = "finding"


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the text: document-level facts and the line-aligned source.

    ``doc`` holds facts computed once per document (e.g. ``date_style``); ``source`` holds the
    source-language lines when the user gave them, indexed like the lines of the text being fixed.
    A rule may be shown only some of those lines (those its prefilter picks): ``line_numbers`` then
    gives the index of each line it sees. When the text is one chunk of a larger document,
    ``first_line`` is the document line it starts at. ``shared`` memoises a scan several rules read.
    """

    doc: Mapping[str, Any] = field(default_factory=dict)
    source: tuple[str, ...] | None = None
    glossary: tuple[tuple[str, str, str], ...] = ()
    line_starts: Sequence[int] = (0,)
    line_numbers: Sequence[int] | None = None
    first_line: int = 0
    scans: dict[tuple[Callable[[str], Any], str], Any] = field(default_factory=dict, compare=False, repr=False)

    def shared(self, scan: Callable[[str], T], text: str) -> T:
        """``scan(text)``, computed once for each text the runner shows in one pass: a scan that several
        rules read (the runner gives each pass a fresh memo, so nothing outlives the text it was made of).

        >>> ctx, calls = Context(), []
        >>> def scan(text):
        ...     calls.append(text)
        ...     return text.upper()
        >>> ctx.shared(scan, "ab"), ctx.shared(scan, "ab"), calls
        ('AB', 'AB', ['ab'])
        """
        key = (scan, text)
        if key not in self.scans:
            self.scans[key] = scan(text)
        return self.scans[key]

    def _local_line(self, pos: int) -> int:
        i = bisect.bisect_right(self.line_starts, pos) - 1
        return i if self.line_numbers is None else self.line_numbers[i]

    def line_index(self, pos: int) -> int:
        """Index in the document (0-based) of the line holding offset ``pos`` of the text the rule sees."""
        return self.first_line + self._local_line(pos)

    def source_line(self, pos: int) -> str | None:
        """The source line aligned with the text line holding ``pos``, if a source was given."""
        if self.source is None:
            return None
        i = self._local_line(pos)
        return self.source[i] if i < len(self.source) else None


@dataclass(frozen=True)
class Proposal:
    """What a rule's ``find`` function yields: a span of the stage input and its replacement.

    For finding rules ``after`` is ``None``; ``message`` overrides the rule's message when set.
    """

    start: int
    end: int
    after: str | None = None
    message: str | None = None


FixFunction = Callable[["regex.Match[str]", Context], "str | None"]
FindFunction = Callable[[str, Context], Iterable[Proposal]]


@dataclass(frozen=True)
class Rule:
    """One repair or check, with the examples that document and test it.

    Give either ``pattern`` (with ``fix`` for edits; ``group`` names the span to rewrite) or
    ``find`` for rules that need code. ``examples`` pairs an input with the expected output (for a
    finding rule: with the flagged text); ``leave_alone`` lists texts the rule must not touch.
    ``prefilter`` (the rule's trigger) is a pattern that every match contains, or a tuple of plain
    literals of which every match contains one; lines without it are skipped. An invalid pattern
    fails when the rule is built, naming the rule. A rule that reads the source gives ``sources``:
    (example or leave-alone text, its source lines joined by LF) pairs; the example tests pass that
    source to the runner. A rule with
    ``needs_source`` can only speak on lines that have a source: without one, the runner skips it.
    """

    id: str
    message: str
    tier: Tier
    examples: tuple[tuple[str, str], ...]
    leave_alone: tuple[str, ...]
    pattern: str | None = None
    fix: FixFunction | None = None
    find: FindFunction | None = None
    group: int | str = 0
    flags: int = 0
    prefilter: str | tuple[str, ...] | None = None
    stage: str = ""
    sources: tuple[tuple[str, str], ...] = ()
    needs_source: bool = False

    def source_for(self, text: str) -> list[str] | None:
        """The source lines of one example or leave-alone text, or ``None`` if it has none."""
        found = dict(self.sources).get(text)
        return None if found is None else found.split("\n")

    def __post_init__(self) -> None:
        if (self.pattern is None) == (self.find is None):
            raise ValueError(f"rule {self.id}: give exactly one of pattern or find")
        if self.tier is not Tier.FINDING and self.pattern is not None and self.fix is None:
            raise ValueError(f"rule {self.id}: an edit rule with a pattern needs a fix function")
        if len(self.examples) < 1 or len(self.leave_alone) < 1:
            raise ValueError(f"rule {self.id}: needs examples and leave_alone texts")
        texts = {raw for raw, _ in self.examples} | set(self.leave_alone)
        stray = [text for text, _ in self.sources if text not in texts]
        if stray:
            raise ValueError(f"rule {self.id}: source given for a text that is no example: {stray[0]!r}")
        if self.prefilter is not None:
            _check_trigger(self)
        if self.pattern is not None:
            object.__setattr__(self, "compiled", regex.compile(self.pattern, self.flags | regex.V1))

    @property
    def family(self) -> str:
        """The first component of the dotted id (``date`` for ``date.day_in_month``)."""
        return self.id.split(".", 1)[0]

    def propose(self, text: str, ctx: Context) -> Iterable[Proposal]:
        """Every proposal of this rule on ``text`` (the stage's input)."""
        if self.find is not None:
            yield from self.find(text, ctx)
            return
        compiled: regex.Pattern[str] = self.compiled  # type: ignore[attr-defined]
        for m in compiled.finditer(text):
            if self.tier is Tier.FINDING:
                verdict = self.fix(m, ctx) if self.fix is not None else ""
                if verdict is not None:
                    yield Proposal(m.start(self.group), m.end(self.group), None, verdict or None)
                continue
            after = self.fix(m, ctx)  # type: ignore[misc]
            if after is not None:
                yield Proposal(m.start(self.group), m.end(self.group), after)


def _check_trigger(rule: Rule) -> None:
    """Fail, naming the rule, when its prefilter is not a pattern: at import, not on some later run."""
    try:
        compile_trigger(rule.prefilter or "", rule.flags & regex.IGNORECASE)
    except regex.error as error:
        raise ValueError(f"rule {rule.id}: prefilter {rule.prefilter!r} is not a valid pattern: {error}") from None


@dataclass(frozen=True)
class Edit:
    """A change to the text of one stage pass, with where it came from in the raw text.

    ``start``/``end`` index the input of the pass ``step``; ``line``/``col`` (1-based) and
    ``raw_start``/``raw_end`` locate it in the raw text (offsets after the BOM, lines joined by LF).
    ``before``/``after`` are the smallest change; ``context`` is the whole span the rule matched, before
    and after, for people reading the report. ``decision`` is a reviewer's verdict on it (``"accept"``
    or ``"reject"``), empty when nobody decided.
    """

    rule_id: str
    message: str
    tier: Tier
    stage: str
    step: int
    start: int
    end: int
    before: str
    after: str
    raw_start: int
    raw_end: int
    line: int
    col: int
    applied: bool = True
    context: tuple[str, str] = ("", "")
    decision: str = ""

    def to_json(self) -> dict[str, Any]:
        """The edit as a JSON-ready mapping (``decision`` only when a reviewer decided it)."""
        data = {
            "rule": self.rule_id,
            "tier": str(self.tier),
            "message": self.message,
            "stage": self.stage,
            "step": self.step,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "col": self.col,
            "raw_start": self.raw_start,
            "raw_end": self.raw_end,
            "before": self.before,
            "after": self.after,
            "applied": self.applied,
            "context": {"before": self.context[0], "after": self.context[1]},
        }
        if self.decision:
            data["decision"] = self.decision
        return data


@dataclass(frozen=True)
class Finding:
    """Something reported and never applied: a lost number, a Cyrillic word, a loop, a conflict.

    ``decision`` is ``"dismiss"`` when a reviewer settled it, else empty.
    """

    rule_id: str
    message: str
    text: str
    raw_start: int
    raw_end: int
    line: int
    col: int
    stage: str = ""
    decision: str = ""

    def to_json(self) -> dict[str, Any]:
        """The finding as a JSON-ready mapping (``decision`` only when a reviewer dismissed it)."""
        data = {
            "rule": self.rule_id,
            "message": self.message,
            "text": self.text,
            "line": self.line,
            "col": self.col,
            "raw_start": self.raw_start,
            "raw_end": self.raw_end,
            "stage": self.stage,
        }
        if self.decision:
            data["decision"] = self.decision
        return data
