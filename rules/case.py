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


def _line_of(m: regex.Match[str]) -> str:
    """The line holding the match: the evidence a rule may read, so a line is judged the same
    whichever other lines the runner shows with it."""
    start, end = line_span(m.string, m.start())
    return m.string[start:end]


def _capitalised_mid_sentence(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` capitalised after a lower-case word (so it is a name)."""
    return regex.search(rf"\b\p{{Ll}}[\p{{L}},]* {regex.escape(word)}\b", text) is not None


def _common(word: str, text: str) -> bool:
    """Whether a capitalised ``word`` after an abbreviation is a common word, not a name.

    >>> _common("Considered", "the Central Committee considered"), _common("Central", "the Central Committee")
    (True, False)
    """
    lower = word.lower()
    if lower in FUNCTION_WORDS:
        return True
    if _capitalised_mid_sentence(word, text):
        return False
    attested = regex.search(rf"(?<!\p{{L}}){regex.escape(lower)}(?!\p{{L}})", text) is not None
    return lower.endswith("ed") or attested


PARTY = (
    r"(?<![\p{L}\p{N}])(?P<party>\p{Lu}{0,5}P)(?: ?\((?P<suffix>[Bb]\.?|[Bb] \.)\))"
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
    prefilter=r"P ?\([Bb]",
    examples=(
        Example("the Central Committee of the RCP (B.) Considered the proposal",
                "the Central Committee of the RCP(b) considered the proposal"),
        Example("the RSDLP (B.) Decided to act", "the RSDLP(b) decided to act"),
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
    pattern=rf"(?:(?<![\p{{L}}.]){NON_FINAL}|(?<![\p{{L}}\p{{N}}])\p{{Lu}}{{0,5}}P\(b\)),?"
    r" (?P<word>\p{Lu}\p{Ll}+)\b",
    group="word",
    fix=_after_abbreviation,
    # The abbreviation's full stop, looked for first and then behind (several times faster than
    # its words), or the party suffix.
    prefilter=r"\.(?<=e\.g\.|i\.e\.|cf\.|viz\.|approx\.|incl\.|resp\.|esp\.|vs\.)|P\(b\)",
    examples=(
        Example("the costs, i.e. The rent and the wages", "the costs, i.e. the rent and the wages"),
        Example("some vaccines, e.g. The one made in Russia", "some vaccines, e.g. the one made in Russia"),
        Example("the RCP(b) Adopted a resolution", "the RCP(b) adopted a resolution"),
    ),
    leave_alone=(
        "flowers, trees, etc. Many people came",
        "the U.S. President spoke",
        "big cities, e.g. Moscow and St. Petersburg",
        "the VKP(b) Central Committee and the Central Committee",
    ),
)

RULES = [PARTY_SUFFIX, AFTER_ABBREV]
