"""Casing after abbreviations: a capital the MT system put after an abbreviation's period.

What it fixes: "the Central Committee of the RCP (B.) Considered the proposal", "i.e. The rest".
Use instead: "the Central Committee of the RCP(b) considered the proposal", "i.e. the rest".
Why: the source's "РКП(б)" came out as "(B.)"; the MT system took the period for the end of a
sentence and capitalised the next word. Tier: the party suffix and a plainly common word after it
(a past-tense verb, a function word, a word its line writes in lower case and never
capitalises mid-sentence) are safe; other capitals after an abbreviation that cannot end a sentence
("e.g.", "i.e.", "cf.") are review: the word may be a name. "etc." and "U.S." can end a sentence
and are left alone.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import regex

from mtfix.model import Context, EditRule, Example, Tier
from mtfix.prefilter import line_span

STAGE = "case"

FUNCTION_WORDS = frozenset(
    regex.findall(
        r"\w+",
        "the a an and or but of in on at to for with from by as that which who was were is are has had "
        "have will would also then not it its this these those they he she we",
    )
)


class LineEvidence(NamedTuple):
    """What a line says about its words: the line, its words capitalised after a lower-case word, its letter runs."""

    line: str
    capitalised: frozenset[str]
    letters: frozenset[str]


def _line_of(m: regex.Match[str]) -> LineEvidence:
    """The evidence of the line holding the match: what a rule may read, so a line is judged the
    same whichever other lines the runner shows with it."""
    return _line_words(m.string, *line_span(m.string, m.start()))


CAPITALISED_MID_SENTENCE = regex.compile(r"\b\p{Ll}[\p{L},]* (\p{Lu}\p{Ll}+)\b")
LETTERS = regex.compile(r"\p{L}+")


@functools.lru_cache(maxsize=16)
def _line_words(text: str, start: int, end: int) -> LineEvidence:
    """The evidence of the line ``text[start:end]``, read once per line, not once per match: a long
    line with many matches takes linear time."""
    line = text[start:end]
    capitalised = frozenset(m[1] for m in CAPITALISED_MID_SENTENCE.finditer(line, overlapped=True))
    return LineEvidence(line, capitalised, frozenset(LETTERS.findall(line)))


def _common(word: str, evidence: LineEvidence) -> bool:
    """Whether a capitalised ``word`` after an abbreviation is a common word, not a name.

    A word its line writes capitalised after a lower-case word is a name; one the line writes in
    lower case, or ending in "ed", is common.

    >>> _common("Considered", _line_words("the Central Committee considered", 0, 32))
    True
    >>> _common("Central", _line_words("the Central Committee", 0, 21))
    False
    """
    lower = word.lower()
    if lower in FUNCTION_WORDS:
        return True
    if word in evidence.capitalised:
        return False
    if not LETTERS.fullmatch(lower):  # lower-casing added a mark ("İ"): search the line itself
        attested = regex.search(rf"(?<!\p{{L}}){regex.escape(lower)}(?!\p{{L}})", evidence.line) is not None
    else:
        attested = lower in evidence.letters
    return lower.endswith("ed") or attested


PARTY = (
    r"(?<![\p{L}\p{N}])(?P<party>\p{Lu}{0,5}P(?:SU)?)(?: ?\((?P<suffix>[Bb]\.?|[Bb] \.)\))"
    r"(?: (?P<word>\p{Lu}\p{Ll}+)(?![\p{L}\p{N}]))?"
)


def _party(m: regex.Match[str], ctx: Context) -> str | None:
    word = m["word"]
    fixed = f"{m['party']}(b)"
    if word:
        lower = m["suffix"].endswith(".") and _common(word, _line_of(m))
        fixed += " " + (word.lower() if lower else word)
    return fixed


PARTY_SUFFIX = EditRule(
    id="case.party_suffix",
    stage=STAGE,
    message="Bolshevik party suffix '(b)' mangled, and a capital after its period",
    tier=Tier.SAFE,
    pattern=PARTY,
    fix=_party,
    prefilter=r"P(?:SU)? ?\([Bb]",
    examples=(
        Example("the Central Committee of the RCP (B.) Considered the proposal",
                "the Central Committee of the RCP(b) considered the proposal"),
        Example("the RSDLP (B.) Decided to act", "the RSDLP(b) decided to act"),
        Example("the CPSU (B.) Approved the plan", "the CPSU(b) approved the plan"),
        Example("the AUCP(B) and the Comintern", "the AUCP(b) and the Comintern"),
        Example("the VKP (b) Central Committee met", "the VKP(b) Central Committee met"),
        Example("the CP (B.) Central Committee; the Central", "the CP(b) Central Committee; the Central"),
    ),
    leave_alone=(
        "Now it’s easy to (b) judge the diplomats",
        "see item (b) Considered above",
        "the RCP(b) considered the proposal",
        "the VKP(b) Central Committee",
    ),
)

# Abbreviations that cannot end a sentence, so a capital after them is not a sentence start.
NON_FINAL = r"(?:e\.g\.|i\.e\.|cf\.|viz\.|approx\.|incl\.|resp\.|esp\.|vs\.)"


def _after_abbreviation(m: regex.Match[str], ctx: Context) -> str | None:
    word = m["word"]
    return word.lower() if _common(word, _line_of(m)) else None


AFTER_ABBREV = EditRule(
    id="case.after_abbrev",
    stage=STAGE,
    message="Capital after an abbreviation inside a sentence",
    tier=Tier.REVIEW,
    pattern=rf"(?:(?<![\p{{L}}.]){NON_FINAL}|(?<![\p{{L}}\p{{N}}])\p{{Lu}}{{0,5}}P(?:SU)?\(b\)),?"
    r" (?P<word>\p{Lu}\p{Ll}+)\b",
    group="word",
    fix=_after_abbreviation,
    # The abbreviation's full stop, looked for first and then behind (several times faster than
    # its words), or the party suffix.
    prefilter=r"\.(?<=e\.g\.|i\.e\.|cf\.|viz\.|approx\.|incl\.|resp\.|esp\.|vs\.)|P(?:SU)?\(b\)",
    examples=(
        Example("the costs, i.e. The rent and the wages", "the costs, i.e. the rent and the wages"),
        Example("some vaccines, e.g. The one made in Russia", "some vaccines, e.g. the one made in Russia"),
        Example("the RCP(b) Adopted a resolution", "the RCP(b) adopted a resolution"),
        Example("the CPSU(b) Adopted a resolution", "the CPSU(b) adopted a resolution"),
    ),
    leave_alone=(
        "flowers, trees, etc. Many people came",
        "the U.S. President spoke",
        "big cities, e.g. Moscow and St. Petersburg",
        "the VKP(b) Central Committee and the Central Committee",
    ),
)

RULES = [PARTY_SUFFIX, AFTER_ABBREV]
