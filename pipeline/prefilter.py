"""Gates: the cheap test that picks the lines a rule can match, so clean lines cost one scan.

A rule's ``prefilter`` is a literal or a pattern that every match of the rule contains. The gate
derives from it a few literals that every prefilter match contains (``required_literals``), finds
them with plain substring search (far faster than a regular expression engine stepping through
each character), and confirms the lines it found with the prefilter itself; or it scans for the
prefilter with either engine, or for its top-level branches one by one, whichever is fastest on
the text. Lines are indexed like ``text.split("\\n")``; a line is a candidate when a prefilter
match starts on it.

>>> required_literals(r" [,;!?:.]") == {" ,", " ;", " !", " ?", " :", " ."}
True
>>> sorted(required_literals(r"\\b(?:January|February) \\d{4}"))
['February ', 'January ']
>>> required_literals(r"[^\\x00-\\x7f]{2}") is None
True
>>> Gate(": ").lines("a: b\\nc\\nd: e: f", (0, 5, 7))
[0, 2]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from re import _constants as sre
from re import _parser as sre_parse

import regex

MAX_LITERALS = 24
MAX_CLASS = 12
CALIBRATE_CHARS = 1 << 19
SAMPLE_CHARS = 1 << 14  # on 4K, fixed costs hid the fastest search of some gates (typo.bracket_spacing: 2x)
FINAL_SAMPLE_CHARS = 1 << 16
FINALISTS = 3
FINALIST_RATIO = 2.0

# Syntax of the ``regex`` module that the standard parser reads differently or not at all.
_FOREIGN = ("[[", "--", "&&", "||", "~~", "\\p", "\\P", "\\N", "\\X", "\\m", "\\M", "\\G", "(?V", "(?|", "(?(",
            "(?r", "(?f", "(?w", "(?e", "(?b", "(?p", "{e", "(*")

# Escapes whose meaning differs between the two engines (Unicode word and space definitions).
_ENGINE_DEPENDENT = ("\\w", "\\W", "\\b", "\\B", "\\s", "\\S")

_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")
_GLOBAL_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)")

Literals = frozenset[str]
Search = Callable[[str, Sequence[int]], list[int]]


def _product(left: Literals, right: Literals) -> Literals | None:
    if len(left) * len(right) > MAX_LITERALS:
        return None
    return frozenset(a + b for a in left for b in right)


def _better(a: Literals | None, b: Literals | None) -> Literals | None:
    """The more selective of two literal sets: longer shortest member first, then fewer members."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _class(items: Sequence[tuple]) -> Literals | None:
    chars: set[str] = set()
    for op, value in items:
        if op is sre.LITERAL:
            chars.add(chr(value))
        elif op is sre.RANGE and value[1] - value[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None
    return frozenset(chars) if len(chars) <= MAX_CLASS else None


def _node(op: object, value: object) -> tuple[Literals | None, Literals | None]:
    """(exact, required) for one parsed node: every string it can match, and literals each contains."""
    if op is sre.LITERAL:
        char = frozenset({chr(value)})  # type: ignore[arg-type]
        return char, char
    if op is sre.IN:
        chars = _class(value)  # type: ignore[arg-type]
        return chars, chars
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return None, None  # zero-width, but a condition: what follows is no longer exactly known
    if op is sre.SUBPATTERN:
        _, add_flags, _, inner = value  # type: ignore[misc]
        if add_flags & sre.SRE_FLAG_IGNORECASE:
            return None, None
        return _sequence(inner)
    if op is sre.ATOMIC_GROUP:
        return _sequence(value)  # type: ignore[arg-type]
    if op is sre.BRANCH:
        parts = [_sequence(branch) for branch in value[1]]  # type: ignore[index]
        exact: Literals | None = frozenset().union(*(e for e, _ in parts)) if all(e is not None for e, _ in parts) \
            else None
        if exact is not None and len(exact) > MAX_LITERALS:
            exact = None
        required = frozenset().union(*(r for _, r in parts)) if all(r for _, r in parts) else None
        if required is not None and len(required) > MAX_LITERALS:
            required = None
        return exact, required
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, inner = value  # type: ignore[misc]
        if low == 0:
            return None, None
        exact, required = _sequence(inner)
        return (exact if low == high == 1 else None), required
    return None, None


def _sequence(items: Iterable[tuple]) -> tuple[Literals | None, Literals | None]:
    run: Literals | None = frozenset({""})
    best: Literals | None = None
    whole = True  # whether ``run`` is still every string the sequence so far can match
    for op, value in items:
        exact, required = _node(op, value)
        joined = _product(run, exact) if run is not None and exact is not None else None
        if joined is not None:
            run = joined
            continue
        best = _better(best, run if run != {""} else None)
        best = _better(best, required)
        run, whole = exact, False
    best = _better(best, run if run != {""} else None)
    if best is not None and "" in best:
        best = None
    return (run if whole else None), best


def _analyse(pattern: str, flags: int) -> tuple[Literals | None, Literals | None]:
    if flags & (regex.IGNORECASE | regex.VERBOSE) or any(token in pattern for token in _FOREIGN):
        return None, None
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError):
        return None, None
    if parsed.state.flags & (sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_VERBOSE):
        return None, None
    exact, required = _sequence(parsed)
    if required is None or any("\n" in literal for literal in required):
        return None, None
    return exact, required


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Literals of which every match of ``pattern`` contains one, or ``None`` when none can be named."""
    return _analyse(pattern, flags)[1]


class Gate:
    """The candidate-line test of one rule; a rule without prefilter has a gate that passes every line.

    Which search finds the lines fastest depends on the prefilter and on the text (``str.find``
    stalls on a needle ending in a frequent character, one alternation beats several scans for a
    family of literals, ``regex`` and ``re`` each win on some patterns): on the first large text the
    gate times each on samples and keeps the fastest. All of them find the same lines.
    """

    def __init__(self, prefilter: str | None, flags: int = 0) -> None:
        self.prefilter, self.flags = prefilter, flags
        # Multi-line, so that ``^`` and ``$`` mean a line's ends in a whole-text scan as in a line.
        self.pattern = regex.compile(prefilter, flags | regex.V1 | regex.MULTILINE) if prefilter else None
        self.stdlib = _stdlib_twin(prefilter, flags) if prefilter else None
        exact, literals = _analyse(prefilter, flags) if prefilter else (None, None)
        # A literal holding another one finds no line that one does not ("resp." and "esp.").
        self.literals = literals and frozenset(a for a in literals if not any(b != a and b in a for b in literals))
        # When the literals are exactly what the prefilter matches, finding them is the whole test.
        self.confirm = self.literals is not None and exact != self.literals
        self._search: Search | None = None

    @functools.cached_property
    def searches(self) -> list[Search]:
        """Equivalent ways to find the candidate lines; the first needs no compiling.

        The prefilter itself is scanned for by ``regex`` and, when it reads the same there, by the
        standard library's engine: each is several times faster than the other on some patterns.
        With literals, finding them (one by one, or in one alternation per engine) and confirming
        the lines found with the prefilter comes first: usually the fastest.
        """
        assert self.pattern is not None
        engines = [self.pattern] if self.stdlib is None else [self.pattern, self.stdlib]
        scans: list[Search] = [functools.partial(_scan_pattern, engine) for engine in engines]
        if self._branch_gates:
            scans.append(functools.partial(_scan_branches, self._branch_gates))
        if self.literals is None:
            return scans
        literals = sorted(self.literals)
        stdlib = re.compile("|".join(map(re.escape, literals)))
        alternation = regex.compile("|".join(map(regex.escape, literals)))
        finds: list[Search] = [
            functools.partial(_scan_literals, literals),
            functools.partial(_scan_pattern, stdlib),
            functools.partial(_scan_pattern, alternation),
        ]
        if self.confirm:
            finds = [functools.partial(self._confirmed, find) for find in finds]
        # A single character is found several times faster than a longer literal: the rarest one of
        # each literal picks a few more lines, which the prefilter then confirms.
        chars = sorted({min(literal, key=_commonness) for literal in literals})
        if chars != literals:
            finds.append(functools.partial(self._confirmed, functools.partial(_scan_literals, chars)))
        return [*finds, *scans]

    @functools.cached_property
    def _branch_gates(self) -> list[Gate]:
        """A gate for each top-level branch of the prefilter when it has several, else none.

        An alternation stops an engine's fast search for what a match starts with; each branch
        gets it back when scanned alone, and a line holds a match when it holds one of a branch.
        """
        branches = _branches(self.prefilter or "")
        return [gate(branch, self.flags) for branch in branches] if len(branches) > 1 else []

    def _confirmed(self, find: Search, text: str, starts: Sequence[int]) -> list[int]:
        assert self.pattern is not None
        search, ends = self.pattern.search, [*starts[1:], len(text) + 1]
        return [i for i in find(text, starts) if search(text[starts[i] : ends[i] - 1]) is not None]

    def _fastest(self, text: str, starts: Sequence[int]) -> Search:
        """The search that takes least time on the start of ``text``, each branch's gate calibrated first.

        Every search is timed on a small sample, and the fastest few, if within FINALIST_RATIO of
        the fastest, again on a larger one: a slow search costs little to rule out, and the choice
        between close ones is not left to timer noise on a few microseconds.
        """
        for branch in self._branch_gates:
            if branch._search is None and len(branch.searches) > 1:
                branch._search = branch._fastest(text, starts)
        small = _sample(text, starts, SAMPLE_CHARS)
        timed = sorted((_duration(search, *small), i) for i, search in enumerate(self.searches))
        finalists = [self.searches[i] for took, i in timed[:FINALISTS] if took <= timed[0][0] * FINALIST_RATIO]
        if len(finalists) == 1:
            return finalists[0]
        large = _sample(text, starts, FINAL_SAMPLE_CHARS)
        return min(finalists, key=lambda search: _duration(search, *large))

    def matches(self, line: str) -> bool:
        """Whether one line is a candidate."""
        return self.pattern is None or self.pattern.search(line) is not None

    def lines(self, text: str, starts: Sequence[int]) -> list[int]:
        """Sorted indices of the candidate lines of ``text`` (its lines begin at ``starts``)."""
        if self.pattern is None:
            return list(range(len(starts)))
        if self._search is None and len(text) >= CALIBRATE_CHARS and len(self.searches) > 1:
            self._search = self._fastest(text, starts)
        return (self._search or self.searches[0])(text, starts)


def _sample(text: str, starts: Sequence[int], size: int) -> tuple[str, Sequence[int]]:
    """The whole lines of ``text`` within its first ``size`` characters, and where they start."""
    cut = bisect.bisect_right(starts, size) - 1
    return text[: max(starts[cut] - 1, 0)], starts[:cut]


def _duration(search: Search, text: str, starts: Sequence[int]) -> float:
    """Seconds ``search`` takes on ``text``."""
    started = time.perf_counter()
    search(text, starts)
    return time.perf_counter() - started


def _commonness(char: str) -> int:
    """How common ``char`` is in running text, roughly: space and lower-case letters first, then
    capitals and digits, then punctuation and everything else."""
    if char == " " or char.islower():
        return 3
    if char.isalnum():
        return 2
    return 1 if char.isascii() else 0


def _stdlib_twin(prefilter: str, flags: int) -> re.Pattern[str] | None:
    """The prefilter compiled by the standard library, when both engines read it the same way."""
    if flags or any(token in prefilter for token in (*_FOREIGN, *_ENGINE_DEPENDENT)) or _INLINE_FLAGS.search(prefilter):
        return None
    try:
        return re.compile(prefilter, re.MULTILINE)
    except (re.error, OverflowError, RecursionError):
        return None


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern``; just ``pattern`` when it has none or uses a
    global flag or nested character sets.

    >>> _branches(r"a\\|b|[|]c|(d|e)f")
    ['a\\\\|b', '[|]c', '(d|e)f']
    """
    if any(token in pattern for token in ("[[", "--", "&&", "||", "~~")) or _GLOBAL_FLAGS.match(pattern):
        return [pattern]
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i + 1)  # a "]" first in a set is a member
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:]]


def _scan_branches(gates: Sequence[Gate], text: str, starts: Sequence[int]) -> list[int]:
    """Sorted lines picked by any of ``gates``."""
    return sorted(set().union(*(g.lines(text, starts) for g in gates)))


def _scan_literals(literals: Iterable[str], text: str, starts: Sequence[int]) -> list[int]:
    """Sorted lines holding any of ``literals``."""
    return sorted({i for literal in literals for i in _scan_literal(literal, text, starts)})


def _scan_literal(literal: str, text: str, starts: Sequence[int]) -> list[int]:
    """Lines holding ``literal``; after a hit the search jumps to the next line."""
    found, pos, last, find = [], 0, len(starts) - 1, text.find
    while (hit := find(literal, pos)) != -1:
        line = bisect.bisect_right(starts, hit) - 1
        found.append(line)
        if line == last:
            break
        pos = starts[line + 1]
    return found


def _scan_pattern(pattern: regex.Pattern[str] | re.Pattern[str], text: str, starts: Sequence[int]) -> list[int]:
    """Lines where a match of ``pattern`` starts; after a hit the search jumps to the next line."""
    found, pos, last, search = [], 0, len(starts) - 1, pattern.search
    while (hit := search(text, pos)) is not None:
        line = bisect.bisect_right(starts, hit.start()) - 1
        found.append(line)
        if line == last:
            break
        pos = starts[line + 1]
    return found


# Characters of English text from the most to the least common, roughly; any other is rarer still.
_COMMON = " etaoinsrhldcumwfgypb,.v0k12TA\"SI-MCPRDBOExjUFWNHG'q()VzLK:YJZQX"


def _rarity(char: str) -> int:
    """How rare ``char`` is in English text: its place in _COMMON, or past its end."""
    place = _COMMON.find(char)
    return len(_COMMON) if place < 0 else place


def anchored(literals: Iterable[str], then: Callable[[str], str] | None = None) -> list[str]:
    """Patterns that together match every occurrence of ``literals``, each led by one character.

    Each literal is found from its rarest character: a pattern starts with that character, looks
    behind for the part of the literal up to it and reads the rest. The standard library's engine
    skips from one leading character to the next, several times faster than it tries every
    position for an alternation of the literals (or than it searches for a longer literal); one
    pattern serves all literals with the same rarest character. ``then(literal)``, when given, is
    a pattern each occurrence must go on with (it may look behind, at the literal and before).

    >>> anchored(["Karsk", "Kazakstan", "Azerbaidzhan"])
    ['K(?:(?<=K)arsk|(?<=K)azakstan)', 'z(?:(?<=Az)erbaidzhan)']
    >>> anchored(["May"], lambda month: f"(?: [0-9]|(?<=[0-9] in {month}))")
    ['M(?:(?<=M)ay(?: [0-9]|(?<=[0-9] in May)))']
    """
    by_char: dict[str, list[str]] = {}
    for literal in literals:
        at = max(range(len(literal)), key=lambda i: _rarity(literal[i]))
        head, rest = re.escape(literal[: at + 1]), re.escape(literal[at + 1 :])
        by_char.setdefault(literal[at], []).append(f"(?<={head}){rest}{then(re.escape(literal)) if then else ''}")
    return [f"{re.escape(char)}(?:{'|'.join(alternatives)})" for char, alternatives in by_char.items()]


def line_span(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line of ``text`` holding offset ``pos``; the end is before its line break.

    >>> line_span("ab\\ncd\\nef", 4)
    (3, 5)
    """
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end == -1 else end


def lines_matching(pattern: regex.Pattern[str] | re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text`` where ``pattern`` matches, in order; one search per line.

    >>> list(lines_matching(re.compile("x"), "ax x\\nb\\nx"))
    [(0, 4), (7, 8)]
    """
    return _lines_of_hits(lambda pos: -1 if (hit := pattern.search(text, pos)) is None else hit.start(), text)


def lines_holding(literal: str, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text`` holding ``literal``, in order; one ``str.find`` per line.

    >>> list(lines_holding("x", "ax x\\nb\\nx"))
    [(0, 4), (7, 8)]
    """
    return _lines_of_hits(functools.partial(text.find, literal), text)


def _lines_of_hits(hit_from: Callable[[int], int], text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line holding a hit; ``hit_from(pos)`` is the first hit at or after ``pos``, or -1."""
    pos = 0
    while (hit := hit_from(pos)) != -1:
        start, end = line_span(text, hit)
        yield start, end
        pos = end + 1


def lines_with(text: str, prefilter: str, flags: int = 0) -> str:
    """The lines of ``text`` holding a match of ``prefilter``, joined by LF: what a document fact
    whose matches stay within a line and contain the prefilter needs to scan.

    >>> lines_with("a – b\\nplain\\n1917—1921", "[–—]")
    'a – b\\n1917—1921'
    """
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    return "\n".join([lines[i] for i in gate(prefilter, flags).lines(text, starts)])


@functools.cache
def gate(prefilter: str | None, flags: int = 0) -> Gate:
    """The gate of a prefilter, built once per process."""
    return Gate(prefilter, flags)
