"""Unicode repair: mojibake (UTF-8 read as Windows-1252 or Latin-1), through ftfy's safe fixers.

What it fixes: "side â€” coconut", "Pontoon21Â®". Why: a text decoded with the wrong codec on its
way through the MT system. Tier: safe; only ftfy's encoding fixers run, never its style changes
(curly quotes, ligatures, character width, normalisation stay as they are).
"""

from __future__ import annotations

import ftfy
import regex

from pipeline.model import Context, Proposal, Rule, Tier

STAGE = "unicode"

SAFE_FTFY = ftfy.TextFixerConfig(
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

# Characters that a UTF-8 byte becomes when decoded as Windows-1252 or Latin-1.
MOJIBAKE_HINT = (
    r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2}"
)
_HINT = regex.compile(r"[^\n]*" + MOJIBAKE_HINT + r"[^\n]*")


def _mojibake(text: str, ctx: Context) -> list[Proposal]:
    proposals = []
    for m in _HINT.finditer(text):
        fixed = ftfy.fix_text(m.group(), SAFE_FTFY)
        if fixed != m.group() and "\n" not in fixed:
            proposals.append(Proposal(m.start(), m.end(), fixed))
    return proposals


MOJIBAKE = Rule(
    id="unicode.mojibake",
    message="Mojibake: UTF-8 text decoded with the wrong codec",
    tier=Tier.SAFE,
    find=_mojibake,
    prefilter=MOJIBAKE_HINT,
    examples=(
        ("each side â€” coconut supports the back", "each side — coconut supports the back"),
        ("from the Pontoon21Â® company", "from the Pontoon21® company"),
        ("Weâ€™re here", "We’re here"),
        ("the cafÃ© is open", "the café is open"),
    ),
    leave_alone=(
        "the café in Saarbrücken is open",
        "“Curly quotes” and ‘single’ stay — as do dashes…",
        "ﬁne ligatures and ＡＢＣ wide letters stay",
        "£5 or €5 — ©2014 Ünal",
    ),
)

RULES = [MOJIBAKE]
