"""Dates broken by Russian word order, and the Russian "year" word ("1921 г.", "1921 года") leaking through.

What it fixes: "concluded 16 in March 1921", "told 1922 in April", "treaty 1921 of the year",
"in 2021 year", "February 18 1921", "January 14 January 1922", "Putin 7 in December.".
Use instead: "concluded on 16 March 1921", "told in April 1922", "treaty of 1921", "in 2021",
"18 February 1921" (or "February 18, 1921"), "14 January 1922", "Putin on December 7.".
Why: "16 марта 1921 г." and "в апреле 1922 г." rendered word by word; the day, month and year come
out in the source's order and the abbreviation "г." (year) becomes a word.
Tier: safe where the artifact's shape cannot be correct English and the neighbouring words rule out
a count ("3 in March were arrested", "No. 12 in March", "turned 18 in March", "6 convoys arrived in
February and 4 in March 1942", "he will be 13 in February"); review where the
repair has to guess at the sentence ("December 7 1920. The Plenum", "In early December, 1920 was").

Repaired dates follow the document's own style ("dmy": "18 February 1921", "mdy": "February 18, 1921"),
read from the fact ``date_style_votes``: the dates that are unambiguous in the raw text.
"""

from __future__ import annotations

import regex

from mtfix.model import Context, EditRule, Example, Tier
from mtfix.prefilter import anchored, lines_with

STAGE = "date"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH = f"(?:{'|'.join(MONTHS)})"
# A month name, as what a date's line holds: one branch per leading character, each scanned fast
# (see prefilter.anchored).
MONTH_NAME = "|".join(anchored(MONTHS))
# A month name with a number after it ("March 5", "March, 1921") or a number and "in" before it
# ("16 in March"): what every match of the four rules that read months holds, so they share it as
# their prefilter and one scan picks their lines.
MONTH_DATE = "|".join(anchored(MONTHS, lambda month: rf"(?:,? \d|(?<=\d in {month}))"))
DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])"
YEAR_NUMBER = r"(?:1[5-9]\d\d|20\d\d)"
DAY = rf"{DAY_NUMBER}(?![\p{{L}}\d])"
YEAR = rf"{YEAR_NUMBER}(?![\d.,:]\d|[\p{{L}}-])"
YEARS = rf"{YEAR_NUMBER} ?[–-] ?{YEAR}"
RANGE = rf"(?:[–-]{DAY})"


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words after which a date needs no "on": "from 20 March 1921", "since 1 May".
NO_ON = _word_set(
    "from to until till since by before after of on through dated and or between than at as "
    "monday tuesday wednesday thursday friday saturday sunday"
)

# Words before "<number> in <Month>" that make the number a count, rank or name, not a day:
# "No. 12 in March", "top 5 in March", "turned 18 in March", "Apollo 11 in July", "was 3 in May".
NOT_A_DAY = _word_set(
    """
    no no. nos. number numbers # page pages p. pp. top rank ranked ranking rated placed finished came in
    her his their its my your our whose
    aged age ages turned turns turning turn the a an these those all another other first last next
    only just about around approximately roughly some nearly almost over under least most up down
    plus minus total totaled totalled totaling totalling were was is are be been being became become
    remained remains stood stands reached reach reaches hit hits fell rose dropped climbed increased
    decreased grew jumped scored score won win lost lose sold sell bought killed kill injured wounded
    arrested detained hired fired added gained shed cut saw see had has have with without per vs
    vs. versus among including include includes included
    """
)
# Nouns that name a thing by a number ("Game 7 in June", "Room 12 in March"); after "the" and in lower
# case they are events or places with a date ("in the game 11 in December").
NAMING_NOUNS = _word_set(
    """
    apollo windows iphone ios android galaxy pixel xbox playstation game games chapter chapters
    article articles phase stage level formula section part episode season volume vol. track room
    gate flight platform route highway channel unit block building lot row seat table grade class
    category type model version series mark mk covid group team division round match matchday leg
    heat act scene psalm proposition amendment resolution item paragraph clause point question
    figure fig. line step day week year pier terminal lane zone sector district ward precinct camp
    reactor tower bus train tram league ligue liga serie
    """
)
NOT_A_DAY = NOT_A_DAY | NAMING_NOUNS
ARTICLE_BEFORE = regex.compile(r"\b(?:the|this|that) \p{Ll}+\s*$")

# Verbs that take a count without a year ("the chain opened 10 in April") but a date with one
# ("the conference opened 10 in April 1922").
COUNT_WITHOUT_YEAR = _word_set("opened closed produced built made launched delivered")

# Words after "<number> in <Month>" that make the number the subject: "3 in March were arrested".
SUBJECT_NEXT = _word_set(
    "were was are is have has had will would could should may might can did do does of per percent "
    "people more less fewer times out"
)

# Events and products named with a year: "Euro 2020 in June", "Tokyo 2020 in July".
NAMED_YEARS = _word_set(
    """
    euro expo vision agenda horizon windows office class strategy olympics olympiad games cup championship
    tokyo beijing paris london sochi rio pyeongchang athens sydney vancouver turin milan qatar
    """
)

# Verbs that take a count ("police detained 23 in January") unless passive ("he was detained 23 in
# January"), where the number can only be the day.
PASSIVE = _word_set("killed injured wounded arrested detained hired fired sold bought opened closed produced built")
BE = _word_set("is are was were be been being")
ADVERBS = _word_set("first then also later already again once still not never")
RELATIVE_YEAR = regex.compile(r"\s+(?:last|this|next) year\b")
# A month and year, then "and": the date a coordinated "<year> in <Month>" follows.
MONTH_YEAR_AND = regex.compile(rf"\bin {MONTH} {YEAR},? (?:and|or) $")
# "<day> in <Month> of the same year", "... of 2021": the year named after the month.
OF_A_YEAR = regex.compile(
    rf"\s+of (?:(?:the )?(?:same|this|last|next|that|previous|following|current) year|{YEAR})\b(?![-–])"
)

WEEKDAYS = _word_set("monday tuesday wednesday thursday friday saturday sunday")

# Words that start a clause after "<day> in <Month>": the number cannot be its subject, so it is a
# day ("As reported, 10 in January the court ruled").
CLAUSE_START = _word_set("the a an he she it they we i you this these those there his her their its our my that")
# Events whose "will be <day> in <Month>" is a date, not an age ("the match will be 13 in February"
# but "he will be 13 in February").
EVENT_WILL_BE = regex.compile(
    r"\b(?:match|game|meeting|concert|wedding|premiere|ceremony|hearing|trial|vote|voting|election|elections|"
    r"show|festival|race|final|session|talks|summit|conference|opening|launch|release|visit|exhibition|"
    r"tournament|presentation|funeral|fight|debate|event|celebration|derby|parade|referendum|auction)"
    r"(?: \S+){0,2} (?:will|would) be $",
    regex.IGNORECASE,
)
# A count with its "in <Month>" earlier in the line: "6 convoys arrived in February and 4 in March".
COUNT_IN_MONTH = regex.compile(rf"\b\d+ \p{{L}}+\b[^.;:]*\bin {MONTH}\b[^.;:]*$")

# Words before "from"/"by" that make what follows an amount: "rose from 2 in February", "up by 3".
CHANGE_VERBS = _word_set(
    """
    up down rose risen rise rises fell fallen fall falls increased increase increases decreased decrease
    grew grown jumped climbed dropped declined went changed moved raised cut reduced
    """
)

# The patterns read at the end of the text before a match search from the end (regex's (?r)):
# the same match, found without trying every position of that text first.
PREV_WORD = regex.compile(r"(?r)(\S+)\s*$")
CLOCK = regex.compile(r"(?:[01]?\d|2[0-4]):[0-5]\d")
SPACED_CLOCK = regex.compile(r"(?r)(?<![\d:])(?:[01]?\d|2[0-4]): [0-5]\d\s*$")
NEXT_WORD = regex.compile(r"^\s*([\p{L}%]+)")
FROM_DATE = regex.compile(rf"\b(?i:from) (?:{MONTH} {DAY_NUMBER}\b|{DAY_NUMBER} {MONTH})")
MONTH_BEFORE = regex.compile(rf"(?r)\b{MONTH}(?: {DAY_NUMBER},?)? $")
DOTTED_ABBREVIATION = regex.compile(r"(?<![\p{L}.])(?:(?:\p{Lu}\.){2,}|[ap]\.m\.)\s*$")
SENTENCE_END = regex.compile(r"(?r)(?:^|[.!?][\"”»’)]*)\s*$")
DMY_EVIDENCE = regex.compile(rf"(?<!(?:{MONTH}|\d) )\b{DAY_NUMBER} {MONTH}\b(?! \d{{1,2}}\b)")
MDY_EVIDENCE = regex.compile(
    rf"\b{MONTH} {DAY_NUMBER}, {YEAR_NUMBER}\b"
    rf"|(?:\b(?i:on|since|from|until|till|by|before|after|of|dated|through|to)|day,) {MONTH} "
    rf"{DAY_NUMBER}\b(?!,? \d|[\d:–-]| {MONTH})"
)


def date_style_votes(raw: str) -> tuple[int, int]:
    """How many unambiguous day-month dates and month-day dates ``raw`` holds.

    Artifacts ("February 18 1921", "January 14 January") count for neither style.

    >>> date_style_votes("On 13 February 2016 and from 16 March, not February 18 1921.")
    (2, 0)
    >>> date_style_votes("On Saturday, December 11, and by March 15, 2022.")
    (0, 2)
    """
    dated = lines_with(raw, MONTH_NAME)  # both kinds of evidence name a month and stay within a line
    return len(DMY_EVIDENCE.findall(dated)), len(MDY_EVIDENCE.findall(dated))


def date_style(raw: str) -> str:
    """The document's date style: "dmy" when day-month dates outnumber month-day ones, else "mdy".

    Without evidence the style is "mdy", the style of American news.

    >>> date_style("arrived on 13 February 2016 and left on 14 February")
    'dmy'
    >>> date_style("arrived on February 13, 2016")
    'mdy'
    >>> date_style("concluded 16 in March 1921")
    'mdy'
    """
    return _style_of(date_style_votes(raw))


def _style_of(votes: tuple[int, int]) -> str:
    dmy, mdy = votes
    return "dmy" if dmy > mdy else "mdy"


# The votes are the one fact (counted once a document); the style is read from them.
DOC_FACTS = {"date_style_votes": date_style_votes}


def _date_style(ctx: Context) -> str:
    return _style_of(ctx.doc.get("date_style_votes", (0, 0)))


def _format(ctx: Context, day: str, month: str, year: str | None) -> str:
    """A date in the document's style; ``day`` may be a range like "9–10"."""
    if _date_style(ctx) == "dmy":
        return f"{day} {month} {year}" if year else f"{day} {month}"
    return f"{month} {day}, {year}" if year else f"{month} {day}"


# How much of its line a rule reads on either side of a match: far more than a sentence, and a
# bound, so that a line of any length takes time linear in its length (reading the whole line
# before every match made one long line quadratic).
LINE_CONTEXT = 2000


def _line_before(m: regex.Match[str]) -> str:
    text, at = m.string, m.start()
    start = max(0, at - LINE_CONTEXT)
    return text[text.rfind("\n", start, at) + 1 or start : at]


def _line_after(m: regex.Match[str]) -> str:
    text, at = m.string, m.end()
    end = text.find("\n", at, at + LINE_CONTEXT)
    return text[at : min(len(text), at + LINE_CONTEXT) if end == -1 else end]


def _prev_word(before: str) -> str:
    """The word before a match, lower-cased, without an opening bracket or quote: "(in" is "in"."""
    found = PREV_WORD.search(before)
    return found.group(1).lower().lstrip("([{\"'“‘«") if found else ""


def _next_word(after: str) -> str:
    found = NEXT_WORD.match(after)
    return found.group(1).lower() if found else ""


def _sentence_start(before: str) -> bool:
    """Whether ``before`` ends a sentence; an abbreviation's dots ("the U.S. 23 in May") do not."""
    return bool(SENTENCE_END.search(before)) and not DOTTED_ABBREVIATION.search(before)


def _day_in_month(m: regex.Match[str], ctx: Context) -> str | None:
    before, after = _line_before(m), _line_after(m)
    prev, year = _prev_word(before), m["year"]
    bare, comma = prev.rstrip(",;:"), prev.endswith((",", ";", ":"))
    # "at about 15:00 14 in December", also written "15: 00" (the typography stage closes it up later)
    clock = CLOCK.fullmatch(bare) is not None or SPACED_CLOCK.search(before) is not None
    numbered = any(c.isdigit() for c in prev) and not clock
    of_a_year = OF_A_YEAR.match(after) is not None
    if numbered or (_next_word(after) in SUBJECT_NEXT and not of_a_year and (comma or bare not in NO_ON)):
        return None
    event = bare == "be" and EVENT_WILL_BE.search(before) is not None
    event = event or (bare in NAMING_NOUNS and ARTICLE_BEFORE.search(before) is not None)
    if bare in NOT_A_DAY and not comma and not (bare in PASSIVE and _passive(before)) and not event:
        return None
    if bare in {"and", "or", "but", "while"} and COUNT_IN_MONTH.search(before):
        return None
    if bare in COUNT_WITHOUT_YEAR and not year and not _passive(before):
        return None
    sentence_start = _sentence_start(before)
    weekday = comma and bare in WEEKDAYS
    dated = year or RELATIVE_YEAR.match(after) or of_a_year
    clause = _next_word(after) in CLAUSE_START
    if (sentence_start or comma) and not weekday and not dated and not clause and not regex.match(r"[,;:.!?)]", after):
        return None
    if not year and not of_a_year and not comma and not _day_can_follow(bare, before):
        return None
    date = _format(ctx, m["day"] + (m["r1"] or m["r2"] or ""), m["month"], year)
    if sentence_start:
        return "On " + date
    if weekday or (bare in NO_ON and not comma):
        return date
    return "on " + date


def _passive(before: str) -> bool:
    """Whether the verb ending ``before`` is passive: "was detained", "were first arrested"."""
    words = before.lower().split()[-4:-1]
    while words and (words[-1] in ADVERBS or words[-1].endswith("ly")):
        words.pop()
    return bool(words) and words[-1] in BE


def _day_can_follow(word: str, before: str) -> bool:
    """Whether a bare "<day> in <Month>" after ``word`` is a date rather than a count.

    "rose from 2 in February", "up by 3 in March" are counts; "from 7 in December", "by 15 in
    March" are dates; "to 9 in December" is a date only after "from <date>" earlier in the line.
    """
    if word in {"between", "and", "or", "than", "at", "as"}:
        return False
    if word in {"from", "by"}:
        earlier = PREV_WORD.search(before[: before.lower().rstrip().rfind(word)])
        return not earlier or earlier.group(1).lower() not in CHANGE_VERBS
    if word == "to":
        return bool(FROM_DATE.search(before))
    return True


DAY_IN_MONTH = EditRule(
    id="date.day_in_month",
    stage=STAGE,
    message='Day before "in <Month>": Russian order for "on <day> <Month>"',
    tier=Tier.SAFE,
    pattern=rf"(?<![^\s(])(?P<day>{DAY})(?P<r1>{RANGE})? in (?P<month>{MONTH})(?P<r2>{RANGE})?"
    rf"(?: (?P<year>{YEAR}))?\b",
    fix=_day_in_month,
    prefilter=MONTH_DATE,
    examples=(
        Example("It began on 2 May 1920; the treaty was concluded 16 in March 1921.",
                "It began on 2 May 1920; the treaty was concluded on 16 March 1921."),
        Example("On 2 May 1920 he wrote; in a letter from 20 in March 1921 he noted",
                "On 2 May 1920 he wrote; in a letter from 20 March 1921 he noted"),
        Example("a call with Russian President Putin 7 in December.",
                "a call with Russian President Putin on December 7."),
        Example("At the same time, 9 in December, the minister said",
                "At the same time, on December 9, the minister said"),
        Example("The summit was held 9 in December–10 and was attended",
                "The summit was held on December 9–10 and was attended"),
        Example("The law was signed 15 in March 2022.", "The law was signed on March 15, 2022."),
        Example("The first time he was detained 23 in January in Pushkin Square",
                "The first time he was detained on January 23 in Pushkin Square"),
        Example("He was first detained 23 in January.", "He was first detained on January 23."),
        Example("The conference opened 10 in April 1922 and closed 19 in May 1922.",
                "The conference opened on April 10, 1922 and closed on May 19, 1922."),
        Example("The agreement of 7 in November 1923 was never ratified.",
                "The agreement of November 7, 1923 was never ratified."),
        Example("10 in January last year, they began", "On January 10 last year, they began"),
        Example("They got a second dose 10 in January of the same year.",
                "They got a second dose on January 10 of the same year."),
        Example("The curfew lasts from 24 in December to 9 in January.",
                "The curfew lasts from December 24 to January 9."),
        Example("It was announced on Sunday, 12 in December, at noon.",
                "It was announced on Sunday, December 12, at noon."),
        Example("The referendum that took place 12 in December ended",
                "The referendum that took place on December 12 ended"),
        Example("The match will be 13 in February at home.", "The match will be on February 13 at home."),
        Example("As reported, 10 in January the court ruled", "As reported, on January 10 the court ruled"),
        Example("He was shooting in the game 11 in December.", "He was shooting in the game on December 11."),
        Example("It peaks at about 15:00 14 in December, they said.",
                "It peaks at about 15:00 on December 14, they said."),
        Example("a protest at the Ministry of the U.S. 23 in May, to",
                "a protest at the Ministry of the U.S. on May 23, to"),
        Example("At 6 p.m. 24 in February, people came", "At 6 p.m. on February 24, people came"),
    ),
    leave_alone=(
        "No. 12 in March",
        "3 in March were arrested",
        "He was ranked No. 5 in May and top 3 in June.",
        "She turned 18 in March 2021.",
        "The Apollo 11 in July 1969 landed on the Moon.",
        "It rose from 2 in February to 5 in March.",
        "concluded on 16 March 1921",
        "1 in 5 voters in May said no",
        "the COVID-19 in March",
        "Of the 40 patients, 12 in March needed oxygen.",
        "He finished 3 in March and 5 in April.",
        "Cases rose from 2 in February to 5 in March and up by 3 in April.",
        "Police detained 23 in January and 40 in February.",
        "The chain opened 10 in April and police said 3 in March were arrested.",
        "He turned 4 in September and scored 13 in February.",
        "6 convoys arrived in February and 4 in March 1942.",
        "He will be 13 in February.",
        "My son will be 5 in March in Berlin.",
        "She won Game 7 in June and Room 12 in March was empty.",
        "Police said 4 in March were arrested.",
        "Of them, 12 in March of the patients died and 3 in May of 2021-22 left.",
    ),
)


def _year_in_month(m: regex.Match[str], ctx: Context) -> str | None:
    before, after = _line_before(m), _line_after(m)
    prev = _prev_word(before)
    if _next_word(after) in SUBJECT_NEXT - {"of", "out"}:
        return None
    if _sentence_start(before):
        return f"In {m['month']} {m['year']}" if after.startswith(",") else None
    if prev in {"and", "or"} and MONTH_YEAR_AND.search(before):
        return f"in {m['month']} {m['year']}"  # "in November 2018 and 2020 in October"
    if prev in NOT_A_DAY or prev in NO_ON or prev in {"in", "during", "for", "since"}:
        return None
    if any(c.isdigit() for c in prev) or (prev and not before.rstrip()[-1:].isalpha()):
        return None
    if prev in NAMED_YEARS:
        return None
    return f"in {m['month']} {m['year']}"


YEAR_IN_MONTH = EditRule(
    id="date.year_in_month",
    stage=STAGE,
    message='Year before "in <Month>": Russian order for "in <Month> <year>"',
    tier=Tier.SAFE,
    pattern=rf"(?<![^\s(])(?P<year>{YEAR}) in (?P<month>{MONTH})\b(?! \d)",
    fix=_year_in_month,
    prefilter=MONTH_DATE,
    examples=(
        Example("Aralov told 1922 in April of the opinion", "Aralov told in April 1922 of the opinion"),
        Example("The infection was recorded 2014 in May in Sichuan.",
                "The infection was recorded in May 2014 in Sichuan."),
        Example("Macron announced 2018 in May that he will not", "Macron announced in May 2018 that he will not"),
        Example("referendums held in November 2018 and 2020 in October.",
                "referendums held in November 2018 and in October 2020."),
        Example("It was created by the Turkish Space Agency 2014 in February.",
                "It was created by the Turkish Space Agency in February 2014."),
    ),
    leave_alone=(
        "Aralov told in April 1922 of the opinion",
        "Euro 2020 in June 2021 was delayed",
        "they sold 2000 in May",
        "Beijing 2022 in February",
        "The Tokyo 2020 in July 2021 drew few fans.",
        "in 2014 in May and June",
        "1500 in March were killed",
    ),
)


def _of_the_year(m: regex.Match[str], ctx: Context) -> str | None:
    before = _line_before(m)
    found = PREV_WORD.search(before)
    prev = found.group(1).lstrip("([{\"'“‘«") if found else ""
    if m["tail"].endswith("s") != ("–" in m["year"] or "-" in m["year"]):
        return None
    joined = prev.lower() in NO_ON | {"in", "during", "for"} or MONTH_BEFORE.search(before)
    if joined or (_sentence_start(before) and m["tail"] == " year"):
        return m["year"]
    bare = prev.rstrip("\"”’»)")
    if not m["tail"].startswith(" of") or not bare or not bare[-1].isalpha():
        return None
    return f"of {m['year']}"


OF_THE_YEAR = EditRule(
    id="date.of_the_year",
    stage=STAGE,
    message='"of the year" or "year" after a year: the Russian "г." (year) rendered as a word',
    tier=Tier.SAFE,
    pattern=rf"(?<![^\s(])(?P<year>{YEARS}|{YEAR}|1[0-4]\d\d)(?P<tail> of the years?| years?)\b(?![-'’])",
    fix=_of_the_year,
    # "<digit> year" or "<digit> of the year", written to start with "year" and look behind for the
    # rest: the engines skip from one "year" to the next instead of trying every digit.
    prefilter=r"year(?:(?<=\d year)|(?<=\d of the year))",
    examples=(
        Example("the Soviet-Turkish treaty 1921 of the year", "the Soviet-Turkish treaty of 1921"),
        Example("the results for 11 months 2021 of the year show", "the results for 11 months of 2021 show"),
        Example("since his last visit in 2007 of the year, the industry", "since his last visit in 2007, the industry"),
        Example("receive a loan extension in 2021 year", "receive a loan extension in 2021"),
        Example('he said: "in 2021 year they leave"', 'he said: "in 2021 they leave"'),
        Example("signed on 16 March 1921 of the year", "signed on 16 March 1921"),
        Example("the famine in 1921-1922 years", "the famine in 1921-1922"),
        Example("the famine of 1921 – 1922 years", "the famine of 1921 – 1922"),
        Example("signed on March 16, 1921 of the year", "signed on March 16, 1921"),
        Example("It was hard. 2021 year was the worst.", "It was hard. 2021 was the worst."),
        Example("the film “The Chekist” 1992 of the year, a classic", "the film “The Chekist” of 1992, a classic"),
    ),
    leave_alone=(
        "Person of the Year",
        "in 1921, the year of the famine",
        "the 2021 season",
        "the 2021 year-on-year growth",
        "the best album 2020 of the year's releases",
        "the 2021 year was hard",
        "in 2021 years later",
        "in 1921-1922 year-end reports",
        "a 1000 year old tree",
    ),
)


def _month_day_order(m: regex.Match[str], ctx: Context) -> str | None:
    month, day, year = m["m1"], m["day"] + (m["range"] or ""), m["year"]
    if m["m2"] and m["m2"] != month:
        return None
    if year or m["m2"]:
        if m["comma"] and not m["m2"]:
            return None
        return _format(ctx, day, month, year)
    dmy, mdy = ctx.doc.get("date_style_votes", (0, 0))
    if dmy < 3 or dmy < 4 * mdy:
        return None
    before = _line_before(m)
    prev = _prev_word(before)
    if prev in {"in", "during", "throughout"} or _next_word(_line_after(m)) in SUBJECT_NEXT:
        return None
    if _sentence_start(before) or prev in NO_ON | {"the", "a", "this", "that", "each", "every"}:
        return f"{day} {month}"
    if not PREV_WORD.search(before)[1][-1:].isalpha():
        return None
    return f"on {day} {month}"


MONTH_DAY_ORDER = EditRule(
    id="date.month_day_order",
    stage=STAGE,
    message="Month-day date without its comma, with its month twice, or against the document's day-month style",
    tier=Tier.SAFE,
    pattern=rf"(?<![^\s(])(?<!\d |\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )(?P<m1>{MONTH}) (?P<day>{DAY})(?P<range>{RANGE})?"
    rf"(?: (?P<m2>{MONTH}))?(?:(?P<comma>,)? (?P<year>{YEAR}))?(?![\p{{L}}\d])",
    fix=_month_day_order,
    prefilter=MONTH_DATE,
    examples=(
        Example("Talks began on 13 February 1921; the delegation arrived on February 18 1921.",
                "Talks began on 13 February 1921; the delegation arrived on 18 February 1921."),
        Example("loans issued before April 1 2021 to SMBs", "loans issued before April 1, 2021 to SMBs"),
        Example("On 13 May 1921 and on 20 June and 3 July he left. Frunze January 2 signed it.",
                "On 13 May 1921 and on 20 June and 3 July he left. Frunze on 2 January signed it."),
        Example("On 13 May 1921 he left. From December 2 1921 to January 14 January 1922 he stayed.",
                "On 13 May 1921 he left. From 2 December 1921 to 14 January 1922 he stayed."),
        Example("publish the areas by March 15 2022.", "publish the areas by March 15, 2022."),
    ),
    leave_alone=(
        "arrived on February 18, 1921 and left on 20 March 1921",
        "from April 1 to June 30, 2021",
        "On 13 May he wrote; on December 11, he left.",
        "On 13 May 1921 and on 20 June and 3 July he left; on January 2, he came back.",
        "On 13 May 1921 and on 20 June and 3 July he left; in May 5 people came back.",
        "the 2021-03-16 file",
        "in May 2021",
        "May 5th 2021",
        "* Thu May 22 2008 Caius Chance <cchance@example.org>",
    ),
)


FUNCTION_WORDS = _word_set(
    "The A An This That These Those It Its He She They We His Her Their Our In At On After Before During "
    "There Then Soon Later Now"
)


def _fragment_sentence(m: regex.Match[str], ctx: Context) -> str:
    date = _format(ctx, m["day"] or m["day2"], m["month"] or m["month2"], m["year"] or m["year2"])
    word = m["word"]
    return f"On {date}, {word.lower() if word in FUNCTION_WORDS else word}"


FRAGMENT_SENTENCE = EditRule(
    id="date.fragment_sentence",
    stage=STAGE,
    message="A date standing as a sentence of its own before the sentence it belongs to",
    tier=Tier.REVIEW,
    pattern=rf"(?:(?<=^[ \t]*)|(?<=[.!?][\"”»’)]*[ \t]))"
    rf"(?:(?P<month>{MONTH}) (?P<day>{DAY}),? (?P<year>{YEAR})|(?P<day2>{DAY}) (?P<month2>{MONTH}),? "
    rf"(?P<year2>{YEAR}))\. (?P<word>\p{{Lu}}\p{{Ll}}*)\b(?!\.)",
    fix=_fragment_sentence,
    prefilter=r"\. (?<=\d\. )",  # "<digit>. ", led by its rarer part, the full stop
    flags=regex.MULTILINE,
    examples=(
        Example("On 2 May 1920 he left. December 7 1920. The Plenum considered it.",
                "On 2 May 1920 he left. On 7 December 1920, the Plenum considered it."),
        Example("the government. 7 December 1920. Lenin wrote", "the government. On 7 December 1920, Lenin wrote"),
        Example("December 7 2021. The court ruled", "On December 7, 2021, the court ruled"),
    ),
    leave_alone=(
        "It was signed on 7 December 1920. The Plenum met.",
        "13 February 2016 08:15",
        "December 7, 1920.",
        "Moscow, 1968. The book",
    ),
)


def _displaced_year(m: regex.Match[str], ctx: Context) -> str:
    return f"{m['lead']} {m['year']}, it was "


DISPLACED_YEAR = EditRule(
    id="date.displaced_year",
    stage=STAGE,
    message='Year cut off from its month and read as the subject: "In December, 1920 was agreed"',
    tier=Tier.REVIEW,
    pattern=rf"(?P<lead>\b[Ii]n (?:(?:early|late|mid-|the (?:beginning|middle|end) of) )?{MONTH}), "
    rf"(?P<year>{YEAR}) was (?=(?:\p{{Ll}}+ly )?\p{{Ll}}+(?:ed|en|wn|ght|de|ne)\b)",
    fix=_displaced_year,
    prefilter=MONTH_DATE,
    examples=(
        Example("In early December, 1920 was generally agreed to convene",
                "In early December 1920, it was generally agreed to convene"),
        Example("In March, 1921 was decided to sign", "In March 1921, it was decided to sign"),
        Example("in the middle of May, 1922 was signed a treaty", "in the middle of May 1922, it was signed a treaty"),
    ),
    leave_alone=(
        "In early December 1920, it was generally agreed",
        "In December, 1920 was a hard year",
        "In December, 1920 was the worst month",
    ),
)


RULES = [DAY_IN_MONTH, YEAR_IN_MONTH, OF_THE_YEAR, MONTH_DAY_ORDER, FRAGMENT_SENTENCE, DISPLACED_YEAR]
