"""Terms: place names and terms the MT system transliterated wrongly, from a glossary.

What it fixes: "Karsk region" (the Russian adjective "Карсская" read as a name), "Gosduma",
"Rostov-na-Donu". Use instead: "Kars region", "State Duma", "Rostov-on-Don". Why: the MT system
transliterates what an English text translates or names differently. The glossary is
``rules/glossary.tsv`` (columns wrong, right, note and, optionally, source: the Russian term, read by the
translation-file QA in ``pipeline/qa.py``; a header row) plus any rows the user passes in
``Context.glossary``. Matches are whole words; the case of the text is kept ("KARSK" becomes
"KARS"). Tier: safe; a glossary row is a decision someone already made.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import regex

from mtfix.model import Context, EditRule, Example, Proposal, Tier
from mtfix.prefilter import anchored, lines_matching

STAGE = "term"

GLOSSARY_TSV = Path(__file__).with_name("glossary.tsv")


class GlossaryError(ValueError):
    """A glossary row that cannot be used; the message names the file and line."""


def glossary_rows(path: Path) -> tuple[tuple[str, str, str, str], ...]:
    """The (wrong, right, note, source) rows of a glossary TSV with a header row; source is optional.

    The header is ``wrong, right, note`` or ``wrong, right, note, source``; without the source column
    every row's source is empty.

    >>> glossary_rows(GLOSSARY_TSV)[0]
    ('Karsk', 'Kars', 'Karsskaya oblast: the adjective of Kars rendered as a place name', 'Карс')
    """
    rows = []
    columns = 3
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if number == 1:
                header = [c.strip().lower() for c in row]
                if header not in (["wrong", "right", "note"], ["wrong", "right", "note", "source"]):
                    raise GlossaryError(f"{path}:1: header must be 'wrong<TAB>right<TAB>note[<TAB>source]', "
                                        f"got {row!r}")
                columns = len(header)
                continue
            if not row:
                continue
            if len(row) != columns or not row[0].strip() or not row[1].strip():
                names = "wrong, right, note" + (", source" if columns == 4 else "")
                raise GlossaryError(f"{path}:{number}: expected {columns} tab-separated columns ({names})")
            if any(cell != cell.strip() for cell in (row[0], row[1], *row[3:])):
                raise GlossaryError(f"{path}:{number}: stray spaces around a term")
            rows.append((row[0], row[1], row[2], row[3] if columns == 4 else ""))
    return tuple(rows)


def load_glossary(path: Path) -> tuple[tuple[str, str, str], ...]:
    """The (wrong, right, note) rows of a glossary TSV with a header row.

    >>> load_glossary(GLOSSARY_TSV)[0]
    ('Karsk', 'Kars', 'Karsskaya oblast: the adjective of Kars rendered as a place name')
    """
    return tuple(row[:3] for row in glossary_rows(path))


def _with_case(found: str, wrong: str, right: str) -> str:
    """``right`` in the case ``found`` shows: as written, or all capitals.

    >>> _with_case("KARSK", "Karsk", "Kars"), _with_case("Karsk", "Karsk", "Kars")
    ('KARS', 'Kars')
    """
    if found != wrong and found.isupper():
        return right.upper()
    return right


Rows = tuple[tuple[str, str, str], ...]


@cache
def _compiled(rows: Rows) -> tuple[regex.Pattern[str], list[re.Pattern[str]], dict[str, tuple[str, str]]]:
    """The whole-word pattern of the terms, patterns of their bare occurrences, and the row of each."""
    lookup: dict[str, tuple[str, str]] = {}
    for wrong, right, _ in rows:
        lookup.setdefault(wrong, (wrong, right))
        lookup.setdefault(wrong.upper(), (wrong, right))
    terms = sorted(lookup, key=len, reverse=True)
    alternatives = "|".join(regex.escape(w) for w in terms)
    whole_word = regex.compile(rf"(?<![\p{{L}}\p{{N}}-])(?:{alternatives})(?![\p{{L}}\p{{N}}]|-\p{{L}})")
    return whole_word, [re.compile(pattern) for pattern in anchored(terms)], lookup


def _terms(text: str, ctx: Context) -> Iterable[Proposal]:
    """Each whole-word term, read only on the lines that hold a term at all.

    Every whole-word match is an occurrence of a term, so a line without one has no match; the
    occurrences are found from their rarest characters (see ``prefilter.anchored``). The whole-word pattern
    gives a line read alone the matches it gives it in the whole text: its lookarounds take a line
    break and the end of the text alike (neither is a letter, a digit or a hyphen).
    """
    rows = (*ctx.glossary, *PROJECT_GLOSSARY)
    whole_word, occurrences, lookup = _compiled(rows)
    for start, end in sorted({span for pattern in occurrences for span in lines_matching(pattern, text)}):
        for m in whole_word.finditer(text, start, end):
            wrong, right = lookup[m.group()]
            yield Proposal(m.start(), m.end(), _with_case(m.group(), wrong, right))


PROJECT_GLOSSARY = load_glossary(GLOSSARY_TSV)

GLOSSARY = EditRule(
    id="term.glossary",
    stage=STAGE,
    message="Term the glossary marks as a wrong transliteration",
    tier=Tier.SAFE,
    find=_terms,
    examples=(
        Example("Turkey was transferred to the Karsk region", "Turkey was transferred to the Kars region"),
        Example("THE KARSK REGION", "THE KARS REGION"),
        Example("to Rostov-na-Donu after the Gosduma vote", "to Rostov-on-Don after the State Duma vote"),
    ),
    leave_alone=(
        "the Kars region and Karskoe more",
        "Karska street and Karsky",
        "the Sankt-Peterburger Zeitung",
        "karsk in lower case is not the name",
    ),
)

RULES = [GLOSSARY]
