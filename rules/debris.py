"""Debris and repetition: stray markup, doubled words and looping phrases left by the MT system.

What it fixes: "[15] <(Excerpt from the book", "signed the the treaty"; it reports "and the and
the and the". Use instead: "[15] (Excerpt from the book", "signed the treaty". Why: markup torn by
the conversion of the source page, and the decoder repeating itself. Tier: a stray "<" and a
doubled article or preposition are safe; other doubled words are review ("had had", "that that"
and "very very" can be meant; none after a phrasal verb, "looked at at the station", or across a
relative clause, "those who voted voted"); a capitalised pair is review when it is an acronym
("CSKA CSKA") or a word the document also writes alone ("Moscow Moscow"), else a name left alone
("Sirhan Sirhan"); a loop is a finding, since what the phrase should have been is unknown.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter

import regex

from mtfix.model import Context, EditRule, Example, FindingRule, Proposal, Tier, Unsure
from mtfix.prefilter import line_starts

STAGE = "debris"

STRAY_MARKUP = EditRule(
    id="debris.stray_markup",
    stage=STAGE,
    message="Stray '<' left from markup",
    tier=Tier.SAFE,
    pattern=r"(?<=^|(?<![<>|&]\s*)[\s\]])(?P<lt><)(?=[(\[“\"«]\p{L})(?![^\n]*>)",
    prefilter="<",
    group="lt",
    flags=regex.MULTILINE,
    fix=lambda m, ctx: "",
    examples=(
        Example("into account. [15] <(Excerpt from the book", "into account. [15] (Excerpt from the book"),
        Example("<“Soviet diplomacy” was published", "“Soviet diplomacy” was published"),
        Example("see also <[Report on the trip]", "see also [Report on the trip]"),
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
MAY_DOUBLE = frozenset(("had", "that", "is", "do", "does", "did", "will", "can", "was", "it", "long"))
# Particles that end a phrasal verb and begin a phrase: "looked at at the station", "filled in in the form".
PARTICLES = frozenset(("at", "in", "on", "up", "out", "off", "to", "by", "over", "down", "about", "through"))
# Words that open a clause whose verb may be followed by the main clause's same verb: "those who
# voted voted against", "what he said said it all".
# Both are searched from the end of the line before a match (regex's (?r), up to an endpos): linear on a long line.
_RELATIVE = regex.compile(r"(?r)\b(?:who|which|what|whoever|whatever|whom)(?: \S+){0,2} $", regex.IGNORECASE)
_PREV = regex.compile(r"(?r)(\p{L}+)\W*$")

_DOUBLED = regex.compile(
    r"(?<![\p{L}\p{N}'’\"“_-])(?P<first>\p{L}+)(?P<gap> +)(?P<second>\p{L}+)(?![\p{L}\p{N}'’\"”_+/=-])"
)


# Searched from the end of the line before a match (regex's (?r), up to an endpos): linear on a long line.
_SENTENCE_START = regex.compile(r"(?r)(?:^|[.!?…][\"”’)]?[ ]+)\Z")


# A word, spaces, the same word: the doubled-word rules read only the lines holding it.
_SAME_WORD_TWICE = regex.compile(r"(?i)(?<!\p{L})(\p{L}+) +\1(?!\p{L})", regex.V1)

# Non-ASCII letters that equal an ASCII letter ignoring case, for str.lower() or for regex's IGNORECASE.
_ASCII_TWINS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def _word_table() -> bytes:
    table = bytearray(b" " * 256)
    for byte in range(128):
        if chr(byte).isalpha():
            table[byte] = ord(chr(byte).lower())
    for byte, capital in zip(b"0123456789'-", b"ABCDEFGHIJKL", strict=True):
        table[byte] = capital
    table[ord("?")] = ord("q")  # what the ASCII encoder writes for any other character
    table[ord("\n")] = ord("\n")
    return bytes(table)


_WORD_TABLE = _word_table()


@functools.lru_cache(maxsize=2)
def _ascii_words(text: str) -> bytes:
    """The text as ASCII words, offset for offset: what the fast scans below read.

    A letter becomes its lowercase ASCII letter, any other non-ASCII character "q"; a digit,
    apostrophe or hyphen becomes a capital (A to L: not a letter, but cased for bytes.title()); a
    line break stays and everything else becomes a space. So two words that are equal ignoring
    case, as str.lower() or regex's IGNORECASE compare them, give the same bytes (the four non-ASCII
    letters equal to an ASCII one become that letter first).

    >>> _ascii_words("Aber, l'été 1921\\nDas")
    b'aber  lKqtq BJCB\\ndas'
    """
    for twin, letter in _ASCII_TWINS.items():
        if twin in text:
            text = text.replace(twin, letter)
    return text.encode("ascii", "replace").translate(_WORD_TABLE)


# In _ascii_words(): a word, spaces and the same word, followed by a space, a line break, "q" or the end;
# one pattern for each thing the first word may follow: the start, a line break, a space or "q".
_REPEATS = tuple(re.compile(before + rb"([^ ]++) +\1(?![^ \nq])") for before in (rb"\A", rb"\n", rb" ", rb"q"))


@functools.lru_cache(maxsize=2)
def _lines_with_a_repeat(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each line where a word follows itself after spaces, commas or semicolons.

    A necessary condition, on any text, for both doubled-word rules and for a loop of one word.
    A doubled word (letters, spaces, the same letters ignoring case) and the second and third
    copies of a one-word loop (four copies joined by spaces, commas or semicolons) are the same
    bytes in _ascii_words(), each ending before a space. The first word follows the start of the text, a
    line break, a space or "q" there, because the doubled-word rule wants no letter, digit,
    apostrophe, hyphen, quote or underscore before it and a loop copy follows a separator; the
    second word is followed by a space, a line break, "q" or the end, because the doubled-word rule
    wants no letter, digit, apostrophe or hyphen after it and the third copy has a separator after it.

    Each scan starts with a literal byte, so the standard library's engine only tries the positions
    after one: the cost is one short attempt per word.
    """
    words = _ascii_words(text)
    found = set()
    for repeat in _REPEATS:
        pos = 0
        while (m := repeat.search(words, pos)) is not None:
            start, end = words.rfind(b"\n", 0, m.start(1)) + 1, words.find(b"\n", m.start(1))
            if end < 0:
                found.add((start, len(words)))
                break
            found.add((start, end))
            pos = max(end, m.start() + 1)  # on to the next line; a word may start with a line break
    return tuple(sorted(found))


def _doubled_in_line(line: str, offset: int) -> list[Proposal]:
    """Each doubled word of one line to remove (offsets moved by ``offset``): safe, or for review."""
    found = []
    for m in _DOUBLED.finditer(line, overlapped=True):
        first, second = m["first"], m["second"]
        if first.lower() != second.lower() or second != second.lower():
            continue
        if first != second and not _SENTENCE_START.search(line, 0, m.start()):
            continue
        word = second
        if word in MAY_DOUBLE or (len(word) == 1 and word != "a"):
            continue
        prev = _PREV.search(line, 0, m.start())
        prev_word = prev.group(1).lower() if prev else ""
        if prev_word == word.lower() or line[m.end() :].lower().startswith(" " + word.lower() + " "):
            continue  # three in a row: which copy to keep is a guess
        if word in PARTICLES and prev_word.endswith(("ed", "en")):
            continue
        if word not in ALWAYS_SINGLE and (_RELATIVE.search(line, 0, m.start()) or len(m["gap"]) > 1):
            continue  # a relative clause, or columns of a table ("triggers  triggers")
        tier = Tier.SAFE if word in ALWAYS_SINGLE else Tier.REVIEW
        found.append(Proposal(offset + m.end("first"), offset + m.end("second"), "", tier=tier))
    return found


@functools.lru_cache(maxsize=2)
def _doubled_words(text: str) -> tuple[Proposal, ...]:
    """The doubled words of the text, safe or for review: the work both tiers of the rule share."""
    found = []
    for start, end in _lines_with_a_repeat(text):
        line = text[start:end]
        if _SAME_WORD_TWICE.search(line) is not None:
            found += _doubled_in_line(line, start)
    return tuple(found)


def _doubled(text: str, ctx: Context) -> tuple[Proposal, ...]:
    return _doubled_words(text)


DOUBLED_WORD = EditRule(
    id="debris.doubled_word",
    stage=STAGE,
    message="Word repeated by mistake",
    tier=Tier.SAFE,
    unsure=Unsure(
        id="debris.doubled_word_unsure",
        message="Word maybe repeated by mistake",
        tier=Tier.REVIEW,
    ),
    find=_doubled,
    examples=(
        Example("signed the the treaty", "signed the treaty"),
        Example("The the treaty was signed", "The treaty was signed"),
        Example("a plan of of action", "a plan of action"),
        Example("pass at at least one test", "pass at least one test", unsure=True),
        Example("does not not notice", "does not notice", unsure=True),
        Example("wide belt, durable durable fabric", "wide belt, durable fabric", unsure=True),
        Example("I thank you you helped me", "I thank you helped me", unsure=True),
    ),
    leave_alone=(
        "he had had enough and said that that was all",
        "Sirhan Sirhan and Duran Duran",
        "60-year-old old people",
        "Vitamin A a day",
        'it can find "the the" and from+count',
        "abbr FOR for (i = 0)",
        "the theory",
        "Sirhan Sirhan",
        "the theory of the thing",
        "the car was looked at at the station and filled in in the office",
        "96.5% of those who voted voted against independence",
        "when you have it it will be larger",
        "the car was looked at at at the station",
        "a long long time ago and the column  column",
    ),
)

_DOUBLED_CAPITAL = regex.compile(
    r"(?<![\p{L}\p{N}'’\"“_-])(?P<word>\p{Lu}[\p{L}]+)(?P<gap> +)(?P=word)(?![\p{L}\p{N}'’\"”_+/=-])", regex.V1
)


def _lone_capitals(raw: str) -> frozenset[str]:
    """Capitalised words the document doubles ("Moscow Moscow") and also writes alone elsewhere.

    A name that is one word twice ("Sirhan Sirhan", "Duran Duran") is always doubled; a word the
    document writes alone as well was doubled by mistake where it is doubled.

    >>> sorted(_lone_capitals("In Moscow Moscow said. Moscow agreed. Duran Duran played."))
    ['Moscow']
    """
    found = set()
    for start, end in _lines_with_a_repeat(raw):
        for m in _DOUBLED_CAPITAL.finditer(raw, start, end):
            found.add(m["word"])
    lone = set()
    for word in found:
        alone = regex.findall(rf"(?<![\p{{L}}\p{{N}}-]){regex.escape(word)}(?![\p{{L}}\p{{N}}-])", raw)
        doubled = regex.findall(rf"(?<![\p{{L}}\p{{N}}-]){regex.escape(word)} +{regex.escape(word)}(?![\p{{L}}-])", raw)
        if len(alone) > 2 * len(doubled):
            lone.add(word)
    return frozenset(lone)


DOC_FACTS = {"lone_capitals": _lone_capitals}


def _doubled_capitals(text: str, ctx: Context) -> list[Proposal]:
    """ "CSKA CSKA", or "Moscow Moscow" where the document writes "Moscow" alone elsewhere."""
    lone = ctx.doc.get("lone_capitals", frozenset())
    proposals = []
    for start, end in _lines_with_a_repeat(text):
        for m in _DOUBLED_CAPITAL.finditer(text, start, end):
            word = m["word"]
            if text.count(word, max(start, m.start() - 15), min(end, m.end() + 15)) > 2:
                continue  # a row of values: "[False False True False]"
            if (word.isupper() and len(word) > 1) or word in lone:
                proposals.append(Proposal(m.end("word"), m.end(), ""))
    return proposals


DOUBLED_CAPITAL = EditRule(
    id="debris.doubled_capital",
    stage=STAGE,
    message="Capitalised word repeated: an acronym twice, or a name the document writes once elsewhere",
    tier=Tier.REVIEW,
    find=_doubled_capitals,
    examples=(
        Example("CSKA CSKA won the match", "CSKA won the match"),
        Example("Moscow is large. In Moscow Moscow the talks began.", "Moscow is large. In Moscow the talks began."),
        Example("the NATO NATO summit", "the NATO summit"),
    ),
    leave_alone=(
        "Sirhan Sirhan and Duran Duran",
        "there there's a cat and after-hours hours",
        "Moscow, Moscow and the City",
        "I I",
        "mask = [False False True False False]",
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


_LOWERCASE_AND_SPACE = b"abcdefghijklmnopqrstuvwxyz "
_LINE_BREAKS = bytes(0xFF if byte == ord("\n") else 0 for byte in range(256))


def _lines_with_a_loop(text: str, ctx: Context) -> list[tuple[int, int]]:
    """(start, end) of each line that may hold a loop, found with a few whole-text operations.

    A necessary condition, on any text, for every loop the rule reports: three or more copies of
    a phrase of k words (1 <= k <= 8) joined by spaces, commas or semicolons, equal ignoring case.
    In _ascii_words() the loop's words are whole words with the same bytes in every copy, except that the
    first copy's first word and the last copy's last word may be glued to what lies outside the
    loop. A one-word loop needs four copies: its second and third are a repeat (see
    _lines_with_a_repeat). With k >= 2, take the first letter of every word (title-casing _ascii_words()
    capitalises exactly those): from the first copy's second word to the second copy's last word,
    2k - 1 words in a row have the first letter of the word k places on. So one big-integer XOR of
    that list with itself shifted by k words, line breaks masked, gives a run of 2k - 1 zero bytes.
    """
    firsts = _ascii_words(text).title().translate(None, _LOWERCASE_AND_SPACE)  # one capital per word, line breaks
    starts = ctx.line_starts
    if len(starts) != firsts.count(b"\n") + 1:  # a caller that gave no line starts
        starts = line_starts(text.split("\n"))
    found = set(_lines_with_a_repeat(text))
    letters = int.from_bytes(firsts, "little")
    breaks = int.from_bytes(firsts.translate(_LINE_BREAKS), "little")
    for k in range(2, 9):
        shift = 8 * k
        same = (letters ^ (letters >> shift) | breaks | breaks >> shift).to_bytes(len(firsts), "little")
        run, pos, line, counted = bytes(2 * k - 1), 0, 0, 0
        while (pos := same.find(run, pos)) != -1:
            line, counted = line + firsts.count(b"\n", counted, pos), pos
            found.add((starts[line], starts[line + 1] - 1 if line + 1 < len(starts) else len(text)))
            pos = firsts.find(b"\n", pos) + 1
            if pos == 0:
                break
    return sorted(found)


def _loops(text: str, ctx: Context) -> list[Proposal]:
    proposals = []
    for start, end in _lines_with_a_loop(text, ctx):
        line = text[start:end]
        if _may_loop(line):
            proposals += _loops_in_line(line, start)
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


REPEATED_PHRASE = FindingRule(
    id="debris.repeated_phrase",
    stage=STAGE,
    message="Phrase repeated three or more times in a row: an MT loop",
    find=_loops,
    examples=(
        Example("and the and the and the treaty", flagged="and the and the and the"),
        Example("it was signed, it was signed, it was signed.", flagged="it was signed, it was signed, it was signed"),
        Example("no no no no no", flagged="no no no no no"),
    ),
    leave_alone=(
        "no, no, no!",
        "ha ha ha",
        "very, very good and the treaty",
        "step by step by step",
    ),
)

RULES = [STRAY_MARKUP, DOUBLED_WORD, DOUBLED_CAPITAL, REPEATED_PHRASE]
