"""Placeholders without source: numbers the MT system replaced with "xnumx".

What it reports: "by March xnumx", "Owner ST-xnumx hooks", "in XNUMX-s", "in xnumx's tt.", "the XNUMXth
century". Why: some MT pipelines mask digits as XNUMX and never put them back; the number is gone from the English.
Tier: finding; the number can only be restored from the source text (never guessed), which a
source-aware rule of this stage does when the user gives the source: on a line with a source this rule
is silent, and ``placeholder.restore`` / ``placeholder.unresolved`` (rules/source.py) speak instead.
"""

from __future__ import annotations

import regex

from mtfix.model import Context, Example, FindingRule, Proposal

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


XNUMX = FindingRule(
    id="placeholder.xnumx",
    stage=STAGE,
    message="Number lost to placeholder; restoring needs the source",
    find=_placeholders,
    prefilter=r"(?i)xnumx",
    examples=(
        Example("a vaccine adapted for Omicron by March xnumx.", flagged="xnumx"),
        Example("Collected cit. in xnumx's tt.", flagged="xnumx's"),
        Example("Wobbler Pontoon21, Bet-A Vib, XNUMX Silent", flagged="XNUMX"),
        Example("the fashion of the XNUMX-s", flagged="XNUMX-s"),
        Example("in the XNUMXth century", flagged="XNUMXth"),
        Example("a debt of $XNUMXm", flagged="XNUMX"),
    ),
    leave_alone=(
        "a vaccine adapted for Omicron by March 2022.",
        "the numbers xnum and numx",
        "Collected works in 3 vols.",
        Example("Thickened bottom up to XNUMX cm.", source="Утолщённое дно до 6 мм."),
    ),
)

RULES = [XNUMX]
