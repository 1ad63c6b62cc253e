"""Gates: the cheap test that picks the lines a rule can match, so clean lines cost one scan.

A rule's trigger (its ``prefilter``) is a pattern that every match of the rule contains, or a tuple
of plain literals of which every match contains one. The gate compiler turns it into one scan with
one strategy, fixed when the gate is built from the trigger's text alone: each top-level branch of
the pattern is scanned on its own (an alternation stops an engine's fast search for what a match
starts with), and a branch is found

- by ``str.find`` when it is one character (a fast search of one character);
- by the standard library's engine when it starts with a literal character and reads the same
  there: that engine skips from one leading character to the next, several times faster than
  ``str.find`` of a literal ending in a frequent character ("( ");
- by ``str.find`` of the characters it starts with, the lines found confirmed by the branch, when a
  lookaround or a small set of characters leads it (``(?<= )[”»]``, ``[“«] ``);
- else by the ``regex`` engine, which scans for a leading character class fastest.

Lines are indexed like ``text.split("\\n")``; a line is a candidate when a trigger match starts on it.

>>> sorted(leading_characters(r"(?<= )[”»] x"))
['»', '”']
>>> leading_characters(r"\\d+ in March") is None
True
>>> Gate(": ").lines("a: b\\nc\\nd: e: f", (0, 5, 7))
[0, 2]
>>> Gate(("e: ", "c")).lines("a: b\\nc\\nd: e: f", (0, 5, 7))
[1, 2]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

import regex

MAX_CLASS = 12

Search = Callable[[str, Sequence[int]], list[int]]
Trigger = str | tuple[str, ...]

_META = frozenset(".^$*+?{}[]\\|()")

# Syntax of the ``regex`` module that the standard library reads differently or not at all.
_FOREIGN = ("[[", "--", "&&", "||", "~~", "\\p", "\\P", "\\N", "\\X", "\\m", "\\M", "\\G", "(?V", "(?|", "(?(",
            "(?r", "(?f", "(?w", "(?e", "(?b", "(?p", "{e", "(*")

# Escapes whose meaning differs between the two engines (Unicode word and space definitions).
_ENGINE_DEPENDENT = ("\\w", "\\W", "\\b", "\\B", "\\s", "\\S")

_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")
_GLOBAL_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)")
_LOOKAROUND = re.compile(r"\(\?<?[=!]")


def compile_trigger(trigger: Trigger, flags: int = 0) -> regex.Pattern[str]:
    """The trigger as one pattern (literals escaped and joined), multi-line so that ``^`` and ``$``
    mean a line's ends in a whole-text scan as in a line. Raises ``regex.error`` on a bad pattern."""
    pattern = trigger if isinstance(trigger, str) else "|".join(map(regex.escape, trigger))
    return regex.compile(pattern, flags | regex.V1 | regex.MULTILINE)


def _literal_text(pattern: str) -> str | None:
    """What ``pattern`` matches when it is literal text (escaped punctuation allowed), else ``None``."""
    chars, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
            if i == len(pattern) or pattern[i].isalnum():
                return None
            char = pattern[i]
        elif char in _META:
            return None
        chars.append(char)
        i += 1
    return "".join(chars)


def _skip_lookarounds(pattern: str) -> str:
    """``pattern`` without the zero-width lookaround groups it starts with."""
    while (lead := _LOOKAROUND.match(pattern)) is not None:
        closing = (i for i, _, depth in _structure(pattern, lead.end()) if depth < 0)
        pattern = pattern[next(closing, len(pattern)) + 1 :]
    return pattern


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(offset, character, depth after it) of each "(", ")" and "|" of ``pattern`` from ``start``,
    escapes and character sets skipped; the depth counts groups opened since ``start``."""
    depth, i = 0, start
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = _class_end(pattern, i)
        elif char in "()|":
            depth += 1 if char == "(" else -1 if char == ")" else 0
            yield i, char, depth
        i += 1


def _class_end(pattern: str, i: int) -> int:
    """Offset of the "]" closing the character set that opens at ``pattern[i]``."""
    i += 1 + pattern.startswith("^", i + 1)
    i += pattern.startswith("]", i)  # a "]" first in a set is a member
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


def _leading_class(pattern: str) -> tuple[frozenset[str], str] | None:
    """The members of a small set of plain characters that ``pattern`` starts with, and the rest."""
    if not pattern.startswith("[") or pattern.startswith("[^"):
        return None
    end = _class_end(pattern, 0)
    members, i = set(), 1
    while i < end:
        size = 2 if pattern[i] == "\\" else 1
        char = _literal_text(pattern[i : i + size])
        if char is None or pattern[i] == "-":  # a range, or a character the set reads otherwise
            return None
        members.add(char)
        i += size
    if not members or len(members) > MAX_CLASS or end >= len(pattern):
        return None
    return frozenset(members), pattern[end + 1 :]


def _leading_literal(pattern: str) -> str | None:
    """The literal character every match of ``pattern`` starts with, if it is not quantified away."""
    size = 2 if pattern[:1] == "\\" else 1
    char = _literal_text(pattern[:size])
    return char if char and pattern[size : size + 1] not in ("?", "*", "{") else None


def leading_characters(branch: str, flags: int = 0) -> frozenset[str] | None:
    """Characters of which every match of ``branch`` (a pattern without top-level ``|``) starts with
    one, read past the lookarounds it starts with; ``None`` when no small set of them can be named."""
    if flags & regex.IGNORECASE or _GLOBAL_FLAGS.match(branch):
        return None
    branch = _skip_lookarounds(branch)
    chars = _leading_class(branch)
    if chars is not None:
        return chars[0] if chars[1][:1] not in ("?", "*", "{") else None
    char = _leading_literal(branch)
    return frozenset({char}) if char else None


def _stdlib_twin(pattern: str, flags: int) -> re.Pattern[str] | None:
    """``pattern`` compiled by the standard library, when both engines read it the same way."""
    if flags or any(token in pattern for token in (*_FOREIGN, *_ENGINE_DEPENDENT)) or _INLINE_FLAGS.search(pattern):
        return None
    try:
        return re.compile(pattern, re.MULTILINE)
    except (re.error, OverflowError, RecursionError):
        return None


def _branch_search(branch: str, flags: int) -> Search:
    """The one way a branch of a trigger is scanned for (see the module's docstring)."""
    literal = None if flags & regex.IGNORECASE else _literal_text(branch)
    if literal is not None and len(literal) == 1:
        return functools.partial(_scan_literals, (literal,))
    pattern = regex.compile(branch, flags | regex.V1 | regex.MULTILINE)
    if _leading_literal(branch):
        return functools.partial(_scan_pattern, _stdlib_twin(branch, flags) or pattern)
    chars = leading_characters(branch, flags)
    if chars is None:
        return functools.partial(_scan_pattern, pattern)
    find = functools.partial(_scan_literals, sorted(chars))
    lead = _leading_class(branch)
    if lead is not None and lead[1] == "":
        return find  # the branch is a set of characters: finding them is the whole test
    return functools.partial(_confirmed, pattern, find)


class Gate:
    """The candidate-line test of one rule's trigger; a rule without one has a gate passing every line."""

    def __init__(self, trigger: Trigger | None, flags: int = 0) -> None:
        self.trigger, self.flags = trigger, flags
        self.pattern = compile_trigger(trigger, flags) if trigger else None
        branches = [] if not trigger else _branches(trigger) if isinstance(trigger, str) else \
            [re.escape(literal) for literal in sorted(set(trigger))]
        self._searches = [_branch_search(branch, flags) for branch in branches]

    def matches(self, line: str) -> bool:
        """Whether one line is a candidate."""
        return self.pattern is None or self.pattern.search(line) is not None

    def lines(self, text: str, starts: Sequence[int]) -> list[int]:
        """Sorted indices of the candidate lines of ``text`` (its lines begin at ``starts``)."""
        if not self._searches:
            return list(range(len(starts)))
        if len(self._searches) == 1:
            return self._searches[0](text, starts)
        return sorted(set().union(*(search(text, starts) for search in self._searches)))


def _confirmed(pattern: regex.Pattern[str], find: Search, text: str, starts: Sequence[int]) -> list[int]:
    """The lines ``find`` picks on which ``pattern`` matches."""
    search, ends = pattern.search, [*starts[1:], len(text) + 1]
    return [i for i in find(text, starts) if search(text[starts[i] : ends[i] - 1]) is not None]


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern``; just ``pattern`` when it has none or uses a
    global flag or nested character sets.

    >>> _branches(r"a\\|b|[|]c|(d|e)f")
    ['a\\\\|b', '[|]c', '(d|e)f']
    """
    if any(token in pattern for token in ("[[", "--", "&&", "||", "~~")) or _GLOBAL_FLAGS.match(pattern):
        return [pattern]
    cuts = [i for i, char, depth in _structure(pattern) if char == "|" and depth == 0]
    return [pattern[start + 1 : end] for start, end in itertools.pairwise([-1, *cuts, len(pattern)])]


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
    return "\n".join([lines[i] for i in gate(prefilter, flags).lines(text, line_starts(lines))])


def line_starts(lines: Sequence[str]) -> list[int]:
    """Offsets at which ``lines`` begin in ``"\\n".join(lines)``.

    >>> line_starts(["ab", "", "c"])
    [0, 3, 4]
    """
    return list(map(operator.add, itertools.accumulate(map(len, lines[:-1]), initial=0), itertools.count()))


@functools.cache
def gate(prefilter: str | None, flags: int = 0) -> Gate:
    """The gate of a prefilter, built once per process."""
    return Gate(prefilter, flags)
