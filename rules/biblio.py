"""Bibliographic notes in Russian citation conventions, put into English ones.

What it fixes: "T. III. M., 1986, p. 312 – 313", "M. —L., 1935", "SPb., 1901", "M .: Nauka, 1959",
"Collected cit. in 3 tt.", "In the same place. S. 45.".
Use instead: "Vol. III. Moscow, 1986, pp. 312–313", "Moscow–Leningrad, 1935", "St Petersburg, 1901",
"Moscow: Nauka, 1959", "Collected works in 3 vols.", "Ibid. p. 45.".
Why: the MT system keeps the abbreviations of a Russian reference ("Т." tom, "М." Moskva, "Л." Leningrad,
"С." page, "Собр. соч.", "в 3 т.", "Там же") or renders them word by word.
Tier: safe, and only inside a note or reference: a line that starts with a note number ("[5] ...", or
"5. ..." when the line cites a publication year) or the part of a line after "See:" or "See also:".
Running prose is never touched ("M. Gorky", "T. S. Eliot", "L. Tolstoy"), and each abbreviation must
stand where a reference has it: a city between a full stop and ", <year>", a volume number after "T.".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

import regex

from mtfix.model import Context, EditRule, Example, Proposal, Tier
from mtfix.prefilter import anchored, line_span, lines_matching

STAGE = "biblio"

NOTE_LINE = regex.compile(
    r"^[ \t]*\[\d{1,3}\][^\n]*"
    r"|^[ \t]*\d{1,3}[.)][ \t](?=[^\n]*[.,] (?:1[5-9]|20)\d\d[.,])[^\n]*",
    regex.MULTILINE,
)
SEE_PART = regex.compile(r"\bSee(?: also)?:[^\n]*")
# What a line must start with to open a note (NOTE_LINE): a bracket, a digit, or a space or tab.
NOTE_START = "[0123456789 \t"
_OPENING = re.compile(r"\n[\[\d \t]")  # the standard library's engine finds these lines fastest
_SEE = re.compile(*anchored(["See"]))  # led by "S" alone, which the engine skips to fastest


def note_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of ``text`` that are notes or references, sorted and disjoint.

    >>> text = "See M. Gorky.\\n[3] Gorky M. Mother. M., 1968.\\nAs he said. See: Ivanov. L., 1930."
    >>> [text[s:e] for s, e in note_spans(text)]
    ['[3] Gorky M. Mother. M., 1968.', 'See: Ivanov. L., 1930.']
    """
    return list(_note_spans(text))


@functools.lru_cache(maxsize=1)
def _note_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``note_spans``, kept for the text last asked about: every rule of the stage reads them.

    Both patterns match within a line, so only lines that can hold a match are searched: those
    starting like a note, and those holding "See". Found there, the matches are those of a search
    over the whole text.
    """
    openings = [line_span(text, m.start() + 1) for m in _OPENING.finditer(text)]
    if text[:1] in NOTE_START:
        openings.insert(0, line_span(text, 0))
    spans = []
    for pattern, lines in ((NOTE_LINE, openings), (SEE_PART, lines_matching(_SEE, text))):
        for start, end in lines:
            spans += [m.span() for m in pattern.finditer(text, start, end)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


Fix = Callable[["regex.Match[str]"], "str | None"]


def in_notes(pattern: str, fix: Fix) -> Callable[[str, Context], Iterator[Proposal]]:
    """A ``find`` function applying ``pattern`` and ``fix`` inside note spans only."""
    compiled = regex.compile(pattern, regex.V1 | regex.MULTILINE)

    def find(text: str, ctx: Context) -> Iterator[Proposal]:
        for start, end in note_spans(text):
            for m in compiled.finditer(text, start, end):
                after = fix(m)
                if after is not None and after != m.group():
                    yield Proposal(m.start(), m.end(), after)

    return find


def _volume(m: regex.Match[str]) -> str | None:
    number, rest = m["n"], m.string[m.end() : m.end() + 40]
    if len(number) == 1 and number in "IVXLCDM" and regex.match(r"[.,]?\s+\p{Lu}\p{Ll}", rest):
        return None
    return ("Vols. " if m["t"] != "T" else "Vol. ") + number


VOLUME = EditRule(
    id="biblio.volume",
    stage=STAGE,
    message='Russian "T." (tom) for the volume of a reference',
    tier=Tier.SAFE,
    find=in_notes(r"(?<![\p{L}\d.])(?P<t>Tt|TT|T)\. ?(?P<n>[IVXLC]{1,6}|\d{1,3}(?:[–-]\d{1,3})?)(?=[.,;:)]|\s*$)",
                  _volume),
    examples=(
        Example("[5] Diplomatic dictionary. T. III. M., 1986.", "[5] Diplomatic dictionary. Vol. III. M., 1986."),
        Example("[6] Documents of the USSR foreign policy. T. III, M., 1959, p. 597.",
                "[6] Documents of the USSR foreign policy. Vol. III, M., 1959, p. 597."),
        Example("[12] System history of international relations. T. 1. M., 2007, p. 121.",
                "[12] System history of international relations. Vol. 1. M., 2007, p. 121."),
        Example("[2] Lenin V.I. Works. Tt. 1–3. Moscow, 1950.", "[2] Lenin V.I. Works. Vols. 1–3. Moscow, 1950."),
    ),
    leave_alone=(
        "The poet T. S. Eliot wrote it in T. III.",
        "[4] T. S. Eliot. The Waste Land. London, 1922.",
        "[4] Smith T. V. Memoirs. London, 1960.",
        "[7] Documents. Vol. III. Moscow, 1959.",
    ),
)


def _volume_count(m: regex.Match[str]) -> str:
    return f"in {m['n']} vols."


VOLUME_COUNT = EditRule(
    id="biblio.volume_count",
    stage=STAGE,
    message='Russian "tt." (tomakh) for the number of volumes of an edition',
    tier=Tier.SAFE,
    find=in_notes(r"\bin (?P<n>\d{1,3}|(?i:xnumx)(?:'s|’s)?) (?:tt|TT|t)\.", _volume_count),
    examples=(
        Example("[13] Frunze M.V. Collected works in 3 tt. Vol. 3.",
                "[13] Frunze M.V. Collected works in 3 vols. Vol. 3."),
        Example("See also: Collected works in xnumx's tt. Vol. 3.",
                "See also: Collected works in xnumx's vols. Vol. 3."),
        Example("[2] Lenin V.I. Selected works in 12 t. Moscow, 1987.",
                "[2] Lenin V.I. Selected works in 12 vols. Moscow, 1987."),
    ),
    leave_alone=(
        "The works appeared in 3 tt. before the war",
        "[2] Collected works in 3 vols. Vol. 3.",
        "[3] He was born in 3 Tt. street.",
    ),
)

CITIES = {"M": "Moscow", "L": "Leningrad", "SPb": "St Petersburg", "Pg": "Petrograd"}


def _city(m: regex.Match[str]) -> str | None:
    if m["gap"] and not m.string.startswith(":", m.end()):
        return None
    if m["second"]:
        return f"{CITIES[m['first']]}–{CITIES[m['second']]}"
    return CITIES[m["first"]]


CITY = EditRule(
    id="biblio.city",
    stage=STAGE,
    message='Russian abbreviation of the place of publication ("M." Moscow, "L." Leningrad, "SPb.")',
    tier=Tier.SAFE,
    find=in_notes(
        r"(?<=(?:^|[.,;:)\]])[ \t]+|^|\()(?P<first>M|L|SPb|Pg)(?P<gap> ?)\."
        r"(?:[ \t]?[—–-][ \t]?(?P<second>L|M|Pg) ?\.)?(?=[,:][ \t]?(?:[^,.\n]{1,60},[ \t]?)?\d)",
        _city,
    ),
    examples=(
        Example("[3] A. Kheyfets Soviet diplomacy (1921–1927). M., 1968, p. 83.",
                "[3] A. Kheyfets Soviet diplomacy (1921–1927). Moscow, 1968, p. 83."),
        Example("[13] Report. Collected works. Vol. 3. M. —L., 1929.",
                "[13] Report. Collected works. Vol. 3. Moscow–Leningrad, 1929."),
        Example("[2] Pushkin A.S. Poems. SPb., 1901.", "[2] Pushkin A.S. Poems. St Petersburg, 1901."),
        Example("[6] Documents. Vol. III, M.: Politizdat, 1959, p. 597.",
                "[6] Documents. Vol. III, Moscow: Politizdat, 1959, p. 597."),
        Example("[7] Tarle E.V. Works. L., 1959.", "[7] Tarle E.V. Works. Leningrad, 1959."),
        Example("[8] Tarle E.V. Works. M .: Nauka, 1959.", "[8] Tarle E.V. Works. Moscow: Nauka, 1959."),
    ),
    leave_alone=(
        "Works. M., 1968. He said it in prose.",
        "[4] M. Gorky. Mother. Moscow, 1968.",
        "[5] Tolstoy L., Gorky M., 1968 letters.",
        "[9] L. Tolstoy. War and Peace.",
    ),
)


def _pages(m: regex.Match[str]) -> str | None:
    if m["b"]:
        return f"pp. {m['a']}–{m['b']}"
    return f"p. {m['a']}"


PAGES = EditRule(
    id="biblio.pages",
    stage=STAGE,
    message='Page reference in Russian form ("p. 312 – 313", "S. 45"): English "pp. 312–313", "p. 45"',
    tier=Tier.SAFE,
    find=in_notes(
        r"(?<![\p{L}.])(?:pp?|(?<=[.,;] )P|(?<=(?:\d{4}|Ibid)[.,] )[SC])\. ?(?P<a>\d{1,5})"
        r"(?: ?[—–-] ?(?P<b>\d{1,5}))?(?![\d\p{L}])",
        _pages,
    ),
    examples=(
        Example("[5] Diplomatic dictionary. Vol. III. Moscow, 1986, p. 312 – 313.",
                "[5] Diplomatic dictionary. Vol. III. Moscow, 1986, pp. 312–313."),
        Example("[8] A. Kheyfets Soviet diplomacy and ..., p. 115 – 116.",
                "[8] A. Kheyfets Soviet diplomacy and ..., pp. 115–116."),
        Example("See: Kireev N.G. History. Moscow, 2007, p. 142-143.",
                "See: Kireev N.G. History. Moscow, 2007, pp. 142–143."),
        Example("[2] Works. Moscow, 1950, pp. 12 - 14.", "[2] Works. Moscow, 1950, pp. 12–14."),
        Example("[3] Works. Moscow, 1950. S. 45.", "[3] Works. Moscow, 1950. p. 45."),
        Example("[4] Works. Moscow, 1950, P. 45-47.", "[4] Works. Moscow, 1950, pp. 45–47."),
        Example("[5] Ibid. S. 12.", "[5] Ibid. p. 12."),
    ),
    leave_alone=(
        "as on p. 312–313 of the report",
        "[5] Diplomatic dictionary. Moscow, 1986, p. 312.",
        "[6] Works. Moscow, 1986, pp. 312–313.",
        "[7] Works. Moscow, 1986, p. 5.",
        "[8] S. 45 Smith. Letters. C. 3 Jones.",
        "[9] Ivanov P. 45 years in the Kremlin. Moscow, 1990.",
    ),
)


def _collected(m: regex.Match[str]) -> str:
    """The English title; the abbreviation's full stop stays when it also ends the sentence."""
    title = "Complete works" if m["full"] else "Collected works"
    ends_sentence = regex.match(r"\s*(?:$|[\p{Lu}\d\[(])", m.string[m.end() : m.end() + 3])
    return title + "." if ends_sentence else title


COLLECTED_WORKS = EditRule(
    id="biblio.collected_works",
    stage=STAGE,
    message='"Collected cit." and the like: the Russian "Sobr. soch." (Collected works) word by word',
    tier=Tier.SAFE,
    find=in_notes(
        r"\b(?P<full>(?:Full|Complete|Poln)\.? (?i:collected|collection|coll\.|sobr\.) )?"
        r"(?(full)|(?:Collected|Collection|Coll\.|Sobr\.) )(?i:cit|op|soch|essays?)\.",
        _collected,
    ),
    examples=(
        Example("See also: Frunze M.V. Report. Collected cit. in 3 vols.",
                "See also: Frunze M.V. Report. Collected works in 3 vols."),
        Example("[4] Lenin V.I. Full. collected cit. Vol. 45.", "[4] Lenin V.I. Complete works. Vol. 45."),
        Example("[5] Gorky M. Sobr. soch. Vol. 2.", "[5] Gorky M. Collected works. Vol. 2."),
    ),
    leave_alone=(
        "[4] V.I. Lenin. Collected works. Vol. 45.",
        "He quoted the Collected cit. of Gorky in prose.",
        "[6] Op. cit., p. 5.",
    ),
)

IBID = EditRule(
    id="biblio.ibid",
    stage=STAGE,
    message='"In the same place": the Russian "Tam zhe" (ibid.) word by word',
    tier=Tier.SAFE,
    find=in_notes(
        r"(?<=^[ \t]*\[\d{1,3}\][ \t]*|[.;][ \t])(?:In the same place|The same place|Right there)(?=[.,])",
        lambda m: "Ibid",
    ),
    examples=(
        Example("[7] In the same place. P. 45.", "[7] Ibid. P. 45."),
        Example("[8] Kheyfets A.N. Op. cit., p. 83; In the same place, p. 90.",
                "[8] Kheyfets A.N. Op. cit., p. 83; Ibid, p. 90."),
        Example("[9] Right there. Vol. 2.", "[9] Ibid. Vol. 2."),
    ),
    leave_alone=(
        "In the same place. P. 45, they met again.",
        "[7] Ibid. p. 45.",
        "[8] He stood in the same place, p. 4.",
    ),
)

RULES = [VOLUME, VOLUME_COUNT, CITY, PAGES, COLLECTED_WORKS, IBID]
