"""Unicode repair: mojibake, Cyrillic look-alike letters and Cyrillic words left in English text.

What it fixes: "side â€” coconut", "Pontoon21Â®" (through ftfy's safe fixers), "105Ñ…195", "GAVRIÅ\xa0"
(Cyrillic or Central European UTF-8 read as Windows-1252, which ftfy leaves), "WНO" with a Cyrillic "Н"
inside a Latin word, "105х195" with a Cyrillic "х" as the sign of a size. Use instead: "side — coconut",
"Pontoon21®", "105х195" (then "105x195"), "GAVRIŠ", "WHO". Why: a text decoded with the wrong codec on its
way through the MT system; Cyrillic letters kept from the source. Tier: mojibake is safe (only ftfy's
encoding fixers run, never its style changes; the pair decoder accepts only byte runs that decode to
Cyrillic or Latin Extended-A letters); a look-alike letter is review (human texts keep them too); a whole
Cyrillic word is a finding, since only a translator can say what it should be; so is a word mixing the
scripts that no look-alike swap repairs ("ФG77") and a lone Cyrillic initial before Latin ("В. K.
Arsenyev": "В" is the initial V, not B), while a Latin look-alike inside a Cyrillic word ("Oвсянки") is a
review suggestion to write it in Cyrillic.
"""

from __future__ import annotations

import difflib
import re
import string
from collections import Counter
from collections.abc import Callable
from functools import cache, partial

import regex

from mtfix.model import Context, EditRule, Example, FindingRule, Proposal, Tier

STAGE = "unicode"


@cache
def _fix_encoding() -> Callable[[str], str]:
    """ftfy with only its encoding fixers; imported on the first line that may hold mojibake (start-up)."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return partial(ftfy.fix_text, config=config)


# Characters that a UTF-8 byte becomes when decoded as Windows-1252 or Latin-1.
MOJIBAKE_HINT = (
    r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2}"
)
_HINT = regex.compile(r"[^\n]*" + MOJIBAKE_HINT + r"[^\n]*")


def _mojibake(text: str, ctx: Context) -> list[Proposal]:
    proposals = []
    for m in _HINT.finditer(text):
        fixed = _fix_encoding()(m.group())
        if fixed != m.group() and "\n" not in fixed:
            proposals += _hunks(m.start(), m.group(), fixed)
    return proposals


# Beyond this many characters, a line's repair stays one edit (the runner trims it to the changed part):
# the alignment below takes time quadratic in the line's length.
_HUNK_LIMIT = 2000


def _hunks(at: int, old: str, new: str) -> list[Proposal]:
    """The edits turning ``old`` (at ``at`` in the text) into ``new``, one per changed stretch.

    ftfy mends each run of mojibake and leaves the text between them, so the line's repair is several
    small edits: a reviewer sees each, and one beside markup ("â€”&amp;â€”" in XML) is placed as well.

    >>> [(p.start, p.end, p.after) for p in _hunks(10, "â€”&â€”", "—&—")]
    [(10, 13, '—'), (14, 17, '—')]
    """
    if len(old) > _HUNK_LIMIT:
        return [Proposal(at, at + len(old), new)]
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    return [Proposal(at + i, at + j, new[k:n]) for op, i, j, k, n in opcodes if op != "equal"]


MOJIBAKE = EditRule(
    id="unicode.mojibake",
    stage=STAGE,
    message="Mojibake: UTF-8 text decoded with the wrong codec",
    tier=Tier.SAFE,
    find=_mojibake,
    prefilter=r"[^\x00-\x7f]{2}",  # every hint pair is two non-ASCII characters; this scan is far faster
    examples=(
        Example("each side â€” coconut supports the back", "each side — coconut supports the back"),
        Example("from the Pontoon21Â® company", "from the Pontoon21® company"),
        Example("Weâ€™re here", "We’re here"),
        Example("the cafÃ© is open", "the café is open"),
        Example("salt â€”&â€” pepper", "salt —&— pepper"),
    ),
    leave_alone=(
        "the café in Saarbrücken is open",
        "“Curly quotes” and ‘single’ stay — as do dashes…",
        "ﬁne ligatures and ＡＢＣ wide letters stay",
        "£5 or €5 — ©2014 Ünal",
    ),
)

# What the UTF-8 continuation bytes 0x80-0xBF look like when read as Windows-1252 (Latin-1 for the
# five bytes Windows-1252 leaves undefined).
_CONTINUATION = "".join(
    bytes([b]).decode("cp1252", errors="replace") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
    for b in range(0x80, 0xC0)
)
_ANY = regex.escape(_CONTINUATION)
# Lead bytes 0xC4-0xC5 (Latin Extended-A: Š, č, ł, ő) and 0xD0-0xD1 (Cyrillic), read as Windows-1252.
_PAIR = f"(?:[ÄÅÐÑ][{_ANY}]|Â[{regex.escape(_CONTINUATION[0x20:])}])"
# Two or more pairs; a lone Cyrillic pair away from letters ("105Ñ…195", not "NIÑ…"); a lone Latin
# Extended-A pair inside a word ("GAVRIÅ\xa0", "VÅ\xa0E").
_PAIR_RUN = regex.compile(
    f"{_PAIR}{{2,}}|(?<!\\p{{L}})[ÐÑ][{_ANY}](?!\\p{{L}})|(?<=\\p{{Lu}})[ÄÅ][{_ANY}]|[ÄÅ][{_ANY}](?=\\p{{Ll}})",
    regex.V1,
)
_WANTED = regex.compile(r"[\p{Cyrillic}\u0100-\u017f]", regex.V1)


def _to_bytes(text: str) -> bytes:
    return b"".join(
        bytes([ord(c)]) if c in _CONTINUATION and ord(c) < 0x100 else c.encode("cp1252") for c in text
    )


def _pair_mojibake(text: str, ctx: Context) -> list[Proposal]:
    proposals = []
    for m in _PAIR_RUN.finditer(text):
        try:
            decoded = _to_bytes(m.group()).decode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            continue
        if _WANTED.search(decoded):
            proposals.append(Proposal(m.start(), m.end(), decoded))
    return proposals


MOJIBAKE_PAIRS = EditRule(
    id="unicode.mojibake_pairs",
    stage=STAGE,
    message="Mojibake: Cyrillic or Central European UTF-8 letters decoded as Windows-1252",
    tier=Tier.SAFE,
    find=_pair_mojibake,
    prefilter=r"[^\x00-\x7f]{2}",
    examples=(
        Example("Promtex Micropacket Prestige Mattress 105Ñ…195.", "Promtex Micropacket Prestige Mattress 105х195."),
        Example("Mattress 90Ñ…190Ñ…27, weight 27.9 kg.", "Mattress 90х190х27, weight 27.9 kg."),
        Example("the range from -50 to 50Â°Ð¡.", "the range from -50 to 50°С."),
        Example("the site ÐŸÑ€Ð°Ð²Ð´Ð° said", "the site Правда said"),
        Example("Tomato seeds GAVRIÅ\xa0 Pink Bush", "Tomato seeds GAVRIŠ Pink Bush"),
        Example("a student of VÅ\xa0E was arrested", "a student of VŠE was arrested"),
        Example("Lech WaÅ‚Ä™sa spoke", "Lech Wałęsa spoke"),
    ),
    leave_alone=(
        "ESPAÑA and NIÑO and Ðón",
        "Promtex Mattress 105х195.",
        "the PIÑ… brand",
        "ÅSA and ÄRZTE and Å™ alone",
        "the range to 50°С.",
    ),
)

# Cyrillic letters that look like Latin ones, and the Latin letter meant.
HOMOGLYPHS = dict(zip("АВЕКМНОРСТХаеорсухіјѕԁԛԝ", "ABEKMHOPCTXaeopcyxijsdqw", strict=True))
_LOOKALIKE = "".join(HOMOGLYPHS)
_MIXED_WORD = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?=[\p{{Latin}}{_LOOKALIKE}]*\p{{Latin}})(?=[\p{{Latin}}{_LOOKALIKE}]*[{_LOOKALIKE}])"
    rf"[\p{{Latin}}{_LOOKALIKE}]+(?![\p{{L}}\p{{N}}])|(?<=° ?)[СсК](?!\p{{L}})"
    r"|(?<=(?<![\p{L}\p{N}.,])\d+(?:[.,]\d+)?(?:[xXхХ×]\d+(?:[.,]\d+)?)*)[хХ](?=\d)",
    regex.V1,
)


def _homoglyphs(text: str, ctx: Context) -> list[Proposal]:
    proposals = []
    for m in _MIXED_WORD.finditer(text):
        latin = "".join(HOMOGLYPHS.get(c, c) for c in m.group())
        if latin != m.group():
            proposals.append(Proposal(m.start(), m.end(), latin))
    return proposals


CYRILLIC_LOOKALIKE = EditRule(
    id="unicode.cyrillic_lookalike",
    stage=STAGE,
    message="Cyrillic letter that looks like a Latin one, in a Latin word or in a size such as 105x195",
    tier=Tier.REVIEW,
    find=_homoglyphs,
    # Every edit puts a Latin letter for one of them; all lie in the Cyrillic blocks, a range scanned fast.
    prefilter=r"[\u0400-\u052f]",
    examples=(
        Example("According to WНO data", "According to WHO data"),
        Example("the range to 50°С.", "the range to 50°C."),
        Example("the Сoca-Cola bottle", "the Coca-Cola bottle"),
        Example("it was + 22 ° С at noon", "it was + 22 ° C at noon"),
        Example("in Prazі and Kyіv", "in Prazi and Kyiv"),
        Example("Mattress Prestige 105х195.", "Mattress Prestige 105x195."),
        Example("DS mattress 90x190х27, weight", "DS mattress 90x190x27, weight"),
    ),
    leave_alone=(
        "According to WHO data",
        "Mattress 105x195 and 90×190×27",
        "the code ААх1 and Х5 Group",
        "the newspaper Правда and Москва",
        "the café in Saarbrücken",
    ),
)


_MIXED_SCRIPT = regex.compile(
    r"(?<![\p{L}\p{N}])(?=[\p{L}\p{N}]*\p{Latin})(?=[\p{L}\p{N}]*\p{Cyrillic})[\p{L}\p{N}]+(?![\p{L}\p{N}])"
    r"|(?<![\p{L}\p{N}.])(?<!\p{Cyrillic}[.,]? )\p{Cyrillic}\.?(?= \p{Latin})",
    regex.V1,
)


# Latin letters that look like Cyrillic ones, and the Cyrillic letter meant.
LATIN_LOOKALIKES = {latin: cyrillic for cyrillic, latin in HOMOGLYPHS.items() if ord(cyrillic) < 0x450}


def _to_cyrillic(word: str) -> str | None:
    """``word`` in Cyrillic when it is a Cyrillic word with Latin look-alike letters ("Oвсянки"), else None."""
    latin = [c for c in word if c.isascii() and c.isalpha()]
    cyrillic = sum(1 for c in word if _CYRILLIC_LETTER.match(c))
    if {c for c in word if c.isalpha()} <= set("xXхХ"):
        return None  # the sign of dimensions, "90x190х27": Latin or Cyrillic, it is neither's word
    if not latin or cyrillic < len(latin) or any(c not in LATIN_LOOKALIKES for c in latin):
        return None
    return "".join(LATIN_LOOKALIKES.get(c, c) for c in word)


def _latin_lookalikes(text: str, ctx: Context) -> list[Proposal]:
    found = []
    for m in _MIXED_SCRIPT.finditer(text):
        cyrillic = _to_cyrillic(m.group())
        if cyrillic is not None:
            found.append(Proposal(m.start(), m.end(), cyrillic))
    return found


LATIN_LOOKALIKE = EditRule(
    id="unicode.latin_lookalike",
    stage=STAGE,
    message="Latin letter that looks like a Cyrillic one inside a Cyrillic word",
    tier=Tier.REVIEW,
    find=_latin_lookalikes,
    prefilter=r"[\u0400-\u052f]",
    examples=(
        Example("the Oвсянки village", "the Овсянки village"),
        Example("licence ФC77-123", "licence ФС77-123"),
        Example("the newspaper Пpавда", "the newspaper Правда"),
    ),
    leave_alone=(
        "According to WНO data",
        "the newspaper Правда",
        "Mattress 105х195",
        "the Bar ж sign",
        "mattress 90x190х27, weight 27.9 kg",
    ),
)


def _mixed_script(text: str, ctx: Context) -> list[Proposal]:
    """Words mixing Cyrillic and Latin letters that no look-alike swap repairs ("Oвсянки", "ФC77"),
    and a lone Cyrillic letter or abbreviation before a Latin word ("г. Moscow")."""
    if ctx.doc.get("cyrillic_share", 1.0) >= 0.5:
        return []
    found = []
    for m in _MIXED_SCRIPT.finditer(text):
        word = m.group()
        latin = any(c.isascii() and c.isalpha() for c in word)
        if (latin and all(c in HOMOGLYPHS or not _CYRILLIC_LETTER.match(c) for c in word)) or _to_cyrillic(word):
            continue  # a look-alike rule repairs it; a lone letter ("В. K. Arsenyev") it cannot read
        found.append(Proposal(m.start(), m.end()))
    return found


MIXED_SCRIPT = FindingRule(
    id="unicode.mixed_script",
    stage=STAGE,
    message="Cyrillic letters inside or beside a Latin word: a letter or abbreviation left from the source",
    find=_mixed_script,
    prefilter=r"[\u0400-\u052f]",
    examples=(
        Example("the Oвсянкиs village", flagged="Oвсянкиs"),
        Example("the ФG77 plant", flagged="ФG77"),
        Example("born in г. Moscow", flagged="г."),
        Example("the prize of В. K. Arsenyev was", flagged="В."),
    ),
    leave_alone=(
        "According to WНO data",
        "Mattress 105х195",
        "the newspaper Правда and Москва",
        "plain English text",
        "г. Москва",
    ),
)


def _cyrillic_words(text: str, ctx: Context) -> list[Proposal]:
    if ctx.doc.get("cyrillic_share", 1.0) >= 0.5:
        return []
    return [Proposal(m.start(), m.end()) for m in _CYRILLIC_WORD.finditer(text)]


_CYRILLIC_WORD = regex.compile(
    r"(?<![\p{L}\p{N}.-])\p{Cyrillic}{2,}(?:[-’']\p{Cyrillic}+)*(?![\p{L}\p{N}])", regex.V1
)


def _cyrillic_share(raw: str) -> float:
    """The share of letters in ``raw`` that are Cyrillic; a Russian text has no "left-over" words.

    ASCII letters are counted on the text's ASCII bytes; every other character is judged once per
    distinct character, so a megabyte costs a few milliseconds rather than a scan for each letter.

    >>> round(_cyrillic_share("Moscow and Москва"), 2)
    0.4
    """
    ascii_bytes = raw.encode("ascii", "ignore")
    letters = len(ascii_bytes) - len(ascii_bytes.translate(None, _ASCII_LETTERS))
    cyrillic = 0
    for char, count in Counter("".join(_NON_ASCII.findall(raw))).items():
        if _LETTER.match(char):
            letters += count
            cyrillic += count if _CYRILLIC_LETTER.match(char) else 0
    return cyrillic / letters if letters else 0.0


_ASCII_LETTERS = string.ascii_letters.encode()
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_LETTER = regex.compile(r"\p{L}")
_CYRILLIC_LETTER = regex.compile(r"[\p{L}&&\p{Cyrillic}]", regex.V1)


DOC_FACTS = {"cyrillic_share": _cyrillic_share}

CYRILLIC_WORD = FindingRule(
    id="unicode.cyrillic_word",
    stage=STAGE,
    message="Word left in Cyrillic in English text; only a translator can render it",
    find=_cyrillic_words,
    prefilter=r"[^\x00-\x7f]{2}",
    examples=(
        Example("the newspaper Правда wrote", flagged="Правда"),
        Example("he said спасибо and left", flagged="спасибо"),
        Example("in the village of Верхние-Луки today", flagged="Верхние-Луки"),
    ),
    leave_alone=(
        "Mattress 105х195 and 90х190х27",
        "According to WНO data",
        "see https://премияарсеньева.рф/ now",
        "plain English text",
    ),
)

RULES = [MOJIBAKE, MOJIBAKE_PAIRS, CYRILLIC_LOOKALIKE, LATIN_LOOKALIKE, MIXED_SCRIPT, CYRILLIC_WORD]
