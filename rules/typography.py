"""Typography: spacing left by machine translation around times, punctuation and quotes.

What it fixes: "08: 15", "good , I", "“ quoted ”". Why: the MT system tokenised the source and
detokenised it badly. Tier: safe; each pattern demands the artifact's exact shape.
"""

from __future__ import annotations

import regex

from pipeline.model import Context, Proposal, Rule, Tier

STAGE = "typography"


def _clock(m: regex.Match[str], ctx: Context) -> str:
    return f"{m['h']}:{m['m']}"


CLOCK_TIME = Rule(
    id="typo.clock_time",
    message="Space after the colon of a clock time",
    tier=Tier.SAFE,
    pattern=r"(?<![\d:.,/-])(?P<h>[01]\d|2[0-3]): (?P<m>[0-5]\d)(?![\d:])"
    r"|(?<=\bat )(?P<h>1?\d): (?P<m>[0-5]\d)(?![\d:])",
    fix=_clock,
    prefilter=": ",
    examples=(
        ("13 February 2016 08: 15", "13 February 2016 08:15"),
        ("the meeting began at 9: 30 sharp", "the meeting began at 9:30 sharp"),
        ("posted 20 November 2016 17: 26", "posted 20 November 2016 17:26"),
    ),
    leave_alone=(
        "13 February 2016 08:15",
        "Chapter 3: 15 ways to win",
        "the ratio was 12: 1",
        "Note: 15 people came",
        "John 3:16 is quoted",
    ),
)


SPACE_BEFORE_PUNCT = Rule(
    id="typo.space_before_punct",
    message="Space before a punctuation mark",
    tier=Tier.SAFE,
    pattern=r"(?<=[\p{L}\p{N}%)\]»”\"'’]) +(?=[,;!?](?:\s|$)|:(?:\s|$)(?! *\d)|\.(?:\s|$)(?![.\s]*\.))",
    fix=lambda m, ctx: "",
    prefilter=r" [,;!?:.]",
    examples=(
        ("Good article good , I would even say", "Good article good, I would even say"),
        ("Thank you very much , very interesting.", "Thank you very much, very interesting."),
        ("Is it true ? Yes .", "Is it true? Yes."),
        ("two points : first", "two points: first"),
    ),
    leave_alone=(
        "Good article good, I would even say",
        "on the side of Germany ..... The Entente",
        "the final score was 3 : 1",
        "see https://example.org/a,b and `a , b`",
        "Yahoo! and Jeopardy! are names",
        "wait . . . and see",
    ),
)


_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’"}
_STRAIGHT = regex.compile(r'"')
_CURLY = regex.compile(r"[“«„‘]")


def _inner_spacing(text: str, open_at: int, close_at: int) -> list[Proposal]:
    """Edits removing the spaces just inside a quote pair spanning ``open_at``..``close_at``."""
    inner = text[open_at + 1 : close_at]
    stripped = inner.strip(" ")
    if not stripped or "\n" in inner:
        return []
    proposals = []
    lead = len(inner) - len(inner.lstrip(" "))
    trail = len(inner) - len(inner.rstrip(" "))
    if lead:
        proposals.append(Proposal(open_at + 1, open_at + 1 + lead, ""))
    if trail:
        proposals.append(Proposal(close_at - trail, close_at, ""))
    return proposals


def _quote_spacing(text: str, ctx: Context) -> list[Proposal]:
    proposals: list[Proposal] = []
    for line_start, line in _lines(text):
        if '"' in line and line.count('"') % 2 == 0:
            marks = [m.start() for m in _STRAIGHT.finditer(line)]
            for open_at, close_at in zip(marks[::2], marks[1::2], strict=True):
                before_ok = open_at == 0 or line[open_at - 1] in " ([—–-:"
                after_ok = close_at + 1 == len(line) or line[close_at + 1] in " ,.;:!?)]—–-"
                if before_ok and after_ok:
                    for p in _inner_spacing(line, open_at, close_at):
                        proposals.append(Proposal(p.start + line_start, p.end + line_start, ""))
        for m in _CURLY.finditer(line):
            closer = _QUOTE_PAIRS[m.group()]
            close_at = line.find(closer, m.end())
            nested = line.find(m.group(), m.end())
            if close_at == -1 or (0 <= nested < close_at) or (m.group() == "‘" and "’" in line[m.end() : close_at]):
                continue
            if m.group() == "‘" and not (close_at + 1 == len(line) or not line[close_at + 1].isalpha()):
                continue
            for p in _inner_spacing(line, m.start(), close_at):
                proposals.append(Proposal(p.start + line_start, p.end + line_start, ""))
    return proposals


def _lines(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out


QUOTE_SPACING = Rule(
    id="typo.quote_spacing",
    message="Space just inside quotation marks",
    tier=Tier.SAFE,
    find=_quote_spacing,
    prefilter=r'["“«„‘]',
    examples=(
        ("was “ the solidarity between them ”[6]", "was “the solidarity between them”[6]"),
        ('carried out " in combination with the flu vaccination ".',
         'carried out "in combination with the flu vaccination".'),
        ('" It indicates that two doses do not suffice, " emphasized Pfizer.',
         '"It indicates that two doses do not suffice," emphasized Pfizer.'),
        ("the « Pravda » newspaper", "the «Pravda» newspaper"),
    ),
    leave_alone=(
        'a "winter vib" in plumb fishing',
        'a 5" screen and a 7 " one',
        "“Yes,” she said, “ and no",
        "it’s the dogs’ toys and ‘ fine",
        'he said "yes" and "no" twice',
    ),
)

RULES = [CLOCK_TIME, SPACE_BEFORE_PUNCT, QUOTE_SPACING]
