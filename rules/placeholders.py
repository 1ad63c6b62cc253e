"""Placeholders without source: numbers the MT system replaced with "xnumx".

What it reports: "by March xnumx", "Owner ST-xnumx hooks", "in XNUMX-s", "in xnumx's tt.", "the XNUMXth
century". Why: some MT pipelines mask digits as XNUMX and never put them back; the number is gone from the English.
Tier: finding; the number can only be restored from the source text (never guessed), which a
source-aware rule of this stage does when the user gives the source: on a line with a source this rule
is silent, and ``placeholder.restore`` / ``placeholder.unresolved`` (rules/source.py) speak instead.
"""

from __future__ import annotations

import regex

from mtfix.model import Context, Proposal, Rule, Tier

STAGE = "source"

PLACEHOLDER = regex.compile(r"xnumx(?:-?(?:st|nd|rd|th)|-?s|['’]s)?(?:(?<=[$€£]xnumx)(?=(?:k|m|mn|bn|b|tn)\b)"
                            r"|(?![\p{L}\p{N}]))", regex.IGNORECASE | regex.V1)


def _placeholders(text: str, ctx: Context) -> list[Proposal]:
    return [
        Proposal(
            m.start(),
            m.end(),
            None,
            f"Line {ctx.line_index(m.start()) + 1}: number lost to placeholder {m.group()!r}; "
            "restoring needs the source",
        )
        for m in PLACEHOLDER.finditer(text)
        if ctx.source_line(m.start()) is None
    ]


XNUMX = Rule(
    id="placeholder.xnumx",
    message="Number lost to placeholder; restoring needs the source",
    tier=Tier.FINDING,
    find=_placeholders,
    prefilter=r"(?i)xnumx",
    examples=(
        ("a vaccine adapted for Omicron by March xnumx.", "xnumx"),
        ("Collected cit. in xnumx's tt.", "xnumx's"),
        ("Wobbler Pontoon21, Bet-A Vib, XNUMX Silent", "XNUMX"),
        ("the fashion of the XNUMX-s", "XNUMX-s"),
        ("in the XNUMXth century", "XNUMXth"),
        ("a debt of $XNUMXm", "XNUMX"),
    ),
    leave_alone=(
        "a vaccine adapted for Omicron by March 2022.",
        "the numbers xnum and numx",
        "Collected works in 3 vols.",
        "Thickened bottom up to XNUMX cm.",
    ),
    sources=(("Thickened bottom up to XNUMX cm.", "Утолщённое дно до 6 мм."),),
)

RULES = [XNUMX]
