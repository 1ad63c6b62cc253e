"""Typography: spacing left by machine translation around times, punctuation, quotes, numbers and ranges.

What it fixes: "08: 15", "At 5: 47 p.m.", "drew 1: 1", "good , I", "possible ," said", "great !!!",
"“ quoted ”", "1917 – 1921", "3 - 4 points", "(1825 - 1869)", "25, 000 rubles", "the girl’ s",
"won 't", "+ 380 - 42-791-0436", "( text )", "two  spaces".
Use instead: "08:15", "At 5:47 p.m.", "drew 1:1", "good, I", "possible," said", "great!!!",
"“quoted”", "1917–1921", "3–4 points", "(1825–1869)", "25,000 rubles", "the girl’s", "won't",
"+ 380-42-791-0436", "(text)", "two spaces".
Why: the MT system tokenised the source and detokenised it badly; Russian sets ranges with a spaced
dash. Tier: safe; each pattern demands the artifact's exact shape and a context that rules out the
look-alikes ("Chapter 3: 15 ways", "in 2022 - 11.4 thousand", "On April 3, 410 bodies", "the
players’ team"). A hyphenated year range and a double space are review: people write them too.
A range's dash follows the document: a hyphen range becomes an en dash only where the document writes
the same range with an en dash, and a spaced em dash takes the document's own hyphen form of it.
A quotation may run over several lines: a quote whose pair is on another line loses its inner space
only where its shape shows its direction ("in our victory. "" at a line's end, "do it, " Crespo told",
a curly "“ He came"); two straight quotes are never paired across such a mark.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from mtfix.model import Context, EditRule, Example, FindFunction, Proposal, Tier
from mtfix.prefilter import lines_holding, lines_matching, lines_with

STAGE = "typo"

MONTH_WORDS = "January|February|March|April|May|June|July|August|September|October|November|December"


# Words after which "<h>: <mm>" is a time of day: "at 5: 47", "from 8: 00", "until 7: 30".
_TIME_WORDS = frozenset(
    regex.split(
        r"\s+",
        "at from until till to by about around since before after approximately approx. estimated between "
        "and or starting begins began start starts ends ended open opens closes closed",
    )
)
# Words before "<a>: <b>" that make it a score: "a score of 5: 0", "drew 1: 1", "won 3: 1".
_SCORE_WORDS = frozenset(
    regex.split(
        r"\s+",
        "score scores scored scoring drew draw drawn won win wins winning lost lose loses losing beat beats "
        "defeated defeat defeats victory loss result ended finished led leading trailed trailing",
    )
)
# Nouns that number what follows the colon: "Chapter 10: 15 ways", "Step 1: 20 minutes".
_LABELS = frozenset(
    regex.split(
        r"\s+",
        "chapter step article phase group psalm note part room section item question point page verse lesson "
        "stage round game level season episode volume table figure line no. number rule task exercise option",
    )
)
_STARTS = regex.compile(r"(?:^|[.!?:;][\"”’»)]*)\s*[\"“«(]?$")
_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today"))
# Plural nouns after "<n>: <mm>" that make the second number a count: "Tip 3: 15 ways to win".
_COUNTED = regex.compile(r" (?:ways|people|things|tips|reasons|questions|rules|steps|teams|players|volunteers)\b")
_AM_PM = regex.compile(r" ?(?:[ap]\.m\.|[ap]m\b|[AP]\.M\.|[AP]M\b|o['’]clock|h\b|hrs?\b)")
_TIME_RANGE_NEXT = regex.compile(r"[-–—]\d{1,2}: ?\d\d")
_SCORE_AFTER = regex.compile(r" (?:defeat|win|victory|loss|draw|lead|home win|away win|triumph|rout)\b")
_HALF_TIME = regex.compile(r" \(\d{1,3}: ?\d{1,3}\)")
_WORD_BEFORE = regex.compile(r"[\p{L}.]+")


def _clock(m: regex.Match[str], ctx: Context) -> str | None:
    """ "h:mm" when the context makes "<h>: <mm>" a time of day or "<a>: <b>" a score, else None."""
    hour, minute = m["h"], m["m"]
    text, start, end = m.string, m.start(), m.end()
    before = text[max(text.rfind("\n", 0, start) + 1, start - 40) : start]
    words = [w.lower() for w in _WORD_BEFORE.findall(before)[-3:]]
    word = words[-1] if words and before.rstrip(" ,").lower().endswith(words[-1]) else ""
    if word in _LABELS:
        return None
    clock_shaped = len(hour) < 3 and len(minute) == 2 and int(minute) < 60
    # Past 24 only minutes and seconds after a time word: "knocked back down to 39: 59".
    is_time = clock_shaped and (int(hour) < 24 or hour + minute == "2400" or (int(hour) < 60 and word in _TIME_WORDS))
    if is_time and (
        (len(hour) == 2 and int(hour) < 24)
        or hour + minute in {"000", "2400"}
        or _AM_PM.match(text, end)
        or _TIME_RANGE_NEXT.match(text, end)
        or before.endswith(("-", "–"))
        or word in _TIME_WORDS
    ):
        return f"{hour}:{minute}"
    raw_words = _WORD_BEFORE.findall(before)
    # "John 3: 16", "Tip 3: 15": a capitalised word that does not start the sentence names the numbers.
    lead = before[: before.rstrip(" ,").rfind(raw_words[-1])] if word else ""
    named = bool(word) and raw_words[-1][:1].isupper() and word not in _WEEKDAYS and not _STARTS.search(lead)
    if is_time and not named and not _COUNTED.match(text, end):
        return f"{hour}:{minute}"
    parenthesised = before.endswith("(") and text.startswith(")", end)
    scored = word in {"a", "with"} or not _SCORE_WORDS.isdisjoint(words)
    if parenthesised or scored or _HALF_TIME.match(text, end) or _SCORE_AFTER.match(text, end):
        return f"{hour}:{minute}"
    return None


CLOCK_TIME = EditRule(
    id="typo.clock_time",
    stage=STAGE,
    message="Space after the colon of a clock time or a score",
    tier=Tier.SAFE,
    pattern=r"(?:(?<=\d: ?\d\d[-–])|(?<![\d:.,/–-])(?<!\p{L}\d*))(?P<h>\d{1,3}): (?P<m>\d{1,3})(?![\d:]|[.,]\d)",
    fix=_clock,
    # "<digit>: <digit>", led by its rarest part: the engines skip from colon to colon.
    prefilter=r": \d(?<=\d: \d)",
    examples=(
        Example("13 February 2016 08: 15", "13 February 2016 08:15"),
        Example("the meeting began at 9: 30 sharp", "the meeting began at 9:30 sharp"),
        Example("posted 20 November 2016 17: 26", "posted 20 November 2016 17:26"),
        Example("At 5: 47 p.m. the train left", "At 5:47 p.m. the train left"),
        Example("She left work at about 7: 45 PM and went home", "She left work at about 7:45 PM and went home"),
        Example("the press report (2: 03 PM) said", "the press report (2:03 PM) said"),
        Example("open from 8: 00 am to 0: 00", "open from 8:00 am to 0:00"),
        Example("the curfew ends at 24: 00", "the curfew ends at 24:00"),
        Example("around 6: 00-6: 20, I will be home", "around 6:00-6:20, I will be home"),
        Example("the hosts won (1: 0) at home", "the hosts won (1:0) at home"),
        Example("with a score of 5: 0 and then drew 1: 1", "with a score of 5:0 and then drew 1:1"),
        Example("the 61: 72 (28:38) defeat", "the 61:72 (28:38) defeat"),
        Example("after the 104: 106 defeat and a 3: 0 win", "after the 104:106 defeat and a 3:0 win"),
        Example("they were knocked back down to 39: 59.", "they were knocked back down to 39:59."),
        Example("He will be there 4: 15 p.m. sharp", "He will be there 4:15 p.m. sharp"),
        Example("The 7: 30 train was late; on Sunday 9: 45 it came", "The 7:30 train was late; on Sunday 9:45 it came"),
    ),
    leave_alone=(
        "13 February 2016 08:15",
        "Chapter 3: 15 ways to win",
        "the ratio was 12: 1",
        "Note: 15 people came",
        "John 3:16 is quoted",
        "Step 1: 20 minutes of rest",
        "Article 5: 12 rules apply",
        "Group B2: 10 teams",
        "Psalm 23: 4 says",
        "Phase 2: 30 volunteers",
        "He read Matthew 5: 17 and Tip 3: 15 to us",
        "it lists 3: 15 ways",
    ),
)


SPACE_BEFORE_PUNCT = EditRule(
    id="typo.space_before_punct",
    stage=STAGE,
    message="Space before a punctuation mark",
    tier=Tier.SAFE,
    pattern=r"(?<=[\p{L}\p{N}%)\]»”\"'’]) +(?=[,;][\"”’»]?(?:\s|$)|(?!\?{3})[!?]+[\"”’»]?(?:\s|$)|:(?:\s|$)"
    r"|(?!\?{3})[!?]{2,}(?![\p{L}\p{N}!?])|[,;!?]+[”»]|\.[\"”’»]?(?=\s|$)(?![. \t]*\.))(?<!\d +(?=: *\d))",
    fix=lambda m, ctx: "",
    prefilter=r" [,;!?:.]",
    examples=(
        Example("Good article good , I would even say", "Good article good, I would even say"),
        Example("Thank you very much , very interesting.", "Thank you very much, very interesting."),
        Example("Is it true ? Yes .", "Is it true? Yes."),
        Example("two points : first", "two points: first"),
        Example("Recommended age : 3 years", "Recommended age: 3 years"),
        Example('"It is possible ," said the coach.', '"It is possible," said the coach.'),
        Example("“He speaks .” Then silence.", "“He speaks.” Then silence."),
        Example("That is great !!! Where is the gun !?", "That is great!!! Where is the gun!?"),
        Example("Where to go ?? I do not know", "Where to go?? I do not know"),
        Example("sleep well !!!🇺🇦 and the plan “For two ,”and then", "sleep well!!!🇺🇦 and the plan “For two,”and then"),
    ),
    leave_alone=(
        "Good article good, I would even say",
        "on the side of Germany ..... The Entente",
        "the final score was 3 : 1",
        "see https://example.org/a,b and `a , b`",
        "Yahoo! and Jeopardy! are names",
        "wait . . . and see",
        'he wrote "yes", then "no".',
        "Wow!!! Really?! Yes.",
        "So CONDEMN, or DISCUSS ??? If we still discuss it",
        "Smile :) and wink ;) then",
    ),
)


# A number with thousands separators, a space after at least one of them ("25, 000"); never after a
# month and its day ("On April 3, 410 bodies").
_THOUSANDS = (
    rf"(?<![\d.,:/]|\p{{L}}|(?:{MONTH_WORDS}) )(?P<lead>[$€£]?\d{{1,3}})(?P<groups>(?:,[ ]?\d{{3}})+)"
    rf"(?![\d.,]\d)"
)


# A list of numbers around "<n>, <nnn>", or a number naming a day, a step or a time: "1, 2, 300",
# "Rooms 12, 100 and 101", "pages 1, 234", "On day 3, 500 people".
_LIST_BEFORE = regex.compile(
    r"(?:(?<!\d)\d{1,3},? |\b(?:nos?\.|numbers?|rooms?|pages?|pp?\.|items?|points?|lines?|days?|weeks?|stages?"
    r"|rounds?|laps?|steps?|chapters?|parts?|phases?|minutes?|games?|matches|groups?|grades?|classes) )$",
    regex.I,
)
_LIST_AFTER = regex.compile(r",? ?(?:\d|(?:and|or|to) \d)")


def _thousands(m: regex.Match[str], ctx: Context) -> str | None:
    groups = m["groups"].split(",")[1:]
    if not any(g.startswith(" ") for g in groups):
        return None
    text, start = m.string, m.start()
    if m["lead"].lstrip("$€£") == "0":
        return None  # "rgba(0, 128, 255)": a number never starts with a zero group
    if len(groups) > 1:  # "2, 500, 000" but not the list "100, 200, 300"
        return m["lead"] + "".join("," + g.strip() for g in groups) if groups[-1].strip() == "000" else None
    listed = _LIST_BEFORE.search(text, max(0, start - 12), start) or _LIST_AFTER.match(text, m.end())
    if groups[0].strip() != "000" and listed:
        return None
    return m["lead"] + "," + groups[0].strip()


SPLIT_THOUSANDS = EditRule(
    id="typo.split_thousands",
    stage=STAGE,
    message="Space after the thousands separator of a number",
    tier=Tier.SAFE,
    pattern=_THOUSANDS,
    fix=_thousands,
    prefilter=r", \d(?<=\d, \d)",
    examples=(
        Example("a fine of 25, 000 rubles", "a fine of 25,000 rubles"),
        Example("about 1, 500 people came", "about 1,500 people came"),
        Example("a budget of $2, 500, 000 was set", "a budget of $2,500,000 was set"),
        Example("it returned 29, 300 artifacts and (75, 762) voted", "it returned 29,300 artifacts and (75,762) voted"),
        Example("As of December 11, 2021, 181, 037 people", "As of December 11, 2021, 181,037 people"),
    ),
    leave_alone=(
        "On April 3, 410 bodies were found",
        "in 2019, 250 people and 25,000 rubles",
        "numbers 1, 2, 300 and 4",
        "On May 3, 500 people gathered",
        "Rooms 12, 100 and 101",
        "see pages 1, 234 and 5",
        "On day 3, 500 people gathered",
        "As of 2021, 181 people and in 2020 - 2500 people",
        "rgba(0, 128, 255, .15) and in 100, 200, 300 and 400 cases",
    ),
)


def _apostrophe(m: regex.Match[str], ctx: Context) -> str | None:
    if m.string[m.start() - 1].isdigit() and m["tail"] != "s":
        return None  # after a number only a decade or a plural: "the 90 's"
    return m["mark"] + m["tail"]


SPLIT_APOSTROPHE = EditRule(
    id="typo.split_apostrophe",
    stage=STAGE,
    message="Space inside a contraction or possessive",
    tier=Tier.SAFE,
    pattern=r"(?<=\p{L}|\d)(?: (?P<mark>['’]) ?| ?(?P<mark>['’]) )"
    r"(?P<tail>s|re|ve|ll|d|m|(?<=n ?['’] ?)t)(?!\p{L}|['’\w])",
    fix=_apostrophe,
    prefilter=r"['’] | ['’]",
    examples=(
        Example("the girl’ s mother", "the girl’s mother"),
        Example("I won 't go and it 's late", "I won't go and it's late"),
        Example("we don ' t know, I 'm sure they' re home", "we don't know, I'm sure they're home"),
        Example("the time of demons came in the 90 's...", "the time of demons came in the 90's..."),
    ),
    leave_alone=(
        "the girl’s mother and the girls’ school",
        "he said ‘no’ and ‘yes’ to them",
        "the 'Yes' campaign, 's' is a letter",
        "rock 'n' roll",
        "the players’ team and the players’ dressing room",
        "a 5' d and 7 'm and 6' 2\"",
    ),
)


_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’"}
_STRAIGHT = regex.compile(r'"')
_CURLY = regex.compile(r"[“«„‘]")
_WORD_START = regex.compile(r"[\p{L}\p{N}]|\.\.\.|…")
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")


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


def _quote_pairs(marks: list[int]) -> list[tuple[int, int]]:
    return list(zip(marks[::2], marks[1::2], strict=True))


def _opens(line: str, at: int) -> bool:
    """Whether the straight quote at ``at`` has the shape of an opening one: space before, word after."""
    word_after = _WORD_START.match(line, at + 1)
    return 0 < at < len(line) - 1 and line[at - 1] == " " and word_after is not None


def _closes(line: str, at: int) -> bool:
    """Whether the straight quote at ``at`` has the shape of a closing one: word before, space after."""
    return 0 < at < len(line) - 1 and line[at + 1] == " " and bool(_WORD_CHAR.match(line, at - 1))


# A first straight quote after the end of a clause and before the speaker: a closing mark ("do it, "
# Crespo told reporters", "in Sirte), " Anadolu agency quoted him").
_SPEECH_VERBS = (
    r"told|said|says|added|adds|noted|notes|stressed|explained|explains|emphasized|emphasised|wrote|writes|"
    r"concluded|continued|recalled|admitted|replied|asked|quoted|reported|answered|commented|stated|declared"
)
_CLOSES_EARLIER = regex.compile(
    rf'[^"]*[,.!?…)](?P<gap> ?)" \p{{Lu}}[\p{{L}}.-]*(?: [\p{{L}}.-]+){{0,2}} (?:{_SPEECH_VERBS})\b'
)
# The last straight quote of a line with an odd number of them, at the end after a sentence or a
# word: it closes a quotation opened on an earlier line ("... in our victory. "").
_CLOSES_AT_END = regex.compile(r'(?<=[\p{L}\p{N}.!?…)]) +(?="[.,]?$)')
# The last straight quote of a line after a colon and before a word: it opens a quotation that goes
# on to the next line ("adding: " we are ready").
_OPENS_AT_END = regex.compile(r'(?<=: ")(?P<gap> +)(?=\p{L}[^"]*$)')


def _across_lines(line: str) -> list[Proposal]:
    """The spaces inside straight quotes whose pair is on another line: a closing mark first on the
    line before the speaker, a closing mark last on the line at its end, an opening mark last on the
    line after a colon."""
    found = []
    speaker, odd = _CLOSES_EARLIER.match(line), line.count('"') % 2 == 1
    if speaker and speaker["gap"]:
        found.append(Proposal(speaker.start("gap"), speaker.end("gap"), ""))
    if odd:
        found += [Proposal(m.start(), m.end(), "") for m in _CLOSES_AT_END.finditer(line)]
    if speaker or odd:
        found += [Proposal(m.start("gap"), m.end("gap"), "") for m in _OPENS_AT_END.finditer(line)]
    return found


def _straight_spacing(line: str) -> list[Proposal]:
    """Straight quotes pair up in order and count only when spaced on both inner sides (" x ");
    a line whose first quote closes one opened earlier, or holding an odd number of them, has its
    pairs off, and only the marks whose direction its shape shows are read (``_across_lines``)."""
    if line.count('"') % 2 or _CLOSES_EARLIER.match(line):
        return _across_lines(line)
    marks, at = [], line.find('"')
    while at != -1:
        marks.append(at)
        at = line.find('"', at + 1)
    pairs = _quote_pairs(marks)
    spaced = [(o, c) for o, c in pairs if line[o + 1] == " " and line[c - 1] == " "]
    if not spaced or any(_opens(line, c) or _closes(line, o) for o, c in pairs):
        return []  # nothing spaced, or a mark that reads the other way round: the pairing is unreliable
    proposals = []
    for open_at, close_at in spaced:
        before_ok = open_at == 0 or line[open_at - 1] in " ([—–-:"
        after_ok = close_at + 1 == len(line) or line[close_at + 1] in " ,.;:!?)]—–-"
        if before_ok and after_ok:
            proposals += _inner_spacing(line, open_at, close_at)
    return proposals


# A double curly quote whose pair is on another line (a quotation running over several lines or
# paragraphs), spaced on its inner side: an opener before a word ("“ He came"), a closer after a
# word or the end of a sentence ("this year. ”", "tenge ”,"), never after a digit (a 7 ” screen).
_LONE_OPENER = regex.compile(r"(?:^|(?<=[\s(\[—–-]))(?P<mark>[“«„])(?P<gap> +)(?=[\p{L}\p{N}]|\.\.\.|…)")
_LONE_CLOSER = regex.compile(r"(?<=[\p{L}.,!?…)])(?P<gap> +)(?P<mark>[”»])(?=[\s,.;:!?)\]—–-]|$)")


def _curly_spacing(line: str) -> list[Proposal]:
    """Curly quotes show their direction, so one spaced side is enough."""
    proposals = []
    paired = set()
    for m in _CURLY.finditer(line):
        closer = _QUOTE_PAIRS[m.group()]
        close_at = line.find(closer, m.end())
        nested = line.find(m.group(), m.end())
        apostrophe_inside = m.group() == "‘" and "’" in line[m.end() : close_at]
        if close_at == -1 or (0 <= nested < close_at) or apostrophe_inside:
            continue
        if m.group() == "‘" and not (close_at + 1 == len(line) or not line[close_at + 1].isalpha()):
            continue
        paired |= {m.start(), close_at}
        proposals += _inner_spacing(line, m.start(), close_at)
    for lone in (*_LONE_OPENER.finditer(line), *_LONE_CLOSER.finditer(line)):
        if lone.start("mark") not in paired:
            proposals.append(Proposal(lone.start("gap"), lone.end("gap"), ""))
    return proposals


# What every edit needs in its line: two straight quotes with spaces just inside and no quote between
# (a pair), a space just inside a curly quote, or a straight quote whose pair is on another line. Each
# branch starts at a quote, which the engine finds fast; it is also the rule's prefilter, so the rule
# reads only the lines holding it.
MAY_BE_SPACED = r'"(?= )[^"\n]* "|[“«„‘] |(?<= )[”»“’]|"(?<= ")(?:[.,]?(?=\n|$)| \p{L})'
_MAY_BE_SPACED = regex.compile(MAY_BE_SPACED)


def _quote_spacing(text: str, ctx: Context) -> list[Proposal]:
    proposals: list[Proposal] = []
    for line_start, line_end in lines_matching(_MAY_BE_SPACED, text):
        line = text[line_start:line_end]
        found = _straight_spacing(line) if '"' in line else []
        if not line.isascii():  # curly quotes are not ASCII
            found += _curly_spacing(line)
        proposals += [Proposal(p.start + line_start, p.end + line_start, "") for p in found]
    return proposals


def _lines(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out


QUOTE_SPACING = EditRule(
    id="typo.quote_spacing",
    stage=STAGE,
    message="Space just inside quotation marks",
    tier=Tier.SAFE,
    find=_quote_spacing,
    prefilter=MAY_BE_SPACED,
    examples=(
        Example("was “ the solidarity between them ”[6]", "was “the solidarity between them”[6]"),
        Example('carried out " in combination with the flu vaccination ".',
                'carried out "in combination with the flu vaccination".'),
        Example('" It indicates that two doses do not suffice, " emphasized Pfizer.',
                '"It indicates that two doses do not suffice," emphasized Pfizer.'),
        Example("the « Pravda » newspaper", "the «Pravda» newspaper"),
        Example('we will do it, " Crespo told reporters, adding: " we are ready.',
                'we will do it," Crespo told reporters, adding: "we are ready.'),
        Example('in our victory... "', 'in our victory..."'),
        Example('that is all. " Lionel Messi said.', 'that is all." Lionel Messi said.'),
        Example('at an airport in Sirte), " Anadolu agency quoted him as saying.',
                'at an airport in Sirte)," Anadolu agency quoted him as saying.'),
        Example("“ He only came to spend the night", "“He only came to spend the night"),
        Example("when it comes to “ a leader from among", "when it comes to “a leader from among"),
        Example("aware of the financial capacity this year. ”", "aware of the financial capacity this year.”"),
        Example("“Handsome Brammell” believe. “ The owners of jackets",
                "“Handsome Brammell” believe. “The owners of jackets"),
        Example("to the amount of 105.8 million tenge ”, A. Smailov said.",
                "to the amount of 105.8 million tenge”, A. Smailov said."),
    ),
    leave_alone=(
        'a "winter vib" in plumb fishing',
        'a 5" screen and a 7 " one',
        '"Prices of goods we export "..." internal protests" added he.',
        "a 7 ” screen",
        "it’s the dogs’ toys and ‘ fine",
        'he said "yes" and "no" twice',
        '"In parallel, prices that we export "..." internal protests" added he.',
    ),
)


# A number: plain, with thousands separators or with decimals.
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)"
# What makes the numbers one identifier: "Jfs-1120 — 016", "GOST R 51162 — 2019".
_CODE = r"\p{L}+-|(?:GOST|GOST R|ISO|IEC|DIN|TU|OST|SNiP|SanPiN|DSTU|STB) "
_RANGE = (
    rf"(?<![\d.,:/+]|\d[ ]?[-–—][ ]?|\p{{L}}[-–—]?)(?P<code>{_CODE})?(?P<left>{_NUMBER})"
    r"(?:(?P<spaced>[ ]+)(?P<dash>[-–—])[ ]*|[ ]*(?P<dash>[–—])(?P<spaced>[ ]+)|(?P<dash>[-–—]))"
    rf"(?P<right>{_NUMBER})(?![\d.,:/]\d|[ ]?[-–—][ ]?\d)"
)


_RANGE_PATTERN = regex.compile(_RANGE, regex.V1)
# What every range holds: a number, spaces, a dash, spaces and a number.
_RANGE_SHAPE = regex.compile(r"\d *[-–—] *\d")
# A hyphen between numbers (spaces between): every range with a hyphen holds one. Led by the
# hyphen, which the engine skips to, then looking behind for the first number.
_HYPHEN_NUMBER = regex.compile(r"-(?<=\d *-) *\d")


def _range_lines(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each line of ``text`` that holds the shape of a range, in order.

    A range stays within its line, and its dash is a hyphen between two numbers (spaces between),
    or an en or em dash. A scan skipping from hyphen to hyphen finds the first and a plain search
    finds the dashes, several times faster than a scan for the whole shape, which then confirms
    the lines of the dashes.

    >>> _range_lines("COVID-19\\nin 1917 – 1921\\nwell-known\\n12-15")
    ((9, 23), (35, 40))
    """
    spans = {*lines_matching(_HYPHEN_NUMBER, text), *lines_holding("–", text), *lines_holding("—", text)}
    return tuple(span for span in sorted(spans) if _RANGE_SHAPE.search(text, *span))


def _range_scan(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[regex.Match[str], ...]]:
    """The lines holding a range's shape and every range-shaped match on them. Both range rules and
    typo.split_identifier read it through ``ctx.shared``, so the scan runs once a pass.

    The pattern reads only the lines that hold the shape of a range; its lookarounds take a line
    break and either end of the text alike (none is a digit, a dash, a letter or a separator).
    """
    lines = _range_lines(text)
    return lines, tuple(m for start, end in lines for m in _RANGE_PATTERN.finditer(text, start, end))


def _range_edits(fix: Callable[[regex.Match[str], Context], str | None]) -> FindFunction:
    """A ``find`` function proposing ``fix`` of each range-shaped match."""

    def find(text: str, ctx: Context) -> list[Proposal]:
        matches = ctx.shared(_range_scan, text)[1]
        return [Proposal(m.start(), m.end(), after) for m in matches if (after := fix(m, ctx)) is not None]

    return find


def _dashed_ranges(raw: str) -> frozenset[tuple[str, str]]:
    """The number pairs the document writes as a range with an en dash, the range dash.

    An em dash is no evidence of the document's range style: between numbers it is the punctuation
    dash MT puts for a range ("(1999 — 2019)"), so a hyphen range elsewhere ("(1999-2019)") keeps
    its hyphen.

    >>> sorted(_dashed_ranges("in 1917 – 1921 and 1917-1921, aged 12–18, (1999 — 2019)"))
    [('12', '18'), ('1917', '1921')]
    """
    dashed = lines_with(raw, "–")  # a range stays within its line
    return frozenset((m["left"], m["right"]) for m in _RANGE_PATTERN.finditer(dashed) if m["dash"] == "–")


def _hyphened_ranges(raw: str) -> frozenset[tuple[str, str]]:
    """The number pairs the document writes closed up with a hyphen: "(1999-2019)".

    >>> sorted(_hyphened_ranges("in 1999-2019 and 1917 – 1921, COVID-19, GOST R 51162-2019"))
    [('1999', '2019')]
    """
    hyphened = lines_with(raw, r"\d-\d")  # a range stays within its line
    return frozenset(
        (m["left"], m["right"])
        for m in _RANGE_PATTERN.finditer(hyphened)
        if m["dash"] == "-" and not m["spaced"] and not m["code"]
    )


DOC_FACTS = {"dashed_ranges": _dashed_ranges, "hyphened_ranges": _hyphened_ranges}


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1000 <= int(digits) <= 2100


def _ascending(left: str, right: str) -> bool:
    return float(left.replace(",", "")) < float(right.replace(",", ""))


# What follows a range of amounts: "3 - 4 points", "5 - 7%", "15 - 20 minutes", "3 - 4h".
_RANGE_UNIT = regex.compile(
    r" ?(?:%|o['’]clock\b|percent\b|points?\b|goals?\b|minutes?\b|min\b|hours?\b|h\b|days?\b|weeks?\b|months?\b"
    r"|years?\b|seconds?\b|times\b|degrees?\b|°|km\b|kg\b|cm\b|mm\b|m\b|g\b|ml\b|people\b|thousand\b"
    r"|million\b|billion\b|rubles?\b|dollars?\b|euros?\b|hryvnias?\b|yuan\b|meters?\b|metres?\b"
    r"|kilometers?\b|kilometres?\b|grams?\b|liters?\b|litres?\b|centimeters?\b|tons?\b|tonnes\b|mg\b|GB\b"
    r"|MB\b|kW\b|MW\b|inch(?:es)?\b|feet\b|ft\b|miles?\b|pieces\b|units\b|votes\b|seats\b|matches\b|games\b"
    r"|rounds\b|pages\b|children\b|students\b|cases\b|season\b|seasons\b|school year\b|academic year\b"
    r"|in the (?:morning|afternoon|evening)\b|[ap]\.m\.|[ap]m\b)"
)
# A plural noun after a range of amounts: "3 - 4 tablespoons", "5 - 7 days".
_PLURAL_NEXT = regex.compile(r" \p{Ll}{2,}s\b")
# A unit written onto the second number: "3000 - 6000K", "10 - 15km".
_ATTACHED_UNIT = regex.compile(r"[A-Za-zµ]{1,3}\b")
# A half-time score after a score: "61 - 72 (28-38)".
_PERIOD_SCORE = regex.compile(r" \(\d{1,3} ?[-–—:] ?\d{1,3}\)")
# What follows a season or fiscal year written "2021 - 22" (not "in 2021 - 22 people died").
_PERIOD_NEXT = regex.compile(
    r" (?:season|seasons|school|academic|financial|fiscal|budget|winter|summer|campaign|term|years?|biennium|"
    r"championship|league|cup|edition|tour)\b"
)
_CURRENCY_NEXT = regex.compile(r" ?(?:yuan|rubles?|roubles?|dollars?|euros?|hryvnias?|tenge|pounds|\$|€|£)")
_MONTH_BEFORE = regex.compile(rf"\b(?:{MONTH_WORDS}) $")
# What puts two years into a period: "in 2015 - 2017 he went", "between 1941 - 1945".
_PERIOD_BEFORE = regex.compile(r"\b(?i:in|from|during|between|since|through) $")
# What may follow a range closing its clause: "(2014 - 2020)", "aged 25 - 34;".
_CLAUSE_END = regex.compile(r"[;,)]|\.(?:\s|$)|$")


def _short_year_range(left: str, right: str) -> bool:
    """ "2021 - 22": a year and the next year's last two digits."""
    return _is_year(left) and len(right) == 2 and right.isdigit() and (int(left) + 1) % 100 == int(right)


def _spaced_hyphen(m: regex.Match[str]) -> str | None:
    """A spaced hyphen between numbers: an en dash where the numbers are a range of amounts or
    years, a closed-up hyphen in a score with its half-time after it, else None (a dash used as
    punctuation: "in 2022 - 11.4 thousand", "in 1950 - 20 years before")."""
    left, right, text, end = m["left"], m["right"], m.string, m.end()
    if _PERIOD_SCORE.match(text, end):
        return f"{left}-{right}"
    bracketed = text[m.start() - 1 : m.start()] == "(" and text.startswith(")", end)
    if _short_year_range(left, right) and (_PERIOD_NEXT.match(text, end) or bracketed):
        return f"{left}–{right}"
    amounts = _CURRENCY_NEXT.match(text, end) is not None  # "2000 - 3000 yuan": not years
    if not _ascending(left, right) or (_is_year(left) != _is_year(right) and not amounts):
        return None
    if _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()) and int(right) <= 31:
        return f"{left}–{right}"  # days: "on December 9 - 10"
    aged = text[max(0, m.start() - 6) : m.start()].lower().endswith(("age ", "aged ", "ages "))
    counted = not _is_year(left) and (_PLURAL_NEXT.match(text, end) or _ATTACHED_UNIT.match(text, end))
    clause_end = _is_year(left) and _CLAUSE_END.match(text, end)
    period = _is_year(left) and _PERIOD_BEFORE.search(text, max(0, m.start() - 9), m.start()) is not None
    period = period and not _PLURAL_NEXT.match(text, end)
    if bracketed or aged or counted or clause_end or period or _RANGE_UNIT.match(text, end):
        return f"{left}–{right}"
    return None


def _range(m: regex.Match[str], ctx: Context) -> str | None:
    left, right, hyphen = m["left"], m["right"], m["dash"] == "-" and not m["spaced"]
    if m["code"]:
        return None if hyphen or not left.isdigit() or not right.isdigit() else f"{m['code']}{left}-{right}"
    if m["dash"] == "-" and m["spaced"] and "-" not in m.group()[len(left) :].strip()[1:]:
        both_sides = m.group()[len(left) : -len(right)]
        if both_sides.startswith(" ") and both_sides.endswith(" "):
            return _spaced_hyphen(m)
    if not _ascending(left, right) or (m["dash"] == "–" and not m["spaced"]):
        return None
    dashed = (left, right) in ctx.doc.get("dashed_ranges", ())
    if m["dash"] == "-" and not (dashed and _is_year(left)):
        return None
    if m["dash"] == "—" and not dashed and (left, right) in ctx.doc.get("hyphened_ranges", ()):
        return f"{left}-{right}"  # an em dash takes the document's own closed form of the same range
    return f"{left}–{right}"


def _hyphen_range(m: regex.Match[str], ctx: Context) -> str | None:
    left, right = m["left"], m["right"]
    if m["code"] or m["dash"] != "-" or not (_is_year(left) and _is_year(right) and _ascending(left, right)):
        return None
    if m["spaced"] and _range(m, ctx) is not None:
        return None
    if (left, right) in ctx.doc.get("dashed_ranges", ()):
        return None
    return f"{left}–{right}"


RANGE_DASH = EditRule(
    id="typo.range_dash",
    stage=STAGE,
    message="Number range with a spaced dash (or a hyphen where the document uses a dash)",
    tier=Tier.SAFE,
    find=_range_edits(_range),
    examples=(
        Example("Muslim East in 1917 – 1921”.", "Muslim East in 1917–1921”."),
        Example('in 1917 – 1921”, and in 1917-1921."', 'in 1917–1921”, and in 1917–1921."'),
        Example("the report (1999 — 2019) and the report (1999-2019)",
                "the report (1999-2019) and the report (1999-2019)"),
        Example("the generation aged 12 — 18 may", "the generation aged 12–18 may"),
        Example("Hyundai Tucson I (2004 — 2010).", "Hyundai Tucson I (2004–2010)."),
        Example("Shorts Jfs-1120 — 016, white", "Shorts Jfs-1120-016, white"),
        Example("vaccination of 12 — 15-year-old adolescents", "vaccination of 12–15-year-old adolescents"),
        Example("color temperature of 3,000 — 6,000K, brightness", "color temperature of 3,000–6,000K, brightness"),
        Example("a dose of 1.5 – 2.5 mg", "a dose of 1.5–2.5 mg"),
        Example("GOST R 51162 — 2019.", "GOST R 51162-2019."),
        Example("it costs 3 - 4 points and 5 - 7% more", "it costs 3–4 points and 5–7% more"),
        Example("come for 6 - 7 in the morning or 5 - 6 p.m.", "come for 6–7 in the morning or 5–6 p.m."),
        Example("but in 2015 - 2017 he went to Syria", "but in 2015–2017 he went to Syria"),
        Example("wait 15 - 20 minutes in the 2021 - 22 season", "wait 15–20 minutes in the 2021–22 season"),
        Example("Pushkin (1825 - 1869) and the total for 2014 - 2020.",
                "Pushkin (1825–1869) and the total for 2014–2020."),
        Example("the 61 - 72 (28-38) defeat", "the 61-72 (28-38) defeat"),
        Example("suitable for age 25 - 34; net content", "suitable for age 25–34; net content"),
        Example("I dilute 3 - 4 tablespoons of paste", "I dilute 3–4 tablespoons of paste"),
        Example("it was held on December 9 - 10 and was attended", "it was held on December 9–10 and was attended"),
        Example("each saves 2000 - 3000 yuan a year", "each saves 2000–3000 yuan a year"),
        Example("the color temperature 3000 - 6000K, brightness", "the color temperature 3000–6000K, brightness"),
    ),
    leave_alone=(
        "call 8-800-555-35-35 or +7 495 — 123 — 45",
        "ISBN 978-5-389-07123-4 and 5-389-07123",
        "the score was 3-1, then 2 — 1",
        "Jfs-1120-016 and COVID-19 and SARS-CoV-2",
        "on 2021-03-16 and in 1917–1921",
        "in the years 23-25 and 2020-21",
        "Hyundai Tucson I (2004-2010).",
        "his last year of life — 1925 — was fruitful",
        "from 10:00 — 12:00 and on 16.03.2021 — 20.03.2021",
        "He was born in 1950 — 20 years before the war",
        "version v1.2 — 1.3 and GOST R 51162-2019 and 53.3-54.1",
        "in 2022 - 11.4 thousand, in 2020 - 53.3%.",
        "the score was 3 - 1 and then 2 - 2",
        "the League of 2021 - 2022 battled on",
        "He was born in 1950 - 20 years before the war",
        "in 2020 - 21 people died and in 2021 - 22 cases, in 2022 - 23.",
        "in 2021 - 2000 lessons were given",
    ),
)

_SPLIT_IDENTIFIER = regex.compile(
    r"(?:(?<=\+ ?\d{1,4}(?: \d{2,4})?)"
    r"|(?<=(?<![\d.,])(?:19|20)\d\d)(?= *[–—-] *(?:0[1-9]|1[0-2])-[0-3]\d(?!\d)))"
    r"(?: +[–—-] *| *[–—] +)(?=\d{1,4}-\d)"
)


def _split_identifiers(text: str, ctx: Context) -> list[Proposal]:
    """A spaced dash inside a phone number or an ISO date, on the lines that hold a range's shape."""
    spans = ctx.shared(_range_scan, text)[0]
    return [Proposal(m.start(), m.end(), "-") for span in spans for m in _SPLIT_IDENTIFIER.finditer(text, *span)]


SPLIT_IDENTIFIER = EditRule(
    id="typo.split_identifier",
    stage=STAGE,
    message="Spaced dash inside a phone number or an ISO date",
    tier=Tier.SAFE,
    find=_split_identifiers,
    examples=(
        Example("write at Viber + 380 - 42-791-0436", "write at Viber + 380-42-791-0436"),
        Example("visit Guam 2022 — 01-17 reports", "visit Guam 2022-01-17 reports"),
        Example("call +7 495 — 123-45-67 now", "call +7 495-123-45-67 now"),
    ),
    leave_alone=(
        "in 2022 - 11.4 thousand",
        "in 2021 - 13-15 people",
        "call +7 495 123-45-67",
        "on 2022-01-17 and 1917–1921",
    ),
)

RANGE_HYPHEN = EditRule(
    id="typo.range_hyphen",
    stage=STAGE,
    message="Year range with a hyphen; an en dash is the usual style",
    tier=Tier.REVIEW,
    find=_range_edits(_hyphen_range),
    examples=(
        Example("Hyundai Tucson I (2004-2010).", "Hyundai Tucson I (2004–2010)."),
        Example("the revolutions of 1905-1917", "the revolutions of 1905–1917"),
        Example("in 1917-1921 the treaties", "in 1917–1921 the treaties"),
    ),
    leave_alone=(
        "in the years 23-25 and 2020-21",
        "on 2021-03-16 and 1921-1917",
        "ISBN 978-5-389-07123-4",
        "Jfs-1120-016",
    ),
)


def _bracket_spacing(text: str, ctx: Context) -> list[Proposal]:
    proposals = []
    for m in _BRACKETED.finditer(text):
        inner = m["inner"]
        lead = len(inner) - len(inner.lstrip(" "))
        trail = len(inner) - len(inner.rstrip(" "))
        if lead:
            proposals.append(Proposal(m.start("inner"), m.start("inner") + lead, ""))
        if trail:
            proposals.append(Proposal(m.end("inner") - trail, m.end("inner"), ""))
    return proposals


_BRACKETED = regex.compile(r"(?<=(?<![:;=(])\()(?P<inner> *[^()\s][^()\n]*?[^()\s] *| *[^()\s] *)(?=\))")

BRACKET_SPACING = EditRule(
    id="typo.bracket_spacing",
    stage=STAGE,
    message="Space just inside parentheses",
    tier=Tier.SAFE,
    find=_bracket_spacing,
    prefilter=r"\( |\)(?<= \))",  # "( " or " )", each led by its bracket, which the engines skip to
    examples=(
        Example("the East ( 1921 – 1927 ). Moscow", "the East (1921 – 1927). Moscow"),
        Example("the video service in Russia (part of AIV ).", "the video service in Russia (part of AIV)."),
        Example("a ( b ) c", "a (b) c"),
    ),
    leave_alone=(
        "the East (1921–1927). Moscow",
        "the car (almost 28%, to 8.2 million rubles). ).",
        "sad :( but fine ) and ( )",
        "f(x) = (a + b)",
        "to go in person ((((( thank you, it must be printed)",
    ),
)

_WIDE_GAP = regex.compile(r"\S {2,}\S")
_GAP = regex.compile(r"(?<=[\p{L},;”’)])(?<![.!?…][\"”’)]+)(?P<gap> {2,3})(?=[\p{L}(“])")
# A gap between a word and the same word: table columns ("column  column"); closed up, the doubled-word
# rule would then read it as a word repeated by mistake.
_SAME_WORD_GAP = regex.compile(r"(?<!\p{L})(\p{L}+)( {2,3})\1(?!\p{L})", regex.IGNORECASE)


def _double_spaces(text: str, ctx: Context) -> list[Proposal]:
    """One gap in a line of prose; a line with a tab or several wide gaps is a table, left alone."""
    proposals = []
    for line_start, line in _lines(text):
        if "\t" in line or len(_WIDE_GAP.findall(line)) != 1:
            continue
        columns = {m.start(2) for m in _SAME_WORD_GAP.finditer(line)}
        for m in _GAP.finditer(line):
            if m.start() not in columns:
                proposals.append(Proposal(line_start + m.start(), line_start + m.end(), " "))
    return proposals


DOUBLE_SPACE = EditRule(
    id="typo.double_space",
    stage=STAGE,
    message="Several spaces inside a line (human texts keep them too: listed for review)",
    tier=Tier.REVIEW,
    find=_double_spaces,
    prefilter="  ",
    examples=(
        Example("the  treaty was signed", "the treaty was signed"),
        Example("Turkey,   Armenia", "Turkey, Armenia"),
        Example("the treaty  (see note)", "the treaty (see note)"),
    ),
    leave_alone=(
        "    13 February 2016 08:15",
        "End of a sentence.  Next sentence.",
        "the brackets!)  The text",
        "Name      Value",
        "  0   0   0\t\tblack",
        " 47  79  79 dark slate gray",
        "Boston, MA  02110-1301, USA",
        "a long time ago and the column  column",
    ),
)

RULES = [
    CLOCK_TIME,
    SPACE_BEFORE_PUNCT,
    QUOTE_SPACING,
    SPLIT_THOUSANDS,
    SPLIT_APOSTROPHE,
    RANGE_DASH,
    SPLIT_IDENTIFIER,
    RANGE_HYPHEN,
    BRACKET_SPACING,
    DOUBLE_SPACE,
]
