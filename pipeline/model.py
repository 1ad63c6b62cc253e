"""The data model: rules, the edits and findings they propose, and the document context they see.

A rule is data plus a small function, of one of two kinds. An ``EditRule`` rewrites the span its
pattern matches (``fix`` returns the replacement, or ``None`` to pass) or yields ``Proposal``s from
``find``; a ``FindingRule`` only reports: every match of its pattern, or what its ``find`` yields.
Each proposal carries its tier: an edit rule that is sure of some matches and not of others declares
how it reports the others (``unsure``) and tags them, as a Ruff fix carries its applicability. Rules
never touch I/O; the runner applies edits and keeps the ledger.
"""

from __future__ import annotations

import bisect
import dataclasses
import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
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

    def lines_with_source(self, text: str) -> Iterator[tuple[int, str, str]]:
        """Each non-empty line of ``text`` that has a source line: (offset, line, source line).

        >>> list(Context(source=("Да.", "Нет."), line_starts=(0, 5)).lines_with_source("Yes.\\nNo."))
        [(0, 'Yes.', 'Да.'), (5, 'No.', 'Нет.')]
        """
        if self.source is None:
            return
        start = 0
        for line in text.split("\n"):
            source = self.source_line(start)
            if source is not None and line:
                yield start, line, source
            start += len(line) + 1


@dataclass(frozen=True)
class Proposal:
    """What a rule's ``find`` function yields: a span of the stage input and its replacement.

    For a finding ``after`` is ``None``; ``message`` overrides the rule's message when set. ``tier``
    is the proposal's own tier when it differs from the rule's: the tier of the rule's ``unsure``.
    """

    start: int
    end: int
    after: str | None = None
    message: str | None = None
    tier: Tier | None = None


FixFunction = Callable[["regex.Match[str]", Context], "str | None"]
FindFunction = Callable[[str, Context], Iterable[Proposal]]


@dataclass(frozen=True)
class Example:
    """One documented case of a rule, run by the tests: an ``input`` and what the rule makes of it.

    An edit rule's example gives the ``output``; a finding rule's the ``flagged`` text. A text the
    rule must leave alone gives neither (a plain string in ``leave_alone`` is one). ``source`` holds
    the aligned source lines, joined by LF, for rules that read the source. ``unsure`` marks an
    example of the proposals a rule reports under its ``unsure`` id and tier.
    """

    input: str
    output: str | None = None
    flagged: str | None = None
    source: str | None = None
    unsure: bool = False

    @property
    def expected(self) -> str | None:
        """The output, or the flagged text; ``None`` for a text to leave alone."""
        return self.flagged if self.flagged is not None else self.output

    def source_lines(self) -> list[str] | None:
        """The source lines given to the runner with this example, or ``None``."""
        return None if self.source is None else self.source.split("\\n")


@dataclass(frozen=True)
class Unsure:
    """How an edit rule reports the proposals it tags with ``tier``: under this id and message."""

    id: str
    message: str
    tier: Tier


@dataclass(frozen=True, kw_only=True)
class Rule:
    """What every rule has: an id, a message, its stage, its trigger and the examples that test it.

    Give either ``pattern`` or ``find`` (for rules that need code). ``examples`` are ``Example``s of
    what the rule does (at least one); ``leave_alone`` texts (plain strings, or ``Example``s to give a
    source) it must not touch. ``stage`` is the ``STAGE`` of the rule's module, declared by the rule.
    ``prefilter`` (the rule's trigger) is a pattern that every match contains, or a tuple of plain
    literals of which every match contains one; lines without it are skipped. An invalid pattern
    fails when the rule is built, naming the rule. A rule with ``needs_source`` can only speak on
    lines that have a source: without one, the runner skips it.
    """

    id: str
    message: str
    stage: str
    examples: tuple[Example, ...]
    leave_alone: tuple[str | Example, ...]
    pattern: str | None = None
    find: FindFunction | None = None
    group: int | str = 0
    flags: int = 0
    prefilter: str | tuple[str, ...] | None = None
    needs_source: bool = False
    tier: Tier = Tier.SAFE

    def __post_init__(self) -> None:
        if (self.pattern is None) == (self.find is None):
            raise ValueError(f"rule {self.id}: give exactly one of pattern or find")
        if len(self.examples) < 1 or len(self.leave_alone) < 1:
            raise ValueError(f"rule {self.id}: needs examples and leave_alone texts")
        if any(e.expected is None for e in self.examples) or any(
                isinstance(e, Example) and e.expected is not None for e in self.leave_alone):
            raise ValueError(f"rule {self.id}: an example gives its output or flagged text, a leave-alone text neither")
        if self.prefilter is not None:
            _check_trigger(self)
        if self.pattern is not None:
            _ = self.compiled  # an invalid pattern fails here, naming the rule

    @cached_property
    def compiled(self) -> regex.Pattern[str]:
        """The rule's pattern, compiled once."""
        try:
            return regex.compile(self.pattern or "", self.flags | regex.V1)
        except regex.error as error:
            raise ValueError(f"rule {self.id}: pattern is not valid: {error}") from None

    @property
    def family(self) -> str:
        """The first component of the dotted id (``date`` for ``date.day_in_month``)."""
        return self.id.split(".", 1)[0]

    @property
    def kept(self) -> tuple[Example, ...]:
        """The leave-alone texts as ``Example``s (with their sources)."""
        return tuple(e if isinstance(e, Example) else Example(e) for e in self.leave_alone)

    def variants(self) -> tuple[Rule, ...]:
        """The rules the registry lists for this declaration, one per id: the rule itself."""
        return (self,)

    def propose(self, text: str, ctx: Context) -> Iterable[Proposal]:
        """Every proposal of this rule on ``text`` (the stage's input)."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class EditRule(Rule):
    """A rule that rewrites text: applied (tier ``safe``) or suggested (tier ``review``).

    With ``pattern``, ``fix(match, ctx)`` returns the replacement of the span ``group`` names, or
    ``None`` to pass. A rule that is unsure of some of its proposals tags them with ``unsure.tier``
    (``Proposal(..., tier=...)``) and marks their examples ``unsure=True``; they are reported under
    ``unsure.id`` and ``unsure.message``.
    """

    fix: FixFunction | None = None
    unsure: Unsure | None = None
    # The tier of a proposal that names none: the declared rule's, also in its ``unsure`` variant.
    sure_tier: Tier | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.pattern is not None and self.fix is None:
            raise ValueError(f"rule {self.id}: an edit rule with a pattern needs a fix function")
        if self.sure_tier is None and self.tier is Tier.FINDING:
            raise ValueError(f"rule {self.id}: an edit rule is safe or review; a finding rule is a FindingRule")

    def variants(self) -> tuple[Rule, ...]:
        """The rule, then (when it declares ``unsure``) the rule its unsure proposals are reported as."""
        if self.unsure is None:
            return (self,)
        sure = dataclasses.replace(self, examples=tuple(e for e in self.examples if not e.unsure),
                                   unsure=None, sure_tier=self.tier)
        unsure = dataclasses.replace(
            self, id=self.unsure.id, message=self.unsure.message, tier=self.unsure.tier,
            examples=tuple(e for e in self.examples if e.unsure), unsure=None, sure_tier=self.tier)
        return (sure, unsure)

    def propose(self, text: str, ctx: Context) -> Iterable[Proposal]:
        """The proposals of this rule's tier on ``text`` (a declared rule's variant sees only its own)."""
        default = self.sure_tier or self.tier
        for proposal in self._proposals(text, ctx):
            if (proposal.tier or default) is self.tier:
                yield proposal

    def _proposals(self, text: str, ctx: Context) -> Iterable[Proposal]:
        if self.find is not None:
            yield from self.find(text, ctx)
            return
        for m in self.compiled.finditer(text):
            after = self.fix(m, ctx)  # type: ignore[misc]
            if after is not None:
                yield Proposal(m.start(self.group), m.end(self.group), after)


@dataclass(frozen=True, kw_only=True)
class FindingRule(Rule):
    """A rule that only reports: every match of its ``pattern`` (the span ``group`` names) is flagged
    with the rule's message, or ``find`` yields ``Proposal``s (``after`` unset, ``message`` to word one).
    """

    tier: Tier = field(default=Tier.FINDING, init=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        if any(e.flagged is None for e in self.examples):
            raise ValueError(f"rule {self.id}: a finding rule's example gives the flagged text (flagged=...)")

    def propose(self, text: str, ctx: Context) -> Iterable[Proposal]:
        """Every finding of this rule on ``text`` (the stage's input)."""
        if self.find is not None:
            yield from self.find(text, ctx)
            return
        for m in self.compiled.finditer(text):
            yield Proposal(m.start(self.group), m.end(self.group))


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
