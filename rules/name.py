"""Names and initials: Russian initials run together, reversed or without their space.

What it fixes: "Mv Frunze" (two initials fused into one word), "Chicherin GV" and "Frunze M.V."
(the Russian bibliographic order, surname first), "S.Aralov" (no space after an initial).
Use instead: "M.V. Frunze", "G.V. Chicherin", "S. Aralov". Why: the source writes "М.В. Фрунзе",
"Чичерин Г.В."; the MT system read the initials as a word or kept the order of a Russian
reference list. Tier: safe when the surname is plainly Russian (its ending, not a Chinese given
name in Pinyin such as "Ni Yuanjin") or the document names the same person with proper initials
elsewhere; otherwise a finding only ("Ak Bars", "Kalininsky AO": clubs, districts and abbreviations
make such suggestions wrong more often than right). Joined initials follow the
document's own style: "M.V. Frunze" or "M. V. Frunze" (``initials_style``, by majority; spaced
when the document shows neither).
"""

from __future__ import annotations

import regex

from mtfix.model import Context, EditRule, Example, Proposal, Tier, Unsure

STAGE = "name"

# Latin letters that begin a transliterated Russian first name or patronymic.
INITIAL = "ABVGDEIKLMNOPRSTFYZ"
# An initial as written with its dot: one letter, or the two Latin letters of one Russian letter
# ("Yu." for "Ю.", "Zh." for "Ж.": "E.Yu. Kotlyarova").
RUSSIAN_DOTTED = rf"(?:Yu|Ya|Yo|Ye|Zh|Kh|Ch|Sh|Ts|[{INITIAL}])"
# Any initial with its dot, English ones ("O.J.") too.
DOTTED = rf"(?:Yu|Ya|Yo|Ye|Zh|Kh|Ch|Sh|Ts|[{INITIAL}CHJW])"
# Two fused initials the second of which is J ("Tj Shorts" for "T. J. Shorts"): no English word or
# common abbreviation has that shape but "Dj" (a disc jockey).
J_PAIR = "[A-CE-Z]j"
# Second letters of two fused initials as the MT system writes them ("Mv", "Vk", "Ai").
FUSED_SECOND = "bvgdklmnprstfzaeio"
# Endings of Russian (and other ex-Soviet) surnames in English transliteration.
SURNAME_ENDING = (
    r"(?:ov|ova|ev|eva|yov|yova|in|ina|yn|yna|sky|skiy|skii|ski|skaya|ich|enko|chuk|yuk|uk"
    r"|yan|dze|shvili|ykh|ikh)"
)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English words and names with those endings.
NOT_SURNAMES = _word_set(
    """
    Kevin Martin Austin Justin Colin Robin Erin Calvin Edwin Franklin Benjamin Gavin Marvin Melvin
    Alvin Darwin Berlin Dublin Latin Kremlin Britain Spain Bahrain Wisconsin Within Again Begin
    Cabin Margin Origin Protein Vitamin Penguin Bulletin Dolphin Napkin Pumpkin Cousin Basin Raisin
    Kiev China Argentina Carolina Regina Christina Marina Brooklyn Carolyn Kathryn Jocelyn Munich
    Zurich Norwich Greenwich Ipswich Sandwich Rich Which Each Dmitri
    """
)
SURNAME = r"\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}+)?"
_RUSSIAN_SURNAME = regex.compile(rf"\p{{Lu}}\p{{Ll}}{{2,}}{SURNAME_ENDING}", regex.V1)


def _russian(word: str) -> bool:
    """Whether ``word`` has the ending of a Russian surname ("Chicherin", "Arsenyeva").

    >>> [_russian(w) for w in ("Chicherin", "Arsenyeva", "Martin", "History", "Smith")]
    [True, True, False, False, False]
    """
    head = word.split("-")[0]
    return head not in NOT_SURNAMES and _RUSSIAN_SURNAME.fullmatch(head) is not None
# One or two syllables of Hanyu Pinyin: a Chinese given name ("Yuanjin", "Jin"), which "-in" and
# "-an" endings would otherwise pass off as Russian; "Ni Yuanjin" is a surname and a given name.
_PINYIN = regex.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou"
    r"|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|a|e|i|o|u)){1,2}"
)


def _pinyin(word: str) -> bool:
    """Whether ``word`` reads as a Chinese given name in Pinyin.

    >>> [_pinyin(w) for w in ("Yuanjin", "Xiaoming", "Mikoyan", "Arsenyeva")]
    [True, True, False, False]
    """
    return _PINYIN.fullmatch(word.lower()) is not None


# Two-letter words and abbreviations that look like fused or reversed initials but are not.
NOT_INITIALS = _word_set(
    """
    In On As At An Am Is It If Of Or Oh Ok Id Ed Al El Em En Er Ex Mo No So Go Do To Be He Me We Ye
    Lo Ma Pa Hi Yo Ha La Le Da De Du Li Bo Jo Ty Ab Ad Ag Ap Os Ob Mr Dr St Mt Ms Ft Pt Lt
    Sr Jr Fr Rd Gt Md Om Nb Ps Pm Km Kg Mg Ml Gb Mb Kb Tv Pc Vs Sq Ii Iv Vi Vii Xi Xv Xx Tk Gk
    TV PM MP AG SA AB IT AI PR OS PS DS GB MB KB EV VR AR SP EP LP BP GP GM GT OK ID II IV VI XI
    KG KM MM ML MG PP PT SS SD SM SE SO SK SI RS RT TA TE TI TO OB OR OP OM ON DO DE DA DI
    AO RV US UK EU UN NY LA DC FC SC AK Ak
    """
)
ACRONYM = regex.compile(r"\p{Lu}{2,}")


def _initials_style(raw: str) -> str:
    """``"tight"`` ("M.V. Frunze") or ``"spaced"`` ("M. V. Frunze"), by majority of the document's
    own double initials; spaced (the style of news references and of most style guides) when the
    document has none or as many of each.

    >>> _initials_style("N. I. Pirogov and V. K. Arsenyeva met L.B. Krasin")
    'spaced'
    >>> _initials_style("the U.S. Navy and G.V. Chicherin")
    'tight'
    >>> _initials_style("the U.S. Navy and A. Smailov")
    'spaced'
    """
    tight = len(regex.findall(rf"(?<![\p{{L}}.]){RUSSIAN_DOTTED}\.{RUSSIAN_DOTTED}\. ?{SURNAME}", raw))
    spaced = len(regex.findall(rf"(?<![\p{{L}}.]){RUSSIAN_DOTTED}\. {RUSSIAN_DOTTED}\. {SURNAME}", raw))
    return "tight" if tight > spaced else "spaced"


def _join(first: str, second: str, ctx: Context) -> str:
    sep = " " if ctx.doc.get("initials_style") == "spaced" else ""
    return f"{first.upper()}.{sep}{second.upper()}."


_INITIALLED = regex.compile(r"(?<!\p{L})\p{Lu}\. ?(?:\p{Lu}\. ?)?(?P<surname>\w+(?:[-'’]\w+)*)")


def _initialled(raw: str) -> frozenset[str]:
    """Every surname the document writes after initials in the usual order ("G.V. Chicherin").

    A fact of the whole document, so that a line is judged the same in a chunk or a split file.

    >>> sorted(_initialled("G.V. Chicherin met A. Ter-Petrosyan and M. V. Frunze"))
    ['Chicherin', 'Frunze', 'Ter', 'Ter-Petrosyan']
    """
    found = set()
    for m in _INITIALLED.finditer(raw, overlapped=True):
        parts = regex.split(r"(?=[-'’])", m["surname"])
        found.update("".join(parts[: i + 1]) for i in range(len(parts)))
    return frozenset(found)


DOC_FACTS = {"initials_style": _initials_style, "attested_surnames": _initialled}


def _attested(surname: str, ctx: Context) -> bool:
    """Whether the document names ``surname`` with initials in the usual order ("G.V. Chicherin")."""
    return surname in ctx.doc.get("attested_surnames", ())


def _maybe(m: regex.Match[str], start: str, end: str, reading: str) -> Proposal:
    """A finding over the name from group ``start`` to group ``end``: what it may be, for a person to decide."""
    name = m.string[m.start(start) : m.end(end)]
    return Proposal(m.start(start), m.end(end), None, f"Maybe initials: {name!r} may be {reading!r}", Tier.FINDING)


def _fused(text: str, ctx: Context) -> list[Proposal]:
    proposals = []
    for m in FUSED.finditer(text):
        pair, surname = m["pair"], m["surname"]
        if pair in NOT_INITIALS or ACRONYM.fullmatch(surname):
            continue
        russian = _russian(surname)
        vowel = pair[1] in "aeio"
        if (vowel and pair[0].lower() == pair[1]) or (vowel and _pinyin(surname)):
            continue
        sure = russian or pair[1] == "j" or (not vowel and _attested(surname, ctx))
        if russian or not vowel:
            after = _join(pair[0], pair[1], ctx)
            found = Proposal(m.start("pair"), m.end("pair"), after) if sure else _maybe(m, "pair", "surname", after)
            proposals.append(found)
    return proposals


FUSED = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}.'’-])(?P<pair>[{INITIAL}][{FUSED_SECOND}]|{J_PAIR})"
    rf" (?P<surname>{SURNAME})(?![\p{{L}}\p{{N}}])",
    regex.V1,
)


def _initial_pairs(seconds: str) -> str:
    """A pattern of the words of an INITIAL and one of ``seconds`` that are not NOT_INITIALS.

    >>> pairs = regex.compile(_initial_pairs(FUSED_SECOND))
    >>> pairs.fullmatch("Mv") is not None, pairs.fullmatch("In")
    (True, None)
    """
    allowed = ((first, "".join(b for b in seconds if first + b not in NOT_INITIALS)) for first in INITIAL)
    return "|".join(f"{first}[{second}]" for first, second in allowed if second)


# The prefilter of the fused and reversed rules: every line they propose on holds a space and a
# capital that is either the surname after a fused pair ("Mv Frunze") or the first initial after a
# surname ("Chicherin GV", "Frunze M.V."), with a pair the rules do not skip (not NOT_INITIALS).
# It holds for any surname FUSED and REVERSED allow: [^\x00-@\[-\x7f] (A to Z and every non-ASCII
# character) holds every \p{Lu}, [^\x00-`{-\x7f] (a to z and every non-ASCII character) every \p{Ll},
# and [A-Za-z0-9] holds only \p{L} and \p{N}. Written without \p so that the standard library's
# engine, far faster here from each space, can scan it, and with those two sets negated, which it
# compiles in a fraction of a millisecond instead of ~8 ms; the four rules share this one string,
# so the runner scans a text once for all of them.
NAME_CANDIDATE = (
    rf" [^\x00-@\[-\x7f](?:(?<=(?:{_initial_pairs(FUSED_SECOND)}|{J_PAIR}) .)"
    rf"|(?<=[^\x00-`{{-\x7f] [{INITIAL}CHJW])"
    rf"(?:[hsuao]?\. ?[{INITIAL}CHJW][hsuao]?\.|[{INITIAL}](?<={_initial_pairs(INITIAL)})(?![A-Za-z0-9])))"
)

FUSED_INITIALS = EditRule(
    id="name.fused_initials",
    stage=STAGE,
    message="Two initials fused into one word before a surname",
    tier=Tier.SAFE,
    unsure=Unsure(
        id="name.fused_initials_unsure",
        message="Maybe two initials fused into one word before a surname; too often a name or brand to suggest",
        tier=Tier.FINDING,
    ),
    find=_fused,
    prefilter=NAME_CANDIDATE,
    examples=(
        Example("Mv Frunze, that is M.V. Frunze", "M.V. Frunze, that is M.V. Frunze"),
        Example("Vk Arsenyeva made it through in Moscow.", "V. K. Arsenyeva made it through in Moscow."),
        Example("Gv Chicherin wrote to L.B. Krasin", "G.V. Chicherin wrote to L.B. Krasin"),
        Example("N. I. Pirogov and Vk Arsenyeva", "N. I. Pirogov and V. K. Arsenyeva"),
        Example("a letter from Ai Mikoyan", "a letter from A. I. Mikoyan"),
        Example("the BBL top scorer Tj Shorts scored 22", "the BBL top scorer T. J. Shorts scored 22"),
        Example("Nk Smith spoke", flagged="Nk Smith", unsure=True),
        Example("Gv Bolton wrote to L.B. Krasin", flagged="Gv Bolton", unsure=True),
        Example("a report by Bt Harris", flagged="Bt Harris", unsure=True),
    ),
    leave_alone=(
        "Mr Frunze and Dr Ivanov met St Petersburg officials",
        "In Moscow, On Sunday, As Ivanov said",
        "Ma Long beat Li Na",
        "M.V. Frunze and V. K. Arsenyeva",
        "Ap Annie reported",
        "Ee Durbin and Oo Kuznetsov",
        "Md Sujauddin Sekh",
        "Ni Yuanjin and Li Jin met Ma Long",
        "Ak Bars beat CSKA",
        "Xi Jinping and Ai Weiwei",
        "Dj Khaled played",
        "M.V. Kuznetsov",
        "Mr Smith and Dr Jones",
        "Ak Bars won the match",
    ),
)

REVERSED = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}.'’-])(?P<surname>{SURNAME}) (?P<init>"
    rf"(?P<a>{DOTTED})\. ?(?P<b>{DOTTED})\.(?!\p{{L}})(?P<dotted>)"
    rf"|(?P<a>[{INITIAL}])(?P<b>[{INITIAL}])(?![\p{{L}}\p{{N}}]|\.[\p{{L}}\p{{N}}]))"
    rf"(?P<after>[.,;:)]?(?: (?P<next>[\p{{L}}\p{{N}}]+))?)",
    regex.V1,
)


# Dotted pairs after a capitalised word that are not initials: company forms, degrees, places, eras.
NOT_REVERSED = _word_set(
    """
    S.A. N.V. A.G. A.S. A.B. S.E. S.L. K.G. E.V. O.O. L.P. P.C. P.A. M.D. D.O. R.N. B.A. M.A. M.S. B.S. P.E.
    D.C. N.Y. L.A. A.D. B.C. E.R. I.T. P.R. T.V. V.P. D.A. G.P. S.O. A.M. P.M.
    """
)
# Words that stand before a person's initials rather than being the surname: "Coach A.J., who".
TITLES = _word_set(
    """
    Mr Mrs Ms Dr Coach President Director Chairman Professor Prof Doctor Captain General Senator Judge Officer
    Agent Chief Minister Governor Mayor Colonel Major Sergeant Father Brother Sister Uncle Aunt Saint St
    """
)


def _foreign_reversed(m: regex.Match[str]) -> bool:
    """Dotted initials after a surname that is not Russian ("by the name of Simpson O.J., who"): reversed
    when the initials end the phrase (a comma or bracket follows, or the line ends), the surname is
    inside a sentence and is no title, and the pair is no abbreviation."""
    text, start = m.string, m.start("surname")
    inside = regex.search(r"\p{Ll}[,;]? $", text[max(0, start - 3) : start]) is not None
    after = m["after"]
    ends = after[:1] in (",", ";", ")") or not after  # not before a capitalised word: "Part V.K. Smith said"
    return inside and m["surname"] not in TITLES and m["init"] not in NOT_REVERSED and ends


def _reversed(text: str, ctx: Context) -> list[Proposal]:
    proposals = []
    for m in REVERSED.finditer(text, overlapped=True):
        surname = m["surname"]
        dotted = m["dotted"] is not None
        if not dotted and m["a"] + m["b"] in NOT_INITIALS:
            continue
        nxt = m["next"] or ""
        if nxt and (_russian(nxt) or (nxt[:1].isupper() and _attested(nxt, ctx) and not dotted)):
            continue
        russian = _russian(surname)
        attested = _attested(surname, ctx)
        sure = (russian and (dotted or attested)) or (dotted and (attested or _foreign_reversed(m)))
        if not sure and not (russian or attested):
            continue
        # Dotted initials keep their own spacing; bare ones take the document's style.
        initials = m["init"] if dotted else _join(m["a"], m["b"], ctx)
        after = m["after"]
        # The last initial's dot also ends the item unless the sentence goes on: "Frunze M.V. Report".
        goes_on = after[:1] in tuple(",;:)") or (after.startswith(" ") and nxt[:1].islower())
        ending = "." if dotted and not goes_on else ""
        after = f"{initials} {surname}{ending}"
        proposals.append(
            Proposal(m.start("surname"), m.end("init"), after) if sure else _maybe(m, "surname", "init", after)
        )
    return proposals


REVERSED_INITIALS = EditRule(
    id="name.reversed_initials",
    stage=STAGE,
    message="Initials after the surname (Russian reference order)",
    tier=Tier.SAFE,
    unsure=Unsure(
        id="name.reversed_initials_unsure",
        message="Maybe initials after the surname (Russian reference order); too often an abbreviation to suggest",
        tier=Tier.FINDING,
    ),
    find=_reversed,
    prefilter=NAME_CANDIDATE,
    examples=(
        Example("[11] Chicherin GV. Articles; G.V. Chicherin", "[11] G.V. Chicherin. Articles; G.V. Chicherin"),
        Example("Kireev N.G. History of Turkey", "N.G. Kireev. History of Turkey"),
        Example("See also: Frunze M.V. Report; M.V. Frunze", "See also: M.V. Frunze. Report; M.V. Frunze"),
        Example("as Kuznetsov M.V. wrote", "as M.V. Kuznetsov wrote"),
        Example("by Aralov S.I.", "by S.I. Aralov."),
        Example("by Aralov S. I., p. 5", "by S. I. Aralov, p. 5"),
        Example("said Kotlyarova E.Yu. at the meeting", "said E.Yu. Kotlyarova at the meeting"),
        Example("[3] Ivanova Yu.A. Essays", "[3] Yu.A. Ivanova. Essays"),
        Example("signed by Lukashenko Zh.Ts., head", "signed by Zh.Ts. Lukashenko, head"),
        Example("a running back by the name of Simpson O.J., who", "a running back by the name of O.J. Simpson, who"),
        Example("the books by Rowling J.K.", "the books by J.K. Rowling."),
        Example("[13] Chicherin GV, p. 197 (G.V. Chicherin)", "[13] G.V. Chicherin, p. 197 (G.V. Chicherin)"),
        Example("[2] Chicherin GV, p. 197", flagged="Chicherin GV", unsure=True),
        Example("the Molotov VM speech of L.B. Krasin", flagged="Molotov VM", unsure=True),
        Example("[4] Ivanov SN. Essays", flagged="Ivanov SN", unsure=True),
    ),
    leave_alone=(
        "NATO GV is not a name",
        "the UK PM spoke",
        "Commissar G.V. Chicherin arrived",
        "Apple TV and Siemens AG and Windows XP",
        "World War II and Nicholas II",
        "the U.S. Navy and V.I. Lenin",
        "Chairman V.I. Lenin",
        "the letter of Frunze S. R.D. Aralov",
        "the Kalininsky AO and the Kirovsky RV",
        "Ni Yuanjin and Li Jin met Ma Long",
        "the Ak Bars club and Tatneft PJSC",
        "shares of Nestle S.A., the maker, and Coach A.J., who",
        "Simpson O.J. said and John Smith M.D., a doctor",
        "in Washington D.C. The city and at Nestle S.A. The firm",
        "at the end of Part V.K. Smith said and we met Anna V.K. Smith",
        "the Samsung TV and Siemens AG",
        "N.G. Kireev. History",
        "the Labour MP said",
        "Kremlin PR works",
        "the Kalininsky AO and Assistant RV-Manager",
    ),
)

def _spacing(m: regex.Match[str], ctx: Context) -> str | None:
    return " "


INITIAL_SPACING = EditRule(
    id="name.initial_spacing",
    stage=STAGE,
    message="No space after an initial",
    tier=Tier.SAFE,
    pattern=r"(?<![\p{L}\p{N}])\p{Lu}\.(?P<gap>)(?=\p{Lu}\p{Ll}{2,}\p{L}*(?![\w(]|\.\p{L}))",
    group="gap",
    fix=_spacing,
    # Every match is an initial's period followed by a capitalised word; `regex` finds the periods fast.
    prefilter=r"\.\p{Lu}\p{Ll}",
    examples=(
        Example("See: S.Aralov Memories", "See: S. Aralov Memories"),
        Example('tenge," A.Smailov concluded.', 'tenge," A. Smailov concluded.'),
        Example("immunoglobulins A and G.But there", "immunoglobulins A and G. But there"),
        Example("commander M.V.Frunze signed", "commander M.V. Frunze signed"),
    ),
    leave_alone=(
        "U.S. Navy and V.I. Lenin",
        "e.g. this, i.e. that, at 9 a.m. sharp",
        "see vk.com and A.com",
        "the U.S.A. and G.V. Chicherin",
        "Mr.Smith and St.Petersburg",
        "code V.Add_Element(42) and V.Append(x)",
    ),
)

RULES = [FUSED_INITIALS, REVERSED_INITIALS, INITIAL_SPACING]
