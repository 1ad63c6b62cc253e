"""Debris and repetition: stray markup, doubled words and looping phrases left by the MT system.

What it fixes: "[15] <(Excerpt from the book", "signed the the treaty"; it reports "and the and
the and the". Use instead: "[15] (Excerpt from the book", "signed the treaty". Why: markup torn by
the conversion of the source page, and the decoder repeating itself. Tier: a stray "<" and a
doubled article or preposition are safe; other doubled words are review ("had had", "that that"
and "very very" can be meant; a capitalised pair such as "Sirhan Sirhan" is a name and left
alone); a loop is a finding, since what the phrase should have been is unknown.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

import regex

from pipeline.model import Context, Proposal, Rule, Tier

STAGE = "debris"

STRAY_MARKUP = Rule(
    id="debris.stray_markup",
    message="Stray '<' left from markup",
    tier=Tier.SAFE,
    pattern=r"(?<=^|(?<![<>|&]\s*)[\s\]])(?P<lt><)(?=[(\[“\"«]\p{L})(?![^\n]*>)",
    prefilter="<",
    group="lt",
    flags=regex.MULTILINE,
    fix=lambda m, ctx: "",
    examples=(
        ("into account. [15] <(Excerpt from the book", "into account. [15] (Excerpt from the book"),
        ("<“Soviet diplomacy” was published", "“Soviet diplomacy” was published"),
        ("see also <[Report on the trip]", "see also [Report on the trip]"),
    ),
    leave_alone=(
        "we traditionally export <...> internal protests",
        "if a <b then stop",
        "the <b>bold</b> tag and <<quoted>>",
        "x < 5 and y<3",
        "pyenv install < <(curl -sSL x)",
        "<Buffer 76 26 af",
    ),
)

# Words that are never meant twice in a row.
ALWAYS_SINGLE = frozenset(("the", "a", "an", "of", "for", "with", "from", "and", "into", "onto", "than"))
# Words that English does double on purpose ("what it is is", "he had had", "that that").
MAY_DOUBLE = frozenset(("had", "that", "is", "do", "does", "did", "will", "can", "was"))

_DOUBLED = regex.compile(
    r"(?<![\p{L}\p{N}'’\"“_-])(?P<first>\p{L}+)(?P<gap> +)(?P<second>\p{L}+)(?![\p{L}\p{N}'’\"”_+/=-])"
)


_SENTENCE_START = regex.compile(r"(?:^|[.!?…][\"”’)]?[ ]+)\Z")


def _doubled(text: str, ctx: Context, *, safe: bool) -> list[Proposal]:
    proposals = []
    for m in _DOUBLED.finditer(text, overlapped=True):
        first, second = m["first"], m["second"]
        if first.lower() != second.lower() or second != second.lower():
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if first != second and not _SENTENCE_START.search(text[line_start : m.start()]):
            continue
        word = second
        if word in MAY_DOUBLE or (len(word) == 1 and word != "a"):
            continue
        if (word in ALWAYS_SINGLE) == safe:
            proposals.append(Proposal(m.end("first"), m.end("second"), ""))
    return proposals


# A word, spaces, the same word: what both doubled-word rules need to see in a line.
DOUBLED_PREFILTER = r"(?i)(?<!\p{L})(\p{L}+) +\1(?!\p{L})"

DOUBLED_WORD = Rule(
    id="debris.doubled_word",
    message="Word repeated by mistake",
    tier=Tier.SAFE,
    find=lambda text, ctx: _doubled(text, ctx, safe=True),
    prefilter=DOUBLED_PREFILTER,
    examples=(
        ("signed the the treaty", "signed the treaty"),
        ("The the treaty was signed", "The treaty was signed"),
        ("a plan of of action", "a plan of action"),
    ),
    leave_alone=(
        "he had had enough and said that that was all",
        "Sirhan Sirhan and Duran Duran",
        "60-year-old old people",
        "Vitamin A a day",
        'it can find "the the" and from+count',
        "abbr FOR for (i = 0)",
        "the theory",
    ),
)

DOUBLED_WORD_UNSURE = Rule(
    id="debris.doubled_word_unsure",
    message="Word maybe repeated by mistake",
    tier=Tier.REVIEW,
    find=lambda text, ctx: _doubled(text, ctx, safe=False),
    prefilter=DOUBLED_PREFILTER,
    examples=(
        ("pass at at least one test", "pass at least one test"),
        ("does not not notice", "does not notice"),
        ("wide belt, durable durable fabric", "wide belt, durable fabric"),
    ),
    leave_alone=(
        "he had had enough and said that that was all",
        "Sirhan Sirhan",
        "60-year-old old people",
        "the theory of the thing",
    ),
)

_LOOP = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<phrase>\p{L}[\p{L}\p{N}'’-]*(?:[ ,;]+\p{L}[\p{L}\p{N}'’-]*){0,7}?)"
    r"(?:[ ,;]+(?P=phrase)(?![\p{L}\p{N}])){2,}",
    regex.IGNORECASE,
)


# The standard library's engine: several times faster than ``regex`` for this plain word scan.
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _may_loop(line: str) -> bool:
    """A cheap necessary condition: some pair of adjacent words occurs three times in the line.

    A phrase of two or more words said three times repeats its first two words three times; one
    word said four times repeats the pair (word, word) three times.

    >>> _may_loop("and the and the and the treaty"), _may_loop("the cat and the dog and the bird")
    (True, False)
    """
    words = _WORD.findall(line.lower())
    if len(words) - len(set(words)) < 2:
        return False
    pairs = list(itertools.pairwise(words))
    if len(pairs) - len(set(pairs)) < 2:
        return False
    return Counter(pairs).most_common(1)[0][1] >= 3


def _loops(text: str, ctx: Context) -> list[Proposal]:
    proposals = []
    start = 0
    for line in text.split("\n"):
        if _may_loop(line):
            proposals += _loops_in_line(line, start)
        start += len(line) + 1
    return proposals


def _loops_in_line(line: str, offset: int) -> list[Proposal]:
    proposals = []
    for m in _LOOP.finditer(line):
        words = len(m["phrase"].split())
        start = r"(?<![\p{L}\p{N}])"
        repeats = len(regex.findall(start + regex.escape(m["phrase"]), m.group(), regex.IGNORECASE))
        if words >= 2 or repeats >= 4:
            message = f"Phrase repeated {repeats} times: an MT loop"
            proposals.append(Proposal(offset + m.start(), offset + m.end(), None, message))
    return proposals


REPEATED_PHRASE = Rule(
    id="debris.repeated_phrase",
    message="Phrase repeated three or more times in a row: an MT loop",
    tier=Tier.FINDING,
    find=_loops,
    examples=(
        ("and the and the and the treaty", "and the and the and the"),
        ("it was signed, it was signed, it was signed.", "it was signed, it was signed, it was signed"),
        ("no no no no no", "no no no no no"),
    ),
    leave_alone=(
        "no, no, no!",
        "ha ha ha",
        "very, very good and the treaty",
        "step by step by step",
    ),
)

RULES = [STRAY_MARKUP, DOUBLED_WORD, DOUBLED_WORD_UNSURE, REPEATED_PHRASE]
